public import Appraisal
import Foundation
public import LedgerCore
import Presentation

/// Units and staff enrolled from one file (`unit enrol --from`, `key register --from`): every row
/// is checked first, against the campaign, the keys already registered and the rows above it, and
/// every bad row is reported at once by its line; only a file with no bad row becomes one batch.
public enum BulkEnrolment {
    /// One bad row: its line and what is wrong with it.
    public struct RowProblem: Sendable, Equatable, CustomStringConvertible {
        public let line: Int
        public let message: String
        public var description: String { "line \(line): \(message)" }
    }

    /// The file's problems: its layout (no row is read), or its bad rows, all of them.
    public struct Refused: Error, Sendable, CustomStringConvertible {
        public let problems: [RowProblem]
        public let layout: String?

        public var description: String {
            layout ?? "\(problems.count) bad row(s), nothing was recorded:\n"
                + problems.map(\.description).joined(separator: "\n")
        }
    }

    /// The units of a file with columns `code` (mã), `name` (tên), `group` (nhóm): one
    /// `unit.enrolled/v1` each.
    public static func units(_ table: KeyedTable, in state: AppraisalState) throws(Refused) -> [AppraisalEvent] {
        guard let plan = state.campaign else {
            throw Refused(problems: [], layout: "no campaign is opened in this ledger")
        }
        let columns = try columns(
            table,
            ["code": ["code", "mã", "mã đơn vị"], "name": ["name", "tên", "tên đơn vị"], "group": ["group", "nhóm"]]
        )
        var events: [AppraisalEvent] = []
        var problems: [RowProblem] = []
        var seen: [UnitCode: Int] = [:]
        for row in table.rows {
            let code = row.fields[columns["code", default: 0]].trimmingCharacters(in: .whitespaces)
            let name = row.fields[columns["name", default: 0]].precomposedStringWithCanonicalMapping.trimmingCharacters(
                in: .whitespaces
            )
            let groupText = row.fields[columns["group", default: 0]].trimmingCharacters(in: .whitespaces)
            var wrong: [String] = []
            let unit = UnitCode(code)
            if unit == nil { wrong.append("code \"\(code)\" is not a unit code (A–Z, 0–9 and -, such as SNV)") }
            if let unit, state.units[unit] != nil { wrong.append("unit \(unit) is already enrolled") }
            if let unit, let first = seen[unit] { wrong.append("unit \(unit) is also on line \(first)") }
            if name.isEmpty { wrong.append("the name is empty") }
            let group = ConfigCode(groupText).flatMap { plan.group($0) }
            if group == nil {
                wrong.append(
                    "group \"\(groupText)\" is not one of the campaign's: \(plan.groups.map(\.code.text).joined(separator: ", "))"
                )
            }
            if let unit, seen[unit] == nil { seen[unit] = row.line }
            guard wrong.isEmpty, let unit, let group else {
                problems.append(RowProblem(line: row.line, message: wrong.joined(separator: "; ")))
                continue
            }
            events.append(.unitEnrolled(code: unit, name: name, group: group.code))
        }
        try check(problems, events.isEmpty)
        return events
    }

    /// The keys of a file with columns `name` (họ tên), `role` (vai trò: a role code or its
    /// Vietnamese name), `unit` (đơn vị, for unit officers and leaders) and `publicKey` (khóa công
    /// khai, `ed25519:…` as `parledger key show` prints it): one `key.registered/v1` each.
    public static func keys(
        _ table: KeyedTable,
        in state: AppraisalState,
        registered: [KeyID: KeyRecord],
        signer: Role
    ) throws(Refused) -> [ControlEvent.KeyRegistration] {
        let columns = try columns(
            table,
            [
                "name": ["name", "họ tên", "tên"], "role": ["role", "vai trò"],
                "unit": ["unit", "đơn vị", "mã đơn vị"],
                "publicKey": ["publickey", "public key", "khóa công khai"],
            ]
        )
        var registrations: [ControlEvent.KeyRegistration] = []
        var problems: [RowProblem] = []
        var seen: [KeyID: Int] = [:]
        for row in table.rows {
            let name = row.fields[columns["name", default: 0]].precomposedStringWithCanonicalMapping.trimmingCharacters(
                in: .whitespaces
            )
            let roleText = row.fields[columns["role", default: 0]].trimmingCharacters(in: .whitespaces)
            let unitText = row.fields[columns["unit", default: 0]].trimmingCharacters(in: .whitespaces)
            let keyText = row.fields[columns["publicKey", default: 0]].trimmingCharacters(in: .whitespaces)
            var wrong: [String] = []
            if name.isEmpty { wrong.append("the name is empty") }
            let role =
                Role(rawValue: roleText)
                ?? Role.allCases.first { Vocabulary.role($0.rawValue, .vi) == roleText.lowercased() }
            if role == nil {
                wrong.append("role \"\(roleText)\" is none of \(Role.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            if let role, signer == .secretariat, role == .authority || role == .secretariat {
                wrong.append("a secretariat key may not register a \(role.rawValue) key")
            }
            var unit: UnitCode?
            if !unitText.isEmpty {
                unit = UnitCode(unitText)
                if unit == nil { wrong.append("unit \"\(unitText)\" is not a unit code") }
            }
            if let role, role.requiresUnit {
                if unit == nil, unitText.isEmpty { wrong.append("a \(role.rawValue) key names its unit") }
                if let unit, state.units[unit] == nil { wrong.append("unit \(unit) is not enrolled") }
                if let unit, state.units[unit]?.withdrawal != nil { wrong.append("unit \(unit) is withdrawn") }
            } else if let role, !role.allowsUnit, !unitText.isEmpty {
                wrong.append("a \(role.rawValue) key names no unit")
            }
            var key: PublicSigningKey?
            do { key = try PublicSigningKey(validatingText: keyText) } catch {
                wrong.append("the public key \(error.description)")
            }
            if let key {
                if registered[key.keyID] != nil { wrong.append("key \(key.keyID.short)… is already registered") }
                if let first = seen[key.keyID] {
                    wrong.append("key \(key.keyID.short)… is also on line \(first)")
                } else {
                    seen[key.keyID] = row.line
                }
            }
            guard wrong.isEmpty, let role, let key else {
                problems.append(RowProblem(line: row.line, message: wrong.joined(separator: "; ")))
                continue
            }
            registrations.append(
                .init(keyID: key.keyID, name: name, publicKey: key, role: role, unit: role.allowsUnit ? unit : nil)
            )
        }
        try check(problems, registrations.isEmpty)
        return registrations
    }

    /// The column of each wanted member, or a refusal that names the headers missing.
    private static func columns(_ table: KeyedTable, _ wanted: [String: [String]]) throws(Refused) -> [String: Int] {
        var found: [String: Int] = [:]
        var missing: [String] = []
        for (member, names) in wanted.sorted(by: { $0.key < $1.key }) {
            if let column = table.column(names) {
                found[member] = column
            } else {
                missing.append(names.joined(separator: " / "))
            }
        }
        guard missing.isEmpty else {
            throw Refused(
                problems: [],
                layout:
                    "the header (\(table.header.joined(separator: ", "))) lacks the column(s): \(missing.joined(separator: "; "))"
            )
        }
        return found
    }

    private static func check(_ problems: [RowProblem], _ empty: Bool) throws(Refused) {
        guard problems.isEmpty else { throw Refused(problems: problems, layout: nil) }
        guard !empty else { throw Refused(problems: [], layout: "the file has a header but no row") }
    }
}
