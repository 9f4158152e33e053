"""Where a built graph is queried: one small interface, implementations chosen by name.

Like rdflib's plugin table, names map to ``module:Class`` strings and are imported only when
used, so `kg query` against the embedded store never imports the HTTP client, and vice versa.

    oxigraph  embedded on-disk Oxigraph store in DIR/store (default; written by `kg build`)
    memory    rdflib in-memory graph parsed from DIR/graph.ttl
    remote    a SPARQL 1.1 endpoint over HTTP (query; `kg push` loads a graph into it)
"""
from __future__ import annotations

import importlib
from abc import ABC, abstractmethod
from typing import Mapping

from rdflib.term import Identifier

from kg.errors import E, KgError, close_to
from kg.query.results import QueryResult

STORES: dict[str, str] = {
    "oxigraph": "kg.query.stores.oxigraph:OxigraphStore",
    "memory": "kg.query.stores.memory:MemoryStore",
    "remote": "kg.query.stores.remote:RemoteStore",
}
DEFAULT_STORE = "oxigraph"


class Store(ABC):
    """A read-only view of one graph that answers SPARQL queries."""

    name = ""

    @abstractmethod
    def query(self, text: str, bindings: Mapping[str, Identifier] | None = None,
              max_rows: int | None = None) -> QueryResult:
        """Run a query. ``bindings`` fix variables to terms (never spliced into the text);
        at most ``max_rows`` rows are kept, and the result says whether more existed."""

    def close(self) -> None:
        """Release files or connections."""

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def store_class(name: str) -> type[Store]:
    try:
        target = STORES[name]
    except KeyError:
        raise KgError(E.E031, name=name, choices=", ".join(STORES), close=close_to(name, STORES)) from None
    module, _, cls = target.partition(":")
    return getattr(importlib.import_module(module), cls)


def open_store(name: str = DEFAULT_STORE, location: str = "output") -> Store:
    """Open the store ``name`` at ``location`` (an output folder, or an endpoint URL)."""
    return store_class(name)(location)
