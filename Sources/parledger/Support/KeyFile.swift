import Application
import ArgumentParser
import Foundation
import LedgerCore

/// `--passphrase-file FILE` and `--unprotected`, on every command that reads or writes a private
/// key file. Scripts may set `PARLEDGER_PASSPHRASE_FILE` and `PARLEDGER_UNPROTECTED=1` to open
/// keys; neither changes how `key new` writes one (only the flags, or
/// `PARLEDGER_NEW_PASSPHRASE_FILE`, do), so a new colleague's key is never sealed with someone
/// else's passphrase, nor left bare, by an exported variable.
struct KeyAccess: ParsableArguments {
    @Option(
        name: .customLong("passphrase-file"),
        help: "Read the key file's passphrase from this file's first line instead of asking on the terminal."
    )
    var passphraseFile: String?
    @Flag(
        help:
            "Use (or, with key new, write) a key file with no passphrase: anyone who copies it can sign. For demonstrations only."
    )
    var unprotected = false

    var allowsUnprotected: Bool {
        unprotected || ProcessInfo.processInfo.environment["PARLEDGER_UNPROTECTED"] == "1"
    }

    var passphrasePath: String? { passphraseFile ?? Self.environment("PARLEDGER_PASSPHRASE_FILE") }

    /// Where a new key's passphrase comes from, if not from the terminal.
    var newPassphrasePath: String? { passphraseFile ?? Self.environment("PARLEDGER_NEW_PASSPHRASE_FILE") }

    private static func environment(_ name: String) -> String? {
        ProcessInfo.processInfo.environment[name].flatMap { $0.isEmpty ? nil : $0 }
    }
}

/// A private key file: written with mode 0600 and never overwritten (`KeyFileCodec` says what is
/// in it). The seed is never printed.
enum KeyFile {
    /// Writes a new key file, protected unless `access` says `--unprotected`.
    static func write(_ key: SigningKey, to path: String, _ access: KeyAccess) throws(CLIError) {
        if access.unprotected {
            try create(path, KeyFileCodec.unprotected(key))
        } else {
            let passphrase = try newPassphrase(access, for: key.name)
            try create(path, try sealed(key, passphrase))
        }
    }

    /// An unprotected file (the demo's keys).
    static func writeUnprotected(_ key: SigningKey, to path: String) throws(CLIError) {
        try create(path, KeyFileCodec.unprotected(key))
    }

    /// The key in a file, opened with its passphrase.
    static func read(_ path: String, _ access: KeyAccess) throws(CLIError) -> SigningKey {
        switch try content(path) {
        case .unprotected(let key):
            guard access.allowsUnprotected else {
                throw .usage(
                    "\(path) has no passphrase: anyone who copies it can sign as \(key.name). Protect it with "
                        + "`parledger key passphrase \(path)`, or say --unprotected to use it as it is"
                )
            }
            return key
        case .protected(let sealed):
            return try open(sealed, path: path, access)
        }
    }

    /// The key's public facts, read without its passphrase (`key show`, `todo`).
    static func publicKey(_ path: String) throws(CLIError) -> (name: String, publicKey: PublicSigningKey) {
        switch try content(path) {
        case .unprotected(let key): (key.name, key.publicKey)
        case .protected(let sealed): (sealed.name, sealed.publicKey)
        }
    }

