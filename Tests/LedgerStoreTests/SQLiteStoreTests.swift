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

    @Test func reopeningRestoresKeysPolicyAndHead() async throws {
        let file = path()
        do {
            let store: any EventStore = try SQLiteStore(path: file, create: true)
            try await fixture.seeded(store)
            _ = try await store.append(
                [fixture.revoke(fixture.officer, by: fixture.secretariat)],
                recordedAt: fixture.at(1)
            )
        }
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
    }
}
