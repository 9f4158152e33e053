"""Derived facts that make whole-graph questions cheap: each community's county-level district
(shequ:district, the end of its locatedIn chain at District level) and the total stated
investment of each community and district (shequ:totalInvestment).

They repeat what the graph already says, so they are computed once at build time instead of by
every query: on the on-disk store a ranking over all communities otherwise costs a disk seek
per project (scripts/bench_query.py). The scorer and the page ignore them.
"""
from __future__ import annotations

from decimal import Decimal

from kg.rdf.link import KnowledgeGraph


def district_of(kg: KnowledgeGraph) -> dict[str, str]:
    """community key -> district key, when its parents lead to exactly one District."""
    parents: dict[str, set[str]] = {}
    for (s, p, o) in kg.facts:
        if p == "locatedIn":
            parents.setdefault(s, set()).add(o)
    out: dict[str, str] = {}
    for key, e in kg.entities.items():
        if e.type != "Community":
            continue
        found, todo, seen = set(), [key], {key}
        while todo:
            for up in parents.get(todo.pop(), ()):
                if up in seen or up not in kg.entities:
                    continue
                seen.add(up)
                (found.add if kg.entities[up].type == "District" else todo.append)(up)
        if len(found) == 1:
            out[key] = found.pop()
    return out


def investments(kg: KnowledgeGraph, districts: dict[str, str]) -> dict[str, Decimal]:
    """Total stated investment (yuan) of each community and district with any: the distinct
    amounts stated for each of its projects, added up."""
    totals: dict[str, Decimal] = {}
    for (s, p, o) in kg.facts:
        if p != "hasProject" or s not in kg.entities or kg.entities[s].type != "Community":
            continue
        amounts = {Decimal(q.value) for q in kg.entities[o].quantities if q.kind == "investment"} \
            if o in kg.entities else set()
        if not amounts:
            continue
        for owner in (s, districts.get(s)):
            if owner:
                totals[owner] = totals.get(owner, Decimal(0)) + sum(amounts)
    return totals
