"""Merge the extractions of many articles: one entity per identity key, across documents.

Keys already carry the identity (an official code, a chain of places, a canonical name), so
linking is a union: aliases, evidence and quantities of the same key are combined, and the
same relation stated in several sentences keeps all its evidence.

Evidence goes to a Spool (kg/rdf/spool.py) as it comes, one record per sentence, so that what
stays in memory is one record per entity and fact, not one per article and sentence.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from kg.rdf.spool import Spool
from kg.rdf.terms import statement_digest
from kg.records import Article, Entity, Extraction


@dataclass
class Fact:
    subject: str
    predicate: str
    object: str
    sources: set[str] = field(default_factory=set)
    stated: bool = False  # some sentence states it (its evidence is in KnowledgeGraph.evidence)


@dataclass
class KnowledgeGraph:
    entities: dict[str, Entity]
    facts: dict[tuple[str, str, str], Fact]
    articles: list  # Article records, in input order
    mentions: dict[str, set[str]]  # entity key -> article ids that mention it
    # (statement digest, s, p, o, article id, start, end, sentence); article "" for a fact no
    # sentence states
    evidence: Spool = field(default_factory=Spool)


class Merger:
    """Folds extractions in one at a time (in input order), so that a build never holds every
    article's extraction: what stays is one record per entity and fact, and the articles'
    ids and titles (not their text); evidence goes to the spool."""

    def __init__(self):
        self.kg = KnowledgeGraph({}, {}, [], {})
        self._seen: dict[int, set] = {}  # id(list) -> its items, for O(1) "already there?"

    def _extend(self, into: list, items) -> None:
        seen = self._seen.get(id(into))
        if seen is None:
            seen = self._seen[id(into)] = set(into)
        for item in items:
            if item not in seen:
                seen.add(item)
                into.append(item)

    def add(self, x: Extraction) -> None:
        entities, facts, mentions = self.kg.entities, self.kg.facts, self.kg.mentions
        a = x.article
        self.kg.articles.append(Article(a.doc, a.index, a.title, ""))
        for key, e in x.entities.items():
            cur = entities.get(key)
            if cur is None:
                cur = entities[key] = Entity(key, e.type, e.label, set(), e.code, e.link_reason)
            cur.aliases |= e.aliases
            cur.code = cur.code or e.code
            if not cur.link_reason or cur.link_reason == "ancestor in the division data":
                cur.link_reason = e.link_reason or cur.link_reason
            self._extend(cur.quantities, e.quantities)
            if e.evidence:
                mentions.setdefault(key, set()).add(a.id)
        for r in x.relations:
            f = facts.setdefault((r.subject, r.predicate, r.object), Fact(r.subject, r.predicate, r.object))
            f.sources.add(r.source)
            ev = r.evidence
            if ev is not None:
                f.stated = True
                digest = statement_digest(r.subject, r.predicate, r.object, ev.article, ev.start)
                self.kg.evidence.add((digest, r.subject, r.predicate, r.object, ev.article, ev.start, ev.end,
                                      ev.sentence))

    def result(self) -> KnowledgeGraph:
        for e in self.kg.entities.values():
            e.aliases.discard(e.label)
        for (s, p, o), f in self.kg.facts.items():
            if not f.stated:
                self.kg.evidence.add((statement_digest(s, p, o, "", ""), s, p, o, "", -1, -1, ""))
        self._seen.clear()
        return self.kg


def merge(extractions) -> KnowledgeGraph:
    m = Merger()
    for x in extractions:
        m.add(x)
    return m.result()
