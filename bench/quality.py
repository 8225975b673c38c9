#!/usr/bin/env python3
"""Extraction quality benchmark: `lucid batch` on the three corpora in
../shared/corpus, scored with ../shared/bench, printed beside the peers
measured on the same pages.

    bench/quality.py [--lucid PATH] [--out FILE] [--per-page] [--halves] [--ablation]

  --per-page   every page that is not perfect, per corpus
  --halves     each corpus split in two fixed halves (tune / check): a rule
               is kept only if it helps both (docs/extraction.md)
  --ablation   each signal switched off in turn

Writes target/quality.json (or FILE) with every number printed, and leaves
target/{aeb-dev,readability-dev,trafilatura-dev}.jsonl for bench/aeb_diff.py.
"""
import argparse, json, os, re, subprocess, sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.path.normpath(os.path.join(ROOT, "..", "shared"))
AEB = os.path.join(SHARED, "corpus", "aeb-dev")
RDB = os.path.join(SHARED, "corpus", "readability-dev")
TRAF = os.path.join(SHARED, "corpus", "trafilatura-dev")
GATE = os.path.join(ROOT, "tests", "gate")
TARGET = os.path.join(ROOT, "target")
FIELDS = ("title", "byline", "published", "site_name")
sys.path.insert(0, os.path.join(SHARED, "bench"))
import aeb_score  # noqa: E402  (standard library only)
import readability_score  # noqa: E402

SIGNALS = ["class-hints", "link-density", "commas", "br-runs", "chunks", "teasers", "boilerplate", "tail-trim",
           "captions", "lead-meta", "json-ld", "lead", "ladder-anchor", "widen", "end-notes", "whole-page",
           "hidden-copies"]


def batch(lucid, folder, out, force=True, disable=()):
    cmd = [lucid, "batch", folder, "--out", out] + (["--force"] if force else [])
    for d in disable:
        cmd += ["--disable", d]
    subprocess.run(cmd, check=True, stderr=subprocess.DEVNULL)
    with open(out, encoding="utf8") as f:
        return [json.loads(line) for line in f]


def refused(row):
    return "no article" in (row.get("error") or "")


def half(key, i, h):
    """The fixed halves: page ids by a digit of their own, folder names by position."""
    if h is None:
        return True
    if re.fullmatch(r"d\d+", key):
        return int(key[1:]) % 2 == h
    if re.fullmatch(r"[0-9a-f]{16,}", key):
        return int(key[0], 16) % 2 == h
    return i % 2 == h


def norm(t):
    return re.sub(r"\s+", " ", t).strip()


def traf_score(truth, pred, keys):
    """Counted as trafilatura's eval_common.py counts (as ../shared/bench/trafeval_score.py)."""
    tp = fp = fn = missing = 0
    pages = []
    for k in keys:
        item, out = truth[k], pred.get(k)
        if isinstance(out, str):
            r = norm(out)
            t = sum(1 for w in item["with"] if norm(w) in r)
            f = sum(1 for w in item["without"] if norm(w) in r)
        else:
            t = f = 0
            missing += 1
        tp, fp, fn = tp + t, fp + f, fn + len(item["with"]) - t
        if t < len(item["with"]) or f:
            pages.append(f"{k}  with {t}/{len(item['with'])}  leaked {f}/{len(item['without'])}  {item['url'][:80]}")
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"f1": 2 * p * r / (p + r) if p + r else 0.0, "precision": p, "recall": r, "pages": len(keys),
            "no_output": missing}, pages


def defuddle(truth, keys, rtruth, names, ttruth, tkeys, splits):
    """defuddle (npm) on the same pages, scored by the same scorers: its
    output is made once per version by tools/peer-defuddle.mjs (a few minutes
    in jsdom) and read back from target/peers/."""
    made = subprocess.run(["node", os.path.join(ROOT, "tools", "peer-defuddle.mjs")], check=True,
                          capture_output=True, text=True).stdout.strip().splitlines()[-1]
    return score_peer(made, truth, keys, rtruth, names, ttruth, tkeys, splits)


