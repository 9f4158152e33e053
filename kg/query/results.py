"""Query results as one plain record, whatever store answered, and their standard formats.

SELECT rows hold the store's own terms (rdflib's, or Oxigraph's): turning ten thousand rows
into rdflib objects costs more than the query itself (see scripts/bench_query.py), so terms are
read through ``parts()`` and converted only on demand. ``truncated`` says the row cap cut the
answer, as in datasette's results, so a client never mistakes a partial answer for a whole one.
The writers follow the W3C SPARQL 1.1 results formats (JSON, XML, CSV, TSV).
"""
from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from xml.sax.saxutils import escape, quoteattr

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Identifier

from kg.rdf.vocab import PREFIXES

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
_PLAIN = {str(XSD.string), "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"}


def parts(t) -> tuple[str, str, str | None, str | None]:
    """(kind, value, datatype, language) of an rdflib or Oxigraph term; kind is uri|bnode|literal."""
    if isinstance(t, URIRef):
        return "uri", str(t), None, None
    if isinstance(t, BNode):
        return "bnode", str(t), None, None
    if isinstance(t, Literal):
        return "literal", str(t), str(t.datatype) if t.datatype else None, t.language
    kind = type(t).__name__  # pyoxigraph NamedNode / BlankNode / Literal
    if kind == "NamedNode":
        return "uri", t.value, None, None
    if kind == "BlankNode":
        return "bnode", t.value, None, None
    dt = t.datatype.value
    return "literal", t.value, None if dt in _PLAIN else dt, t.language


def to_rdflib(t) -> Identifier | None:
    if t is None or isinstance(t, Identifier):
        return t
    kind, value, dt, lang = parts(t)
    if kind == "uri":
        return URIRef(value)
    if kind == "bnode":
        return BNode(value)
    return Literal(value, lang=lang, datatype=URIRef(dt) if dt else None)


@dataclass
class QueryResult:
    kind: str  # "select" | "ask" | "graph"
    vars: list[str] = field(default_factory=list)
    rows: list[tuple] = field(default_factory=list)  # store terms, None when unbound
    boolean: bool | None = None
    triples: list[tuple[Identifier, Identifier, Identifier]] = field(default_factory=list)
    truncated: bool = False
    elapsed_ms: float = 0.0

    def in_order(self, names: list[str] | None) -> "QueryResult":
        """The columns named in ``names`` first, in that order, the others after as they were
        (``SELECT *`` keeps the order of the query, see sparql.star_order)."""
        if not names or self.kind != "select":
            return self
        rank = {n: i for i, n in enumerate(names)}
        order = sorted(range(len(self.vars)), key=lambda i: (rank.get(self.vars[i], len(rank)), i))
        if order != list(range(len(self.vars))):
            self.vars = [self.vars[i] for i in order]
            self.rows = [tuple(row[i] for i in order) for row in self.rows]
        return self

    def dicts(self) -> list[dict[str, str]]:
        """Rows as {variable: lexical value}, for tests and quick scripts."""
        return [{v: parts(t)[1] for v, t in zip(self.vars, row) if t is not None} for row in self.rows]

    def rdflib_rows(self) -> list[tuple[Identifier | None, ...]]:
        return [tuple(to_rdflib(t) for t in row) for row in self.rows]

    def graph(self) -> Graph:
        g = Graph()
        for p, ns in PREFIXES.items():
            g.bind(p, ns)
        for t in self.triples:
            g.add(t)
        return g


def serialize(r: QueryResult, fmt: str) -> bytes:
    """Bytes of ``r`` in ``fmt``: json/xml/csv/tsv for SELECT and ASK, turtle/nt/xml/json-ld
    for CONSTRUCT and DESCRIBE."""
    if r.kind == "graph":
        gfmt = {"xml": "pretty-xml", "rdfxml": "pretty-xml"}.get(fmt, fmt if fmt in GRAPH_FORMATS else "turtle")
        return r.graph().serialize(format=gfmt, encoding="utf-8")
    writer = {"json": _json, "xml": _xml, "csv": _csv, "tsv": _tsv}.get(fmt, _json)
    return writer(r).encode("utf-8")


def _json_term(t) -> dict:
    kind, value, dt, lang = parts(t)
    d = {"type": kind, "value": value}
    if lang:
        d["xml:lang"] = lang
    elif dt:
        d["datatype"] = dt
    return d


def _json(r: QueryResult) -> str:
    if r.kind == "ask":
        return json.dumps({"head": {}, "boolean": bool(r.boolean)})
    rows = [{v: _json_term(t) for v, t in zip(r.vars, row) if t is not None} for row in r.rows]
    return json.dumps({"head": {"vars": r.vars}, "results": {"bindings": rows}, "truncated": r.truncated},
                      ensure_ascii=False)


def _xml(r: QueryResult) -> str:
    out = ['<?xml version="1.0" encoding="utf-8"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">']
    if r.kind == "ask":
        out.append(f"<head/><boolean>{'true' if r.boolean else 'false'}</boolean></sparql>\n")
        return "".join(out)
    out.append("<head>" + "".join(f"<variable name={quoteattr(v)}/>" for v in r.vars) + "</head><results>")
    for row in r.rows:
        out.append("<result>")
        for v, t in zip(r.vars, row):
            if t is None:
                continue
            kind, value, dt, lang = parts(t)
            if kind == "literal":
                attr = f" xml:lang={quoteattr(lang)}" if lang else (f" datatype={quoteattr(dt)}" if dt else "")
                out.append(f"<binding name={quoteattr(v)}><literal{attr}>{escape(value)}</literal></binding>")
            else:
                out.append(f"<binding name={quoteattr(v)}><{kind}>{escape(value)}</{kind}></binding>")
        out.append("</result>")
    out.append("</results></sparql>\n")
    return "".join(out)


def _csv(r: QueryResult) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    if r.kind == "ask":
        w.writerows([["_askResult"], ["true" if r.boolean else "false"]])
        return buf.getvalue()
    w.writerow(r.vars)
    for row in r.rows:
        w.writerow([_csv_cell(t) for t in row])
    return buf.getvalue()


def _csv_cell(t) -> str:
    if t is None:
        return ""
    kind, value, _dt, _lang = parts(t)
    return "_:" + value if kind == "bnode" else value


def _nt(t) -> str:
    kind, value, dt, lang = parts(t)
    if kind == "uri":
        return f"<{value}>"
    if kind == "bnode":
        return f"_:{value}"
    text = '"' + value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t") + '"'
    return text + (f"@{lang}" if lang else (f"^^<{dt}>" if dt else ""))


def _tsv(r: QueryResult) -> str:
    if r.kind == "ask":
        return "?_askResult\n" + ("true" if r.boolean else "false") + "\n"
    out = ["\t".join(f"?{v}" for v in r.vars)]
    out += ["\t".join("" if t is None else _nt(t) for t in row) for row in r.rows]
    return "\n".join(out) + "\n"


def short(term) -> str:
    """A term as a person reads it: prefixed IRIs, literal values without quotes or tags."""
    if term is None:
        return ""
    kind, value, _dt, _lang = parts(term)
    if kind == "uri":
        for p, ns in PREFIXES.items():
            if value.startswith(str(ns)):
                return f"{p}:{value[len(ns):]}"
        return f"<{value}>"
    return value if kind == "literal" else f"_:{value}"


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
