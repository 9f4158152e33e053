"""Merge the extractions of many articles: one entity per identity key, across documents.

Keys already carry the identity (an official code, a chain of places, a canonical name), so
linking is a union: aliases, evidence and quantities of the same key are combined, and the
same relation stated in several sentences keeps all its evidence.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from kg.records import Entity, Evidence, Extraction


@dataclass
class Fact:
    subject: str
    predicate: str
    object: str
    sources: set[str] = field(default_factory=set)
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class KnowledgeGraph:
    entities: dict[str, Entity]
    facts: dict[tuple[str, str, str], Fact]
    articles: list  # Article records, in input order
    mentions: dict[str, set[str]]  # entity key -> article ids that mention it


def merge(extractions: list[Extraction]) -> KnowledgeGraph:
    entities: dict[str, Entity] = {}
    facts: dict[tuple[str, str, str], Fact] = {}
    mentions: dict[str, set[str]] = {}
    for x in extractions:
        for key, e in x.entities.items():
            cur = entities.get(key)
            if cur is None:
                cur = entities[key] = Entity(key, e.type, e.label, set(), e.code, e.link_reason)
            cur.aliases |= e.aliases
            cur.code = cur.code or e.code
            if not cur.link_reason or cur.link_reason == "ancestor in the division data":
                cur.link_reason = e.link_reason or cur.link_reason
            cur.evidence += [ev for ev in e.evidence if ev not in cur.evidence]
            cur.quantities += [q for q in e.quantities if q not in cur.quantities]
            if e.evidence:
                mentions.setdefault(key, set()).add(x.article.id)
        for r in x.relations:
            f = facts.setdefault((r.subject, r.predicate, r.object), Fact(r.subject, r.predicate, r.object))
            f.sources.add(r.source)
            if r.evidence is not None and r.evidence not in f.evidence:
                f.evidence.append(r.evidence)
    for e in entities.values():
        e.aliases.discard(e.label)
    return KnowledgeGraph(entities, facts, [x.article for x in extractions], mentions)
