"""Extraction of one article: a pure function of its text and the read-only resources.

Runs the recognisers in order (places and organisations, then streets, communities and
compounds, then projects), gives every entity its identity key, and states the relations
with the sentence they come from. Articles can be extracted in any order, in parallel.
"""
from __future__ import annotations

from collections import Counter

from kg.recognise import link_codes, ner, org_lists, org_proposals, orgs, places, projects, quantities, support, teams
from kg.recognise.gazetteer import Gazetteer
from kg.recognise.lexicon import UNIT_COMPOUND_SUFFIXES
from kg.records import Article, Entity, Evidence, Extraction, Mention, Relation
from kg.recognise.relations import focal, listed_together, scope, scopes, street_over
from kg.text.split import sentence_at
from kg.text.split import sentences as split_sentences


def _key_part(name: str) -> str:
    return name.replace("/", "-")


class _Builder:
    def __init__(self, article: Article, gaz: Gazetteer):
        self.article = article
        self.gaz = gaz
        self.sentences = split_sentences(article.text)
        self.entities: dict[str, Entity] = {}
        self.relations: list[Relation] = []
        self._stated: dict[tuple[str, str, str], list[Relation]] = {}  # (s, p, o) -> its relations, in order
        self.lower_codes: dict[int, str] = {}  # data node -> its NBS code, for streets and communities

    def evidence(self, start: int, end: int) -> Evidence:
        s = sentence_at(self.sentences, start)
        text = s.text if s else self.article.text[start:end]
        return Evidence(self.article.id, text, start, end)

    def entity(self, key: str, typ: str, label: str, mention: Mention | None = None, code: str | None = None,
               reason: str = "") -> Entity:
        e = self.entities.get(key)
        if e is None:
            e = self.entities[key] = Entity(key, typ, label, code=code, link_reason=reason)
        if mention is not None:
            if mention.surface != e.label:
                e.aliases.add(mention.surface)
            e.evidence.append(self.evidence(mention.start, mention.end))
        return e

    def relate(self, s: str, p: str, o: str, ev: Evidence | None, source: str = "text") -> None:
        """Record a fact once per sentence that states it (a fact inferred from context, once)."""
        same = self._stated.setdefault((s, p, o), [])
        again = source == "text" and ev is not None and all(
            r.source == "text" and r.evidence is not None and r.evidence.sentence != ev.sentence for r in same)
        if s != o and (not same or again):
            self.relations.append(Relation(s, p, o, ev, source))
            same.append(self.relations[-1])

    # -- places from the division data --------------------------------------------------------
    def gaz_key(self, pid: int) -> str:
        g = self.gaz
        code = g.code_of(pid) or self.lower_codes.get(pid)
        if code:
            return f"place/{code}"
        parent = g.parent(pid)
        return f"{self.gaz_key(parent)}/{_key_part(g.name(pid))}" if parent is not None else f"place/{g.name(pid)}"

    def gaz_entity(self, pid: int, mention: Mention | None = None, reason: str = "") -> str:
        """Entity for a place of the data, with its data ancestors and their locatedIn edges."""
        g = self.gaz
        key = self.gaz_key(pid)
        label = mention.name if mention is not None else g.name(pid)
        e = self.entity(key, g.type_of(pid), label, mention, g.code_of(pid) or self.lower_codes.get(pid), reason)
        if g.name(pid) != e.label:
            e.aliases.add(g.name(pid))
        parent = g.parent(pid)
        if parent is not None:
            pkey = self.gaz_entity(parent, None, "ancestor in the division data")
            self.relate(key, "locatedIn", pkey, None, "gazetteer")
        return key


