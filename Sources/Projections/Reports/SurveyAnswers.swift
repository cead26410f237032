public import Appraisal
public import LedgerCore

/// The answers to each question of a survey template, option by option, with the mean
/// coefficient of the answers that have one, broken down by respondent group, by unit or by a
/// demographic the forms record (`demo:gioiTinh` …): what the secretariat reads before the survey
/// scores are taken as they are. Invalidated forms are left out; every other form counts, as in
/// the survey summary (the scores themselves count valid forms only, projections/RULES.md §5).
public enum SurveyAnswers {
    /// What the rows of each question are.
    public enum Breakdown: Sendable, Equatable {
        case respondentGroup
        case unit
        case demographic(String)

        /// `group`, `unit` or `demo:NAME`.
        public init?(_ text: String) {
            switch text {
            case "group", "respondentGroup": self = .respondentGroup
            case "unit": self = .unit
            default:
                guard text.hasPrefix("demo:"), text.count > 5 else { return nil }
                self = .demographic(String(text.dropFirst(5)))
            }
        }

        public var text: String {
            switch self {
            case .respondentGroup: "group"
            case .unit: "unit"
            case .demographic(let name): "demo:\(name)"
            }
        }
    }

    public static func report(
        _ state: AppraisalState,
        template key: AppraisalState.SetKey,
        by breakdown: Breakdown,
        unit only: UnitCode? = nil
    ) -> [String: JSONValue]? {
        guard let template = state.templates[key] else { return nil }
        let forms = state.forms.values.filter {
            !$0.invalidated && $0.template == key && (only == nil || $0.unit == only)
        }
        let groupNames = Dictionary(
            (state.campaign?.respondentGroups ?? []).map { ($0.code.text, $0.name) },
            uniquingKeysWith: { first, _ in first }
        )
        let groupOrder = (state.campaign?.respondentGroups ?? []).map(\.code.text)
        func row(of form: AppraisalState.RecordedForm) -> String? {
            switch breakdown {
            case .respondentGroup: form.respondentGroup.text
            case .unit: form.unit.text
            case .demographic(let name): form.demographics?[name]
            }
        }
        func name(of value: String?) -> JSONValue {
            guard let value else { return .null }
            switch breakdown {
            case .respondentGroup: return groupNames[value].map { .string($0) } ?? .null
            case .unit: return UnitCode(value).flatMap { state.units[$0]?.name }.map { .string($0) } ?? .null
            case .demographic: return .null
            }
        }
        func order(_ left: String?, _ right: String?) -> Bool {
            guard let left else { return false }
            guard let right else { return true }
            if breakdown == .respondentGroup {
                return (groupOrder.firstIndex(of: left) ?? .max, left) < (
                    groupOrder.firstIndex(of: right) ?? .max, right
                )
            }
            return left < right
        }
        let coefficients = Dictionary(
            template.options.map { ($0.code.text, $0.coefficient) },
            uniquingKeysWith: { first, _ in first }
        )
        func line(_ value: String?, _ asked: [AppraisalState.RecordedForm], question: String) -> JSONValue {
            var counts: [String: JSONValue] = [:]
            var sum = Ratio.zero
            var counted = 0
            let answers = asked.compactMap { $0.answers[question] }
            for option in template.options {
                counts[option.code.text] = .int(Int64(answers.filter { $0 == option.code.text }.count))
            }
            for answer in answers {
                if let coefficient = coefficients[answer] ?? nil {
                    sum = sum + Ratio(coefficient)
                    counted += 1
                }
            }
            return [
                "value": value.map { .string($0) } ?? .null, "name": name(of: value),
                "forms": .int(Int64(asked.count)), "answers": .object(counts),
                "blank": .int(Int64(asked.count - answers.count)), "counted": .int(Int64(counted)),
                "mean": counted == 0 ? .null : .string((sum / Ratio(counted)).text(4)),
            ]
        }
        var questions: [JSONValue] = []
        for question in template.questions {
            let asked = forms.filter { question.respondentGroups.contains($0.respondentGroup) }
            let rows = Dictionary(grouping: asked, by: row)
            questions.append([
                "question": .string(question.code.text), "text": .string(question.text),
                "leaf": .string(question.leaf.text),
                "respondentGroups": .array(question.respondentGroups.map { .string($0.text) }),
                "rows": .array(
                    rows.keys.sorted(by: order).map { line($0, rows[$0] ?? [], question: question.code.text) }
                ),
                "all": line(nil, asked, question: question.code.text),
            ])
        }
        let demographics = Set(forms.flatMap { $0.demographics?.keys.map { $0 } ?? [] }).sorted()
        return [
            "template": .string(key.set.text), "version": .int(Int64(key.version)), "name": .string(template.name),
            "by": .string(breakdown.text), "unit": only.map { .string($0.text) } ?? .null,
            "forms": .int(Int64(forms.count)),
            "options": options(of: template),
            "demographics": .array(demographics.map { .string($0) }),
            "questions": .array(questions),
        ]
    }

    /// A template's answer options as the answers and the keying screen give them: code, label and
    /// coefficient (null for "không biết", which counts in no mean).
    public static func options(of template: SurveyTemplate) -> JSONValue {
        .array(
            template.options.map { option in
                [
                    "code": .string(option.code.text), "label": .string(option.label),
                    "coefficient": option.coefficient.map { .string($0.text) } ?? .null,
                ]
            }
        )
    }
}
