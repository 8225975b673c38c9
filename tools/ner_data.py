#!/usr/bin/env python3
"""Training and measuring text for the name models (src/ner), as CoNLL-style
files (`word TAG` a line, IOB2, -DOCSTART- between documents) in target/ner/data/.

  tools/ner_data.py halves            the tune and check halves of the ner-dev sets
                                      (../shared/corpus/ner-dev), article by article
                                      exactly as ../shared/bench/conll_articles.py
                                      groups them: even articles tune, odd check
  tools/ner_data.py gum DIR           GUM (amir-zeldes/gum, a checkout's dep/*.conllu):
                                      mentions of people, organisations and places named by a proper noun, in the genres whose texts are
                                      openly licensed for any use (docs/ner.md)
  tools/ner_data.py uner FILE...      Universal NER .iob2 files, as they are

None of these corpora is committed: the models trained on them are
(data/ner/*.bin), with their sources and licences in data/NOTICE-ner.md."""
import gzip, os, re, subprocess, sys

OUT = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "target", "ner", "data")
SHARED = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "..", "shared", "corpus", "ner-dev")


def write(name, docs):
    os.makedirs(OUT, exist_ok=True)
    path = os.path.join(OUT, name)
    with open(path, "w", encoding="utf-8") as f:
        for doc in docs:
            f.write("-DOCSTART- O\n\n")
            for sent in doc:
                for w, t in sent:
                    f.write(f"{w} {t}\n")
                f.write("\n")
    print(f"{path}: {len(docs)} documents, {sum(len(s) for d in docs for s in d)} tokens")


def conll_sentences(text):
    sent = []
    for line in text.splitlines():
        parts = line.split()
        if not parts:
            if sent:
                yield sent
            sent = []
            continue
        if parts[0] == "-DOCSTART-":
            if sent:
                yield sent
            sent = []
            yield None
            continue
        sent.append((parts[0], parts[-1]))
    if sent:
        yield sent


def iob2(sent):
    """IOB1 (an I- after O or another kind starts a name) as IOB2."""
    out, prev = [], "O"
    for w, t in sent:
        if t.startswith("I-") and (prev == "O" or prev[2:] != t[2:]):
            t = "B-" + t[2:]
        out.append((w, t))
        prev = t
    return out


def articles(path, per=12):
    """The articles of conll_articles.py, as lists of sentences: documents where
    the file marks them, else groups of `per`; one-token and all-caps lines left out."""
    raw = list(conll_sentences(gzip.open(path, "rt", encoding="utf-8").read()))
    docs, cur = [], []
    for s in raw:
        if s is None:
            if cur:
                docs.append(cur)
            cur = []
        else:
            cur.append(s)
    if cur:
        docs.append(cur)
    if len(docs) == 1:
        docs = [docs[0][i:i + per] for i in range(0, len(docs[0]), per)]
    text = lambda s: " ".join(w for w, _ in s)
    arts = []
    for d in docs:
        group = [iob2(s) for s in d if len(text(s).split()) >= 4 and not text(s).isupper()]
        if len(group) >= 3:
            arts.append(group)
    return arts


def halves():
    for name, file in [("wg", "wikigold.txt.gz"), ("ge", "germeval2014-dev.txt.gz")]:
        arts = articles(os.path.join(SHARED, file))
        write(f"{name}-tune.conll", arts[0::2])
        write(f"{name}-check.conll", arts[1::2])
        # The tune half in two: one trains, the other sets the threshold.
        write(f"{name}-tune-a.conll", arts[0::4])
        write(f"{name}-tune-b.conll", arts[2::4])


# GUM genres whose texts may be used for any purpose (LICENSE.txt of GUM):
# academic and court CC BY 4.0, biographies and voyage CC BY-SA 3.0,
# news and interviews (Wikinews) CC BY 2.5; annotations CC BY 4.0.
GUM_GENRES = ("academic", "bio", "court", "interview", "news", "voyage")
GUM_KIND = {"person": "PER", "organization": "ORG", "place": "LOC"}
JOINERS = {"of", "the", "and", "&", "for", "on", "de", "du", "des", "la", "le", "von", "van", "der", "den", "da", "di", "y", "-", "'s", "at", "in", "upon"}
GUM_MISC = {"event", "object", "abstract", "substance", "animal", "plant"}


