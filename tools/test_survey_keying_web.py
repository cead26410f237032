"""The survey keying screen's rules (Sources/Server/Web/survey-keying.js) run in Node.

The CSV it writes is the import layout of events/samples/survey-csv.md byte for byte as Python's
csv module writes it (UTF-8 with a BOM, commas, CRLF, RFC 4180 quotes), and Python's csv reads it
back to the same cells; a first pass's CSV reads back (with or without a BOM, commas or semicolons,
quoted commas, quotes and line breaks) to the forms it was written from, and a bad file is refused
by its line; two passes compare to every difference. Skipped only when node is missing.
"""

import csv
import io
import json
import pathlib
import shutil
import subprocess
import unicodedata
import unittest

ROOT = pathlib.Path(__file__).resolve().parent.parent
MODULE = json.dumps((ROOT / "Sources" / "Server" / "Web" / "survey-keying.js").as_uri())
NODE = shutil.which("node")

QUESTIONS = [
    {"code": "Q1", "text": "Thái độ phục vụ?", "leaf": "1.3", "respondentGroups": ["citizens"]},
    {"code": "Q2", "text": "Chỉ đạo điều hành?", "leaf": "1.3", "respondentGroups": ["unit-leaders"]},
    {"code": "Q3", "text": "Thời gian giải quyết?", "leaf": "1.3", "respondentGroups": ["citizens", "unit-leaders"]},
]
OPTIONS = [{"code": code, "label": code} for code in "ABCDE"]


def node(body, **values):
    """Runs `body` (an async function body given `k`, the module, and the named values) in Node; returns what it returns."""
    names = ", ".join(values)
    script = (f"const k = await import({MODULE});\n"
              f"const run = async ({{ {names} }}) => {{ {body} }};\n"
              f"try {{ console.log(JSON.stringify({{ ok: await run({json.dumps(values, ensure_ascii=False)}) }})); }}\n"
              "catch (error) { console.log(JSON.stringify({ error: { name: error.name, code: error.code ?? null, line: error.line ?? null, message: error.message } })); }\n")
    result = subprocess.run([NODE, "--input-type=module"], input=script, capture_output=True, text=True, timeout=120)
    if result.returncode != 0:
        raise AssertionError(f"node failed ({result.returncode}): {result.stderr}")
    answer = json.loads(result.stdout)
    if "error" in answer:
        return answer
    return answer["ok"]


def form(serial, answers=None, demographics=None, unit="SNV", group="citizens", **extra):
    return {"serial": serial, "unit": unit, "respondentGroup": group, "answers": answers or {},
            "demographics": demographics or {}, **extra}


