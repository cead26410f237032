import Foundation
import PostgresStore
public import Testing

/// The PostgreSQL server the tests may use: `tools/with-postgres` exports its URLs (the
/// application role's and the owner's); without them the PostgreSQL cases are cancelled, which
/// the test report shows, rather than silently passing.
public enum PostgresTestDatabase {
    public static var appURL: String? { ProcessInfo.processInfo.environment["PARLEDGER_POSTGRES_URL"] }
    public static var ownerURL: String? { ProcessInfo.processInfo.environment["PARLEDGER_POSTGRES_OWNER_URL"] }
    public static var isConfigured: Bool { appURL != nil }
    public static let skipReason: Comment =
        "PARLEDGER_POSTGRES_URL is not set: run under tools/with-postgres (tools/test does) for the PostgreSQL cases"

    /// A fresh ledger name, so tests never share rows.
    public static func freshLedger(_ label: String = "test") -> String { "\(label)-\(UUID().uuidString.lowercased())" }

    /// `url` (the application role's by default) naming `ledger`.
    public static func url(ledger: String, base: String? = appURL) -> String {
        let base = base ?? ""
        return base + (base.contains("?") ? "&" : "?") + "ledger=" + ledger
    }

    /// The application URL, or the test case is cancelled (reported as skipped).
    public static func requireAppURL() throws -> String {
        guard let appURL else { try Test.cancel(skipReason) }
        return appURL
    }
}
