"""The default store: an embedded on-disk Oxigraph database in DIR/store, written beside
graph.ttl by `kg build`. No server to start; opened read-only, so any number of readers
(`kg query`, `kg serve` workers) can share it while a new build swaps in a fresh copy."""
from __future__ import annotations

import time
from pathlib import Path
from typing import Mapping

import pyoxigraph as ox
from rdflib import Graph
from rdflib.term import Identifier

from kg import atomic
from kg.errors import E, KgError
from kg.query.results import QueryResult, to_rdflib
from kg.query.sparql import guard, syntax_error, bind, star_order
from kg.rdf.vocab import PREFIXES
from kg.query.stores import Store

STORE_DIR = "store"
PIECE_TRIPLES = 250_000  # triples per bulk load of a large graph.ttl: ~300 MB of the loader's memory
_PREFIXES = {p: str(ns) for p, ns in PREFIXES.items()}


def write_store(g: Graph, out: Path) -> None:
    """Load the graph into a fresh on-disk store in a temporary folder, then swap it in."""
    data = g.serialize(format="nt", encoding="utf-8")
    atomic.replace_dir(out / STORE_DIR, lambda tmp: fill_store(tmp, data))


def fill_store(path: Path, ntriples: bytes | None = None, turtle_file: Path | None = None,
               pieces: list[int] | None = None) -> None:
    """Bulk-load N-Triples (bytes) or a Turtle file into a new store at ``path`` and compact it.
    `kg build` loads the graph.ttl it has just written, so the graph is never held in memory a
    second time as N-Triples.

    Oxigraph's bulk loader holds about 1.3 KB per triple it loads at once (1.6 GB for a file of
    4.2M triples): with ``pieces`` (the offsets where graph.ttl's pieces of PIECE_TRIPLES begin,
    the first after the prefixes; kg.rdf.writer.write_turtle), the file is loaded one piece at a
    time, each with the prefixes before it, and memory stays that of one piece.

    A bulk load leaves many sorted files; compacting them into fewer (``optimize``) makes
    every lookup cheaper for all later readers: about 20-30 % off row-heavy queries on a
    million triples (scripts/bench_query.py), for about a second of build time.
    """
    store = ox.Store(str(path))
    if turtle_file is not None and pieces and len(pieces) > 1:
        with open(turtle_file, "rb") as f:
            prefixes = f.read(pieces[0])
            ends = pieces[1:] + [f.seek(0, 2)]
            for start, end in zip(pieces, ends):
                f.seek(start)
                store.bulk_load(prefixes + f.read(end - start), ox.RdfFormat.TURTLE)
    elif turtle_file is not None:
        store.bulk_load(path=str(turtle_file), format=ox.RdfFormat.TURTLE)
    else:
        store.bulk_load(ntriples, ox.RdfFormat.N_TRIPLES)
    store.optimize()
    store.flush()
    del store


class OxigraphStore(Store):
    name = "oxigraph"

    def __init__(self, location: str | Path = "output"):
        path = Path(location)
        if path.name != STORE_DIR:
            path = path / STORE_DIR
        if not path.is_dir():
            raise KgError(E.E030, path=str(path.parent))
        self.path = path
        # DIR/store is a symlink through DIR/current (kg/atomic.py): open the generation it names
        # now, so that a build swapping in a new one never mixes two stores under one handle
        self._store = ox.Store.read_only(str(path.resolve()))

    def query(self, text: str, bindings: Mapping[str, Identifier] | None = None,
              max_rows: int | None = None) -> QueryResult:
        guard(text)
        text = bind(text, bindings)
        start = time.perf_counter()
        try:
            answer = self._store.query(text, prefixes=_PREFIXES)
        except SyntaxError as e:
            raise syntax_error(text, str(e)) from None
        except RuntimeError as e:  # an evaluation error Oxigraph reports (e.g. an unsupported feature)
            raise KgError(E.E028, detail=str(e)) from None
        if isinstance(answer, ox.QueryBoolean):
            result = QueryResult("ask", boolean=bool(answer))
        elif isinstance(answer, ox.QueryTriples):
            result = QueryResult("graph", triples=[(to_rdflib(t.subject), to_rdflib(t.predicate),
                                                    to_rdflib(t.object)) for t in answer])
        else:
            names = [v.value for v in answer.variables]
            result = QueryResult("select", vars=names)
            for i, sol in enumerate(answer):
                if max_rows is not None and i >= max_rows:
                    result.truncated = True
                    break
                result.rows.append(tuple(sol))  # Oxigraph terms; results.parts() reads them
        result.elapsed_ms = (time.perf_counter() - start) * 1000
        return result.in_order(star_order(text))

    def close(self) -> None:
        self._store = None
