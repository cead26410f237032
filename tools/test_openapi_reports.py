"""Tests of the OpenAPI document's answers (Sources/Server/OpenAPI/openapi.json) against the reports.

Run from the repository root:
    python3 -m unittest discover -s tools -p 'test_*.py'

The server answers a report with the bytes `parledger … --format json` prints, so every golden
report under projections/*/golden is an answer of the route that serves it, and must validate
against the schema the document gives for that route's 200 answer: a report whose shape changes
fails here until the document says so, and a client generated from the document reads what the
server sends. The document leaves no answer loose: every JSON object a 200 or 201 answer holds
has its members written out (or is a map whose values have a schema), except /openapi.json
itself and a statement's payload (one of many event payloads, each in events/schemas/); and the
reports, the session, ledger and evidence answers refuse unknown members at every depth. The
schemas must also refuse: a golden with a member added, or without a required one, fails, so
these tests can fail.
"""

import copy
import glob
import json
import os
import unittest

from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

TOOLS = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(TOOLS)
DOCUMENT = os.path.join(REPO, "Sources", "Server", "OpenAPI", "openapi.json")
PROJECTIONS = os.path.join(REPO, "projections")
URI = "urn:parledger:openapi"

# Which route serves the report of each golden folder (and of an edge/ golden, by its name's
# first word): its 200 answer's schema is the one the golden is held to.
ROUTES = {
    "standings": "/api/standings",
    "scores": "/api/units/{unit}/scores",
    "differences": "/api/differences",
    "disputes": "/api/disputes",
    "claims": "/api/claims",
    "survey": "/api/survey/coverage",
    "history": "/api/units/{unit}/leaves/{leaf}/history",
    "progress": "/api/campaign",
    "trend": "/api/trend",
    "diff": "/api/diff",
    "todo": "/api/todo",
    "answers": "/api/survey/answers",
}

# The answers whose objects must all refuse unknown members: the reports and the other answers
# the document once left as bare objects.
CLOSED = [
    ("get", "/api/standings", "200"), ("get", "/api/units/{unit}/scores", "200"),
    ("get", "/api/differences", "200"), ("get", "/api/disputes", "200"), ("get", "/api/claims", "200"),
    ("get", "/api/todo", "200"), ("get", "/api/survey/coverage", "200"), ("get", "/api/survey/answers", "200"),
    ("get", "/api/units/{unit}/leaves/{leaf}/history", "200"), ("get", "/api/units/{unit}/history", "200"),
    ("get", "/api/units/{unit}/criteria", "200"), ("get", "/api/campaign", "200"), ("get", "/api/diff", "200"),
    ("get", "/api/trend", "200"), ("get", "/api/units/{unit}/evidence", "200"), ("get", "/api/ledger", "200"),
    ("get", "/api/checkpoint", "200"), ("post", "/api/session/challenge", "200"), ("post", "/api/session", "201"),
    ("get", "/api/session", "200"), ("get", "/api/keys/{keyId}", "200"),
]

# Members a report may leave out, by report and where they are (list items as []; .* any member
# of that object): a golden without one of these is still valid, without any other it is not.
OPTIONAL = {
    "*": {"ledger.campaign",             # only when an earlier campaign was asked for
          "withheld"},                   # only for a reader who may not see the whole unit
    "scores": {"leaves[].survey",        # XHH leaves only
               "result"},                # not for an appraiser of some of the unit's domains
    "disputes": {"disputes[].outcome", "disputes[].points", "disputes[].reasoning", "disputes[].resolvedAt",
                 "disputes[].change"},   # once resolved (a change only with points)
    "diff": {"changes[].mergedFrom"},    # only where a merger happened
    "answers": {"questions[].all.answers.*",      # a count per option of the template
                "questions[].rows[].answers.*"},
    "history": {"events[].details.*",    # the payload's own members
                "events[].details.document.page"},
    "progress": {"units[].formerNames", "units[].withdrawn", "amendments"},   # only when a decision made them
}


def load_document():
    with open(DOCUMENT, encoding="utf-8") as f:
        return json.load(f)


def pointer(*parts):
    """A JSON pointer into the document (RFC 6901: ~ and / escaped)."""
    return "/" + "/".join(str(p).replace("~", "~0").replace("/", "~1") for p in parts)


def answer_pointer(method, path, status):
    return pointer("paths", path, method, "responses", status, "content", "application/json", "schema")


def resolve(document, reference):
    """The part of the document a local `$ref` ("#/…") names."""
    assert reference.startswith("#/"), reference
    node = document
    for part in reference[2:].split("/"):
        node = node[part.replace("~1", "/").replace("~0", "~")]
    return node


def golden_files():
    """(folder, name, path) of every golden report."""
    found = []
    for path in sorted(glob.glob(os.path.join(PROJECTIONS, "*", "golden", "*.json"))):
        folder = os.path.basename(os.path.dirname(os.path.dirname(path)))
        found.append((folder, os.path.basename(path), path))
    return found