@unittest.skipUnless(NODE, "node is not installed")
class WritingTest(unittest.TestCase):
    forms = [
        form("2023-SNV-CIT-001", {"Q1": "a", "Q3": "E"}, {"gioiTinh": "Nữ", "diaChi": 'Ấp 3, xã Long Đức'}, stt=1),
        form("2023-SNV-CIT-002", {"Q1": "B", "Q2": "A"}, {"ghiChu": 'nói "chậm"'}, stt=2),
        form("2023-SNV-LD-001", {"Q2": "C", "Q3": "D"}, {}, group="unit-leaders", stt=7),
    ]
    demo = ["gioiTinh", "diaChi", "ghiChu"]

    def written(self, **options):
        return node("return k.writeCsv(forms, questions, demo, options);",
                    forms=self.forms, questions=QUESTIONS, demo=self.demo, options=options)

    def test_the_import_layout_byte_for_byte(self):
        text = self.written()
        self.assertTrue(text.startswith("\ufeffSTT,serial,unit,respondentGroup,Q1,Q2,Q3,demo:gioiTinh,demo:diaChi,demo:ghiChu\r\n"))
        expected = io.StringIO()
        writer = csv.writer(expected, lineterminator="\r\n")
        writer.writerow(["STT", "serial", "unit", "respondentGroup", "Q1", "Q2", "Q3", "demo:gioiTinh", "demo:diaChi", "demo:ghiChu"])
        # Q2 is not asked of citizens: left empty even though the draft holds an answer; `a` is written A.
        writer.writerow(["1", "2023-SNV-CIT-001", "SNV", "citizens", "A", "", "E", "Nữ", "Ấp 3, xã Long Đức", ""])
        writer.writerow(["2", "2023-SNV-CIT-002", "SNV", "citizens", "B", "", "", "", "", 'nói "chậm"'])
        writer.writerow(["7", "2023-SNV-LD-001", "SNV", "unit-leaders", "", "C", "D", "", "", ""])
        self.assertEqual(text, "\ufeff" + expected.getvalue())
        self.assertIn('"Ấp 3, xã Long Đức"', text)
        self.assertIn('"nói ""chậm"""', text)
        self.assertNotIn("\n", text.replace("\r\n", ""), "every line ends with CRLF")

    def test_python_reads_the_same_cells(self):
        text = self.written()
        rows = list(csv.reader(io.StringIO(text.encode("utf-8").decode("utf-8-sig"), newline="")))
        self.assertEqual(rows[1][8], "Ấp 3, xã Long Đức")
        self.assertEqual(rows[2][9], 'nói "chậm"')
        self.assertEqual(len({len(row) for row in rows}), 1, "every row has the header's number of cells")

    def test_without_bom_and_cells(self):
        self.assertFalse(self.written(bom=False).startswith("\ufeff"))
        cells = node("return ['a', 'a,b', 'say \"hi\"', 'two\\nlines', '', null].map(k.csvCell);")
        self.assertEqual(cells, ["a", '"a,b"', '"say ""hi"""', '"two\nlines"', "", ""])

    def test_text_is_nfc_and_trimmed(self):
        decomposed = unicodedata.normalize("NFD", "Nữ")
        text = node("return k.writeCsv(forms, questions, ['gioiTinh'], { bom: false });",
                    forms=[form(" KS-1 ", {"Q1": " b "}, {"gioiTinh": f"  {decomposed} "})], questions=QUESTIONS)
        self.assertEqual(text.split("\r\n")[1], "1,KS-1,SNV,citizens,B,,,Nữ")


