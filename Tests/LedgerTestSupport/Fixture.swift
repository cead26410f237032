import Foundation
public import LedgerCore
public import LedgerStore
import PostgresStore
import SQLiteStore

/// People and statements for store tests: a small province with fixed keys.
public struct Fixture: Sendable {
    public init() {}

    public let ledger = LedgerID("test.travinh.gov.vn/par/2023")!
    public let authority = SigningKey(seed: Array(repeating: 1, count: 32), name: "UBND tỉnh")!
    public let secretariat = SigningKey(seed: Array(repeating: 2, count: 32), name: "Sở Nội vụ")!
    public let officer = SigningKey(seed: Array(repeating: 3, count: 32), name: "Nguyễn Văn A")!
    public let stranger = SigningKey(seed: Array(repeating: 4, count: 32), name: "Người lạ")!
    public let clerk = SigningKey(seed: Array(repeating: 5, count: 32), name: "Trần Thị B")!
    public let noteType = EventType("note.recorded/v1")!
    public let start = Timestamp(text: "2023-10-16T08:00:00.000Z")!

    let counter = Counter()

    public final class Counter: @unchecked Sendable {
        // Tests run their statements from one task at a time; the lock only guards parallel suites.
        private let lock = NSLock()
        private var value = 0
        public func next() -> Int {
            lock.lock()
            defer { lock.unlock() }
            value += 1
            return value
        }
    }

    public func id(_ n: Int) -> StatementID {
        StatementID(randomBytes: (0..<16).map { UInt8(truncatingIfNeeded: n >> (8 * ($0 % 4))) })
    }

    public func statement(
        _ type: EventType,
        _ payload: [String: JSONValue],
        by key: SigningKey,
        id explicit: StatementID? = nil,
        ledger: LedgerID? = nil
    ) -> SignedStatement {
        let statement = try! Statement(  // test fixture: payloads are literals known to be valid
            ledger: ledger ?? self.ledger,
            statementID: explicit ?? id(counter.next()),
            type: type,
            actor: key.keyID,
            claimedAt: start,
            payload: payload
        )
        return SignedStatement(statement: statement, signedBy: key)
    }

    public func genesis() -> SignedStatement {
        statement(
            ControlEvent.genesisType,
            ControlEvent.genesisPayload(authority: authority, policy: [noteType: [.secretariat, .unitOfficer]]),
            by: authority
        )
    }

    public func register(
        _ key: SigningKey,
        _ role: Role,
        unit: String? = nil,
        by signer: SigningKey? = nil
    ) -> SignedStatement {
        var payload: [String: JSONValue] = [
            "keyId": .string(key.keyID.hex), "name": .string(key.name), "publicKey": .string(key.publicKey.text),
            "role": .string(role.rawValue),
        ]
        if let unit { payload["unit"] = .string(unit) }
        return statement(ControlEvent.keyRegisteredType, payload, by: signer ?? authority)
    }

    public func revoke(_ key: SigningKey, by signer: SigningKey? = nil) -> SignedStatement {
        statement(
            ControlEvent.keyRevokedType,
            ["keyId": .string(key.keyID.hex), "reason": "Nghỉ hưu"],
            by: signer ?? authority
        )
    }

    public func note(_ text: String, by key: SigningKey) -> SignedStatement {
        statement(noteType, ["text": .string(text)], by: key)
    }

    /// A ledger with a secretariat and a unit officer registered.
    public func seeded(_ store: any EventStore) async throws {
        _ = try await store.append(
            [
                genesis(), register(secretariat, .secretariat),
                register(officer, .unitOfficer, unit: "STP", by: secretariat),
            ],
            recordedAt: start
        )
    }

    public func at(_ seconds: Int64) -> Timestamp { start.adding(milliseconds: seconds * 1000) }
}

/// Every store the conformance suite holds to the same contract: PostgreSQL too when a server is
/// configured (`PostgresTestDatabase`; the PostgreSQL suites report the skip otherwise).
public enum Stores {
    public static let kinds = ["memory", "sqlite"] + (PostgresTestDatabase.isConfigured ? ["postgres"] : [])

    public static func make(_ kind: String, rules: (any StatementRules)? = nil) throws -> any EventStore {
        switch kind {
        case "sqlite":
            return try SQLiteStore(path: Scratch.path("store", "sqlite"), create: true, rules: rules)
        case "postgres":
            // Each store is a fresh ledger in the shared test database, recording at the times the
            // tests give (the contract is the same whoever's clock it is; PostgresClockTests holds
            // the database server's clock to its own).
            _ = try PostgresTestDatabase.requireAppURL()
            return try PostgresStore(
                url: PostgresTestDatabase.url(ledger: PostgresTestDatabase.freshLedger()),
                create: true,
                rules: rules,
                ownerURL: PostgresTestDatabase.ownerURL,
                clock: .caller,
                callDeadline: PostgresTestDatabase.callDeadline
            )
        default:
            return InMemoryStore(rules: rules)
        }
    }

    /// The read side a store of that kind comes with: the cache file beside a SQLite ledger, the
    /// PostgreSQL store's own tables, memory beside a memory store.
    public static func derived(for store: any EventStore) -> any DerivedStore {
        if let sqlite = store as? SQLiteStore { return SQLiteDerivedStore.beside(ledgerPath: sqlite.path) }
        if let postgres = store as? PostgresStore { return postgres }
        return InMemoryDerivedStore()
    }
}
