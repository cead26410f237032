#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Sequence<UInt8> {
    /// Whether `needle` occurs in these bytes: the verifier's quick look at raw entries (does a
    /// payload mention a blob?), over contiguous storage without copying. Candidates are found
    /// with the C library's `memchr` and checked with `memcmp`, both vectorised, where a
    /// byte-by-byte loop ran over every payload of the ledger.
    func containsBytes(_ needle: [UInt8]) -> Bool {
        guard let first = needle.first else { return true }
        let found = withContiguousStorageIfAvailable { haystack -> Bool in
            guard let base = haystack.baseAddress, haystack.count >= needle.count else { return false }
            return needle.withUnsafeBufferPointer { needle in
                guard let needleBase = needle.baseAddress else { return true }
                // The last place the needle could start.
                let lastStart = base + (haystack.count - needle.count)
                var start = base
                while start <= lastStart {
                    guard let hit = memchr(start, Int32(first), lastStart - start + 1) else { return false }
                    let candidate = UnsafePointer(hit.assumingMemoryBound(to: UInt8.self))
                    if memcmp(candidate, needleBase, needle.count) == 0 { return true }
                    start = candidate + 1
                }
                return false
            }
        }
        return found ?? Array(self).containsBytes(needle)
    }
}

extension RandomAccessCollection<UInt8> where Index == Int {
    /// Whether the ASCII `text` stands in these bytes at `index`: how the scanners of canonical
    /// bytes recognise a fixed token (`true`, a member name in an entry's fixed layout).
    func hasLiteral(_ text: StaticString, at index: Int) -> Bool {
        let count = text.utf8CodeUnitCount
        guard index >= startIndex, endIndex - index >= count else { return false }
        for offset in 0..<count where self[index + offset] != text.utf8Start[offset] { return false }
        return true
    }
}
