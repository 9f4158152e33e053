"""The graph of merged records as subject blocks, in the order rdflib's Turtle serialiser uses.

Each relation is a plain triple (so queries stay simple) and also an rdf:Statement that carries
its evidence: the article, the sentence, the character offsets, and the fact's sources (text,
division data, the article's context). Entities, articles, quantities and code schemes are
built in memory (one block each); the statements, one per evidence sentence, stream from the
merger's spool in IRI order. rdflib orders subjects by how many triples name them as object,
then by IRI; ``ordered`` gives that order with two passes over the spool (count, then write).
"""
from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Iterator

from kg.rdf import terms as T
from kg.rdf.link import KnowledgeGraph
from kg.rdf.summaries import district_of, investments
from kg.rdf.terms import Lit

S = T.SHEQU
_ORG_CLASSES = {"GovernmentBody", "PartyOrganization", "Enterprise", "SocialOrganization", "PublicInstitution"}
_PLACES = {"Province", "City", "District", "Subdistrict", "Community", "Neighborhood"}
_QUANTITY_PROP = {"investment": S + "investment", "count": S + "count", "area": S + "area"}


def _zh(text: str) -> Lit:
    return Lit(text, "", "zh")


def _entity(key, e, kg, districts, totals, blocks: dict) -> None:
    node = T.entity(key)
    b = {T.TYPE: [S + e.type] + ([S + e.link_reason] if e.type == "Organization" and e.link_reason in _ORG_CLASSES
                                 else []),
         T.LABEL: [_zh(e.label)]}
    if e.aliases:
        b[T.SKOS + "altLabel"] = [_zh(a) for a in e.aliases]
    if e.code:
        b[S + "adminCode"] = [Lit(e.code)]
        scheme = T.CODE_SCHEMES.get(len(e.code))
        if scheme:
            b[S + "codeScheme"] = [S + scheme]
    if e.type in _PLACES and e.link_reason:
        b[S + "linkReason"] = [Lit(e.link_reason, "", "en")]
    if e.type == "Project" and e.link_reason:
        b[S + "extractionRule"] = [Lit(e.link_reason)]
    if key in kg.mentions:
        b[S + "mentionedIn"] = [T.article(a) for a in kg.mentions[key]]
    for q in e.quantities:
        if q.kind == "year":
            b.setdefault(S + "year", []).append(Lit(q.value, T.GYEAR))
            continue
        qn = T.quantity(key, q.kind, q.value, q.unit, q.text)
        b.setdefault(S + "hasQuantity", []).append(qn)
        _add(blocks, qn, {T.TYPE: [S + "Quantity"], S + "quantityKind": [Lit(q.kind)],
                          T.RDF + "value": [T.decimal(q.value)], S + "unit": [Lit(q.unit)],
                          S + "approximate": [T.boolean(q.approximate)], S + "asWritten": [_zh(q.text)]})
        if q.kind in _QUANTITY_PROP:
            b.setdefault(_QUANTITY_PROP[q.kind], []).append(T.decimal(q.value))
    if key in districts:
        b[S + "district"] = [T.entity(districts[key])]
    if key in totals:
        b[S + "totalInvestment"] = [T.decimal(totals[key])]
    _add(blocks, node, b)


def _add(blocks: dict, s: str, props: dict) -> None:
    """Subject ``s`` gets ``props``; a subject met twice has the union (a graph is a set)."""
    cur = blocks.get(s)
    if cur is None:
        blocks[s] = {p: list(dict.fromkeys(objs)) for p, objs in props.items()}
        return
    for p, objs in props.items():
        cur[p] = list(dict.fromkeys(cur.get(p, []) + list(objs)))


def in_memory(kg: KnowledgeGraph) -> dict[str, dict]:
    """Blocks of the articles, entities, quantities and code schemes."""
    blocks: dict[str, dict] = {}
    for a in kg.articles:
        _add(blocks, T.article(a.id), {T.TYPE: [S + "Article"], T.LABEL: [_zh(a.title or a.id)],
                                       S + "sourceFile": [Lit(a.doc)], S + "articleIndex": [T.integer(a.index)]})
    districts = district_of(kg)
    totals = investments(kg, districts)
    for key in sorted(kg.entities):
        _entity(key, kg.entities[key], kg, districts, totals, blocks)
    for (s, p, o) in kg.facts:
        _add(blocks, T.entity(s), {S + p: [T.entity(o)]})
    schemes = {o for b in blocks.values() for o in b.get(S + "codeScheme", ())}
    for scheme in sorted(schemes):  # so that the graph alone says which
        label, year = T.SCHEME_LABELS[scheme.rsplit("#", 1)[-1]]
        _add(blocks, scheme, {T.TYPE: [T.SKOS + "ConceptScheme"], T.LABEL: [_zh(label)]}
             | ({S + "schemeYear": [Lit(year, T.GYEAR)]} if year else {}))
    return blocks


def statements(kg: KnowledgeGraph) -> Iterator[tuple[str, dict]]:
    """The rdf:Statement of each piece of evidence, in IRI order (one pass over the spool)."""
    cur, block = None, None
    for digest, s, p, o, art, start, end, sentence in kg.evidence.sorted():
        if digest != cur:
            if block is not None:
                yield T.statement(cur), block
            cur, block = digest, {}
        f = kg.facts[(s, p, o)]
        props = {T.TYPE: [S + "Evidence"], T.RDF + "subject": [T.entity(s)], T.RDF + "predicate": [S + p],
                 T.RDF + "object": [T.entity(o)], S + "source": [Lit(",".join(sorted(f.sources)))]}
        if start >= 0:
            props |= {T.PROV + "wasDerivedFrom": [T.article(art)], S + "sentence": [_zh(sentence)],
                      S + "startOffset": [T.integer(start)], S + "endOffset": [T.integer(end)]}
        for k, objs in props.items():
            have = block.setdefault(k, [])
            have += [x for x in objs if x not in have]
    if block is not None:
        yield T.statement(cur), block


def _count(blocks, refs: Counter, vocab: set) -> int:
    triples = 0
    for s, props in blocks:
        if not s.startswith(T.ID):
            vocab.add(s)
        for p, objs in props.items():
            triples += len(objs)
            if p != T.TYPE:
                vocab.add(p)
            for o in objs:
                if isinstance(o, str):
                    refs[o] += 1
                    if not o.startswith(T.ID):
                        vocab.add(o)
                elif o.datatype:
                    vocab.add(o.datatype)
    return triples


class Ordered:
    """The whole graph's blocks in rdflib's order, with the facts a writer needs first."""

    def __init__(self, kg: KnowledgeGraph):
        from kg.rdf.writer import used_prefixes

        self.kg = kg
        self.memory = in_memory(kg)
        refs: Counter = Counter()
        vocab: set[str] = set()
        self.triples = _count(self.memory.items(), refs, vocab) + _count(statements(kg), refs, vocab)
        self.prefixes = used_prefixes(vocab)
        self.order = sorted(((refs.get(s, 0), s) for s in self.memory))

    def __iter__(self) -> Iterator[tuple[str, dict]]:
        mem = ((n, s, self.memory[s]) for n, s in self.order)
        stm = ((0, s, b) for s, b in statements(self.kg))
        for _n, s, b in heapq.merge(mem, stm, key=lambda t: (t[0], t[1])):
            yield s, b
