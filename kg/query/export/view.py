"""The graph as a property graph (networkx), for Gephi, Neo4j and other network tools.

A node is an entity with a type from the ontology (places, organisations, projects, articles);
its attributes are its label, type, official code and stated amounts. An edge is a relation
between two such nodes, named by the property's local name (locatedIn, supports, …). Evidence
and quantity nodes are not nodes here: their facts stay in the RDF exports.
"""
from __future__ import annotations

import io
import re
from decimal import Decimal

import networkx as nx
from rdflib import RDF, RDFS, Graph, Literal, URIRef

from kg.rdf.vocab import SHEQU

HIDDEN = {SHEQU.Evidence, SHEQU.Quantity}  # folded away in the property graph
# attribute name → property; amounts become floats (GraphML and GEXF have no decimal type), years ints
ATTRIBUTES = {"code": SHEQU.adminCode, "investment": SHEQU.investment,
              "totalInvestment": SHEQU.totalInvestment, "year": SHEQU.year}


def _local(iri: URIRef) -> str:
    return str(iri).rsplit("#", 1)[-1]


def _value(lit: Literal) -> object:
    v = lit.toPython()
    if isinstance(v, int) and not isinstance(v, bool):
        return v
    return float(v) if isinstance(v, (Decimal, int, float)) and not isinstance(v, bool) else str(v)


def nodes(graph: Graph) -> dict[URIRef, list[URIRef]]:
    """Each entity IRI with its ontology types (sorted), entities of hidden types left out."""
    out: dict[URIRef, list[URIRef]] = {}
    for s, t in graph.subject_objects(RDF.type):
        if isinstance(s, URIRef) and str(t).startswith(str(SHEQU)):
            out.setdefault(s, []).append(t)
    return {s: sorted(ts) for s, ts in out.items() if not HIDDEN & set(ts)}


def property_graph(graph: Graph) -> nx.MultiDiGraph:
    """Nodes keyed by IRI, edges keyed by relation name; added in sorted order (deterministic)."""
    g = nx.MultiDiGraph()
    found = nodes(graph)
    for s in sorted(found):
        attrs = {"label": str(graph.value(s, RDFS.label) or _local(s)),
                 "type": ";".join(_local(t) for t in found[s])}
        for name, prop in ATTRIBUTES.items():
            v = graph.value(s, prop)
            if isinstance(v, Literal):
                attrs[name] = _value(v)
        g.add_node(str(s), **attrs)
    for s, p, o in sorted(graph):
        if s in found and o in found and str(p).startswith(str(SHEQU)):
            g.add_edge(str(s), str(o), key=_local(p), type=_local(p), label=_local(p))
    return g


def xml(g: nx.MultiDiGraph, fmt: str) -> str:
    """GraphML or GEXF 1.2 text; both open in Gephi, yEd, Cytoscape and networkx."""
    buf = io.BytesIO()
    if fmt == "graphml":
        nx.write_graphml(g, buf, encoding="utf-8", prettyprint=True, named_key_ids=True)
    else:
        nx.write_gexf(g, buf, encoding="utf-8", prettyprint=True)
    text = buf.getvalue().decode("utf-8")
    return re.sub(r' lastmodifieddate="[^"]*"', "", text, count=1)  # today's date: same graph, same file
