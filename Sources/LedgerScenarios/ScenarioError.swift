/// Why a generated ledger could not be written: its sample inputs, or a step the scenario expects
/// to go one way and that went the other. Store failures are thrown as the store's `StoreError`.
package struct ScenarioError: Error, Sendable, CustomStringConvertible {
    package enum Code: Sendable {
        /// A sample input is missing or is not what the scenario needs.
        case samples
        /// The rules decided otherwise than the scenario expects (an act refused, or a refusal
        /// that did not come).
        case unexpected
    }

    package let code: Code
    package let message: String

    package init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    package var description: String { message }
}