def truths():
    """The three dev corpora's references, as `run` reads them: (truth, keys,
    rtruth, names, ttruth, tkeys)."""
    with open(os.path.join(AEB, "ground-truth.json"), encoding="utf8") as f:
        truth = json.load(f)
    names = sorted(n for n in os.listdir(RDB) if os.path.isfile(os.path.join(RDB, n, "expected.html")))
    rtruth = {}
    for n in names:
        with open(os.path.join(RDB, n, "expected.html"), encoding="utf8") as f:
            rtruth[n] = {"articleBody": readability_score.html_text(f.read())}
    with open(os.path.join(TRAF, "ground-truth.json"), encoding="utf8") as f:
        ttruth = json.load(f)
    return truth, sorted(truth), rtruth, names, ttruth, sorted(ttruth)


def score_peer(made, truth, keys, rtruth, names, ttruth, tkeys, splits):
    """A peer's output on the three corpora (a JSON file: page key ->
    {title, text} or {error}, and `_defuddle`, its name and version) scored
    by the same scorers as Lucid: defuddle's, and the npm package's
    Readability face (tools/bench-npm.mjs)."""
    with open(made, encoding="utf8") as f:
        out = json.load(f)
    text = lambda k: (out.get(k) or {}).get("text", "")
    res = {"version": out["_defuddle"], "errors": sum(1 for k, v in out.items() if isinstance(v, dict) and "error" in v)}
    tpred = {k: (None if "error" in (out.get(f"traf/{k}") or {"error": 1})
                 else f"{out[f'traf/{k}']['title']}\n{out[f'traf/{k}']['text']}") for k in tkeys}
    for name, h in splits:
        sub = [k for i, k in enumerate(keys) if half(k, i, h)]
        res.setdefault("aeb", {})[name] = aeb_score.score(
            {k: truth[k] for k in sub}, {k: {"articleBody": text(f"aeb/{k}")} for k in sub})[0]
        sub = [k for i, k in enumerate(names) if half(k, i, h)]
        res.setdefault("readability", {})[name] = aeb_score.score(
            {k: rtruth[k] for k in sub}, {k: {"articleBody": text(f"readability/{k}")} for k in sub})[0]
        res.setdefault("trafilatura", {})[name] = traf_score(ttruth, tpred, [k for i, k in enumerate(tkeys) if half(k, i, h)])[0]
    return res


