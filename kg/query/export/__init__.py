"""`kg export`: the built graph in the formats other tools load.

nt and jsonld keep every triple (kg.query.export.rdf); graphml, gexf, csv and cypher are a
property-graph view of it (kg.query.export.view): entities as nodes with their label, type,
code and amounts as attributes, relations as edges; evidence and quantity nodes are folded away.
"""
from __future__ import annotations

from pathlib import Path

from rdflib import Graph

from kg.errors import E, KgError

FORMATS = ("nt", "jsonld", "graphml", "gexf", "csv", "cypher")


def load(graph_dir: str | Path) -> Graph:
    path = Path(graph_dir) / "graph.ttl"
    if not path.is_file():
        raise KgError(E.E030, path=str(graph_dir))
    return Graph().parse(path, format="turtle")


def export(graph: Graph, fmt: str, out: str | Path | None) -> list[Path] | str:
    """Write ``fmt`` to ``out`` (a file; a folder for csv) and return the paths written, or
    return the text when ``out`` is None (not for csv, which writes several files)."""
    from kg.query.export import rdf, tables, view
    if fmt == "csv":
        if out is None:
            raise KgError(E.E090, detail="csv writes four files: give a folder with -o DIR")
        return tables.write_csv(view.property_graph(graph), Path(out))
    if fmt in ("nt", "jsonld"):
        text = rdf.nt(graph) if fmt == "nt" else rdf.jsonld(graph)
    elif fmt == "cypher":
        text = tables.cypher(view.property_graph(graph))
    else:
        text = view.xml(view.property_graph(graph), fmt)
    if out is None:
        return text
    from kg.atomic import write_text
    write_text(Path(out), text)
    return [Path(out)]
