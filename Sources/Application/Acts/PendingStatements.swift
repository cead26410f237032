public import Foundation
public import LedgerCore

/// Signed statements the store has not yet acknowledged, one file each, kept until their answer
/// arrives.
///
/// An answer can be lost after the store has committed (the process killed, the connection cut).
/// A retry that signed a new statement would record the act twice; a retry that re-sends the kept
/// statement cannot, because the store answers an already-recorded statement id with its existing
/// entry. So an act is kept here before it is sent, found again when the same act (same ledger,
/// signer, type and payload) is repeated, and forgotten once the store has answered for it.
public struct PendingStatements: Sendable {
    /// One kept statement and the act it stands for.
    public struct Kept: Sendable {
        /// What identifies the act: see `fingerprint`.
        public let fingerprint: String
        public let signed: SignedStatement
    }

    /// The folder holding one file per kept statement.
    public let folder: URL

    public init(folder: URL) {
        self.folder = folder
    }

    /// The folder of this user's kept statements: `$PARLEDGER_STATE_DIR/pending`, else
    /// `$XDG_STATE_HOME/parledger/pending`, else `~/.local/state/parledger/pending`.
    public static func standard(
        environment: [String: String] = ProcessInfo.processInfo.environment
    )
        -> PendingStatements
    {
        let state: URL
        if let folder = environment["PARLEDGER_STATE_DIR"], !folder.isEmpty {
            state = URL(fileURLWithPath: folder)
        } else if let folder = environment["XDG_STATE_HOME"], !folder.isEmpty {
            state = URL(fileURLWithPath: folder).appendingPathComponent("parledger")
        } else {
            state = FileManager.default.homeDirectoryForCurrentUser
                .appendingPathComponent(".local/state/parledger")
        }
        return PendingStatements(folder: state.appendingPathComponent("pending"))
    }

    /// The act a statement stands for, whatever its id and time: a hash of its ledger, signer,
    /// type and payload.
    public static func fingerprint(of statement: Statement) -> String {
        var bytes = Array(statement.ledger.text.utf8) + [0]
        bytes += Array(statement.actor.hex.utf8) + [0]
        bytes += Array(statement.type.text.utf8) + [0]
        bytes += statement.payloadBytes
        return SHA256Hash.of(bytes).hex
    }

    /// The kept statement for the act `fingerprint`, if one is waiting.
    public func find(_ fingerprint: String) throws(PendingError) -> SignedStatement? {
        let file = self.file(fingerprint)
        guard FileManager.default.fileExists(atPath: file.path) else { return nil }
        return try read(file, fingerprint: fingerprint).signed
    }

    /// Every kept statement, oldest claim first.
    public func all() throws(PendingError) -> [Kept] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        } catch {
            if !FileManager.default.fileExists(atPath: folder.path) { return [] }
            throw PendingError("cannot list the kept statements in \(folder.path)")
        }
        var kept: [Kept] = []
        for name in names where name.hasSuffix(".json") {
            let fingerprint = String(name.dropLast(".json".count))
            kept.append(try read(folder.appendingPathComponent(name), fingerprint: fingerprint))
        }
        return kept.sorted { $0.signed.statement.claimedAt < $1.signed.statement.claimedAt }
    }

    /// Keeps `signed` on disk, synced, before it is sent: a crash after this point leaves it to be
    /// re-sent.
    public func keep(_ signed: SignedStatement) throws(PendingError) {
        let fingerprint = Self.fingerprint(of: signed.statement)
        var bytes = Array(#"{"signature":""#.utf8)
        bytes += Array(Base64.encode(signed.signature).utf8)
        bytes += Array(#"","statement":"#.utf8)
        bytes += signed.statement.canonicalBytes
        bytes += Array("}\n".utf8)
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let temporary = folder.appendingPathComponent(
                ".\(fingerprint).\(ProcessInfo.processInfo.processIdentifier)"
            )
            guard FileManager.default.createFile(atPath: temporary.path, contents: nil) else {
                throw PendingError("cannot write in \(folder.path)")
            }
            let handle = try FileHandle(forWritingTo: temporary)
            try handle.write(contentsOf: bytes)
            try handle.synchronize()
            try handle.close()
            guard rename(temporary.path, file(fingerprint).path) == 0 else {
                throw PendingError("cannot write \(file(fingerprint).path)")
            }
        } catch let error as PendingError {
            throw error
        } catch {
            throw PendingError("cannot keep the signed statement in \(folder.path): \(error.localizedDescription)")
        }
    }

    /// Forgets the statement of act `fingerprint`: the store has answered for it.
    public func forget(_ fingerprint: String) {
        try? FileManager.default.removeItem(at: file(fingerprint))
    }

    /// Forgets the kept statement `entry` records, once its answer has been shown.
    public func forget(answered entry: Entry) {
        let fingerprint = Self.fingerprint(of: entry.statement)
        guard (try? find(fingerprint))??.statement.statementID == entry.statement.statementID else { return }
        forget(fingerprint)
    }

    private func file(_ fingerprint: String) -> URL {
        folder.appendingPathComponent("\(fingerprint).json")
    }

    private func read(_ file: URL, fingerprint: String) throws(PendingError) -> Kept {
        let damaged = PendingError(
            "the kept statement \(file.path) is damaged; delete it if its act is recorded or no longer wanted"
        )
        guard let data = FileManager.default.contents(atPath: file.path),
            let json = try? CanonicalJSON.parse(Array([UInt8](data).dropLast(data.last == UInt8(ascii: "\n") ? 1 : 0))),
            let object = json.objectValue, let statementJSON = object["statement"],
            let signature = object["signature"]?.stringValue.flatMap(Base64.decode), signature.count == 64,
            let statement = try? Statement(json: statementJSON),
            Self.fingerprint(of: statement) == fingerprint
        else { throw damaged }
        return Kept(fingerprint: fingerprint, signed: SignedStatement(statement: statement, signature: signature))
    }
}

/// Why the kept statements could not be read or written.
public struct PendingError: Error, Sendable, CustomStringConvertible {
    public let description: String

    init(_ description: String) {
        self.description = description
    }
}
