import Foundation
import LedgerCore

/// Loads the language-neutral vectors of events/vectors, found from this file's path (as
/// swift-crypto finds Wycheproof's).
enum Vectors {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let folder = root.appendingPathComponent("events/vectors")

    static func json(_ name: String) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent(name)))
    }

    static func objects(_ value: Any?) -> [[String: Any]] { value as? [[String: Any]] ?? [] }

    static func bytes(_ hex: Any?) -> [UInt8] { Hex.decode(hex as? String ?? "") ?? [] }

    static func hash(_ hex: Any?) -> SHA256Hash? { SHA256Hash(hex: hex as? String ?? "") }

    static func hashes(_ value: Any?) -> [SHA256Hash] { (value as? [String] ?? []).compactMap { SHA256Hash(hex: $0) } }

    /// Converts a Foundation JSON value to a `JSONValue` by re-reading it with the canonical parser.
    static func jsonValue(_ value: Any) throws -> JSONValue {
        try CanonicalJSON.parse([UInt8](JSONSerialization.data(withJSONObject: value, options: [.fragmentsAllowed])))
    }
}