def run(lucid, per_page=False, disable=(), halves=False, peers=True):
    os.makedirs(TARGET, exist_ok=True)
    splits = [("all", None)] + ([("tune", 0), ("check", 1)] if halves else [])
    res = {}

    # AEB dev: article-body F1 (forced, as the corpus is all articles), and refusals as a click gets it.
    rows = batch(lucid, os.path.join(AEB, "html"), os.path.join(TARGET, "aeb-dev.jsonl"), disable=disable)
    with open(os.path.join(AEB, "ground-truth.json"), encoding="utf8") as f:
        truth = json.load(f)
    pred = {r["id"]: {"articleBody": r.get("text", "")} for r in rows}
    keys = sorted(truth)
    for name, h in splits:
        sub = [k for i, k in enumerate(keys) if half(k, i, h)]
        s, per = aeb_score.score({k: truth[k] for k in sub}, {k: pred.get(k, {"articleBody": ""}) for k in sub})
        res.setdefault("aeb", {})[name] = s
        if per_page and h is None:
            for k, c in sorted(per.items(), key=lambda kv: aeb_score.precision(*kv[1]) + aeb_score.recall(*kv[1])):
                pf = aeb_score.precision(*c), aeb_score.recall(*c)
                if min(pf) < 0.99:
                    print(f"aeb {k[:16]}  P={pf[0]:.3f} R={pf[1]:.3f}")
    click = batch(lucid, os.path.join(AEB, "html"), os.path.join(TARGET, "aeb-dev-click.jsonl"), force=False,
                  disable=disable)
    res["aeb_refused"] = sorted(r["id"] for r in click if refused(r))
    with open(os.path.join(AEB, "peers-f1.json"), encoding="utf8") as f:
        res["aeb_peers"] = json.load(f)

    # Readability dev: content F1 and metadata against Readability's own expectations.
    rows = batch(lucid, RDB, os.path.join(TARGET, "readability-dev.jsonl"), disable=disable)
    names = sorted(n for n in os.listdir(RDB) if os.path.isfile(os.path.join(RDB, n, "expected.html")))
    byname = {r["file"].split("/")[0]: r for r in rows if r["file"].endswith("source.html")}
    rtruth, rgot, fields = {}, {}, {f: [0, 0] for f in FIELDS + ("lang", "excerpt")}
    for n in names:
        with open(os.path.join(RDB, n, "expected.html"), encoding="utf8") as f:
            rtruth[n] = {"articleBody": readability_score.html_text(f.read())}
        with open(os.path.join(RDB, n, "expected-metadata.json"), encoding="utf8") as f:
            meta = json.load(f)
        p = dict(byname.get(n) or {})
        if p.get("authors"):
            p["byline"] = ", ".join(p["authors"])
        rgot[n] = {"articleBody": p.get("text") or ""}
        for field, key in readability_score.FIELDS.items():
            if field in fields and meta.get(key):
                fields[field][1] += 1
                ok = readability_score.field_ok(field, meta[key], p.get(field))
                fields[field][0] += ok
                if per_page and not ok:
                    print(f"readability {n}: {field} want {meta[key]!r} got {p.get(field)!r}")
    for name, h in splits:
        sub = [k for i, k in enumerate(names) if half(k, i, h)]
        s, _ = aeb_score.score({k: rtruth[k] for k in sub}, {k: rgot[k] for k in sub})
        res.setdefault("readability", {})[name] = s
    res["readability_fields"] = {f: {"right": r, "of": t} for f, (r, t) in fields.items()}
    click = batch(lucid, RDB, os.path.join(TARGET, "readability-dev-click.jsonl"), force=False, disable=disable)
    agree, total, misses, turned_away = 0, 0, [], []
    for r in click:
        if not r["file"].endswith("source.html"):
            continue
        n = r["file"].split("/")[0]
        with open(os.path.join(RDB, n, "expected-metadata.json"), encoding="utf8") as f:
            want = json.load(f).get("readerable")
        if want is None:
            continue
        got = not refused(r)
        total += 1
        agree += got == want
        if got != want:
            misses.append(n)
        if want and not got:
            turned_away.append(n)
    res["readerable"] = {"right": agree, "of": total, "misses": misses}
    res["readability_refused"] = turned_away

    # trafilatura-dev: segments that must / must not be in the text, as a click gets it (and forced).
    with open(os.path.join(TRAF, "ground-truth.json"), encoding="utf8") as f:
        ttruth = json.load(f)
    tkeys = sorted(ttruth)
    for mode, force in (("click", False), ("forced", True)):
        rows = batch(lucid, os.path.join(TRAF, "html"), os.path.join(TARGET, f"trafilatura-dev-{mode}.jsonl"),
                     force=force, disable=disable)
        tpred = {r["id"]: (None if r.get("text") is None else f"{r.get('title') or ''}\n{r['text']}") for r in rows}
        for name, h in splits:
            s, pages = traf_score(ttruth, tpred, [k for i, k in enumerate(tkeys) if half(k, i, h)])
            res.setdefault("trafilatura", {}).setdefault(mode, {})[name] = s
            if per_page and mode == "click" and h is None:
                print("\n".join(f"trafilatura {p}" for p in pages))
        if mode == "click":
            res["trafilatura_refused"] = sorted(r["id"] for r in rows if refused(r))
    with open(os.path.join(TRAF, "peers.json"), encoding="utf8") as f:
        res["trafilatura_peers"] = {k: v for k, v in json.load(f).items() if not k.startswith("_")}

    if peers:
        res["defuddle"] = defuddle(truth, keys, rtruth, names, ttruth, tkeys, splits)

    # The gate's own fixtures, both ways.
    gate = {}
    for kind in ("positive", "negative"):
        rows = batch(lucid, os.path.join(GATE, kind), os.path.join(TARGET, f"gate-{kind}.jsonl"), force=False,
                     disable=disable)
        gate[kind] = {"pages": len(rows),
                      "wrong": sorted(r["id"] for r in rows if refused(r) == (kind == "positive"))}
    res["gate"] = gate
    return res