def gum(dep):
    docs = []
    files = sorted(f for f in os.listdir(dep) if f.endswith(".conllu") and f.split("_")[1] in GUM_GENRES and f.startswith("GUM_"))
    for f in files:
        doc = []
        for block in open(os.path.join(dep, f), encoding="utf-8").read().split("\n\n"):
            rows = [l.split("\t") for l in block.splitlines() if l and not l.startswith("#")]
            rows = [r for r in rows if re.fullmatch(r"\d+", r[0])]
            if not rows:
                continue
            words = [r[1] for r in rows]
            upos = [r[3] for r in rows]
            # Mentions: (start, end, etype, identity) from Entity=(…  …) brackets.
            open_, mentions = {}, []
            for i, r in enumerate(rows):
                m = re.search(r"Entity=([^|]*)", r[9])
                if not m:
                    continue
                for part in re.findall(r"\(?[^()]+\)?|\)", m.group(1)):
                    if part.startswith("("):
                        fields = part.strip("()").split("-")
                        eid, etype = fields[0], fields[1] if len(fields) > 1 else ""
                        identity = fields[7] if len(fields) > 7 else ""
                        if part.endswith(")"):
                            mentions.append((i, i + 1, etype, identity))
                        else:
                            open_.setdefault(eid, []).append((i, etype, identity))
                    elif part.endswith(")"):
                        eid = part.strip("()")
                        if open_.get(eid):
                            s, etype, identity = open_[eid].pop()
                            mentions.append((s, i + 1, etype, identity))
            tags = ["O"] * len(rows)
            # Outermost named mentions first; a name is the proper-noun run of the mention.
            for s, e, etype, identity in sorted(mentions, key=lambda m: (m[0], -m[1])):
                kind = GUM_KIND.get(etype) or ("MISC" if etype in GUM_MISC else None)
                # Groups of people ("White_people", "Hispanic", "Americans") are MISC in CoNLL.
                if kind == "PER" and identity and ("people" in identity.lower() or "_" not in identity and identity.endswith(("ic", "ans", "ers", "ese"))):
                    kind = "MISC"
                if not kind:
                    continue
                # The name: the mention without what leads or trails it in lower
                # case ("the", "'s", "officials"), inner words capitalised or joining.
                cap = lambda w: w[:1].isupper() or w[:1].isdigit()
                while s < e and not cap(words[s]):
                    s += 1
                while e > s and not cap(words[e - 1]):
                    e -= 1
                if s >= e or e - s > 8 or not any(upos[k] == "PROPN" for k in range(s, e)):
                    continue
                if any(not cap(words[k]) and words[k].lower() not in JOINERS for k in range(s, e)):
                    continue
                if any(t != "O" for t in tags[s:e]):
                    continue
                tags[s] = "B-" + kind
                for k in range(s + 1, e):
                    tags[k] = "I-" + kind
            doc.append(list(zip(words, tags)))
        if doc:
            docs.append(doc)
    write("gum.conll", docs)


# Universal Dependencies writes Portuguese contractions as their two words
# ("de o"); text has them whole ("do"), as the tagger will read them.
PT_CONTRACTIONS = {
    (a, b): w
    for a, row in {
        "de": {"o": "do", "a": "da", "os": "dos", "as": "das", "um": "dum", "uma": "duma", "ele": "dele",
               "ela": "dela", "eles": "deles", "elas": "delas", "este": "deste", "esta": "desta",
               "estes": "destes", "estas": "destas", "esse": "desse", "essa": "dessa", "isso": "disso",
               "isto": "disto", "aquele": "daquele", "aquela": "daquela", "aqui": "daqui", "onde": "donde"},
        "em": {"o": "no", "a": "na", "os": "nos", "as": "nas", "um": "num", "uma": "numa", "este": "neste",
               "esta": "nesta", "esse": "nesse", "essa": "nessa", "isso": "nisso", "isto": "nisto",
               "aquele": "naquele", "aquela": "naquela", "ele": "nele", "ela": "nela"},
        "a": {"o": "ao", "a": "à", "os": "aos", "as": "às", "aquele": "àquele", "aquela": "àquela"},
        "por": {"o": "pelo", "a": "pela", "os": "pelos", "as": "pelas"},
    }.items()
    for b, w in row.items()
}


def contract(sent):
    out = []
    for w, t in sent:
        if out:
            pw, pt = out[-1]
            whole = PT_CONTRACTIONS.get((pw.lower(), w.lower()))
            if whole and (t == "O" or t.startswith("I-")):
                out[-1] = (whole.capitalize() if pw[0].isupper() else whole, pt)
                continue
        out.append((w, t))
    return out


def uner(files):
    for path in files:
        docs, doc, sent = [], [], []
        for line in open(path, encoding="utf-8"):
            if line.startswith("# newdoc"):
                if doc:
                    docs.append(doc)
                doc = []
                continue
            if line.startswith("#"):
                continue
            parts = line.rstrip("\n").split("\t")
            if len(parts) < 3:
                if sent:
                    doc.append(sent)
                sent = []
                continue
            tag = parts[2] if parts[2] in ("O",) or parts[2][2:] in ("PER", "ORG", "LOC") else "O"
            sent.append((parts[1], tag))
        if sent:
            doc.append(sent)
        if os.path.basename(path).startswith("pt_"):
            doc = [contract(s) for s in doc]
            docs = [[contract(s) for s in d] for d in docs]
        if doc:
            docs.append(doc)
        write("uner-" + os.path.basename(path).replace(".iob2", ".conll"), docs)


def enp(files):
    """Europeana Newspapers NER (CC0): one token a line, no sentence breaks;
    sentences cut after . ! ? before a capitalised word, 20 to a document."""
    for path in files:
        toks = []
        for line in open(path, encoding="utf-8", errors="replace"):
            parts = line.split()
            if len(parts) < 2 or line.startswith("#"):
                continue
            tag = parts[-1] if parts[-1][2:] in ("PER", "ORG", "LOC") else "O"
            toks.append((parts[0], tag))
        sents, cur = [], []
        for i, (w, t) in enumerate(toks):
            cur.append((w, t))
            nxt = toks[i + 1][0] if i + 1 < len(toks) else ""
            if w in (".", "!", "?") and nxt[:1].isupper() and len(cur) >= 4:
                sents.append(iob2(cur))
                cur = []
        if cur:
            sents.append(iob2(cur))
        docs = [sents[i:i + 20] for i in range(0, len(sents), 20)]
        write("enp-" + os.path.basename(path).replace(".bio", ".conll"), docs)


if __name__ == "__main__":
    cmd = sys.argv[1] if len(sys.argv) > 1 else ""
    if cmd == "halves":
        halves()
    elif cmd == "gum":
        gum(sys.argv[2])
    elif cmd == "enp":
        enp(sys.argv[2:])
    elif cmd == "uner":
        uner(sys.argv[2:])
    else:
        sys.exit(__doc__)
