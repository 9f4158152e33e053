"""Query results as one plain record, whatever store answered, and their standard formats.

SELECT rows are rdflib terms (None when unbound). ``truncated`` says the row cap cut the answer,
as in datasette's results, so a client never mistakes a partial answer for a whole one.
JSON, XML and CSV use rdflib's SPARQL results writers; TSV (which rdflib lacks) follows the
W3C spec: terms in N-Triples syntax.
"""
from __future__ import annotations

import io
import json
from dataclasses import dataclass, field

from rdflib import Graph
from rdflib.query import Result
from rdflib.term import Identifier, Literal, URIRef, Variable

from .vocab import PREFIXES

SELECT_FORMATS = ("table", "csv", "tsv", "json", "xml")
GRAPH_FORMATS = ("turtle", "nt", "xml", "json-ld")
MEDIA_TYPES = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv; charset=utf-8",
    "tsv": "text/tab-separated-values; charset=utf-8",
    "turtle": "text/turtle; charset=utf-8",
    "nt": "application/n-triples",
    "json-ld": "application/ld+json",
    "rdfxml": "application/rdf+xml",
}


@dataclass
class QueryResult:
    kind: str  # "select" | "ask" | "graph"
    vars: list[str] = field(default_factory=list)
    rows: list[tuple[Identifier | None, ...]] = field(default_factory=list)
    boolean: bool | None = None
    triples: list[tuple[Identifier, Identifier, Identifier]] = field(default_factory=list)
    truncated: bool = False
    elapsed_ms: float = 0.0

    def dicts(self) -> list[dict[str, str]]:
        """Rows as {variable: lexical value}, for tests and quick scripts."""
        return [{v: str(t) for v, t in zip(self.vars, row) if t is not None} for row in self.rows]

    def graph(self) -> Graph:
        g = Graph()
        for p, ns in PREFIXES.items():
            g.bind(p, ns)
        for t in self.triples:
            g.add(t)
        return g


def _rdflib_result(r: QueryResult) -> Result:
    if r.kind == "ask":
        res = Result("ASK")
        res.askAnswer = bool(r.boolean)
        return res
    res = Result("SELECT")
    res.vars = [Variable(v) for v in r.vars]
    res.bindings = [{Variable(v): t for v, t in zip(r.vars, row) if t is not None} for row in r.rows]
    return res


def serialize(r: QueryResult, fmt: str) -> bytes:
    """Bytes of ``r`` in ``fmt``: json/xml/csv/tsv for SELECT and ASK, turtle/nt/xml/json-ld
    for CONSTRUCT and DESCRIBE."""
    if r.kind == "graph":
        gfmt = {"xml": "pretty-xml", "rdfxml": "pretty-xml"}.get(fmt, fmt if fmt in GRAPH_FORMATS else "turtle")
        return r.graph().serialize(format=gfmt, encoding="utf-8")
    if fmt == "tsv":
        return _tsv(r).encode("utf-8")
    if fmt == "json":
        data = json.loads(_rdflib_result(r).serialize(format="json").decode("utf-8"))
        if r.kind == "select":
            data["truncated"] = r.truncated
        return json.dumps(data, ensure_ascii=False).encode("utf-8")
    return _rdflib_result(r).serialize(format=fmt, encoding="utf-8")


def _tsv(r: QueryResult) -> str:
    if r.kind == "ask":
        return "?_askResult\n" + ("true" if r.boolean else "false") + "\n"
    out = io.StringIO()
    out.write("\t".join(f"?{v}" for v in r.vars) + "\n")
    for row in r.rows:
        out.write("\t".join("" if t is None else t.n3() for t in row) + "\n")
    return out.getvalue()


def short(term: Identifier | None) -> str:
    """A term as a person reads it: prefixed IRIs, literal values without quotes or tags."""
    if term is None:
        return ""
    if isinstance(term, Literal):
        return str(term)
    if isinstance(term, URIRef):
        for p, ns in PREFIXES.items():
            if term.startswith(str(ns)):
                return f"{p}:{term[len(ns):]}"
    return term.n3()


def print_table(r: QueryResult, console) -> None:
    """A rich table: rich measures cell width per character, so Chinese columns line up."""
    from rich.table import Table

    if r.kind == "ask":
        console.print("true" if r.boolean else "false")
        return
    table = Table(show_lines=False, header_style="bold")
    for v in r.vars:
        table.add_column(v, overflow="fold")
    for row in r.rows:
        table.add_row(*(short(t) for t in row))
    console.print(table)
