"""What the page shows, read from the RDF graph as plain JSON-able data.

Every entity becomes a node with the details its side panel needs: type, official code, the
administrative chain (省 › 市 › 区 › 街道 › 社区), aliases, amounts and years, and every evidence
sentence with its article. Reading everything here keeps the page's script free of RDF.
"""
from __future__ import annotations

from rdflib import Graph, URIRef
from rdflib.namespace import PROV, RDF, RDFS, SKOS

from kg.records import ENTITY_TYPES
from kg.recognise import link_codes
from kg.rdf.vocab import SHEQU

TYPE_NAME = {"Province": "省", "City": "市", "District": "区/县", "Subdistrict": "街道/镇", "Community": "社区/村",
             "Neighborhood": "小区", "Organization": "机构", "Project": "项目"}
ORG_KIND = {"GovernmentBody": "政府部门", "PartyOrganization": "党组织", "Enterprise": "企业",
            "SocialOrganization": "社会组织", "PublicInstitution": "事业单位"}
REL_LABEL = {"locatedIn": "位于", "supports": "支持", "hasProject": "项目"}
# why a place was (or was not) linked to the division data: the graph keeps the English of
# shequ:linkReason, the page shows it in Chinese (an unknown reason is shown as it is)
LINK_REASON = {
    "unique name": "名称唯一，直接对应区划数据",
    "parent in text": "文中写出的上级地名确定了它",
    "article context": "由文章中的其他地名确定",
    "ambiguous name": "同名地点不止一个，未能确定",
    "short name of the higher-level place": "上级地名的简称",
    "ancestor in the division data": "区划数据中的上级地名",
    "child of the place before it": "位于文中前一个地名之下",
    "only place of that name under the article's places": "文中地名之下唯一的同名地点",
    "not in the division data": "不在行政区划数据中",
    "no parent in text or data": "文中和区划数据中都没有它的上级",
    "the text's chain disagrees with the division data": "文中的层级与区划数据不符",
    "same name as a linked mention": "与已链接的同名地点相同",
    # codes below the county (kg/recognise/link_codes.py)
    link_codes.IN_STREET: "统计用区划代码：文中所写街道下唯一同名者",
    link_codes.IN_DISTRICT: "统计用区划代码：所在区县内唯一同名者",
    link_codes.IN_CITY: "统计用区划代码：所在城市内唯一同名者",
    link_codes.IN_ARTICLE_STREETS: "统计用区划代码：文中所写各街道下唯一同名者",
    link_codes.IN_ARTICLE_DISTRICTS: "统计用区划代码：文中所写各区县内唯一同名者",
    link_codes.IN_NAMESAKES: "统计用区划代码：各同名区县内唯一同名者",
    link_codes.SHORT_FORM: "统计用区划代码：所在街道下唯一的简称或全称",
    link_codes.NO_DISTRICT: "无统计用区划代码：不知所在区县",
    link_codes.NO_MATCH: "无统计用区划代码：所在区县内无此名称",
    link_codes.SEVERAL: "无统计用区划代码：所在区县内同名者不止一个",
    link_codes.NOT_UNDER_STREET: "无统计用区划代码：区划数据中它不在文中所写的街道下",
    link_codes.STREET_UNCODED: "无统计用区划代码：所在街道没有代码",
    link_codes.NON_ADMIN: "无统计用区划代码：同名者只有开发区、农场等非行政单位",
    link_codes.DISAGREE: "无统计用区划代码：同名的几处提及指向不同地点",
}
# the scheme of a place's code (shequ:codeScheme), as the page names it
SCHEME_NAME = {"GBT2260": "国家标准行政区划代码", "NBS2023": "国家统计局2023年统计用区划代码"}
PLACE_LEVEL = {t: i for i, t in enumerate(["Province", "City", "District", "Subdistrict", "Community", "Neighborhood"])}


def entity_types(g: Graph) -> dict[URIRef, str]:
    types: dict[URIRef, str] = {}
    for t in ENTITY_TYPES:
        for s in g.subjects(RDF.type, SHEQU[t]):
            types[s] = t
    return types


