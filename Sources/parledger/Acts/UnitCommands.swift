import Appraisal
import ArgumentParser
import Foundation
import LedgerCore

/// `parledger score --unit C --leaf L --points P [--note T]`: a self-score (unit officer).
struct ScoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "score",
        abstract: "Record a self-score for one of your unit's leaves (unit officer)."
    )
    @OptionGroup var act: ActOptions
    @Option(help: "Your unit.") var unit: String
    @Option(help: "The leaf, e.g. 3.3.1.") var leaf: String
    @Option(help: "The points, e.g. 1.5 (a decimal comma is fine).") var points: String
    @Option(help: "Why, when no evidence is attached.") var note: String?

    func run() async throws {
        try await act.perform(
            .selfScoreRecorded(
                unit: try ActInput.unit(unit),
                leaf: try ActInput.leaf(leaf),
                points: try ActInput.points(points, "--points"),
                note: try note.map { text throws(CLIError) in try ActInput.text(text, "--note") }
            )
        )
    }
}

/// `parledger evidence attach|withdraw`.
struct EvidenceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evidence",
        abstract: "Attach or withdraw evidence for a leaf (unit officer).",
        subcommands: [Attach.self, Withdraw.self]
    )

    struct Attach: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "attach",
            abstract: "Upload a file and attach it to a leaf."
        )
        @OptionGroup var act: ActOptions
        @Option(help: "Your unit.") var unit: String
        @Option(help: "The leaf.") var leaf: String
        @Option(help: "The evidence file.") var file: String
        @Option(name: .customLong("doc-number"), help: "The document's number, e.g. 12/KH-SNV.") var number: String
        @Option(help: "Who issued it.") var issuer: String
        @Option(name: .customLong("issued-on"), help: "When, DD/MM/YYYY or YYYY-MM-DD.") var issuedOn: String
        @Option(help: "The page that matters, if any.") var page: Int?

        func run() async throws {
            let document = try EvidenceOptions.document(number: number, issuer: issuer, issuedOn: issuedOn, page: page)
            let (unit, leaf) = (try ActInput.unit(unit), try ActInput.leaf(leaf))
            let blob = try await EvidenceOptions.upload(file, to: try act.openStore())
            try await act.perform(
                .evidenceAttached(
                    unit: unit,
                    leaf: leaf,
                    evidence: AppraisalEvent.Evidence(blob: blob, document: document)
                )
            )
        }
    }

    struct Withdraw: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "withdraw",
            abstract: "Withdraw evidence attached earlier."
        )
        @OptionGroup var act: ActOptions
        @Option(help: "Your unit.") var unit: String
        @Option(help: "The leaf.") var leaf: String
        @Option(help: "The statement id printed when the evidence was attached.") var evidence: String
        @Option(help: "Why.") var reason: String

        func run() async throws {
            try await act.perform(
                .evidenceWithdrawn(
                    unit: try ActInput.unit(unit),
                    leaf: try ActInput.leaf(leaf),
                    evidence: try ActInput.statement(evidence, "--evidence"),
                    reason: try ActInput.text(reason, "--reason")
                )
            )
        }
    }
}

/// `parledger na claim|decide`.
struct NotApplicableCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "na",
        abstract: "Claim a leaf not applicable (unit officer), or decide a claim (appraiser, council chair).",
        subcommands: [Claim.self, Decide.self]
    )

    struct Claim: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "claim",
            abstract: "Claim a leaf not applicable to your unit."
        )
        @OptionGroup var act: ActOptions
        @Option(help: "Your unit.") var unit: String
        @Option(help: "The leaf.") var leaf: String
        @Option(help: "Why it does not apply.") var reason: String

        func run() async throws {
            try await act.perform(
                .notApplicableClaimed(
                    unit: try ActInput.unit(unit),
                    leaf: try ActInput.leaf(leaf),
                    reason: try ActInput.text(reason, "--reason")
                )
            )
        }
    }

    struct Decide: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "decide",
            abstract: "Confirm or reject a unit's N/A claim."
        )
        @OptionGroup var act: ActOptions
        @Option(help: "The unit.") var unit: String
        @Option(help: "The leaf.") var leaf: String
        @Flag(help: "Confirm the claim.") var confirm = false
        @Flag(help: "Reject the claim.") var reject = false
        @Option(help: "Why.") var reason: String

        func run() async throws {
            guard confirm != reject else { throw CLIError.usage("give exactly one of --confirm and --reject") }
            try await act.perform(
                .notApplicableDecided(
                    unit: try ActInput.unit(unit),
                    leaf: try ActInput.leaf(leaf),
                    confirmed: confirm,
                    reason: try ActInput.text(reason, "--reason")
                )
            )
        }
    }
}

