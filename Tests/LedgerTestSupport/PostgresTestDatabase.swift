import Foundation
import PostgresStore
public import Testing

/// The PostgreSQL server the tests may use: `tools/with-postgres` exports its URLs (the
/// application role's and the owner's). Without them the PostgreSQL suites are skipped, with
/// this reason in the test report, and the conformance suite runs on memory and SQLite only.
public enum PostgresTestDatabase {
    public static var appURL: String? { ProcessInfo.processInfo.environment["PARLEDGER_POSTGRES_URL"] }
    public static var ownerURL: String? { ProcessInfo.processInfo.environment["PARLEDGER_POSTGRES_OWNER_URL"] }

    /// How long a test store's call may wait. The whole suite runs at once on two cores, beside the
    /// CLI tests' child processes, and a call of the contract tests may wait its turn longer than
    /// the product's 15 s; PostgresRecoveryTests hold the product's deadline to what it promises.
    public static let callDeadline: Duration = .seconds(60)
    public static var isConfigured: Bool { appURL != nil }
    public static let skipReason: Comment = """
        PARLEDGER_POSTGRES_URL is not set: the PostgreSQL store, its conformance cases and its CLI tests \
        are skipped; run under tools/with-postgres (tools/test does)
        """

    /// A fresh ledger name, so tests never share rows.
    public static func freshLedger(_ label: String = "test") -> String { "\(label)-\(UUID().uuidString.lowercased())" }

    /// `url` (the application role's by default) naming `ledger`.
    public static func url(ledger: String, base: String? = appURL) -> String {
        let base = base ?? ""
        return base + (base.contains("?") ? "&" : "?") + "ledger=" + ledger
    }

    /// The application URL, or an error saying how to get one.
    public static func requireAppURL() throws -> String {
        guard let appURL else { throw NotConfigured() }
        return appURL
    }

    struct NotConfigured: Error, CustomStringConvertible {
        var description: String { "PARLEDGER_POSTGRES_URL is not set; run under tools/with-postgres" }
    }
}
