"""Saved queries: ontology/queries/NAME.rq, each opened by a comment header that says what it
answers and which parameters it takes:

    # title: Communities in a place
    # description: every community located (at any depth) in a district, street or city
    # param: place (label) name of the district, street or city, e.g. 湘湖街道
    # param: year (string, optional) …
    PREFIX shequ: <https://w3id.org/shequ-kg/ontology#>
    SELECT …

Each file declares every prefix it uses, so Jena, GraphDB or Fuseki run it unchanged (`kg
query` also knows the project's prefixes, for queries typed at the prompt).

A parameter is a variable of the query; `--param place=湘湖街道` binds ?place to that term
(see sparql.bind). Writing the query so that Oxigraph plans it well: start from the bound
value, look names up through `VALUES ?nameProp { rdfs:label skos:altLabel } ?x ?nameProp ?name`
(an alternative path `rdfs:label|skos:altLabel` makes it scan), and check types with
FILTER EXISTS rather than a leading `?x a shequ:Community`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from rdflib.term import Identifier

from kg.errors import E, KgError, close_to
from kg.query.sparql import to_term

QUERIES_DIR = Path(__file__).resolve().parents[2] / "ontology" / "queries"
_HEADER = re.compile(r"#\s*(title|description|param):\s*(.*)")
_PARAM = re.compile(r"(\w+)\s*\((label|string|iri)(,\s*optional)?\)\s*(.*)")


@dataclass(frozen=True)
class Param:
    name: str
    kind: str
    optional: bool
    doc: str


@dataclass(frozen=True)
class SavedQuery:
    name: str
    title: str
    description: str
    text: str
    params: tuple[Param, ...] = field(default=())

    def bindings(self, values: dict[str, str]) -> dict[str, Identifier]:
        """Terms for the given parameter values; unknown names and missing required ones fail."""
        known = {p.name: p for p in self.params}
        for name in values:
            if name not in known:
                raise KgError(E.E026, name=name, query=self.name, known=", ".join(known) or "none",
                              close=close_to(name, known))
        out: dict[str, Identifier] = {}
        for p in self.params:
            if p.name in values:
                out[p.name] = to_term(values[p.name], p.kind)
            elif not p.optional:
                raise KgError(E.E022, name=p.name, query=self.name)
        return out


def parse(name: str, text: str) -> SavedQuery:
    meta: dict[str, str] = {}
    params: list[Param] = []
    for line in text.splitlines():
        m = _HEADER.match(line.strip())
        if not line.strip().startswith("#"):
            break
        if not m:
            continue
        key, value = m.group(1), m.group(2).strip()
        if key == "param":
            pm = _PARAM.match(value)
            if pm:
                params.append(Param(pm.group(1), pm.group(2), bool(pm.group(3)), pm.group(4).strip()))
        else:
            meta[key] = value
    return SavedQuery(name, meta.get("title", name), meta.get("description", ""), text, tuple(params))


def catalogue(directory: str | Path = QUERIES_DIR) -> dict[str, SavedQuery]:
    """All saved queries by name (the file name without .rq), sorted."""
    d = Path(directory)
    return {p.stem: parse(p.stem, p.read_text(encoding="utf-8")) for p in sorted(d.glob("*.rq"))}


def get(name: str, directory: str | Path = QUERIES_DIR) -> SavedQuery:
    path = Path(directory) / f"{name}.rq"
    if not re.fullmatch(r"[\w\-]+", name) or not path.is_file():
        raise KgError(E.E021, name=name, close=close_to(name, (p.stem for p in Path(directory).glob("*.rq"))))
    return parse(name, path.read_text(encoding="utf-8"))
