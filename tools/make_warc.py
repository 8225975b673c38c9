#!/usr/bin/env python3
"""Write a WARC file of saved pages, as a crawler would have stored them:
for each page a request record and a response record (HTTP head with a
Content-Type and charset, the page as the body, gzip content coding for
every third), and every tenth page also an image response, so that readers
must skip what is not HTML. `--records N` repeats the pages (each copy at
its own URL) until N HTML responses are written. With `.gz`, each record is
its own gzip member, as in Common Crawl.

    python3 tools/make_warc.py OUT.warc[.gz] DIR [--records N]

DIR holds `.html` or `.html.gz` pages (e.g. ../shared/corpus/aeb-dev/html).
Standard library only."""
import argparse
import gzip
import io
import os
import sys
import uuid


def record(kind, url, content_type, block, n):
    rid = uuid.UUID(int=n)
    head = (
        f"WARC/1.1\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:{rid}>\r\n"
        f"WARC-Date: 2024-05-01T10:00:00Z\r\nWARC-Target-URI: {url}\r\n"
        f"Content-Type: {content_type}\r\nContent-Length: {len(block)}\r\n\r\n"
    )
    return head.encode() + block + b"\r\n\r\n"


def pages(folder):
    for name in sorted(os.listdir(folder)):
        path = os.path.join(folder, name)
        if name.endswith(".html.gz"):
            with gzip.open(path, "rb") as f:
                yield name[: -len(".html.gz")], f.read()
        elif name.endswith(".html"):
            with open(path, "rb") as f:
                yield name[: -len(".html")], f.read()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out")
    ap.add_argument("folder")
    ap.add_argument("--records", type=int, default=0, help="HTML responses to write (default: one per page)")
    args = ap.parse_args()
    source = list(pages(args.folder))
    if not source:
        sys.exit(f"make_warc: no .html or .html.gz pages in {args.folder}")
    total = args.records or len(source)
    gz = args.out.endswith(".gz")
    n = 0
    with open(args.out, "wb") as out:
        def write(data):
            if gz:
                buf = io.BytesIO()
                with gzip.GzipFile(fileobj=buf, mode="wb", compresslevel=6, mtime=0) as member:
                    member.write(data)
                data = buf.getvalue()
            out.write(data)

        write(record("warcinfo", "", "application/warc-fields", b"software: lucid tools/make_warc.py\r\n", 0))
        for i in range(total):
            name, html = source[i % len(source)]
            copy = i // len(source)
            url = f"https://pages.example/{name}" + (f"?copy={copy}" if copy else "")
            n += 1
            write(record("request", url, "application/http; msgtype=request", f"GET /{name} HTTP/1.1\r\nHost: pages.example\r\n\r\n".encode(), n))
            head = "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
            body = html
            if i % 3 == 2:
                head += "Content-Encoding: gzip\r\n"
                body = gzip.compress(html, mtime=0)
            n += 1
            write(record("response", url, "application/http; msgtype=response", (head + "\r\n").encode() + body, n))
            if i % 10 == 9:
                n += 1
                write(record("response", url + ".png", "application/http; msgtype=response", b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG\r\n", n))
    print(f"make_warc: {total} HTML responses ({n + 1} records) -> {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
