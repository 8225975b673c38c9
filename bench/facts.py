#!/usr/bin/env python3
"""Key facts: names (people, organisations, places) on Wikigold (English) and
the GermEval 2014 development set (German), exact span + kind, Lucid beside
compromise (npm), on the whole set and on each half (even articles: the half
the models were trained and tuned on; odd: the half they never saw); the
fixtures in the other languages; facts time per page.

  python3 bench/facts.py [--write-docs] [--no-peer]

Writes target/bench-facts.json; with --write-docs, the tables in
docs/benchmarks.md and the README. Pages are made from the annotated text by
../shared/bench/conll_articles.py, read by `lucid batch --force`, mapped to
spans by ../shared/bench/lucid_to_spans.py and scored by
../shared/bench/ner_score.py (docs/ner.md)."""
import json, os, subprocess, sys, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.path.join(ROOT, "..", "shared")
BENCH = os.path.join(SHARED, "bench")
OUT = os.path.join(ROOT, "target", "ner")
LUCID = os.path.join(ROOT, "target", "release", "lucid")
SETS = [("wikigold", "wikigold.txt.gz", "en"), ("germeval", "germeval2014-dev.txt.gz", "de")]


def run(*cmd, **kw):
    return subprocess.run(cmd, check=True, capture_output=True, text=True, **kw)


def score(gold_path, pred_path, names=None):
    """ner_score.py on all articles, or on those in `names`."""
    if names is not None:
        gold = json.load(open(gold_path))
        sub = {k: v for k, v in gold.items() if k in names}
        gold_path = gold_path.replace(".json", f".{len(sub)}.json")
        json.dump(sub, open(gold_path, "w"))
    return json.loads(run(sys.executable, os.path.join(BENCH, "ner_score.py"), gold_path, pred_path, "--json").stdout)


def halves(gold_path):
    names = sorted(json.load(open(gold_path)))
    tune = {n for n in names if int(n.split("-")[1]) % 2 == 0}
    return {"tune": tune, "check": set(names) - tune}


def measure(peer=True):
    res = {}
    for name, file, lang in SETS:
        d = os.path.join(OUT, name)
        src = os.path.join(d, "source.conll")
        os.makedirs(d, exist_ok=True)
        with open(src, "w") as f:
            f.write(run("gunzip", "-c", os.path.join(SHARED, "corpus", "ner-dev", file)).stdout)
        run(sys.executable, os.path.join(BENCH, "conll_articles.py"), src, d, "--lang", lang)
        gold = os.path.join(d, "gold.json")
        t0 = time.perf_counter()
        run(LUCID, "batch", os.path.join(d, "html"), "--force", "--out", os.path.join(d, "lucid.jsonl"))
        took = time.perf_counter() - t0
        pred = os.path.join(d, "lucid.pred.json")
        run(sys.executable, os.path.join(BENCH, "lucid_to_spans.py"), gold, os.path.join(d, "lucid.jsonl"), pred)
        parts = halves(gold)
        row = {"lang": lang, "pages": len(json.load(open(gold))), "lucid": {"all": score(gold, pred)}}
        for h, names in parts.items():
            row["lucid"][h] = score(gold, pred, names)
        row["batch_seconds"] = round(took, 2)
        if peer:
            cpred = os.path.join(d, "compromise.pred.json")
            run("node", os.path.join(BENCH, "compromise_ner.mjs"), gold, cpred, cwd=ROOT)
            row["compromise"] = {"all": score(gold, cpred)}
            for h, names in parts.items():
                row["compromise"][h] = score(gold, cpred, names)
        res[name] = row
    return res


