"""Tests of the appraisal payload schemas (events/schemas/) and the sample inputs (events/samples/).

Run from the repository root:
    python3 -m unittest discover -s tools -p 'test_*.py'

Checks that every event type of events/CATALOG.md has a valid draft 2020-12 schema, that each
schema accepts a correct payload and refuses bad ones (an unknown member, points as a JSON number
or with a trailing zero, a missing member, a bad leaf code, …), and that the samples a
secretariat edits (criteria sets, campaign, units, survey templates, survey CSV) validate and keep
the invariants CATALOG.md and PROCESS.md (§3, §4, §6) state: leaves summing to 100 with the domain totals, the
1,278 survey forms of 2023, 27 units, every XHH leaf covered by a question; and the same of the 2025
commune samples (the commune set and template, 56 units, the 2025 plan). The payload vectors
(events/vectors/payloads.json, which the Swift decoder runs too) are integers-only NFC JSON, and
every case's verdict is its schema's.
"""

import copy
import csv
import importlib.util
import io
import json
import os
import re
import sys
import unicodedata
import unittest
from decimal import Decimal

from jsonschema import Draft202012Validator

TOOLS = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(TOOLS)
EVENTS = os.path.join(REPO, "events")
SCHEMAS = os.path.join(EVENTS, "schemas")
SAMPLES = os.path.join(EVENTS, "samples")
DRAFT = "https://json-schema.org/draft/2020-12/schema"


def _load_verifier():
    if "verify_ledger" in sys.modules:
        return sys.modules["verify_ledger"]
    sys.dont_write_bytecode = True          # keep tools/ free of __pycache__
    spec = importlib.util.spec_from_file_location("verify_ledger", os.path.join(TOOLS, "verify-ledger.py"))
    module = importlib.util.module_from_spec(spec)
    sys.modules["verify_ledger"] = module
    spec.loader.exec_module(module)
    return module


vl = _load_verifier()


def schema_path(event_type):
    return os.path.join(SCHEMAS, event_type.replace("/", "-") + ".schema.json")


_validators = {}


def validator(event_type):
    if event_type not in _validators:
        with open(schema_path(event_type), encoding="utf-8") as f:
            _validators[event_type] = Draft202012Validator(json.load(f))
    return _validators[event_type]


def errors(event_type, payload):
    return list(validator(event_type).iter_errors(payload))


def load_sample(name):
    """A sample file, read under the ledger's JSON rules (FORMAT.md §2.1: NFC, no floats, …)."""
    with open(os.path.join(SAMPLES, name), "rb") as f:
        return vl.parse_json(f.read())


def refused_code_points():
    """The code points CATALOG.md's "Refused code points" table refuses: (in a text, in a name or
    short text), from its first column's U+XXXX and U+XXXX–U+YYYY items."""
    with open(os.path.join(EVENTS, "CATALOG.md"), encoding="utf-8") as f:
        section = f.read().split("**Refused code points.**", 1)[1].split("**Keys.**", 1)[0]
    multi, single = set(), set()
    for row in re.findall(r"^\| (U\+[^|]*)\|([^|]*)\|", section, flags=re.M):
        codes = set()
        for first, last in re.findall(r"U\+([0-9A-F]{4,6})(?:–U\+([0-9A-F]{4,6}))?", row[0]):
            codes |= set(range(int(first, 16), int(last or first, 16) + 1))
        single |= codes
        if "name or short text only" not in row[1]:
            multi |= codes
    return multi, single


def catalog_types():
    with open(os.path.join(EVENTS, "CATALOG.md"), encoding="utf-8") as f:
        return re.findall(r"^### ([a-z][A-Za-z0-9.]*/v[0-9]+)", f.read(), flags=re.M)


# ------------------------------------------------------------------ one correct payload per type

KEY = "3f2a" * 16
REF = "0f8fad5b-d9cb-469f-a165-70867728950e"
BLOB = {"sha256": "ab" * 32, "size": 48213, "name": "ke-hoach-cchc-2023.pdf", "mediaType": "application/pdf"}
DOCUMENT = {"number": "112/KH-SNV", "issuer": "Sở Nội vụ", "issuedOn": "2023-01-16", "page": 3}
DECISION = {"number": "534/QĐ-UBND", "date": "2023-04-17"}
CHECKPOINT = {"size": 24518, "root": "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU="}


def recorded(name, number, issuer, issued_on):
    """A `documents` item: the file (a blob) and the document it is, as an evidence item."""
    return {"blob": {"sha256": "cd" * 32, "size": 182406, "name": name, "mediaType": "application/pdf"},
            "document": {"number": number, "issuer": issuer, "issuedOn": issued_on}}


# The acts that may record documents (`documents`).
DOCUMENTED = ["selfAssessment.submitted/v1", "councilReport.approved/v1", "results.published/v1",
              "results.corrected/v1"]

EXAMPLES = {
    "criteriaSet.published/v1": {
        "set": "department", "version": 1, "name": "Bộ tiêu chí cấp sở", "decision": DECISION,
        "totalPoints": "2.5",
        "domains": [{"code": "1", "name": "Công tác chỉ đạo, điều hành CCHC", "children": [
            {"code": "1.1", "name": "Kế hoạch cải cách hành chính năm", "children": [
                {"code": "1.1.1", "name": "Ban hành kế hoạch CCHC năm đúng hạn", "maxPoints": "0.5",
                 "method": "TĐG", "rule": "Ban hành đúng hạn: 0,5 điểm; không đúng hạn: 0 điểm",
                 "evidence": ["Kế hoạch CCHC năm 2023"], "notApplicable": "notAllowed",
                 "allowedValues": ["0", "0.5"]}]},
            {"code": "1.2", "name": "Mức độ quan tâm chỉ đạo của lãnh đạo sở", "maxPoints": "2",
             "method": "XHH", "rule": "Tính từ kết quả điều tra xã hội học", "evidence": [],
             "notApplicable": "notAllowed"}]}],
        "adjustments": {"bonusCap": "2", "deductionCap": "3", "items": [
            {"code": "B1", "name": "Sáng kiến được công nhận", "kind": "bonus", "maxPoints": "1"},
            {"code": "D1", "name": "Báo cáo định kỳ trễ hạn", "kind": "deduction", "maxPoints": "0.5"}]},
    },
    "campaign.opened/v1": {
        "plan": {"number": "43/KH-UBND", "date": "2023-05-09"}, "year": 2023,
        "groups": [{"code": "department", "name": "Sở, ban, ngành tỉnh",
                    "criteria": {"set": "department", "version": 1}}],
        "deadlines": {"selfScoringOpens": "2023-10-16T01:00:00.000Z",
                      "selfScoringCloses": "2023-12-04T10:00:00.000Z",
                      "round1Closes": "2024-01-31T10:00:00.000Z",
                      "explanationCloses": "2024-02-16T10:00:00.000Z",
                      "round2Closes": "2024-03-08T10:00:00.000Z"},
        "respondentGroups": [{"code": "citizens", "name": "Người dân, tổ chức"}],
        "surveyQuotas": [{"group": "department", "respondentGroup": "citizens", "formsPerUnit": 20}],
        "scoring": {"publicationDecimals": 2,
                    "bands": [{"name": "Tốt", "minimumIndex": "90"}, {"name": "Yếu", "minimumIndex": "0"}],
                    "tieBreak": ["surveyTotal"], "minimumSampleShare": "0.5", "formValidShare": "0.7",
                    "notApplicableDefault": "excludeFromMax", "lateSubmissionDeduction": "1",
                    "lateSubmissionItem": "D3", "clockSkewSeconds": 300},
    },
    "campaign.amended/v1": {
        "decision": {"number": "145/QĐ-UBND", "date": "2024-01-25"},
        "reason": "Gia hạn thẩm định vòng 1 do hệ thống quản lý văn bản gián đoạn",
        "deadlines": {"round1Closes": "2024-02-07T10:00:00.000Z", "explanationCloses": "2024-02-23T10:00:00.000Z"},
    },
    "unit.enrolled/v1": {"code": "SNV", "name": "Sở Nội vụ", "group": "department"},
    "unit.withdrawn/v1": {"unit": "SGTVT", "decision": {"number": "412/QĐ-UBND", "date": "2025-03-01"},
                          "reason": "Hợp nhất Sở Giao thông vận tải và Sở Xây dựng thành Sở Xây dựng",
                          "successor": "SXD"},
    "unit.renamed/v1": {"unit": "SNNPTNT", "name": "Sở Nông nghiệp và Môi trường",
                        "decision": {"number": "398/QĐ-UBND", "date": "2025-02-28"}},
    "appraiser.assigned/v1": {"keyId": KEY, "domains": ["1", "4", "5"], "ownUnit": "SNV"},
    "selfScore.recorded/v1": {"unit": "SNV", "leaf": "1.1.2", "points": "1.5",
                              "note": "Đã hoàn thành toàn bộ nhiệm vụ trong kế hoạch"},
    "evidence.attached/v1": {"unit": "SNV", "leaf": "1.1.1", "blob": BLOB, "document": DOCUMENT},
    "evidence.withdrawn/v1": {"unit": "SNV", "leaf": "1.1.1", "evidence": REF, "reason": "Đính kèm nhầm tệp"},
    "notApplicable.claimed/v1": {"unit": "STP", "leaf": "6.2", "reason": "Năm 2023 sở không được giao vốn đầu tư công"},
    "notApplicable.decided/v1": {"unit": "STP", "leaf": "6.2", "decision": "confirmed",
                                 "reason": "Đúng, không có kế hoạch vốn năm 2023"},
    "selfAssessment.submitted/v1": {"unit": "SNV", "documents": [
        recorded("Báo cáo tự đánh giá CCHC 2023.pdf", "215/BC-SNV", "Sở Nội vụ", "2023-11-28")]},
    "selfAssessment.reopened/v1": {"unit": "SYT", "reason": "Sự cố hệ thống ngày 04/12/2023",
                                   "until": "2023-12-06T10:00:00.000Z"},
    "appraisal.recorded/v1": {"unit": "SNV", "leaf": "3.3.1", "round": 1, "points": "1.5",
                              "reason": "Tỷ lệ đúng hạn 96,4% theo hệ thống", "explanationRequested": True},
    "round.reopened/v1": {"round": 2, "units": ["SNV", "H-CL"], "leaves": ["3.3.1", "1.1.2"],
                          "until": "2024-03-15T10:00:00.000Z", "reason": "Thẩm định lại sau giải trình bổ sung"},
    "preliminaryResults.issued/v1": {"note": "Công văn số 2150/SNV-CCHC"},
    "explanation.submitted/v1": {"unit": "SNV", "leaf": "3.3.1", "text": "Bổ sung số liệu tháng 12",
                                 "evidence": [{"blob": BLOB, "document": DOCUMENT}]},
    "objection.filed/v1": {"unit": "SNV", "leaf": "3.3.1", "text": "Đề nghị xem xét lại điểm thẩm định",
                           "evidence": []},
    "objection.resolved/v1": {"objection": REF, "outcome": "accepted", "points": "2.5",
                              "reasoning": "Số liệu bổ sung cho thấy tỷ lệ đúng hạn 98,2%"},
    "bonusPenalty.claimed/v1": {"unit": "SNV", "item": "B1", "points": "1", "reason": "Sáng kiến được công nhận",
                                "evidence": [{"blob": BLOB, "document": DOCUMENT}]},
    "bonusPenalty.decided/v1": {"claim": REF, "decision": "accepted", "points": "0.5",
                                "reason": "Chỉ công nhận cấp cơ sở"},
    "surveyTemplate.published/v1": {
        "template": "department-2023", "version": 1, "group": "department", "name": "Phiếu khảo sát cấp sở",
        "options": [{"code": "A", "label": "Rất tốt / Rất hài lòng", "coefficient": "1"},
                    {"code": "B", "label": "Tốt / Hài lòng", "coefficient": "0.6"},
                    {"code": "E", "label": "Không biết", "coefficient": None}],
        "questions": [{"code": "Q1", "text": "Ông/Bà đánh giá thế nào về thái độ phục vụ?", "leaf": "3.6.3",
                       "respondentGroups": ["citizens"]}],
    },
    "surveyBatch.recorded/v1": {
        "template": {"template": "department-2023", "version": 1},
        "forms": [{"serial": "2023-SNV-CD-001", "unit": "SNV", "respondentGroup": "citizens",
                   "answers": {"Q1": "A", "Q5": "E"}, "demographics": {"gender": "Nữ", "ageGroup": "31-45"}}],
    },
    "surveyForm.invalidated/v1": {"serial": "2023-SNV-CD-001", "reason": "Phiếu điền trùng"},
    "councilReport.approved/v1": {"number": "05/BC-HĐTĐ", "date": "2024-03-20", "summary": "Báo cáo kết quả thẩm định",
                                  "documents": [recorded("Báo cáo 05-BC-HĐTĐ.pdf", "05/BC-HĐTĐ",
                                                         "Hội đồng thẩm định Chỉ số CCHC tỉnh", "2024-03-20")]},
    "results.published/v1": {"decision": {"number": "812/QĐ-UBND", "date": "2024-04-10"}, "checkpoint": CHECKPOINT,
                             "documents": [recorded("Quyết định 812-QĐ-UBND.pdf", "812/QĐ-UBND",
                                                    "Ủy ban nhân dân tỉnh Trà Vinh", "2024-04-10")]},
    "results.corrected/v1": {
        "decision": {"number": "955/QĐ-UBND", "date": "2024-04-25"}, "supersedes": "812/QĐ-UBND",
        "reason": "Sai sót khi tổng hợp", "checkpoint": CHECKPOINT,
        "changes": [{"unit": "SXD", "leaf": "7.2", "points": "2.5", "reason": "Nhập nhầm điểm thẩm định"}],
        "forms": [{"serial": "2023-SNV-CD-001", "status": "invalidated", "reason": "Phiếu điền trùng"}],
        "documents": [recorded("Quyết định 955-QĐ-UBND.pdf", "955/QĐ-UBND", "Ủy ban nhân dân tỉnh Trà Vinh",
                               "2024-04-25")],
    },
}

