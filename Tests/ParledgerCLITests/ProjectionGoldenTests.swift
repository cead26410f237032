import Foundation
import Presentation
import Testing

/// The read models of the demo ledger at four dates, against the golden files in projections/.
/// Re-record with PARLEDGER_RECORD_GOLDENS=1: the recording run writes them and fails, so a
/// recording never passes unnoticed.
@Suite("Projection goldens (projections/*/golden)")
struct ProjectionGoldenTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("projections")

    /// After self-assessment, after round 1, after the objections, after publication and correction.
    static let dates = ["2023-12-10", "2024-01-31", "2024-02-28", "2024-05-03", "2025-04-30"]

    /// Reads across campaigns, of the whole demo ledger (2023 and 2024): golden `campaigns.json`.
    static let campaignReads: [(model: String, arguments: [String])] = [
        ("trend", ["trend"]), ("diff", ["diff", "--from", "2023", "--to", "2024"]),
        ("standings", ["standings", "--campaign", "2023"]),
        // A leaf's history of the earlier year: its entries only, not 2024's on the same leaf.
        ("history", ["history", "--unit", "STP", "--leaf", "1.2", "--campaign", "2023"]),
    ]

    static let reads: [(model: String, arguments: [String])] = [
        ("standings", ["standings"]), ("differences", ["differences"]), ("survey", ["survey", "coverage"]),
        ("disputes", ["disputes"]), ("scores", ["scores", "--unit", "STP"]),
        ("history", ["history", "--unit", "STP", "--leaf", "1.2"]), ("progress", ["progress"]),
        ("claims", ["claims"]),
    ]

    @Test func theDemoLedgersReadModelsMatchTheirGoldens() async throws {
        let demo = CLI.temporaryFolder().appendingPathComponent("demo")
        let built = try await CLI.parledger("demo", "--dir", demo.path)
        try #require(built.status == 0, "\(built.stderr)")
        let store = demo.appendingPathComponent("ledger.sqlite").path
        let record = ProcessInfo.processInfo.environment["PARLEDGER_RECORD_GOLDENS"] == "1"
        func compare(_ model: String, _ name: String, _ arguments: [String]) async throws {
            let result = try await CLI.parledger(arguments + ["--store", store, "--format", "json"])
            #expect(result.status == 0, "\(model) \(name): \(result.stderr)")
            let golden = Self.folder.appendingPathComponent("\(model)/golden/\(name).json")
            let produced = Data(result.stdout.utf8)
            if record {
                try FileManager.default.createDirectory(
                    at: golden.deletingLastPathComponent(),
                    withIntermediateDirectories: true
                )
                try produced.write(to: golden)
                Issue.record("re-recorded \(golden.path); run again without PARLEDGER_RECORD_GOLDENS")
            } else {
                let expected = FileManager.default.contents(atPath: golden.path)
                #expect(expected != nil, "missing golden \(golden.path)")
                #expect(expected == produced, "\(model) \(name) differs from \(golden.path)")
            }
        }
        for (model, arguments) in Self.reads {
            for date in Self.dates { try await compare(model, date, arguments + ["--as-of", date]) }
        }
        for (model, arguments) in Self.campaignReads { try await compare(model, "campaigns", arguments) }
        // Each question's answers (`survey answers`), by respondent group, once the forms are in.
        for date in ["2023-12-10", "2024-05-03"] {
            let arguments = ["survey", "answers", "--template", "department-2023", "--as-of", date]
            try await compare("survey", "answers-\(date)", arguments)
        }
        // What waited on people then (`todo --as-of`): an appraiser, the chair, a unit's officer, a clerk.
        let keys = demo.appendingPathComponent("keys")
        for date in ["2023-10-20", "2023-12-10", "2024-02-28"] {
            for person in ["appraiser-STP", "chair", "officer-SNV", "clerk"] {
                let key = keys.appendingPathComponent("\(person).key").path
                try await compare("todo", "\(date)-\(person)", ["todo", "--key", key, "--as-of", date])
            }
        }
    }
}

