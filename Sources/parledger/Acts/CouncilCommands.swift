import Appraisal
import ArgumentParser
import Foundation
import LedgerCore
import LedgerStore

/// `parledger appraise --unit C --leaf L --round 1 --points P --reason R [--explanation-requested]`.
struct AppraiseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "appraise",
        abstract: "Record an appraised score, round 1 or 2 (appraiser)."
    )
    @OptionGroup var act: ActOptions
    @Option(help: "The unit.") var unit: String
    @Option(help: "The leaf.") var leaf: String
    @Option(help: "1 or 2.") var round: Int
    @Option(help: "The points.") var points: String
    @Option(help: "Why (required when the points differ from the self-score).") var reason: String?
    @Flag(name: .customLong("explanation-requested"), help: "Ask the unit to explain.") var explanationRequested = false
    @Option(
        help:
            "The objection whose resolution a round 2 follows (required once the council has resolved one on the leaf)."
    )
    var objection: String?

    func run() async throws {
        guard round == 1 || round == 2 else { throw CLIError.usage("--round must be 1 or 2") }
        try await act.perform(
            .appraisalRecorded(
                unit: try ActInput.unit(unit),
                leaf: try ActInput.leaf(leaf),
                round: round,
                points: try ActInput.points(points, "--points"),
                reason: try reason.map { text throws(CLIError) in try ActInput.text(text, "--reason") },
                explanationRequested: explanationRequested,
                objection: try objection.map { id throws(CLIError) in try ActInput.statement(id, "--objection") }
            )
        )
    }
}

/// `--accept --points P` or `--reject`: a decision on an objection or a claim.
struct VerdictOptions: ParsableArguments {
    @Flag(help: "Accept it.") var accept = false
    @Flag(help: "Reject it.") var reject = false
    @Option(help: "The points, when accepted.") var points: String?

    /// Whether it is accepted, and with which points: some when accepted, none when rejected.
    func decision() throws(CLIError) -> (accepted: Bool, points: Points?) {
        guard accept != reject else { throw .usage("give exactly one of --accept and --reject") }
        if accept {
            guard let points else { throw .usage("--accept needs --points") }
            return (true, try ActInput.points(points, "--points"))
        }
        guard points == nil else { throw .usage("--reject takes no --points") }
        return (false, nil)
    }
}

/// `parledger resolve --objection ID --accept --points P --reasoning T` or `--reject --reasoning T`.
struct ResolveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resolve",
        abstract: "Resolve an objection (council chair)."
    )
    @OptionGroup var act: ActOptions
    @Option(help: "The statement id of the objection.") var objection: String
    @OptionGroup var verdict: VerdictOptions
    @Option(help: "The council's reasoning.") var reasoning: String

    func run() async throws {
        let objection = try ActInput.statement(objection, "--objection")
        let reasoning = try ActInput.text(reasoning, "--reasoning")
        let (accepted, points) = try verdict.decision()
        try await act.perform(
            .objectionResolved(objection: objection, accepted: accepted, points: points, reasoning: reasoning)
        )
    }
}

/// `parledger report approve --number N --date D`.
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Approve the council report (council chair), or write a document and verify one.",
        subcommands: [
            Approve.self, Results.self, Scorecard.self, Differences.self, Disputes.self, Survey.self, Minutes.self,
            Verify.self,
        ]
    )

    struct Approve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "approve",
            abstract: "Approve the council's report."
        )
        @OptionGroup var act: ActOptions
        @Option(help: "The report's number.") var number: String
        @Option(help: "Its date, DD/MM/YYYY or YYYY-MM-DD.") var date: String
        @Option(help: "A summary.") var summary: String?
        @OptionGroup var documents: RecordedDocumentOptions

        func run() async throws {
            let number = try ActInput.text(number, "--number")
            let date = try ActInput.date(date, "--date")
            let summary = try summary.map { text throws(CLIError) in try ActInput.text(text, "--summary") }
            try await act.perform(
                .councilReportApproved(
                    number: number,
                    date: date,
                    summary: summary,
                    documents: try await documents.upload(to: try act.openStore())
                )
            )
        }
    }
}

