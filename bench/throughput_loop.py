"""Time one extractor in a loop over every .html.gz page in DIR, one thread,
best of RUNS; the pages are read and decompressed beforehand. Prints one
JSON line: {"version", "seconds"}.

    python bench/throughput_loop.py trafilatura|lucid_reader DIR RUNS"""
import gzip, json, pathlib, sys, time


def extractor(name):
    if name == "trafilatura":
        import trafilatura
        return trafilatura.__version__, lambda b: trafilatura.extract(b.decode("utf-8", "replace"))
    if name == "lucid_reader":
        import lucid_reader
        return lucid_reader.__version__, lucid_reader.extract
    sys.exit(f"unknown extractor {name!r}")


def main():
    name, folder, runs = sys.argv[1], pathlib.Path(sys.argv[2]), int(sys.argv[3])
    version, extract = extractor(name)
    pages = [gzip.decompress(p.read_bytes()) for p in sorted(folder.glob("*.html.gz"))]
    best = None
    for _ in range(runs):
        t = time.perf_counter()
        for html in pages:
            try:
                extract(html)
            except Exception:  # a page an extractor cannot read still cost its time
                pass
        secs = time.perf_counter() - t
        best = secs if best is None else min(best, secs)
    print(json.dumps({"version": version, "seconds": best}))


main()
