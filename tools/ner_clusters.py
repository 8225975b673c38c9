#!/usr/bin/env python3
"""Word clusters for a name model (docs/ner.md): the Brown clusters that the
PyPI package spacy-lookups-data (MIT) ships for a language, cut to the words
most often used (by the same package's word probabilities), written as
`word<TAB>cluster` lines for examples/ner_train.rs's --clusters.

    tools/ner_clusters.py DATA_DIR LANG N OUT

DATA_DIR is the package's spacy_lookups_data/data folder.
"""
import gzip
import json
import os
import sys


def main(data, lang, n, out):
    clusters = json.load(gzip.open(os.path.join(data, f"{lang}_lexeme_cluster.json.gz"), "rt", encoding="utf8"))
    prob = json.load(gzip.open(os.path.join(data, f"{lang}_lexeme_prob.json.gz"), "rt", encoding="utf8"))
    words = [w for w, c in clusters.items() if c and "\t" not in w and "\n" not in w and len(w.encode()) < 256]
    words.sort(key=lambda w: (-prob.get(w, -100.0), w))
    with open(out, "w", encoding="utf8") as f:
        for w in words[: int(n)]:
            f.write(f"{w}\t{clusters[w]}\n")


if __name__ == "__main__":
    main(*sys.argv[1:5])
