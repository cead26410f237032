public enum LedgerStorePlaceholder {}
