"""The property graph as CSV files and as a Cypher script.

CSV comes in two dialects: ``nodes.csv`` / ``relationships.csv`` with the header fields of
``neo4j-admin database import`` (``iri:ID``, ``:LABEL``, ``:START_ID``, ``:END_ID``, ``:TYPE``),
and ``gephi-nodes.csv`` / ``gephi-edges.csv`` with the ``Id``/``Label`` and ``Source``/``Target``
columns of Gephi's spreadsheet import. The Cypher script MERGEs nodes by IRI, for loading
Neo4j without the admin tool; every string is written as an escaped literal.
"""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import networkx as nx

from kg.atomic import write_text
from kg.query.export.view import ATTRIBUTES

_NEO4J_TYPES = {"investment": "float", "totalInvestment": "float", "year": "int"}


def _csv(header: list[str], rows) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    w.writerows(rows)
    return buf.getvalue()


def _attrs(data: dict) -> list:
    return [data.get(name, "") for name in ATTRIBUTES]


def write_csv(g: nx.MultiDiGraph, folder: Path) -> list[Path]:
    extra = [f"{n}:{_NEO4J_TYPES[n]}" if n in _NEO4J_TYPES else n for n in ATTRIBUTES]
    edges = [(u, v, d["type"]) for u, v, d in g.edges(data=True)]
    files = {
        "nodes.csv": _csv(["iri:ID", "label", *extra, ":LABEL"],
                          ([n, d["label"], *_attrs(d), d["type"]] for n, d in g.nodes(data=True))),
        "relationships.csv": _csv([":START_ID", ":END_ID", ":TYPE"], edges),
        "gephi-nodes.csv": _csv(["Id", "Label", "type", *ATTRIBUTES],
                                ([n, d["label"], d["type"], *_attrs(d)] for n, d in g.nodes(data=True))),
        "gephi-edges.csv": _csv(["Source", "Target", "Type", "Label"],
                                ((u, v, "Directed", t) for u, v, t in edges)),
    }
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        write_text(folder / name, text)
    return [folder / name for name in files]


def _s(value: object) -> str:
    """A Cypher literal: JSON's string escapes are Cypher's (quote, backslash, \\n, \\uXXXX)."""
    return json.dumps(value, ensure_ascii=False)


def _name(name: str) -> str:
    return "`" + name.replace("`", "``") + "`"


def cypher(g: nx.MultiDiGraph) -> str:
    out = ["CREATE CONSTRAINT shequ_iri IF NOT EXISTS FOR (n:Resource) REQUIRE n.iri IS UNIQUE;"]
    for n, d in g.nodes(data=True):
        labels = "".join(":" + _name(t) for t in d["type"].split(";"))
        props = ", ".join(f"n.{_name(k)} = {_s(v)}" for k, v in d.items() if k != "type")
        out.append(f"MERGE (n:Resource {{iri: {_s(n)}}}) SET n{labels}, {props};")
    for u, v, t in ((u, v, d["type"]) for u, v, d in g.edges(data=True)):
        out.append(f"MATCH (a:Resource {{iri: {_s(u)}}}), (b:Resource {{iri: {_s(v)}}}) "
                   f"MERGE (a)-[:{_name(t)}]->(b);")
    return "\n".join(out) + "\n"