@unittest.skipUnless(NODE, "node is not installed")
class ReadingTest(unittest.TestCase):
    def read(self, text, questions=QUESTIONS):
        return node("return k.formsFromCsv(text, questions);", text=text, questions=questions)

    def test_round_trip(self):
        forms = [form("KS-001", {"Q1": "A", "Q3": "B"}, {"gioiTinh": "Nữ", "diaChi": 'Ấp 3, xã "Long" Đức'}),
                 form("KS-002", {"Q3": "E"}, {"diaChi": "dòng một\ndòng hai"})]
        read = node("const text = k.writeCsv(forms, questions, ['gioiTinh', 'diaChi']); return k.formsFromCsv(text, questions);",
                    forms=forms, questions=QUESTIONS)
        self.assertEqual(read["demoColumns"], ["gioiTinh", "diaChi"])
        self.assertEqual([(item["serial"], item["answers"], item["demographics"]) for item in read["forms"]],
                         [("KS-001", {"Q1": "A", "Q3": "B"}, {"gioiTinh": "Nữ", "diaChi": 'Ấp 3, xã "Long" Đức'}),
                          # A line break inside a cell is written quoted and read back as a space (a keyed cell is one line).
                          ("KS-002", {"Q3": "E"}, {"diaChi": "dòng một dòng hai"})])

    def test_bom_is_dropped(self):
        body = "serial,unit,respondentGroup,Q1,Q2,Q3\r\nKS-1,SNV,citizens,a,,B\r\n"
        with_bom, without = self.read("\ufeff" + body), self.read(body)
        self.assertEqual(with_bom, without)
        self.assertEqual(with_bom["forms"][0]["answers"], {"Q1": "A", "Q3": "B"}, "a lowercase answer reads as upper case")
        self.assertEqual(with_bom["forms"][0]["serial"], "KS-1", "the BOM does not stick to the first column's name")

    def test_semicolons_quotes_line_breaks_and_empty_lines(self):
        text = ('STT;serial;unit;respondentGroup;Q1;Q2;Q3;demo:diaChi\n'
                '1;KS-1;SNV;citizens;A;;B;"Ấp 3; xã Long Đức"\n'
                '\n'
                '2;KS-2;SNV;citizens;;;C;"nói ""chậm""\nvà rõ"\n'
                '3;KS-3;SNV;citizens;E;;;\n')
        read = self.read(text)
        self.assertEqual([item["serial"] for item in read["forms"]], ["KS-1", "KS-2", "KS-3"])
        self.assertEqual(read["forms"][0]["demographics"], {"diaChi": "Ấp 3; xã Long Đức"})
        self.assertEqual(read["forms"][1]["demographics"], {"diaChi": 'nói "chậm" và rõ'})
        self.assertEqual([item["line"] for item in read["forms"]], [2, 4, 6], "each row keeps the line it starts on")

    def test_nfd_reads_as_nfc(self):
        text = unicodedata.normalize("NFD", "serial,unit,respondentGroup,Q1,Q2,Q3,demo:gioiTinh\nKS-1,SNV,citizens,A,,,Nữ\n")
        self.assertEqual(self.read(text)["forms"][0]["demographics"], {"gioiTinh": "Nữ"})

    def test_refusals_name_their_line(self):
        cases = {
            "serial,unit,respondentGroup,Q1,Q2,Q3,Q20\nKS-1,SNV,citizens,A,,,B\n": ("csv-column", 1),
            "serial,unit,Q1,Q2,Q3\nKS-1,SNV,A,,\n": ("csv-column", 1),
            "serial,unit,respondentGroup,Q1,Q2\nKS-1,SNV,citizens,A,\n": ("csv-column", 1),
            "serial,serial,unit,respondentGroup,Q1,Q2,Q3\n": ("csv-column", 1),
            "serial,unit,respondentGroup,Q1,Q2,Q3\nKS-1,SNV,citizens,A,,\nKS-2,SNV,citizens,A,,,,\n": ("csv-fields", 3),
            'serial,unit,respondentGroup,Q1,Q2,Q3\nKS-1,SNV,citizens,"A,,\n': ("csv-quote", 2),
            'serial,unit,respondentGroup,Q1,Q2,Q3\nKS-1,SNV,cit"izens,A,,\n': ("csv-quote", 2),
            "serial,unit,respondentGroup,Q1,Q2,Q3\n": ("csv-empty", None),
            "\ufeff": ("csv-empty", None),
        }
        for text, (code, line) in cases.items():
            with self.subTest(text=text):
                answer = self.read(text)
                self.assertIn("error", answer, f"refused: {text!r}")
                self.assertEqual((answer["error"]["name"], answer["error"]["code"], answer["error"]["line"]), ("Error", code, line))


