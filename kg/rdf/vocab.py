"""Namespaces and IRIs: stable, readable identifiers for everything in the graph."""
from __future__ import annotations

import hashlib
import re

from rdflib import Namespace, URIRef
from rdflib.namespace import OWL, PROV, RDF, RDFS, SKOS, XSD

BASE = "https://w3id.org/shequ-kg/"
SHEQU = Namespace(BASE + "ontology#")
ID = Namespace(BASE + "id/")
ORG = Namespace("http://www.w3.org/ns/org#")
SCHEMA = Namespace("https://schema.org/")

PREFIXES = {"shequ": SHEQU, "id": ID, "rdf": RDF, "rdfs": RDFS, "owl": OWL, "skos": SKOS, "prov": PROV,
            "xsd": XSD, "org": ORG, "schema": SCHEMA}

_SAFE = re.compile(r"[\w\u4e00-\u9fff/\-.·]")


def _encode(key: str) -> str:
    return "".join(c if _SAFE.match(c) else "".join(f"%{b:02X}" for b in c.encode()) for c in key)


def entity_iri(key: str) -> URIRef:
    return ID[_encode(key)]


def article_iri(article_id: str) -> URIRef:
    doc, _, idx = article_id.partition("#")
    return ID[_encode(f"article/{doc}/{idx}")]


def statement_iri(*parts: object) -> URIRef:
    digest = hashlib.sha1("\x1f".join(map(str, parts)).encode()).hexdigest()[:16]
    return ID[f"statement/{digest}"]


def quantity_iri(owner: str, *parts: object) -> URIRef:
    digest = hashlib.sha1("\x1f".join(map(str, (owner,) + parts)).encode()).hexdigest()[:12]
    return ID[f"quantity/{digest}"]


def dataset_iri(package: str, version: str) -> URIRef:
    """The division data a gazetteer fact comes from: one IRI per package and version."""
    return ID[f"dataset/{package}-{version}"]


# the scheme of an official code, told by its length (see shequ:codeScheme in the ontology)
CODE_SCHEMES = {6: "GBT2260", 9: "NBS2023", 12: "NBS2023"}
SCHEME_LABELS = {"GBT2260": ("GB/T 2260 行政区划代码", None), "NBS2023": ("国家统计局 2023年统计用区划代码", "2023")}


def code_scheme(code: str) -> URIRef | None:
    name = CODE_SCHEMES.get(len(code))
    return SHEQU[name] if name else None


def sparql_prologue() -> str:
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())
