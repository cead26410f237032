import LedgerCore

extension AppraisalEvent {
    /// The commonest events of a campaign — self-scores, evidence and appraisals, nearly every
    /// entry of a national ledger, and survey batches, its largest payloads — decoded straight
    /// from their plain canonical payload: the very event
    /// `decode` gives for it, checked the same way (the same code and points parsers, the same
    /// limits). Nil for anything else, a valid but unusual payload included (an escape in a note,
    /// members out of canonical order); `decode` then reads it and says what is wrong, if anything.
    package static func decodeFlat(_ kind: Kind, _ payload: ArraySlice<UInt8>) -> AppraisalEvent? {
        switch kind {
        case .selfScoreRecorded:
            guard let object = FlatObject(payload) else { return nil }
            let members = object.members
            let hasNote = members.count == 4
            guard object.names == (hasNote ? ["leaf", "note", "points", "unit"] : ["leaf", "points", "unit"]),
                let leaf = flatLeaf(members[0].value),
                let note = flatOptionalText(hasNote ? members[1].value : nil, .text),
                let points = flatScore(members[hasNote ? 2 : 1].value),
                let unit = flatUnit(members[hasNote ? 3 : 2].value)
            else { return nil }
            return .selfScoreRecorded(unit: unit, leaf: leaf, points: points, note: note)
        case .appraisalRecorded:
            guard let object = FlatObject(payload) else { return nil }
            let members = object.members
            // Canonical order is by name: the optional `objection` and `reason` fall between the others.
            let hasObjection = object.names.contains("objection")
            let hasReason = object.names.contains("reason")
            var names = ["explanationRequested", "leaf"]
            if hasObjection { names.append("objection") }
            names.append("points")
            if hasReason { names.append("reason") }
            names += ["round", "unit"]
            let at = hasObjection ? 1 : 0
            guard object.names == names, case .bool(let explanationRequested) = members[0].value,
                let leaf = flatLeaf(members[1].value),
                let objection = flatOptionalStatement(hasObjection ? members[2].value : nil),
                let points = flatScore(members[2 + at].value),
                let reason = flatOptionalText(hasReason ? members[3 + at].value : nil, .text),
                case .int(let round) = members[(hasReason ? 4 : 3) + at].value, (1...2).contains(round),
                let unit = flatUnit(members[(hasReason ? 5 : 4) + at].value)
            else { return nil }
            return .appraisalRecorded(
                unit: unit,
                leaf: leaf,
                round: Int(round),
                points: points,
                reason: reason,
                explanationRequested: explanationRequested,
                objection: objection
            )
        case .evidenceAttached:
            guard let object = FlatObject(payload), object.names == ["blob", "document", "leaf", "unit"],
                case .object(let blobObject) = object.members[0].value, let blob = flatBlob(blobObject),
                case .object(let documentObject) = object.members[1].value, let document = flatDocument(documentObject),
                let leaf = flatLeaf(object.members[2].value), let unit = flatUnit(object.members[3].value)
            else { return nil }
            return .evidenceAttached(unit: unit, leaf: leaf, evidence: Evidence(blob: blob, document: document))
        case .surveyBatchRecorded:
            guard let object = FlatObject(payload), object.names == ["forms", "template"],
                case .array(let elements) = object.members[0].value, !elements.isEmpty,
                case .object(let template) = object.members[1].value, template.names == ["template", "version"],
                case .string(let code) = template.members[0].value, let templateCode = ConfigCode(code),
                case .int(let version) = template.members[1].value, (1...9999).contains(version)
            else { return nil }
            var forms: [SurveyForm] = []
            forms.reserveCapacity(elements.count)
            for element in elements {
                guard case .object(let form) = element, let parsed = flatForm(form) else { return nil }
                forms.append(parsed)
            }
            return .surveyBatchRecorded(template: templateCode, version: Int(version), forms: forms)
        default:
            return nil
        }
    }

    /// `form(_:)`: a survey form, its answers option codes by question code.
    private static func flatForm(_ form: FlatObject) -> SurveyForm? {
        let members = form.members
        let hasDemographics = members.count == 5
        let names =
            hasDemographics
            ? ["answers", "demographics", "respondentGroup", "serial", "unit"]
            : ["answers", "respondentGroup", "serial", "unit"]
        guard form.names == names, case .object(let answerObject) = members[0].value,
            case .string(let group) = members[hasDemographics ? 2 : 1].value,
            let respondentGroup = ConfigCode(group),
            case .string(let serialText) = members[hasDemographics ? 3 : 2].value, let serial = serial(serialText),
            let unit = flatUnit(members[hasDemographics ? 4 : 3].value),
            let demographics = flatDemographics(hasDemographics ? members[1].value : nil),
            areStrictlyOrdered(answerObject)
        else { return nil }
        var answers: [String: String] = [:]
        answers.reserveCapacity(answerObject.members.count)
        for (question, answer) in answerObject.members {
            guard ConfigCode.item(question) != nil, case .string(let option) = answer, ConfigCode.item(option) != nil
            else { return nil }
            answers[question] = option
        }
        return SurveyForm(
            serial: serial,
            unit: unit,
            respondentGroup: respondentGroup,
            answers: answers,
            demographics: demographics
        )
    }

