"""Query text before it reaches a store: read-only guard, parameters, and readable syntax errors.

The guard (kg.query.safety) reads tokens and rdflib's parse tree, never the raw text. The
helpers here that blank out comments, strings and IRIs only locate things in a query that
already passed it. Parameters become RDF terms that replace variable tokens (see bind),
never user text pasted into the query.
"""
from __future__ import annotations

import re
from typing import Mapping

from rdflib import Literal, URIRef
from rdflib.term import Identifier

from kg.errors import E, KgError
from kg.query.safety import QUERY_FORMS, UPDATE_FORMS, check  # noqa: F401
from kg.query.syntax import caret, line_col, syntax_error  # noqa: F401  (the stores import syntax_error from here)

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


def query_form(text: str, blank: str | None = None) -> str:
    """The first keyword after the prologue: SELECT, ASK, CONSTRUCT, DESCRIBE, or an update verb.
    ``blank`` is ``blank_out(text)`` when the caller already has it."""
    blank = blank_out(text) if blank is None else blank
    m = _FIRST.search(blank, _PROLOGUE.match(blank).end())
    return m.group(0).upper() if m else ""


def guard(text: str) -> str:
    """Refuse anything that could change data, reach out or nest too deep; return the query
    form. The checks work on tokens and on the parse tree: see kg.query.safety."""
    return check(text)


def star_order(text: str) -> list[str] | None:
    """For ``SELECT *``: the variables in the order the query first names them (SPARQL leaves
    the order to the store; Oxigraph and rdflib sort them their own ways). None otherwise."""
    blank = blank_out(text)
    m = re.search(r"(?<![\w:?$])SELECT\s+(?:(?:DISTINCT|REDUCED)\s+)?\*", blank, re.I)
    if not m or query_form(text, blank) != "SELECT" or m.start() > blank.upper().find("SELECT"):
        return None
    names = re.findall(r"[?$]([\w\u00B7\u0300-\u036F\u203F-\u2040]+)", blank[m.end():])
    return list(dict.fromkeys(names))


def parse_params(items: tuple[str, ...] | list[str]) -> dict[str, str]:
    params: dict[str, str] = {}
    for item in items:
        name, sep, value = item.partition("=")
        if not sep or not re.fullmatch(r"[A-Za-z_]\w*", name.strip()):
            raise KgError(E.E025, text=item)
        params[name.strip()] = value.strip()
    return params


def bind(text: str, bindings: Mapping[str, Identifier] | None) -> str:
    """The query with each bound variable replaced by its term, as RDF4J binds variables for a
    remote repository: in the SELECT list ``?x`` becomes ``(TERM AS ?x)``, in the pattern and the
    template ``TERM``, in GROUP BY / ORDER BY / HAVING ``(TERM)``.

    Terms are written by rdflib in N-Triples syntax (quotes, backslashes and line breaks
    escaped; IRIs checked in to_term) and only variable tokens are replaced, found with strings,
    IRIs and comments blanked out, so a value can never change the query's structure. Oxigraph
    plans joins from the constants it sees; bound through VALUES or substitution, the same
    query can take a thousand times longer (scripts/bench_query.py).
    """
    if not bindings:
        return text
    blank = blank_out(text)
    form = query_form(text, blank)
    open_at = _where_brace(blank, form)
    close_at = _matching(blank, open_at) if open_at >= 0 else -1
    if open_at < 0 or close_at < 0:
        raise KgError(E.E028, detail="cannot find the WHERE group to bind parameters in")
    if re.search(r"(?<![\w:?$])SELECT(?![\w:])", blank[open_at:close_at], re.I):
        raise KgError(E.E028, detail="parameters cannot be bound in a query with a subquery")
    names = "|".join(re.escape(n) for n in bindings)
    out, last = [], 0
    for m in re.finditer(rf"[?$]({names})(?![\w\u00B7\u0300-\u036F\u203F-\u2040])", blank):
        term = bindings[m.group(1)].n3()
        before = blank[:m.start()].rstrip()
        if before.upper().endswith(" AS") or before.upper().endswith("(AS"):
            raise KgError(E.E028, detail=f"?{m.group(1)} is bound by a parameter and by the query")
        if m.start() < open_at:
            inside = blank[:m.start()].count("(") - blank[:m.start()].count(")")
            projection = form == "SELECT"
            rep = f"({term} AS ?{m.group(1)})" if projection and inside == 0 else term
        elif m.start() > close_at:
            rep = f"({term})"
        else:
            rep = term
        out += [text[last:m.start()], rep]
        last = m.end()
    return "".join(out) + text[last:]


def _where_brace(blank: str, form: str) -> int:
    """Offset of the '{' that opens the query's WHERE group, or -1."""
    m = re.search(r"(?<![\w:?$])WHERE\s*\{", blank, re.I)
    if m:
        return m.end() - 1
    if form in ("SELECT", "ASK", "DESCRIBE"):
        k = re.search(form, blank, re.I)
        return blank.find("{", k.end()) if k else -1
    return -1


def _matching(blank: str, at: int) -> int:
    depth = 0
    for i in range(at, len(blank)):
        if blank[i] == "{":
            depth += 1
        elif blank[i] == "}":
            depth -= 1
            if depth == 0:
                return i
    return -1


def to_term(value: str, kind: str = "label") -> Identifier:
    """A parameter value as the term the saved query expects.

    label   a Chinese name, matched against rdfs:label / skos:altLabel (tagged @zh)
    string  a plain string (file names)
    iri     an IRI, e.g. id:place/430102 or a full https://… IRI
    """
    if kind == "iri":
        from kg.rdf.vocab import PREFIXES
        prefix, _, local = value.partition(":")
        iri = str(PREFIXES[prefix]) + local if prefix in PREFIXES and not local.startswith("//") else value
        if not re.fullmatch(r'[^<>"{}|^`\\\x00-\x20]+', iri):
            raise KgError(E.E034, text=value)
        return URIRef(iri)
    if kind == "string":
        return Literal(value)
    return Literal(value, lang="zh")
