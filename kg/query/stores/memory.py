"""rdflib's in-memory store, parsed from DIR/graph.ttl: no database files, any rdflib plugin
(reasoners, custom functions) can be used on it, but slow on large graphs (see bench_query)."""
from __future__ import annotations

import time
from pathlib import Path
from typing import Mapping

from rdflib import Graph
from rdflib.plugins import sparql as sparql_plugin
from rdflib.term import Identifier, Variable

from kg.errors import E, KgError
from kg.query.results import QueryResult
from kg.query.safety import deep_stack, no_network
from kg.query.sparql import guard, star_order, syntax_error
from kg.rdf.vocab import PREFIXES
from kg.query.stores import Store


sparql_plugin.SPARQL_LOAD_GRAPHS = False  # never fetch a FROM IRI (the guard refuses FROM too)


class MemoryStore(Store):
    name = "memory"

    def __init__(self, location: str | Path | Graph = "output"):
        if isinstance(location, Graph):
            self.graph = location
            return
        path = Path(location)
        if path.is_dir():
            path = path / "graph.ttl"
        if not path.is_file():
            raise KgError(E.E030, path=str(path.parent))
        self.graph = Graph()
        self.graph.parse(path, format="turtle")

    def query(self, text: str, bindings: Mapping[str, Identifier] | None = None,
              max_rows: int | None = None) -> QueryResult:
        guard(text)
        start = time.perf_counter()
        try:
            with deep_stack(), no_network():  # rdflib parses and evaluates by recursion
                answer = self.graph.query(text, initNs=PREFIXES,
                                          initBindings={Variable(k): v for k, v in (bindings or {}).items()})
                return self._result(answer, text, max_rows, start)
        except KgError:
            raise
        except Exception as e:  # pyparsing's ParseException carries line and column
            if type(e).__name__ == "ParseException":
                raise syntax_error(text, f"line {e.lineno}, col {e.col}: {e.msg}") from None
            if str(e).startswith("Unknown namespace prefix"):
                raise syntax_error(text, str(e)) from None
            raise

    def _result(self, answer, text: str, max_rows: int | None, start: float) -> QueryResult:
        if answer.type == "ASK":
            result = QueryResult("ask", boolean=bool(answer.askAnswer))
        elif answer.type in ("CONSTRUCT", "DESCRIBE"):
            result = QueryResult("graph", triples=list(answer))
        else:
            names = [str(v) for v in answer.vars]
            result = QueryResult("select", vars=names)
            for i, row in enumerate(answer):
                if max_rows is not None and i >= max_rows:
                    result.truncated = True
                    break
                result.rows.append(tuple(row))
        result.elapsed_ms = (time.perf_counter() - start) * 1000
        return result.in_order(star_order(text))
