#!/usr/bin/env python3
"""Score `lucid batch` on the AEB dev corpus and fail below the floor.

    tests/aeb_regression.py [--lucid PATH] [--floor F1] [--out FILE]

Prints our F1 beside the peers' (peers-f1.json) and writes the scores to FILE
(default target/aeb-score.json).
"""
import argparse, json, os, subprocess, sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SHARED = os.path.join(ROOT, "..", "shared")
CORPUS = os.path.join(SHARED, "corpus", "aeb-dev")
FLOOR = 0.93  # measured 0.947 at first landing; raise it as quality improves


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--lucid", default=os.path.join(ROOT, "target", "release", "lucid"))
    ap.add_argument("--floor", type=float, default=FLOOR)
    ap.add_argument("--out", default=os.path.join(ROOT, "target", "aeb-score.json"))
    args = ap.parse_args()
    jsonl = os.path.join(ROOT, "target", "aeb-dev.jsonl")
    subprocess.run([args.lucid, "batch", os.path.join(CORPUS, "html"), "--out", jsonl, "--force"], check=True)
    pred = {}
    errors = 0
    with open(jsonl, encoding="utf8") as f:
        for line in f:
            row = json.loads(line)
            if "error" in row:
                errors += 1
            pred[row["id"]] = {"articleBody": row.get("text", "")}
    pred_path = os.path.join(ROOT, "target", "aeb-dev-pred.json")
    with open(pred_path, "w", encoding="utf8") as f:
        json.dump(pred, f)
    out = subprocess.run(
        [sys.executable, os.path.join(SHARED, "bench", "aeb_score.py"), os.path.join(CORPUS, "ground-truth.json"), pred_path, "--json"],
        check=True, capture_output=True, text=True,
    ).stdout
    score = json.loads(out.strip().splitlines()[-1])
    with open(os.path.join(CORPUS, "peers-f1.json"), encoding="utf8") as f:
        peers = json.load(f)
    rows = sorted(list(peers.items()) + [("lucid (this build)", score["f1"])], key=lambda kv: -kv[1])
    print(f"AEB dev ({score['pages']} pages): F1 {score['f1']:.4f}  P {score['precision']:.4f}  R {score['recall']:.4f}  errors {errors}")
    for name, f1 in rows[:12]:
        mark = "  <--" if name.startswith("lucid") else ""
        print(f"  {name:24s} {f1:.4f}{mark}")
    score["errors"] = errors
    score["floor"] = args.floor
    with open(args.out, "w", encoding="utf8") as f:
        json.dump({"lucid": score, "peers": peers}, f, indent=1)
    if score["f1"] < args.floor:
        print(f"FAIL: AEB dev F1 {score['f1']:.4f} is below the floor {args.floor}")
        sys.exit(1)
    print(f"ok: AEB dev F1 {score['f1']:.4f} >= floor {args.floor}")


if __name__ == "__main__":
    main()