def report(res):
    halves = "tune" in res["aeb"]

    def cols(d, key="f1"):
        return "  ".join(f"{name} {d[name][key]:.4f}" for name in d) if halves else f"{d['all'][key]:.4f}"

    aeb = res["aeb"]["all"]
    print(f"AEB dev ({aeb['pages']} pages), article-body F1:")
    rows = [("Lucid Reader (this build)", aeb["f1"])] + [(k, v) for k, v in res["aeb_peers"].items()
                                                         if k in ("rs_trafilatura", "trafilatura", "readability_js")]
    dd = res.get("defuddle")
    if dd:
        rows.append((f"defuddle {dd['version']}", dd["aeb"]["all"]["f1"]))
    for name, f1 in sorted(rows, key=lambda kv: -kv[1]):
        extra = (f"   (P {aeb['precision']:.4f} / R {aeb['recall']:.4f})" + (f"   [{cols(res['aeb'])}]" if halves else "")
                 if name.startswith("Lucid") else "")
        print(f"  {name:28s} {f1:.4f}{extra}")
    rdb = res["readability"]["all"]
    print(f"Readability dev ({rdb['pages']} pages): content F1 {rdb['f1']:.4f} "
          f"(P {rdb['precision']:.4f} / R {rdb['recall']:.4f})" + (f"   [{cols(res['readability'])}]" if halves else ""))
    if dd:
        print(f"  defuddle {dd['version']}: content F1 {dd['readability']['all']['f1']:.4f}"
              + (f"   [{cols(dd['readability'])}]" if halves else ""))
    for field, c in res["readability_fields"].items():
        print(f"  {field:10s} {c['right']:3d}/{c['of']:<3d} {100 * c['right'] / max(1, c['of']):5.1f} %")
    r = res["readerable"]
    print(f"  readerable {r['right']:3d}/{r['of']:<3d} {100 * r['right'] / max(1, r['of']):5.1f} %"
          + (f"   (disagree: {', '.join(r['misses'])})" if r["misses"] else ""))
    t = res["trafilatura"]
    print(f"trafilatura-dev ({t['click']['all']['pages']} pages), segments F1 (P / R), as trafilatura counts:")
    lines = [(f"Lucid Reader, as a click gets it", t["click"]["all"], cols(t["click"]) if halves else ""),
             ("Lucid Reader, forced", t["forced"]["all"], cols(t["forced"]) if halves else "")]
    lines += [(k.split(" (")[0], v, "") for k, v in res["trafilatura_peers"].items()]
    if dd:
        lines.append((f"defuddle {dd['version']} (jsdom)", dd["trafilatura"]["all"], cols(dd["trafilatura"]) if halves else ""))
    for name, s, extra in sorted(lines, key=lambda x: -x[1]["f1"]):
        print(f"  {name:34s} {s['f1']:.4f}   (P {s['precision']:.4f} / R {s['recall']:.4f}, no output "
              f"{s['no_output']})" + (f"   [{extra}]" if extra else ""))
    print("Gate: pages a click turns away (all are articles): "
          f"trafilatura-dev {len(res['trafilatura_refused'])}, AEB dev {len(res['aeb_refused'])}, "
          f"Readability dev (readerable) {len(res['readability_refused'])}"
          + "".join(f"  {x}" for x in res["trafilatura_refused"] + res["aeb_refused"] + res["readability_refused"]))
    g = res["gate"]
    print(f"  tests/gate: false refusals {len(g['positive']['wrong'])}/{g['positive']['pages']}, "
          f"false acceptances {len(g['negative']['wrong'])}/{g['negative']['pages']}"
          + "".join(f"  {x}" for x in g["positive"]["wrong"] + g["negative"]["wrong"]))


