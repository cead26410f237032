import Application
import Appraisal
import ArgumentParser
import Foundation
import LedgerCore
import LedgerStore
import Projections

/// `parledger criteria publish FILE`: a criteria set, as events/samples/criteria-*.json.
struct CriteriaCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "criteria",
        abstract: "Publish a criteria set (secretariat or authority).",
        subcommands: [Publish.self]
    )

    struct Publish: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "publish",
            abstract: "Publish a criteria set from a JSON file."
        )
        @OptionGroup var act: ActOptions
        @Argument(help: "The criteria set file (a criteriaSet.published/v1 payload).") var file: String

        func run() async throws {
            try await act.perform(.criteriaSetPublished(try ActInput.payloadFile(file, CriteriaSet.init(payload:))))
        }
    }
}

/// `parledger campaign open FILE`: the year's plan, as events/samples/campaign-2023.json;
/// `parledger campaign amend`: moves its deadlines by decision.
struct CampaignCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "campaign",
        abstract: "Open the year's campaign, or amend its deadlines (secretariat or authority).",
        subcommands: [Open.self, Amend.self]
    )

    struct Open: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "open",
            abstract: "Open the campaign from a JSON plan file."
        )
        @OptionGroup var act: ActOptions
        @Argument(help: "The plan file (a campaign.opened/v1 payload).") var file: String

        func run() async throws {
            try await act.perform(.campaignOpened(try ActInput.payloadFile(file, CampaignPlan.init(payload:))))
        }
    }

    /// `parledger campaign amend --decision N --date D --reason R --round2-closes "17:00 20/03/2024" …`.
    struct Amend: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "amend",
            abstract: "Move the campaign's deadlines by decision, to times still to come.",
            discussion:
                "Times are \"17:00 04/12/2023\" (Vietnam's time), a date DD/MM/YYYY (the end of that day) or 2023-12-04T10:00:00.000Z."
        )
        @OptionGroup var act: ActOptions
        @Option(help: "The decision's number, e.g. 120/QĐ-UBND.") var decision: String
        @Option(help: "Its date, DD/MM/YYYY or YYYY-MM-DD.") var date: String
        @Option(help: "Why.") var reason: String
        @Option(name: .customLong("self-scoring-opens"), help: "When self-scoring opens (only before it has).")
        var selfScoringOpens: String?
        @Option(name: .customLong("self-scoring-closes"), help: "When self-scoring closes.") var selfScoringCloses:
            String?
        @Option(name: .customLong("round1-closes"), help: "When round 1 closes.") var round1Closes: String?
        @Option(name: .customLong("explanation-closes"), help: "When explanations and objections close.")
        var explanationCloses: String?
        @Option(name: .customLong("round2-closes"), help: "When round 2 closes.") var round2Closes: String?

        func run() async throws {
            let given: [(CampaignPlan.Deadline, String, String?)] = [
                (.selfScoringOpens, "--self-scoring-opens", selfScoringOpens),
                (.selfScoringCloses, "--self-scoring-closes", selfScoringCloses),
                (.round1Closes, "--round1-closes", round1Closes),
                (.explanationCloses, "--explanation-closes", explanationCloses),
                (.round2Closes, "--round2-closes", round2Closes),
            ]
            var deadlines: [CampaignPlan.Deadline: Timestamp] = [:]
            for (deadline, option, value) in given {
                if let value { deadlines[deadline] = try ActInput.moment(value, option) }
            }
            guard !deadlines.isEmpty else {
                throw CLIError.usage(
                    "name at least one deadline: --self-scoring-closes, --round1-closes, --explanation-closes, --round2-closes"
                )
            }
            try await act.perform(
                .campaignAmended(
                    decision: try ActInput.decision(number: decision, date: date),
                    reason: try ActInput.text(reason, "--reason"),
                    deadlines: deadlines
                )
            )
        }
    }
}