@unittest.skipUnless(NODE, "node is not installed")
class ComparingTest(unittest.TestCase):
    def compare(self, first, second, demo=()):
        return node("return k.comparePasses(first, second, questions, demo);",
                    first=first, second=second, questions=QUESTIONS, demo=list(demo))

    def test_every_difference_is_reported(self):
        first = [form("KS-1", {"Q1": "A", "Q3": "B"}, {"gioiTinh": "Nữ"}), form("KS-2", {"Q1": "C"}),
                 form("KS-3", {"Q1": "D"}), form("KS-5", {"Q1": "A"})]
        second = [form("KS-2", {"Q1": "C", "Q3": "A"}), form("KS-1", {"Q1": "A", "Q3": "E"}, {"gioiTinh": "Nam"}),
                  form("KS-4", {"Q1": "B"}), form("KS-5", {"Q1": "A"}, unit="STP"), form("KS-4", {"Q1": "B"})]
        report = self.compare(first, second, ["gioiTinh"])
        self.assertEqual(report["differences"], [
            {"serial": "KS-1", "field": "Q3", "first": "B", "second": "E"},
            {"serial": "KS-1", "field": "demo:gioiTinh", "first": "Nữ", "second": "Nam"},
            {"serial": "KS-2", "field": "Q3", "first": "", "second": "A"},
            {"serial": "KS-5", "field": "unit", "first": "SNV", "second": "STP"},
        ])
        self.assertEqual(report["onlyFirst"], ["KS-3"])
        self.assertEqual(report["onlySecond"], ["KS-4"])
        self.assertEqual(report["repeated"], [{"serial": "KS-4", "pass": 2}])
        self.assertEqual(report["count"], 7)

    def test_the_same_forms_agree(self):
        first = [form("KS-1", {"Q1": "a", "Q3": "B"}, {"gioiTinh": "Nữ"}), form("KS-2")]
        second = [form("KS-2", {}, {"gioiTinh": " "}),
                  form("KS-1", {"Q1": "A", "Q3": " B"}, {"gioiTinh": unicodedata.normalize("NFD", "Nữ ")})]
        report = self.compare(first, second, ["gioiTinh"])
        self.assertEqual((report["count"], report["differences"], report["onlyFirst"], report["onlySecond"]), (0, [], [], []))

    def test_a_demographic_column_of_one_pass_only_is_compared(self):
        report = self.compare([form("KS-1", {}, {"doTuoi": "31-45"})], [form("KS-1")])
        self.assertEqual(report["differences"], [{"serial": "KS-1", "field": "demo:doTuoi", "first": "31-45", "second": ""}])

    def test_a_first_pass_file_against_this_pass(self):
        """What the screen does: the first clerk's downloaded CSV, read back, against the second clerk's forms."""
        first = [form("KS-1", {"Q1": "A", "Q3": "E"}, {"gioiTinh": "Nữ"}), form("KS-2", {"Q1": "B", "Q3": "A"})]
        second = [form("KS-1", {"Q1": "A", "Q3": "E"}, {"gioiTinh": "Nữ"}), form("KS-2", {"Q1": "B", "Q3": "B"})]
        report = node("""const file = k.writeCsv(first, questions, ['gioiTinh']);
                         const read = k.formsFromCsv(file, questions);
                         return k.comparePasses(read.forms, k.keyedForms(second), questions, read.demoColumns);""",
                      first=first, second=second, questions=QUESTIONS)
        self.assertEqual(report["differences"], [{"serial": "KS-2", "field": "Q3", "first": "A", "second": "B"}])
        self.assertEqual(report["count"], 1)


