#!/usr/bin/env python3
"""The Swift projections' figures against an independent model of projections/RULES.md.

tools/scoring_model.py computes the scoring and ranking from the rules text alone (it was written
without reading Sources/). This test builds the demo ledger (`parledger demo`), exports it
(`parledger export`), and for every campaign of the ledger (2023 and 2024) compares, unit by unit,
what `parledger standings --campaign YEAR --format json` reports (the units listed and their
order, rank, name, index, band, appraised and survey totals, bonus, deductions, total, effective
max, the provisional and late flags, and each domain's points, effective max and index) with the
model: at the end of the ledger, at the publication's checkpoint size (the results as published)
and at earlier prefixes (`--at-seq N`: the campaign just opened, a unit just withdrawn,
self-assessment only, half the survey forms, a late claim pending, after round 1, objections half
resolved, after a correction), and once `--as-of` a date. `parledger scores --unit U --format
json` is compared leaf by leaf (self-score, rounds 1 and 2, points in force and counted, the
provisional, corrected and N/A states; each survey leaf's score, insufficient flag, and each
respondent group's mean, valid forms, quota, weight and qualification) for a few units chosen for
what happened to them (late, corrected, N/A, bonus or deduction, objection). The same comparison
runs on the edge scenario's ledger (`parledger demo --scenario edge`), every unit, and the
standings at every tenth entry, when the binary has that scenario; on a binary without it the
test is skipped, and `compare_ledger(name, store)` compares any ledger.

Every difference is printed, campaign, prefix, unit and figure, model against parledger, and fails
the test. A difference means the code or RULES.md is wrong: the model follows the rules text, so
fix whichever is wrong, and the model only when it misreads the text.

Usage: tools/scoring_model_test.py [PATH_TO_PARLEDGER]   (default .build/debug/parledger)
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import unittest
from fractions import Fraction

# These scripts stand in for a demonstration: the demo's key files and the keys made here are
# unprotected (no passphrase), which parledger refuses unless told so.
os.environ.setdefault("PARLEDGER_UNPROTECTED", "1")

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import scoring_model  # noqa: E402  (tools/scoring_model.py, beside this file)

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PARLEDGER = os.path.abspath(
    os.environ.get("PARLEDGER_BINARY") or (sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, ".build/debug/parledger"))
)

RESULT_FIGURES = ["name", "index", "band", "appraisedTotal", "surveyTotal", "bonus", "deductions", "total", "effectiveMax",
                  "provisional", "lateSubmission"]
TDG_FIGURES = ["selfScore", "round1", "round2", "appraised", "points", "provisional", "corrected", "notApplicable"]
POINTS_FIGURES = {"selfScore", "round1", "round2", "appraised"}


def run(*arguments, expect=0):
    """Run the binary; while another build replaces it (missing or busy), wait and retry."""
    for attempt in range(60):
        try:
            result = subprocess.run([PARLEDGER, *arguments], capture_output=True, text=True, timeout=300)
            break
        except OSError as error:
            if attempt == 59:
                raise
            if attempt == 0:
                print(f"waiting for {PARLEDGER} (being rebuilt?): {error}", file=sys.stderr)
            time.sleep(5)
    if expect is not None and result.returncode != expect:
        raise AssertionError(
            f"parledger {' '.join(arguments)} exited {result.returncode}, expected {expect}\n"
            f"stdout: {result.stdout}\nstderr: {result.stderr}"
        )
    return result


def run_json(*arguments):
    return json.loads(run(*arguments, "--format", "json").stdout)


def has_edge_scenario():
    return "--scenario" in run("demo", "--help").stdout and "edge" in run("demo", "--help").stdout


def same_points(ours, theirs):
    """Two ledger points strings (or None) naming the same number."""
    if ours is None or theirs is None:
        return ours is None and theirs is None
    return Fraction(ours) == Fraction(theirs)


def as_of_moment(date):
    """RULES §10: a date means the end of that day in Vietnam (UTC+7)."""
    import datetime
    day = datetime.date.fromisoformat(date)
    return f"{day.isoformat()}T16:59:59.999Z"


class Comparison:
    """One ledger (a store and its export) compared with the model; differences are collected."""

    def __init__(self, name, store, export):
        self.name = name
        self.store = store
        self.entries = scoring_model.read_export(export)
        self.differences = []
        self.checked = []

    def differ(self, where, figure, ours, theirs):
        self.differences.append(f"{where} {figure}: model {ours!r}, parledger {theirs!r}")

    # -- prefixes -----------------------------------------------------------------------------

    def campaigns(self, size=None):
        return scoring_model.fold(self.entries, size)

    def segments(self):
        """Per campaign year: (first seq, end seq) of its entries in the ledger."""
        starts = [(seq, entry["statement"]["payload"]["year"]) for seq, entry in enumerate(self.entries)
                  if entry["statement"]["type"] == "campaign.opened/v1"]
        result = {}
        for number, (start, year) in enumerate(starts):
            end = starts[number + 1][0] if number + 1 < len(starts) else len(self.entries)
            result[year] = (start, end)
        return result

    def interesting_prefixes(self, year):
        """Tree sizes inside a campaign where the figures are worth checking: named, in order."""
        start, end = self.segments()[year]
        kinds = [(seq, self.entries[seq]["statement"]["type"]) for seq in range(start, end)]

        def seqs(kind):
            return [seq for seq, name in kinds if name == kind]

        prefixes = [("the campaign just opened: carried units, nothing scored yet", start + 1)]
        for withdrawn in seqs("unit.withdrawn/v1")[:1]:
            prefixes.append(("just after a unit's withdrawal", withdrawn + 1))
        appraisals = seqs("appraisal.recorded/v1")
        if appraisals:
            prefixes.append(("before the first appraisal: self-scores only, all provisional", appraisals[0]))
            prefixes.append(("half the appraisals recorded", appraisals[len(appraisals) // 2]))
        batches = seqs("surveyBatch.recorded/v1")
        if batches:
            prefixes.append(("half the survey batches recorded", batches[len(batches) // 2]))
        campaign = self.campaigns(end)[year]
        late = [seq for seq, name in kinds if name == "selfAssessment.submitted/v1"
                and self.entries[seq]["recordedAt"] > campaign.plan["deadlines"]["selfScoringCloses"]]
        if late:
            prefixes.append(("just after a late submission (its deduction pending)", late[0] + 1))
        decided = seqs("bonusPenalty.decided/v1")
        if decided:
            prefixes.append(("claims decided", decided[-1] + 1))
        preliminary = seqs("preliminaryResults.issued/v1")
        if preliminary:
            prefixes.append(("after round 1, before preliminary results", preliminary[0]))
        resolved = seqs("objection.resolved/v1")
        if resolved:
            prefixes.append(("objections half resolved", resolved[len(resolved) // 2]))
            prefixes.append(("objections resolved", resolved[-1] + 1))
        round2 = [seq for seq in appraisals if self.entries[seq]["statement"]["payload"]["round"] == 2]
        if round2:
            prefixes.append(("round 2 recorded", round2[-1] + 1))
        for published in seqs("results.published/v1"):
            size = self.entries[published]["statement"]["payload"]["checkpoint"]["size"]
            prefixes.append(("the publication's checkpoint: the results as published", size))
        for corrected in seqs("results.corrected/v1"):
            prefixes.append(("after a correction", corrected + 1))
        prefixes.append(("the campaign's last entry", end))
        seen, unique = set(), []
        for label, size in prefixes:
            if start < size <= len(self.entries) and size not in seen:
                seen.add(size)
                unique.append((label, size))
        return sorted(unique, key=lambda item: item[1])

    # -- standings ------------------------------------------------------------------------------

    def compare_standings(self, year, size=None, as_of=None, label=""):
        before = len(self.differences)
        arguments = ["standings", "--store", self.store, "--campaign", str(year)]
        if size is not None:
            arguments += ["--at-seq", str(size)]
        if as_of is not None:
            arguments += ["--as-of", as_of]
            size = sum(1 for entry in self.entries if entry["recordedAt"] <= as_of_moment(as_of))
        theirs = run_json(*arguments)
        campaigns = self.campaigns(size)
        where = f"[{self.name} {year} at {size if size is not None else len(self.entries)} entries{', ' + label if label else ''}]"
        if theirs["ledger"]["size"] != (size if size is not None else len(self.entries)):
            self.differ(where, "ledger.size", size, theirs["ledger"]["size"])
        if year not in campaigns:
            self.differ(where, "campaign", "absent from the prefix", "present")
            self.checked.append((f"{where} standings", before, len(self.differences)))
            return
        ours = scoring_model.report(campaigns[year])
        if ours["published"] != theirs.get("published"):
            self.differ(where, "published", ours["published"], theirs.get("published"))
        our_groups = [group["group"] for group in ours["groups"]]
        their_groups = [group["group"] for group in theirs["groups"]]
        if our_groups != their_groups:
            self.differ(where, "groups (the plan's order)", our_groups, their_groups)
        units = 0
        for our_group in ours["groups"]:
            their_group = next((group for group in theirs["groups"] if group["group"] == our_group["group"]), None)
            if their_group is None:
                continue
            our_order = [card["unit"] for card in our_group["standings"]]
            their_order = [card["unit"] for card in their_group["standings"]]
            if our_order != their_order:
                self.differ(f"{where} group {our_group['group']}", "listing order (rank, then unit code)", our_order, their_order)
            their_cards = {card["unit"]: card for card in their_group["standings"]}
            for card in our_group["standings"]:
                units += 1
                their_card = their_cards.get(card["unit"])
                unit_where = f"{where} {our_group['group']} {card['unit']}"
                if their_card is None:
                    self.differ(unit_where, "listed", True, False)
                    continue
                self.compare_result(unit_where, card, their_card, rank=True)
        self.checked.append((f"{where} standings of {units} units", before, len(self.differences)))

    def compare_result(self, where, ours, theirs, rank):
        for figure in (["rank"] if rank else []) + RESULT_FIGURES:
            if ours[figure] != theirs.get(figure):
                self.differ(where, figure, ours[figure], theirs.get(figure))
        their_domains = {domain["domain"]: domain for domain in theirs.get("domains", [])}
        for domain in ours["domains"]:
            their_domain = their_domains.get(domain["domain"])
            if their_domain is None:
                self.differ(where, f"domain {domain['domain']}", "present", "absent")
                continue
            for figure in ["points", "effectiveMax", "index"]:
                if domain[figure] != their_domain.get(figure):
                    self.differ(where, f"domain {domain['domain']} {figure}", domain[figure], their_domain.get(figure))

    # -- scores ---------------------------------------------------------------------------------

    def notable_units(self, campaign):
        """Units something happened to: late, corrected, N/A claimed, a claim, an objection."""
        chosen = []

        def add(unit):
            if unit not in chosen and unit in campaign.standing_units():
                chosen.append(unit)

        for unit in sorted(campaign.late_units):
            add(unit)
        for unit, _ in sorted(campaign.corrected):
            add(unit)
        for unit, _ in sorted(campaign.na_claims):
            add(unit)
            break
        for claim in campaign.claims.values():
            add(claim["unit"])
        for objection in campaign.objections.values():
            add(objection["unit"])
            break
        for group in campaign.groups:
            members = [unit for unit in campaign.standing_units() if campaign.world.unit_group[unit] == group["code"]]
            if members:
                add(members[0])
        return chosen

    def compare_scores(self, year, unit, size=None, label=""):
        before = len(self.differences)
        arguments = ["scores", "--store", self.store, "--campaign", str(year), "--unit", unit]
        if size is not None:
            arguments += ["--at-seq", str(size)]
        theirs = run_json(*arguments)
        campaign = self.campaigns(size)[year]
        card = campaign.scorecard(unit)
        where = f"[{self.name} {year} at {size if size is not None else len(self.entries)} entries{', ' + label if label else ''}] scores {unit}"
        self.compare_result(where, scoring_model.published_card(card, campaign.decimals), theirs["result"], rank=False)
        their_leaves = {leaf["leaf"]: leaf for leaf in theirs["leaves"]}
        ours = scoring_model.published_leaves(card, campaign.decimals)
        if [leaf["leaf"] for leaf in ours] != [leaf["leaf"] for leaf in theirs["leaves"]]:
            self.differ(where, "leaves (tree order)", [leaf["leaf"] for leaf in ours], [leaf["leaf"] for leaf in theirs["leaves"]])
        for leaf in ours:
            their_leaf = their_leaves.get(leaf["leaf"])
            leaf_where = f"{where} leaf {leaf['leaf']}"
            if their_leaf is None:
                self.differ(leaf_where, "listed", True, False)
                continue
            if not same_points(leaf["maxPoints"], their_leaf.get("maxPoints")):
                self.differ(leaf_where, "maxPoints", leaf["maxPoints"], their_leaf.get("maxPoints"))
            if leaf["method"] == "TĐG":
                for figure in TDG_FIGURES:
                    same = (same_points(leaf[figure], their_leaf.get(figure)) if figure in POINTS_FIGURES
                            else leaf[figure] == their_leaf.get(figure))
                    if not same:
                        self.differ(leaf_where, figure, leaf[figure], their_leaf.get(figure))
                continue
            if leaf["points"] != their_leaf.get("points"):
                self.differ(leaf_where, "points (survey score)", leaf["points"], their_leaf.get("points"))
            survey = their_leaf.get("survey") or {}
            if leaf["insufficient"] != survey.get("insufficient"):
                self.differ(leaf_where, "insufficient", leaf["insufficient"], survey.get("insufficient"))
            their_groups = {group["respondentGroup"]: group for group in survey.get("groups", [])}
            our_names = [group["respondentGroup"] for group in leaf["groups"]]
            if sorted(our_names) != sorted(their_groups):
                self.differ(leaf_where, "respondent groups", our_names, list(their_groups))
            for group in leaf["groups"]:
                their_group = their_groups.get(group["respondentGroup"])
                if their_group is None:
                    continue
                for figure in ["mean", "valid", "planned", "qualifies", "weight"]:
                    if group[figure] != their_group.get(figure):
                        self.differ(f"{leaf_where} {group['respondentGroup']}", figure, group[figure], their_group.get(figure))
        self.checked.append((f"{where}: {len(ours)} leaves", before, len(self.differences)))

    # -- the whole comparison -------------------------------------------------------------------

    def compare_everything(self, every_unit=False, every_n=None):
        campaigns = self.campaigns()
        for year, campaign in campaigns.items():
            self.compare_standings(year, label="end of the ledger")
            prefixes = self.interesting_prefixes(year)
            if every_n:
                start, end = self.segments()[year]
                prefixes += [("every n-th entry", size) for size in range(start + 1, end, every_n)
                             if size not in {size for _, size in prefixes}]
            for label, size in prefixes:
                self.compare_standings(year, size=size, label=label)
            units = campaign.standing_units() if every_unit else self.notable_units(campaign)
            for unit in units:
                self.compare_scores(year, unit)
            earlier = [(label, size) for label, size in prefixes if "first appraisal" in label or "pending" in label
                       or "half the survey" in label or "half resolved" in label]
            for label, size in earlier:
                at = self.campaigns(size)[year]
                for unit in (at.standing_units() if every_unit else self.notable_units(at)[:2]):
                    self.compare_scores(year, unit, size=size, label=label)

    def report(self):
        """Print one line per comparison, "ok:" or "DIFFERENT:" followed by its differences, figure
        by figure; return the differences."""
        for line, first, last in self.checked:
            if first == last:
                print(f"ok: {line}")
                continue
            print(f"DIFFERENT: {line}")
            for difference in self.differences[first:last]:
                print(f"  {difference}")
        return self.differences


def compare_ledger(name, store, every_unit=False, every_n=None, folder=None):
    """Export the ledger at `store` and compare all its campaigns with the model; returns the
    differences (an empty list when parledger and the model agree). Callable on any ledger, e.g.
    `python3 -c 'import scoring_model_test as t; t.compare_ledger("mine", "ledger.sqlite")'`."""
    folder = folder or tempfile.mkdtemp(prefix="parledger-scoring-model-")
    export = os.path.join(folder, f"export-{name}")
    run("export", "--store", store, "--out", export)
    comparison = Comparison(name, store, export)
    comparison.compare_everything(every_unit=every_unit, every_n=every_n)
    return comparison.report()


class ScoringModel(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.folder = tempfile.mkdtemp(prefix="parledger-scoring-model-")

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.folder, ignore_errors=True)

    def test_model_arithmetic(self):
        """The model's own rounding (RULES §1, §8): half-up, away from zero at .5."""
        self.assertEqual(scoring_model.decimal_text(Fraction("89.995"), 2), "90.00")
        self.assertEqual(scoring_model.decimal_text(Fraction("89.994"), 2), "89.99")
        self.assertEqual(scoring_model.decimal_text(Fraction("-0.005"), 2), "-0.01")
        self.assertEqual(scoring_model.decimal_text(Fraction(2, 3), 4), "0.6667")
        self.assertEqual(scoring_model.decimal_text(Fraction("85.5"), 0), "86")
        self.assertEqual(scoring_model.points_text(Fraction("1.50")), "1.5")
        self.assertEqual(scoring_model.points_text(Fraction(0)), "0")

    def test_demo_ledger_agrees_with_the_rules(self):
        demo = os.path.join(self.folder, "demo")
        run("demo", "--dir", demo)
        differences = compare_ledger("demo", os.path.join(demo, "ledger.sqlite"), folder=self.folder)
        # RULES §10: a date is the end of that day in Vietnam.
        comparison = Comparison("demo", os.path.join(demo, "ledger.sqlite"), os.path.join(self.folder, "export-demo"))
        comparison.compare_standings(2023, as_of="2024-01-31", label="--as-of 2024-01-31")
        differences += comparison.report()
        self.assertEqual(differences, [], f"{len(differences)} differences between parledger and RULES.md (listed above)")

    def test_edge_scenario_agrees_with_the_rules(self):
        if not has_edge_scenario():
            self.skipTest("this parledger has no `demo --scenario edge`: run compare_ledger() on such a ledger")
        edge = os.path.join(self.folder, "edge")
        run("demo", "--scenario", "edge", "--dir", edge)
        differences = compare_ledger("edge", os.path.join(edge, "ledger.sqlite"), every_unit=True, every_n=10,
                                     folder=self.folder)
        self.assertEqual(differences, [], f"{len(differences)} differences between parledger and RULES.md (listed above)")


if __name__ == "__main__":
    unittest.main(argv=[sys.argv[0]], verbosity=2)
