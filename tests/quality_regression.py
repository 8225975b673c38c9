#!/usr/bin/env python3
"""Quality regression check (run by test.sh and CI): the extraction benchmark
on both corpora must stay at or above these floors, set a little under what
this code measures, so a change that makes extraction worse fails the build.
Raise them as quality improves."""
import os, sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "bench"))
import quality  # noqa: E402

FLOORS = {
    "AEB dev article-body F1": (lambda r: r["aeb"]["f1"], 0.975),           # measured 0.980
    "Readability dev content F1": (lambda r: r["readability"]["f1"], 0.965),  # measured 0.976
    "Readability dev title": (lambda r: share(r, "title"), 0.95),
    "Readability dev byline": (lambda r: share(r, "byline"), 0.90),
    "Readability dev published": (lambda r: share(r, "published"), 0.95),
    "Readability dev site name": (lambda r: share(r, "site_name"), 0.90),
    "Readability dev readerable": (lambda r: r["readerable"]["right"] / r["readerable"]["of"], 0.95),
}


def share(r, field):
    c = r["readability"]["fields"][field]
    return c["right"] / c["of"]


def main():
    res = quality.run(os.path.join(quality.TARGET, "release", "lucid"))
    quality.report(res)
    failed = 0
    for name, (get, floor) in FLOORS.items():
        value = get(res)
        ok = value >= floor
        failed += not ok
        print(f"{'ok  ' if ok else 'FAIL'} {name}: {value:.4f} (floor {floor})")
    print(f"quality: {len(FLOORS) - failed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