def kind_of(folder, name):
    """The report a golden is: its folder's, for edge/ the first word of its name, and for survey/
    the answers per question when its name says so."""
    if folder == "survey" and name.startswith("answers-"):
        return "answers"
    return name[:-len(".json")].split("-")[0] if folder == "edge" else folder


def objects(value):
    """Every shape of JSON object in `value`: its path (list items as "[]") and where the first
    object of that path is (list indices as numbers)."""
    found = {}

    def walk(node, shape, where):
        if isinstance(node, dict):
            found.setdefault(shape, where)
            for key, member in node.items():
                walk(member, shape + (key,), where + (key,))
        elif isinstance(node, list):
            for index, item in enumerate(node):
                walk(item, shape + ("[]",), where + (index,))
    walk(value, (), ())
    return found


def dotted(path):
    """A path as OPTIONAL writes it: ("units", "[]", "name") is units[].name."""
    return ".".join(path).replace(".[]", "[]")



def walk_schema(document, node, where, check, skip=frozenset(), seen=frozenset()):
    """Calls `check(schema, where)` on every schema object under `node`, following `$ref`s once
    each and every place a schema nests (members, items, maps, combinations); members named in
    `skip` are not entered."""
    if isinstance(node, list):
        for index, item in enumerate(node):
            walk_schema(document, item, f"{where}/{index}", check, skip, seen)
        return
    if not isinstance(node, dict):
        return
    reference = node.get("$ref")
    if reference is not None and reference not in seen:
        walk_schema(document, resolve(document, reference), reference, check, skip, seen | {reference})
    check(node, where)
    for key, member in node.items():
        if key == "properties":
            for name, schema in member.items():
                if name not in skip:
                    walk_schema(document, schema, f"{where}/properties/{name}", check, skip, seen)
        elif key in ("items", "additionalProperties", "allOf", "anyOf", "oneOf", "prefixItems"):
            walk_schema(document, member, f"{where}/{key}", check, skip, seen)

class Documents:
    """The document, read once, and a validator per answer (each resolves the document's own
    `#/components/schemas/…` references)."""
    document = None
    registry = None
    validators = {}

    @classmethod
    def get(cls):
        if cls.document is None:
            cls.document = load_document()
            cls.registry = Registry().with_resource(URI, Resource(contents=cls.document, specification=DRAFT202012))
        return cls

    @classmethod
    def validator(cls, method, path, status="200"):
        key = (method, path, status)
        if key not in cls.validators:
            cls.get()
            cls.validators[key] = Draft202012Validator({"$ref": URI + "#" + answer_pointer(method, path, status)},
                                                       registry=cls.registry)
        return cls.validators[key]


def accepted(route, value):
    """Whether the route's 200 answer schema accepts `value` (stops at the first error)."""
    return Documents.validator("get", route).is_valid(value)


def errors(route, value):
    """What the route's 200 answer schema finds wrong with `value`, each with where."""
    return [f"/{'/'.join(map(str, e.absolute_path))}: {e.message[:300]}"
            for e in Documents.validator("get", route).iter_errors(value)]


