"""The merged records as files: graph.ttl streamed by kg/rdf/writer.py, and, for the page and for
callers that want one, an rdflib Graph of the same triples.

`kg build` never builds an rdflib Graph for the Turtle file: the writer spells the blocks of
kg/rdf/blocks.py in rdflib's layout, so the bytes are those rdflib would write. Only the page
(graph.html) still reads an rdflib Graph; it is filled from the same blocks.
"""
from __future__ import annotations

from pathlib import Path

from kg.rdf.blocks import Ordered
from kg.rdf.link import KnowledgeGraph


def to_rdflib(blocks):
    """An rdflib Graph of ``blocks`` (the prefixes of kg.rdf.vocab bound)."""
    from rdflib import Graph, Literal, URIRef

    from kg.rdf.vocab import PREFIXES

    g = Graph()
    for p, ns in PREFIXES.items():
        g.bind(p, ns)
    iris: dict[str, URIRef] = {}

    def term(o):
        if isinstance(o, str):
            t = iris.get(o)
            if t is None:
                t = iris[o] = URIRef(o)
            return t
        return Literal(o.lex, lang=o.lang or None, datatype=term(o.datatype) if o.datatype else None)
    for s, props in blocks:
        subject = term(s)
        for p, objs in props.items():
            pred = term(p)
            for o in objs:
                g.add((subject, pred, term(o)))
    return g


def build_graph(kg: KnowledgeGraph):
    return to_rdflib(Ordered(kg))


def write_turtle(ordered: Ordered, path: str | Path, piece: int = 0, index=None) -> list[int]:
    """graph.ttl, written as it is made: never the whole text in memory. Returns where its
    pieces of ``piece`` triples begin (kg.rdf.writer.write_turtle), and gives ``index`` its blocks."""
    from kg.rdf.writer import write_turtle as write

    with open(path, "wb") as f:
        return write(ordered, ordered.prefixes, f, piece, index)
