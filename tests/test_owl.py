"""The ontology and the graph in OWL tools (issue 15, findings 2 and 3): datatypes of the OWL 2
datatype map, every term declared, evidence reachable by an object property, and a consistent
ontology + sample graph in a real reasoner (HermiT)."""
import os
import shutil
import subprocess
import time
from collections import defaultdict
from pathlib import Path

import networkx as nx
import pytest
from rdflib import OWL, RDF, RDFS, Graph, Literal, URIRef
from rdflib import namespace as ns

from kg.query.export import export, load
from kg.rdf.vocab import SHEQU

from .conftest import ROOT

ONTOLOGY = ROOT / "ontology" / "shequ.ttl"


@pytest.fixture(scope="module")
def sample(built):
    out, _ = built
    return load(out)


def test_years_are_integers_not_gyear(sample, tmp_path):
    onto = Graph().parse(ONTOLOGY)
    for g in (onto, sample, Graph().parse(ROOT / "ontology" / "shapes.ttl")):
        assert not any(ns.XSD.gYear in (t, getattr(t, "datatype", None)) for triple in g for t in triple)
    years = list(sample.objects(None, SHEQU.year))
    assert years and all(y.datatype == ns.XSD.integer for y in years)
    assert onto.value(SHEQU.year, RDFS.range) == ns.XSD.integer
    later = sample.query("PREFIX shequ: <https://w3id.org/shequ-kg/ontology#> "
                         "SELECT ?p WHERE { ?p shequ:year ?y FILTER (?y >= 2019) }")
    assert 0 < len(later) <= len(set(sample.subjects(SHEQU.year, None)))
    (tmp_path / "g.graphml").write_text(export(sample, "graphml", None), encoding="utf-8")
    h = nx.read_graphml(tmp_path / "g.graphml")
    assert {type(d["year"]) for _, d in h.nodes(data=True) if "year" in d} == {int}
    assert Literal(2023) in set(sample.objects(None, SHEQU.schemeYear))


# ---- every term declared, no reserved vocabulary, datatypes of the OWL 2 map ---------------------
PROPERTY_KINDS = {OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty}
DECLARATIONS = PROPERTY_KINDS | {OWL.Class, OWL.NamedIndividual, RDFS.Datatype}
AXIOMS = {RDF.type, RDFS.subClassOf, RDFS.subPropertyOf, RDFS.domain, RDFS.range, OWL.inverseOf}
ANNOTATIONS = {RDFS.label, RDFS.comment, RDFS.seeAlso, RDFS.isDefinedBy, OWL.versionInfo}
# RDF reification, for RDF tools; OWL tools drop it, and shequ:evidence/evidenceObject/evidenceRelation say the same
REIFICATION = {RDF.subject, RDF.predicate, RDF.object}
RESERVED = tuple(map(str, (RDF, RDFS, OWL, ns.XSD)))
# https://www.w3.org/TR/owl2-syntax/#Datatype_Maps (the ones a graph could use)
OWL2_DATATYPES = {ns.XSD.decimal, ns.XSD.integer, ns.XSD.nonNegativeInteger, ns.XSD.int, ns.XSD.long,
                  ns.XSD.double, ns.XSD.float, ns.XSD.string, ns.XSD.boolean, ns.XSD.dateTime, ns.XSD.anyURI, RDF.langString, RDF.PlainLiteral, RDFS.Literal}


def dl_problems(g: Graph) -> list[str]:
    """What keeps ``g`` from OWL 2 DL as a Python check: undeclared classes and properties,
    property punning, reserved vocabulary used as a term, literals outside the OWL 2 datatype map."""
    kinds = defaultdict(set)  # read with .get only, so that a lookup declares nothing
    for s, k in g.subject_objects(RDF.type):
        if k in DECLARATIONS or k in (OWL.TransitiveProperty, OWL.FunctionalProperty):
            kinds[s].add(OWL.ObjectProperty if k in (OWL.TransitiveProperty, OWL.FunctionalProperty) else k)
    out = set()
    for s, p, o in g:
        if isinstance(o, Literal) and (o.datatype or ns.XSD.string) not in OWL2_DATATYPES and not o.language:
            out.add(f"datatype outside the OWL 2 map: {o.datatype}")
        if p == RDF.type and o not in DECLARATIONS | {OWL.Ontology, OWL.TransitiveProperty, OWL.FunctionalProperty} \
                and OWL.Class not in kinds.get(o, ()):
            out.add(f"undeclared class: {o}")
        elif p == RDFS.subClassOf and OWL.Class not in kinds.get(o, ()):
            out.add(f"undeclared class: {o}")
        elif p == RDFS.subPropertyOf and not kinds.get(o, set()) & kinds.get(s, set()) & PROPERTY_KINDS:
            out.add(f"undeclared or different kind of property: {o}")
        elif p not in AXIOMS | ANNOTATIONS | REIFICATION:
            k = kinds.get(p, set()) & PROPERTY_KINDS
            if not k:
                out.add(f"undeclared property: {p}")
            elif OWL.ObjectProperty in k and isinstance(o, Literal) or OWL.DatatypeProperty in k and not isinstance(o, Literal):
                out.add(f"value of the wrong kind for {p}")
    out |= {f"punning between properties: {s}" for s, k in kinds.items() if len(k & PROPERTY_KINDS) > 1}
    out |= {f"reserved vocabulary as a term: {s}" for s in kinds if str(s).startswith(RESERVED)}
    out |= {f"reserved vocabulary in an axiom: {o}" for p in (RDFS.subClassOf, RDFS.subPropertyOf)
            for o in g.objects(None, p) if str(o).startswith(RESERVED)}
    return sorted(out)


