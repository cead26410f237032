import Foundation
import LedgerCore

/// A private key file: canonical JSON, mode 0600, never overwritten.
///
/// `{"format":"parledger-key/v1","keyId":…,"name":…,"publicKey":"ed25519:…","seed":"base64"}`.
/// The seed is the RFC 8032 private key; nothing prints it.
enum KeyFile {
    static let format = "parledger-key/v1"

    static func write(_ key: SigningKey, to path: String) throws(CLIError) {
        let bytes = CanonicalJSON.encode([
            "format": .string(format), "keyId": .string(key.keyID.hex), "name": .string(key.name),
            "publicKey": .string(key.publicKey.text), "seed": .string(Base64.encode(key.seed)),
        ])
        // O_EXCL makes "refuse to overwrite" atomic: no check-then-write race.
        let descriptor = Foundation.open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard descriptor >= 0 else {
            if errno == EEXIST { throw .usage("\(path) already exists; a key file is never overwritten") }
            throw .usage("cannot create \(path): \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        let output = bytes + [0x0A]
        let written = output.withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress, $0.count) }
        guard written == output.count else { throw .usage("cannot write \(path): \(String(cString: strerror(errno)))") }
    }

    static func read(_ path: String) throws(CLIError) -> SigningKey {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .usage("cannot read key file \(path)")
        }
        var bytes = [UInt8](data)
        if bytes.last == 0x0A { bytes.removeLast() }
        guard let value = try? CanonicalJSON.parse(bytes), value["format"]?.stringValue == format,
            let name = value["name"]?.stringValue, let seedText = value["seed"]?.stringValue,
            let seed = Base64.decode(seedText), let key = SigningKey(seed: seed, name: name)
        else { throw .usage("\(path) is not a parledger key file") }
        if let publicText = value["publicKey"]?.stringValue, publicText != key.publicKey.text {
            throw .usage("\(path) is damaged: its public key does not match its private key")
        }
        return key
    }
}