/// `parledger unit enrol --code C --name N --group G`.
struct UnitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "unit",
        abstract: "Enrol a unit in the campaign, withdraw or rename one by decision (secretariat or authority).",
        subcommands: [Enrol.self, Withdraw.self, Rename.self]
    )

    struct Enrol: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "enrol",
            abstract: "Enrol a unit, or every unit of a file (every row checked first, one batch)."
        )
        @OptionGroup var act: ActOptions
        @Option(help: "The unit's code, e.g. SNV.") var code: String?
        @Option(help: "The unit's Vietnamese name.") var name: String?
        @Option(help: "Its group: one of the campaign's, e.g. department or district.") var group: String?
        @Option(help: "A file of units instead (CSV or XLSX; columns code/mã, name/tên, group/nhóm).") var from: String?

        func run() async throws {
            if let from {
                guard code == nil, name == nil, group == nil else {
                    throw CLIError.usage("give --from FILE, or --code, --name and --group; not both")
                }
                let ledger = try act.openLedger()
                let fold = try await storeCall { () async throws(StoreError) in try await ledger.folds.fold(.everything)
                }
                let table = try EnrolmentFile.read(from)
                let events: [AppraisalEvent]
                do throws(BulkEnrolment.Refused) {
                    events = try BulkEnrolment.units(table, in: fold.state)
                } catch {
                    throw CLIError(
                        exitCode: error.layout == nil ? .refused : .usage,
                        message: "\(from): \(error.description)"
                    )
                }
                let entries = try await Ledger.appendBatch(
                    events.map { ($0.type, $0.payload) },
                    by: try KeyFile.read(act.key, act.keyAccess),
                    ledger: ledger
                )
                print(
                    Confirmation.batch(
                        entries,
                        "đăng ký \(Confirmation.count(entries.count, "đơn vị", "unit")) từ tệp \(from)",
                        "enrolled \(Confirmation.count(entries.count, "đơn vị", "unit")) from \(from)"
                    )
                )
                return
            }
            guard let codeText = code, let nameText = name, let groupText = group else {
                throw CLIError.usage("give --code, --name and --group (or --from FILE)")
            }
            guard let unit = UnitCode(codeText) else {
                throw CLIError.usage("--code \(codeText) is not a unit code (such as SNV)")
            }
            let unitName = try ActInput.text(nameText, "--name")
            let unitGroup = try ActInput.member("group", groupText) { reader, name throws(LedgerFormatError) in
                try reader.code(name)
            }
            try await act.perform(.unitEnrolled(code: unit, name: unitName, group: unitGroup))
        }
    }

    /// `parledger unit withdraw --unit C --decision N --date D --reason R [--successor C]`.
    struct Withdraw: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "withdraw",
            abstract: "Withdraw a unit from the campaign (dissolved, merged), naming its successor if any."
        )
        @OptionGroup var act: ActOptions
        @Option(help: "The unit.") var unit: String
        @Option(help: "The decision's number.") var decision: String
        @Option(help: "Its date, DD/MM/YYYY or YYYY-MM-DD.") var date: String
        @Option(help: "Why (dissolved, merged into …).") var reason: String
        @Option(help: "The enrolled unit that carries on its work (a merger).") var successor: String?

        func run() async throws {
            try await act.perform(
                .unitWithdrawn(
                    unit: try ActInput.unit(unit),
                    decision: try ActInput.decision(number: decision, date: date),
                    reason: try ActInput.text(reason, "--reason"),
                    successor: try successor.map { code throws(CLIError) in try ActInput.unit(code) }
                )
            )
        }
    }

    /// `parledger unit rename --unit C --name N --decision N --date D`.
    struct Rename: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "rename", abstract: "Rename a unit by decision.")
        @OptionGroup var act: ActOptions
        @Option(help: "The unit.") var unit: String
        @Option(help: "Its new Vietnamese name.") var name: String
        @Option(help: "The decision's number.") var decision: String
        @Option(help: "Its date, DD/MM/YYYY or YYYY-MM-DD.") var date: String

        func run() async throws {
            try await act.perform(
                .unitRenamed(
                    unit: try ActInput.unit(unit),
                    name: try ActInput.text(name, "--name"),
                    decision: try ActInput.decision(number: decision, date: date)
                )
            )
        }
    }
}

