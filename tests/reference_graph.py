"""The graph as kg built it before the streaming writer (issue 13): an rdflib Graph of everything
from the merged records, and rdflib's Turtle serialiser. Kept as the reference the streaming
path must match byte for byte (tests/test_writer.py); when the graph's shape changes on
purpose, change both or drop this reference. It builds the graph of issue 15: an Evidence node
per source of a fact (the dataset for the division data), shequ:evidence/evidenceObject/
evidenceRelation beside the reification, integer years, shequ:value."""
from __future__ import annotations

from decimal import Decimal

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS, SKOS, XSD

from kg.recognise import gazetteer
from kg.rdf.vocab import (PREFIXES, SCHEMA, SCHEME_LABELS, SHEQU, article_iri, code_scheme, dataset_iri, entity_iri,
                          quantity_iri, statement_iri)
from kg.rdf.summaries import district_of, investments
from kg.records import Evidence


def evidence_of(kg) -> dict:
    """(s, p, o) -> {Evidence: how it was read}, as the old merge kept them (in the fact)."""
    out: dict = {}
    for _digest, s, p, o, art, start, end, sentence, source in kg.evidence.sorted():
        if start >= 0 and (s, p, o) in kg.facts:
            out.setdefault((s, p, o), {}).setdefault(Evidence(art, sentence, start, end), source)
    return out


_ORG_CLASSES = {"GovernmentBody", "PartyOrganization", "Enterprise", "SocialOrganization", "PublicInstitution"}
_QUANTITY_PROP = {"investment": SHEQU["investment"], "count": SHEQU["count"], "area": SHEQU["area"]}


def build_graph(kg) -> Graph:
    g = Graph()
    for p, ns in PREFIXES.items():
        g.bind(p, ns)
    for a in kg.articles:
        node = article_iri(a.id)
        g.add((node, RDF.type, SHEQU.Article))
        g.add((node, RDFS.label, Literal(a.title or a.id, lang="zh")))
        g.add((node, SHEQU.sourceFile, Literal(a.doc)))
        g.add((node, SHEQU.articleIndex, Literal(a.index)))
    for key in sorted(kg.entities):
        e = kg.entities[key]
        node = entity_iri(key)
        g.add((node, RDF.type, SHEQU[e.type]))
        if e.type == "Organization" and e.link_reason in _ORG_CLASSES:
            g.add((node, RDF.type, SHEQU[e.link_reason]))
        g.add((node, RDFS.label, Literal(e.label, lang="zh")))
        for alias in sorted(e.aliases):
            g.add((node, SKOS.altLabel, Literal(alias, lang="zh")))
        if e.code:
            g.add((node, SHEQU.adminCode, Literal(e.code)))
            if code_scheme(e.code) is not None:
                g.add((node, SHEQU.codeScheme, code_scheme(e.code)))
        if e.type in ("Province", "City", "District", "Subdistrict", "Community", "Neighborhood") and e.link_reason:
            g.add((node, SHEQU.linkReason, Literal(e.link_reason, lang="en")))
        if e.type == "Project" and e.link_reason:
            g.add((node, SHEQU.extractionRule, Literal(e.link_reason)))
        for aid in sorted(kg.mentions.get(key, ())):
            g.add((node, SHEQU.mentionedIn, article_iri(aid)))
        for q in e.quantities:
            if q.kind == "year":
                g.add((node, SHEQU.year, Literal(int(q.value))))
                continue
            qn = quantity_iri(key, q.kind, q.value, q.unit, q.text)
            g.add((node, SHEQU.hasQuantity, qn))
            g.add((qn, RDF.type, SHEQU.Quantity))
            g.add((qn, SHEQU.quantityKind, Literal(q.kind)))
            g.add((qn, SHEQU.value, Literal(Decimal(q.value), datatype=XSD.decimal)))
            g.add((qn, SHEQU.unit, Literal(q.unit)))
            g.add((qn, SHEQU.approximate, Literal(q.approximate)))
            g.add((qn, SHEQU.asWritten, Literal(q.text, lang="zh")))
            if q.kind in _QUANTITY_PROP:
                g.add((node, _QUANTITY_PROP[q.kind], Literal(Decimal(q.value), datatype=XSD.decimal)))
    evidence = evidence_of(kg)
    dataset = dataset_iri(gazetteer.PACKAGE, gazetteer.package_version())
    for (s, p, o) in sorted(kg.facts):
        f = kg.facts[(s, p, o)]
        triple = (entity_iri(s), SHEQU[p], entity_iri(o))
        g.add(triple)
        read = [(ev.article, ev.start, src, ev) for ev, src in evidence.get((s, p, o), {}).items()]
        if "gazetteer" in f.sources or not read:
            read.insert(0, ("", "", "gazetteer" if "gazetteer" in f.sources else ",".join(sorted(f.sources)), None))
        for article, start, source, ev in read:
            st = statement_iri(s, p, o, article, start)
            g.add((st, RDF.type, SHEQU.Evidence))
            g.add((st, RDF.subject, triple[0]))
            g.add((st, RDF.predicate, triple[1]))
            g.add((st, RDF.object, triple[2]))
            g.add((triple[0], SHEQU.evidence, st))
            g.add((st, SHEQU.evidenceObject, triple[2]))
            g.add((st, SHEQU.evidenceRelation, triple[1]))
            g.add((st, SHEQU.source, Literal(source)))
            if ev is None:
                g.add((st, PROV.wasDerivedFrom, dataset))
                continue
            g.add((st, PROV.wasDerivedFrom, article_iri(ev.article)))
            g.add((st, SHEQU.sentence, Literal(ev.sentence, lang="zh")))
            g.add((st, SHEQU.startOffset, Literal(ev.start)))
            g.add((st, SHEQU.endOffset, Literal(ev.end)))
    if any("gazetteer" in f.sources for f in kg.facts.values()):
        version = gazetteer.package_version()
        g.add((dataset, RDF.type, SCHEMA.Dataset))
        g.add((dataset, RDF.type, PROV.Entity))
        g.add((dataset, RDFS.label, Literal(f"{gazetteer.SOURCE}, {gazetteer.PACKAGE} {version}")))
        g.add((dataset, RDFS.seeAlso, URIRef(f"https://pypi.org/project/{gazetteer.PACKAGE}/{version}/")))
    for scheme in sorted(set(g.objects(None, SHEQU.codeScheme))):  # so that the graph alone says which
        label, year = SCHEME_LABELS[scheme.rsplit("#", 1)[-1]]
        g.add((scheme, RDF.type, SKOS.ConceptScheme))
        g.add((scheme, RDFS.label, Literal(label, lang="zh")))
        if year:
            g.add((scheme, SHEQU.schemeYear, Literal(int(year))))
    districts = district_of(kg)
    for c, d in sorted(districts.items()):
        g.add((entity_iri(c), SHEQU.district, entity_iri(d)))
    for key, total in sorted(investments(kg, districts).items()):
        g.add((entity_iri(key), SHEQU.totalInvestment, Literal(total, datatype=XSD.decimal)))
    return g