# Members that CATALOG.md makes optional (all others are required).
OPTIONAL = {"note", "allowedValues", "page", "summary", "demographics"}
OPTIONAL_BY_TYPE = {
    "appraisal.recorded/v1": {"reason", "objection"},
    "campaign.opened/v1": {"lateSubmissionItem"},
    "campaign.amended/v1": {"selfScoringOpens", "selfScoringCloses", "round1Closes", "explanationCloses",
                            "round2Closes"},
    "round.reopened/v1": {"leaves"},
    "unit.withdrawn/v1": {"successor"},
    "selfAssessment.submitted/v1": {"documents"},
    "councilReport.approved/v1": {"documents"},
    "results.published/v1": {"documents"},
    "results.corrected/v1": {"forms", "documents"},
}
# Objects whose members are free (maps), not fixed.
FREE_OBJECTS = {"answers", "demographics"}
POINTS_MEMBERS = {"points", "maxPoints", "totalPoints", "bonusCap", "deductionCap", "minimumIndex",
                  "minimumSampleShare", "formValidShare", "lateSubmissionDeduction", "coefficient"}
BAD_LEAF_CODES = ["", "0", "01", "1.0", "1.01", "1..2", "1.", ".1", "1.2.3.4.5", "a", "1,2", " 1", "1.1 ",
                  "1.10000", "10000.1", "12345"]


def objects(value, path=()):
    """Every object in value, with its path; free objects (answers, demographics) are not entered."""
    if isinstance(value, dict):
        yield path, value
        for k, v in value.items():
            if k not in FREE_OBJECTS:
                yield from objects(v, path + (k,))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from objects(v, path + (i,))


def members(value, wanted, path=()):
    """Paths of every member named in wanted (and every element of allowedValues)."""
    if isinstance(value, dict):
        for k, v in value.items():
            if k in wanted and isinstance(v, str):
                yield path + (k,)
            elif k == "allowedValues" and "points" in wanted:
                yield from (path + (k, i) for i in range(len(v)))
            elif k not in FREE_OBJECTS:
                yield from members(v, wanted, path + (k,))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from members(v, wanted, path + (i,))


def at(value, path):
    for p in path:
        value = value[p]
    return value


def replaced(payload, path, new):
    out = copy.deepcopy(payload)
    at(out, path[:-1])[path[-1]] = new
    return out


class SchemaFileTests(unittest.TestCase):
    def test_one_schema_per_catalog_type(self):
        types = catalog_types()
        self.assertEqual(len(types), 28)
        self.assertEqual(sorted(types), sorted(EXAMPLES))
        files = sorted(f for f in os.listdir(SCHEMAS) if f.endswith(".schema.json"))
        self.assertEqual(files, sorted(t.replace("/", "-") + ".schema.json" for t in types))

    def test_schemas_are_valid_draft_2020_12(self):
        for event_type in EXAMPLES:
            with self.subTest(event_type):
                with open(schema_path(event_type), "rb") as f:
                    raw = f.read()
                schema = json.loads(raw)
                self.assertTrue(unicodedata.is_normalized("NFC", raw.decode("utf-8")))
                Draft202012Validator.check_schema(schema)
                self.assertEqual(schema["$schema"], DRAFT)
                self.assertTrue(schema["title"].startswith(event_type + " — "))
                self.assertIn("Who may emit it", schema["description"])
                self.assertEqual(schema["type"], "object")

    def test_every_fixed_object_refuses_unknown_members(self):
        """additionalProperties is false wherever a schema lists properties (CATALOG: unknown
        members are refused at every depth)."""
        def walk(node, where):
            if isinstance(node, dict):
                if "properties" in node:
                    self.assertIs(node.get("additionalProperties"), False, where)
                for k, v in node.items():
                    if k not in ("if", "contains"):     # conditions, not shapes
                        walk(v, where + "/" + k)
            elif isinstance(node, list):
                for i, v in enumerate(node):
                    walk(v, f"{where}/{i}")
        for event_type in EXAMPLES:
            with open(schema_path(event_type), encoding="utf-8") as f:
                schema = json.load(f)
            for name, definition in schema.get("$defs", {}).items():
                if name == "domain":        # adds a code pattern to a node or leaf, in allOf
                    continue
                walk(definition, f"{event_type}#/$defs/{name}")
            walk({k: v for k, v in schema.items() if k != "$defs"}, event_type)


