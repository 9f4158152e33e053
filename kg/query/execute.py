"""`kg query` as a plain function: find the query text, bind parameters, ask a store."""
from __future__ import annotations

from pathlib import Path

from rdflib.term import Identifier

from kg.query import saved
from kg.errors import E, KgError
from kg.query.results import QueryResult
from kg.query.stores import DEFAULT_STORE, open_store


def resolve(text: str | None = None, file: str | None = None, name: str | None = None,
            params: dict[str, str] | None = None,
            queries_dir: str | Path = saved.QUERIES_DIR) -> tuple[str, dict[str, Identifier]]:
    """The query text and its bindings, from exactly one of inline text, a file or a saved name.

    Parameters must be declared in the query's comment header (see saved.py), which gives
    each its kind of term; a query without a header takes no parameters.
    """
    given = [label for label, x in (("a query in quotes", text), ("-f", file), ("--name", name)) if x]
    if not given:
        raise KgError(E.E029)
    if len(given) > 1:
        raise KgError(E.E033, given=", ".join(given))
    if name:
        q = saved.get(name, queries_dir)
    elif file == "-":
        import sys
        q = saved.parse("stdin", sys.stdin.read())
    elif file:
        try:
            q = saved.parse(Path(file).stem, Path(file).read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError) as e:
            raise KgError(E.E027, path=file, detail=getattr(e, "strerror", None) or str(e)) from None
    else:
        q = saved.parse("query", text)
    return q.text, q.bindings(params or {})


def run(text: str, bindings: dict[str, Identifier] | None = None, store: str = DEFAULT_STORE,
        location: str = "output", max_rows: int | None = None) -> QueryResult:
    with open_store(store, location) as s:
        return s.query(text, bindings, max_rows=max_rows)


def unknown_names(bindings: dict[str, Identifier], store: str = DEFAULT_STORE, location: str = "output") -> list[str]:
    """For an empty answer: a note for each name parameter that no entity in the graph bears,
    with close names, so "0 rows" is not left unexplained."""
    from rdflib import Literal

    from kg.errors import close_to

    names = {k: v for k, v in bindings.items() if isinstance(v, Literal) and v.language == "zh"}
    if not names:
        return []
    with open_store(store, location) as s:
        r = s.query("SELECT DISTINCT ?n WHERE { VALUES ?p { rdfs:label skos:altLabel } ?x ?p ?n "
                    "FILTER NOT EXISTS { ?x a shequ:Article } }")
        known = {row["n"] for row in r.dicts() if "n" in row}
    notes = []
    for k, v in names.items():
        if str(v) not in known:
            close = close_to(str(v), known).strip()
            notes.append(f"note: no entity in the graph is named '{v}' ({k}=)" + (f"; {close}" if close else ""))
    return notes
