"""Query text before it reaches a store: read-only guard, parameters, and readable syntax errors.

The guard is lexical: comments, strings and IRIs are blanked out, then the first keyword after
the prologue must open a query form, and SERVICE may not appear (a local store would otherwise
fetch from the network). Parameters become RDF terms bound to variables by the store
(substitution / initBindings / VALUES), never text pasted into the query.
"""
from __future__ import annotations

import re

from rdflib import Literal, URIRef
from rdflib.term import Identifier

from .errors import E, KgError

_BLANK = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""'
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n]|\\.)*"'
    r"|'(?:[^'\\\n]|\\.)*'"
    r'|<[^<>"{}|^`\\\x00-\x20]*>'
    r"|#[^\n]*",
)
_PROLOGUE = re.compile(r"\s*(?:(?:PREFIX\s+[\w\-.]*:\s*<>|BASE\s*<>)\s*)*", re.I)
_FIRST = re.compile(r"[A-Za-z]+")
QUERY_FORMS = {"SELECT", "ASK", "CONSTRUCT", "DESCRIBE"}
UPDATE_FORMS = {"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"}
_SERVICE = re.compile(r"(?<![\w:?$])SERVICE(?![\w:])", re.I)
_POSITION = re.compile(r"(?:error at |line:?\s*)(\d+)[:,]\s*(?:col:?\s*)?(\d+)")


def blank_out(text: str) -> str:
    """The query with comments, strings and IRIs replaced by empty tokens (positions kept)."""
    def repl(m: re.Match) -> str:
        s = m.group(0)
        if s.startswith("#"):
            return " " * len(s)
        if s.startswith("<"):
            return "<>" + " " * (len(s) - 2)
        q = s[0] * (3 if s[:3] in ('"""', "'''") else 1)
        return q + " " * (len(s) - 2 * len(q)) + q
    return _BLANK.sub(repl, text)


def query_form(text: str) -> str:
    """The first keyword after the prologue: SELECT, ASK, CONSTRUCT, DESCRIBE, or an update verb."""
    blank = blank_out(text)
    m = _FIRST.search(blank, _PROLOGUE.match(blank).end())
    return m.group(0).upper() if m else ""


def guard(text: str) -> str:
    """Refuse anything that could change data or reach out; return the query form."""
    form = query_form(text)
    if form in UPDATE_FORMS:
        raise KgError(E.E023, detail=f"{form} is an update; this store is read-only")
    if form not in QUERY_FORMS:
        raise KgError(E.E020, detail=f"expected SELECT, ASK, CONSTRUCT or DESCRIBE, found '{form or 'nothing'}'")
    if _SERVICE.search(blank_out(text)):
        raise KgError(E.E023, detail="SERVICE (federated query) is not allowed")
    return form


def syntax_error(text: str, message: str) -> KgError:
    """A parser's message turned into one line: position, the text there, what was expected."""
    first = " ".join(message.split())
    m = _POSITION.search(first)
    if m:
        line, col = int(m.group(1)), int(m.group(2))
        lines = text.splitlines() or [""]
        src = lines[min(line, len(lines)) - 1]
        near = src[max(col - 1, 0):][:30].strip() or "end of line"
        expected = first[m.end():].lstrip(": ")
        if len(expected) > 90:
            expected = expected[:90] + "…"
        return KgError(E.E020, detail=f"line {line}, column {col}, near '{near}': {expected}")
    return KgError(E.E020, detail=first[:160])


def parse_params(items: tuple[str, ...] | list[str]) -> dict[str, str]:
    params: dict[str, str] = {}
    for item in items:
        name, sep, value = item.partition("=")
        if not sep or not re.fullmatch(r"[A-Za-z_]\w*", name.strip()):
            raise KgError(E.E025, text=item)
        params[name.strip()] = value.strip()
    return params


def to_term(value: str, kind: str = "label") -> Identifier:
    """A parameter value as the term the saved query expects.

    label   a Chinese name, matched against rdfs:label / skos:altLabel (tagged @zh)
    string  a plain string (file names)
    iri     an IRI, e.g. id:place/430102 or a full https://… IRI
    """
    if kind == "iri":
        from .vocab import PREFIXES
        prefix, _, local = value.partition(":")
        if prefix in PREFIXES and not local.startswith("//"):
            return URIRef(str(PREFIXES[prefix]) + local)
        return URIRef(value)
    if kind == "string":
        return Literal(value)
    return Literal(value, lang="zh")
