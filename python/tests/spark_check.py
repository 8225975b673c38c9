"""lucid_reader inside PySpark (local mode, every core): the way crawl data
is processed at scale, with no scheduler of ours.

1. WARC files in: their paths are parallelised, each task reads its files
   record by record (lucid_reader.read_warc) and extracts each page
   (lucid_reader.extract) — as cc-pyspark does with warcio.
2. HTML already in a DataFrame column: a Python UDF.

Both are compared with `lucid batch` on the same WARC files: the same pages,
the same titles and texts. Run by tests/python.sh; needs Java 17+ (Debian's
openjdk-17) and pyspark (PyPI, pinned there)."""
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")

from pyspark.sql import SparkSession, functions as F, types as T  # noqa: E402

import lucid_reader  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
LUCID = ROOT / "target" / "release" / "lucid"
CORPUS = ROOT.parent / "shared" / "corpus" / "aeb-dev" / "html"
DAY = "2026-12-04"


def extract_warc(path):
    """Every page of one WARC file: (id, url, title, text, error)."""
    for page in lucid_reader.read_warc(path):
        try:
            a = lucid_reader.extract(page["html"], page["url"], accessed=DAY)
            yield (page["id"], page["url"], a["title"], a["text"], None)
        except lucid_reader.ExtractionError as e:
            yield (page["id"], page["url"], None, None, str(e))


ARTICLE = T.StructType([T.StructField("title", T.StringType()), T.StructField("text", T.StringType()), T.StructField("error", T.StringType())])


@F.udf(returnType=ARTICLE)
def article(html, url):
    try:
        a = lucid_reader.extract(html, url, accessed=DAY)
        return (a["title"], a["text"], None)
    except lucid_reader.ExtractionError as e:
        return (None, None, str(e))


def main():
    source = CORPUS if CORPUS.is_dir() else ROOT / "tests" / "fixtures" / "energy-daily"
    with tempfile.TemporaryDirectory() as tmp:
        warcs = [os.path.join(tmp, f"part-{i}.warc.gz") for i in range(2)]
        for i, w in enumerate(warcs):
            subprocess.run([sys.executable, ROOT / "tools" / "make_warc.py", w, source, "--records", str(60 + 10 * i)], check=True, capture_output=True)
        out = os.path.join(tmp, "batch.jsonl")
        subprocess.run([LUCID, "batch", *warcs, "--out", out, "--accessed", DAY], check=True, capture_output=True)
        want = {}
        with open(out, encoding="utf-8") as f:
            for line in f:
                r = json.loads(line)
                want[(r["file"], r["id"])] = (r.get("title"), r.get("text"), r.get("error"))

        spark = (
            SparkSession.builder.master("local[*]")
            .appName("lucid-reader-check")
            .config("spark.ui.enabled", "false")
            .config("spark.ui.showConsoleProgress", "false")
            .config("spark.driver.bindAddress", "127.0.0.1")
            .getOrCreate()
        )
        spark.sparkContext.setLogLevel("ERROR")
        try:
            # 1. WARC paths in, one task per file.
            rows = spark.sparkContext.parallelize(warcs, len(warcs)).flatMap(lambda p: ((p,) + r for r in extract_warc(p))).collect()
            got = {(p, i): (title, text, err) for p, i, _url, title, text, err in rows}
            assert len(got) == len(want) == 130, (len(got), len(want))
            for key, (title, text, err) in want.items():
                g = got[key]
                assert g[0] == title and g[1] == text, f"{key}: {g[0]!r} != {title!r}"
                assert (g[2] is None) == (err is None), f"{key}: {g[2]!r} vs {err!r}"
            # 2. HTML in a DataFrame column, through a UDF.
            pages = [(warcs[0], p["id"], p["url"], p["html"]) for p in lucid_reader.read_warc(warcs[0])][:20]
            df = spark.createDataFrame(pages, ["file", "id", "url", "html"])
            for r in df.select("file", "id", article("html", "url").alias("a")).collect():
                title, text, _err = want[(r["file"], r["id"])]
                assert r["a"]["title"] == title and r["a"]["text"] == text, r["id"]
            ok = sum(1 for v in want.values() if v[2] is None)
            print(f"spark_check: {len(got)} WARC pages through PySpark ({ok} articles) and 20 through a UDF: the same as lucid batch")
        finally:
            spark.stop()


if __name__ == "__main__":
    main()