@unittest.skipUnless(NODE, "node is not installed")
class StackTest(unittest.TestCase):
    def test_sheet_draft_progress_and_keys(self):
        sheet = {"header": ["STT", "serial", "unit", "respondentGroup", "Q1", "Q2", "Q3"],
                 "rows": [["1", "2023-SNV-CIT-001", "SNV", "citizens", "", "", ""],
                          ["2", "2023-SNV-CIT-002", "SNV", "citizens", "", "", ""],
                          ["3", "2023-SNV-CIT-003", "SNV", "citizens", "", "", ""]],
                 "options": ["A", "B", "C", "D", "E"]}
        answer = node("""
          const stack = k.formsFromSheet(sheet);
          const kept = [{ ...stack[1], answers: { Q1: 'B' } }, { ...stack[0], saved: true }, k.blankForm({ serial: 'KS-9', unit: 'SNV', respondentGroup: 'citizens' })];
          const merged = k.mergeStack(kept, stack);
          return {
            stack: stack.map((item) => [item.serial, item.unit, item.respondentGroup, item.sheet]),
            merged: merged.map((item) => item.serial),
            keyed: k.keyedForms(merged).map((item) => [item.stt, item.serial]),
            progress: k.progress(merged, 3),
            recorded: k.progress([{ ...merged[0], recorded: true }, merged[1]], 0),
            keys: ['a', 'E', '2', '6', 'x', 'Enter', 'Backspace'].map((key) => k.optionForKey(key, options)),
            draft: k.draftKey({ ledger: 'L', template: 'department-2023', version: 1, unit: 'SNV', pass: 2 }),
            allUnits: k.draftKey({ ledger: 'L', template: 'department-2023', version: 1, unit: '', pass: 1 }),
            asked: [k.asked(questions[1], 'citizens'), k.asked(questions[1], 'unit-leaders')],
            serials: [k.serialProblem('KS 1', merged, 2), k.serialProblem('2023-SNV-CIT-002', merged, 2), k.serialProblem('KS-9', merged, 2)],
            demo: [k.demoNameProblem(' ', []), k.demoNameProblem('gioiTinh', ['gioiTinh']), k.demoNameProblem('doTuoi', ['gioiTinh'])],
          };""", sheet=sheet, options=OPTIONS, questions=QUESTIONS)
        self.assertEqual(answer["stack"], [["2023-SNV-CIT-001", "SNV", "citizens", True], ["2023-SNV-CIT-002", "SNV", "citizens", True],
                                           ["2023-SNV-CIT-003", "SNV", "citizens", True]])
        self.assertEqual(answer["merged"], ["2023-SNV-CIT-002", "2023-SNV-CIT-001", "KS-9", "2023-SNV-CIT-003"],
                         "the draft keeps its order; sheet forms it lacks come after it")
        self.assertEqual(answer["keyed"], [[1, "2023-SNV-CIT-002"], [2, "2023-SNV-CIT-001"]],
                         "a form is keyed once it has an answer or was saved; an untouched one is not in the batch")
        self.assertEqual(answer["progress"], {"position": 4, "total": 4, "keyed": 2, "recorded": 0})
        self.assertEqual(answer["recorded"], {"position": 1, "total": 2, "keyed": 1, "recorded": 1})
        self.assertEqual(answer["keys"], ["A", "E", "B", None, None, None, None])
        self.assertEqual(answer["draft"], "parledger.survey.draft/L/department-2023@1/SNV/pass2")
        self.assertEqual(answer["allUnits"], "parledger.survey.draft/L/department-2023@1/*/pass1")
        self.assertEqual(answer["asked"], [False, True])
        self.assertEqual(answer["serials"], ["serial", "serial-taken", ""])
        self.assertEqual(answer["demo"], ["demo-name", "demo-name-taken", ""])

    def test_refused_rows_name_their_forms(self):
        detail = ("2 bad rows, nothing was recorded:\n"
                  "line 2: serial 2023-SNV-CIT-001 is already used in this campaign\n"
                  "line 4: question Q1: F is not an option (A, B, C, D, E)")
        rows = node("return k.refusedRows(detail, forms);", detail=detail,
                    forms=[form("2023-SNV-CIT-001"), form("2023-SNV-CIT-002"), form("KS-9")])
        self.assertEqual(rows, [
            {"line": 2, "index": 0, "serial": "2023-SNV-CIT-001", "reason": "serial 2023-SNV-CIT-001 is already used in this campaign"},
            {"line": 4, "index": 2, "serial": "KS-9", "reason": "question Q1: F is not an option (A, B, C, D, E)"},
        ])
        self.assertEqual(node("return k.refusedRows('the header has no respondentGroup column', []);"), [])
        self.assertEqual(node("return k.refusedRows('line 1: column Q20 is neither a question of template t nor demo:NAME', []);"),
                         [{"line": 1, "index": None, "serial": None, "reason": "column Q20 is neither a question of template t nor demo:NAME"}])


if __name__ == "__main__":
    unittest.main()
