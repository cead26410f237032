import Foundation
import GRDB

/// The ceiling the store's append is measured against: inserting the same byte rows into a plain
/// SQLite table, in transactions of the same batch size and committed the same way, with no
/// checks, hashing or tree.
public enum SQLiteBaseline {
    /// Rows per second for inserting `rows` in transactions of `batchSize`, into a new file at `path`.
    public static func insertRate(path: String, rows: [[UInt8]], batchSize: Int) throws -> Double {
        let pool = try DatabasePool(path: path)
        try SQLiteWriter.configure(pool)
        try pool.write { db in
            try db.execute(sql: "CREATE TABLE rows (seq INTEGER PRIMARY KEY, bytes BLOB NOT NULL)")
        }
        let start = DispatchTime.now().uptimeNanoseconds
        var seq = 0
        for batch in stride(from: 0, to: rows.count, by: batchSize) {
            try pool.write { db in
                let statement = try db.cachedStatement(sql: "INSERT INTO rows (seq, bytes) VALUES (?, ?)")
                for row in rows[batch..<min(rows.count, batch + batchSize)] {
                    try statement.execute(arguments: [seq, Data(row)])
                    seq += 1
                }
            }
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        return Double(rows.count) / seconds
    }
}
