/// Counts in the CLI's English lines, read as sentences: "1 key", "2 keys".
extension Int {
    func counting(_ noun: String) -> String { "\(self) \(noun)\(self == 1 ? "" : "s")" }
}