def fixtures():
    """The name fixtures in other languages (tests/fixtures/names-*): precision and recall."""
    out = subprocess.run(["cargo", "test", "--locked", "--release", "--test", "fixtures", "in_every_language", "--", "--nocapture"],
                         cwd=ROOT, capture_output=True, text=True).stdout
    res = None
    for line in out.splitlines():
        if line.startswith("names on the fixtures"):
            p = float(line.split(" P ")[1].split()[0]); r = float(line.split(" R ")[1].split()[0])
            res = dict(res or {}, line=line, p=p, r=r)
        if line.startswith("figures, dates and quotes on the fixtures"):
            right, of = line.rsplit(": ", 1)[1].split(" of ")
            res = dict(res or {}, facts_line=line, facts_right=int(right), facts_of=int(of),
                       facts_wrong=int(of) - int(right) + sum(1 for l in out.splitlines() if "is not a fact" in l))
        if line.startswith("roles on the fixtures"):
            right, of = line.rsplit(": ", 1)[1].split(" of ")
            res = dict(res or {}, roles_right=int(right), roles_of=int(of))
    return res


def table(res):
    lines = [
        "| names, exact span + kind (P / R / F1) | Lucid, all | Lucid, tune half | Lucid, check half | compromise, all |",
        "|---|---|---|---|---|",
    ]
    f = lambda s: f"{s['p']:.3f} / {s['r']:.3f} / **{s['f1']:.3f}**"
    label = {"wikigold": "Wikigold (English), 122 articles", "germeval": "GermEval 2014 dev (German), 184 pages"}
    for name, row in res.items():
        if name == "fixtures":
            continue
        peer = f(row["compromise"]["all"]["typed"]) if "compromise" in row else "–"
        lines.append(f"| {label[name]} | {f(row['lucid']['all']['typed'])} | {f(row['lucid']['tune']['typed'])} | {f(row['lucid']['check']['typed'])} | {peer} |")
        for k in ("PER", "ORG", "LOC"):
            s = row["lucid"]["check"][k]
            c = row.get("compromise", {}).get("check", {}).get(k)
            peer_k = f"{c['p']:.3f} / {c['r']:.3f} / {c['f1']:.3f} (check half)" if c else "–"
            lines.append(f"| &nbsp;&nbsp;{k} | | | {s['p']:.3f} / {s['r']:.3f} / {s['f1']:.3f} | {peer_k} |")
    fx = res.get("fixtures")
    if fx:
        lines.append(f"| name fixtures in German, French, Dutch, Spanish, Italian, Portuguese, Polish (tests/fixtures/names-*) | {fx['p']:.3f} / {fx['r']:.3f} / **{2 * fx['p'] * fx['r'] / (fx['p'] + fx['r']):.3f}** | | | – |")
        if "facts_of" in fx:
            lines.append(f"| figures, dates and quotes (with speaker) on the same fixtures, whole and nothing wrongly marked | {fx['facts_right']} of {fx['facts_of']} right, {fx['facts_wrong']} wrong | | | – |")
        if "roles_of" in fx:
            lines.append(f"| people's roles as the story gives them, on the same fixtures (\"Oberbürgermeister\", \"consejera de Salud\") | {fx['roles_right']} of {fx['roles_of']} | | | – |")
    per_page = [f"{name} {1000 * row['batch_seconds'] / row['pages']:.1f} ms" for name, row in res.items() if name != "fixtures"]
    lines.append("")
    lines.append(f"Time per page through `lucid batch --force` on one machine (extraction, names and facts): {', '.join(per_page)}.")
    return "\n".join(lines)


def main():
    res = measure(peer="--no-peer" not in sys.argv)
    res["fixtures"] = fixtures()
    text = table(res)
    print(text)
    json.dump(res, open(os.path.join(ROOT, "target", "bench-facts.json"), "w"), indent=1)
    print("written target/bench-facts.json")
    if "--write-docs" in sys.argv:
        note = f"({time.strftime('%Y-%m-%d')}, `./bench.sh facts`)"
        for doc in ("docs/benchmarks.md", "README.md"):
            path = os.path.join(ROOT, doc)
            body = open(path, encoding="utf-8").read()
            a, b = "<!-- facts -->", "<!-- /facts -->"
            if a in body and b in body:
                body = body[: body.index(a) + len(a)] + "\n" + text + "\n\n" + note + "\n" + body[body.index(b):]
                open(path, "w", encoding="utf-8").write(body)
                print(f"written {doc}")
    return res


if __name__ == "__main__":
    main()
