"""`kg build`: articles in, graph files out. The pipeline's only orchestrator.

read/normalise → split → extract (per article, in parallel when there are many) → merge →
RDF → write graph.ttl and graph.html atomically. Bad files are reported and skipped.
"""
from __future__ import annotations

import os
import sys
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from kg import atomic
from kg.recognise import gazetteer
from kg.text import ingest
from kg.errors import E, KgError
from kg.extract import extract
from kg.rdf.graph import build_graph, to_turtle
from kg.rdf.link import merge
from kg.text.normalize import normalize
from kg.records import ENTITY_TYPES, RELATIONS, Article, Extraction
from kg.text.split import split_articles

PARALLEL_FROM = 40  # articles; below this, worker start-up costs more than it saves


@dataclass
class BuildReport:
    files: int = 0
    articles: int = 0
    errors: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    entities: Counter = field(default_factory=Counter)
    relations: Counter = field(default_factory=Counter)
    triples: int = 0

    def summary(self) -> str:
        lines = [f"read {self.files} files, {self.articles} articles; {self.triples} triples"]
        lines.append("entities: " + ", ".join(f"{t} {self.entities.get(t, 0)}" for t in ENTITY_TYPES))
        lines.append("relations: " + ", ".join(f"{r} {self.relations.get(r, 0)}" for r in RELATIONS))
        lines += [f"note: {n}" for n in self.notes]
        lines += [f"warning: {w}" for w in self.errors]
        return "\n".join(lines)


def read_articles(inputs: list[str], report: BuildReport) -> list[Article]:
    files, skipped = ingest.find_files(inputs)
    report.notes += [f"skipped {s.path}: {s.reason}" for s in skipped]
    articles: list[Article] = []
    for item in ingest.read_all(files):
        if isinstance(item, KgError):
            report.errors.append(item.line())
            continue
        report.files += 1
        text = normalize(item.raw)
        if not text.strip():
            report.errors.append(KgError(E.E003, path=item.path).line())
            continue
        articles += split_articles(item.name, text)
    if not articles and not report.errors:
        raise KgError(E.E005, paths=" ".join(inputs))
    report.articles = len(articles)
    return articles


_GAZ = None


def _init_worker() -> None:
    global _GAZ
    _GAZ = gazetteer.load()


def _extract_one(article: Article) -> Extraction:
    return extract(article, _GAZ or gazetteer.load())


def extract_all(articles: list[Article], workers: int | None = None, progress=None) -> list[Extraction]:
    workers = workers if workers is not None else (min(4, os.cpu_count() or 1) if len(articles) >= PARALLEL_FROM else 1)
    out: list[Extraction] = []
    if workers <= 1:
        gaz = gazetteer.load()
        for a in articles:
            out.append(extract(a, gaz))
            if progress:
                progress()
        return out
    with ProcessPoolExecutor(max_workers=workers, initializer=_init_worker) as pool:
        for x in pool.map(_extract_one, articles, chunksize=8):
            out.append(x)
            if progress:
                progress()
    return out


def build(inputs: list[str], out_dir: str | Path, workers: int | None = None, html: bool = True,
          show_progress: bool = True) -> BuildReport:
    report = BuildReport()
    articles = read_articles(inputs, report)
    extractions = _with_progress(articles, workers, show_progress)
    kg = merge(extractions)
    g = build_graph(kg)
    report.triples = len(g)
    for e in kg.entities.values():
        report.entities[e.type] += 1
    for (_s, p, _o) in kg.facts:
        report.relations[p] += 1
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    atomic.write_bytes(out / "graph.ttl", to_turtle(g))
    if html:
        from kg.page.render import render_page
        atomic.write_text(out / "graph.html", render_page(g))
    from kg.query.stores.oxigraph import write_store
    write_store(g, out)
    return report


def _with_progress(articles: list[Article], workers: int | None, show: bool) -> list[Extraction]:
    if not show or not sys.stderr.isatty():
        return extract_all(articles, workers)
    from rich.console import Console
    from rich.progress import Progress
    with Progress(transient=True, console=Console(stderr=True)) as bar:
        task = bar.add_task("extracting", total=len(articles))
        return extract_all(articles, workers, lambda: bar.advance(task))