extension ProjectionGoldenTests {
    /// The edge scenario (`parledger demo --scenario edge`) reaches the figures it was built for,
    /// and its reads match their goldens (projections/edge/golden): every scoring rule the
    /// province's year never reaches, at the end and at the publication day's end (a tie decided by
    /// the tie-break).
    @Test func theEdgeScenarioReachesItsFiguresAndGoldens() async throws {
        let folder = CLI.temporaryFolder().appendingPathComponent("edge")
        let built = try await CLI.parledger("demo", "--scenario", "edge", "--dir", folder.path)
        try #require(built.status == 0, "\(built.stdout)\(built.stderr)")
        #expect(!built.stdout.contains("KHÁC"), "\(built.stdout)")
        let store = folder.appendingPathComponent("ledger.sqlite").path
        let record = ProcessInfo.processInfo.environment["PARLEDGER_RECORD_GOLDENS"] == "1"
        let reads: [(String, [String])] = [
            ("standings", ["standings"]), ("standings-2024-05-20", ["standings", "--as-of", "2024-05-20"]),
            ("scores-U-NA", ["scores", "--unit", "U-NA"]), ("scores-U-ZERO", ["scores", "--unit", "U-ZERO"]),
            ("scores-U-KHA", ["scores", "--unit", "U-KHA"]), ("survey", ["survey", "coverage"]), ("claims", ["claims"]),
        ]
        for (name, arguments) in reads {
            let result = try await CLI.parledger(arguments + ["--store", store, "--format", "json"])
            #expect(result.status == 0, "\(name): \(result.stderr)")
            let golden = Self.folder.appendingPathComponent("edge/golden/\(name).json")
            let produced = Data(result.stdout.utf8)
            if record {
                try FileManager.default.createDirectory(
                    at: golden.deletingLastPathComponent(),
                    withIntermediateDirectories: true
                )
                try produced.write(to: golden)
                Issue.record("re-recorded \(golden.path); run again without PARLEDGER_RECORD_GOLDENS")
            } else {
                #expect(
                    FileManager.default.contents(atPath: golden.path) == produced,
                    "\(name) differs from \(golden.path)"
                )
            }
        }
    }

    /// After `rebuild`, the standings on each golden date come from the answers kept for the end of
    /// each day, and they are still the goldens, byte for byte; the table reads them too.
    @Test func theStandingsKeptForEachDaysEndAreTheGoldens() async throws {
        let demo = CLI.temporaryFolder().appendingPathComponent("demo")
        try #require(try await CLI.parledger("demo", "--dir", demo.path).status == 0)
        let store = demo.appendingPathComponent("ledger.sqlite").path
        // Derived data lives in the cache file beside the ledger, never in the ledger file.
        let cache = store + ".cache"
        let ledgerBytes = FileManager.default.contents(atPath: store)
        let rebuilt = try await CLI.parledger("rebuild", "--store", store)
        try #require(rebuilt.status == 0, "\(rebuilt.stderr)")
        #expect(FileManager.default.contents(atPath: store) == ledgerBytes, "rebuild does not write the ledger")
        let kept = try await CLI.sqlite(cache, "SELECT count(*) FROM reports").stdout.trimmingCharacters(
            in: .whitespacesAndNewlines
        )
        #expect((Int(kept) ?? 0) >= Self.dates.count, "kept day ends: \(kept)")
        for date in Self.dates {
            let result = try await CLI.parledger("standings", "--store", store, "--as-of", date, "--format", "json")
            #expect(result.status == 0, "\(result.stderr)")
            let golden = FileManager.default.contents(
                atPath: Self.folder.appendingPathComponent("standings/golden/\(date).json").path
            )
            #expect(golden == Data(result.stdout.utf8), "standings as of \(date) from the kept answer")
            let table = try await CLI.parledger("standings", "--store", store, "--as-of", date)
            #expect(table.status == 0 && table.stdout.contains("Xếp hạng Chỉ số CCHC đến"), "\(table.stderr)")
        }
        // The answer does come from the kept bytes: changed, they are what is printed …
        let date = Self.dates[0]
        _ = try await CLI.sqlite(cache, #"UPDATE reports SET bytes = CAST('{"groups":[]}' AS BLOB)"#)
        let changed = try await CLI.parledger("standings", "--store", store, "--as-of", date, "--format", "json")
        #expect(changed.stdout.hasPrefix(#"{"digest":"#) && changed.stdout.contains(#""groups":[]"#))
        // … and under a root that is not the ledger's, they are ignored: the fold answers.
        _ = try await CLI.sqlite(cache, "UPDATE reports SET root = zeroblob(32)")
        let folded = try await CLI.parledger("standings", "--store", store, "--as-of", date, "--format", "json")
        #expect(
            Data(folded.stdout.utf8)
                == FileManager.default.contents(
                    atPath: Self.folder.appendingPathComponent("standings/golden/\(date).json").path
                )
        )
    }
}

