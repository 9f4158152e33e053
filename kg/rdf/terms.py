"""RDF terms as plain Python values, and how Turtle and N-Triples spell them.

An IRI is a ``str``; a literal is a ``Lit`` (lexical form, datatype IRI or "", language or "").
The Turtle spelling follows rdflib's serialiser exactly (plain numbers and booleans, prefixed
names for the vocabulary, triple quotes for text with a newline), so that `kg build` writes the
bytes rdflib would, without building an rdflib Graph (kg/rdf/writer.py). No rdflib import here:
a build that writes Turtle never pays for it.
"""
from __future__ import annotations

import hashlib
import re
from decimal import Decimal
from functools import lru_cache
from typing import NamedTuple

BASE = "https://w3id.org/shequ-kg/"
SHEQU = BASE + "ontology#"
ID = BASE + "id/"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
PROV = "http://www.w3.org/ns/prov#"
# the prefixes of kg.rdf.vocab.PREFIXES, as strings
NAMESPACES = {"shequ": SHEQU, "id": ID, "rdf": RDF, "rdfs": RDFS, "owl": "http://www.w3.org/2002/07/owl#",
              "skos": SKOS, "prov": PROV, "xsd": XSD, "org": "http://www.w3.org/ns/org#",
              "schema": "https://schema.org/"}
TYPE = RDF + "type"
LABEL = RDFS + "label"
INTEGER, DECIMAL, BOOLEAN, GYEAR = XSD + "integer", XSD + "decimal", XSD + "boolean", XSD + "gYear"
# the scheme of an official code, told by its length (see shequ:codeScheme in the ontology)
CODE_SCHEMES = {6: "GBT2260", 9: "NBS2023", 12: "NBS2023"}
SCHEME_LABELS = {"GBT2260": ("GB/T 2260 行政区划代码", None), "NBS2023": ("国家统计局 2023年统计用区划代码", "2023")}
_PLAIN = {INTEGER: str, BOOLEAN: str.lower,
          DECIMAL: lambda s: s if ("." in s or "e" in s or "E" in s) else s + ".0"}
_LOCAL = re.compile(r"[A-Za-z_][A-Za-z0-9_\-]*")
_IRI_BAD = re.compile(r'[\x00-\x20<>"{}|^`\\]')
_NT_ESCAPE = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"}
_NT_BAD = re.compile(r'[\\"\n\r]')


_SAFE = re.compile(r"[\w\u4e00-\u9fff/\-.·]")
_ALL_SAFE = re.compile(r"[\w\u4e00-\u9fff/\-.·]*")


def _encode(key: str) -> str:
    if _ALL_SAFE.fullmatch(key):  # most keys: nothing to encode
        return key
    return "".join(c if _SAFE.match(c) else "".join(f"%{b:02X}" for b in c.encode()) for c in key)


@lru_cache(maxsize=1 << 20)  # an entity is named by many triples; the cache is bounded
def entity(key: str) -> str:
    return ID + _encode(key)


@lru_cache(maxsize=1 << 20)
def article(article_id: str) -> str:
    doc, _, idx = article_id.partition("#")
    return ID + _encode(f"article/{doc}/{idx}")


def statement_digest(*parts: object) -> str:
    return hashlib.sha1("\x1f".join(map(str, parts)).encode()).hexdigest()[:16]


def statement(digest: str) -> str:
    return f"{ID}statement/{digest}"


def dataset(package: str, version: str) -> str:
    return f"{ID}dataset/{package}-{version}"


def quantity(owner: str, *parts: object) -> str:
    digest = hashlib.sha1("\x1f".join(map(str, (owner,) + parts)).encode()).hexdigest()[:12]
    return f"{ID}quantity/{digest}"


class Lit(NamedTuple):
    lex: str
    datatype: str = ""
    lang: str = ""


def integer(n: int) -> Lit:
    return Lit(str(n), INTEGER)


def decimal(value) -> Lit:
    return Lit(format(Decimal(value), "f"), DECIMAL)


def boolean(b: bool) -> Lit:
    return Lit("true" if b else "false", BOOLEAN)


def split_prefixed(iri: str) -> tuple[str, str] | None:
    """(prefix, local) when rdflib would write ``iri`` as a prefixed name, else None. Only the
    vocabulary has such names: an entity's local part always holds a "/"."""
    for prefix, ns in NAMESPACES.items():
        if iri.startswith(ns) and _LOCAL.fullmatch(iri, len(ns)):
            return prefix, iri[len(ns):]
    return None


def iri_ref(iri: str) -> str:
    """<iri>; characters Turtle and N-Triples forbid there are written as \\u escapes (kg's
    IRIs have none: kg.rdf.vocab percent-encodes them)."""
    if _IRI_BAD.search(iri):
        iri = _IRI_BAD.sub(lambda m: f"\\u{ord(m.group()):04X}", iri)
    return f"<{iri}>"


def quote_turtle(s: str) -> str:
    """As rdflib's Literal._quote_encode: triple quotes when the text has a newline."""
    if "\n" in s:
        encoded = s.replace("\\", "\\\\")
        if '"""' in s:
            encoded = encoded.replace('"""', '\\"\\"\\"')
        if encoded[-1] == '"' and encoded[-2] != "\\":
            encoded = encoded[:-1] + "\\" + '"'
        return '"""%s"""' % encoded.replace("\r", "\\r")
    return '"%s"' % s.replace("\\", "\\\\").replace('"', '\\"').replace("\r", "\\r")


def quote_nt(s: str) -> str:
    return '"%s"' % (_NT_BAD.sub(lambda m: _NT_ESCAPE[m.group()], s) if _NT_BAD.search(s) else s)


def object_key(o):
    """The order rdflib gives the objects of one predicate: IRIs by text, numbers by value."""
    if isinstance(o, str):
        return (0, o, 0)
    if o.datatype in (INTEGER, DECIMAL):
        return (1, o.datatype, Decimal(o.lex), o.lex)
    return (1, o.datatype, o.lang, o.lex)
