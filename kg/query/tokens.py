"""SPARQL 1.1 query text as tokens, by the terminals of the W3C grammar (§19.8).

The read-only guard looks at tokens, never at raw text: a keyword is only a keyword when the
grammar's lexer would see one, so a quote inside a prefixed name (``shequ:x\\'``, an escape the
grammar allows), a ``#`` inside an IRI or a ``\\u0053ERVICE`` escape cannot hide a SERVICE or
fake one. ``\\u``/``\\U`` escapes are expanded first, as the grammar says and as Oxigraph and
rdflib do. A character no token starts with ends the scan: the parser reports it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

_BASE = ("A-Za-z\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u02FF\u0370-\u037D\u037F-\u1FFF\u200C-\u200D"
         "\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD\U00010000-\U000EFFFF")
_U = _BASE + "_"
_CHARS = _U + r"\-0-9\u00B7\u0300-\u036F\u203F-\u2040"
_PLX = r"(?:%[0-9A-Fa-f]{2}|\\[_~.\-!$&'()*+,;=/?#@%])"
_PREFIX = rf"[{_BASE}](?:[{_CHARS}.]*[{_CHARS}])?"
_LOCAL = rf"(?:[{_U}:0-9]|{_PLX})(?:(?:[{_CHARS}.:]|{_PLX})*(?:[{_CHARS}:]|{_PLX}))?"
_ECHAR = r"\\[tbnrf\\\"']"

_TOKEN = re.compile("|".join(f"(?P<{name}>{rx})" for name, rx in [
    ("ws", r"\s+"),
    ("comment", r"#[^\n\r]*"),
    ("iri", r'<[^<>"{}|^`\\\x00-\x20]*>'),
    ("string", rf"'''(?:(?:'|'')?(?:[^'\\]|{_ECHAR}))*'''"
               rf'|"""(?:(?:"|"")?(?:[^"\\]|{_ECHAR}))*"""'
               rf"|'(?:[^'\\\n\r]|{_ECHAR})*'"
               rf'|"(?:[^"\\\n\r]|{_ECHAR})*"'),
    ("var", rf"[?$][{_U}0-9][{_U}0-9\u00B7\u0300-\u036F\u203F-\u2040]*"),
    ("bnode", rf"_:[{_U}0-9](?:[{_CHARS}.]*[{_CHARS}])?"),
    ("pname", rf"(?:{_PREFIX})?:(?:{_LOCAL})?"),
    ("langtag", r"@[a-zA-Z]+(?:-[a-zA-Z0-9]+)*"),
    ("number", r"[0-9]*\.?[0-9]+(?:[eE][+-]?[0-9]+)?|[0-9]+\.(?:[eE][+-]?[0-9]+)?"),
    ("word", r"[A-Za-z_][A-Za-z0-9_]*"),
    ("nil", r"\((?:\s|#[^\n\r]*)*\)|\[(?:\s|#[^\n\r]*)*\]"),
    ("punct", r"\^\^|\|\||&&|!=|<=|>=|[{}()\[\];,.=<>!+\-*/|^?]"),
]))
_OPEN, _CLOSE = "{([", "})]"
_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


@dataclass(frozen=True)
class Token:
    kind: str   # iri, string, var, bnode, pname, langtag, number, word, nil, punct
    text: str
    at: int     # offset in the expanded text


def expand_escapes(text: str) -> str:
    """``\\uXXXX`` and ``\\UXXXXXXXX`` replaced by their characters, before anything else."""
    def char(m: re.Match) -> str:
        code = int(m.group(1) or m.group(2), 16)
        return chr(code) if code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else m.group(0)
    return _ESCAPE.sub(char, text)


def tokens(text: str) -> tuple[list[Token], int | None]:
    """The tokens of ``text`` (escapes expanded) and the offset where scanning stopped on a
    character no token starts with (None when the whole text was read)."""
    text = expand_escapes(text)
    out: list[Token] = []
    at = 0
    while at < len(text):
        m = _TOKEN.match(text, at)
        if not m:
            return out, at
        if m.lastgroup not in ("ws", "comment"):
            out.append(Token(m.lastgroup, m.group(0), at))
        at = m.end()
    return out, None


def words(toks: list[Token]) -> list[str]:
    """The bare keywords, upper-cased (function names and keywords; never names or strings)."""
    return [t.text.upper() for t in toks if t.kind == "word"]


def depth(toks: list[Token]) -> int:
    """How deeply brackets ({ ( [) nest; unbalanced closing brackets never lower it below 0."""
    deepest = level = 0
    for t in toks:
        if t.kind == "punct" and t.text in _OPEN:
            level += 1
            deepest = max(deepest, level)
        elif t.kind == "punct" and t.text in _CLOSE:
            level = max(level - 1, 0)
    return deepest