class SchemaBehaviourTests(unittest.TestCase):
    def assertValid(self, event_type, payload):
        found = errors(event_type, payload)
        self.assertEqual(found, [], f"{event_type}: {[e.message for e in found]}")

    def assertInvalid(self, event_type, payload, why=""):
        self.assertNotEqual(errors(event_type, payload), [], f"{event_type} accepted {why}: {payload}")

    def test_examples_are_valid(self):
        for event_type, payload in EXAMPLES.items():
            with self.subTest(event_type):
                self.assertValid(event_type, payload)

    def test_unknown_member_refused_at_every_depth(self):
        for event_type, payload in EXAMPLES.items():
            for path, _ in objects(payload):
                with self.subTest(event_type, path=path):
                    bad = copy.deepcopy(payload)
                    at(bad, path)["comment"] = "thêm"
                    self.assertInvalid(event_type, bad, f"an unknown member at {path}")

    def test_missing_member_refused(self):
        for event_type, payload in EXAMPLES.items():
            optional = OPTIONAL | OPTIONAL_BY_TYPE.get(event_type, set())
            for path, obj in objects(payload):
                for name in obj:
                    if name in optional:
                        continue
                    with self.subTest(event_type, path=path + (name,)):
                        bad = copy.deepcopy(payload)
                        del at(bad, path)[name]
                        self.assertInvalid(event_type, bad, f"without {path + (name,)}")

    def test_optional_members_may_be_left_out(self):
        for event_type, payload in EXAMPLES.items():
            optional = OPTIONAL | OPTIONAL_BY_TYPE.get(event_type, set())
            for path, obj in objects(payload):
                for name in obj:
                    if name in optional:
                        with self.subTest(event_type, path=path + (name,)):
                            ok = copy.deepcopy(payload)
                            del at(ok, path)[name]
                            self.assertValid(event_type, ok)

    def test_points_refused_as_json_numbers_or_with_trailing_zeros(self):
        with_points = 0
        for event_type, payload in EXAMPLES.items():
            for path in members(payload, POINTS_MEMBERS):
                value = at(payload, path)
                with_points += 1
                trailing = value + "0" if "." in value else value + ".0"
                number = float(value)                   # "1.5" -> 1.5, "1" -> 1.0
                for bad in (number, int(number) if number == int(number) else number, trailing,
                            "+" + value, " " + value, value + ".", "0" + value, value.replace(".", ",")):
                    if bad == value:
                        continue
                    with self.subTest(event_type, path=path, value=bad):
                        self.assertInvalid(event_type, replaced(payload, path, bad), f"points {bad!r} at {path}")
        self.assertGreaterEqual(with_points, 20)
        self.assertInvalid("selfScore.recorded/v1", dict(EXAMPLES["selfScore.recorded/v1"], points="1.50"))
        self.assertInvalid("selfScore.recorded/v1", dict(EXAMPLES["selfScore.recorded/v1"], points=1.5))
        self.assertInvalid("selfScore.recorded/v1", dict(EXAMPLES["selfScore.recorded/v1"], points="1.2345"))
        self.assertValid("selfScore.recorded/v1", dict(EXAMPLES["selfScore.recorded/v1"], points="0.125"))

    def test_points_signs(self):
        self.assertInvalid("selfScore.recorded/v1", dict(EXAMPLES["selfScore.recorded/v1"], points="-0.5"))
        self.assertValid("selfScore.recorded/v1", dict(EXAMPLES["selfScore.recorded/v1"], points="0"))
        self.assertInvalid("bonusPenalty.claimed/v1", dict(EXAMPLES["bonusPenalty.claimed/v1"], points="0"))
        self.assertValid("bonusPenalty.claimed/v1", dict(EXAMPLES["bonusPenalty.claimed/v1"], points="0.25"))
        criteria = EXAMPLES["criteriaSet.published/v1"]
        leaf_max = ("domains", 0, "children", 1, "maxPoints")
        self.assertInvalid("criteriaSet.published/v1", replaced(criteria, leaf_max, "0"))
        campaign = EXAMPLES["campaign.opened/v1"]
        for share in ("0", "1.5", "2", "-0.5"):
            self.assertInvalid("campaign.opened/v1", replaced(campaign, ("scoring", "formValidShare"), share))
        self.assertValid("campaign.opened/v1", replaced(campaign, ("scoring", "formValidShare"), "1"))
        template = EXAMPLES["surveyTemplate.published/v1"]
        self.assertInvalid("surveyTemplate.published/v1", replaced(template, ("options", 0, "coefficient"), "1.2"))
        self.assertValid("surveyTemplate.published/v1", replaced(template, ("options", 0, "coefficient"), "0"))

    def test_bad_leaf_codes_refused(self):
        count = 0
        for event_type, payload in EXAMPLES.items():
            paths = list(members(payload, {"leaf"}))
            if event_type == "criteriaSet.published/v1":
                paths = [p for p in members(payload, {"code"}) if "domains" in p and len(p) > 3]
            for path in paths:
                count += 1
                for bad in BAD_LEAF_CODES + [1, 1.1, None]:
                    with self.subTest(event_type, path=path, code=bad):
                        self.assertInvalid(event_type, replaced(payload, path, bad), f"leaf code {bad!r}")
        self.assertGreaterEqual(count, 12)
        self.assertValid("selfScore.recorded/v1", dict(EXAMPLES["selfScore.recorded/v1"], leaf="12.3.4.10"))
        self.assertValid("selfScore.recorded/v1", dict(EXAMPLES["selfScore.recorded/v1"], leaf="9999.9999.9999.9999"))

    def test_domain_codes_are_one_number(self):
        criteria = EXAMPLES["criteriaSet.published/v1"]
        self.assertInvalid("criteriaSet.published/v1", replaced(criteria, ("domains", 0, "code"), "1.1"))
        self.assertInvalid("criteriaSet.published/v1", replaced(criteria, ("domains", 0, "code"), "10000"))
        self.assertValid("appraiser.assigned/v1", dict(EXAMPLES["appraiser.assigned/v1"], domains=["9999"]))
        assigned = EXAMPLES["appraiser.assigned/v1"]
        for bad in (["1.1"], ["0"], [], ["1", "1"], [1], ["10000"], ["01"]):
            self.assertInvalid("appraiser.assigned/v1", dict(assigned, domains=bad), f"domains {bad}")

    def test_criteria_tree_shapes(self):
        criteria = EXAMPLES["criteriaSet.published/v1"]
        xhh_leaf = ("domains", 0, "children", 1)
        xhh = at(criteria, xhh_leaf)
        self.assertInvalid("criteriaSet.published/v1", replaced(criteria, xhh_leaf, dict(xhh, allowedValues=["0", "2"])))
        self.assertInvalid("criteriaSet.published/v1", replaced(criteria, xhh_leaf, dict(xhh, method="TDG")))
        self.assertInvalid("criteriaSet.published/v1", replaced(criteria, xhh_leaf, dict(xhh, notApplicable="yes")))
        node = ("domains", 0, "children", 0)
        self.assertInvalid("criteriaSet.published/v1", replaced(criteria, node + ("children",), []))
        self.assertInvalid("criteriaSet.published/v1", replaced(criteria, node, dict(at(criteria, node), maxPoints="1")))
        self.assertInvalid("criteriaSet.published/v1", replaced(criteria, ("domains",), []))
        allowed = node + ("children", 0, "allowedValues")
        self.assertInvalid("criteriaSet.published/v1", replaced(criteria, allowed, ["0", "0"]))
        self.assertInvalid("criteriaSet.published/v1", replaced(criteria, allowed, []))
        item = ("adjustments", "items", 0, "kind")
        self.assertInvalid("criteriaSet.published/v1", replaced(criteria, item, "penalty"))

    def test_conditional_points(self):
        resolved = EXAMPLES["objection.resolved/v1"]
        self.assertInvalid("objection.resolved/v1", {k: v for k, v in resolved.items() if k != "points"})
        self.assertInvalid("objection.resolved/v1", dict(resolved, outcome="rejected"))
        self.assertValid("objection.resolved/v1",
                         {k: v for k, v in dict(resolved, outcome="rejected").items() if k != "points"})
        decided = EXAMPLES["bonusPenalty.decided/v1"]
        self.assertInvalid("bonusPenalty.decided/v1", {k: v for k, v in decided.items() if k != "points"})
        self.assertInvalid("bonusPenalty.decided/v1", dict(decided, decision="rejected"))
        self.assertValid("bonusPenalty.decided/v1",
                         {k: v for k, v in dict(decided, decision="rejected").items() if k != "points"})

    def test_amendments_reopenings_withdrawals_and_renamings(self):
        """campaign.amended/v1 names at least one of the plan's own deadlines; round.reopened/v1
        names distinct units and distinct leaves, round 1 or 2; unit.withdrawn/v1's successor is
        absent or a unit code; appraisal.recorded/v1 cites an objection by its statement id."""
        amended = EXAMPLES["campaign.amended/v1"]
        with open(schema_path("campaign.opened/v1"), encoding="utf-8") as f:
            plan_deadlines = json.load(f)["properties"]["deadlines"]["required"]
        with open(schema_path("campaign.amended/v1"), encoding="utf-8") as f:
            amended_deadlines = json.load(f)["properties"]["deadlines"]
        self.assertEqual(list(amended_deadlines["properties"]), plan_deadlines)
        self.assertNotIn("required", amended_deadlines)
        for name in plan_deadlines:
            self.assertValid("campaign.amended/v1", dict(amended, deadlines={name: "2024-02-07T10:00:00.000Z"}))
        for bad in ({}, {"round3Closes": "2024-02-07T10:00:00.000Z"}, {"Round1Closes": "2024-02-07T10:00:00.000Z"},
                    {"round1Closes": None}, {"round1Closes": "2024-02-07T10:00:00Z"}, [], None):
            self.assertInvalid("campaign.amended/v1", dict(amended, deadlines=bad), f"deadlines {bad!r}")

        reopened = EXAMPLES["round.reopened/v1"]
        for bad in (0, 3, "2", True):
            self.assertInvalid("round.reopened/v1", dict(reopened, round=bad), f"round {bad!r}")
        for bad in ([], ["SNV", "SNV"], ["S NV"], ["X" * 33], [""], [5], "SNV", None):
            self.assertInvalid("round.reopened/v1", dict(reopened, units=bad), f"units {bad!r}")
        for bad in [[], ["3.3.1", "3.3.1"], "3.3.1", None] + [[code] for code in BAD_LEAF_CODES + [1, None]]:
            self.assertInvalid("round.reopened/v1", dict(reopened, leaves=bad), f"leaves {bad!r}")
        self.assertValid("round.reopened/v1", dict(reopened, round=1, leaves=["9999.9999.9999.9999"]))
        for bad in ("2024-03-15T10:00:00Z", "2024-03-15T17:00:00.000+07:00", "2024-03-15"):
            self.assertInvalid("round.reopened/v1", dict(reopened, until=bad), bad)

        withdrawn = EXAMPLES["unit.withdrawn/v1"]
        for bad in (None, "", "S XD", "X" * 33, ["SXD"], 5):
            self.assertInvalid("unit.withdrawn/v1", dict(withdrawn, successor=bad), f"successor {bad!r}")
        self.assertInvalid("unit.withdrawn/v1", dict(withdrawn, decision="412/QĐ-UBND"))

        renamed = EXAMPLES["unit.renamed/v1"]
        for bad in ("", "x" * 301, "Sở Nông nghiệp\nvà Môi trường", None, 5):
            self.assertInvalid("unit.renamed/v1", dict(renamed, name=bad), f"name {bad!r}")
        self.assertValid("unit.renamed/v1", dict(renamed, name="ệ" * 300))

        recorded = dict(EXAMPLES["appraisal.recorded/v1"], round=2)
        self.assertValid("appraisal.recorded/v1", dict(recorded, objection=REF))
        for bad in ("objection-1", REF.upper(), REF.replace("-", ""), [REF], None, 1):
            self.assertInvalid("appraisal.recorded/v1", dict(recorded, objection=bad), f"objection {bad!r}")

    def test_late_submission_item_is_an_item_code(self):
        """campaign.opened/v1's optional scoring.lateSubmissionItem is an item code, the same shape as
        a criteria set item's code and a bonus/penalty claim's item (capitals allowed)."""
        definitions = []
        for event_type in ("campaign.opened/v1", "criteriaSet.published/v1", "bonusPenalty.claimed/v1"):
            with open(schema_path(event_type), encoding="utf-8") as f:
                definitions.append(json.load(f)["$defs"]["itemCode"])
        self.assertEqual(definitions[0], definitions[1])
        self.assertEqual(definitions[0], definitions[2])
        campaign = EXAMPLES["campaign.opened/v1"]
        path = ("scoring", "lateSubmissionItem")
        for good in ("D3", "d3", "late-submission", "9", "A" * 20 + "z" * 19 + "9"):
            self.assertValid("campaign.opened/v1", replaced(campaign, path, good))
        for bad in (None, 3, "", "D 3", "D.3", "D_3", "Đ3", " D3", "D" * 41, ["D3"], {"code": "D3"}):
            self.assertInvalid("campaign.opened/v1", replaced(campaign, path, bad), f"lateSubmissionItem {bad!r}")

    def test_recorded_documents_and_form_corrections(self):
        """A submission, the council's report, the publication and a correction may record
        documents: a non-empty array of {blob, document}, shaped by the very $defs of
        explanation.submitted/v1's evidence. A correction's forms invalidate or restore survey
        forms by serial (surveyForm.invalidated/v1's serial), and its changes may be empty only
        beside forms."""
        with open(schema_path("explanation.submitted/v1"), encoding="utf-8") as f:
            evidence = json.load(f)["$defs"]
        for event_type in DOCUMENTED:
            with self.subTest(event_type):
                with open(schema_path(event_type), encoding="utf-8") as f:
                    schema = json.load(f)
                self.assertNotIn("documents", schema["required"])
                self.assertEqual(schema["properties"]["documents"]["items"], {"$ref": "#/$defs/evidenceItem"})
                for name in ("evidenceItem", "blob", "document", "name", "shortText", "date"):
                    self.assertEqual(schema["$defs"][name], evidence[name], name)
                payload = EXAMPLES[event_type]
                item = payload["documents"][0]
                self.assertValid(event_type, {k: v for k, v in payload.items() if k != "documents"})
                self.assertValid(event_type, dict(payload, documents=[item, {"blob": BLOB, "document": DOCUMENT}]))
                for bad in ([], None, {}, item, [REF], [{"blob": item["blob"]}], [{"document": item["document"]}],
                            [dict(item, note="x")], [dict(item, blob=dict(item["blob"], sha256="CD" * 32))],
                            [dict(item, document=dict(item["document"], issuedOn="28/11/2023"))]):
                    self.assertInvalid(event_type, dict(payload, documents=bad), f"documents {bad!r}")

        with open(schema_path("surveyForm.invalidated/v1"), encoding="utf-8") as f:
            serial = json.load(f)["$defs"]["serial"]
        with open(schema_path("results.corrected/v1"), encoding="utf-8") as f:
            self.assertEqual(json.load(f)["$defs"]["serial"], serial)
        corrected = EXAMPLES["results.corrected/v1"]
        form = corrected["forms"][0]
        without_forms = {k: v for k, v in corrected.items() if k != "forms"}
        self.assertValid("results.corrected/v1", dict(corrected, changes=[]))
        self.assertInvalid("results.corrected/v1", dict(without_forms, changes=[]), "no changes and no forms")
        self.assertInvalid("results.corrected/v1", dict(corrected, changes=[], forms=[]), "empty changes and forms")
        self.assertInvalid("results.corrected/v1", {k: v for k, v in corrected.items() if k != "changes"})
        self.assertValid("results.corrected/v1", dict(corrected, changes=[], forms=[
            form, dict(form, serial="2023/STP.NN-017", status="valid", reason="Phiếu bị hủy nhầm")]))
        for bad in ([], None, form, ["2023-SNV-CD-001"], [dict(form, unit="SNV")]):
            self.assertInvalid("results.corrected/v1", dict(corrected, forms=bad), f"forms {bad!r}")
        for name in form:
            self.assertInvalid("results.corrected/v1",
                               dict(corrected, forms=[{k: v for k, v in form.items() if k != name}]), f"without {name}")
        for bad in ("restored", "Valid", "", None, True, ["valid"]):
            self.assertInvalid("results.corrected/v1", dict(corrected, forms=[dict(form, status=bad)]), f"status {bad!r}")
        for bad in ("2023 SNV 001", "", "x" * 41, "2023_SNV", "2023-SỞ-001", 1, None):
            self.assertInvalid("results.corrected/v1", dict(corrected, forms=[dict(form, serial=bad)]), f"serial {bad!r}")
        self.assertValid("results.corrected/v1", dict(corrected, forms=[dict(form, serial="2023/SNV.CD-" + "9" * 28)]))

    def test_scalar_formats(self):
        reopened = EXAMPLES["selfAssessment.reopened/v1"]
        for bad in ("2023-12-06T10:00:00Z", "2023-12-06 10:00:00.000Z", "2023-12-06T10:00:00.000+07:00",
                    "2023-12-06"):
            self.assertInvalid("selfAssessment.reopened/v1", dict(reopened, until=bad), bad)
        report = EXAMPLES["councilReport.approved/v1"]
        for bad in ("20/03/2024", "2024-3-20", "2024-03-20T00:00:00.000Z"):
            self.assertInvalid("councilReport.approved/v1", dict(report, date=bad), bad)
        withdrawn = EXAMPLES["evidence.withdrawn/v1"]
        for bad in (REF.upper(), REF.replace("-", ""), "{" + REF + "}"):
            self.assertInvalid("evidence.withdrawn/v1", dict(withdrawn, evidence=bad), bad)
        assigned = EXAMPLES["appraiser.assigned/v1"]
        for bad in (KEY.upper(), KEY[:-1], KEY + "0", "ed25519:" + KEY):
            self.assertInvalid("appraiser.assigned/v1", dict(assigned, keyId=bad), bad)
        unit = EXAMPLES["unit.enrolled/v1"]
        for bad in ("", "S NV", "SỞ", "X" * 33):
            self.assertInvalid("unit.enrolled/v1", dict(unit, code=bad), bad)
        self.assertValid("unit.enrolled/v1", dict(unit, code="H-TCU_1.a"))
        for bad in ("Department", "sở", "a" * 41):
            self.assertInvalid("unit.enrolled/v1", dict(unit, group=bad), bad)
        self.assertInvalid("unit.enrolled/v1", dict(unit, name="x" * 301))
        self.assertValid("unit.enrolled/v1", dict(unit, name="x" * 300))
        self.assertInvalid("unit.enrolled/v1", dict(unit, name=""))
        claimed = EXAMPLES["notApplicable.claimed/v1"]
        self.assertInvalid("notApplicable.claimed/v1", dict(claimed, reason="x" * 2001))
        self.assertValid("notApplicable.claimed/v1", dict(claimed, reason="x" * 2000))
        published = EXAMPLES["results.published/v1"]
        for bad in ({"size": 0, "root": CHECKPOINT["root"]}, {"size": 1, "root": CHECKPOINT["root"][:-1]},
                    {"size": 1, "root": "ab" * 32}):
            self.assertInvalid("results.published/v1", dict(published, checkpoint=bad), bad)

    def test_enumerations_and_integers(self):
        decided = EXAMPLES["notApplicable.decided/v1"]
        self.assertInvalid("notApplicable.decided/v1", dict(decided, decision="accepted"))
        recorded = EXAMPLES["appraisal.recorded/v1"]
        for bad in (0, 3, "1", 1.5, True):      # (1.0 is an integer to JSON Schema; FORMAT.md §2.1 refuses it)
            self.assertInvalid("appraisal.recorded/v1", dict(recorded, round=bad), repr(bad))
        self.assertInvalid("appraisal.recorded/v1", dict(recorded, explanationRequested="false"))
        campaign = EXAMPLES["campaign.opened/v1"]
        for path, bad in ((("scoring", "publicationDecimals"), 4), (("scoring", "clockSkewSeconds"), 0),
                          (("scoring", "clockSkewSeconds"), 86401), (("scoring", "tieBreak"), ["random"]),
                          (("scoring", "notApplicableDefault"), "allowed"),
                          (("scoring", "bands"), [{"name": "Tốt", "minimumIndex": "90"}]),
                          (("surveyQuotas", 0, "formsPerUnit"), 0), (("year",), "2023"),
                          (("groups", 0, "criteria", "version"), 0)):
            self.assertInvalid("campaign.opened/v1", replaced(campaign, path, bad), f"{path} = {bad!r}")

    def test_survey_batch_shapes(self):
        batch = EXAMPLES["surveyBatch.recorded/v1"]
        form = ("forms", 0)
        self.assertInvalid("surveyBatch.recorded/v1", replaced(batch, ("forms",), []))
        for bad in ({"Q1": 1}, {"Q1": None}, {"Q 1": "A"}, {"Q1": ""}):
            self.assertInvalid("surveyBatch.recorded/v1", replaced(batch, form + ("answers",), bad), bad)
        self.assertValid("surveyBatch.recorded/v1", replaced(batch, form + ("answers",), {}))
        self.assertValid("surveyBatch.recorded/v1",
                         replaced(batch, form + ("demographics",), {"nghềNghiệp": "Nông dân", "x-y": "z"}))
        for bad in ({"ageGroup": 31}, {"gender": ""}, {"gender": None}, {"note": "x" * 101}, "Nữ"):
            self.assertInvalid("surveyBatch.recorded/v1", replaced(batch, form + ("demographics",), bad), bad)
        for bad in ("2023 SNV 001", "", "x" * 41, "2023_SNV"):
            self.assertInvalid("surveyBatch.recorded/v1", replaced(batch, form + ("serial",), bad), bad)
        self.assertValid("surveyBatch.recorded/v1", replaced(batch, form + ("serial",), "2023/SNV.CD-001"))

    def test_blob_and_document_shapes(self):
        attached = EXAMPLES["evidence.attached/v1"]
        for path, bad in ((("blob", "sha256"), "AB" * 32), (("blob", "sha256"), "ab" * 31),
                          (("blob", "size"), -1), (("blob", "size"), "48213"), (("document", "page"), 0),
                          (("document", "issuedOn"), "16/01/2023")):
            self.assertInvalid("evidence.attached/v1", replaced(attached, path, bad), f"{path} = {bad!r}")

    def test_catalog_bounds(self):
        """CATALOG.md's integer bounds (year 2000-2999, versions 1-9999, formsPerUnit and page
        1-100000) and lengths (text 1-2000, name 1-300, short text 1-100), at and beyond each limit."""
        def check(event_type, path, good, bad):
            payload = EXAMPLES[event_type]
            for value in good:
                with self.subTest(event_type, path=path, value=value):
                    self.assertValid(event_type, replaced(payload, path, value))
            for value in bad:
                with self.subTest(event_type, path=path, value=value):
                    self.assertInvalid(event_type, replaced(payload, path, value), f"{path} = {value!r}")

        integers = [
            ("campaign.opened/v1", ("year",), (2000, 2999), (1999, 3000, 0, -2023)),
            ("campaign.opened/v1", ("groups", 0, "criteria", "version"), (1, 9999), (0, 10000)),
            ("campaign.opened/v1", ("surveyQuotas", 0, "formsPerUnit"), (1, 100000), (0, 100001)),
            ("campaign.opened/v1", ("scoring", "clockSkewSeconds"), (1, 86400), (0, 86401)),
            ("campaign.opened/v1", ("scoring", "publicationDecimals"), (0, 3), (-1, 4)),
            ("criteriaSet.published/v1", ("version",), (1, 9999), (0, 10000)),
            ("surveyTemplate.published/v1", ("version",), (1, 9999), (0, 10000)),
            ("surveyBatch.recorded/v1", ("template", "version"), (1, 9999), (0, 10000)),
            ("evidence.attached/v1", ("document", "page"), (1, 100000), (0, 100001)),
            ("explanation.submitted/v1", ("evidence", 0, "document", "page"), (1, 100000), (0, 100001)),
            ("councilReport.approved/v1", ("documents", 0, "document", "page"), (1, 100000), (0, 100001)),
            ("results.published/v1", ("checkpoint", "size"), (1, 2 ** 53 - 1), (0, -1)),
        ]
        for event_type, path, good, bad in integers:
            check(event_type, path, good, bad)

        short, name, text = (1, 100), (1, 300), (1, 2000)
        strings = [
            # short text: decision and document numbers, supersedes, mediaType, demographics
            ("criteriaSet.published/v1", ("decision", "number"), short),
            ("campaign.opened/v1", ("plan", "number"), short),
            ("results.published/v1", ("decision", "number"), short),
            ("results.corrected/v1", ("decision", "number"), short),
            ("results.corrected/v1", ("supersedes",), short),
            ("campaign.amended/v1", ("decision", "number"), short),
            ("unit.withdrawn/v1", ("decision", "number"), short),
            ("unit.renamed/v1", ("decision", "number"), short),
            ("evidence.attached/v1", ("document", "number"), short),
            ("evidence.attached/v1", ("blob", "mediaType"), short),
            ("bonusPenalty.claimed/v1", ("evidence", 0, "document", "number"), short),
            ("bonusPenalty.claimed/v1", ("evidence", 0, "blob", "mediaType"), short),
            ("selfAssessment.submitted/v1", ("documents", 0, "document", "number"), short),
            ("results.published/v1", ("documents", 0, "blob", "mediaType"), short),
            ("surveyBatch.recorded/v1", ("forms", 0, "demographics", "gender"), short),
            # names: units, nodes, items, templates, groups, bands, options, files, issuers
            ("unit.enrolled/v1", ("name",), name),
            ("unit.renamed/v1", ("name",), name),
            ("criteriaSet.published/v1", ("domains", 0, "name"), name),
            ("criteriaSet.published/v1", ("domains", 0, "children", 0, "name"), name),
            ("criteriaSet.published/v1", ("domains", 0, "children", 0, "children", 0, "name"), name),
            ("criteriaSet.published/v1", ("adjustments", "items", 0, "name"), name),
            ("campaign.opened/v1", ("groups", 0, "name"), name),
            ("campaign.opened/v1", ("respondentGroups", 0, "name"), name),
            ("campaign.opened/v1", ("scoring", "bands", 0, "name"), name),
            ("surveyTemplate.published/v1", ("name",), name),
            ("surveyTemplate.published/v1", ("options", 0, "label"), name),
            ("evidence.attached/v1", ("blob", "name"), name),
            ("evidence.attached/v1", ("document", "issuer"), name),
            ("explanation.submitted/v1", ("evidence", 0, "blob", "name"), name),
            ("explanation.submitted/v1", ("evidence", 0, "document", "issuer"), name),
            ("councilReport.approved/v1", ("documents", 0, "blob", "name"), name),
            ("results.corrected/v1", ("documents", 0, "document", "issuer"), name),
            # text; a criteria set's name and a council report's number are text by their payload lines
            ("criteriaSet.published/v1", ("name",), name),
            ("criteriaSet.published/v1", ("domains", 0, "children", 0, "children", 0, "rule"), text),
            ("criteriaSet.published/v1", ("domains", 0, "children", 0, "children", 0, "evidence", 0), text),
            ("councilReport.approved/v1", ("number",), short),
            ("councilReport.approved/v1", ("summary",), text),
            ("surveyTemplate.published/v1", ("questions", 0, "text"), text),
            ("results.corrected/v1", ("reason",), text),
            ("results.corrected/v1", ("changes", 0, "reason"), text),
            ("results.corrected/v1", ("forms", 0, "reason"), text),
            ("objection.resolved/v1", ("reasoning",), text),
            ("preliminaryResults.issued/v1", ("note",), text),
            ("campaign.amended/v1", ("reason",), text),
            ("round.reopened/v1", ("reason",), text),
            ("unit.withdrawn/v1", ("reason",), text),
        ]
        for event_type, path, (low, high) in strings:
            check(event_type, path, ("x" * low, "x" * high, "ệ" * high), ("", "x" * (high + 1)))

    def test_texts_refuse_the_code_points_the_catalog_lists(self):
        """Every schema's text, name and short text refuse exactly the code points of CATALOG.md's
        "Refused code points" (LF in names and short texts only), all of the BMP checked: the Swift
        rule (CatalogText) is held to the same schemas by Tests/AppraisalTests."""
        multi, single = refused_code_points()
        self.assertEqual(single - multi, {0x0A})
        for code in (0x00, 0x0D, 0x1B, 0x7F, 0x85, 0x9F, 0x202E, 0x2066, 0x200F, 0x061C, 0xFEFF, 0x2028):
            self.assertIn(code, multi)
        for code in (0x0A, 0x20, 0x7E, 0xA0, 0x061B, 0x200D, 0x2010, 0x2027, 0x202F, 0x206A, 0xFEFC):
            self.assertNotIn(code, multi)
        kinds = {"text": multi, "name": single, "shortText": single}
        swept = {}                                     # pattern → the code points it refuses
        for event_type in EXAMPLES:
            with open(schema_path(event_type), encoding="utf-8") as f:
                definitions = json.load(f).get("$defs", {})
            for kind, refused in kinds.items():
                if kind not in definitions:
                    continue
                pattern = definitions[kind]["not"]["pattern"]
                if pattern not in swept:                # jsonschema's pattern is re.search
                    swept[pattern] = {code for code in range(0x10000) if not 0xD800 <= code < 0xE000
                                      and re.search(pattern, "a" + chr(code) + "b")}
                with self.subTest(event_type, kind=kind):
                    found = swept[pattern]
                    self.assertEqual(found, refused, f"refused beyond the catalog {sorted(map(hex, found - refused))}"
                                     f", accepted {sorted(map(hex, refused - found))}")
                    schema = Draft202012Validator(definitions[kind])
                    for code in (0x0A, 0x0D, 0x202E):   # at either end too (Python's $ matches before a final LF)
                        self.assertEqual(schema.is_valid(chr(code) + "a"), code not in refused)
                        self.assertEqual(schema.is_valid("a" + chr(code)), code not in refused)
                    self.assertTrue(schema.is_valid("😀 Sở Nội vụ"))
        self.assertEqual(len(swept), 2, "one pattern for texts, one for names and short texts")

    def test_dates_and_timestamps_are_real(self):
        """FORMAT.md §3: a timestamp is a real proleptic Gregorian date and time; dates alike."""
        report = EXAMPLES["councilReport.approved/v1"]
        for good in ("2024-02-29", "2000-02-29", "2023-12-31", "0001-01-01", "9999-12-31"):
            self.assertValid("councilReport.approved/v1", dict(report, date=good))
        for bad in ("2023-02-29", "1900-02-29", "2023-04-31", "2023-13-01", "2023-00-10", "2023-01-00",
                    "2023-01-32", "0000-01-01", "10000-01-01", "2023-1-1", "23-01-01"):
            self.assertInvalid("councilReport.approved/v1", dict(report, date=bad), bad)
        reopened = EXAMPLES["selfAssessment.reopened/v1"]
        for good in ("2024-02-29T23:59:59.999Z", "2023-12-06T00:00:00.000Z"):
            self.assertValid("selfAssessment.reopened/v1", dict(reopened, until=good))
        for bad in ("2023-02-29T10:00:00.000Z", "2023-12-06T24:00:00.000Z", "2023-12-06T10:60:00.000Z",
                    "2023-12-06T10:00:60.000Z", "2023-12-06T10:00:00.00Z", "2023-12-06t10:00:00.000z"):
            self.assertInvalid("selfAssessment.reopened/v1", dict(reopened, until=bad), bad)