/// `parledger explain` and `parledger object`: after the preliminary results, on an appraised
/// leaf, with optional new evidence. Both take the same options.
struct AppraisedLeafResponse: ParsableArguments {
    @OptionGroup var act: ActOptions
    @Option(help: "Your unit.") var unit: String
    @Option(help: "The leaf.") var leaf: String
    @Option(help: "What the unit says.") var text: String
    @OptionGroup var evidence: EvidenceOptions

    /// Acts with the event `response` makes of the options: an explanation or an objection.
    func perform(
        _ response: (UnitCode, CriterionCode, String, [AppraisalEvent.Evidence]) -> AppraisalEvent
    ) async throws {
        let uploaded = try await evidence.upload(to: try act.openStore())
        try await act.perform(
            response(try ActInput.unit(unit), try ActInput.leaf(leaf), try ActInput.text(text, "--text"), uploaded)
        )
    }
}

struct ExplainCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Explain an appraised leaf, in the explanation window (unit officer)."
    )
    @OptionGroup var response: AppraisedLeafResponse

    func run() async throws { try await response.perform(AppraisalEvent.explanationSubmitted) }
}

struct ObjectCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "object",
        abstract: "Object to an appraised leaf, in the explanation window (unit officer)."
    )
    @OptionGroup var response: AppraisedLeafResponse

    func run() async throws { try await response.perform(AppraisalEvent.objectionFiled) }
}

/// `parledger submit --unit C`: locks the unit's self-assessment (unit leader).
struct SubmitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "submit",
        abstract: "Submit and lock your unit's self-assessment (unit leader)."
    )
    @OptionGroup var act: ActOptions
    @Option(help: "Your unit.") var unit: String
    @OptionGroup var documents: RecordedDocumentOptions

    func run() async throws {
        let unit = try ActInput.unit(unit)
        let documents = try await documents.upload(to: try act.openStore())
        try await act.perform(.selfAssessmentSubmitted(unit: unit, documents: documents))
    }
}

/// `parledger bonus claim|decide`.
struct BonusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bonus",
        abstract: "Claim a bonus or propose a deduction; decide a claim.",
        subcommands: [Claim.self, Decide.self]
    )

    struct Claim: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "claim",
            abstract: "Claim a bonus (unit officer) or propose a deduction (secretariat)."
        )
        @OptionGroup var act: ActOptions
        @Option(help: "The unit.") var unit: String
        @Option(help: "The item of the criteria set's bonus/penalty section, e.g. B1 or D3.") var item: String
        @Option(help: "The points.") var points: String
        @Option(help: "Why.") var reason: String
        @OptionGroup var evidence: EvidenceOptions

        func run() async throws {
            let uploaded = try await evidence.upload(to: try act.openStore())
            let unit = try ActInput.unit(unit)
            let points = try ActInput.points(points, "--points")
            let reason = try ActInput.text(reason, "--reason")
            let item = try ActInput.member("item", item) { reader, name throws(LedgerFormatError) in
                try reader.code(name, capitals: true)
            }
            try await act.perform(
                .bonusPenaltyClaimed(unit: unit, item: item, points: points, reason: reason, evidence: uploaded)
            )
        }
    }

    struct Decide: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "decide",
            abstract: "Accept or reject a claim (appraiser, council chair)."
        )
        @OptionGroup var act: ActOptions
        @Option(help: "The statement id of the claim.") var claim: String
        @OptionGroup var verdict: VerdictOptions
        @Option(help: "Why.") var reason: String

        func run() async throws {
            let claim = try ActInput.statement(claim, "--claim")
            let reason = try ActInput.text(reason, "--reason")
            let (accepted, points) = try verdict.decision()
            try await act.perform(
                .bonusPenaltyDecided(claim: claim, accepted: accepted, points: points, reason: reason)
            )
        }
    }
}
