"""Where a built graph lives for querying: an embedded on-disk Oxigraph store in DIR/store,
written beside graph.ttl by `kg build` (no server to start)."""
from __future__ import annotations

from pathlib import Path

from rdflib import Graph

from . import atomic

STORE_DIR = "store"


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