def graph_data(g: Graph, keep: set[URIRef] | None = None) -> dict:
    """Nodes, edges and details of the entities of ``g`` (only those in ``keep`` if given)."""
    types = entity_types(g)
    if keep is not None:
        types = {k: v for k, v in types.items() if k in keep}
    ids = {iri: k for k, iri in enumerate(sorted(types))}
    labels = {iri: str(g.value(iri, RDFS.label) or iri) for iri in types}
    parents: dict[URIRef, list[URIRef]] = {}
    edges = []
    for rel in REL_LABEL:
        for s, o in g.subject_objects(SHEQU[rel]):
            if rel == "locatedIn" and s in types and o in types:
                parents.setdefault(s, []).append(o)
            if s in ids and o in ids:
                edges.append({"from": ids[s], "to": ids[o], "rel": rel, "label": REL_LABEL[rel]})
    edges.sort(key=lambda e: (e["from"], e["to"], e["rel"]))
    nodes, details = [], []
    for iri, k in ids.items():
        t = types[iri]
        kind = next((ORG_KIND[c.rsplit("#", 1)[-1]] for c in map(str, g.objects(iri, RDF.type))
                     if c.rsplit("#", 1)[-1] in ORG_KIND), "")
        nodes.append({"id": k, "label": labels[iri], "type": t})
        details.append({
            "iri": str(iri), "type": t, "typeName": TYPE_NAME[t] + (f" · {kind}" if kind else ""),
            "label": labels[iri], "aliases": sorted(str(a) for a in g.objects(iri, SKOS.altLabel)),
            "code": str(g.value(iri, SHEQU.adminCode) or ""), "reason": _reason(g.value(iri, SHEQU.linkReason)),
            "scheme": SCHEME_NAME.get(str(g.value(iri, SHEQU.codeScheme) or "").rsplit("#", 1)[-1], ""),
            "chain": _chain(iri, types, parents, labels, g),
            "quantities": sorted(str(g.value(q, SHEQU.asWritten) or g.value(q, SHEQU.value))
                                 for q in g.objects(iri, SHEQU.hasQuantity)),
            "years": sorted(str(y) for y in g.objects(iri, SHEQU.year)), "evidence": []})
    sentences, articles = _evidence(g, ids, labels, details)
    return {"nodes": nodes, "edges": edges, "details": details, "sentences": sentences, "articles": articles}


def _reason(value) -> str:
    return LINK_REASON.get(str(value), str(value)) if value is not None else ""


def _chain(iri, types, parents, labels, g) -> list[dict]:
    """The place itself and the places above it, top first: each step goes to the closest
    parent (the one lowest in the hierarchy), so a community in a street shows the street."""
    chain, seen = [], set()
    node = iri
    if types.get(iri) == "Project":  # a project sits in the community that has it
        node = next((s for s in g.subjects(SHEQU.hasProject, iri) if s in types), None)
    while node is not None and node not in seen and types.get(node) in PLACE_LEVEL:
        seen.add(node)
        code = g.value(node, SHEQU.adminCode)
        chain.append({"label": labels[node], "level": TYPE_NAME[types[node]], "code": str(code) if code else ""})
        ups = [p for p in parents.get(node, []) if PLACE_LEVEL.get(types.get(p), 99) < PLACE_LEVEL[types[node]]]
        node = max(ups, key=lambda p: (PLACE_LEVEL[types[p]], str(p))) if ups else None
    return chain[::-1]


def _evidence(g: Graph, ids: dict, labels: dict, details: list) -> tuple[list[str], list[list[str]]]:
    """Evidence of each node as [relation, direction, other node, sentence no., article no.];
    sentences and articles are stored once, since every fact is listed at both its ends."""
    articles = {a: (str(g.value(a, RDFS.label) or ""), str(g.value(a, SHEQU.sourceFile) or ""))
                for a in g.subjects(RDF.type, SHEQU.Article)}
    found = []
    for st in g.subjects(RDF.type, SHEQU.Evidence):
        s, p, o = g.value(st, RDF.subject), g.value(st, RDF.predicate), g.value(st, RDF.object)
        sentence = g.value(st, SHEQU.sentence)
        if sentence is None or s not in ids or o not in ids:
            continue
        art = articles.get(g.value(st, PROV.wasDerivedFrom), ("", ""))
        rel = REL_LABEL.get(str(p).rsplit("#", 1)[-1], "")
        for a, b, arrow in ((s, o, "→"), (o, s, "←")):
            found.append((ids[a], rel, labels[b], art[1], str(sentence), arrow, ids[b], art))
    found.sort()
    sentence_no: dict[str, int] = {}
    article_no: dict[tuple[str, str], int] = {}
    for node, rel, _other, _file, sentence, arrow, other, art in found:
        sn = sentence_no.setdefault(sentence, len(sentence_no))
        an = article_no.setdefault(art, len(article_no))
        details[node]["evidence"].append([rel, arrow, other, sn, an])
    return list(sentence_no), [list(a) for a in article_no]