def test_every_term_is_declared_and_none_is_reserved(sample):
    onto = Graph().parse(ONTOLOGY)
    assert dl_problems(onto) == []
    assert dl_problems(onto + sample) == []
    assert not list(onto.triples((SHEQU.Evidence, RDFS.subClassOf, RDF.Statement)))
    bad = Graph().parse(ONTOLOGY)
    bad.add((SHEQU.Evidence, RDFS.subClassOf, RDF.Statement))
    bad.add((SHEQU.x, URIRef("http://example.org/undeclared"), Literal(1)))
    assert len(dl_problems(bad)) == 3  # undeclared class, reserved term in an axiom, undeclared property


def test_evidence_is_reachable_by_object_properties(sample):
    for st in sample.subjects(RDF.type, SHEQU.Evidence):
        s, p, o = (sample.value(st, x) for x in (RDF.subject, RDF.predicate, RDF.object))
        assert (s, SHEQU.evidence, st) in sample and sample.value(st, SHEQU.evidenceObject) == o
        assert sample.value(st, SHEQU.evidenceRelation) == p


# ---- a real OWL toolchain: the OWL API's OWL 2 DL profile check, and HermiT -------------------------
def _java():
    java = shutil.which("java")
    if java is None:
        if os.environ.get("KG_REQUIRE_JAVA") == "1":
            pytest.fail("java not found; scripts/setup-java.sh installs Debian's default-jre-headless")
        pytest.skip("java not installed (scripts/setup-java.sh installs it)")
    return java


@pytest.fixture(scope="module")
def merged(sample, tmp_path_factory):
    """Ontology and sample graph in one N-Triples file, as Protégé would see them together."""
    path = tmp_path_factory.mktemp("owl") / "ontology-and-sample.nt"
    (Graph().parse(ONTOLOGY) + sample).serialize(path, format="nt", encoding="utf-8")
    return path


def test_owl_api_finds_the_ontology_and_graph_in_owl2_dl(merged):
    owlready2 = pytest.importorskip("owlready2")
    jar = Path(owlready2.__file__).parent / "hermit" / "HermiT.jar"
    r = subprocess.run([_java(), "-cp", str(jar), str(ROOT / "tests" / "owl" / "OwlDlProfile.java"), str(merged)],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr[-2000:]
    last = r.stdout.strip().splitlines()[-1]
    assert last.endswith(" violations 0") and int(last.split()[1]) > 1000, r.stdout[-3000:]


def test_hermit_finds_ontology_and_sample_consistent(merged, tmp_path):
    owlready2 = pytest.importorskip("owlready2")
    _java()
    owlready2.reasoning.JAVA_MEMORY = 1000
    world = owlready2.World()
    onto = world.get_ontology(merged.as_uri()).load()
    start = time.monotonic()
    with onto:
        owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0)
    assert time.monotonic() - start < 30
    assert not list(world.inconsistent_classes())
    # the reasoner does look: a number where the ontology says integer makes it inconsistent
    bad = tmp_path / "bad.nt"
    bad.write_text(merged.read_text(encoding="utf-8") + f"<{SHEQU}x> <{SHEQU.articleIndex}> \"一\" .\n",
                   encoding="utf-8")
    world2 = owlready2.World()
    onto2 = world2.get_ontology(bad.as_uri()).load()
    with pytest.raises(owlready2.OwlReadyInconsistentOntologyError), onto2:
        owlready2.sync_reasoner_hermit(world2, infer_property_values=False, debug=0)
