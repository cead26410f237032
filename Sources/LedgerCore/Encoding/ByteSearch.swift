extension Sequence<UInt8> {
    /// Whether `needle` occurs in these bytes: the verifier's quick look at raw entries, a scan for
    /// the first byte over contiguous storage without copying.
    func containsBytes(_ needle: [UInt8]) -> Bool {
        guard let first = needle.first else { return true }
        let found = withContiguousStorageIfAvailable { haystack -> Bool in
            guard haystack.count >= needle.count else { return false }
            for start in 0...(haystack.count - needle.count) where haystack[start] == first {
                var offset = 1
                while offset < needle.count, haystack[start + offset] == needle[offset] { offset += 1 }
                if offset == needle.count { return true }
            }
            return false
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
