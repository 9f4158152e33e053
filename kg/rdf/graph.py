"""Assemble the RDF graph from merged records, and serialise it deterministically.

Each relation is a plain triple (so queries stay simple) and has an Evidence node per source:
the article, sentence and character offsets it was read from (source "text" or "context"), or the
division dataset it comes from ("gazetteer"). The Evidence names its statement twice: by RDF
reification (rdf:subject/predicate/object, for SPARQL) and by OWL properties (subject
shequ:evidence E, E shequ:evidenceObject object), since OWL tools drop reification.
"""
from __future__ import annotations

from decimal import Decimal

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS, SKOS, XSD

from kg.recognise import gazetteer
from kg.rdf.link import KnowledgeGraph
from kg.rdf.summaries import district_of, investments
from kg.rdf.vocab import (PREFIXES, SCHEMA, SCHEME_LABELS, SHEQU, article_iri, code_scheme, dataset_iri, entity_iri,
                          quantity_iri, statement_iri)

_ORG_CLASSES = {"GovernmentBody", "PartyOrganization", "Enterprise", "SocialOrganization", "PublicInstitution"}
_QUANTITY_PROP = {"investment": SHEQU["investment"], "count": SHEQU["count"], "area": SHEQU["area"]}


def build_graph(kg: KnowledgeGraph) -> Graph:
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
                g.add((node, SHEQU.year, Literal(int(q.value))))  # xsd:integer: gYear is not in OWL 2
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
    dataset = dataset_iri(gazetteer.PACKAGE, gazetteer.package_version())
    for (s, p, o) in sorted(kg.facts):
        f = kg.facts[(s, p, o)]
        triple = (entity_iri(s), SHEQU[p], entity_iri(o))
        g.add(triple)
        read = [(ev.article, ev.start, src, ev) for ev, src in f.evidence.items()]
        if "gazetteer" in f.sources or not read:
            read.insert(0, ("", "", "gazetteer" if "gazetteer" in f.sources else ",".join(sorted(f.sources)), None))
        for article, start, source, ev in read:
            st = statement_iri(s, p, o, article, start)
            g.add((st, RDF.type, SHEQU.Evidence))
            g.add((st, RDF.subject, triple[0]))
            g.add((st, RDF.predicate, triple[1]))
            g.add((st, RDF.object, triple[2]))
            g.add((triple[0], SHEQU.evidence, st))  # the same, as OWL tools read it (they drop reification)
            g.add((st, SHEQU.evidenceObject, triple[2]))
            g.add((st, SHEQU.evidenceRelation, triple[1]))
            g.add((st, SHEQU.source, Literal(source)))
            if ev is None:  # from the division data: the dataset, no sentence
                g.add((st, PROV.wasDerivedFrom, dataset))
                continue
            g.add((st, PROV.wasDerivedFrom, article_iri(ev.article)))
            g.add((st, SHEQU.sentence, Literal(ev.sentence, lang="zh")))
            g.add((st, SHEQU.startOffset, Literal(ev.start)))
            g.add((st, SHEQU.endOffset, Literal(ev.end)))
    if any("gazetteer" in f.sources for f in kg.facts.values()):
        g.add((dataset, RDF.type, SCHEMA.Dataset))
        g.add((dataset, RDF.type, PROV.Entity))
        g.add((dataset, RDFS.label, Literal(f"{gazetteer.SOURCE}, {gazetteer.PACKAGE} {gazetteer.package_version()}")))
        g.add((dataset, RDFS.seeAlso, URIRef(f"https://pypi.org/project/{gazetteer.PACKAGE}/{gazetteer.package_version()}/")))
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


def write_turtle(g: Graph, path) -> None:
    """Serialise straight into the file, without a copy of the whole text in memory."""
    with open(path, "wb") as f:
        g.serialize(destination=f, format="turtle", encoding="utf-8")
