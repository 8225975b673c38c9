"""Time lucid_reader.extract (the Python package) over every .html.gz page in
DIR, one thread, best of RUNS. Prints one JSON line: {"version", "seconds"}."""
import gzip, json, pathlib, sys, time
import lucid_reader

def main():
    folder, runs = pathlib.Path(sys.argv[1]), int(sys.argv[2])
    pages = [gzip.decompress(p.read_bytes()) for p in sorted(folder.glob("*.html.gz"))]
    best = None
    for _ in range(runs):
        t = time.perf_counter()
        for html in pages:
            try:
                lucid_reader.extract(html)
            except lucid_reader.ExtractionError:
                pass
        secs = time.perf_counter() - t
        best = secs if best is None else min(best, secs)
    print(json.dumps({"version": lucid_reader.__version__, "seconds": best}))

main()
