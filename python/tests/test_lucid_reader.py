"""The Python package against the CLI: the same article, field for field, the
same WARC pages, and errors as exceptions with the CLI's messages.
Run by tests/python.sh (the wheel built by maturin, in a virtualenv)."""
import json
import os
import subprocess
import tempfile
import threading
import unittest
from pathlib import Path

import lucid_reader

ROOT = Path(__file__).resolve().parents[2]
LUCID = ROOT / "target" / "release" / "lucid"
FIXTURES = ROOT / "tests" / "fixtures"
DAY = "2026-12-04"


def cli_json(page, url):
    out = subprocess.run([LUCID, "extract", page, "--url", url, "--accessed", DAY], check=True, capture_output=True)
    return json.loads(out.stdout)


class Extract(unittest.TestCase):
    def test_the_same_article_as_the_cli(self):
        for name, url in [("energy-daily", "https://www.energy-daily.com/x.html"), ("wordpress-blog", "https://blog.example/a"), ("rtl-arabic", "")]:
            page = FIXTURES / name / "page.html"
            got = lucid_reader.extract(page.read_text(encoding="utf-8"), url, accessed=DAY)
            self.assertEqual(got, cli_json(page, url), name)
            for key in ["title", "authors", "published", "site_name", "lang", "text", "html", "markdown", "facts", "panel", "citation"]:
                self.assertIn(key, got)
            self.assertTrue(got["citation"]["bibtex"].startswith("@"))
            if name == "energy-daily":
                people = {e["text"]: e.get("role") for e in got["panel"]["people"]}
                self.assertEqual(people.get("Lloyd Austin"), "US Secretary of Defence")
                self.assertEqual(got["panel"]["places"][0]["text"], "Iraq")

    def test_bytes_are_decoded_as_a_browser_would(self):
        html = "<html><head><title>Café</title></head><body><article>" + "<p>Une phrase assez longue pour être un article, écrite en français. " * 8 + "</p></article></body></html>"
        latin1 = html.encode("latin-1")
        self.assertEqual(lucid_reader.extract(latin1, charset="iso-8859-1", force=True)["title"], "Café")
        meta = html.replace("<head>", '<head><meta charset="windows-1252">').encode("cp1252")
        self.assertEqual(lucid_reader.extract(meta, force=True)["title"], "Café")
        self.assertEqual(lucid_reader.extract(html.encode(), force=True)["title"], "Café")

    def test_errors_are_exceptions_with_the_cli_messages(self):
        with self.assertRaises(lucid_reader.ExtractionError) as e:
            lucid_reader.extract("   ")
        self.assertEqual(e.exception.code, "empty")
        self.assertEqual(str(e.exception), "the page is empty")
        not_article = (FIXTURES / "not-an-article" / "page.html").read_text(encoding="utf-8")
        with self.assertRaises(lucid_reader.ExtractionError) as e:
            lucid_reader.extract(not_article)
        self.assertEqual(e.exception.code, "not-an-article")
        self.assertIsInstance(e.exception, ValueError)
        self.assertTrue(lucid_reader.extract(not_article, force=True)["text"])
        with self.assertRaises(lucid_reader.ExtractionError) as e:
            lucid_reader.extract(b"\x00\x01\x02\x03")
        self.assertEqual(e.exception.code, "not-html")
        with self.assertRaises(TypeError):
            lucid_reader.extract(42)
        with self.assertRaises(lucid_reader.ExtractionError) as e:
            lucid_reader.extract("<p>x</p>", accessed="yesterday", force=True)
        self.assertEqual(e.exception.code, "bad-option")

    def test_threads_extract_side_by_side(self):
        # The GIL is released while the core works: threads each get their
        # own, correct, article.
        page = (FIXTURES / "energy-daily" / "page.html").read_text(encoding="utf-8")
        want = lucid_reader.extract(page, accessed=DAY)
        results = []
        threads = [threading.Thread(target=lambda: results.append(lucid_reader.extract(page, accessed=DAY))) for _ in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(results, [want] * 4)


class Warc(unittest.TestCase):
    def test_the_pages_lucid_batch_reads(self):
        with tempfile.TemporaryDirectory() as tmp:
            warc = os.path.join(tmp, "crawl.warc.gz")
            subprocess.run(["python3", ROOT / "tools" / "make_warc.py", warc, FIXTURES / "energy-daily", "--records", "12"], check=True, capture_output=True)
            pages = lucid_reader.read_warc(warc)
            got = [p for p in pages]
            self.assertEqual(len(got), 12)
            # A request per page, an image every tenth page, the warcinfo.
            self.assertEqual(pages.skipped, {"request record": 12, "image/png payload": 1, "warcinfo record": 1})
            out = os.path.join(tmp, "out.jsonl")
            subprocess.run([LUCID, "batch", warc, "--out", out, "--accessed", DAY], check=True, capture_output=True)
            with open(out, encoding="utf-8") as f:
                lines = [json.loads(l) for l in f]
            self.assertEqual([p["id"] for p in got], [l["id"] for l in lines])
            for page, line in zip(got, lines):
                art = lucid_reader.extract(page["html"], page["url"], accessed=DAY)
                self.assertEqual(page["url"], line["url"])
                for key in ["title", "text", "html", "citation", "facts"]:
                    self.assertEqual(art[key], line[key], key)

    def test_a_missing_or_broken_file_is_an_os_error(self):
        with self.assertRaises(OSError):
            lucid_reader.read_warc("/nonexistent/crawl.warc.gz")
        with tempfile.NamedTemporaryFile(suffix=".warc") as f:
            f.write(b"WARC/1.1\r\nContent-Length: 999\r\n\r\nshort")
            f.flush()
            with self.assertRaises(OSError) as e:
                list(lucid_reader.read_warc(f.name))
            self.assertIn("not a readable WARC record", str(e.exception))


if __name__ == "__main__":
    unittest.main()
