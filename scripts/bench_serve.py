#!/usr/bin/env python
"""Benchmark `kg serve` under load (issue 12): many parallel clients of a cheap saved query,
and a cheap query's latency while long queries hold workers.

1. ``--requests`` (200) GETs of a saved query from ``--clients`` (50) parallel clients, each on a
   new connection: p50, p99 and max latency, and the errors if any.
2. Three long ad-hoc queries (a triple cross product, stopped by the time limit) are started;
   while they run, the cheap saved query is asked ``--probes`` (5) times, one after another:
   each latency, and whether the long ones were still running.

The server is started on a built folder (``--dir``, default: builds ../shared/corpus into a
temporary folder) with the defaults of `kg serve` (2 workers + 1 quick worker), except the time
limit (``--time-limit``, 5 s) so the long queries stay long but the run stays short. Both runs are
made twice: with the answer cache (the default; the saved query is answered from memory after
its first run) and without it (--cache-mb 0: every request goes to a worker).
Targets: p99 <= 300 ms; the cheap query <= 200 ms while three long queries run.

usage: .venv/bin/python scripts/bench_serve.py [--dir OUT] [--clients 50] [--requests 200]
"""
from __future__ import annotations

import argparse
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHEAP = "/queries/place-by-code?" + urllib.parse.urlencode({"code": "430102012002"})
LONG = "/sparql?query=" + urllib.parse.quote("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }")


def get(url: str) -> tuple[int, float]:
    start = time.perf_counter()
    try:
        with urllib.request.urlopen(url, timeout=60) as r:
            r.read()
            status = r.status
    except urllib.error.HTTPError as e:
        status = e.code
    except OSError:
        status = 0
    return status, (time.perf_counter() - start) * 1000


def start_server(out: str, time_limit: float, cache_mb: int = 64) -> tuple[subprocess.Popen, str]:
    proc = subprocess.Popen([sys.executable, "-m", "kg", "serve", "--port", "0", "-d", out,
                             "--time-limit", str(time_limit), "--cache-mb", str(cache_mb)], cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    line = proc.stderr.readline()
    m = re.search(r"127\.0\.0\.1:(\d+)", line)
    if not m:
        proc.kill()
        sys.exit(f"server did not start: {line}")
    threading.Thread(target=lambda: proc.stderr.read(), daemon=True).start()  # drain the access log
    return proc, f"http://127.0.0.1:{m.group(1)}"


def percentile(values: list[float], p: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, max(0, round(p / 100 * len(s) + 0.5) - 1))]


def parallel(base: str, clients: int, requests: int) -> None:
    for _ in range(5):  # warm the workers
        get(base + CHEAP)
    with ThreadPoolExecutor(clients) as pool:
        results = list(pool.map(lambda _: get(base + CHEAP), range(requests)))
    ms = [t for _, t in results]
    bad = [s for s, _ in results if s != 200]
    print(f"{requests} requests, {clients} parallel clients: p50 {statistics.median(ms):.0f} ms, "
          f"p99 {percentile(ms, 99):.0f} ms, max {max(ms):.0f} ms, errors {len(bad)} {sorted(set(bad)) or ''}")


def beside_long(base: str, probes: int) -> None:
    done: list[float] = []
    long_threads = [threading.Thread(target=lambda: done.append(get(base + LONG)[1])) for _ in range(3)]
    for t in long_threads:
        t.start()
    time.sleep(0.5)
    lat = []
    for _ in range(probes):
        status, t = get(base + CHEAP)
        lat.append(t)
        if status != 200:
            print(f"  cheap query answered {status}")
    running = 3 - len(done)
    for t in long_threads:
        t.join()
    print(f"cheap query while 3 long queries run ({running} still running after the probes): "
          + ", ".join(f"{t:.0f}" for t in lat) + f" ms (max {max(lat):.0f} ms); long ones took "
          + ", ".join(f"{t / 1000:.1f}" for t in sorted(done)) + " s")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--dir", default=None, help="a built folder (default: build ../shared/corpus)")
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--requests", type=int, default=200)
    ap.add_argument("--probes", type=int, default=5)
    ap.add_argument("--time-limit", type=float, default=5.0)
    args = ap.parse_args()
    out = args.dir
    if out is None:
        out = tempfile.mkdtemp(prefix="bench-serve-")
        subprocess.run([sys.executable, "-m", "kg", "build", str(ROOT.parent / "shared" / "corpus"), "--out", out,
                        "--no-html"], cwd=ROOT, check=True, stderr=subprocess.DEVNULL)
    for cache_mb in (64, 0):
        print(f"answer cache {'on (the default)' if cache_mb else 'off (--cache-mb 0)'}:")
        proc, base = start_server(out, args.time_limit, cache_mb)
        try:
            parallel(base, args.clients, args.requests)
            beside_long(base, args.probes)
        finally:
            proc.terminate()
            proc.wait(10)


if __name__ == "__main__":
    main()
