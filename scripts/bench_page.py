#!/usr/bin/env python
"""Benchmark the graph page: generate graphs of 1,000 and 10,000 entities shaped like ours,
time page generation (kg.render.render_page) and time to first paint in headless Chromium
(navigation start → vis-network's first afterDrawing event).

usage: .venv/bin/python scripts/bench_page.py [--sizes 1000 10000] [--chromium /usr/bin/chromium]
Targets (issue 5): a 10,000-node page generated in ≤ 5 s and drawn in ≤ 3 s.
"""
from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from rdflib import Graph, Literal  # noqa: E402
from rdflib.namespace import PROV, RDF, RDFS  # noqa: E402

from bench_query import CHARS  # noqa: E402  (same name pool as the query benchmark)
from kg.page.render import render_page  # noqa: E402
from kg.rdf.vocab import SHEQU, article_iri, entity_iri, statement_iri  # noqa: E402

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]


def synthetic(n_entities: int, seed: int = 3) -> Graph:
    """Districts › streets › communities, with backers and projects, plus evidence statements."""
    rnd = random.Random(seed)
    g = Graph()
    name = lambda k=2: "".join(rnd.choice(CHARS) for _ in range(k))  # noqa: E731
    art = article_iri("bench.txt#0")
    g.add((art, RDF.type, SHEQU.Article))
    count = 0

    def entity(key, t, label):
        nonlocal count
        node = entity_iri(key)
        g.add((node, RDF.type, SHEQU[t]))
        g.add((node, RDFS.label, Literal(label, lang="zh")))
        count += 1
        return node

    def fact(s, p, o):
        g.add((s, SHEQU[p], o))
        st = statement_iri(s, p, o)
        for pred, obj in [(RDF.type, SHEQU.Evidence), (RDF.subject, s), (RDF.predicate, SHEQU[p]), (RDF.object, o),
                          (PROV.wasDerivedFrom, art), (SHEQU.sentence, Literal("示例句子。", lang="zh"))]:
            g.add((st, pred, obj))

    d = 0
    while count < n_entities:
        dist = entity(f"place/{110101 + d}", "District", name() + "区")
        d += 1
        for s in range(5):
            street = entity(f"place/{d}/{s}", "Subdistrict", name() + "街道")
            fact(street, "locatedIn", dist)
            for c in range(4):
                comm = entity(f"place/{d}/{s}/{c}", "Community", name() + "社区")
                fact(comm, "locatedIn", street)
                for k in range(rnd.randrange(1, 4)):
                    fact(comm, "hasProject", entity(f"project/{d}/{s}/{c}/{k}", "Project", name(4)))
                if rnd.random() < 0.5:
                    fact(entity(f"org/{d}/{s}/{c}", "Organization", name(3) + "公司"), "supports", comm)
                if count >= n_entities:
                    return g
    return g


def first_paint(path: Path, chromium: str, runs: int) -> float:
    from playwright.sync_api import sync_playwright
    times = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=ARGS)
        for _ in range(runs):
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            page.goto(path.resolve().as_uri(), wait_until="commit")
            page.wait_for_function("window.kgFirstPaint !== undefined", timeout=60_000)
            times.append(page.evaluate("window.kgFirstPaint") / 1000)  # ms since navigation start
            page.close()
        browser.close()
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    ap.add_argument("--chromium", default="/usr/bin/chromium")
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    print(f"{'entities':>9}{'triples':>10}{'generate s':>12}{'page MB':>9}{'first paint s':>15}")
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            g = synthetic(n)
            t = time.perf_counter()
            page = render_page(g)
            gen = time.perf_counter() - t
            path = Path(tmp) / f"graph-{n}.html"
            path.write_text(page, encoding="utf-8")
            paint = first_paint(path, args.chromium, args.runs) if Path(args.chromium).exists() else float("nan")
            print(f"{n:>9}{len(g):>10}{gen:>12.2f}{len(page) / 1e6:>9.1f}{paint:>15.2f}", flush=True)


if __name__ == "__main__":
    main()