/// `parledger round reopen --round 2 --unit C… [--leaf L…] --until T --reason R`.
struct RoundCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "round",
        abstract: "Reopen an appraisal round for named units or leaves (secretariat or council chair).",
        subcommands: [Reopen.self]
    )

    struct Reopen: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "reopen",
            abstract: "Reopen round 1 or 2 beyond its deadline for named units (and leaves)."
        )
        @OptionGroup var act: ActOptions
        @Option(help: "1 or 2.") var round: Int
        @Option(help: "A unit (repeat for several).") var unit: [String] = []
        @Option(help: "Only this leaf (repeat; default: every leaf).") var leaf: [String] = []
        @Option(help: "Until when: \"17:00 04/12/2023\" (Vietnam's time), a date DD/MM/YYYY or an ISO time.")
        var until: String
        @Option(help: "Why.") var reason: String

        func run() async throws {
            guard round == 1 || round == 2 else { throw CLIError.usage("--round must be 1 or 2") }
            guard !unit.isEmpty else { throw CLIError.usage("name at least one --unit") }
            try await act.perform(
                .roundReopened(
                    round: round,
                    units: try unit.map { code throws(CLIError) in try ActInput.unit(code) },
                    leaves: leaf.isEmpty ? nil : try leaf.map { code throws(CLIError) in try ActInput.leaf(code) },
                    until: try ActInput.moment(until, "--until"),
                    reason: try ActInput.text(reason, "--reason")
                )
            )
        }
    }
}

/// `parledger appraiser assign --key-id ID --domains 1,4,5 --own-unit C`.
struct AppraiserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "appraiser",
        abstract: "Assign an appraiser to domains (secretariat or authority).",
        subcommands: [Assign.self]
    )

    struct Assign: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "assign",
            abstract: "Assign a registered appraiser's key to domains."
        )
        @OptionGroup var act: ActOptions
        @Option(name: .customLong("key-id"), help: "The appraiser's key id.") var keyID: String
        @Option(help: "The domains they appraise, comma-separated, e.g. 1,4,5.") var domains: String
        @Option(name: .customLong("own-unit"), help: "The unit they belong to (never appraised by them).") var ownUnit:
            String

        func run() async throws {
            let parts = domains.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            let codes = parts.compactMap { CriterionCode($0) }.filter { $0.depth == 1 }
            guard !parts.isEmpty, codes.count == parts.count else {
                throw CLIError.usage("--domains \(domains) must list domain numbers such as 1,4,5")
            }
            let ownUnit = try ActInput.unit(ownUnit)
            let keyID = try ActInput.member("keyId", keyID.lowercased()) { reader, name throws(LedgerFormatError) in
                try reader.keyID(name)
            }
            try await act.perform(.appraiserAssigned(keyID: keyID, domains: codes, ownUnit: ownUnit))
        }
    }
}

/// `parledger reopen --unit C --reason R [--until TIME]`.
struct ReopenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reopen",
        abstract: "Reopen a unit's self-assessment, with a reason (secretariat)."
    )
    @OptionGroup var act: ActOptions
    @Option(help: "The unit.") var unit: String
    @Option(help: "Why it is reopened.") var reason: String
    @Option(
        help:
            "Until when: \"17:00 11/12/2023\" (Vietnam's time), a date (its end) or the ledger's form; default: 7 days from now."
    ) var until: String?

    func run() async throws {
        let end: Timestamp
        if let until {
            end = try ActInput.moment(until, "--until")
        } else {
            end = SystemSources.now().adding(milliseconds: 7 * 86_400_000)
        }
        try await act.perform(
            .selfAssessmentReopened(
                unit: try ActInput.unit(unit),
                reason: try ActInput.text(reason, "--reason"),
                until: end
            )
        )
    }
}

/// `parledger results preliminary`: sends the round-1 results to the units.
struct ResultsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "results",
        abstract: "Issue the preliminary results (secretariat).",
        subcommands: [Preliminary.self]
    )

    struct Preliminary: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "preliminary",
            abstract: "Issue the preliminary results; opens explanations."
        )
        @OptionGroup var act: ActOptions
        @Option(help: "A note to the units.") var note: String?

        func run() async throws {
            try await act.perform(
                .preliminaryResultsIssued(
                    note: try note.map { text throws(CLIError) in try ActInput.text(text, "--note") }
                )
            )
        }
    }
}
