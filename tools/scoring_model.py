#!/usr/bin/env python3
"""An independent model of the scoring and ranking rules, written from projections/RULES.md only.

It reads a ledger export (`parledger export --out DIR`: `DIR/entries.jsonl`, events/FORMAT.md
§14), folds the appraisal acts of each campaign in ledger order, and computes per campaign what
RULES.md §3–§9 say: each TĐG leaf's points in force, each XHH leaf's survey score, bonus,
deductions, total, effective max, index, band and rank within the unit's group. It was written
without reading Sources/, so that tools/scoring_model_test.py can hold the Swift projections to
the rules text: where the two differ, either the code or the text is wrong.

Arithmetic is exact (fractions.Fraction); figures are rounded half-up (away from zero at .5)
only where they are published, to the campaign's `publicationDecimals` (RULES §1); survey group
means are shown with 4 decimals. Only the standard library is used.

The ledger holds only admitted acts (a refused statement is never written: events/CATALOG.md), so
the model does not re-check the appraisal rules; it only folds what they admitted.

Where the rules text leaves room, the model decides as follows (the comments marked AMBIGUITY
say where); a difference from parledger on one of these points means the text needs a sentence:

- A campaign is the run of entries from its `campaign.opened/v1` up to the next one; every act
  belongs to the campaign opened last before it (PROCESS §1), a correction after publication
  included. Criteria sets, survey templates and units (with their groups, names and withdrawals)
  carry over; scores, evidence, claims, objections, forms and decisions do not.
- A unit withdrawn, enrolled or renamed during a later campaign keeps its place and name in the
  earlier campaign's standings.
- A TĐG leaf confirmed N/A is not provisional, appraised or not (§3 against §4 and the council
  report's condition); it stays confirmed N/A once a claim on it is confirmed (§4).
- A respondent group is listed for an XHH leaf when a quota of the unit's group names it and any
  template published for that group (in any campaign so far) asks it a question feeding the leaf
  (§5.2, "some template of the group"); a group without a mean does not change the score.
- A submission is late when recorded strictly after `selfScoringCloses` as amended by then; the
  `lateSubmission` flag stays once a unit submitted late in the campaign.
- `fewerDeductions` compares the capped deductions; survey means are rounded half-up to 4
  decimals for display; units of equal rank are listed by code in code point order.
- Fractions are unbounded, so the 128-bit overflow rule of §1 (terms carried to 10⁻³⁰, result
  marked inexact) is not modelled.

Usage:
  tools/scoring_model.py EXPORT_DIR [--at-seq N] [--campaign YEAR] [--unit U] [--format table|json]
"""
import argparse
import json
import os
import sys
from fractions import Fraction

ZERO = Fraction(0)
HUNDRED = Fraction(100)


# ---------------------------------------------------------------------------------------------
# Numbers (RULES §1)

def points(text):
    """A ledger points string ("1.5", "0.25", "2") as an exact fraction."""
    if not isinstance(text, str):
        raise ValueError(f"points must be a decimal string, got {text!r}")
    return Fraction(text)


def round_half_up(value, decimals):
    """`value` rounded half-up, away from zero at exactly .5, to `decimals` places (a Fraction)."""
    scale = 10 ** decimals
    scaled = abs(value) * scale
    whole = int(scaled)  # floor, scaled >= 0
    if scaled - whole >= Fraction(1, 2):
        whole += 1
    result = Fraction(whole, scale)
    return -result if value < 0 else result


