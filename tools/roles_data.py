#!/usr/bin/env python3
"""The words for a person's office or occupation in the seven languages
besides English (data/roles.json), from openly licensed wordnets: what a
story puts before or beside a name ("Oberbürgermeister Burkhard Jung", "le
maire Grégory Doucet", "la consejera de Salud, Carmen López").

Which meanings count is read from Princeton WordNet 3.0's noun hierarchy
(Debian's `wordnet-base`): every meaning below the kinds of person a news
story names by office or trade (an official, a leader, an executive, a
spokesperson, a diplomat, an officer, a judge, a lawyer, a professional, a
politician, a scientist, a journalist, a writer, an athlete, a coach...).
Their words in each language come from the Open Multilingual Wordnet's
data (omwn/omw-data): the language's own wordnet where its licence is open
(MultiWordNet, Italian, CC BY 3.0; OpenWN-PT, CC BY-SA 4.0; Open Dutch
WordNet, CC BY-SA 4.0; plWordNet, WordNet licence) and Wiktionary's
translations (CC BY-SA 3.0) for all seven. Nothing typed by hand but the
list of kinds below and the feminine endings; run it again to refresh.

    apt-get download wordnet-base && dpkg -x wordnet-base_*.deb /tmp/wn
    python3 tools/roles_data.py /tmp/wn/usr/share/wordnet OMW_DATA_CHECKOUT
"""
import collections
import json
import os
import subprocess
import sys

# Kinds of person named by office or trade (WordNet 3.0 noun offsets).
KINDS = {
    "10372373": "official",
    "09623038": "leader",
    "10162991": "head (person in charge)",
    "10474645": "principal",
    "09770472": "administrator (government)",
    "10069645": "executive",
    "10638385": "spokesperson",
    "10013927": "diplomat",
    "10317007": "military officer",
    "10225219": "judge",
    "10249950": "lawyer",
    "10480253": "professional",
    "10450303": "politician",
    "10451263": "politician (civil administration)",
    "10468962": "chairman",
    "10014939": "director (resources)",
    "10015485": "director (board)",
    "10015215": "director (theatre)",
    "10088200": "director (film)",
    "09931640": "manager (sports)",
    "09820263": "athlete",
    "10560637": "scientist",
    "10224578": "journalist",
    "10794014": "writer",
    "09882007": "businessman",
    "10522035": "representative",
    "10249270": "lawgiver",
    "09944763": "council member",
    "09944022": "commissioner (member)",
    "10541833": "civil authority",
    "09824361": "authority (expert)",
    "10215623": "investigator",
    "10448983": "police officer",
    "10582746": "serviceman",
    "09927451": "clergyman",
    "10628644": "sovereign",
    "09807754": "aristocrat",
    "10045713": "educator",
    "10515194": "reformer",
    "10415638": "performer",
    "09812338": "artist",
    "10569744": "secretary (assistant)",
    "10005280": "deputy (assistant)",
    "10727256": "treasurer",
}

# (language, file in omw-data) — the language's wordnet, then Wiktionary.
SOURCES = {
    "de": ["wns/wikt/wn-wikt-deu.tab"],
    "fr": ["wns/wikt/wn-wikt-fra.tab"],
    "es": ["wns/wikt/wn-wikt-spa.tab"],
    "it": ["wns/ita/wn-data-ita.tab", "wns/wikt/wn-wikt-ita.tab"],
    "pt": ["wns/por/wn-data-por.tab", "wns/wikt/wn-wikt-por.tab"],
    "nl": ["wns/nld/wn-data-nld.tab", "wns/wikt/wn-wikt-nld.tab"],
    "pl": ["wns/pol/wn-data-pol.tab", "wns/wikt/wn-wikt-pol.tab"],
}

