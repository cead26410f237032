public import Appraisal
public import LedgerCore

/// The years of a ledger side by side: each unit's rank, index and band in every campaign, with
/// the units merged into it followed through their lineage (`successor`).
extension Reports {
    /// A unit a trend may be asked for: one of the latest campaign's. A unit merged into another
    /// is refused with its successor's name, whose trend follows it.
    public struct TrendUnitRefusal: Error, Sendable {
        public let message: String
    }

    public static func trendUnit(_ text: String, in state: AppraisalState) throws(TrendUnitRefusal) -> UnitCode {
        guard let code = UnitCode(text), let unit = state.units[code] else {
            throw TrendUnitRefusal(message: "unit \(text) is not a unit of the latest campaign")
        }
        if let withdrawal = unit.withdrawal {
            let successor = withdrawal.successor.map { ": it was merged into \($0.text), whose trend follows it" } ?? ""
            throw TrendUnitRefusal(message: "unit \(text) is not a unit of the latest campaign\(successor)")
        }
        return code
    }

    /// Every unit still appraised in the latest campaign (or one), and for each campaign of the
    /// ledger its rank, index and band there (and whether that campaign is published yet), with
    /// the units withdrawn into it and where they stood (`parledger trend`).
    public static func trend(_ campaigns: [AppraisalState], unit only: UnitCode? = nil) -> [String: JSONValue] {
        guard let latest = campaigns.last, latest.campaign != nil else { return ["years": [], "units": []] }
        let standings = campaigns.map { state -> (year: Int, published: Bool, stood: [UnitCode: (Standing, String)]) in
            let decimals = state.campaign?.scoring.publicationDecimals ?? 2
            var stood: [UnitCode: (Standing, String)] = [:]
            for (_, group) in Standing.all(state) {
                for standing in group { stood[standing.scorecard.unit] = (standing, standing.index.text(decimals)) }
            }
            return (state.campaign?.year ?? 0, state.publishedAtSize != nil, stood)
        }
        func years(of unit: UnitCode) -> [JSONValue] {
            standings.compactMap { year in
                guard let (standing, index) = year.stood[unit] else { return nil }
                return [
                    "year": .int(Int64(year.year)), "published": .bool(year.published),
                    "rank": .int(Int64(standing.rank)), "index": .string(index),
                    "band": band(standing.scorecard), "name": .string(standing.scorecard.name),
                ]
            }
        }
        // A unit's lineage, oldest merger first: the units withdrawn naming it, and theirs in turn.
        func lineage(of unit: UnitCode, seen: Set<UnitCode> = []) -> [JSONValue] {
            let merged: [(code: UnitCode, unit: AppraisalState.EnrolledUnit, at: Timestamp)] = latest.units.compactMap {
                guard let withdrawal = $0.value.withdrawal, withdrawal.successor == unit, !seen.contains($0.key) else {
                    return nil
                }
                return ($0.key, $0.value, withdrawal.at)
            }
            return merged.sorted { ($0.at, $0.code) < ($1.at, $1.code) }.map { predecessor in
                let object: [String: JSONValue] = [
                    "unit": .string(predecessor.code.text), "name": .string(predecessor.unit.name),
                    "withdrawn": .string(predecessor.unit.withdrawal?.decision.number ?? ""),
                    "years": .array(years(of: predecessor.code)),
                    "mergedFrom": .array(lineage(of: predecessor.code, seen: seen.union([unit]))),
                ]
                return .object(object)
            }
        }
        let units = latest.activeUnits.filter { only == nil || $0 == only }.compactMap { code -> JSONValue? in
            guard let unit = latest.units[code] else { return nil }
            return [
                "unit": .string(code.text), "name": .string(unit.name), "group": .string(unit.group.text),
                "formerNames": .array(unit.formerNames.map { .string($0) }), "years": .array(years(of: code)),
                "mergedFrom": .array(lineage(of: code)),
            ]
        }
        return ["years": .array(standings.map { .int(Int64($0.year)) }), "units": .array(units)]
    }
}
