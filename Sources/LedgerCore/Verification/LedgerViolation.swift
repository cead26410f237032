/// Why an entry, a statement or a checkpoint is not acceptable (FORMAT.md §11).
///
/// The same codes name the verifier's verdicts and the store's refusals, so a refusal at append
/// time reads like the failure a verifier would report had the entry been forced in.
public struct LedgerViolation: Error, Sendable, Equatable, CustomStringConvertible {
    /// The stable codes of FORMAT.md §11, §11.1 and §13, in check order.
    public enum Code: String, Sendable, CaseIterable {
        case encoding
        case seq
        case prev
        case time
        case ledger
        case keyUnknown = "key-unknown"
        case keyRevoked = "key-revoked"
        case signature
        case role
        case payload
        case duplicate
        case blobMissing = "blob-missing"
        case blobCorrupt = "blob-corrupt"
        case checkpointFormat = "checkpoint-format"
        case checkpointOrigin = "checkpoint-origin"
        case truncated
        case checkpointRoot = "checkpoint-root"
        case checkpointSignature = "checkpoint-signature"
        case checkpointCosignature = "checkpoint-cosignature"
        /// A proof file breaks the layout of FORMAT.md §13.
        case proofFormat = "proof-format"
        /// An inclusion path does not lead from the entry to the checkpoint's root.
        case inclusion
        /// A consistency proof does not lead from the old root to the checkpoint's root.
        case consistency
        /// Refused at append by rules beyond the format (`StatementRules`); never a verdict of
        /// verification, which checks the format only.
        case rule
    }

    /// The code.
    public var code: Code
    /// What is wrong, naming keys by id and never printing key material.
    public var message: String
    /// For `rule`: the stable code of the business reason (for example `self-scoring-closed`).
    public var reason: String?

    public init(_ code: Code, _ message: String, reason: String? = nil) {
        self.code = code
        self.message = message
        self.reason = reason
    }

    /// Whether this is a failure of a checkpoint against a ledger that itself verified.
    public var isCheckpointLevel: Bool {
        [
            .checkpointFormat, .checkpointOrigin, .truncated, .checkpointRoot, .checkpointSignature,
            .checkpointCosignature,
        ]
        .contains(code)
    }

    public var description: String {
        "\(code.rawValue)\(reason.map { " (\($0))" } ?? ""): \(message)"
    }
}