    /// Protects (or re-protects) a key file with a new passphrase, replacing it atomically.
    static func changePassphrase(_ path: String, _ access: KeyAccess, newPassphraseFile: String?) throws(CLIError) {
        // Protecting an unprotected file is the remedy the refusal names: no --unprotected needed.
        let key: SigningKey
        switch try content(path) {
        case .unprotected(let bare): key = bare
        case .protected(let sealed): key = try open(sealed, path: path, access)
        }
        let passphrase: String
        if let newPassphraseFile {
            passphrase = try firstLine(of: newPassphraseFile)
        } else if let source = access.newPassphrasePath, case .unprotected = try content(path) {
            // A bare file has no old passphrase: the one given is the new one.
            passphrase = try firstLine(of: source)
        } else {
            passphrase = try Terminal.newPassphrase(for: key.name)
        }
        let bytes = try sealed(key, passphrase)
        let temporary = path + ".new"
        unlink(temporary)
        try create(temporary, bytes)
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw .usage("cannot replace \(path): \(reason)")
        }
    }

    private static func content(_ path: String) throws(CLIError) -> KeyFileCodec.Content {
        let data = try InputFile.contents(path, what: "key file ")
        do throws(KeyFileCodec.Problem) {
            return try KeyFileCodec.read([UInt8](data))
        } catch {
            throw .usage("\(path) \(error.description)")
        }
    }

    private static func open(
        _ sealed: KeyFileCodec.SealedKey,
        path: String,
        _ access: KeyAccess
    ) throws(CLIError) -> SigningKey {
        if let source = access.passphrasePath {
            let passphrase = try firstLine(of: source)
            do throws(KeyFileCodec.Problem) {
                return try sealed.open(passphrase: passphrase)
            } catch {
                throw .usage("\(path) \(error.description) (passphrase from \(source))")
            }
        }
        // On a terminal the holder gets three tries, as with sudo.
        for attempt in 1...3 {
            let passphrase = try Terminal.passphrase(prompt: "Mật khẩu của khóa \(sealed.name) (\(path)): ")
            do throws(KeyFileCodec.Problem) {
                return try sealed.open(passphrase: passphrase)
            } catch {
                if attempt == 3 || error != .wrongPassphrase { throw .usage("\(path) \(error.description)") }
                Terminal.say("Mật khẩu không đúng, nhập lại.")
            }
        }
        throw .usage("\(path) \(KeyFileCodec.Problem.wrongPassphrase.description)")
    }

    private static func newPassphrase(_ access: KeyAccess, for name: String) throws(CLIError) -> String {
        if let source = access.newPassphrasePath { return try firstLine(of: source) }
        return try Terminal.newPassphrase(for: name)
    }

    private static func sealed(_ key: SigningKey, _ passphrase: String) throws(CLIError) -> [UInt8] {
        do throws(KeyFileCodec.Problem) {
            return try KeyFileCodec.protected(key, passphrase: passphrase)
        } catch {
            throw .usage(error.description)
        }
    }

    /// A passphrase file's first line, without its line ending.
    private static func firstLine(of path: String) throws(CLIError) -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .usage("cannot read passphrase file \(path)")
        }
        var text = String(decoding: data, as: UTF8.self)
        // Notepad starts a UTF-8 file with a byte-order mark, which is not part of the passphrase.
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        let line =
            text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).first.map(String.init) ?? ""
        guard !line.isEmpty else { throw .usage("passphrase file \(path) is empty") }
        return line
    }

    /// Creates `path` with mode 0600; O_EXCL makes "never overwrite" atomic.
    private static func create(_ path: String, _ bytes: [UInt8]) throws(CLIError) {
        let descriptor = Foundation.open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard descriptor >= 0 else {
            if errno == EEXIST { throw .usage("\(path) already exists; a key file is never overwritten") }
            throw .usage("cannot create \(path): \(String(cString: strerror(errno)))")
        }
        let written = bytes.withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress, $0.count) }
        let synced = written == bytes.count && fsync(descriptor) == 0
        let reason = String(cString: strerror(errno))
        close(descriptor)
        guard synced else {
            // A partial key file would block the next `key new` (never overwritten): remove it.
            unlink(path)
            throw .usage("cannot write \(path): \(reason)")
        }
    }
}

/// Asking for a passphrase on the controlling terminal, without echo.
enum Terminal {
    static func passphrase(prompt: String) throws(CLIError) -> String {
        let tty = Foundation.open("/dev/tty", O_RDWR)
        guard tty >= 0 else {
            throw .usage(
                "there is no terminal to ask the passphrase on: give --passphrase-file FILE"
            )
        }
        defer { close(tty) }
        var original = termios()
        let hasAttributes = tcgetattr(tty, &original) == 0
        if hasAttributes {
            var silent = original
            // Without ISIG, Ctrl-C arrives as a byte (read below as "cancelled") instead of killing
            // the process with the terminal's echo still off.
            silent.c_lflag &= ~tcflag_t(ECHO | ISIG)
            tcsetattr(tty, TCSAFLUSH, &silent)
        }
        // The prompt only once echo is off: a line typed as soon as it shows must neither be
        // echoed nor be discarded by the flush above (which is what happened the other way round).
        write(tty, prompt)
        defer {
            // Restored without a flush, so what is typed ahead of the next prompt is kept.
            if hasAttributes { tcsetattr(tty, TCSADRAIN, &original) }
            write(tty, "\n")
        }
        var bytes: [UInt8] = []
        var byte: UInt8 = 0
        while true {
            guard read(tty, &byte, 1) == 1, byte != 0x03, byte != 0x04 else {
                throw .usage("cancelled: no passphrase was given")
            }
            if byte == 0x0A || byte == 0x0D { break }
            guard bytes.count < 4096 else { throw .usage("the passphrase is longer than 4,096 bytes") }
            bytes.append(byte)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// A new passphrase, typed twice.
    static func newPassphrase(for name: String) throws(CLIError) -> String {
        let first = try passphrase(prompt: "Đặt mật khẩu cho khóa của \(name) (ít nhất 8 ký tự): ")
        let second = try passphrase(prompt: "Nhập lại mật khẩu: ")
        guard first == second else { throw .usage("the two passphrases differ; nothing was written") }
        return first
    }

    static func say(_ line: String) {
        let tty = Foundation.open("/dev/tty", O_WRONLY)
        guard tty >= 0 else { return }
        write(tty, line + "\n")
        close(tty)
    }

    private static func write(_ descriptor: Int32, _ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress, $0.count) }
    }
}