def summary(res):
    f = res["readability_fields"]
    meta = sum(f[k]["right"] for k in FIELDS) / max(1, sum(f[k]["of"] for k in FIELDS))
    return res["aeb"]["all"]["f1"], res["readability"]["all"]["f1"], res["trafilatura"]["click"]["all"]["f1"], meta


def ablation(lucid, full):
    """Each signal switched off in turn: what it is worth on each measure."""
    base = summary(full)
    print("\nAblation: each signal switched off (change from the full build)")
    print(f"  {'signal':14s} {'AEB F1':>18s} {'Readab. F1':>18s} {'trafil. F1':>18s} {'metadata':>18s}")
    out = {}
    for sig in SIGNALS:
        got = summary(run(lucid, disable=[sig], peers=False))
        out[sig] = dict(zip(("aeb_f1", "readability_f1", "trafilatura_f1", "metadata"), got))
        cells = "".join(f" {g:8.4f} ({g - b:+.4f})" for g, b in zip(got, base))
        print(f"  {sig:14s}{cells}")
    run(lucid, peers=False)  # leave target/*.jsonl from the full build
    return out


def tables(res):
    """The README's headline rows and docs/benchmarks.md's quality tables, as Markdown."""
    aeb, rdb, t = res["aeb"]["all"], res["readability"]["all"], res["trafilatura"]
    peers = res["aeb_peers"]
    tp = {k.split(" (")[0]: v for k, v in res["trafilatura_peers"].items()}
    tp_f1 = lambda name: next((f"{v['f1']:.3f}" for k, v in tp.items() if k.lower().startswith(name)), "–")
    cmd = "`./bench.sh quality`"
    dd = res["defuddle"]
    head = ["| measure (same pages, same scorer) | Lucid Reader | trafilatura | Readability.js | defuddle | reproduce |",
            "|---|---|---|---|---|---|",
            f"| AEB dev, 98 pages, article F1 | **{aeb['f1']:.3f}** | {peers.get('trafilatura', 0):.3f} "
            f"(rs_trafilatura {peers.get('rs_trafilatura', 0):.3f}) | {peers.get('readability_js', 0):.3f} | "
            f"{dd['aeb']['all']['f1']:.3f} | {cmd} |",
            f"| trafilatura-dev, {t['click']['all']['pages']} pages, segments F1 | **{t['click']['all']['f1']:.3f}** | "
            f"{tp_f1('trafilatura')} | {tp_f1('readability')} | {dd['trafilatura']['all']['f1']:.3f} | {cmd} |",
            f"| Readability dev, {rdb['pages']} pages, content F1 vs Readability.js's own output | **{rdb['f1']:.3f}** | – | "
            f"(the reference) | {dd['readability']['all']['f1']:.3f} | " + cmd + " |"]
    f = res["readability_fields"]
    r = res["readerable"]
    full = ["| corpus | measure | Lucid Reader |", "|---|---|---|",
            f"| AEB dev | article F1 (P / R) | {aeb['f1']:.4f} ({aeb['precision']:.4f} / {aeb['recall']:.4f}) |"]
    full += [f"| AEB dev | {k} | {v:.4f} |" for k, v in sorted(
        list(peers.items()) + [(f"defuddle {dd['version']} (measured here, jsdom)", dd["aeb"]["all"]["f1"])],
        key=lambda kv: -kv[1])]
    full += [f"| Readability dev | content F1 (P / R) | {rdb['f1']:.4f} ({rdb['precision']:.4f} / {rdb['recall']:.4f}) |"]
    full += [f"| Readability dev | defuddle {dd['version']}: content F1 (P / R) | {dd['readability']['all']['f1']:.4f} "
             f"({dd['readability']['all']['precision']:.4f} / {dd['readability']['all']['recall']:.4f}) |"]
    full += [f"| Readability dev | {k} | {c['right']}/{c['of']} |" for k, c in f.items()]
    full += [f"| Readability dev | readerable | {r['right']}/{r['of']} |"]
    for name, s in ([("Lucid Reader, as a click gets it", t["click"]["all"]), ("Lucid Reader, forced", t["forced"]["all"])]
                    + list(tp.items()) + [(f"defuddle {dd['version']} (jsdom, title + text)", dd["trafilatura"]["all"])]):
        full.append(f"| trafilatura-dev | {name}: F1 (P / R), pages with no output | {s['f1']:.4f} "
                    f"({s['precision']:.4f} / {s['recall']:.4f}), {s['no_output']} |")
    g = res["gate"]
    full.append(f"| all three | pages a click turns away | {len(res['trafilatura_refused']) + len(res['aeb_refused']) + len(res['readability_refused'])} |")
    full.append(f"| tests/gate | false refusals / false acceptances | {len(g['positive']['wrong'])}/{g['positive']['pages']}, "
                f"{len(g['negative']['wrong'])}/{g['negative']['pages']} |")
    return "\n".join(head), "\n".join(full)