extension ReadCommandTests {
    /// A damaged entry stops a read at its position (pointing to `verify`) rather than leaving
    /// it out of the report: a payload that is not JSON, and an entry that is not one at all.
    @Test func aReadStopsAtADamagedEntry() async throws {
        for damage in [
            #"replace(CAST(bytes AS TEXT), '"payload":{', '"payload":{{')"#,
            #"replace(CAST(bytes AS TEXT), '"seq":', '"seq":"')"#,
        ] {
            let demo = CLI.temporaryFolder().appendingPathComponent("demo")
            try #require(try await CLI.parledger("demo", "--dir", demo.path).status == 0)
            let store = demo.appendingPathComponent("ledger.sqlite").path
            let seq = try await CLI.sqlite(store, "SELECT min(seq) FROM entries WHERE type = 'selfScore.recorded/v1'")
                .stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            let changed = try await CLI.sqlite(
                store,
                "DROP TRIGGER entries_no_update; UPDATE entries SET bytes = CAST(\(damage) AS BLOB) WHERE seq = \(seq)"
            )
            try #require(changed.status == 0, "\(changed.stderr)")
            let read = try await CLI.parledger("standings", "--store", store, "--format", "json")
            #expect(read.status != 0)
            #expect(read.stderr.contains("entry \(seq) does not decode"), "\(read.stderr)")
            #expect(read.stderr.contains("parledger verify"))
        }
    }
}

