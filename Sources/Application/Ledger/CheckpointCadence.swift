public import Foundation
public import LedgerCore
public import LedgerStore

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The server's own checkpoints: signed with a log key whenever the ledger has grown by
/// `everyEntries`, or has grown at all in `everySeconds`, kept in the store and handed to every
/// witness (a folder, or a URL that takes the note by POST). Without them the only checkpoints are
/// those a person signs by hand, and a lost tail of the ledger goes unnoticed until then.
public struct CheckpointCadence: Sendable {
    /// Where checkpoints are handed.
    public enum Witness: Sendable, CustomStringConvertible {
        case folder(WitnessFolder)
        case url(URL)

        /// A witness named on the command line: an http(s) URL, else a folder.
        public init(_ text: String) {
            if let url = URL(string: text), ["http", "https"].contains(url.scheme ?? "") {
                self = .url(url)
            } else {
                self = .folder(WitnessFolder(folder: URL(fileURLWithPath: text)))
            }
        }

        public var description: String {
            switch self {
            case .folder(let folder): folder.folder.path
            case .url(let url): url.absoluteString
            }
        }
    }

    public let key: SigningKey
    public let everyEntries: Int
    public let everySeconds: Int
    public let witnesses: [Witness]

    public init(key: SigningKey, everyEntries: Int, everySeconds: Int, witnesses: [Witness]) {
        self.key = key
        self.everyEntries = everyEntries
        self.everySeconds = everySeconds
        self.witnesses = witnesses
    }

    /// The last checkpoint signed: its size and when.
    public struct Signed: Sendable {
        public let size: Int
        public let at: ContinuousClock.Instant
    }

    /// Signs and hands out a checkpoint if one is due; returns the last one signed. `report` is
    /// told of each checkpoint and of each witness that could not take it (retried next time).
    public func step(
        _ log: any EventStore,
        last: Signed?,
        report: (String) -> Void
    ) async throws(Checkpointing.Failure) -> Signed? {
        let size: Int
        do { size = try await log.size() } catch { throw .store(error) }
        let now = ContinuousClock.now
        guard size > (last?.size ?? 0) else { return last }
        if let last, size - last.size < everyEntries, now - last.at < .seconds(everySeconds) { return last }
        let note = try await Checkpointing.sign(log, key: key, size: size)
        do { try await log.saveCheckpoint(note) } catch { throw .store(error) }
        var handed = 0
        for witness in witnesses {
            do {
                try await hand(note, size: size, to: witness)
                handed += 1
            } catch {
                report("checkpoint of \(size) entries not handed to \(witness): \(error.localizedDescription)")
            }
        }
        report("checkpoint of \(size) entries signed and handed to \(handed) of \(witnesses.count) witness(es)")
        return Signed(size: size, at: now)
    }

    /// Runs `step` every `interval` until cancelled.
    public func run(_ log: any EventStore, interval: Duration = .seconds(5), report: (String) -> Void) async {
        var last: Signed?
        while !Task.isCancelled {
            do {
                last = try await step(log, last: last, report: report)
            } catch {
                report("no checkpoint this time: \(error.description)")
            }
            try? await Task.sleep(for: interval)
        }
    }

    private func hand(_ note: SignedNote, size: Int, to witness: Witness) async throws {
        switch witness {
        case .folder(let folder):
            try folder.keep(note, size: size)
        case .url(let url):
            var request = URLRequest(url: url, timeoutInterval: 10)
            request.httpMethod = "POST"
            request.setValue("text/plain; charset=utf-8", forHTTPHeaderField: "Content-Type")
            let (_, response) = try await URLSession.shared.upload(for: request, from: Data(note.serialized.utf8))
            guard let status = (response as? HTTPURLResponse)?.statusCode, (200..<300).contains(status) else {
                throw URLError(.badServerResponse)
            }
        }
    }
}
