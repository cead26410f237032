import GRDB

/// How the store's writer connection commits (and the baseline it is measured against).
enum SQLiteWriter {
    /// Sets the writer's durability and checkpointing; settings of a connection last as long as it.
    static func configure(_ pool: DatabasePool) throws {
        try pool.writeWithoutTransaction { db in
            // An acknowledged append must survive a power cut: a later append would otherwise
            // reuse its position with other content, and a checkpoint already signed or handed
            // out would no longer verify. GRDB's WAL setup chooses NORMAL, which syncs the WAL only
            // at checkpoints; FULL syncs it at every commit.
            try db.execute(sql: "PRAGMA synchronous = FULL")
            // Each batch's random statement ids dirty about a page of the unique index per
            // statement, so SQLite's default threshold (1,000 pages) made nearly every commit copy
            // the whole WAL back into the file. At 16,384 pages (64 MiB) a page rewritten by
            // several batches is copied once. The commit that reaches the threshold does the copy.
            try db.execute(sql: "PRAGMA wal_autocheckpoint = 16384")
        }
    }
}
