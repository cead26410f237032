#!/usr/bin/env python3
"""The documents of `parledger report`, read by the software people open them with.

On the demo ledger (`parledger demo`): every kind in every format is written by the CLI binary;
openpyxl (PyPI) reads each XLSX and finds numeric cells with number formats and intact
Vietnamese; poppler's pdftotext and pdffonts (Debian's poppler-utils) find the text and the
embedded serif font in each PDF; the CSV starts with a byte-order mark and the seal row, and has a
header for every column and no trailing comma; `report verify` accepts each untouched document and
refuses one with a changed figure (an HTML edited by hand, a CSV edited, an XLSX changed in
openpyxl, a PDF printed from a changed page). The same documents are fetched over HTTP from
`parledger serve`, where the read policy applies.

Usage: tools/documents_test.py [PATH_TO_PARLEDGER]   (default .build/debug/parledger)
"""
import csv
import io
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import unittest
import urllib.error
import urllib.request
import zipfile

# These scripts stand in for a demonstration: the demo's key files and the keys made here are
# unprotected (no passphrase), which parledger refuses unless told so.
os.environ.setdefault("PARLEDGER_UNPROTECTED", "1")

import openpyxl

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PARLEDGER = os.path.abspath(
    os.environ.get("PARLEDGER_BINARY") or (sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, ".build/debug/parledger"))
)
KINDS = ["results", "scorecard", "differences", "disputes", "survey", "minutes"]
UNIT = "SNV"


def run(*arguments, expect=0):
    result = subprocess.run([PARLEDGER, *arguments], capture_output=True, text=True, timeout=300)
    if expect is not None and result.returncode != expect:
        raise AssertionError(
            f"parledger {' '.join(arguments)} exited {result.returncode}, expected {expect}\n"
            f"stdout: {result.stdout}\nstderr: {result.stderr}"
        )
    return result


DEMO = {}


def demo_ledger():
    """One demo ledger for every test of this file (making it takes a while in a debug build)."""
    if "store" not in DEMO:
        DEMO["folder"] = tempfile.mkdtemp(prefix="parledger-documents-demo-")
        run("demo", "--dir", os.path.join(DEMO["folder"], "demo"))
        DEMO["store"] = os.path.join(DEMO["folder"], "demo", "ledger.sqlite")
    return DEMO["store"]


