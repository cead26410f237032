import Foundation
public import LedgerCore

/// When a store received an upload: the host's clock, read where the upload is stored (the
/// stores are the edge where time enters), so unreferenced uploads can be removed after a grace.
public enum BlobClock {
    public static func now() -> Timestamp {
        Timestamp(millisecondsSinceEpoch: Int64((Date().timeIntervalSince1970 * 1000).rounded(.down))) ?? .epoch
    }
}