    /// `.some(nil)` for no demographics, the texts for an object of texts of up to 100
    /// characters, and nil for anything else.
    private static func flatDemographics(_ value: FlatObject.Value?) -> [String: String]?? {
        guard let value else { return .some(nil) }
        guard case .object(let object) = value, areStrictlyOrdered(object) else { return nil }
        var demographics: [String: String] = [:]
        for (name, value) in object.members {
            guard let text = flatText(value, .shortText) else { return nil }
            demographics[name] = text
        }
        return .some(demographics)
    }

    /// Whether the names rise strictly in UTF-8 order, so none repeats (which the general decoder
    /// refuses). Canonical order is by UTF-16 code units; a canonical object whose names the two
    /// orders sort differently (rare: characters beyond U+FFFF) takes the general decoder's path.
    private static func areStrictlyOrdered(_ object: FlatObject) -> Bool {
        zip(object.members, object.members.dropFirst()).allSatisfy { earlier, later in
            earlier.name.utf8.lexicographicallyPrecedes(later.name.utf8)
        }
    }

    /// `Evidence.Blob(_:)`: the evidence file's hash, size, name and media type.
    private static func flatBlob(_ blob: FlatObject) -> Evidence.Blob? {
        let members = blob.members
        guard blob.names == ["mediaType", "name", "sha256", "size"],
            let mediaType = flatText(members[0].value, .shortText),
            let name = flatText(members[1].value, .name),
            case .string(let hex) = members[2].value, let hash = SHA256Hash(hex: hex),
            case .int(let size) = members[3].value, (0...JSONValue.maxSafeInteger).contains(size)
        else { return nil }
        return Evidence.Blob(sha256: hash, size: size, name: name, mediaType: mediaType)
    }

    /// `Evidence.Document(_:)`: the document's number, issuer, date and page.
    private static func flatDocument(_ document: FlatObject) -> Evidence.Document? {
        let members = document.members
        let hasPage = members.count == 4
        guard
            document.names == (hasPage ? ["issuedOn", "issuer", "number", "page"] : ["issuedOn", "issuer", "number"]),
            case .string(let issuedOnText) = members[0].value, let issuedOn = CalendarDate(issuedOnText),
            let issuer = flatText(members[1].value, .name),
            let number = flatText(members[2].value, .shortText)
        else { return nil }
        var page: Int?
        if hasPage {
            guard case .int(let value) = members[3].value, (1...100_000).contains(value) else { return nil }
            page = Int(value)
        }
        return Evidence.Document(number: number, issuer: issuer, issuedOn: issuedOn, page: page)
    }

    // The member readers of `ObjectReader` (Codes.swift), for a flat object's values.

    private static func flatUnit(_ value: FlatObject.Value) -> UnitCode? {
        guard case .string(let text) = value else { return nil }
        return UnitCode(text)
    }

    private static func flatLeaf(_ value: FlatObject.Value) -> CriterionCode? {
        guard case .string(let text) = value else { return nil }
        return CriterionCode(text)
    }

    /// Points of 0 or more (a score).
    private static func flatScore(_ value: FlatObject.Value) -> Points? {
        guard case .string(let text) = value, let points = Points(canonical: text), points >= .zero else { return nil }
        return points
    }

    /// `text(_:_:)`: a text `CatalogText.check` accepts.
    private static func flatText(_ value: FlatObject.Value, _ kind: CatalogText) -> String? {
        guard case .string(let text) = value, kind.accepts(text) else { return nil }
        return text
    }

    /// `optionalText(_:_:)`: `.some(nil)` when the member is absent, nil when it is present but not
    /// a text `CatalogText.check` accepts.
    /// A statement reference when present: `.some(nil)` when absent, nil when not a statement id.
    private static func flatOptionalStatement(_ value: FlatObject.Value?) -> StatementID?? {
        guard let value else { return .some(nil) }
        guard case .string(let text) = value, let id = StatementID(text) else { return nil }
        return .some(id)
    }

    private static func flatOptionalText(_ value: FlatObject.Value?, _ kind: CatalogText) -> String?? {
        guard let value else { return .some(nil) }
        return flatText(value, kind).map { .some($0) }
    }
}