class Documents(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.folder = tempfile.mkdtemp(prefix="parledger-documents-")
        cls.store = demo_ledger()
        cls.files = {}
        # Every kind as HTML and XLSX; every format of the results; PDF and CSV of a few more
        # (each command folds the demo ledger: the whole matrix would take minutes).
        wanted = [(kind, extension) for kind in KINDS for extension in ["html", "xlsx"]]
        wanted += [("results", "pdf"), ("results", "csv"), ("scorecard", "pdf"), ("minutes", "pdf"), ("differences", "csv")]
        for kind, extension in wanted:
            path = os.path.join(cls.folder, f"{kind}.{extension}")
            extra = ["--unit", UNIT] if kind == "scorecard" else []
            run("report", kind, "--store", cls.store, "--out", path, *extra)
            cls.files[(kind, extension)] = path

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.folder, ignore_errors=True)

    def verify(self, path, expect):
        return run("report", "verify", "--store", self.store, path, expect=expect)

    def test_every_untouched_document_verifies(self):
        for (kind, extension), path in self.files.items():
            with self.subTest(kind=kind, format=extension):
                result = self.verify(path, 0)
                self.assertIn("khớp", result.stdout)

    def test_xlsx_holds_numbers_with_formats_and_intact_vietnamese(self):
        book = openpyxl.load_workbook(self.files[("results", "xlsx")])
        sheet = book.worksheets[0]
        numbers = [cell for row in sheet.iter_rows() for cell in row if isinstance(cell.value, (int, float))]
        self.assertGreater(len(numbers), 100, "the results table's figures are numbers")
        formats = {cell.number_format for cell in numbers}
        self.assertIn("#,##0.00", formats)
        texts = [cell.value for row in sheet.iter_rows() for cell in row if isinstance(cell.value, str)]
        joined = "\n".join(texts)
        for expected in ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "KẾT QUẢ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH",
                         "Điểm thẩm định", "Điểm điều tra XHH", "Sở, ban, ngành tỉnh", "Nơi nhận", "parledger-report/1;"]:
            self.assertIn(expected, joined)
        self.assertNotIn("TĐG", [cell for cell in texts if len(cell) <= 4], "no column is labelled TĐG alone")
        self.assertEqual(sheet.page_setup.orientation, "landscape")
        self.assertEqual(str(sheet.page_setup.paperSize), "9")
        with zipfile.ZipFile(self.files[("results", "xlsx")]) as package:
            self.assertTrue([name for name in package.namelist() if name.startswith("xl/media/") and name.endswith(".png")],
                            "the sheet carries the seal's QR code")

    def test_pdf_text_and_embedded_serif_font(self):
        for kind in ["results", "scorecard", "minutes"]:
            with self.subTest(kind=kind):
                path = self.files[(kind, "pdf")]
                text = subprocess.run(["pdftotext", "-enc", "UTF-8", path, "-"], capture_output=True, text=True, check=True).stdout
                self.assertIn("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", text)
                self.assertIn("parledger-report/1;", text)
                fonts = subprocess.run(["pdffonts", path], capture_output=True, text=True, check=True).stdout
                rows = [line.split() for line in fonts.splitlines()[2:] if line.strip()]
                self.assertTrue(rows, "the PDF names its fonts")
                serif = [row for row in rows if "Serif" in row[0]]
                self.assertTrue(serif, f"a serif font is used: {fonts}")
                for row in rows:
                    self.assertEqual(row[-5], "yes", f"font {row[0]} is embedded: {fonts}")
                size = subprocess.run(["pdfinfo", path], capture_output=True, text=True, check=True).stdout
                self.assertRegex(size, r"Page size:\s+841\.\d+ x 59\d\.\d+ pts \(A4\)", "A4 landscape")
        results = subprocess.run(["pdftotext", "-enc", "UTF-8", self.files[("results", "pdf")], "-"],
                                 capture_output=True, text=True, check=True).stdout
        self.assertRegex(results, r"\b\d{1,3},\d{2}\b", "figures have a decimal comma")
        self.assertRegex(results, r"ngày \d{2} tháng \d{1,2} năm \d{4}", "the date line of Decree 30")

    def test_csv_is_a_data_file_excel_reads(self):
        with open(self.files[("results", "csv")], "rb") as handle:
            data = handle.read()
        self.assertTrue(data.startswith(b"\xef\xbb\xbf"), "UTF-8 byte-order mark")
        rows = list(csv.reader(io.StringIO(data[3:].decode("utf-8"), newline="")))
        self.assertTrue(rows[0][0].startswith("parledger-report/1;kind=results;"), "the seal row comes first")
        self.assertEqual(len(rows[0]), 1, "published results carry no provisional notice")
        header = rows[1]
        self.assertTrue(all(header), "a header for every column")
        for row in rows[2:]:
            self.assertEqual(len(row), len(header), f"every row as wide as the header: {row}")
            self.assertNotEqual(row[-1], "", "no trailing comma")
        self.assertIn(b"\r\n", data)
        totals = [row[header.index("Tổng điểm")] for row in rows[2:]]
        self.assertTrue(all(re.fullmatch(r"\d+\.\d{2}", value) for value in totals), totals[:3])

    def test_html_is_a_printable_page_without_script(self):
        with open(self.files[("scorecard", "html")], encoding="utf-8") as handle:
            page = handle.read()
        self.assertNotIn("<script", page)
        self.assertIn("@page", page)
        self.assertIn("<svg", page, "the seal's QR code")
        for expected in ["PHIẾU ĐIỂM", "Điểm tự đánh giá", "Điểm thẩm định", "Tài liệu kiểm chứng", "Nơi nhận"]:
            self.assertIn(expected, page)
        self.assertNotRegex(page, r"<td class=\"num\">\d+\.\d+</td>", "figures have a decimal comma")

    def test_english_is_a_switch_not_a_mix(self):
        path = os.path.join(self.folder, "results-en.html")
        run("report", "results", "--store", self.store, "--out", path, "--lang", "en")
        with open(path, encoding="utf-8") as handle:
            page = handle.read()
        self.assertIn("PAR INDEX RESULTS", page)
        self.assertNotIn("Điểm thẩm định", page)
        self.verify(path, 0)

    def test_a_changed_html_figure_is_refused(self):
        with open(self.files[("results", "html")], encoding="utf-8") as handle:
            page = handle.read()
        figures = re.findall(r"<td class=\"num\">(\d+,\d{2})</td>", page)
        self.assertTrue(figures)
        original = figures[3]
        changed = original[:-1] + ("1" if original[-1] != "1" else "2")
        path = os.path.join(self.folder, "changed.html")
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(page.replace(f"<td class=\"num\">{original}</td>", f"<td class=\"num\">{changed}</td>", 1))
        result = self.verify(path, 1)
        self.assertIn(changed, result.stdout)
        self.assertIn(original, result.stdout)

    def test_a_changed_csv_figure_is_refused(self):
        with open(self.files[("differences", "csv")], "rb") as handle:
            data = handle.read().decode("utf-8-sig")
        rows = list(csv.reader(io.StringIO(data, newline="")))
        rows[2][2] = "0.00" if rows[2][2] != "0.00" else "1.00"
        path = os.path.join(self.folder, "changed.csv")
        with open(path, "w", encoding="utf-8-sig", newline="") as handle:
            csv.writer(handle, lineterminator="\r\n").writerows(rows)
        self.verify(path, 1)

    def test_an_xlsx_changed_in_a_spreadsheet_program_is_refused(self):
        book = openpyxl.load_workbook(self.files[("results", "xlsx")])
        sheet = book.worksheets[0]
        target = next(cell for row in sheet.iter_rows() for cell in row if isinstance(cell.value, float))
        target.value = target.value + 0.01
        path = os.path.join(self.folder, "changed.xlsx")
        book.save(path)
        result = self.verify(path, 1)
        self.assertIn(target.coordinate, result.stdout)
        untouched = os.path.join(self.folder, "resaved.xlsx")
        openpyxl.load_workbook(self.files[("results", "xlsx")]).save(untouched)
        self.verify(untouched, 0)

    def test_a_pdf_printed_from_a_changed_page_is_refused(self):
        with open(self.files[("results", "html")], encoding="utf-8") as handle:
            page = handle.read()
        original = re.findall(r"<td class=\"num\">(\d+,\d{2})</td>", page)[5]
        changed = "99,99" if original != "99,99" else "98,98"
        html = os.path.join(self.folder, "forged.html")
        with open(html, "w", encoding="utf-8") as handle:
            handle.write(page.replace(f"<td class=\"num\">{original}</td>", f"<td class=\"num\">{changed}</td>", 1))
        pdf = os.path.join(self.folder, "forged.pdf")
        browser = shutil.which("chromium") or shutil.which("chromium-browser")
        subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                        f"--user-data-dir={self.folder}/profile", f"--print-to-pdf={pdf}", f"file://{html}"],
                       capture_output=True, check=True, timeout=120)
        self.verify(pdf, 1)

    def test_a_document_from_another_prefix_or_ledger_is_named_as_such(self):
        path = os.path.join(self.folder, "early.csv")
        run("report", "results", "--store", self.store, "--out", path, "--as-of", "20/11/2023")
        self.verify(path, 0)
        with open(path, "rb") as handle:
            data = handle.read()
        seal_row = next(csv.reader(io.StringIO(data[3:].decode("utf-8"), newline="")))
        self.assertEqual(seal_row[1:], ["TẠM TÍNH — CHƯA CÔNG BỐ"], "a draft says so beside its seal")
        forged = re.sub(rb"size=(\d+);", lambda m: b"size=" + str(int(m.group(1)) - 1).encode() + b";", data, count=1)
        forged_path = os.path.join(self.folder, "forged-size.csv")
        with open(forged_path, "wb") as handle:
            handle.write(forged)
        result = self.verify(forged_path, 1)
        self.assertIn("gốc cây Merkle", result.stdout)

    def test_a_signed_document_names_its_signer(self):
        keys = os.path.join(os.path.dirname(self.store), "keys")
        authority = next(os.path.join(keys, name) for name in sorted(os.listdir(keys)) if "authority" in name or "ubnd" in name.lower())
        path = os.path.join(self.folder, "signed.html")
        run("report", "results", "--store", self.store, "--out", path, "--sign-key", authority)
        result = self.verify(path, 0)
        self.assertIn("chữ ký hợp lệ", result.stdout)
        with open(path, encoding="utf-8") as handle:
            page = handle.read()
        forged = os.path.join(self.folder, "signed-forged.html")
        with open(forged, "w", encoding="utf-8") as handle:
            handle.write(re.sub(r"sig=([A-Za-z0-9+/])", lambda m: "sig=" + ("B" if m.group(1) != "B" else "C"), page))
        self.verify(forged, 1)

    def test_usage_errors_are_named(self):
        result = run("report", "scorecard", "--store", self.store, "--out", os.path.join(self.folder, "x.html"), expect=2)
        self.assertIn("--unit", result.stderr)
        result = run("report", "results", "--store", self.store, "--out", self.files[("results", "html")], expect=2)
        self.assertIn("never overwritten", result.stderr)
        result = run("report", "results", "--store", self.store, "--out", os.path.join(self.folder, "x.doc"), expect=2)
        self.assertIn("--format", result.stderr)
        result = run("report", "results", "--store", self.store, "--out", os.path.join(self.folder, "y.html"),
                     "--as-of", "31/02/2024", expect=2)
        self.assertIn("31/02/2024", result.stderr)
        letterhead = os.path.join(self.folder, "letterhead.json")
        with open(letterhead, "w", encoding="utf-8") as handle:
            handle.write('{"issuingBody": 12}')
        result = run("report", "results", "--store", self.store, "--out", os.path.join(self.folder, "z.html"),
                     "--letterhead", letterhead, expect=2)
        self.assertIn("is not a letterhead", result.stderr)
        junk = os.path.join(self.folder, "junk.html")
        with open(junk, "w") as handle:
            handle.write("<html>nothing</html>")
        result = run("report", "verify", "--store", self.store, junk, expect=2)
        self.assertIn("verification line", result.stderr)