# ------------------------------------------------------------------------------- payload vectors

VECTORS = os.path.join(EVENTS, "vectors", "payloads.json")
# The kinds of fault each type's invalid vectors must show, as jsonschema names the failing keyword.
FAULTS = {
    "unknown member": {"additionalProperties"},
    "missing member": {"required"},
    "wrong JSON type": {"type"},
    "malformed string": {"pattern", "enum", "not"},
    "out of bounds": {"minimum", "maximum", "minLength", "maxLength", "minItems"},
}


def _refuse_float(text):
    raise ValueError(f"a JSON number with a fraction or an exponent: {text}")


def load_vectors():
    with open(VECTORS, "rb") as f:
        raw = f.read()
    return raw, json.loads(raw, parse_float=_refuse_float, parse_constant=_refuse_float)


def fault_keywords(error):
    """The keywords of the innermost errors (through oneOf/anyOf contexts)."""
    if error.context:
        for e in error.context:
            yield from fault_keywords(e)
    else:
        yield error.validator


class PayloadVectorTests(unittest.TestCase):
    """events/vectors/payloads.json, which the Swift decoder runs too, agrees with the schemas."""

    def setUp(self):
        self.raw, self.vectors = load_vectors()
        self.cases = self.vectors["cases"]

    def test_integers_only_nfc_json(self):
        for text in ("[1.5]", "[1e2]", "[1.0]", "[2E-3]"):        # load_vectors() refuses them
            with self.assertRaises(ValueError):
                json.loads(text, parse_float=_refuse_float, parse_constant=_refuse_float)
        self.assertEqual(vl.parse_json(self.raw), self.vectors)     # FORMAT.md §2.1: NFC, no floats, …

        def strings(value):
            if isinstance(value, str):
                yield value
            elif isinstance(value, dict):
                for k, v in value.items():
                    yield k
                    yield from strings(v)
            elif isinstance(value, list):
                for v in value:
                    yield from strings(v)
        for s in strings(self.vectors):
            self.assertTrue(unicodedata.is_normalized("NFC", s), s)
        for case in self.cases:
            self.assertNotIn(float, {type(v) for v in _scalars(case["payload"])}, case["name"])

    def test_shape(self):
        self.assertIsInstance(self.vectors["description"], str)
        self.assertEqual(set(self.vectors), {"description", "cases"})
        names = [c["name"] for c in self.cases]
        self.assertEqual(len(names), len(set(names)), "case names are unique")
        types = set(catalog_types())
        for case in self.cases:
            with self.subTest(case["name"]):
                self.assertIn(case["type"], types)
                self.assertIsInstance(case["payload"], dict)
                self.assertIs(type(case["valid"]), bool)
                if case["valid"]:
                    self.assertEqual(set(case), {"name", "type", "payload", "valid"})
                else:
                    self.assertEqual(set(case), {"name", "type", "payload", "valid", "why"})
                    self.assertTrue(case["why"])

    def test_every_type_has_valid_and_invalid_cases_of_every_fault(self):
        for event_type in catalog_types():
            cases = [c for c in self.cases if c["type"] == event_type]
            with self.subTest(event_type):
                self.assertGreaterEqual(sum(c["valid"] for c in cases), 2)
                self.assertGreaterEqual(sum(not c["valid"] for c in cases), 4)
                seen = set()
                for c in cases:
                    if not c["valid"]:
                        for e in errors(event_type, c["payload"]):
                            seen |= set(fault_keywords(e))
                required = set(FAULTS)
                schema = validator(event_type).schema
                if not schema.get("required"):
                    required.discard("missing member")          # preliminaryResults.issued/v1: {note?}
                if not re.search(r'"(pattern|enum|const)"', json.dumps(schema)):
                    required.discard("malformed string")        # preliminaryResults.issued/v1: text only
                for fault in required:
                    self.assertTrue(seen & FAULTS[fault], f"{event_type}: no invalid case with a {fault}")

    def test_verdicts_equal_the_schemas(self):
        for case in self.cases:
            with self.subTest(case["name"]):
                found = errors(case["type"], case["payload"])
                if case["valid"]:
                    self.assertEqual(found, [], [e.message for e in found])
                else:
                    self.assertNotEqual(found, [], f"{case['why']}: the schema accepts it")

    def test_valid_cases_keep_the_invariants_across_members(self):
        """So that a decoder that also checks CATALOG.md's invariants accepts every valid case."""
        for case in self.cases:
            if not case["valid"]:
                continue
            p = case["payload"]
            with self.subTest(case["name"]):
                if case["type"] == "criteriaSet.published/v1":
                    codes = []
                    for parent, n in all_nodes(p["domains"]):
                        codes.append(n["code"])
                        if parent is None:
                            self.assertRegex(n["code"], r"^[1-9][0-9]{0,3}$")
                        else:
                            self.assertRegex(n["code"], "^" + re.escape(parent["code"]) + r"\.[1-9][0-9]{0,3}$")
                    self.assertEqual(len(codes), len(set(codes)))
                    total = sum(Decimal(leaf["maxPoints"]) for leaf in leaves(p["domains"]))
                    self.assertEqual(total, Decimal(p["totalPoints"]))
                    for leaf in leaves(p["domains"]):
                        top = Decimal(leaf["maxPoints"])
                        self.assertGreater(top, 0)
                        if "allowedValues" in leaf:
                            self.assertEqual(leaf["method"], "TĐG")
                            values = [Decimal(v) for v in leaf["allowedValues"]]
                            self.assertEqual(values, sorted(set(values)))
                            self.assertTrue(0 <= values[0] and values[-1] == top)
                    caps = {"bonus": Decimal(p["adjustments"]["bonusCap"]),
                            "deduction": Decimal(p["adjustments"]["deductionCap"])}
                    items = p["adjustments"]["items"]
                    self.assertEqual(len({i["code"] for i in items}), len(items))
                    for item in items:
                        self.assertTrue(0 < Decimal(item["maxPoints"]) <= caps[item["kind"]])
                elif case["type"] == "campaign.opened/v1":
                    order = ["selfScoringOpens", "selfScoringCloses", "round1Closes", "explanationCloses",
                             "round2Closes"]
                    times = [p["deadlines"][k] for k in order]
                    self.assertEqual(times, sorted(set(times)))
                    minima = [Decimal(b["minimumIndex"]) for b in p["scoring"]["bands"]]
                    self.assertEqual(minima, sorted(set(minima), reverse=True))
                    self.assertEqual(p["scoring"]["bands"][-1]["minimumIndex"], "0")
                    groups = [g["code"] for g in p["groups"]]
                    respondents = [r["code"] for r in p["respondentGroups"]]
                    self.assertEqual(len(groups), len(set(groups)))
                    self.assertEqual(len(respondents), len(set(respondents)))
                    pairs = [(q["group"], q["respondentGroup"]) for q in p["surveyQuotas"]]
                    self.assertEqual(len(pairs), len(set(pairs)))
                    for group, respondent in pairs:
                        self.assertIn(group, groups)
                        self.assertIn(respondent, respondents)
                    self.assertEqual(len(p["scoring"]["tieBreak"]), len(set(p["scoring"]["tieBreak"])))
                elif case["type"] == "surveyTemplate.published/v1":
                    options = [o["code"] for o in p["options"]]
                    questions = [q["code"] for q in p["questions"]]
                    self.assertEqual(len(options), len(set(options)))
                    self.assertEqual(len(questions), len(set(questions)))
                    for o in p["options"]:
                        self.assertTrue(o["coefficient"] is None or 0 <= Decimal(o["coefficient"]) <= 1)
                    for q in p["questions"]:
                        self.assertEqual(len(q["respondentGroups"]), len(set(q["respondentGroups"])))
                elif case["type"] == "appraiser.assigned/v1":
                    self.assertEqual(len(p["domains"]), len(set(p["domains"])))
                elif case["type"] == "surveyBatch.recorded/v1":
                    serials = [f["serial"] for f in p["forms"]]
                    self.assertEqual(len(serials), len(set(serials)))
                    self.assertTrue(all(f["answers"] for f in p["forms"]))
                elif case["type"] == "campaign.amended/v1":
                    order = ["selfScoringOpens", "selfScoringCloses", "round1Closes", "explanationCloses",
                             "round2Closes"]
                    times = [p["deadlines"][k] for k in order if k in p["deadlines"]]
                    self.assertEqual(times, sorted(set(times)))
                elif case["type"] == "round.reopened/v1":
                    self.assertEqual(len(p["units"]), len(set(p["units"])))
                    self.assertEqual(len(p.get("leaves", [])), len(set(p.get("leaves", []))))
                elif case["type"] == "unit.withdrawn/v1":
                    self.assertNotEqual(p.get("successor"), p["unit"])
                elif case["type"] == "appraisal.recorded/v1" and "objection" in p:
                    self.assertEqual(p["round"], 2, "only a round 2 cites an objection")
                elif case["type"] == "results.corrected/v1":
                    serials = [f["serial"] for f in p.get("forms", [])]
                    self.assertEqual(len(serials), len(set(serials)), "each serial once (serial-reused)")
                    self.assertTrue(p["changes"] or serials, "a correction changes scores, forms, or both")