def write_section(path, name, text):
    """Replace what stands between <!-- NAME --> and <!-- /NAME --> in PATH."""
    path = os.path.join(ROOT, path)
    with open(path, encoding="utf8") as f:
        doc = f.read()
    start, end = f"<!-- {name} -->", f"<!-- /{name} -->"
    if start not in doc or end not in doc:
        sys.exit(f"{path} has no {start} ... {end} section")
    doc = doc[:doc.index(start) + len(start)] + "\n" + text + "\n" + doc[doc.index(end):]
    with open(path, "w", encoding="utf8") as f:
        f.write(doc)


def main():
    if sys.argv[1:2] == ["--score-peer"]:
        # (tools/bench-npm.mjs: one peer file scored, as JSON on stdout)
        print(json.dumps(score_peer(sys.argv[2], *truths(), [("all", None)])))
        return
    ap = argparse.ArgumentParser()
    ap.add_argument("--lucid", default=os.path.join(TARGET, "release", "lucid"))
    ap.add_argument("--out", default=os.path.join(TARGET, "quality.json"))
    ap.add_argument("--per-page", action="store_true")
    ap.add_argument("--halves", action="store_true", help="also score each corpus's two fixed halves")
    ap.add_argument("--ablation", action="store_true", help="also measure each signal switched off")
    ap.add_argument("--write-docs", action="store_true",
                    help="write the figures into README.md and docs/benchmarks.md (./bench.sh quality does)")
    args = ap.parse_args()
    res = run(args.lucid, args.per_page, halves=args.halves)
    report(res)
    if args.ablation:
        res["ablation"] = ablation(args.lucid, res)
    with open(args.out, "w", encoding="utf8") as f:
        json.dump(res, f, indent=1)
    print(f"written {os.path.relpath(args.out, ROOT)}")
    if args.write_docs and not args.halves:
        head, full = tables(res)
        write_section("README.md", "quality", head)
        write_section("docs/benchmarks.md", "quality", full)
        print("written README.md and docs/benchmarks.md (quality sections)")
        if args.ablation:
            base = dict(zip(("aeb_f1", "readability_f1", "trafilatura_f1", "metadata"), summary(res)))
            rows = ["| signal switched off | AEB dev F1 | Readability dev F1 | trafilatura-dev F1 | metadata |",
                    "|---|---|---|---|---|",
                    "| (none: the full build) | " + " | ".join(f"{v:.4f}" for v in base.values()) + " |"]
            rows += [f"| `{sig}` | " + " | ".join(f"{v[k] - base[k]:+.4f}" for k in base) + " |"
                     for sig, v in res["ablation"].items()]
            write_section("docs/quality.md", "ablation", "\n".join(rows))
            print("written docs/quality.md (ablation section)")


if __name__ == "__main__":
    main()
