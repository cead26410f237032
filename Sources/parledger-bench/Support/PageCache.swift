import Foundation

/// The operating system's cache of file pages, which the benchmarks empty for the files of a
/// ledger before a "cold" run: without root and without touching any other file.
enum PageCache {
    /// Writes out and drops the cached pages of each file that exists (`posix_fadvise`'s
    /// DONTNEED drops only pages already written, hence the `fsync` first).
    static func evict(_ paths: [String]) {
        for path in paths {
            let descriptor = open(path, O_RDONLY)
            guard descriptor >= 0 else { continue }
            fsync(descriptor)
            posix_fadvise(descriptor, 0, 0, POSIX_FADV_DONTNEED)
            close(descriptor)
        }
    }

    /// A SQLite ledger's files and those of its read side (the cache file beside it).
    static func ledgerFiles(_ path: String) -> [String] {
        [path, path + "-wal", path + ".cache", path + ".cache-wal"]
    }
}
