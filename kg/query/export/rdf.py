"""The whole graph as N-Triples (sorted lines, so the same graph gives the same file) and as
JSON-LD compacted with ontology/context.jsonld (the context is inlined: nothing is fetched)."""
from __future__ import annotations

import json
from pathlib import Path

from rdflib import Graph

CONTEXT = Path(__file__).resolve().parents[3] / "ontology" / "context.jsonld"


def nt(graph: Graph) -> str:
    lines = graph.serialize(format="nt", encoding="utf-8").decode("utf-8").splitlines()
    return "".join(line + "\n" for line in sorted(set(lines)) if line.strip())


def context() -> dict:
    return json.loads(CONTEXT.read_text(encoding="utf-8"))["@context"]


def jsonld(graph: Graph) -> str:
    text = graph.serialize(format="json-ld", context=context(), auto_compact=True, sort_keys=True,
                           ensure_ascii=False, indent=1)
    return text if text.endswith("\n") else text + "\n"
