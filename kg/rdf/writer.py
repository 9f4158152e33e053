"""Turtle and N-Triples written as a stream, one subject at a time, in rdflib's layout.

The caller gives the subjects already in their final order (kg/rdf/blocks.py: by how often each
is an object, then by IRI, as rdflib orders them) and each subject's predicates and objects; this
module only spells them. rdflib's serialiser needs the whole graph in memory and spent most of a
large build looking up namespaces; this writes the same bytes from plain values.
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import BinaryIO

from kg.rdf.terms import ID, LABEL, NAMESPACES, TYPE, Lit, _PLAIN, iri_ref, object_key, quote_nt, quote_turtle, \
    split_prefixed

Block = tuple[str, dict]  # subject IRI, predicate IRI -> objects (IRIs or Lits)
_FLUSH = 1 << 16  # bytes gathered before a write
_ID_LEN = len(ID)
_PREDICATES, _OBJECTS = " ;\n    ", ",\n        "  # rdflib's separators


class _Names:
    """Each IRI's Turtle spelling, worked out once (the vocabulary is small and repeats)."""

    def __init__(self):
        self.cache: dict[str, str] = {}

    def iri(self, iri: str) -> str:
        found = self.cache.get(iri)
        if found is None:
            if iri.startswith(ID) and iri.find("/", _ID_LEN) >= 0:  # an entity's, article's, statement's...
                return iri_ref(iri)
            parts = split_prefixed(iri)
            found = f"{parts[0]}:{parts[1]}" if parts else iri_ref(iri)
            if parts:  # entity IRIs are not kept: there are as many as entities
                self.cache[iri] = found
        return found

    def term(self, o) -> str:
        if isinstance(o, str):
            return self.iri(o)
        plain = _PLAIN.get(o.datatype)
        if plain is not None:
            return plain(o.lex)
        text = quote_turtle(o.lex)
        if o.lang:
            return f"{text}@{o.lang}"
        return f"{text}^^{self.iri(o.datatype)}" if o.datatype else text


def used_prefixes(iris: Iterable[str]) -> set[str]:
    """The prefixes rdflib declares for these IRIs (subjects, predicates other than rdf:type,
    IRI objects and literal datatypes)."""
    out = set()
    for iri in iris:
        parts = split_prefixed(iri)
        if parts:
            out.add(parts[0])
    return out


def predicate_order(props: dict) -> list[str]:
    """rdf:type, then rdfs:label, then the others by IRI."""
    first = [p for p in (TYPE, LABEL) if p in props]
    return first + sorted(p for p in props if p not in (TYPE, LABEL))


def write_turtle(blocks: Iterable[Block], prefixes: set[str], out: BinaryIO, piece: int = 0, index=None) -> list[int]:
    """Write the blocks; returns byte offsets where blocks begin: the first block, after the
    prefixes, and with ``piece`` the first block after each ``piece`` triples more. Cut there,
    with the prefixes before each piece, the file loads in pieces (kg/query/stores/oxigraph.py).
    ``index`` (kg/build_store.py) is given each block's offset and bytes, and told of a subject
    met twice in a row (blocks come sorted: a repeated subject would be next to itself)."""
    names = _Names()
    head = "".join(f"@prefix {p}: <{NAMESPACES[p]}> .\n" for p in sorted(prefixes)).encode()
    buf, size = [head], len(head)
    pieces, written, triples, last = [size], 0, 0, None
    term, verbs, orders = names.term, {}, {}  # a block's predicates, their order: a few kinds of each
    for s, props in blocks:
        if piece and triples >= piece:  # this block starts a new piece: its offset is known once written
            written += _write(out, buf)
            buf, size, triples = [], 0, 0
            pieces.append(written)
        kind = tuple(props)
        order = orders.get(kind)
        if order is None:
            order = orders[kind] = predicate_order(props)
        said = []
        for p in order:
            objs = props[p]
            triples += len(objs)
            verb = verbs.get(p)
            if verb is None:
                verb = verbs[p] = "a " if p == TYPE else names.iri(p) + " "
            said.append(verb + (term(objs[0]) if len(objs) == 1 else
                                _OBJECTS.join(map(term, sorted(objs, key=object_key)))))
        data = ("\n" + names.iri(s) + (" " + _PREDICATES.join(said) if said else "") + " .\n").encode("utf-8")
        if index is not None:
            index.add(written + size, data)
            if s == last:
                index.twice()
            last = s
        buf.append(data)
        size += len(data)
        if size >= _FLUSH:
            written += _write(out, buf)
            buf, size = [], 0
    buf.append(b"\n")
    _write(out, buf)
    return pieces


def _write(out: BinaryIO, buf: list[bytes]) -> int:
    data = b"".join(buf)
    out.write(data)
    return len(data)


def nt_term(o) -> str:
    if isinstance(o, str):
        return iri_ref(o)
    text = quote_nt(o.lex)
    if o.lang:
        return f"{text}@{o.lang}"
    return f"{text}^^<{o.datatype}>" if o.datatype else text


def write_ntriples(blocks: Iterable[Block], out: BinaryIO) -> None:
    """One line per triple, in the order of the Turtle file."""
    buf, size = [], 0
    for s, props in blocks:
        subject = iri_ref(s)
        for p in predicate_order(props):
            pre = f"{subject} <{p}> "
            for o in sorted(props[p], key=object_key):
                line = pre + nt_term(o) + " .\n"
                buf.append(line)
                size += len(line)
        if size >= _FLUSH:
            out.write("".join(buf).encode("utf-8"))
            buf, size = [], 0
    out.write("".join(buf).encode("utf-8"))


__all__ = ["Block", "Lit", "used_prefixes", "write_ntriples", "write_turtle"]
