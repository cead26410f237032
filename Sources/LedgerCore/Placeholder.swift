public enum LedgerCorePlaceholder {}
