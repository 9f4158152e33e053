"""`kg build`: articles in, graph files out. The pipeline's only orchestrator.

read/normalise → split → extract (per article, in parallel when there are many) → merge →
RDF → a new output generation (graph.ttl, graph.html, store/) made current in one step
(kg/atomic.py). Bad files are reported and skipped; when no article could be read, nothing is
written and the old output stays.
"""
from __future__ import annotations

import ctypes
import os
import shutil
import signal
import sys
import time
from collections import Counter
from collections.abc import Callable
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
from kg.text.normalize import has_visible_text, normalize
from kg.records import ENTITY_TYPES, RELATIONS, Article, Extraction
from kg.text.split import split_articles

PARALLEL_FROM = 40  # articles; below this, worker start-up costs more than it saves
OUTPUTS = ("graph.ttl", "graph.html", "store")
PROGRESS_EVERY_S = 5.0  # a progress line at most this often when stderr is not a terminal


@dataclass
class BuildReport:
    files: int = 0
    articles: int = 0
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    entities: Counter = field(default_factory=Counter)
    relations: Counter = field(default_factory=Counter)
    triples: int = 0

    def summary(self) -> str:
        lines = [f"read {self.files} files, {self.articles} articles; {self.triples} triples"]
        lines.append("entities: " + ", ".join(f"{t} {self.entities.get(t, 0)}" for t in ENTITY_TYPES))
        lines.append("relations: " + ", ".join(f"{r} {self.relations.get(r, 0)}" for r in RELATIONS))
        lines += [f"note: {n}" for n in self.notes]
        if self.errors or self.warnings:
            lines.append(f"{len(self.errors)} errors, {len(self.warnings)} warnings (each said above)")
        return "\n".join(lines)


def read_articles(inputs: list[str], report: BuildReport, max_file_bytes: int | None = ingest.MAX_FILE_BYTES,
                  log: Callable[[str], None] = lambda line: None, tick=None,
                  exclude: Path | None = None) -> list[Article]:
    def error(e: KgError) -> None:
        report.errors.append(e.line())
        log(e.line())

    found = ingest.find_files(inputs, exclude)
    report.notes += [f"skipped {s.path}: {s.reason}" for s in found.skipped]
    for e in found.errors:
        error(e)
    articles: list[Article] = []
    for item in ingest.read_all(found.files, max_file_bytes):
        if tick:
            tick()
        if isinstance(item, KgError):
            error(item)
            continue
        report.files += 1
        if item.replaced:
            w = KgError(E.E064, path=item.path, count=item.replaced, encoding=item.encoding).warning()
            report.warnings.append(w)
            log(w)
        text = normalize(item.raw)
        if not has_visible_text(text):
            error(KgError(E.E003, path=item.path))
            continue
        articles += split_articles(item.name, text)
    if not articles and not report.errors:
        raise KgError(E.E005, paths=" ".join(inputs))
    report.articles = len(articles)
    return articles


_GAZ = None


def _init_worker(parent: int) -> None:
    """Extraction workers die with the build: the kernel kills them when it does (Linux)."""
    global _GAZ
    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (AttributeError, OSError):
        pass
    try:
        os.kill(parent, 0)
    except ProcessLookupError:  # the build died before the line above took effect
        os._exit(1)
    except PermissionError:
        pass
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
    with ProcessPoolExecutor(max_workers=workers, initializer=_init_worker, initargs=(os.getpid(),)) as pool:
        for x in pool.map(_extract_one, articles, chunksize=8):
            out.append(x)
            if progress:
                progress()
            atomic.pause_point("extracting")
    return out


def build(inputs: list[str], out_dir: str | Path, workers: int | None = None, html: bool = True,
          show_progress: bool = True, max_file_bytes: int | None = ingest.MAX_FILE_BYTES,
          log: Callable[[str], None] | None = None, progress_every: float = PROGRESS_EVERY_S) -> BuildReport:
    """Build the graph of ``inputs`` into ``out_dir``. ``log`` gets each error and warning line
    as it happens; progress goes to stderr (a bar on a terminal, else a line now and then)."""
    report = BuildReport()
    lines = show_progress and not sys.stderr.isatty()
    tick = _Ticker("read", None, progress_every) if lines else None
    articles = read_articles(inputs, report, max_file_bytes, log or (lambda line: None), tick, Path(out_dir))
    if not articles:
        raise KgError(E.E060, paths=" ".join(inputs), out=out_dir)
    extractions = _with_progress(articles, workers, show_progress, progress_every)
    kg = merge(extractions)
    g = build_graph(kg)
    report.triples = len(g)
    for e in kg.entities.values():
        report.entities[e.type] += 1
    for (_s, p, _o) in kg.facts:
        report.relations[p] += 1
    write_outputs(g, Path(out_dir), html)
    return report


def write_outputs(g, out: Path, html: bool = True) -> Path:
    """Write graph.ttl, graph.html and the store as a new generation of ``out`` and make it
    current in one step; returns the generation's folder."""
    from kg.query.stores.oxigraph import STORE_DIR, fill_store

    lock = atomic.OutputLock(out)
    if not lock.acquire():
        raise KgError(E.E061, path=out)
    try:
        gens = atomic.Generations(out, OUTPUTS)
        tmp = gens.new()
        try:
            (tmp / "graph.ttl").write_bytes(to_turtle(g))
            if html:
                from kg.page.render import render_page
                (tmp / "graph.html").write_bytes(render_page(g).encode("utf-8"))
            atomic.pause_point("writing")
            fill_store(tmp / STORE_DIR, g.serialize(format="nt", encoding="utf-8"))
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
        return gens.commit(tmp)
    finally:
        lock.release()


class _Ticker:
    """Counts done items and prints a progress line to stderr at most every ``every`` seconds."""

    def __init__(self, what: str, total: int | None, every: float):
        self.what, self.total, self.every = what, total, every
        self.done = 0
        self.start = self.last = time.monotonic()

    def __call__(self) -> None:
        self.done += 1
        now = time.monotonic()
        closing = self.done == self.total and self.last > self.start  # after earlier lines, the last one
        if now - self.last >= self.every or closing:
            self.last = now
            of = f"/{self.total}" if self.total is not None else ""
            print(f"progress: {self.what} {self.done}{of} {'articles' if self.total else 'files'}, "
                  f"{now - self.start:.0f} s", file=sys.stderr, flush=True)


def _with_progress(articles: list[Article], workers: int | None, show: bool, every: float) -> list[Extraction]:
    if not show:
        return extract_all(articles, workers)
    if not sys.stderr.isatty():
        return extract_all(articles, workers, _Ticker("extracted", len(articles), every))
    from rich.console import Console
    from rich.progress import Progress
    with Progress(transient=True, console=Console(stderr=True)) as bar:
        task = bar.add_task("extracting", total=len(articles))
        return extract_all(articles, workers, lambda: bar.advance(task))