def load_golden(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def at(value, where):
    """The object at `where` (member names and list indices) in `value`."""
    node = value
    for part in where:
        node = node[part]
    return node


class DocumentTests(unittest.TestCase):
    def test_openapi_3_1(self):
        """The document is OpenAPI 3.1, whose schemas are JSON Schema 2020-12 (so `type` lists and
        `null` mean what these tests take them to)."""
        self.assertTrue(Documents.get().document["openapi"].startswith("3.1."))

    def test_component_schemas_are_valid_draft_2020_12(self):
        """A schema that is not itself valid would validate nothing (or anything)."""
        for name, schema in Documents.get().document["components"]["schemas"].items():
            with self.subTest(name):
                Draft202012Validator.check_schema(schema)

    def test_every_golden_folder_has_a_route(self):
        """A new golden folder (or edge/ report) is held to its route once it is named in ROUTES."""
        kinds = {kind_of(folder, name) for folder, name, _ in golden_files()}
        self.assertTrue(kinds)
        self.assertEqual(kinds - set(ROUTES), set())
        for route in ROUTES.values():
            self.assertIn("get", Documents.get().document["paths"][route])

    def test_no_answer_is_a_loose_object(self):
        """Every object a 200 or 201 JSON answer can hold lists its members (`properties`) or is a
        map with a schema for its values; /openapi.json and statement payloads excepted."""
        document = Documents.get().document
        loose = []

        def check(node, where):
            kind = node.get("type")
            if kind == "object" or (isinstance(kind, list) and "object" in kind):
                if "properties" not in node and not isinstance(node.get("additionalProperties"), dict):
                    loose.append(where)

        for path, operations in document["paths"].items():
            if path == "/openapi.json":
                continue
            for method, operation in operations.items():
                for status, response in operation.get("responses", {}).items():
                    schema = response.get("content", {}).get("application/json", {}).get("schema")
                    if status in ("200", "201") and schema is not None:
                        # An event payload: events/schemas/ describes each.
                        walk_schema(document, schema, f"{method.upper()} {path} {status}", check, skip={"payload"})
        self.assertEqual(loose, [])

    def test_reports_refuse_unknown_members(self):
        """The reports and the session, ledger and evidence answers have fixed members at every
        depth: each object listing properties has additionalProperties false."""
        document = Documents.get().document
        open_objects = []

        def check(node, where):
            if "properties" in node and node.get("additionalProperties") is not False:
                open_objects.append(where)

        for method, path, status in CLOSED:
            schema = resolve(document, "#" + answer_pointer(method, path, status))
            self.assertIn("$ref", schema, f"{method.upper()} {path}: a named component schema")
            walk_schema(document, schema, f"{method.upper()} {path} {status}", check)
        self.assertEqual(open_objects, [])

    def test_reports_share_the_seal(self):
        """Every sealed report names the prefix it came from and its digest with the same two schemas."""
        document = Documents.get().document
        for method, path, status in CLOSED:
            schema = resolve(document, "#" + answer_pointer(method, path, status))
            schema = resolve(document, schema["$ref"]) if "$ref" in schema else schema
            if "ledger" in schema.get("properties", {}):
                with self.subTest(path):
                    self.assertEqual(schema["properties"]["ledger"], {"$ref": "#/components/schemas/ReportLedger"})
                    self.assertEqual(schema["properties"]["digest"], {"$ref": "#/components/schemas/ReportDigest"})
                    self.assertIn("ledger", schema["required"])
                    self.assertIn("digest", schema["required"])


class GoldenTests(unittest.TestCase):
    def test_goldens_validate_against_their_routes(self):
        """A golden is an answer of its route (the same bytes): the document must describe it."""
        files = golden_files()
        self.assertGreaterEqual(len(files), 50)
        for folder, name, path in files:
            with self.subTest(f"{folder}/{name}"):
                route = ROUTES[kind_of(folder, name)]
                self.assertEqual(errors(route, load_golden(path)), [], f"{folder}/golden/{name} against GET {route}")

    def examples(self):
        """One golden per report kind (the largest, which has the most optional members present)."""
        chosen = {}
        for folder, name, path in golden_files():
            kind = kind_of(folder, name)
            if kind not in chosen or os.path.getsize(path) > os.path.getsize(chosen[kind][1]):
                chosen[kind] = (f"{folder}/{name}", path)
        return {kind: (label, load_golden(path)) for kind, (label, path) in chosen.items()}

    def test_unknown_member_refused_at_every_depth(self):
        """A member the document does not name, added to any object of a golden, is refused: a
        report that grows a member fails until the document says so."""
        for kind, (label, report) in self.examples().items():
            for path, where in objects(report).items():
                with self.subTest(label, path=dotted(path) or "(top)"):
                    obj = at(report, where)
                    obj["comment"] = "thêm"
                    try:
                        self.assertFalse(accepted(ROUTES[kind], report),
                                         f"{label} with an unknown member at {dotted(path)}")
                    finally:
                        del obj["comment"]

    def test_missing_member_refused(self):
        """Every member of a golden is required, except those OPTIONAL names, which may be left
        out: a report that drops a member fails until the document says so."""
        checked = 0
        for kind, (label, report) in self.examples().items():
            optional = OPTIONAL["*"] | OPTIONAL.get(kind, set())
            for path, where in objects(report).items():
                obj = at(report, where)
                for name in list(obj):
                    member = dotted(path + (name,))
                    value = obj.pop(name)
                    try:
                        with self.subTest(label, member=member):
                            if member in optional or dotted(path) + ".*" in optional:
                                self.assertEqual(errors(ROUTES[kind], report), [], f"{label} without {member}")
                            else:
                                checked += 1
                                self.assertFalse(accepted(ROUTES[kind], report), f"{label} without {member}")
                    finally:
                        obj[name] = value
        self.assertGreater(checked, 100)

    def test_figures_are_strings(self):
        """Figures are decimal strings at publication precision ("61.25"), never JSON numbers."""
        for kind, (label, report) in self.examples().items():
            if kind not in ("standings", "scores"):
                continue
            bad = copy.deepcopy(report)
            unit = bad["result"] if kind == "scores" else bad["groups"][0]["standings"][0]
            unit["index"] = float(unit["index"])
            with self.subTest(label):
                self.assertNotEqual(errors(ROUTES[kind], bad), [])

    def test_seal_is_checked(self):
        """A report without its digest, or with a `ledger` member that is not the prefix's, is refused."""
        label, report = self.examples()["standings"]
        for change in ("no digest", "short digest", "ledger member", "ledger size"):
            bad = copy.deepcopy(report)
            if change == "no digest":
                del bad["digest"]
            elif change == "short digest":
                bad["digest"] = bad["digest"][:40]
            elif change == "ledger member":
                bad["ledger"]["extra"] = 1
            else:
                bad["ledger"]["size"] = str(bad["ledger"]["size"])
            with self.subTest(label, change=change):
                self.assertNotEqual(errors(ROUTES["standings"], bad), [])


if __name__ == "__main__":
    unittest.main()
