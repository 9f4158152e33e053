#!/usr/bin/env python
"""Long fuzz runs of decode → normalise → split → extract: the properties of tests/test_fuzz.py
(tests/fuzz_props.py) with fresh random inputs and a large budget. A failure prints the smallest
input hypothesis found and exits 1.

usage: .venv/bin/python scripts/fuzz.py [--examples 20000] [--extract-examples 2000] [--seed N]
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from hypothesis import HealthCheck, given, seed, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from kg.recognise import gazetteer  # noqa: E402
from tests import fuzz_props as p  # noqa: E402


def _split(raw: str) -> None:
    p.check_pipeline(raw)  # hypothesis wants None back, not the articles


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--examples", type=int, default=20_000, help="inputs per text/bytes property")
    ap.add_argument("--extract-examples", type=int, default=2_000, help="short texts run through extract")
    ap.add_argument("--seed", type=int, default=None, help="repeat a run")
    args = ap.parse_args()
    gaz = gazetteer.load()
    many = settings(max_examples=args.examples, deadline=None, database=None,
                    suppress_health_check=list(HealthCheck))
    few = settings(many, max_examples=args.extract_examples)
    runs = {
        "decode any bytes": many(given(st.binary(max_size=4000))(p.check_decode)),
        "one stray byte in UTF-8": many(given(st.text(p.CJK, min_size=20, max_size=400),
                                              st.integers(min_value=0))(p.check_broken_utf8)),
        "normalise and split": many(given(p.texts)(_split)),
        "extract short texts": few(given(p.short_texts)(lambda raw: p.check_extract(raw, gaz))),
    }
    failed = 0
    for name, run in runs.items():
        if args.seed is not None:
            run = seed(args.seed)(run)
        start = time.perf_counter()
        try:
            run()
            print(f"ok    {name} ({time.perf_counter() - start:.0f} s)", flush=True)
        except Exception as e:  # hypothesis has printed the falsifying example
            failed += 1
            print(f"FAIL  {name}: {type(e).__name__}: {e}", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