def _scalars(value):
    if isinstance(value, dict):
        for v in value.values():
            yield from _scalars(v)
    elif isinstance(value, list):
        for v in value:
            yield from _scalars(v)
    else:
        yield value


# ------------------------------------------------------------------------------------- samples

# events/PROCESS.md §3: per-domain TĐG + XHH maxima.
DOMAIN_TOTALS = {
    "department": {"1": ("8", "3"), "2": ("7", "3"), "3": ("12", "6"), "4": ("6", "2"), "5": ("9", "4"),
                   "6": ("8", "2"), "7": ("10", "4"), "8": ("10", "6")},
    "district": {"1": ("8", "2"), "2": ("6", "2"), "3": ("12", "6"), "4": ("5", "2"), "5": ("9", "4"),
                 "6": ("7", "2"), "7": ("10", "3"), "8": ("8", "14")},
    "commune": {"1": ("8", "2"), "2": ("6", "2"), "3": ("12", "6"), "4": ("5", "2"), "5": ("9", "4"),
                "6": ("7", "2"), "7": ("10", "3"), "8": ("8", "14")},
}
METHOD_TOTALS = {"department": ("70", "30"), "district": ("65", "35"), "commune": ("65", "35")}
# Each criteria set (by its code) and survey template (by its unit group) of the samples.
CRITERIA_FILES = {"department": "criteria-department-2023.json", "district": "criteria-district-2023.json",
                  "commune": "criteria-commune-2025.json"}
