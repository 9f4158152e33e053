"""Namespaces and IRIs: stable, readable identifiers for everything in the graph."""
from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import OWL, PROV, RDF, RDFS, SKOS, XSD

from kg.rdf import terms

BASE = terms.BASE
SHEQU = Namespace(terms.SHEQU)
ID = Namespace(terms.ID)
ORG = Namespace("http://www.w3.org/ns/org#")
SCHEMA = Namespace("https://schema.org/")

PREFIXES = {"shequ": SHEQU, "id": ID, "rdf": RDF, "rdfs": RDFS, "owl": OWL, "skos": SKOS, "prov": PROV,
            "xsd": XSD, "org": ORG, "schema": SCHEMA}


def entity_iri(key: str) -> URIRef:
    return URIRef(terms.entity(key))


def article_iri(article_id: str) -> URIRef:
    return URIRef(terms.article(article_id))


def statement_iri(*parts: object) -> URIRef:
    return URIRef(terms.statement(terms.statement_digest(*parts)))


def quantity_iri(owner: str, *parts: object) -> URIRef:
    return URIRef(terms.quantity(owner, *parts))


def dataset_iri(package: str, version: str) -> URIRef:
    """The division data a gazetteer fact comes from: one IRI per package and version."""
    return URIRef(terms.dataset(package, version))


CODE_SCHEMES, SCHEME_LABELS = terms.CODE_SCHEMES, terms.SCHEME_LABELS


def code_scheme(code: str) -> URIRef | None:
    name = CODE_SCHEMES.get(len(code))
    return SHEQU[name] if name else None


def sparql_prologue() -> str:
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())