def extract(article: Article, gaz: Gazetteer) -> Extraction:
    b = _Builder(article, gaz)
    text = article.text
    upper = places.recognise_upper(text, gaz)
    main = orgs.main_places(upper)
    # a unit whose name begins a compound's (某厂家属区, 县某局宿舍) is part of that name, not a body
    org_mentions = [o for o in orgs.recognise(text, upper, main)
                    if not text.startswith(UNIT_COMPOUND_SUFFIXES, o.mention.end)]
    # names the statistical tagger proposes and the rules accept (brands, abbreviations)
    org_mentions = org_proposals.accept(text, ner.org_spans(org_proposals.worth_tagging(b.sentences, org_mentions)), org_mentions,
                                        [(m.start, m.end) for m in upper], main)
    org_mentions += org_lists.listed(text, org_mentions)  # 甲、乙公司等多家社会组织: 甲 too
    org_mentions, team_names = teams.with_teams(text, org_mentions)  # “某某”志愿服务队 from outside
    org_spans = [(o.mention.start, o.mention.end) for o in org_mentions]
    pm = places.recognise(text, gaz, org_spans)
    ms = pm.mentions

    # ---- official codes below the county (NBS 2023, 9 and 12 digits): the one point where
    # streets and communities get theirs; a coded place's identity is its code
    lower = link_codes.link(ms, pm.parent_of, gaz)
    b.lower_codes = link_codes.node_codes(ms, lower, gaz)

    # scope for places with no parent in the text: the article's main county, else city
    main_place = next((m for lv in ("District", "City") for m in ms if m.type == lv and m.place_id is not None
                       and m.name == main.get({"District": 3, "City": 2}[lv])), None)

    # one identity per name in an article: the linked mention decides, else the chained one
    best: dict[tuple[str, str], int] = {}
    for k, m in enumerate(ms):
        rank = (m.place_id is not None, k in pm.parent_of)
        cur = best.get((m.type, m.name))
        if cur is None or rank > (ms[cur].place_id is not None, cur in pm.parent_of):
            best[(m.type, m.name)] = k
    rep_key: dict[int, str] = {}

    def key_of_rep(r: int) -> str:
        if r in rep_key:
            return rep_key[r]
        m = ms[r]
        code = lower.get(r)
        if m.place_id is not None:
            key = b.gaz_entity(m.place_id, None, m.link_reason)
            b.entities[key].label = m.name
        elif code is not None and code.code:
            key = f"place/{code.code}"
            b.entity(key, m.type, m.name, None, code.code)
        else:
            pk = pm.parent_of.get(r)
            if pk is not None:
                base = key_of_rep(best[(ms[pk].type, ms[pk].name)])
            elif main_place is not None and m.type not in ("Province", "City", "District"):
                base = b.gaz_key(main_place.place_id)
            else:
                base = f"place/{article.doc}"
            key = f"{base}/{_key_part(m.name)}"
            reason = m.link_reason or ("not in the division data" if pk is not None else "no parent in text or data")
            b.entity(key, m.type, m.name, None, None, reason)
        if code is not None:  # a street or community: why it has its code, or none
            b.entities[key].link_reason = code.reason
        rep_key[r] = key
        return key

    keys: list[str] = []
    for k, m in enumerate(ms):
        keys.append(key_of_rep(best[(m.type, m.name)]))
        b.entity(keys[-1], m.type, m.name, m)
    for k, names in pm.aliases.items():
        b.entities[keys[k]].aliases.update(names)

    # locatedIn from the text's chains, then compounds in their community
    for c, p in pm.parent_of.items():
        b.relate(keys[c], "locatedIn", keys[p], b.evidence(ms[p].start, ms[c].end))
    communities = [m for m in ms if m.type == "Community"]
    key_of = {m.name: keys[k] for k, m in enumerate(ms)}
    focus = focal(article.title, text, communities)
    nb_parent: dict[str, str] = {}
    nb_mentions = [m for m in ms if m.type == "Neighborhood"]
    for k, m in enumerate(ms):
        if m.type != "Neighborhood":
            continue
        pk = pm.parent_of.get(k)
        if pk is not None and ms[pk].type == "Community":
            nb_parent[m.name] = ms[pk].name
    nb_parent.update({n: c for n, c in pm.compound_in.items() if n not in nb_parent and c in key_of})
    # a compound the text does not place sits in the article's focus only when the article is
    # about that community (named twice, or in its title), not when it is named once in passing
    named = Counter(m.name for m in communities)
    firm_focus = focus if focus and (named[focus] >= 2 or focus in article.title) else None
    for k, m in enumerate(ms):
        if m.type == "Neighborhood" and m.name not in nb_parent:
            where = scope(m.start, b.sentences, communities, {}, [], firm_focus)
            if where:
                nb_parent[m.name] = where
    orphans = {m.name for m in nb_mentions if m.name not in nb_parent}
    for k, m in enumerate(ms):
        if m.type == "Neighborhood" and m.name in nb_parent and k not in pm.parent_of:
            b.relate(keys[k], "locatedIn", key_of[nb_parent[m.name]], b.evidence(m.start, m.end), "context")
    has_parent = {r.subject for r in b.relations if r.predicate == "locatedIn"}
    for k, m in enumerate(ms):
        j = street_over(text, b.sentences, ms, k) if m.type == "Community" and keys[k] not in has_parent else None
        if j is not None:
            b.relate(keys[k], "locatedIn", keys[j], b.evidence(ms[j].start, m.end), "context")
            has_parent.add(keys[k])
    # a community with no parent sits in the one street the article is about (a street's report,
    # the street named in its title or opening)
    streets = {m.name: k for k, m in enumerate(ms) if m.type == "Subdistrict"}
    if len(streets) == 1 and (next(iter(streets)) in article.title or ms[next(iter(streets.values()))].start < 150):
        j = next(iter(streets.values()))
        for k, m in enumerate(ms):
            if m.type == "Community" and keys[k] not in has_parent and m.place_id is None:
                b.relate(keys[k], "locatedIn", keys[j], b.evidence(ms[j].start, ms[j].end), "context")
                has_parent.add(keys[k])
    # a street or community with no parent at all sits in the article's main county
    if main_place is not None:
        mkey = b.gaz_key(main_place.place_id)
        for k, m in enumerate(ms):
            if m.type in ("Subdistrict", "Community") and keys[k] not in has_parent and mkey in b.entities:
                b.relate(keys[k], "locatedIn", mkey, b.evidence(m.start, m.end), "context")
                has_parent.add(keys[k])

    # organisations and the communities they support
    org_keys: list[str] = []
    for o in org_mentions:
        key = f"org/{article.doc}/{_key_part(o.canonical)}" if o.scoped else f"org/{_key_part(o.canonical)}"
        e = b.entity(key, "Organization", o.canonical, o.mention)
        e.aliases |= o.aliases
        e.link_reason = o.kind  # the finer class, read by graph assembly
        org_keys.append(key)
    mentions = [o.mention for o in org_mentions]
    backed = support.backers(text, mentions, b.sentences, communities)
    found_backers = {k for k, _ in backed}
    backed += [(k, None) for k, o in enumerate(org_mentions) if o.canonical in team_names and k not in found_backers]
    for k, where in backed:  # a named team from outside serves the community it comes to
        m = mentions[k]
        where = where or scopes(m.start, b.sentences, communities, nb_parent, nb_mentions, focus) \
            or support.named_before(text, m.start, communities, paragraph=False)
        for name in where:
            b.relate(org_keys[k], "supports", key_of[name], b.evidence(m.start, m.end))

    # projects, kept only where a community is in scope; a sentence's amount goes to its project
    # only when the sentence has one project (a sum for several works is no work's own)
    found = projects.recognise(text, b.sentences, org_spans, communities)
    sentence_of = [sentence_at(b.sentences, p.start) for p in found]
    per_sentence = Counter(s.start for s in sentence_of if s)
    wheres = [scope(p.start, b.sentences, communities, nb_parent, nb_mentions, focus, text, recency=not p.weak,
                    end=p.end, orphans=orphans) for p in found]
    # a weak work (设立某某通道) listed in one sentence with works whose community is known shares it
    shared = {id(sent): w for p, w, sent in zip(found, wheres, sentence_of) if w and not p.weak and sent}
    for p, where, sent in zip(found, wheres, sentence_of):
        if where is None and p.weak and sent is not None:
            where = shared.get(id(sent))
        ckey = key_of[where] if where else None
        if ckey is None and p.weak:
            continue  # 实施…工程 with no community in view: a programme of the area, not a work
        # a project whose community the text does not name stays a project of its article
        key = f"project/{ckey.split('/', 1)[1] if ckey else article.doc}/{_key_part(p.label)}"
        e = b.entity(key, "Project", p.label, p.mention())
        e.aliases |= p.aliases - {p.label}
        e.link_reason = p.rule
        if sent is not None:
            span = text[p.start:p.end + 8]
            e.quantities += [q for q in quantities.counts(span) if q not in e.quantities]
            e.quantities += [q for q in quantities.years(sent.text) if q not in e.quantities]
            if per_sentence[sent.start] <= 1:
                e.quantities += [q for q in quantities.amounts(sent.text) if q not in e.quantities]
        if ckey:
            b.relate(ckey, "hasProject", key, b.evidence(p.start, p.end))
            # works credited to several communities together (甲村、乙村、丙村展露新貌): each has them
            for other in listed_together(p.start, b.sentences, communities, where, text):
                b.relate(key_of[other], "hasProject", key, b.evidence(p.start, p.end))
    return Extraction(article, b.entities, b.relations)
