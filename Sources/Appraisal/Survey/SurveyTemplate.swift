public import LedgerCore

/// A survey form template (events/PROCESS.md §4): its questions feed XHH leaves, its answer options map
/// to coefficients. Read from a `surveyTemplate.published/v1` payload.
public struct SurveyTemplate: Sendable, Equatable, Codable {
    public struct Option: Sendable, Hashable, Codable {
        public let code: ConfigCode
        public let label: String
        /// Nil for "không biết": the answer is left out of the means.
        public let coefficient: Points?

        public init(code: ConfigCode, label: String, coefficient: Points?) {
            self.code = code
            self.label = label
            self.coefficient = coefficient
        }
    }

    public struct Question: Sendable, Hashable, Codable {
        public let code: ConfigCode
        public let text: String
        public let leaf: CriterionCode
        /// The respondent groups asked, each once, in the payload's order.
        public let respondentGroups: [ConfigCode]

        public init(code: ConfigCode, text: String, leaf: CriterionCode, respondentGroups: [ConfigCode]) {
            self.code = code
            self.text = text
            self.leaf = leaf
            self.respondentGroups = respondentGroups
        }
    }

    public let template: ConfigCode
    public let version: Int
    public let group: ConfigCode
    public let name: String
    public let options: [Option]
    public let questions: [Question]

    /// A template of these options and questions. Nothing is checked here: a template's payload is
    /// checked when its statement is appended.
    public init(
        template: ConfigCode,
        version: Int,
        group: ConfigCode,
        name: String,
        options: [Option],
        questions: [Question]
    ) {
        self.template = template
        self.version = version
        self.group = group
        self.name = name
        self.options = options
        self.questions = questions
    }

    /// The question with this code.
    public func question(_ code: String) -> Question? { questions.first { $0.code.text == code } }

    /// Reads a `surveyTemplate.published/v1` payload (leaves and groups are checked by the rules).
    public init(payload: JSONValue) throws(LedgerFormatError) {
        let reader = try ObjectReader(payload, path: "payload")
        try reader.requireOnly(["template", "version", "group", "name", "options", "questions"])
        template = try reader.code("template")
        version = Int(try reader.int("version", in: 1...9999))
        group = try reader.code("group")
        name = try reader.text("name", .name)
        var options: [Option] = []
        for element in try reader.array("options", nonEmpty: true) {
            let option = try elementReader(element)
            try option.requireOnly(["code", "label", "coefficient"])
            var coefficient: Points?
            if option.members["coefficient"] != .null {
                let value = try option.points("coefficient")
                guard value >= .zero, value <= Points(1) else {
                    throw LedgerFormatError(option.location("coefficient"), "must be between 0 and 1, or null")
                }
                coefficient = value
            }
            let parsed = Option(
                code: try option.code("code", capitals: true),
                label: try option.text("label", .name),
                coefficient: coefficient
            )
            guard !options.contains(where: { $0.code == parsed.code }) else {
                throw LedgerFormatError(element.1 + ".code", "option \(parsed.code) appears twice")
            }
            options.append(parsed)
        }
        self.options = options
        var questions: [Question] = []
        for element in try reader.array("questions", nonEmpty: true) {
            let question = try elementReader(element)
            try question.requireOnly(["code", "text", "leaf", "respondentGroups"])
            var groups: [ConfigCode] = []
            for group in try question.array("respondentGroups", nonEmpty: true) {
                guard let text = group.0.stringValue, let code = ConfigCode(text), !groups.contains(code) else {
                    throw LedgerFormatError(group.1, "must be a respondent group code, each once")
                }
                groups.append(code)
            }
            let parsed = Question(
                code: try question.code("code", capitals: true),
                text: try question.text("text", .text),
                leaf: try question.leaf(),
                respondentGroups: groups
            )
            guard !questions.contains(where: { $0.code == parsed.code }) else {
                throw LedgerFormatError(element.1 + ".code", "question \(parsed.code) appears twice")
            }
            questions.append(parsed)
        }
        self.questions = questions
    }

    /// The `surveyTemplate.published/v1` payload: `init(payload:)` reads it back as this template.
    public var payload: [String: JSONValue] {
        [
            "template": template.json, "version": .int(Int64(version)), "group": group.json, "name": .string(name),
            "options": .array(
                options.map {
                    ["code": $0.code.json, "label": .string($0.label), "coefficient": $0.coefficient?.json ?? .null]
                }
            ),
            "questions": .array(
                questions.map { question in
                    [
                        "code": question.code.json, "text": .string(question.text), "leaf": question.leaf.json,
                        "respondentGroups": .array(question.respondentGroups.map(\.json)),
                    ]
                }
            ),
        ]
    }
}
