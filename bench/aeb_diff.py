#!/usr/bin/env python3
"""Show what lucid adds to (+) or misses from (-) the reference text of AEB pages.

    bench/aeb_diff.py ID_PREFIX [ID_PREFIX ...]    (after ./bench.sh quality)
"""
import json, os, re, sys
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GT = json.load(open(os.path.join(ROOT, "..", "shared", "corpus", "aeb-dev", "ground-truth.json")))
rows = {}
for line in open(os.path.join(ROOT, "target", "aeb-dev.jsonl"), encoding="utf8"):
    r = json.loads(line)
    rows[r["id"]] = r
W = re.compile(r"\w+")
def sh(t):
    w = W.findall(t)
    return {tuple(w[i:i + 4]) for i in range(max(1, len(w) - 3))}
for pre in sys.argv[1:]:
    for k, r in rows.items():
        if not k.startswith(pre):
            continue
        truth, got = GT[k]["articleBody"], r.get("text", "")
        ts, gs = sh(truth), sh(got)
        print(f"== {k[:12]} {GT[k].get('url','')}  error={r.get('error')}")
        for p in got.split("\n\n"):
            s = sh(p)
            if s and len(s & ts) / len(s) < 0.5:
                print("  +", p[:160].replace("\n", " / "))
        for p in truth.split("\n"):
            s = sh(p)
            if s and len(s & gs) / len(s) < 0.5:
                print("  -", p[:160])
