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
from kg.records import PLACE_TYPES, Article, Entity, Extraction


@dataclass
class Fact:
    subject: str
    predicate: str
    object: str
    sources: set[str] = field(default_factory=set)
    evidence: int = 0  # how many sentences state it (their records are in KnowledgeGraph.evidence)


@dataclass
class KnowledgeGraph:
    entities: dict[str, Entity]
    facts: dict[tuple[str, str, str], Fact]
    articles: list  # Article records, in input order
    mentions: dict[str, set[str]]  # entity key -> article ids that mention it
    # (statement digest, s, p, o, article id, start, end, sentence, source): one per sentence that
    # states a fact (source "text" or "context"), and article "", start -1 for a fact from the
    # division data ("gazetteer") or one no sentence states
    evidence: Spool = field(default_factory=Spool)


class Merger:
    """Folds extractions in one at a time (in input order), so that a build never holds every
    article's extraction: what stays is one record per entity and fact, and the articles'
    ids and titles (not their text); evidence goes to the spool."""

    def __init__(self):
        self.kg = KnowledgeGraph({}, {}, [], {})
        self._seen: dict[int, set] = {}  # id(list) -> its items, for O(1) "already there?"

    def _extend(self, into: list, items) -> None:
        if not items:  # most entities have no quantities: no set kept for them
            return
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
        aid = a.id  # one string per article for its mentions and evidence, not one per entity and sentence
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
                mentions.setdefault(key, set()).add(aid)
        read: set = set()
        for r in x.relations:
            f = facts.setdefault((r.subject, r.predicate, r.object), Fact(r.subject, r.predicate, r.object))
            f.sources.add(r.source)
            ev = r.evidence
            # a sentence is evidence once, with the source that first read it (an article's
            # sentences come in one extraction, so the first reading is in this one)
            if ev is not None and (r.subject, r.predicate, r.object, ev) not in read:
                read.add((r.subject, r.predicate, r.object, ev))
                f.evidence += 1
                art = aid if ev.article == aid else ev.article
                digest = statement_digest(r.subject, r.predicate, r.object, art, ev.start)
                self.kg.evidence.add((digest, r.subject, r.predicate, r.object, art, ev.start, ev.end,
                                      ev.sentence, r.source))

    def result(self) -> KnowledgeGraph:
        kg = self.kg
        for e in kg.entities.values():
            e.aliases.discard(e.label)
        self._seen.clear()
        moved = nearest_parents(kg)
        if moved:  # the sentences of a link moved up now state the new link, read from context
            again = [(statement_digest(moved[(s, p, o)], p, o, art, start), moved[(s, p, o)], p, o, art, start, end,
                      sentence, "context")
                     for _d, s, p, o, art, start, end, sentence, _src in kg.evidence.sorted() if (s, p, o) in moved]
            for record in again:
                kg.evidence.add(record)
        for (s, p, o), f in kg.facts.items():  # evidence without a sentence: the division data, else the sources
            if "gazetteer" in f.sources or not f.evidence:
                source = "gazetteer" if "gazetteer" in f.sources else ",".join(sorted(f.sources))
                kg.evidence.add((statement_digest(s, p, o, "", ""), s, p, o, "", -1, -1, "", source))
        return kg


def nearest_parents(kg: KnowledgeGraph) -> dict[tuple[str, str, str], str]:
    """locatedIn means "directly contains": one parent per place.

    A place stated in parents of different levels (a community in its street and, by another
    sentence, in its city) keeps the lowest one. The higher link is dropped when the lower parent
    already leads to it; when the lower parent has no parent at all, the link moves up to it (the
    street is in that city), so nothing the text said is lost. Parents of the same level (articles
    that disagree, or a district name the data cannot settle) give way to the one whose code
    begins the place's code, else to one linked to the division data, else to the one more
    sentences state. Returns each link moved up -> its new subject. The spool keeps the records
    of links dropped or moved; kg/rdf/blocks.py skips those whose fact is gone."""
    level = {t: i for i, t in enumerate(PLACE_TYPES)}
    facts = kg.facts
    parents: dict[str, set[str]] = {}
    for (s, p, o) in facts:
        if p == "locatedIn":
            parents.setdefault(s, set()).add(o)

    def lv(key: str) -> int:
        e = kg.entities.get(key)
        return level.get(e.type, len(level)) if e else len(level)

    def code(key: str) -> str:
        e = kg.entities.get(key)
        return (e.code or "") if e else ""

    def reaches(a: str, b: str) -> bool:
        todo, seen = [a], {a}
        while todo:
            for up in parents.get(todo.pop(), ()):
                if up == b:
                    return True
                if up not in seen:
                    seen.add(up)
                    todo.append(up)
        return False

    moved: dict[tuple[str, str, str], str] = {}
    for s in sorted(k for k, ps in parents.items() if len(ps) > 1):
        ps = parents[s]
        low = max(lv(o) for o in ps)
        n = min((o for o in ps if lv(o) == low), key=lambda o: (
            not (code(o) and code(s).startswith(code(o))), not code(o), -facts[(s, "locatedIn", o)].evidence, o))
        same = sorted(o for o in ps if lv(o) == low and o != n)
        for o in same + sorted(o for o in ps if lv(o) < low):
            f = facts.pop((s, "locatedIn", o))
            ps.discard(o)
            if lv(o) < low and not parents.get(n) and not reaches(o, n):
                facts[(n, "locatedIn", o)] = Fact(n, "locatedIn", o, {"context"} if f.evidence else set(f.sources),
                                                   f.evidence)
                parents[n] = {o}
                if f.evidence:
                    moved[(s, "locatedIn", o)] = n
    return moved


def merge(extractions) -> KnowledgeGraph:
    m = Merger()
    for x in extractions:
        m.add(x)
    return m.result()
