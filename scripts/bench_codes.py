#!/usr/bin/env python
"""What the codes below the county cost a build: `kg build` of a corpus with the code linking
on and off (alternating runs, one process each, so every run pays the data's first read), and
the time spent in the linking itself.

usage: .venv/bin/python scripts/bench_codes.py [CORPUS] [--runs 3]
Target (issue 14): the sample corpus builds within 0.5 s of its time without the codes.
"""
from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_RUN = """
import sys, time
from kg.recognise import link_codes
spent = [0.0]
link = link_codes.link
def timed(*a, **k):
    t = time.perf_counter(); r = link(*a, **k); spent[0] += time.perf_counter() - t; return r
link_codes.link = timed if sys.argv[1] == "on" else (lambda *a, **k: {})
from kg.build import build
t = time.perf_counter()
build([sys.argv[2]], sys.argv[3], workers=1)
print(time.perf_counter() - t, spent[0])
"""


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus", nargs="?", default=str(ROOT.parent / "shared" / "corpus"))
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    times: dict[str, list[float]] = {"on": [], "off": []}
    linking: list[float] = []
    with tempfile.TemporaryDirectory() as tmp:
        for _ in range(args.runs):
            for mode in (("off", "on") if _ % 2 else ("on", "off")):
                out = subprocess.run([sys.executable, "-c", _RUN, mode, args.corpus, f"{tmp}/{mode}"],
                                     capture_output=True, text=True, check=True, cwd=ROOT).stdout.split()
                times[mode].append(float(out[0]))
                if mode == "on":
                    linking.append(float(out[1]))
    on, off = statistics.median(times["on"]), statistics.median(times["off"])
    print(f"build without codes {off:.2f} s, with codes {on:.2f} s (median of {args.runs}): {on - off:+.2f} s; "
          f"linking itself {statistics.median(linking) * 1000:.0f} ms")
    print("runs without:", " ".join(f"{t:.2f}" for t in times["off"]), "with:", " ".join(f"{t:.2f}" for t in times["on"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