class DocumentsOverHTTP(unittest.TestCase):
    """The same documents from `parledger serve`: the public gets the results only after
    publication (the demo ledger is published) and never the minutes."""

    @classmethod
    def setUpClass(cls):
        cls.folder = tempfile.mkdtemp(prefix="parledger-documents-http-")
        store = demo_ledger()
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            cls.port = probe.getsockname()[1]
        cls.server = subprocess.Popen(
            [PARLEDGER, "serve", "--store", store, "--port", str(cls.port)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        for _ in range(100):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{cls.port}/api/checkpoint", timeout=2)
                break
            except Exception:
                time.sleep(0.2)

    @classmethod
    def tearDownClass(cls):
        cls.server.terminate()
        cls.server.wait(timeout=20)
        shutil.rmtree(cls.folder, ignore_errors=True)

    def fetch(self, path):
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{self.port}{path}", timeout=120) as answer:
                return answer.status, dict(answer.headers), answer.read()
        except urllib.error.HTTPError as error:
            return error.code, dict(error.headers), error.read()

    def test_public_results_in_every_format(self):
        for extension, media in [("html", "text/html"), ("pdf", "application/pdf"),
                                 ("xlsx", "application/vnd.openxmlformats"), ("csv", "text/csv")]:
            with self.subTest(format=extension):
                status, headers, body = self.fetch(f"/api/reports/results?format={extension}")
                self.assertEqual(status, 200, body[:300])
                self.assertTrue(headers["Content-Type"].startswith(media))
                self.assertIn("filename=", headers.get("Content-Disposition", ""))
                self.assertGreater(len(body), 500)

    def test_withheld_and_unknown_are_named(self):
        status, _, body = self.fetch("/api/reports/minutes?format=html")
        self.assertEqual(status, 401)
        self.assertIn(b"withheld", body)
        status, _, body = self.fetch("/api/reports/nothing")
        self.assertEqual(status, 404)
        self.assertIn(b"report-unknown", body)
        status, _, body = self.fetch("/api/reports/results?format=doc")
        self.assertEqual(status, 400)
        self.assertIn(b"format", body)


if __name__ == "__main__":
    try:
        unittest.main(argv=[sys.argv[0]], verbosity=2)
    finally:
        shutil.rmtree(DEMO.get("folder", ""), ignore_errors=True) if DEMO else None
