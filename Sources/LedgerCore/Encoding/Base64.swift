import Foundation

/// Standard padded base64 (RFC 4648 §4), decoded strictly: only the one canonical spelling of
/// given bytes is accepted, so two different texts never stand for the same signature or key.
public enum Base64: Sendable {
    /// Encodes bytes as standard padded base64.
    public static func encode(_ bytes: some Sequence<UInt8>) -> String {
        Data(bytes).base64EncodedString()
    }

    /// Decodes canonical standard base64; nil for anything else.
    public static func decode(_ text: String) -> [UInt8]? {
        guard let data = Data(base64Encoded: text) else { return nil }
        let bytes = [UInt8](data)
        guard encode(bytes) == text else { return nil }
        return bytes
    }
}
