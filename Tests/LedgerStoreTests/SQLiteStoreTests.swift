import Foundation
import LedgerCore
import LedgerStore
import LedgerTestSupport
import SQLiteStore
import Testing

@Suite("SQLite store")
struct SQLiteStoreTests {
    let fixture = Fixture()

    func path() -> String { Scratch.path("sqlite", "sqlite") }

    /// A new ledger file holding the seeded keys and then `batch`; its store is closed again, so
    /// the file is all there is.
    func seededFile(appending batch: [SignedStatement] = [], at seconds: Int64 = 1) async throws -> String {
        let file = path()
        let store: any EventStore = try SQLiteStore(path: file, create: true)
        try await fixture.seeded(store)
        if !batch.isEmpty { _ = try await store.append(batch, recordedAt: fixture.at(seconds)) }
        return file
    }

    @Test func reopeningRestoresKeysPolicyAndHead() async throws {
        let file = try await seededFile(appending: [fixture.revoke(fixture.officer, by: fixture.secretariat)])
        let reopened: any EventStore = try SQLiteStore(path: file, create: false)
        let state = try await reopened.state()
        #expect(state.size == 4)
        #expect(state.keys[fixture.officer.keyID]?.revokedAt == 3)
        #expect(state.policy[fixture.noteType] == [.secretariat, .unitOfficer])
        let next = try await reopened.append([fixture.note("tiếp", by: fixture.secretariat)], recordedAt: fixture.at(2))
        #expect(next[0].seq == 4)
        #expect(try await reopened.verify().isValid)
    }

    /// GRDB's WAL setup leaves the writer at `synchronous = NORMAL`, which syncs only at
    /// checkpoints: an acknowledged append could vanish in a power cut. The store asks for FULL
    /// (2), after GRDB's setup, on new and reopened files alike.
    @Test func theWriterSyncsEveryCommitAndCheckpointsEvery16384Pages() async throws {
        let file = path()
        let created = try SQLiteStore(path: file, create: true)
        try await fixture.seeded(created)
        let reopened = try SQLiteStore(path: file, create: false)
        for store in [created, reopened] {
            let settings = try store.writerSettings()
            #expect(settings.synchronous == 2)
            #expect(settings.walAutocheckpoint == 16384)
        }
    }

    @Test func twoWritersOnOneFileNeverLeaveGapsOrDuplicates() async throws {
        let file = path()
        let first: any EventStore = try SQLiteStore(path: file, create: true)
        try await fixture.seeded(first)
        let second: any EventStore = try SQLiteStore(path: file, create: false)
        let fixture = self.fixture
        try await withThrowingTaskGroup(of: Void.self) { group in
            for (writer, store) in [first, second].enumerated() {
                group.addTask {
                    for round in 0..<20 {
                        _ = try await store.append(
                            [
                                fixture.note("w\(writer) r\(round) a", by: fixture.officer),
                                fixture.note("w\(writer) r\(round) b", by: fixture.secretariat),
                            ],
                            recordedAt: fixture.at(Int64(round))
                        )
                    }
                }
            }
            try await group.waitForAll()
        }
        let stored = try await second.entries(from: 0, limit: 1000)
        #expect(stored.map(\.seq) == Array(0..<83))
        #expect(try await first.verify().isValid)
    }

    @Test func missingFileIsNotSilentlyCreatedForReading() {
        #expect(throws: StoreError.self) { try SQLiteStore(path: path(), create: false) }
        #expect(throws: StoreError.self) { try SQLiteStore(readingOnly: path()) }
    }

