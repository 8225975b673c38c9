#!/usr/bin/env python3
"""Extraction quality benchmark: runs `lucid batch` on both corpora in
../shared/corpus and prints our scores beside the peers'.

    bench/quality.py [--lucid PATH] [--out FILE] [--per-page]

Writes target/quality.json (or FILE) with every number printed.
"""
import argparse, json, os, subprocess, sys, tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.path.normpath(os.path.join(ROOT, "..", "shared"))
AEB = os.path.join(SHARED, "corpus", "aeb-dev")
RDB = os.path.join(SHARED, "corpus", "readability-dev")


def batch(lucid, folder, out):
    subprocess.run([lucid, "batch", folder, "--out", out, "--force"], check=True, stderr=subprocess.DEVNULL)
    with open(out, encoding="utf8") as f:
        return [json.loads(l) for l in f]


def score(script, *args):
    out = subprocess.run([sys.executable, os.path.join(SHARED, "bench", script), *args, "--json"],
                         check=True, capture_output=True, text=True).stdout
    return out, json.loads(out.strip().splitlines()[-1])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--lucid", default=os.path.join(ROOT, "target", "release", "lucid"))
    ap.add_argument("--out", default=os.path.join(ROOT, "target", "quality.json"))
    ap.add_argument("--per-page", action="store_true")
    args = ap.parse_args()
    tmp = tempfile.mkdtemp(prefix="lucid-quality-")

    rows = batch(args.lucid, os.path.join(AEB, "html"), os.path.join(tmp, "aeb.jsonl"))
    pred = {r["id"]: {"articleBody": r.get("text", "")} for r in rows}
    aeb_pred = os.path.join(tmp, "aeb-pred.json")
    json.dump(pred, open(aeb_pred, "w"))
    extra = ["--per-page"] if args.per_page else []
    text, aeb = score("aeb_score.py", os.path.join(AEB, "ground-truth.json"), aeb_pred, *extra)
    if args.per_page:
        print(text)
    peers = json.load(open(os.path.join(AEB, "peers-f1.json")))

    # Readability corpus: the URL of each page is in expected-metadata? No: pass none.
    rows = batch(args.lucid, RDB, os.path.join(tmp, "rdb.jsonl"))
    pred = {}
    for r in rows:
        folder = r["file"].split("/")[0]
        if not r["file"].endswith("source.html"):
            continue
        pred[folder] = {k: r.get(k) for k in ("text", "title", "authors", "published", "site_name", "lang", "excerpt")}
        pred[folder]["text"] = pred[folder]["text"] or ""
    rdb_pred = os.path.join(tmp, "rdb-pred.json")
    json.dump(pred, open(rdb_pred, "w"))
    text, rdb = score("readability_score.py", RDB, rdb_pred, *extra)
    if args.per_page:
        print(text)

    print(f"AEB dev ({aeb['pages']} pages) article-body F1: lucid {aeb['f1']:.4f}  "
          f"(P {aeb['precision']:.4f} R {aeb['recall']:.4f})")
    for name in ("rs_trafilatura", "trafilatura", "readability_js"):
        print(f"    {name:16s} {peers[name]:.4f}")
    print(f"Readability dev: {json.dumps(rdb)}")
    json.dump({"aeb": aeb, "aeb_peers": peers, "readability": rdb}, open(args.out, "w"), indent=1)
    print(f"written {os.path.relpath(args.out, ROOT)}")


if __name__ == "__main__":
    main()