TEMPLATE_FILES = {"department": "survey-template-department-2023.json",
                  "district": "survey-template-district-2023.json",
                  "commune": "survey-template-commune-2025.json"}
DECISIONS = {"department": {"number": "534/QĐ-UBND", "date": "2023-04-17"},
             "district": {"number": "534/QĐ-UBND", "date": "2023-04-17"},
             "commune": {"number": "1126/QĐ-UBND", "date": "2025-08-15"}}


def leaves(nodes):
    for n in nodes:
        if "children" in n:
            yield from leaves(n["children"])
        else:
            yield n


def all_nodes(nodes, parent=None):
    for n in nodes:
        yield parent, n
        if "children" in n:
            yield from all_nodes(n["children"], n)


def criteria(group):
    return load_sample(CRITERIA_FILES[group])


def template(group):
    return load_sample(TEMPLATE_FILES[group])


class CriteriaSampleTests(unittest.TestCase):
    def test_valid_against_schema(self):
        for group in CRITERIA_FILES:
            with self.subTest(group):
                self.assertEqual(errors("criteriaSet.published/v1", criteria(group)), [])

    def test_heading(self):
        for group in CRITERIA_FILES:
            c = criteria(group)
            self.assertEqual((c["set"], c["version"], c["totalPoints"]), (group, 1, "100"))
            self.assertEqual(c["decision"], DECISIONS[group])

    def test_leaves_sum_to_100_and_the_domain_totals(self):
        for group, expected in DOMAIN_TOTALS.items():
            c = criteria(group)
            total = sum(Decimal(leaf["maxPoints"]) for leaf in leaves(c["domains"]))
            self.assertEqual(total, Decimal(c["totalPoints"]), group)
            self.assertEqual(total, 100, group)
            by_method = {m: sum(Decimal(leaf["maxPoints"]) for leaf in leaves(c["domains"]) if leaf["method"] == m)
                         for m in ("TĐG", "XHH")}
            self.assertEqual((by_method["TĐG"], by_method["XHH"]), tuple(Decimal(v) for v in METHOD_TOTALS[group]))
            self.assertEqual([d["code"] for d in c["domains"]], list(expected))
            for domain in c["domains"]:
                with self.subTest(group, domain=domain["code"]):
                    sums = tuple(sum(Decimal(leaf["maxPoints"]) for leaf in leaves([domain]) if leaf["method"] == m)
                                 for m in ("TĐG", "XHH"))
                    self.assertEqual(sums, tuple(Decimal(v) for v in expected[domain["code"]]))

    def test_catalog_invariants(self):
        for group in CRITERIA_FILES:
            c = criteria(group)
            codes = []
            for parent, n in all_nodes(c["domains"]):
                codes.append(n["code"])
                if parent is None:
                    self.assertRegex(n["code"], r"^[1-9][0-9]*$")
                else:
                    self.assertRegex(n["code"], "^" + re.escape(parent["code"]) + r"\.[1-9][0-9]*$")
            self.assertEqual(len(codes), len(set(codes)), group)
            for leaf in leaves(c["domains"]):
                with self.subTest(group, leaf=leaf["code"]):
                    top = Decimal(leaf["maxPoints"])
                    self.assertGreater(top, 0)
                    if leaf["method"] == "XHH":
                        self.assertEqual(leaf["evidence"], [])
                        self.assertNotIn("allowedValues", leaf)
                    else:
                        self.assertIn(len(leaf["evidence"]), (1, 2))
                    if "allowedValues" in leaf:
                        values = [Decimal(v) for v in leaf["allowedValues"]]
                        self.assertEqual(values, sorted(set(values)))
                        self.assertEqual(values[0], 0)
                        self.assertEqual(values[-1], top)
            adjustments = c["adjustments"]
            caps = {"bonus": Decimal(adjustments["bonusCap"]), "deduction": Decimal(adjustments["deductionCap"])}
            self.assertEqual(caps, {"bonus": 2, "deduction": 3})
            item_codes = [i["code"] for i in adjustments["items"]]
            self.assertEqual(len(item_codes), len(set(item_codes)))
            for item in adjustments["items"]:
                self.assertTrue(0 < Decimal(item["maxPoints"]) <= caps[item["kind"]], item["code"])

    def test_leaves_named_in_the_brief(self):
        dept = {leaf["code"]: leaf for leaf in leaves(criteria("department")["domains"])}
        self.assertEqual(dept["1.1.1"]["allowedValues"], ["0", "0.5"])
        self.assertEqual(dept["1.1.2"]["allowedValues"], ["0", "0.5", "1", "1.5"])
        self.assertEqual(dept["3.3.1"]["allowedValues"], ["0", "0.5", "1.5", "2.5"])
        self.assertEqual(dept["5.4"]["allowedValues"], ["0", "1", "2"])
        self.assertEqual(dept["3.3.2"]["notApplicable"], "awardMax")
        self.assertEqual(sorted(c for c, leaf in dept.items() if leaf["notApplicable"] == "allowed"),
                         ["1.3.2", "1.3.3", "2.1.1", "2.1.2", "2.2.3", "4.3", "6.2", "6.3", "6.4"])
        dist = {leaf["code"]: leaf for leaf in leaves(criteria("district")["domains"])}
        self.assertEqual(dist["3.3.3"]["notApplicable"], "awardMax")
        self.assertEqual(sorted(c for c, leaf in dist.items() if leaf["notApplicable"] == "allowed"), ["2.1", "4.3"])
        self.assertEqual((len(dept), len(dist)), (58, 57))

    def test_commune_set(self):
        """The commune set (PROCESS.md §3, §6): the district set's structure and weights, fitted to
        UBND cấp xã; every leaf policy but notAllowed occurs; the adjustments are the district set's,
        so D3 is the late self-assessment."""
        c = criteria("commune")
        by_code = {leaf["code"]: leaf for leaf in leaves(c["domains"])}
        self.assertEqual(len(by_code), 58)
        self.assertEqual(sum(leaf["method"] == "XHH" for leaf in by_code.values()), 13)
        self.assertEqual([d["name"] for d in c["domains"]],
                         ["Công tác chỉ đạo, điều hành cải cách hành chính", "Cải cách thể chế",
                          "Cải cách thủ tục hành chính", "Cải cách tổ chức bộ máy", "Cải cách chế độ công vụ",
                          "Cải cách tài chính công", "Xây dựng chính quyền điện tử, chính quyền số",
                          "Tác động của cải cách hành chính"])
        policies = {}
        for code, leaf in by_code.items():
            policies.setdefault(leaf["notApplicable"], []).append(code)
        self.assertEqual(sorted(policies["allowed"]), ["1.3.2", "2.1", "4.3", "5.2", "5.6"])
        self.assertEqual(policies["awardMax"], ["3.3.2"])
        self.assertEqual(policies["excludeFromMax"], ["6.2"])
        self.assertEqual(sorted(c for c, leaf in by_code.items() if leaf["method"] == "TĐG" and "allowedValues" not in leaf),
                         ["3.5", "7.3"])
        self.assertEqual(c["adjustments"], criteria("district")["adjustments"])
        for text in _scalars(c):
            if isinstance(text, str):
                self.assertTrue(unicodedata.is_normalized("NFC", text), text)


