#!/usr/bin/env python3
"""Extraction quality benchmark: `lucid batch` on both corpora in
../shared/corpus, scored with ../shared/bench, printed beside the peers.

    bench/quality.py [--lucid PATH] [--out FILE] [--per-page]

Writes target/quality.json (or FILE) with every number printed, and leaves
target/aeb-dev.jsonl for bench/aeb_diff.py.
"""
import argparse, json, os, subprocess, sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.path.normpath(os.path.join(ROOT, "..", "shared"))
AEB = os.path.join(SHARED, "corpus", "aeb-dev")
RDB = os.path.join(SHARED, "corpus", "readability-dev")
TARGET = os.path.join(ROOT, "target")
FIELDS = ("title", "byline", "published", "site_name")


SIGNALS = ["class-hints", "link-density", "commas", "br-runs", "chunks", "teasers", "boilerplate",
           "tail-trim", "captions", "lead-meta", "json-ld"]


def batch(lucid, folder, out, force=True, disable=()):
    cmd = [lucid, "batch", folder, "--out", out] + (["--force"] if force else [])
    for d in disable:
        cmd += ["--disable", d]
    subprocess.run(cmd, check=True, stderr=subprocess.DEVNULL)
    with open(out, encoding="utf8") as f:
        return [json.loads(line) for line in f]


def score(script, *args):
    out = subprocess.run([sys.executable, os.path.join(SHARED, "bench", script), *args, "--json"],
                         check=True, capture_output=True, text=True).stdout
    lines = out.strip().splitlines()
    return "\n".join(lines[:-1]), json.loads(lines[-1])


def run(lucid, per_page=False, disable=()):
    os.makedirs(TARGET, exist_ok=True)
    extra = ["--per-page"] if per_page else []

    rows = batch(lucid, os.path.join(AEB, "html"), os.path.join(TARGET, "aeb-dev.jsonl"), disable=disable)
    aeb_pred = os.path.join(TARGET, "aeb-dev-pred.json")
    with open(aeb_pred, "w", encoding="utf8") as f:
        json.dump({r["id"]: {"articleBody": r.get("text", "")} for r in rows}, f)
    text, aeb = score("aeb_score.py", os.path.join(AEB, "ground-truth.json"), aeb_pred, *extra)
    if per_page:
        print(text)
    aeb["errors"] = sum(1 for r in rows if "error" in r)
    with open(os.path.join(AEB, "peers-f1.json"), encoding="utf8") as f:
        peers = json.load(f)

    rows = batch(lucid, RDB, os.path.join(TARGET, "readability-dev.jsonl"), disable=disable)
    pred = {}
    for r in rows:
        if r["file"].endswith("source.html"):
            folder = r["file"].split("/")[0]
            pred[folder] = {k: r.get(k) for k in ("text", "title", "authors", "published", "site_name", "lang", "excerpt")}
            pred[folder]["text"] = pred[folder]["text"] or ""
    rdb_pred = os.path.join(TARGET, "readability-dev-pred.json")
    with open(rdb_pred, "w", encoding="utf8") as f:
        json.dump(pred, f)
    text, rdb = score("readability_score.py", RDB, rdb_pred, *extra)
    if per_page:
        print(text)

    # "Is this an article?": without --force, a page we call non-article errors.
    rows = batch(lucid, RDB, os.path.join(TARGET, "readability-dev-strict.jsonl"), force=False, disable=disable)
    agree = total = 0
    misses = []
    for r in rows:
        if not r["file"].endswith("source.html"):
            continue
        folder = r["file"].split("/")[0]
        with open(os.path.join(RDB, folder, "expected-metadata.json"), encoding="utf8") as f:
            want = json.load(f).get("readerable")
        if want is None:
            continue
        got = "no article" not in (r.get("error") or "")
        total += 1
        agree += got == want
        if got != want:
            misses.append(folder)
    readerable = {"right": agree, "of": total, "misses": misses}
    return {"aeb": aeb, "aeb_peers": peers, "readability": rdb, "readerable": readerable}


def report(res):
    aeb, peers, rdb = res["aeb"], res["aeb_peers"], res["readability"]
    print(f"AEB dev ({aeb['pages']} pages), article-body F1 (P / R):")
    rows = [("Lucid Reader (this build)", aeb["f1"])] + [(k, v) for k, v in peers.items()
                                                         if k in ("rs_trafilatura", "trafilatura", "readability_js")]
    for name, f1 in sorted(rows, key=lambda kv: -kv[1]):
        extra = f"   (P {aeb['precision']:.4f} / R {aeb['recall']:.4f})" if name.startswith("Lucid") else ""
        print(f"  {name:28s} {f1:.4f}{extra}")
    print(f"Readability dev ({rdb['pages']} pages): content F1 {rdb['f1']:.4f} "
          f"(P {rdb['precision']:.4f} / R {rdb['recall']:.4f})")
    for field in FIELDS + ("lang", "excerpt"):
        c = rdb["fields"][field]
        print(f"  {field:10s} {c['right']:3d}/{c['of']:<3d} {100 * c['right'] / max(1, c['of']):5.1f} %")
    r = res["readerable"]
    print(f"  readerable {r['right']:3d}/{r['of']:<3d} {100 * r['right'] / max(1, r['of']):5.1f} %"
          + (f"   (misses: {', '.join(r['misses'])})" if r["misses"] else ""))


def summary(res):
    f = res["readability"]["fields"]
    meta = sum(f[k]["right"] for k in FIELDS) / max(1, sum(f[k]["of"] for k in FIELDS))
    return res["aeb"]["f1"], res["readability"]["f1"], meta


def ablation(lucid, full):
    """Each signal switched off in turn: what it is worth on each measure."""
    base = summary(full)
    print("\nAblation: each signal switched off (change from the full build)")
    print(f"  {'signal':14s} {'AEB F1':>14s} {'Readab. F1':>14s} {'metadata':>14s}")
    out = {}
    for sig in SIGNALS:
        got = summary(run(lucid, disable=[sig]))
        out[sig] = {"aeb_f1": got[0], "readability_f1": got[1], "metadata": got[2]}
        cells = "".join(f" {g:8.4f} ({g - b:+.4f})" for g, b in zip(got, base))
        print(f"  {sig:14s}{cells}")
    run(lucid)  # leave target/*.jsonl from the full build
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--lucid", default=os.path.join(TARGET, "release", "lucid"))
    ap.add_argument("--out", default=os.path.join(TARGET, "quality.json"))
    ap.add_argument("--per-page", action="store_true")
    ap.add_argument("--ablation", action="store_true", help="also measure each signal switched off")
    args = ap.parse_args()
    res = run(args.lucid, args.per_page)
    report(res)
    if args.ablation:
        res["ablation"] = ablation(args.lucid, res)
    
    with open(args.out, "w", encoding="utf8") as f:
        json.dump(res, f, indent=1)
    print(f"written {os.path.relpath(args.out, ROOT)}")


if __name__ == "__main__":
    main()
