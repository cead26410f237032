import Application
import Appraisal
import ArgumentParser
import Foundation
import LedgerCore

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

/// `parledger campaign open FILE`: the year's plan, as events/samples/campaign-2023.json.
struct CampaignCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "campaign",
        abstract: "Open the year's campaign (secretariat or authority).",
        subcommands: [Open.self]
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
}

/// `parledger unit enrol --code C --name N --group G`.
struct UnitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "unit",
        abstract: "Enrol a unit in the campaign (secretariat).",
        subcommands: [Enrol.self]
    )

    struct Enrol: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "enrol", abstract: "Enrol a unit.")
        @OptionGroup var act: ActOptions
        @Option(help: "The unit's code, e.g. SNV.") var code: String
        @Option(help: "The unit's Vietnamese name.") var name: String
        @Option(help: "Its group: one of the campaign's, e.g. department or district.") var group: String

        func run() async throws {
            guard let code = UnitCode(code) else {
                throw CLIError.usage("--code \(code) is not a unit code (such as SNV)")
            }
            let name = try ActInput.text(name, "--name")
            let group = try ActInput.member("group", group) { reader, name throws(LedgerFormatError) in
                try reader.code(name)
            }
            try await act.perform(.unitEnrolled(code: code, name: name, group: group))
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
    @Option(help: "Until when, YYYY-MM-DDTHH:MM:SS.mmmZ; default: 7 days from now.") var until: String?

    func run() async throws {
        let end: Timestamp
        if let until {
            guard let parsed = Timestamp(text: until) else {
                throw CLIError.usage("--until \(until) is not a time like 2023-12-11T10:00:00.000Z")
            }
            end = parsed
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