# A woman's title where the wordnets give the man's: German adds "-in"
# ("Bürgermeister" -> "Bürgermeisterin"); the Romance languages change the
# ending ("ministro" -> "ministra", "conseiller" -> "conseillère").
FEMININE = {
    "de": [("er", "erin"), ("or", "orin"), ("ent", "entin"), ("at", "atin"), ("ist", "istin"), ("eur", "eurin"), ("ef", "efin"), ("oge", "ogin")],
    "fr": [("ier", "ière"), ("teur", "trice"), ("eur", "euse"), ("er", "ère"), ("ent", "ente"), ("ant", "ante"), ("ien", "ienne"), ("at", "ate")],
    "es": [("o", "a"), ("or", "ora"), ("ente", "enta")],
    "it": [("o", "a"), ("tore", "trice"), ("ore", "ora")],
    "pt": [("o", "a"), ("or", "ora"), ("ente", "enta")],
    "nl": [],
    "pl": [],
}


def hierarchy(wordnet_dir):
    """Each noun meaning's more specific meanings."""
    hypo = collections.defaultdict(list)
    with open(os.path.join(wordnet_dir, "data.noun"), encoding="latin-1") as f:
        for line in f:
            if line.startswith("  "):
                continue
            p = line.split(" ")
            n = int(p[3], 16)
            k = 4 + 2 * n
            count = int(p[k])
            k += 1
            for _ in range(count):
                sym, off, pos = p[k], p[k + 1], p[k + 2]
                k += 4
                if sym == "~" and pos == "n":  # kinds, not named people ("~i")
                    hypo[p[0]].append(off)
    return hypo


def proper(wordnet_dir):
    """Meanings whose every English name is one word written with a capital:
    a named person or a title of one ("Daniel", "Father", "Republican"), not
    an office or a trade ("Secretary_General" stays)."""
    out = set()
    with open(os.path.join(wordnet_dir, "data.noun"), encoding="latin-1") as f:
        for line in f:
            if line.startswith("  "):
                continue
            p = line.split(" ")
            words = [p[4 + 2 * i] for i in range(int(p[3], 16))]
            if all(w[0].isupper() and "_" not in w for w in words):
                out.add(p[0])
    return out


def below(hypo, roots):
    seen, todo = set(), list(roots)
    while todo:
        o = todo.pop()
        if o not in seen:
            seen.add(o)
            todo.extend(hypo.get(o, []))
    return seen


def lemmas(omw, path, meanings):
    text = subprocess.run(["git", "-C", omw, "show", f"HEAD:{path}"], capture_output=True, check=True, text=True).stdout
    words = set()
    for line in text.splitlines():
        if line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) < 3 or not parts[1].endswith("lemma") or not parts[0].endswith("-n"):
            continue
        if parts[0][:8] in meanings:
            words.add(parts[2].strip())
    return words


def usable(word):
    """A word a title is written with: letters, a hyphen or spaces; no
    explanation in brackets, no abbreviation, not a name."""
    return (
        len(word) >= 4
        and all(c.isalpha() or c in " -'’" for c in word)
        and len(word.split()) <= 3
        and not word.isupper()
    )


def main():
    wordnet_dir, omw = sys.argv[1], sys.argv[2]
    meanings = below(hierarchy(wordnet_dir), KINDS) - proper(wordnet_dir)
    stop = json.load(open(os.path.join(os.path.dirname(__file__), "..", "data", "lang.json")))["langs"]
    commit = subprocess.run(["git", "-C", omw, "rev-parse", "HEAD"], capture_output=True, text=True).stdout.strip()
    out = {
        "_comment": "Generated by tools/roles_data.py from WordNet 3.0's noun hierarchy and the Open Multilingual Wordnet data "
        f"(omwn/omw-data {commit[:12]}); licences in data/NOTICE-roles.md. Do not edit by hand.",
        "langs": {},
    }
    for lang, files in SOURCES.items():
        words = set()
        for path in files:
            words |= {w for w in lemmas(omw, path, meanings) if usable(w)}
        function_words = {w.lower() for w in stop[lang]["stopwords"]}
        words = {w.lower() for w in words if w.lower() not in function_words}
        single = {w for w in words if " " not in w}
        for w in sorted(single):
            for end, fem in FEMININE[lang]:
                if w.endswith(end):
                    words.add(w[: -len(end)] + fem)
                    break
        out["langs"][lang] = sorted(words)
        print(lang, len(words), file=sys.stderr)
    json.dump(out, open(os.path.join(os.path.dirname(__file__), "..", "data", "roles.json"), "w"), ensure_ascii=False, indent=0)


if __name__ == "__main__":
    main()
