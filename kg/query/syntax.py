"""SPARQL syntax errors as a person reads them: the line of the query with a caret under the
column, and what could come there in words ("a variable", "an IRI", "'}'").

Parsers report their grammar, not the language: Oxigraph lists every token and character
class it tried (``[_]``, ``['A' ..= 'Z' | …]``), rdflib names a grammar rule
(``Expected SelectQuery``). Both are turned into the same short phrase here.
"""
from __future__ import annotations

import re
import unicodedata

from kg.errors import E, KgError

_POSITION = re.compile(r"(?:error at |line:?\s*)(\d+)[:,]\s*(?:col:?\s*)?(\d+)")
_OX_ITEM = re.compile(r'"((?:[^"\\]|\\.)*)"|\[[^\]]*\]|([A-Za-z][A-Za-z0-9 ]*[A-Za-z0-9])')
_TOKEN_WORD = {  # what a token opens, in words; None: leave out (RDF-star)
    "?": "a variable", "$": "a variable", "<": "an IRI", ":": "a prefixed name", "_:": "a blank node",
    "[": "a blank node", '"': "a literal", "'": "a literal", '"""': "a literal", "'''": "a literal",
    "true": "a literal", "false": "a literal", "+": "a number", "-": "a number", "<<": None, "<<(": None,
}
_RULES = {"end of text": "the end of the query", "SelectQuery": "", "ConstructQuery": "", "AskQuery": "",
          "DescribeQuery": ""}


def expected_phrase(message: str) -> str:
    """What the parser expected, in words: 'expected a variable, an IRI or '}'', or ''."""
    text = " ".join(message.split())
    m = re.search(r"expected (?:one of )?(.*)", text, re.I)
    if not m:
        return ""
    words: list[str] = []
    for q, name in ((i.group(1), i.group(2)) for i in _OX_ITEM.finditer(m.group(1))):
        if q is not None:
            token = q.replace('\\"', '"').replace("\\\\", "\\")
            word = _TOKEN_WORD.get(token, f"'{token}'")
        elif name:
            word = _RULES.get(name, name if name.isupper() or " " in name else "")
        else:  # a character class: digits start a number, letters a name; the rest is noise
            word = ""
        if word and word not in words:
            words.append(word)
    words = [w for w in words if w not in ("Prefix not found", "IRI parsing failed")]
    if not words:
        return ""
    return "expected " + (", ".join(words[:-1]) + " or " + words[-1] if len(words) > 1 else words[0])


def _width(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


def line_col(text: str, at: int) -> tuple[int, int]:
    """1-based line and column of the character at offset ``at``."""
    return text.count("\n", 0, at) + 1, at - (text.rfind("\n", 0, at) + 1) + 1


def caret(text: str, line: int, col: int) -> str:
    """The query line and a caret under ``col`` (1-based, in characters), wide characters
    counted twice so the caret lines up in a terminal."""
    lines = text.splitlines() or [""]
    src = lines[min(max(line, 1), len(lines)) - 1].expandtabs(1)
    return f"  {src}\n  {' ' * _width(src[:max(col - 1, 0)])}^"


def syntax_error(text: str, message: str) -> KgError:
    """A parser's message as E020: where, what could come there, and the line with a caret."""
    first = " ".join(message.split())
    if "Prefix not found" in first or "Unknown namespace prefix" in first:
        return _unknown_prefix(text, first)
    m = _POSITION.search(first)
    if not m:
        return KgError(E.E020, detail=first[:160])
    line, col = int(m.group(1)), int(m.group(2))
    what = expected_phrase(first) or ("the IRI is not valid" if "IRI parsing failed" in first else "cannot read the query here")
    return KgError(E.E020, detail=f"line {line}, column {col}: {what}", excerpt=caret(text, line, col))


def _unknown_prefix(text: str, message: str) -> KgError:
    """An undeclared prefix: name it and point at its first use (rdflib names it; Oxigraph
    gives the position just after it)."""
    from kg.query.sparql import blank_out

    blank = blank_out(text)
    uses = list(re.finditer(r"(?<![\w:?$<])([A-Za-z][\w\-.]*)?:(?!//)", blank))
    named = re.search(r"prefix\s*:\s*([\w\-.]+)", message, re.I)
    at = _POSITION.search(message)
    if named:
        uses = [u for u in uses if u.group(1) == named.group(1)][:1]
    elif at:
        end = sum(len(x) + 1 for x in text.split("\n")[:int(at.group(1)) - 1]) + int(at.group(2)) - 1
        uses = [u for u in uses if u.start() < end][-1:]
    if not uses:
        return KgError(E.E020, detail=message[:160])
    line, col = line_col(text, uses[0].start())
    return KgError(E.E020, detail=f"line {line}, column {col}: unknown prefix '{uses[0].group(1) or ''}:' "
                   "(declare it with PREFIX)", excerpt=caret(text, line, col))
