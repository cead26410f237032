import Hummingbird
import LedgerCore
import LedgerStore

extension APIError {
    /// The API's form of a store's refusal or failure: a passing condition is 503 (507 for a full
    /// store) with `Retry-After`, so a client knows to repeat the same request. A rule's refusal is reported by its own
    /// reason (`self-scoring-closed`), a format refusal by its check code (`signature`), so the
    /// UI can put the message next to the field concerned.
    init(_ error: StoreError) {
        switch error.code {
        case .refused:
            let violation = error.violation
            let code = violation.map { $0.code == .rule ? ($0.reason ?? "rule") : $0.code.rawValue } ?? "rule"
            self.init(.unprocessableContent, code, detail: violation?.message ?? error.message, index: error.batchIndex)
        case .conflict:
            self.init(.conflict, "conflict", detail: error.message, index: error.batchIndex)
        case .notFound:
            self.init(.notFound, "not-found", detail: error.message)
        case .unavailable:
            self.init(.serviceUnavailable, "store-unavailable", detail: error.message, retryAfter: 5)
            cause = error.message
        case .full:
            self.init(
                .init(code: 507, reasonPhrase: "Insufficient Storage"),
                "store-full",
                detail: error.message,
                retryAfter: 60
            )
            cause = error.message
        case .clockBehind:
            self.init(.serviceUnavailable, "clock-behind", detail: error.message, retryAfter: 60)
            cause = error.message
        case .io:
            // What failed inside stays in the log; the answer says only that it did.
            self.init(.internalServerError, "internal", detail: "the store failed")
            cause = error.message
        }
    }
}
