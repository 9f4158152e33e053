"""The graph of merged records as subject blocks, in the order rdflib's Turtle serialiser uses.

Each relation is a plain triple (so queries stay simple) and has an Evidence node per source:
the article, sentence and character offsets it was read from (source "text" or "context"), or the
division dataset it comes from ("gazetteer", prov:wasDerivedFrom id/dataset/jionlp-VERSION). The
Evidence names its statement twice: by RDF reification (rdf:subject/predicate/object, for SPARQL)
and by OWL properties (subject shequ:evidence E, E shequ:evidenceObject object), since OWL tools
drop reification. Entities, articles, quantities, code schemes and the dataset are built in memory
(one block each); the Evidence nodes, one per sentence, stream from the merger's spool in IRI
order, and each subject's shequ:evidence links from a second spool in the subjects' order.
rdflib orders subjects by how many triples name them as object, then by IRI; ``Ordered`` gives
that order with two passes over the spool (count, then write).
"""
from __future__ import annotations

import gc
import heapq
from collections import Counter
from collections.abc import Iterator
from functools import lru_cache

from kg.rdf import terms as T
from kg.rdf.link import KnowledgeGraph
from kg.rdf.spool import Spool
from kg.rdf.summaries import district_of, investments
from kg.rdf.terms import Lit

S = T.SHEQU
_ORG_CLASSES = {"GovernmentBody", "PartyOrganization", "Enterprise", "SocialOrganization", "PublicInstitution"}
_PLACES = {"Province", "City", "District", "Subdistrict", "Community", "Neighborhood"}
_QUANTITY_PROP = {"investment": S + "investment", "count": S + "count", "area": S + "area"}


def _zh(text: str) -> Lit:
    return Lit(text, "", "zh")


@lru_cache(maxsize=1)
def dataset() -> tuple[str, dict]:
    """The division data's IRI and block (JioNLP's table, by the installed version)."""
    from kg.recognise import gazetteer
    version = gazetteer.package_version()
    return T.dataset(gazetteer.PACKAGE, version), {
        T.TYPE: [T.NAMESPACES["schema"] + "Dataset", T.PROV + "Entity"],
        T.LABEL: [Lit(f"{gazetteer.SOURCE}, {gazetteer.PACKAGE} {version}")],
        T.RDFS + "seeAlso": [f"https://pypi.org/project/{gazetteer.PACKAGE}/{version}/"]}


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
            b.setdefault(S + "year", []).append(T.integer(int(q.value)))  # xsd:integer: gYear is not in OWL 2
            continue
        qn = T.quantity(key, q.kind, q.value, q.unit, q.text)
        b.setdefault(S + "hasQuantity", []).append(qn)
        _add(blocks, qn, {T.TYPE: [S + "Quantity"], S + "quantityKind": [Lit(q.kind)],
                          S + "value": [T.decimal(q.value)], S + "unit": [Lit(q.unit)],
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
             | ({S + "schemeYear": [T.integer(int(year))]} if year else {}))
    if any("gazetteer" in f.sources for f in kg.facts.values()):
        _add(blocks, *dataset())
    return blocks


def statements(kg: KnowledgeGraph) -> Iterator[tuple[str, dict]]:
    """The Evidence node of each source of a fact, in IRI order (one pass over the spool). Records
    of a link that kg.rdf.link.nearest_parents dropped or moved are skipped."""
    cur, block = None, None
    facts = kg.facts
    for digest, s, p, o, art, start, end, sentence, source in kg.evidence.sorted():
        if (s, p, o) not in facts:
            continue
        if digest != cur:
            if block is not None:
                yield T.statement(cur), block
            cur, block = digest, {}
        props = {T.TYPE: [S + "Evidence"], T.RDF + "subject": [T.entity(s)], T.RDF + "predicate": [S + p],
                 T.RDF + "object": [T.entity(o)], S + "evidenceObject": [T.entity(o)],
                 S + "evidenceRelation": [S + p], S + "source": [Lit(source)]}
        if start >= 0:
            props |= {T.PROV + "wasDerivedFrom": [T.article(art)], S + "sentence": [_zh(sentence)],
                      S + "startOffset": [T.integer(start)], S + "endOffset": [T.integer(end)]}
        else:  # from the division data: the dataset, no sentence
            props[T.PROV + "wasDerivedFrom"] = [dataset()[0]]
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
        paused = gc.isenabled()
        gc.disable()  # blocks hold no reference cycles: the collector would walk them for nothing
        try:
            self._make(kg)
        finally:
            if paused:
                gc.enable()

    def _make(self, kg: KnowledgeGraph) -> None:
        from kg.rdf.writer import used_prefixes

        self.kg = kg
        self.memory = in_memory(kg)
        refs: Counter = Counter()
        vocab: set[str] = set()
        self.triples = _count(self.memory.items(), refs, vocab)
        found = Spool()  # (subject, Evidence node): subject shequ:evidence node
        for st, b in statements(kg):
            self.triples += _count(((st, b),), refs, vocab) + 1
            found.add((b[T.RDF + "subject"][0], st))
        self.links = Spool()  # the same, in the order of the subjects' blocks
        for s, st in found.sorted():
            self.links.add((refs.get(s, 0), s, st))
        found.close()
        if len(self.links):
            vocab.add(S + "evidence")
        self.prefixes = used_prefixes(vocab)
        self.order = sorted(((refs.get(s, 0), s) for s in self.memory))

    def _memory(self) -> Iterator[tuple[int, str, dict]]:
        """The in-memory blocks in order, each subject with its shequ:evidence links."""
        links = self.links.sorted()
        nxt = next(links, None)
        for n, s in self.order:
            b = self.memory[s]
            if nxt is not None and nxt[1] == s:
                found = []
                while nxt is not None and nxt[1] == s:
                    found.append(nxt[2])
                    nxt = next(links, None)
                b = b | {S + "evidence": found}
            yield n, s, b

    def __iter__(self) -> Iterator[tuple[str, dict]]:
        stm = ((1, s, b) for s, b in statements(self.kg))  # each named once, by its subject's shequ:evidence
        for _n, s, b in heapq.merge(self._memory(), stm, key=lambda t: (t[0], t[1])):
            yield s, b

    def close(self) -> None:
        """Drop the blocks and the merged records (emptied, not just unnamed: the build still
        names them) and the spools, so that the store's bulk load after them has the memory."""
        self.links.close()
        self.memory.clear()
        self.order.clear()
        kg = self.kg
        kg.evidence.close()
        for held in (kg.entities, kg.facts, kg.mentions, kg.articles):
            held.clear()