/// The reads refusing what they cannot answer, and their CSV.
@Suite("CLI: reads")
struct ReadCommandTests {
    @Test func readsRefuseBadDatesUnitsAndGroups() async throws {
        let demo = CLI.temporaryFolder().appendingPathComponent("demo")
        try #require(try await CLI.parledger("demo", "--dir", demo.path).status == 0)
        let store = demo.appendingPathComponent("ledger.sqlite").path
        let cases: [([String], String)] = [
            (["standings", "--as-of", "31/04/2024"], "is not a date DD/MM/YYYY or YYYY-MM-DD"),
            (["standings", "--lang", "fr"], "--lang fr must be vi or en"),
            (["standings", "--as-of", "2024-04-30", "--at-seq", "10"], "give --as-of or --at-seq, not both"),
            (["standings", "--group", "commune"], "--group commune is not one of the campaign's groups (department,"),
            (["standings", "--as-of", "2023-05-01"], "no campaign is opened in this ledger as of"),
            (["scores", "--unit", "XYZ"], "--unit XYZ is not enrolled"),
            (["history", "--unit", "STP", "--leaf", "1.7.1.9.9"], "is not a criterion code"),
            (["history", "--unit", "STP", "--leaf", "9.9"], "is not a leaf of unit STP's criteria set"),
            (["disputes", "--status", "pending"], "must be open or resolved"),
            (["claims", "--status", "open"], "--status open must be pending or decided"),
            (["claims", "--unit", "H-XX"], "--unit H-XX is not an enrolled unit"),
            (["differences", "--unit", "H-XX"], "--unit H-XX is not enrolled"),
            (["progress", "--group", "commune"], "--group commune is not one of the campaign's groups"),
        ]
        for (arguments, message) in cases {
            let result = try await CLI.parledger(arguments + ["--store", store])
            #expect(result.status == 2, "\(arguments): \(result.stdout)")
            #expect(result.stderr.contains(message), "\(arguments): \(result.stderr)")
        }
        let missing = try await CLI.parledger("standings", "--store", demo.appendingPathComponent("none.sqlite").path)
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("no ledger at") && missing.stderr.contains("parledger init"))
        // A time as the tables print it (Vietnam's) is that whole minute: its last millisecond in the ledger's form.
        let local = try await CLI.parledger(
            "standings",
            "--store",
            store,
            "--as-of",
            "17:00 31/01/2024",
            "--format",
            "json"
        )
        let utc = try await CLI.parledger(
            "standings",
            "--store",
            store,
            "--as-of",
            "2024-01-31T10:00:59.999Z",
            "--format",
            "json"
        )
        #expect(local.status == 0 && local.stdout == utc.stdout, "\(local.stderr)")
        let keyFile = try await CLI.parledger(
            "score",
            "--store",
            store,
            "--key",
            demo.appendingPathComponent("no.key").path,
            "--unit",
            "SNV",
            "--leaf",
            "1.1",
            "--points",
            "1",
            "--unprotected"
        )
        #expect(keyFile.status == 2 && keyFile.stderr.contains("no.key: there is no such file"), "\(keyFile.stderr)")
    }

    @Test func standingsAsCSVHaveAHeaderAndARowPerUnit() async throws {
        let demo = CLI.temporaryFolder().appendingPathComponent("demo")
        try #require(try await CLI.parledger("demo", "--dir", demo.path).status == 0)
        let store = demo.appendingPathComponent("ledger.sqlite").path
        let csv = try await CLI.parledger("standings", "--store", store, "--format", "csv", "--group", "district")
        #expect(csv.status == 0)
        // A data file: a byte-order mark, the prefix and digest, a header for every column, a row per unit.
        #expect(csv.stdout.hasPrefix("\u{FEFF}\"parledger-prefix/1;size="))
        let lines = csv.stdout.split(separator: "\r\n", omittingEmptySubsequences: true)
        #expect(
            lines.dropFirst().first
                == "nhóm,hạng,mã,đơn vị,chỉ số (%),xếp loại,điểm thẩm định,điểm XHH,thưởng,trừ,tổng điểm,điểm tối đa,ghi chú"
        )
        #expect(lines.count == 2 + 9)  // nine districts
        let rows = try CSVTable(text: lines.dropFirst().joined(separator: "\r\n"))
        #expect(rows.rows.count == 9 && rows.rows.allSatisfy { $0.fields.count == rows.header.count })
        let table = try await CLI.parledger("standings", "--store", store, "--group", "district")
        #expect(table.stdout.contains("công bố theo quyết định") && !table.stdout.contains("TẠM TÍNH"))
        let dayFirst = try await CLI.parledger(
            "standings",
            "--store",
            store,
            "--as-of",
            "30/04/2024",
            "--format",
            "json"
        )
        let isoDate = try await CLI.parledger(
            "standings",
            "--store",
            store,
            "--as-of",
            "2024-04-30",
            "--format",
            "json"
        )
        #expect(dayFirst.status == 0 && dayFirst.stdout == isoDate.stdout, "dates are read day first too")
        // Before publication a CSV says so beside its prefix: the row readers skip, the first a person sees.
        let draft = try await CLI.parledger(
            "standings",
            "--store",
            store,
            "--as-of",
            "30/12/2023",
            "--format",
            "csv"
        )
        func firstRow(_ text: String) throws -> [String] {
            try CSVTable(text: String(text.dropFirst().prefix { $0 != "\r\n" }), separator: ",").header
        }
        let draftFirst = try firstRow(draft.stdout)
        #expect(draftFirst.count == 2 && draftFirst.last == "TẠM TÍNH — CHƯA CÔNG BỐ", "\(draftFirst)")
        #expect(try firstRow(csv.stdout).count == 1, "published: the prefix alone")
        #expect(table.stdout.range(of: #"\d+,\d{2}"#, options: .regularExpression) != nil, "a decimal comma")
        let english = try await CLI.parledger("standings", "--store", store, "--group", "district", "--lang", "en")
        #expect(english.stdout.contains("PAR Index standings") && !english.stdout.contains("xếp loại"))
        #expect(english.stdout.range(of: #"\d+\.\d{2}"#, options: .regularExpression) != nil, "a decimal point")
        // Between the publication and the correction, only STP's index moves (1.2 raised to 1).
        let diff = try await CLI.parledger("diff", "--store", store, "--from", "2024-04-10", "--to", "2024-05-03")
        #expect(diff.status == 0)
        let moved = diff.stdout.split(separator: "\n").filter { $0.split(separator: " ").last?.hasPrefix("+") == true }
        #expect(moved.count == 1)
        #expect(moved.first?.contains(" STP ") == true)
    }

    @Test func progressOfAGroupListsItsUnitsThenItsTotals() async throws {
        let demo = CLI.temporaryFolder().appendingPathComponent("demo")
        try #require(try await CLI.parledger("demo", "--dir", demo.path).status == 0)
        let store = demo.appendingPathComponent("ledger.sqlite").path
        // The 2023 campaign, in which one district submitted late (the ledger goes on into 2024).
        let csv = try await CLI.parledger(
            "progress",
            "--store",
            store,
            "--campaign",
            "2023",
            "--format",
            "csv",
            "--group",
            "district"
        )
        #expect(csv.status == 0, "\(csv.stderr)")
        let lines = csv.stdout.split(separator: "\r\n", omittingEmptySubsequences: true)
        #expect(lines.dropFirst().first?.hasPrefix("nhóm,mã,đơn vị,tiến độ") == true)
        #expect(lines.count == 2 + 9 + 1)  // the prefix, the header, nine districts and their totals
        #expect(lines.last?.contains("9/9 đã chốt,1 trễ hạn") == true, "\(lines.last ?? "")")
        let table = try await CLI.parledger("progress", "--store", store, "--as-of", "2023-12-06")
        #expect(table.status == 0, "\(table.stderr)")
        #expect(table.stdout.contains("mở lại đến 17:00 08/12/2023"), "\(table.stdout)")
        #expect(table.stdout.contains("tự đánh giá từ 08:00 16/10/2023 đến 17:00 04/12/2023"), "\(table.stdout)")
    }
}