class CampaignSampleTests(unittest.TestCase):
    def setUp(self):
        self.campaign = load_sample("campaign-2023.json")
        self.units = load_sample("units-2023.json")

    def test_valid_against_schema(self):
        self.assertEqual(errors("campaign.opened/v1", self.campaign), [])
        for unit in self.units:
            with self.subTest(unit["code"]):
                self.assertEqual(errors("unit.enrolled/v1", unit), [])

    def test_campaign_invariants(self):
        c = self.campaign
        self.assertEqual((c["plan"], c["year"]), ({"number": "43/KH-UBND", "date": "2023-05-09"}, 2023))
        order = ["selfScoringOpens", "selfScoringCloses", "round1Closes", "explanationCloses", "round2Closes"]
        times = [c["deadlines"][k] for k in order]
        self.assertEqual(times, sorted(set(times)))
        self.assertEqual(c["deadlines"]["selfScoringCloses"], "2023-12-04T10:00:00.000Z")   # 17:00 in Vietnam
        minima = [Decimal(b["minimumIndex"]) for b in c["scoring"]["bands"]]
        self.assertEqual(minima, sorted(set(minima), reverse=True))
        self.assertEqual(c["scoring"]["bands"][-1]["minimumIndex"], "0")
        groups = {g["code"]: g for g in c["groups"]}
        self.assertEqual({k: g["criteria"] for k, g in groups.items()},
                         {"department": {"set": "department", "version": 1},
                          "district": {"set": "district", "version": 1}})
        respondents = {r["code"] for r in c["respondentGroups"]}
        pairs = [(q["group"], q["respondentGroup"]) for q in c["surveyQuotas"]]
        self.assertEqual(len(pairs), len(set(pairs)))
        for group, respondent in pairs:
            self.assertIn(group, groups)
            self.assertIn(respondent, respondents)

    def test_late_submission_item_is_a_deduction_of_every_groups_set(self):
        """The sample plan names D3 ("Chậm nộp báo cáo tự đánh giá…"): a deduction item of each
        group's criteria set (else item-unknown), whose max bounds the automatic claim of
        lateSubmissionDeduction (1 ≤ 1: the whole deduction is proposed)."""
        scoring = self.campaign["scoring"]
        self.assertEqual(scoring["lateSubmissionItem"], "D3")
        for group in self.campaign["groups"]:
            with self.subTest(group["code"]):
                items = {i["code"]: i for i in criteria(group["criteria"]["set"])["adjustments"]["items"]}
                item = items[scoring["lateSubmissionItem"]]
                self.assertEqual(item["kind"], "deduction")
                self.assertTrue(item["name"].startswith("Chậm nộp báo cáo tự đánh giá"), item["name"])
                self.assertGreaterEqual(Decimal(item["maxPoints"]), Decimal(scoring["lateSubmissionDeduction"]))

    def test_quotas_give_the_1278_forms_of_2023(self):
        count = {"department": 0, "district": 0}
        for unit in self.units:
            count[unit["group"]] += 1
        forms = {"department": 0, "district": 0}
        for q in self.campaign["surveyQuotas"]:
            forms[q["group"]] += q["formsPerUnit"] * count[q["group"]]
        self.assertEqual(forms, {"department": 738, "district": 540})
        self.assertEqual(sum(forms.values()), 1278)

    def test_27_units(self):
        self.assertEqual(len(self.units), 27)
        codes = [u["code"] for u in self.units]
        self.assertEqual(len(set(codes)), 27)
        self.assertEqual([u["group"] for u in self.units], ["department"] * 18 + ["district"] * 9)
        self.assertEqual(codes[:3] + codes[16:18] + codes[-2:], ["VP-UBND", "SNV", "STP", "TTT", "BDT", "H-TCU", "H-DH"])
        names = {u["code"]: u["name"] for u in self.units}
        self.assertEqual(names["SLDTBXH"], "Sở Lao động – Thương binh và Xã hội")
        self.assertEqual(names["H-TCU"], "Huyện Trà Cú")
        groups = {g["code"] for g in self.campaign["groups"]}
        self.assertTrue({u["group"] for u in self.units} <= groups)


class Campaign2025SampleTests(unittest.TestCase):
    """The 2025 plan and units (PROCESS.md §6): departments and communes, no district level."""

    def setUp(self):
        self.campaign = load_sample("campaign-2025.json")
        self.units = load_sample("units-2025.json")

    def test_valid_against_schema(self):
        self.assertEqual(errors("campaign.opened/v1", self.campaign), [])
        for unit in self.units:
            with self.subTest(unit["code"]):
                self.assertEqual(errors("unit.enrolled/v1", unit), [])

    def test_campaign_invariants(self):
        c = self.campaign
        self.assertEqual((c["plan"], c["year"]), ({"number": "86/KH-UBND", "date": "2025-08-22"}, 2025))
        order = ["selfScoringOpens", "selfScoringCloses", "round1Closes", "explanationCloses", "round2Closes"]
        times = [c["deadlines"][k] for k in order]
        self.assertEqual(times, sorted(set(times)))
        self.assertTrue(times[0].startswith("2025-11") and times[1].startswith("2025-12"), times)
        self.assertTrue(all(t.startswith("2026-") for t in times[2:]), times)
        self.assertTrue(all(t.endswith("T10:00:00.000Z") for t in times[1:]), "17:00 in Vietnam")
        groups = {g["code"]: g for g in c["groups"]}
        self.assertEqual({k: g["criteria"] for k, g in groups.items()},
                         {"department": {"set": "department", "version": 1},
                          "commune": {"set": "commune", "version": 1}})
        respondents = {r["code"] for r in c["respondentGroups"]}
        self.assertNotIn("district-leaders", respondents, "there is no district level in 2025")
        pairs = [(q["group"], q["respondentGroup"]) for q in c["surveyQuotas"]]
        self.assertEqual(len(pairs), len(set(pairs)))
        for group, respondent in pairs:
            self.assertIn(group, groups)
            self.assertIn(respondent, respondents)
        self.assertEqual({g for g, _ in pairs}, set(groups), "every group has survey quotas")
        self.assertEqual(c["scoring"], load_sample("campaign-2023.json")["scoring"])

    def test_late_submission_item_is_a_deduction_of_every_groups_set(self):
        scoring = self.campaign["scoring"]
        self.assertEqual(scoring["lateSubmissionItem"], "D3")
        for group in self.campaign["groups"]:
            with self.subTest(group["code"]):
                items = {i["code"]: i for i in criteria(group["criteria"]["set"])["adjustments"]["items"]}
                item = items[scoring["lateSubmissionItem"]]
                self.assertEqual(item["kind"], "deduction")
                self.assertTrue(item["name"].startswith("Chậm nộp báo cáo tự đánh giá"), item["name"])
                self.assertGreaterEqual(Decimal(item["maxPoints"]), Decimal(scoring["lateSubmissionDeduction"]))

    def test_quotas_give_2408_forms(self):
        count = {"department": 0, "commune": 0}
        for unit in self.units:
            count[unit["group"]] += 1
        forms = {"department": 0, "commune": 0}
        for q in self.campaign["surveyQuotas"]:
            forms[q["group"]] += q["formsPerUnit"] * count[q["group"]]
        self.assertEqual(forms, {"department": 602, "commune": 1806})

    def test_56_units(self):
        codes = [u["code"] for u in self.units]
        self.assertEqual(len(set(codes)), len(codes))
        self.assertEqual([u["group"] for u in self.units], ["department"] * 14 + ["commune"] * 42)
        for unit in self.units:
            with self.subTest(unit["code"]):
                self.assertRegex(unit["code"], r"^[A-Z0-9]+(-[A-Z0-9]+)*$")
                self.assertTrue(unicodedata.is_normalized("NFC", unit["name"]))
                prefix = {"P": "Phường ", "X": "Xã "}.get(unit["code"].split("-")[0])
                if unit["group"] == "commune":
                    self.assertTrue(prefix and unit["name"].startswith(prefix), unit["name"])
        names = {u["code"]: u["name"] for u in self.units}
        self.assertEqual(names["SNNMT"], "Sở Nông nghiệp và Môi trường")
        self.assertEqual(names["SDTTG"], "Sở Dân tộc và Tôn giáo")
        self.assertTrue({u["group"] for u in self.units} <= {g["code"] for g in self.campaign["groups"]})


