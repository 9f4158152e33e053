"""A remote SPARQL 1.1 endpoint (Oxigraph server, Apache Jena Fuseki, GraphDB…) for users whose
graph outgrew one machine. Queries go through SPARQLWrapper; `kg push` uploads a built graph with
the SPARQL 1.1 Graph Store HTTP Protocol (PUT replaces, POST adds)."""
from __future__ import annotations

import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Mapping

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Identifier

from kg.errors import E, KgError
from kg.query.results import QueryResult
from kg.query.sparql import bind, query_form, star_order
from kg.rdf.vocab import sparql_prologue
from kg.query.stores import Store

TIMEOUT_S = 60
_GSP_SUFFIX = {"/query": "/store", "/sparql": "/data"}  # Oxigraph, Fuseki


def store_url_for(endpoint: str) -> str | None:
    """The Graph Store Protocol URL that usually sits beside a query endpoint."""
    for q, s in _GSP_SUFFIX.items():
        if endpoint.rstrip("/").endswith(q):
            return endpoint.rstrip("/")[: -len(q)] + s
    return None


def _term(b: dict) -> Identifier:
    if b["type"] == "uri":
        return URIRef(b["value"])
    if b["type"] == "bnode":
        return BNode(b["value"])
    dt = b.get("datatype")
    return Literal(b["value"], lang=b.get("xml:lang"), datatype=URIRef(dt) if dt else None)


class RemoteStore(Store):
    name = "remote"

    def __init__(self, location: str):
        if not location.startswith(("http://", "https://")):
            raise KgError(E.E032, url=location, detail="not an http(s) URL")
        self.url = location

    def query(self, text: str, bindings: Mapping[str, Identifier] | None = None,
              max_rows: int | None = None) -> QueryResult:
        from SPARQLWrapper import JSON, N3, SPARQLWrapper

        form = query_form(text)
        full = sparql_prologue() + bind(text, bindings)
        client = SPARQLWrapper(self.url)
        client.setTimeout(TIMEOUT_S)
        client.setQuery(full)
        graph_form = form in ("CONSTRUCT", "DESCRIBE")
        client.setReturnFormat(N3 if graph_form else JSON)
        start = time.perf_counter()
        try:
            answer = client.query().convert()
        except Exception as e:  # network errors, HTTP 4xx/5xx with the server's message
            raise KgError(E.E032, url=self.url, detail=" ".join(str(e).split())[:200]) from None
        elapsed = (time.perf_counter() - start) * 1000
        if graph_form:
            g = Graph().parse(data=answer, format="turtle")
            return QueryResult("graph", triples=list(g), elapsed_ms=elapsed)
        if "boolean" in answer:
            return QueryResult("ask", boolean=bool(answer["boolean"]), elapsed_ms=elapsed)
        names = answer["head"]["vars"]
        rows = [tuple(_term(b[v]) if v in b else None for v in names) for b in answer["results"]["bindings"]]
        truncated = max_rows is not None and len(rows) > max_rows
        return QueryResult("select", vars=names, rows=rows[:max_rows] if truncated else rows,
                           truncated=truncated, elapsed_ms=elapsed).in_order(star_order(text))


def push(graph_file: str | Path, endpoint: str, store_url: str | None = None,
         graph_iri: str | None = None, replace: bool = True) -> int:
    """Upload a Turtle file to the endpoint's graph store; returns the HTTP status."""
    target = store_url or store_url_for(endpoint)
    if not target:
        raise KgError(E.E032, url=endpoint, detail="cannot guess the Graph Store URL; pass --store-url")
    path = Path(graph_file)
    if not path.is_file():
        raise KgError(E.E030, path=str(path.parent))
    target += ("&" if "?" in target else "?") + (f"graph={urllib.parse.quote(graph_iri, safe='')}"
                                                 if graph_iri else "default")
    req = urllib.request.Request(target, data=path.read_bytes(), method="PUT" if replace else "POST",
                                 headers={"Content-Type": "text/turtle; charset=utf-8"})
    try:
        with urllib.request.urlopen(req, timeout=TIMEOUT_S) as resp:
            return resp.status
    except urllib.error.HTTPError as e:
        body = e.read().decode("utf-8", "replace")
        raise KgError(E.E032, url=target, detail=f"HTTP {e.code} {' '.join(body.split())[:160]}") from None
    except (urllib.error.URLError, OSError) as e:
        raise KgError(E.E032, url=target, detail=str(getattr(e, "reason", e))) from None
