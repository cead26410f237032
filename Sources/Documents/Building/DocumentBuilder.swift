/// Builds a document from its source: the title and sections each kind has, with the header,
/// notices and footnotes every document shares.
public enum DocumentBuilder {
    public static func build(_ source: DocumentSource) -> ReportDocument {
        let (title, sections, footnotes): (String, [ReportDocument.Section], [String])
        switch source.kind {
        case .results: (title, sections, footnotes) = source.resultsDocument()
        case .scorecard: (title, sections, footnotes) = source.scorecardDocument()
        case .differences: (title, sections, footnotes) = source.differencesDocument()
        case .disputes: (title, sections, footnotes) = source.disputesDocument()
        case .survey: (title, sections, footnotes) = source.surveyDocument()
        case .minutes: (title, sections, footnotes) = source.minutesDocument()
        }
        return ReportDocument(
            kind: source.kind,
            language: source.language,
            letterhead: source.letterhead,
            title: title,
            subtitle: source.subtitle,
            provisionalNotice: source.provisionalNotice,
            sections: sections,
            footnotes: footnotes + [source.roundingNote, source.sealNote],
            seal: source.seal
        )
    }
}
