#!/usr/bin/env python3
"""Replace the block between `<!-- NAME -->` and `<!-- /NAME -->` in a doc
with a file's text and a line under it.
usage: doc-block.py DOC NAME FILE [NOTE]"""
import sys

doc, name, src = sys.argv[1:4]
note = sys.argv[4] if len(sys.argv) > 4 else ""
a, b = f"<!-- {name} -->", f"<!-- /{name} -->"
body = open(doc, encoding="utf-8").read()
if a not in body or b not in body:
    sys.exit(f"doc-block: {doc} has no {a} … {b} markers")
block = open(src, encoding="utf-8").read().rstrip("\n")
new = body[: body.index(a) + len(a)] + "\n" + block + ("\n\n" + note if note else "") + "\n" + body[body.index(b):]
open(doc, "w", encoding="utf-8").write(new)
print(f"written {doc} ({name})")