class SurveySampleTests(unittest.TestCase):
    def setUp(self):
        self.campaign = load_sample("campaign-2023.json")
        self.units = {u["code"]: u for u in load_sample("units-2023.json")}

    def test_templates(self):
        plans = {"department": self.campaign, "district": self.campaign,
                 "commune": load_sample("campaign-2025.json")}
        years = {"department": 2023, "district": 2023, "commune": 2025}
        for group in TEMPLATE_FILES:
            with self.subTest(group):
                campaign = plans[group]
                respondents = {r["code"] for r in campaign["respondentGroups"]}
                t = template(group)
                self.assertEqual(errors("surveyTemplate.published/v1", t), [])
                self.assertEqual((t["template"], t["version"], t["group"]), (f"{group}-{years[group]}", 1, group))
                self.assertEqual([(o["code"], o["coefficient"]) for o in t["options"]],
                                 [("A", "1"), ("B", "0.6"), ("C", "0.2"), ("D", "0"), ("E", None)])
                codes = [q["code"] for q in t["questions"]]
                self.assertEqual(codes, [f"Q{i}" for i in range(1, len(codes) + 1)])
                by_leaf = {leaf["code"]: leaf for leaf in leaves(criteria(group)["domains"])}
                xhh = {c for c, leaf in by_leaf.items() if leaf["method"] == "XHH"}
                asked = {q["leaf"] for q in t["questions"]}
                self.assertEqual(asked, xhh, "every XHH leaf has a question, and questions feed XHH leaves")
                for leaf in xhh:
                    self.assertIn(sum(q["leaf"] == leaf for q in t["questions"]), (1, 2, 3), leaf)
                quota = {q["respondentGroup"] for q in campaign["surveyQuotas"] if q["group"] == group}
                for q in t["questions"]:
                    self.assertTrue(set(q["respondentGroups"]) <= respondents & quota, q["code"])
                for respondent in quota:
                    n = sum(respondent in q["respondentGroups"] for q in t["questions"])
                    self.assertGreaterEqual(n, 4, f"{group}: {respondent} is asked {n} questions")

    def read_csv(self, text, template_payload):
        """The layout of events/samples/survey-csv.md: rows -> a surveyBatch.recorded/v1 payload."""
        if text.startswith("\ufeff"):
            text = text[1:]
        rows = list(csv.reader(io.StringIO(unicodedata.normalize("NFC", text), newline="")))
        header = rows[0]
        questions = {q["code"]: q for q in template_payload["questions"]}
        options = {o["code"] for o in template_payload["options"]}
        self.assertEqual(len(header), len(set(header)))
        for name in header:
            self.assertTrue(name in ("serial", "unit", "respondentGroup") or name in questions
                            or re.fullmatch(r"demo:.+", name), name)
        self.assertTrue(set(questions) <= set(header))
        quota = {q["respondentGroup"] for q in self.campaign["surveyQuotas"] if q["group"] == template_payload["group"]}
        forms, serials = [], set()
        for line, row in enumerate(rows[1:], 2):
            if not row:
                continue
            self.assertEqual(len(row), len(header), f"line {line}")
            cells = {name: cell.strip() for name, cell in zip(header, row)}
            self.assertNotIn(cells["serial"], serials, f"line {line}")
            serials.add(cells["serial"])
            self.assertEqual(self.units[cells["unit"]]["group"], template_payload["group"], f"line {line}")
            self.assertIn(cells["respondentGroup"], quota, f"line {line}")
            answers = {name: v for name, v in cells.items() if name in questions and v}
            for code, option in answers.items():
                self.assertIn(option, options, f"line {line}")
                self.assertIn(cells["respondentGroup"], questions[code]["respondentGroups"], f"line {line}: {code}")
            asked = [c for c, q in questions.items() if cells["respondentGroup"] in q["respondentGroups"]]
            self.assertGreaterEqual(len(answers) / len(asked), 0.7, f"line {line}: a valid form")
            form = {"serial": cells["serial"], "unit": cells["unit"], "respondentGroup": cells["respondentGroup"],
                    "answers": answers}
            demographics = {name[5:]: v for name, v in cells.items() if name.startswith("demo:") and v}
            if demographics:
                form["demographics"] = demographics
            forms.append(form)
        return {"template": {"template": template_payload["template"], "version": template_payload["version"]},
                "forms": forms}

    def test_csv_sample(self):
        with open(os.path.join(SAMPLES, "survey-forms-department-sample.csv"), encoding="utf-8") as f:
            text = f.read()
        self.assertTrue(unicodedata.is_normalized("NFC", text))
        batch = self.read_csv(text, template("department"))
        self.assertEqual(errors("surveyBatch.recorded/v1", batch), [])
        forms = batch["forms"]
        self.assertGreaterEqual(len(forms), 10)
        self.assertEqual({f["unit"] for f in forms}, {"SNV", "STP"})
        self.assertGreaterEqual(len({f["respondentGroup"] for f in forms}), 3)
        self.assertTrue(all(re.fullmatch(r"2023-(SNV|STP)-[A-Z]{2}-[0-9]{3}", f["serial"]) for f in forms))

    def test_csv_worked_example(self):
        """The example in survey-csv.md converts to the payload printed beside it."""
        with open(os.path.join(SAMPLES, "survey-csv.md"), encoding="utf-8") as f:
            doc = f.read()
        self.assertTrue(unicodedata.is_normalized("NFC", doc))
        blocks = re.findall(r"```(\w*)\n(.*?)```", doc, flags=re.S)
        csv_text = next(body for lang, body in blocks if body.startswith("serial,"))
        payload = json.loads(next(body for lang, body in blocks if lang == "json"))
        self.assertEqual(errors("surveyBatch.recorded/v1", payload), [])
        self.assertEqual(self.read_csv(csv_text, template("department")), payload)
        with open(os.path.join(SAMPLES, "survey-forms-department-sample.csv"), encoding="utf-8") as f:
            sample_lines = set(f.read().splitlines())
        self.assertTrue(set(csv_text.splitlines()) <= sample_lines, "the example's rows are from the sample")


class SampleFileTests(unittest.TestCase):
    def test_each_2025_template_asks_only_the_groups_the_2025_plan_surveys(self):
        """Every respondent group a 2025 template asks has a quota for that unit group in the 2025
        plan, and every quota is asked at least one question (the 2023 department template asked
        district leaders, whom the 2025 plan no longer surveys)."""
        with open(os.path.join(SAMPLES, "campaign-2025.json"), encoding="utf-8") as f:
            plan = json.load(f)
        for name in ("survey-template-department-2025.json", "survey-template-commune-2025.json"):
            with self.subTest(name):
                with open(os.path.join(SAMPLES, name), encoding="utf-8") as f:
                    template = json.load(f)
                quotas = {q["respondentGroup"] for q in plan["surveyQuotas"]
                          if q["group"] == template["group"] and q["formsPerUnit"] > 0}
                self.assertEqual(errors("surveyTemplate.published/v1", template), [])
                set_leaves = {n["code"] for n in leaves(criteria(template["group"])["domains"])}
                self.assertLessEqual({q["leaf"] for q in template["questions"]}, set_leaves)
                asked = {g for q in template["questions"] for g in q["respondentGroups"]}
                self.assertLessEqual(asked, quotas)
                self.assertEqual(asked, quotas)
        with open(os.path.join(SAMPLES, "survey-template-department-2023.json"), encoding="utf-8") as f:
            old = json.load(f)
        self.assertIn("district-leaders", {g for q in old["questions"] for g in q["respondentGroups"]})

    def test_json_samples_follow_format_2_1(self):
        """UTF-8 without BOM, NFC, no floats, no duplicate members (FORMAT.md §2.1); 2-space
        pretty-printing of the canonical member order."""
        names = sorted(n for n in os.listdir(SAMPLES) if n.endswith(".json"))
        self.assertEqual(names, ["campaign-2023.json", "campaign-2024.json", "campaign-2025.json",
                                 "criteria-commune-2025.json", "criteria-department-2023.json",
                                 "criteria-district-2023.json", "survey-template-commune-2025.json",
                                 "survey-template-department-2023.json", "survey-template-department-2025.json",
                                 "survey-template-district-2023.json", "units-2023.json", "units-2025.json"])
        for name in names:
            with self.subTest(name):
                with open(os.path.join(SAMPLES, name), "rb") as f:
                    raw = f.read()
                value = vl.parse_json(raw)
                self.assertEqual(vl.canonicalize(value), vl.canonicalize_bytes(raw))
                pretty = json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
                self.assertEqual(raw.decode("utf-8"), pretty)


if __name__ == "__main__":
    unittest.main()
