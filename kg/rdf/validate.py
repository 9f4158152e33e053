"""`kg validate`: check a built graph against its contract, ontology/shapes.ttl (SHACL).

pyshacl runs the shapes with the ontology mixed in (so a shape on shequ:Place reaches every kind
of place); the report lists one line per violation: shape, node (with its label), property and
message, sorted so that the same graph gives the same report.
"""
from __future__ import annotations

import warnings
from dataclasses import dataclass
from pathlib import Path

from rdflib import RDF, RDFS, Graph, Namespace, URIRef

from kg.rdf.vocab import BASE, PREFIXES

ONTOLOGY = Path(__file__).resolve().parents[2] / "ontology"
SH = Namespace("http://www.w3.org/ns/shacl#")


@dataclass(frozen=True, order=True)
class Violation:
    shape: str
    node: str
    path: str
    message: str

    def line(self) -> str:
        return f"{self.shape}: {self.node}{' ' + self.path if self.path else ''}: {self.message}"


def _short(term) -> str:
    """A term as a prefixed name where a prefix covers it, else as written in N-Triples."""
    if term is None:
        return ""
    if isinstance(term, URIRef):
        for p, ns in sorted({**PREFIXES, "shapes": Namespace(BASE + "shapes#")}.items(), key=lambda x: -len(str(x[1]))):
            if str(term).startswith(str(ns)):
                return f"{p}:{str(term)[len(str(ns)):]}"
    return term.n3() if isinstance(term, URIRef) else str(term)


def validate(data: Graph, shapes: str | Path = ONTOLOGY / "shapes.ttl", inplace: bool = False) -> list[Violation]:
    """The violations of ``data`` against ``shapes``; empty when the graph conforms. ``inplace``
    mixes the ontology into ``data`` itself instead of a copy (pyshacl's default): on 500k
    triples the copy costs about 20 s, so `kg validate`, which loaded the graph for this, skips it."""
    import pyshacl
    rules = Graph().parse(shapes, format="turtle")
    with warnings.catch_warnings():  # pyshacl calls rdflib APIs that rdflib 7 marks deprecated
        warnings.simplefilter("ignore", DeprecationWarning)
        conforms, report, _ = pyshacl.validate(data, shacl_graph=rules, ont_graph=str(ONTOLOGY / "shequ.ttl"),
                                               inference="none", allow_warnings=True, inplace=inplace)
    if conforms:
        return []
    out = set()
    for r in report.subjects(SH.resultSeverity, SH.Violation):
        node = report.value(r, SH.focusNode)
        label = data.value(node, RDFS.label)
        shape = report.value(r, SH.sourceShape)
        while shape is not None and not isinstance(shape, URIRef):  # a property shape: name its node shape
            shape = rules.value(None, SH.property, shape) or rules.value(None, RDF.first, shape) \
                or rules.value(None, RDF.rest, shape) or rules.value(None, SH["or"], shape) \
                or rules.value(None, SH.xone, shape)
        out.add(Violation(_short(shape) or "shape", _short(node) + (f" ({label})" if label else ""),
                          _short(report.value(r, SH.resultPath)), str(report.value(r, SH.resultMessage) or "")))
    return sorted(out)
