"""Why no query can change the graph, reach the network or read a file, in three walls.

1. Tokens (kg.query.tokens, the grammar's own terminals): an update verb, SERVICE or FROM as a
   keyword is refused, and so is nesting deeper than MAX_DEPTH (Oxigraph segfaults near 3,000
   levels, rdflib's parser runs out of recursion near 40 by default).
2. The parse tree: rdflib's SPARQL parser reads the query and the tree is walked for a SERVICE
   pattern or a dataset clause (rdflib would fetch a FROM IRI, file: ones included). A query
   rdflib cannot read is left to the store's parser, after wall 1 found nothing.
3. The process: `kg serve` workers drop their network (a network namespace of their own, where
   the kernel allows it), and rdflib's evaluation runs under an audit hook that refuses sockets.
"""
from __future__ import annotations

import contextlib
import sys
import threading
from functools import lru_cache

from kg.errors import E, KgError
from kg.query.syntax import caret, line_col
from kg.query.tokens import depth, tokens, words

MAX_DEPTH = 32
QUERY_FORMS = {"SELECT", "ASK", "CONSTRUCT", "DESCRIBE"}
UPDATE_FORMS = {"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"}
_REFUSED = {"SERVICE": "SERVICE (federated query) is not allowed",
            "FROM": "FROM and FROM NAMED are not allowed (the endpoint serves one graph)"}


@lru_cache(maxsize=512)
def check(text: str) -> str:
    """The query form (SELECT, ASK, CONSTRUCT, DESCRIBE) of a query that passes walls 1 and 2;
    KgError otherwise. Cached: a saved query is checked once per process."""
    toks, _ = tokens(text)
    if not toks:
        raise KgError(E.E029)
    deepest = depth(toks)
    if deepest > MAX_DEPTH:
        raise KgError(E.E070, depth=deepest, limit=MAX_DEPTH)
    form = _form(text, toks)
    kw = set(words(toks))
    for verb in sorted(kw & UPDATE_FORMS):
        raise KgError(E.E023, detail=f"{verb} is an update; this store is read-only")
    for word, why in _REFUSED.items():
        if word in kw:
            raise KgError(E.E023, detail=why)
    tree = parse_tree(text)
    if tree is not None:
        found = _refused_in(tree)
        if found:
            raise KgError(E.E023, detail=_REFUSED[found])
    return form


def _form(text: str, toks) -> str:
    i = 0
    while i < len(toks) and toks[i].kind == "word" and toks[i].text.upper() in ("PREFIX", "BASE"):
        i += 3 if toks[i].text.upper() == "PREFIX" else 2
    if i >= len(toks):
        raise KgError(E.E029)
    first = toks[i].text.upper()
    if first in UPDATE_FORMS:
        raise KgError(E.E023, detail=f"{first} is an update; this store is read-only")
    if toks[i].kind != "word" or first not in QUERY_FORMS:
        line, col = line_col(text, toks[i].at) if "\\u" not in text.lower() else (1, 1)
        raise KgError(E.E020, detail=f"line {line}, column {col}: expected SELECT, ASK, CONSTRUCT or DESCRIBE, "
                      f"found '{toks[i].text[:40]}'", excerpt=caret(text, line, col))
    return first


@contextlib.contextmanager
def deep_stack(limit: int = 12_000):
    """Room for rdflib's recursive parser and evaluator on queries up to MAX_DEPTH levels."""
    old = sys.getrecursionlimit()
    sys.setrecursionlimit(max(old, limit))
    try:
        yield
    except RecursionError:
        raise KgError(E.E070, depth="too many", limit=MAX_DEPTH) from None
    finally:
        sys.setrecursionlimit(old)


def parse_tree(text: str):
    """rdflib's parse of the query, or None when rdflib cannot read it."""
    from rdflib.plugins.sparql.parser import parseQuery

    try:
        with deep_stack():
            return parseQuery(text)
    except KgError:
        raise
    except Exception:  # a syntax rdflib does not know; the store's parser has the last word
        return None


def _refused_in(tree) -> str | None:
    """SERVICE or FROM when the parse tree holds a SERVICE pattern or a dataset clause."""
    todo = [tree]
    while todo:
        node = todo.pop()
        name = getattr(node, "name", None)
        if name == "ServiceGraphPattern":
            return "SERVICE"
        if isinstance(node, dict):
            if node.get("datasetClause"):
                return "FROM"
            todo.extend(node.values())
        elif isinstance(node, (list, tuple)):
            todo.extend(node)
    return None


_NET_EVENTS = {"socket.connect", "socket.getaddrinfo", "socket.sendto", "socket.sendmsg", "urllib.Request"}
_sealed = threading.local()
_hooked = False


def _audit(event: str, args) -> None:
    if event in _NET_EVENTS and getattr(_sealed, "on", False):
        raise PermissionError(f"network access refused during a query ({event})")


@contextlib.contextmanager
def no_network():
    """While the block runs in this thread, Python code (rdflib) cannot open a connection."""
    global _hooked
    if not _hooked:
        sys.addaudithook(_audit)
        _hooked = True
    _sealed.on = True
    try:
        yield
    finally:
        _sealed.on = False


def drop_network() -> bool:
    """Move this (single-threaded) process into a network namespace of its own, with no
    interface up: nothing it runs, Rust code included, can connect anywhere. False where
    the kernel refuses (not Linux, no user namespaces); the other walls still stand."""
    import ctypes
    import os

    if not sys.platform.startswith("linux"):
        return False
    clone_newuser, clone_newnet = 0x10000000, 0x40000000
    libc = ctypes.CDLL(None, use_errno=True)
    if os.geteuid() == 0 and libc.unshare(clone_newnet) == 0:
        return True
    return libc.unshare(clone_newuser | clone_newnet) == 0