    /// Verifying must not change what it verifies: the file's bytes stay as they were, and an
    /// append through a store opened for reading is refused without writing anything.
    @Test func aStoreOpenedForReadingVerifiesWithoutWritingAndRefusesAppends() async throws {
        let file = try await seededFile()
        let before = try Data(contentsOf: URL(fileURLWithPath: file))
        let reader: any EventStore = try SQLiteStore(readingOnly: file)
        let report = try await reader.verify()
        #expect(report.isValid)
        #expect(report.size == 3)
        await #expect(throws: StoreError.self) {
            _ = try await reader.append(
                [fixture.note("không được", by: fixture.secretariat)],
                recordedAt: fixture.at(1)
            )
        }
        #expect(try await reader.size() == 3)
        #expect(try Data(contentsOf: URL(fileURLWithPath: file)) == before)
    }

    /// A ledger read without locks (as immutable: the reader may not write it) is checked not to
    /// have changed at every read: a writer that appends meanwhile could have rewritten pages
    /// under the reader, so the read fails instead of giving a verdict on torn pages.
    @Test func aLedgerReadWithoutLocksRefusesToReadOnceAWriterHasChangedIt() async throws {
        let file = try await seededFile()
        let reader: any EventStore = try SQLiteStore(readingOnly: file, withoutLocks: true)
        #expect(try await reader.verify().isValid)
        #expect(!FileManager.default.fileExists(atPath: file + "-shm"), "an immutable read made an index file")
        let writer: any EventStore = try SQLiteStore(path: file, create: false)
        _ = try await writer.append([fixture.note("trong khi đọc", by: fixture.officer)], recordedAt: fixture.at(1))
        let refusal = await #expect(throws: StoreError.self) { try await reader.verify() }
        #expect(refusal?.message.contains("changed while it was read without locks") == true)
    }

    /// A SQLite file that is not a ledger, or one a newer build migrated further, is refused by
    /// name rather than read as an empty or half-understood ledger.
    @Test func readingRefusesFilesThatAreNotLedgersThisBuildKnows() async throws {
        let other = path()
        try runSQL(other, "CREATE TABLE t (x INTEGER)")
        let notALedger = #expect(throws: StoreError.self) { try SQLiteStore(readingOnly: other) }
        #expect(notALedger?.message.contains("has no ledger tables") == true)
        let newer = try await seededFile()
        try runSQL(newer, "INSERT INTO grdb_migrations (identifier) VALUES ('v99: from the future')")
        let tooNew = #expect(throws: StoreError.self) { try SQLiteStore(readingOnly: newer) }
        #expect(tooNew?.message.contains("written by a newer parledger") == true)
    }

    /// Verifying in chunks of any size gives the same verdict, at the same position: the verify
    /// pipeline starts the first chunk in two pieces and carries the keys each chunk registers to
    /// the next, so no entry may be lost, repeated or judged against the wrong keys at a boundary.
    @Test func everyChunkSizeGivesTheSameVerdictAtTheSamePosition() async throws {
        let file = try await seededFile(
            appending: (0..<30).map {
                fixture.note("ghi chú \($0)", by: $0 % 2 == 0 ? fixture.officer : fixture.secretariat)
            },
            at: 2
        )
        let sizes = [1, 2, 3, 5, 8, 16, 64, 2048]
        let store: any EventStore = try SQLiteStore(readingOnly: file)
        var roots: Set<SHA256Hash> = []
        for size in sizes {
            let report = try await store.verify(chunkSize: size)
            #expect(report.isValid, "chunks of \(size): \(report.failure?.line ?? "")")
            #expect(report.size == 33)
            roots.insert(report.root)
        }
        #expect(roots.count == 1)
        try runSQL(
            file,
            "DROP TRIGGER entries_no_update; UPDATE entries SET bytes = CAST(replace(CAST(bytes AS TEXT), "
                + "'ghi chú 17\"', 'ghi chú 71\"') AS BLOB) WHERE seq = 20"
        )
        for size in sizes {
            let failure = try await store.verify(chunkSize: size).failure
            #expect(failure?.seq == 20, "chunks of \(size)")
            #expect(failure?.violation.code == .signature, "chunks of \(size)")
        }
    }

    private func runSQL(_ file: String, _ sql: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        process.arguments = [file, sql]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
    }
}
