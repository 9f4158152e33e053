"""The default store: an embedded on-disk Oxigraph database in DIR/store, written beside
graph.ttl by `kg build`. No server to start; opened read-only, so any number of readers
(`kg query`, `kg serve` workers) can share it while a new build swaps in a fresh copy."""
from __future__ import annotations

import time
from pathlib import Path
from typing import Mapping

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Identifier

from .. import atomic
from ..errors import E, KgError
from ..results import QueryResult
from ..sparql import guard, syntax_error
from ..vocab import PREFIXES
from . import Store

STORE_DIR = "store"
_PREFIXES = {p: str(ns) for p, ns in PREFIXES.items()}
_PLAIN = {str(XSD.string), "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"}


def write_store(g: Graph, out: Path) -> None:
    """Load the graph into a fresh on-disk store in a temporary folder, then swap it in."""
    data = g.serialize(format="nt", encoding="utf-8")

    def fill(tmp: Path) -> None:
        store = ox.Store(str(tmp))
        store.bulk_load(data, ox.RdfFormat.N_TRIPLES)
        store.flush()
        del store

    atomic.replace_dir(out / STORE_DIR, fill)


def to_rdflib(t) -> Identifier | None:
    if t is None:
        return None
    if isinstance(t, ox.NamedNode):
        return URIRef(t.value)
    if isinstance(t, ox.BlankNode):
        return BNode(t.value)
    if t.language:
        return Literal(t.value, lang=t.language)
    dt = t.datatype.value
    return Literal(t.value, datatype=None if dt in _PLAIN else URIRef(dt))


def to_oxigraph(t: Identifier):
    if isinstance(t, URIRef):
        return ox.NamedNode(str(t))
    if isinstance(t, BNode):
        return ox.BlankNode(str(t))
    if t.language:
        return ox.Literal(str(t), language=t.language)
    return ox.Literal(str(t), datatype=ox.NamedNode(str(t.datatype)) if t.datatype else None)


class OxigraphStore(Store):
    name = "oxigraph"

    def __init__(self, location: str | Path = "output"):
        path = Path(location)
        if path.name != STORE_DIR:
            path = path / STORE_DIR
        if not path.is_dir():
            raise KgError(E.E030, path=str(path.parent))
        self.path = path
        self._store = ox.Store.read_only(str(path))

    @classmethod
    def from_store(cls, store: ox.Store) -> "OxigraphStore":
        """Wrap an already open (for instance in-memory) pyoxigraph store; used by benchmarks."""
        self = cls.__new__(cls)
        self.path, self._store = None, store
        return self

    def query(self, text: str, bindings: Mapping[str, Identifier] | None = None,
              max_rows: int | None = None) -> QueryResult:
        guard(text)
        subs = {ox.Variable(k): to_oxigraph(v) for k, v in (bindings or {}).items()}
        start = time.perf_counter()
        try:
            answer = self._store.query(text, prefixes=_PREFIXES, substitutions=subs or None)
        except SyntaxError as e:
            raise syntax_error(text, str(e)) from None
        except RuntimeError as e:  # e.g. a bound parameter missing from SELECT's projection
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
                result.rows.append(tuple(to_rdflib(sol[k]) for k in range(len(names))))
        result.elapsed_ms = (time.perf_counter() - start) * 1000
        return result

    def close(self) -> None:
        self._store = None
