"""Where a built graph lives and how it is queried: one small interface, three stores.

- ``oxigraph`` (default): an embedded on-disk Oxigraph store in DIR/store, no server.
- ``memory``: rdflib in memory, loaded from DIR/graph.ttl (slow on large graphs).
- ``remote``: any SPARQL 1.1 endpoint, by URL.
Stores are looked up by name in STORES, imported only when used (like rdflib's plugins).
"""
from __future__ import annotations

import importlib
from pathlib import Path
from typing import Protocol

from rdflib import Graph

from . import atomic
from .errors import E, KgError

STORE_DIR = "store"


class Store(Protocol):
    def select(self, sparql: str, timeout: float | None = None) -> tuple[list[str], list[tuple]]: ...

    def construct(self, sparql: str) -> bytes: ...

    def ask(self, sparql: str) -> bool: ...


STORES = {
    "oxigraph": "kg.stores.oxigraph:OxigraphStore",
    "memory": "kg.stores.memory:MemoryStore",
    "remote": "kg.stores.remote:RemoteStore",
}


def open_store(name: str, location: str) -> Store:
    if name not in STORES:
        raise KgError(E.E031, name=name, choices=", ".join(STORES))
    module, _, cls = STORES[name].partition(":")
    return getattr(importlib.import_module(module), cls)(location)


def write_default_store(g: Graph, out: Path) -> None:
    """Load the graph into a fresh on-disk Oxigraph store, then swap it in."""
    import pyoxigraph

    data = g.serialize(format="nt", encoding="utf-8")

    def fill(tmp: Path) -> None:
        store = pyoxigraph.Store(str(tmp))
        store.bulk_load(data, pyoxigraph.RdfFormat.N_TRIPLES)
        store.flush()
        del store

    atomic.replace_dir(out / STORE_DIR, fill)
