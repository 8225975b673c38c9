"""Time trafilatura.extract over every .html.gz page in DIR (best of RUNS)."""
import gzip, json, pathlib, sys, time
import trafilatura

def main():
    folder, runs = pathlib.Path(sys.argv[1]), int(sys.argv[2])
    pages = [gzip.decompress(p.read_bytes()).decode("utf-8", "replace") for p in sorted(folder.glob("*.html.gz"))]
    best = None
    for _ in range(runs):
        t = time.perf_counter()
        for html in pages:
            try:
                trafilatura.extract(html)
            except Exception:
                pass
        secs = time.perf_counter() - t
        best = secs if best is None else min(best, secs)
    print(json.dumps({"version": trafilatura.__version__, "seconds": best}))

main()
