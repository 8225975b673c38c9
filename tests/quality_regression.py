#!/usr/bin/env python3
"""Quality regression check (run by test.sh and CI): the extraction benchmark
on the three corpora must stay at or above these floors, set a little under
what this code measures, so a change that makes extraction worse fails the
build; and no page of the three corpora (all articles) may be turned away by
a click, nor any gate fixture judged wrongly. Raise the floors as quality
improves."""
import os, sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "bench"))
import quality  # noqa: E402
import facts  # noqa: E402

FLOORS = {
    "AEB dev article-body F1": (lambda r: r["aeb"]["all"]["f1"], 0.978),                 # measured 0.9812
    "Readability dev content F1": (lambda r: r["readability"]["all"]["f1"], 0.972),      # measured 0.9761
    "trafilatura-dev F1, as a click gets it": (lambda r: r["trafilatura"]["click"]["all"]["f1"], 0.937),  # measured 0.9387
    "Readability dev title": (lambda r: share(r, "title"), 0.95),
    # 32/37: authors are names, never a date; two reference bylines are
    # Readability's raw line with the date in it ("By Nathan Willis March
    # 25, 2015"), which the authors no longer carry (docs/quality.md).
    "Readability dev byline": (lambda r: share(r, "byline"), 0.86),
    "Readability dev published": (lambda r: share(r, "published"), 0.95),
    "Readability dev site name": (lambda r: share(r, "site_name"), 0.90),
    "Readability dev readerable": (lambda r: r["readerable"]["right"] / r["readerable"]["of"], 0.95),
}
# Key facts: names, exact span + kind, on the halves of the ner-dev sets the
# models never saw (bench/facts.py; issue 37's targets are far above: F1 0.70
# / 0.75 at precision 0.85). Set a little under what this code measures.
FACT_FLOORS = {
    "Wikigold check half, names F1": (lambda f: f["wikigold"]["lucid"]["check"]["typed"]["f1"], 0.59),      # measured 0.605
    "Wikigold check half, names precision": (lambda f: f["wikigold"]["lucid"]["check"]["typed"]["p"], 0.66),  # 0.674
    "GermEval dev check half, names F1": (lambda f: f["germeval"]["lucid"]["check"]["typed"]["f1"], 0.63),   # 0.644
    "GermEval dev check half, names precision": (lambda f: f["germeval"]["lucid"]["check"]["typed"]["p"], 0.71),  # 0.724
}
# Counts that must be zero.
ZERO = {
    "trafilatura-dev pages a click turns away": lambda r: len(r["trafilatura_refused"]),
    "AEB dev pages a click turns away": lambda r: len(r["aeb_refused"]),
    "Readability dev readerable pages a click turns away": lambda r: len(r["readability_refused"]),
    "gate fixtures: articles turned away": lambda r: len(r["gate"]["positive"]["wrong"]),
    "gate fixtures: listings shown as articles": lambda r: len(r["gate"]["negative"]["wrong"]),
}


def share(r, field):
    c = r["readability_fields"][field]
    return c["right"] / c["of"]


def main():
    res = quality.run(os.path.join(quality.TARGET, "release", "lucid"), peers=False)
    quality.report(res)
    fact_res = facts.measure(peer=False)
    failed = 0
    for name, (get, floor) in [*FLOORS.items(), *FACT_FLOORS.items()]:
        value = get(res if name in FLOORS else fact_res)
        ok = value >= floor
        failed += not ok
        print(f"{'ok  ' if ok else 'FAIL'} {name}: {value:.4f} (floor {floor})")
    for name, get in ZERO.items():
        value = get(res)
        failed += value != 0
        print(f"{'ok  ' if value == 0 else 'FAIL'} {name}: {value}")
    total = len(FLOORS) + len(FACT_FLOORS) + len(ZERO)
    print(f"quality: {total - failed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
