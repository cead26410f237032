import ArgumentParser
import Foundation
import LedgerCore
import LedgerStore

struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the entries as JSON Lines, the blobs and the latest checkpoint (events/FORMAT.md §14).",
        discussion: "The export is the stored bytes as they are, unchecked: verify it with tools/verify-ledger.py."
    )

    @OptionGroup var storeOptions: StoreOptions
    @Option(help: "The output folder; it must not exist or be empty.") var out: String

    func run() async throws {
        let store = try storeOptions.openForReading()
        let count = try await Exporter.export(store, to: out)
        print(
            "exported \(count.entries) entries, \(count.blobs) blobs\(count.checkpoint ? " and the latest checkpoint" : "") to \(out)"
        )
    }
}

enum Exporter {
    static func export(
        _ store: any EventStore,
        to out: String
    ) async throws(CLIError) -> (entries: Int, blobs: Int, checkpoint: Bool) {
        let files = FileManager.default
        if let existing = try? files.contentsOfDirectory(atPath: out), !existing.isEmpty {
            throw .usage("\(out) is not empty; export writes into a new or empty folder")
        }
        let outURL = URL(fileURLWithPath: out)
        let blobsURL = outURL.appendingPathComponent("blobs")
        do {
            try files.createDirectory(at: blobsURL, withIntermediateDirectories: true)
        } catch {
            throw .usage("cannot create \(out): \(error.localizedDescription)")
        }
        guard let handle = Self.create(outURL.appendingPathComponent("entries.jsonl")) else {
            throw .usage("cannot write \(out)/entries.jsonl")
        }
        defer { try? handle.close() }
        var entries = 0
        try await storeCall { () async throws(StoreError) in
            try await store.scan(chunkSize: 4096) { chunk in
                var buffer: [UInt8] = []
                for bytes in chunk {
                    buffer.append(contentsOf: bytes)
                    buffer.append(0x0A)
                }
                try handle.write(contentsOf: buffer)
                entries += chunk.count
                return true
            }
        }
        let hashes = try await storeCall { () async throws(StoreError) in try await store.blobHashes() }
        for hash in hashes {
            let bytes = try await storeCall { () async throws(StoreError) in try await store.blob(hash) }
            guard let bytes else { continue }
            do {
                try Data(bytes).write(to: blobsURL.appendingPathComponent(hash.hex))
            } catch {
                throw .usage("cannot write blob \(hash.hex): \(error.localizedDescription)")
            }
        }
        let checkpoint = try await storeCall { () async throws(StoreError) in try await store.latestCheckpoint() }
        if let checkpoint {
            try Checkpoints.output(checkpoint.serialized, to: outURL.appendingPathComponent("checkpoint").path)
        }
        return (entries, hashes.count, checkpoint != nil)
    }

    private static func create(_ url: URL) -> FileHandle? {
        guard FileManager.default.createFile(atPath: url.path, contents: nil) else { return nil }
        return try? FileHandle(forWritingTo: url)
    }
}