/// The ledger's current size and root, which a publication names as its checkpoint.
func currentCheckpoint(_ store: any EventStore) async throws(CLIError) -> (size: Int, root: SHA256Hash) {
    let size = try await storeCall { () async throws(StoreError) in try await store.size() }
    let root = try await storeCall { () async throws(StoreError) in try await store.root(size: size) }
    return (size, root)
}

/// `parledger publish --decision NUMBER --date DATE`.
struct PublishCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "publish",
        abstract: "Publish the results by decision, against the ledger's current checkpoint (authority)."
    )
    @OptionGroup var act: ActOptions
    @Option(help: "The decision's number, e.g. 99/QĐ-UBND.") var decision: String
    @Option(help: "Its date, DD/MM/YYYY or YYYY-MM-DD.") var date: String
    @OptionGroup var documents: RecordedDocumentOptions

    func run() async throws {
        let decision = try ActInput.decision(number: decision, date: date)
        // The files first: the checkpoint named is the ledger's size and root just before this entry.
        let documents = try await documents.upload(to: try act.openStore())
        let checkpoint = try await currentCheckpoint(try act.openStore())
        try await act.perform(
            .resultsPublished(
                decision: decision,
                checkpointSize: checkpoint.size,
                checkpointRoot: checkpoint.root,
                documents: documents
            )
        )
    }
}

/// `parledger correct --decision N --date D --supersedes N --reason R --change UNIT:LEAF:POINTS:REASON…`.
struct CorrectCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "correct",
        abstract: "Correct published results by a superseding decision (authority)."
    )
    @OptionGroup var act: ActOptions
    @Option(help: "The correcting decision's number.") var decision: String
    @Option(help: "Its date, DD/MM/YYYY or YYYY-MM-DD.") var date: String
    @Option(help: "The number of the decision it corrects.") var supersedes: String
    @Option(help: "Why.") var reason: String
    @Option(help: "A changed final score, UNIT:LEAF:POINTS:REASON (repeat).") var change: [String] = []
    @Option(help: "A survey form invalidated or restored, SERIAL:invalidated|valid:REASON (repeat).") var form:
        [String] = []
    @OptionGroup var documents: RecordedDocumentOptions

    func run() async throws {
        guard !change.isEmpty || !form.isEmpty else {
            throw CLIError.usage(
                "give at least one --change UNIT:LEAF:POINTS:REASON or --form SERIAL:invalidated|valid:REASON"
            )
        }
        let forms = try form.map { text throws(CLIError) -> AppraisalEvent.FormCorrection in
            let parts = text.split(separator: ":", maxSplits: 2).map(String.init)
            guard parts.count == 3, ["invalidated", "valid"].contains(parts[1]) else {
                throw .usage("--form \(text) must be SERIAL:invalidated|valid:REASON")
            }
            return AppraisalEvent.FormCorrection(
                serial: parts[0],
                invalidated: parts[1] == "invalidated",
                reason: try ActInput.text(parts[2], "--form")
            )
        }
        let changes = try change.map { text throws(CLIError) -> AppraisalEvent.Change in
            let parts = text.split(separator: ":", maxSplits: 3).map(String.init)
            guard parts.count == 4 else { throw .usage("--change \(text) must be UNIT:LEAF:POINTS:REASON") }
            return AppraisalEvent.Change(
                unit: try ActInput.unit(parts[0]),
                leaf: try ActInput.leaf(parts[1]),
                points: try ActInput.points(parts[2], "--change"),
                reason: try ActInput.text(parts[3], "--change")
            )
        }
        let decision = DecisionReference(
            number: try ActInput.text(decision, "--decision"),
            date: try ActInput.date(date, "--date")
        )
        let supersedes = try ActInput.text(supersedes, "--supersedes")
        let reason = try ActInput.text(reason, "--reason")
        let documents = try await documents.upload(to: try act.openStore())
        let checkpoint = try await currentCheckpoint(try act.openStore())
        try await act.perform(
            .resultsCorrected(
                decision: decision,
                supersedes: supersedes,
                reason: reason,
                changes: changes,
                checkpointSize: checkpoint.size,
                checkpointRoot: checkpoint.root,
                forms: forms,
                documents: documents
            )
        )
    }
}
