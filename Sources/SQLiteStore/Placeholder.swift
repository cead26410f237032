public enum SQLiteStorePlaceholder {}