def decimal_text(value, decimals):
    """`value` rounded half-up and written with exactly `decimals` places ("82.66", "0.00")."""
    rounded = round_half_up(value, decimals)
    scale = 10 ** decimals
    units = abs(rounded.numerator * scale // rounded.denominator)
    sign = "-" if rounded < 0 else ""
    if decimals == 0:
        return f"{sign}{units}"
    return f"{sign}{units // scale}.{units % scale:0{decimals}d}"


def points_text(value):
    """A fraction in the ledger's shortest points form ("1.5", "0", "0.25"), or None."""
    if value is None:
        return None
    if (value * 1000).denominator != 1:
        return str(value)  # not a points value; shown as a fraction
    text = decimal_text(value, 3).rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


# ---------------------------------------------------------------------------------------------
# Criteria sets (CATALOG criteriaSet.published/v1)

class CriteriaSet:
    def __init__(self, payload):
        self.code = payload["set"]
        self.version = payload["version"]
        self.total_points = points(payload["totalPoints"])
        self.domains = []  # [(code, name, [leaf, ...])] in tree order
        self.leaves = []  # every leaf in tree order
        self.leaf = {}
        for domain in payload["domains"]:
            found = []
            self._walk(domain, found)
            self.domains.append((domain["code"], domain["name"], found))
            self.leaves.extend(found)
        for leaf in self.leaves:
            self.leaf[leaf["code"]] = leaf
        adjustments = payload["adjustments"]
        self.bonus_cap = points(adjustments["bonusCap"])
        self.deduction_cap = points(adjustments["deductionCap"])
        self.items = {item["code"]: item for item in adjustments["items"]}

    def _walk(self, node, found):
        if "children" in node:
            for child in node["children"]:
                self._walk(child, found)
        else:
            found.append(node)

    @staticmethod
    def domain_of(leaf_code):
        return leaf_code.split(".")[0]


# ---------------------------------------------------------------------------------------------
# One campaign's fold

class Campaign:
    """The acts of one campaign, folded in ledger order."""

    def __init__(self, opened_seq, payload, world):
        self.opened_seq = opened_seq
        self.plan = payload
        self.year = payload["year"]
        self.world = world  # the ledger-wide state (criteria sets, templates, units)
        self.groups = payload["groups"]
        self.deadlines = dict(payload["deadlines"])
        self.scoring = payload["scoring"]
        self.decimals = self.scoring["publicationDecimals"]
        self.quotas = {}  # (group, respondentGroup) -> (formsPerUnit, weight)
        for quota in payload["surveyQuotas"]:
            self.quotas[(quota["group"], quota["respondentGroup"])] = (quota["formsPerUnit"], quota.get("weight", 1))
        self.enrolled = []  # unit codes in this campaign's segment (carried ones first)
        self.names = dict(world.unit_name)  # each unit's name in this campaign (renamings in it included)
        self.withdrawn = set()
        # TĐG leaves, keyed (unit, leaf)
        self.self_score = {}
        self.round1 = {}
        self.round2 = {}
        self.in_force = {}
        self.corrected = set()
        self.na_claims = {}  # (unit, leaf) -> list of states, "pending" | "confirmed" | "rejected"
        self.objections = {}  # statement id -> {unit, leaf}
        # bonus and deductions
        self.claims = {}  # id -> {unit, item, kind, points, status, accepted, late}
        self.claim_order = []
        self.submissions = {}  # unit -> list of (seq, recordedAt, late)
        self.late_units = set()
        # survey
        self.forms = {}  # serial -> {unit, respondentGroup, answers, template: (code, version)}
        self.form_order = []
        self.invalidated = set()
        self.published = []  # results.published/v1 payloads
        self.corrections = []
        self.council_report = False
        self.preliminary = False
        self.last_seq = opened_seq

    # -- the plan ---------------------------------------------------------------------------

    def group_set(self, group_code):
        for group in self.groups:
            if group["code"] == group_code:
                criteria = group["criteria"]
                return self.world.criteria[(criteria["set"], criteria["version"])]
        raise KeyError(f"group {group_code} is not in the {self.year} plan")

    def unit_set(self, unit):
        return self.group_set(self.world.unit_group[unit])

    def standing_units(self):
        return [unit for unit in self.enrolled if unit not in self.withdrawn]

    # -- the fold ---------------------------------------------------------------------------

    def apply(self, seq, entry):
        statement = entry["statement"]
        kind = statement["type"]
        payload = statement["payload"]
        sid = statement["statementId"]
        at = entry["recordedAt"]
        self.last_seq = seq
        if kind == "campaign.amended/v1":
            self.deadlines.update(payload["deadlines"])
        elif kind == "unit.enrolled/v1":
            self.enrolled.append(payload["code"])
            self.names[payload["code"]] = payload["name"]
        elif kind == "unit.renamed/v1":
            self.names[payload["unit"]] = payload["name"]
        elif kind == "unit.withdrawn/v1":
            self.withdrawn.add(payload["unit"])
        elif kind == "selfScore.recorded/v1":
            self.self_score[(payload["unit"], payload["leaf"])] = points(payload["points"])
        elif kind == "notApplicable.claimed/v1":
            self.na_claims.setdefault((payload["unit"], payload["leaf"]), []).append("pending")
        elif kind == "notApplicable.decided/v1":
            states = self.na_claims.get((payload["unit"], payload["leaf"]))
            if states and states[-1] == "pending":
                states[-1] = payload["decision"]
        elif kind == "selfAssessment.submitted/v1":
            self.submit(sid, payload["unit"], at, seq)
        elif kind == "appraisal.recorded/v1":
            key = (payload["unit"], payload["leaf"])
            value = points(payload["points"])
            if payload["round"] == 1:
                self.round1[key] = value
                if key not in self.round2:
                    self.in_force[key] = value
            else:
                self.round2[key] = value
                self.in_force[key] = value
        elif kind == "objection.filed/v1":
            self.objections[sid] = {"unit": payload["unit"], "leaf": payload["leaf"]}
        elif kind == "objection.resolved/v1":
            objection = self.objections[payload["objection"]]
            if payload["outcome"] == "accepted":
                self.in_force[(objection["unit"], objection["leaf"])] = points(payload["points"])
            # rejected: the points in force stay (RULES §3)
        elif kind == "results.corrected/v1":
            self.corrections.append(payload)
            for change in payload["changes"]:
                key = (change["unit"], change["leaf"])
                self.in_force[key] = points(change["points"])
                self.corrected.add(key)
        elif kind == "bonusPenalty.claimed/v1":
            unit = payload["unit"]
            item = self.unit_set(unit).items[payload["item"]]
            self.add_claim(sid, unit, item["code"], item["kind"], points(payload["points"]), late=False)
        elif kind == "bonusPenalty.decided/v1":
            claim = self.claims[payload["claim"]]
            claim["status"] = payload["decision"]
            if payload["decision"] == "accepted":
                claim["accepted"] = points(payload["points"])
        elif kind == "surveyBatch.recorded/v1":
            template = (payload["template"]["template"], payload["template"]["version"])
            for form in payload["forms"]:
                self.forms[form["serial"]] = {
                    "unit": form["unit"], "respondentGroup": form["respondentGroup"],
                    "answers": form["answers"], "template": template,
                }
                self.form_order.append(form["serial"])
        elif kind == "surveyForm.invalidated/v1":
            self.invalidated.add(payload["serial"])
        elif kind == "preliminaryResults.issued/v1":
            self.preliminary = True
        elif kind == "councilReport.approved/v1":
            self.council_report = True
        elif kind == "results.published/v1":
            self.published.append(payload)

    def add_claim(self, claim_id, unit, item, kind, amount, late):
        self.claims[claim_id] = {"unit": unit, "item": item, "kind": kind, "points": amount,
                                 "status": "pending", "accepted": None, "late": late}
        self.claim_order.append(claim_id)

    def submit(self, sid, unit, at, seq):
        """RULES §6 "Late submission": a unit's first submission recorded after selfScoringCloses
        (as amended by then) opens a pending deduction claim named by the submission's id."""
        late = at > self.deadlines["selfScoringCloses"]
        history = self.submissions.setdefault(unit, [])
        first_late = late and not any(was_late for _, _, was_late in history)
        history.append((seq, at, late))
        if not late:
            return
        self.late_units.add(unit)
        if not first_late:
            return
        deduction = points(self.scoring["lateSubmissionDeduction"])
        if deduction <= 0:
            return  # "A zero lateSubmissionDeduction proposes nothing."
        item_code = self.scoring.get("lateSubmissionItem")
        if item_code is not None:
            for claim in self.claims.values():
                if claim["unit"] == unit and claim["item"] == item_code and claim["status"] in ("pending", "accepted"):
                    return  # "one lateness is deducted once"
            item = self.unit_set(unit).items[item_code]
            self.add_claim(sid, unit, item_code, "deduction", min(deduction, points(item["maxPoints"])), late=True)
        else:
            self.add_claim(sid, unit, "late-submission", "deduction", deduction, late=True)

    # -- scores -----------------------------------------------------------------------------

    def na_confirmed(self, unit, leaf_code):
        # AMBIGUITY: RULES §4 says a confirmed claim applies the policy and a pending or rejected
        # one changes nothing; it does not say whether a later claim undoes a confirmation. The
        # model keeps the leaf confirmed once any claim on it is confirmed.
        return "confirmed" in self.na_claims.get((unit, leaf_code), [])

    def na_state(self, unit, leaf_code):
        states = self.na_claims.get((unit, leaf_code))
        if not states:
            return None
        return "confirmed" if "confirmed" in states else states[-1]

    def na_policy(self, leaf):
        policy = leaf["notApplicable"]
        if policy == "allowed":
            return self.scoring["notApplicableDefault"]
        return policy

    def tdg_leaf(self, unit, leaf):
        """RULES §3–§4: the points a TĐG leaf counts, and its detail."""
        key = (unit, leaf["code"])
        maximum = points(leaf["maxPoints"])
        detail = {
            "selfScore": self.self_score.get(key),
            "round1": self.round1.get(key),
            "round2": self.round2.get(key),
            "appraised": self.in_force.get(key),
            "corrected": key in self.corrected,
            "notApplicable": self.na_state(unit, leaf["code"]),
            "excluded": False,
            "provisional": False,
        }
        if self.na_confirmed(unit, leaf["code"]):
            policy = self.na_policy(leaf)
            if policy == "excludeFromMax":
                detail["points"] = ZERO
                detail["excluded"] = True
            elif policy == "awardMax":
                detail["points"] = maximum
            else:
                raise ValueError(f"{unit} {leaf['code']}: a confirmed N/A claim on a leaf whose policy is {policy}")
            # AMBIGUITY: RULES §3 flags "a TĐG leaf with no appraised points in force" provisional;
            # §4 says the confirmed policy takes precedence over any appraisal, and the council
            # report accepts a leaf "appraised or confirmed N/A". The model does not flag a
            # confirmed N/A leaf provisional.
        elif key in self.in_force:
            detail["points"] = self.in_force[key]
        else:
            detail["points"] = self.self_score.get(key, ZERO)
            detail["provisional"] = True
        return detail

    def valid_forms(self, unit):
        """RULES §5.1: the unit's forms that count, by respondent group."""
        share = points(self.scoring["formValidShare"])
        valid = {}
        for serial in self.form_order:
            form = self.forms[serial]
            if form["unit"] != unit or serial in self.invalidated:
                continue
            template = self.world.templates[form["template"]]
            asked = [q["code"] for q in template["questions"] if form["respondentGroup"] in q["respondentGroups"]]
            answered = sum(1 for code in asked if code in form["answers"])
            if answered >= share * len(asked):
                valid.setdefault(form["respondentGroup"], []).append(form)
        return valid

    def survey_leaf(self, unit, leaf, valid):
        """RULES §5: the survey score of an XHH leaf, and each respondent group's detail."""
        group_code = self.world.unit_group[unit]
        minimum_share = points(self.scoring["minimumSampleShare"])
        # "each respondent group that the unit's group has a quota for and that some template of
        # the group asks a question feeding this leaf"
        asked_groups = []
        for (template_code, version), template in self.world.templates.items():
            if template["group"] != group_code:
                continue
            for question in template["questions"]:
                if question["leaf"] != leaf["code"]:
                    continue
                for respondent in question["respondentGroups"]:
                    if respondent not in asked_groups:
                        asked_groups.append(respondent)
        groups = []
        for quota_group, respondent in self.quotas:
            if quota_group != group_code or respondent not in asked_groups:
                continue
            planned, weight = self.quotas[(quota_group, respondent)]
            forms = valid.get(respondent, [])
            total, count = ZERO, 0
            for form in forms:
                template = self.world.templates[form["template"]]
                options = {option["code"]: option["coefficient"] for option in template["options"]}
                for question in template["questions"]:
                    if question["leaf"] != leaf["code"] or respondent not in question["respondentGroups"]:
                        continue
                    answer = form["answers"].get(question["code"])
                    if answer is None:
                        continue  # a blank
                    coefficient = options.get(answer)
                    if coefficient is None:
                        continue  # "Không biết"
                    total += points(coefficient)
                    count += 1
            mean = total / count if count else None
            groups.append({
                "respondentGroup": respondent, "planned": planned, "weight": weight, "valid": len(forms),
                "qualifies": len(forms) >= minimum_share * planned, "mean": mean,
            })
        counted = [group for group in groups if group["qualifies"] and group["mean"] is not None]
        maximum = points(leaf["maxPoints"])
        if not counted:
            return ZERO, True, groups
        weights = sum(Fraction(group["weight"]) for group in counted)
        mean = sum(Fraction(group["weight"]) * group["mean"] for group in counted) / weights
        return maximum * mean, False, groups

    def adjustments(self, unit):
        """RULES §6: bonus and deductions, each capped."""
        criteria = self.unit_set(unit)
        bonus, deductions = ZERO, ZERO
        for claim_id in self.claim_order:
            claim = self.claims[claim_id]
            if claim["unit"] != unit or claim["status"] != "accepted":
                continue
            if claim["kind"] == "bonus":
                bonus += claim["accepted"]
            else:
                deductions += claim["accepted"]
        return min(bonus, criteria.bonus_cap), min(deductions, criteria.deduction_cap)

    def scorecard(self, unit):
        """RULES §3–§8 for one unit: exact figures and the leaves' detail."""
        criteria = self.unit_set(unit)
        valid = self.valid_forms(unit)
        leaves = []
        appraised_total, survey_total = ZERO, ZERO
        effective_max = ZERO
        domains = []
        provisional = False
        for domain_code, domain_name, domain_leaves in criteria.domains:
            domain_points, domain_max = ZERO, ZERO
            for leaf in domain_leaves:
                maximum = points(leaf["maxPoints"])
                if leaf["method"] == "TĐG":
                    detail = self.tdg_leaf(unit, leaf)
                    appraised_total += detail["points"]
                    provisional = provisional or detail["provisional"]
                else:
                    score, insufficient, groups = self.survey_leaf(unit, leaf, valid)
                    detail = {"points": score, "insufficient": insufficient, "groups": groups, "excluded": False}
                    survey_total += score
                detail.update({"leaf": leaf["code"], "method": leaf["method"], "maxPoints": maximum})
                leaves.append(detail)
                domain_points += detail["points"]
                if not detail["excluded"]:
                    domain_max += maximum
            effective_max += domain_max
            domains.append({"domain": domain_code, "name": domain_name, "points": domain_points,
                            "effectiveMax": domain_max,
                            "index": domain_points / domain_max * HUNDRED if domain_max else None})
        # AMBIGUITY (harmless): §7 defines effectiveMax both as "Σ of the leaves' max, less …" and
        # as "the set's total points minus those maxima"; the catalog makes them equal. The model
        # sums the leaves.
        bonus, deductions = self.adjustments(unit)
        total = appraised_total + survey_total + bonus - deductions
        if total < 0:
            total = ZERO
        index = total / effective_max * HUNDRED if effective_max else ZERO
        return {
            "unit": unit, "group": self.world.unit_group[unit], "name": self.names[unit],
            "appraisedTotal": appraised_total, "surveyTotal": survey_total, "bonus": bonus,
            "deductions": deductions, "total": total, "effectiveMax": effective_max, "index": index,
            # RULES §8: a provisional scorecard has no band.
            "band": None if provisional else self.band(index), "provisional": provisional, "lateSubmission": unit in self.late_units,
            "domains": domains, "leaves": leaves,
        }

    def band(self, index):
        """RULES §8: the first band whose minimum the index as published reaches."""
        published = round_half_up(index, self.decimals)
        for band in self.scoring["bands"]:
            if published >= points(band["minimumIndex"]):
                return band["name"]
        raise ValueError("no band starts at 0")

    def ranking_key(self, card):
        """RULES §9: the published index, then the tie-breaks at publication precision (all
        "higher first", so a lower deduction is negated)."""
        key = [round_half_up(card["index"], self.decimals)]
        for tie_break in self.scoring["tieBreak"]:
            if tie_break == "surveyTotal":
                key.append(round_half_up(card["surveyTotal"], self.decimals))
            elif tie_break == "appraisedTotal":
                key.append(round_half_up(card["appraisedTotal"], self.decimals))
            elif tie_break == "bonusTotal":
                key.append(round_half_up(card["bonus"], self.decimals))
            elif tie_break == "fewerDeductions":
                key.append(-round_half_up(card["deductions"], self.decimals))
            else:
                raise ValueError(f"unknown tie-break {tie_break}")
        return tuple(key)

    def standings(self):
        """RULES §9: per group, in the plan's order, competition ranks on the ranking key."""
        result = []
        units = self.standing_units()
        for group in self.groups:
            cards = [self.scorecard(unit) for unit in units if self.world.unit_group[unit] == group["code"]]
            keys = {card["unit"]: self.ranking_key(card) for card in cards}
            for card in cards:
                card["rank"] = 1 + sum(1 for other in cards if keys[other["unit"]] > keys[card["unit"]])
            cards.sort(key=lambda card: (card["rank"], card["unit"]))
            result.append({"group": group["code"], "name": group["name"], "standings": cards})
        return result


# ---------------------------------------------------------------------------------------------
# The ledger

class World:
    """What carries over from campaign to campaign: criteria sets, templates, units."""

    def __init__(self):
        self.criteria = {}
        self.templates = {}
        self.unit_group = {}
        self.unit_name = {}


def read_export(folder):
    with open(os.path.join(folder, "entries.jsonl"), encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def fold(entries, size=None):
    """Fold the first `size` entries (all when None); return {year: Campaign} in ledger order."""
    world = World()
    campaigns = {}
    current = None
    for seq, entry in enumerate(entries[:size] if size is not None else entries):
        statement = entry["statement"]
        kind = statement["type"]
        payload = statement["payload"]
        if kind == "criteriaSet.published/v1":
            criteria = CriteriaSet(payload)
            world.criteria[(criteria.code, criteria.version)] = criteria
            continue
        if kind == "surveyTemplate.published/v1":
            world.templates[(payload["template"], payload["version"])] = payload
            continue
        if kind == "campaign.opened/v1":
            current = Campaign(seq, payload, world)
            # Units carry over with their groups and withdrawals (PROCESS §1).
            if campaigns:
                previous = list(campaigns.values())[-1]
                current.enrolled = list(previous.enrolled)
                current.withdrawn = set(previous.withdrawn)
            campaigns[current.year] = current
            continue
        if kind == "unit.enrolled/v1":
            world.unit_group[payload["code"]] = payload["group"]
            world.unit_name[payload["code"]] = payload["name"]
        elif kind == "unit.renamed/v1":
            world.unit_name[payload["unit"]] = payload["name"]
        if current is not None:
            current.apply(seq, entry)
    return campaigns


# ---------------------------------------------------------------------------------------------
# Output

def published_card(card, decimals):
    """A unit's figures as the standings publish them."""
    def text(value):
        return decimal_text(value, decimals)
    return {
        "unit": card["unit"], "group": card["group"], "name": card["name"], "rank": card.get("rank"),
        "appraisedTotal": text(card["appraisedTotal"]), "surveyTotal": text(card["surveyTotal"]),
        "bonus": text(card["bonus"]), "deductions": text(card["deductions"]), "total": text(card["total"]),
        "effectiveMax": text(card["effectiveMax"]), "index": text(card["index"]), "band": card["band"],
        "provisional": card["provisional"], "lateSubmission": card["lateSubmission"],
        "domains": [{"domain": d["domain"], "points": text(d["points"]), "effectiveMax": text(d["effectiveMax"]),
                     "index": None if d["index"] is None else text(d["index"])} for d in card["domains"]],
    }


def published_leaves(card, decimals):
    """A unit's leaves as `scores` shows them."""
    rows = []
    for leaf in card["leaves"]:
        row = {"leaf": leaf["leaf"], "method": leaf["method"], "maxPoints": points_text(leaf["maxPoints"]),
               "points": decimal_text(leaf["points"], decimals)}
        if leaf["method"] == "TĐG":
            for name in ("selfScore", "round1", "round2", "appraised"):
                row[name] = points_text(leaf[name])
            row["provisional"] = leaf["provisional"]
            row["corrected"] = leaf["corrected"]
            row["notApplicable"] = leaf["notApplicable"]
        else:
            row["insufficient"] = leaf["insufficient"]
            row["groups"] = [{"respondentGroup": g["respondentGroup"], "planned": g["planned"], "weight": g["weight"],
                              "valid": g["valid"], "qualifies": g["qualifies"],
                              "mean": None if g["mean"] is None else decimal_text(g["mean"], 4)} for g in leaf["groups"]]
        rows.append(row)
    return rows


def report(campaign):
    return {
        "year": campaign.year,
        "published": bool(campaign.published),
        "groups": [{"group": g["group"], "name": g["name"],
                    "standings": [published_card(card, campaign.decimals) for card in g["standings"]]}
                   for g in campaign.standings()],
    }


def main(argv):
    parser = argparse.ArgumentParser(description="The scoring and ranking of RULES.md, from a ledger export.")
    parser.add_argument("export", help="a folder written by `parledger export --out DIR`")
    parser.add_argument("--at-seq", type=int, help="the first N entries only")
    parser.add_argument("--campaign", type=int, help="the campaign's year (default: the latest of the prefix)")
    parser.add_argument("--unit", help="one unit's leaves instead of the standings")
    parser.add_argument("--format", choices=["table", "json"], default="table")
    arguments = parser.parse_args(argv)
    campaigns = fold(read_export(arguments.export), arguments.at_seq)
    if not campaigns:
        print("no campaign in this prefix", file=sys.stderr)
        return 1
    year = arguments.campaign if arguments.campaign is not None else list(campaigns)[-1]
    if year not in campaigns:
        print(f"no {year} campaign in this prefix", file=sys.stderr)
        return 1
    campaign = campaigns[year]
    if arguments.unit:
        if arguments.unit not in campaign.enrolled:
            print(f"unit {arguments.unit} is not in the {year} campaign", file=sys.stderr)
            return 1
        card = campaign.scorecard(arguments.unit)
        answer = {"result": published_card(card, campaign.decimals), "leaves": published_leaves(card, campaign.decimals)}
        if arguments.format == "json":
            print(json.dumps(answer, ensure_ascii=False, indent=1))
        else:
            for row in answer["leaves"]:
                print(f"{row['leaf']:<10} {row['method']:<4} {row['maxPoints']:>6} {row['points']:>8}"
                      + ("  provisional" if row.get("provisional") else ""))
            result = answer["result"]
            print(f"total {result['total']} / {result['effectiveMax']} = {result['index']} % {result['band'] or '—'}")
        return 0
    answer = report(campaign)
    if arguments.format == "json":
        print(json.dumps(answer, ensure_ascii=False, indent=1))
        return 0
    for group in answer["groups"]:
        print(f"\n{group['name']} ({year})")
        for card in group["standings"]:
            print(f"{card['rank']:>3}  {card['unit']:<9} {card['index']:>7}  {card['band'] or '—':<11} "
                  f"TĐG {card['appraisedTotal']:>6}  XHH {card['surveyTotal']:>6}  +{card['bonus']} -{card['deductions']}"
                  f"  = {card['total']:>6} / {card['effectiveMax']}" + ("  tạm tính" if card["provisional"] else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
