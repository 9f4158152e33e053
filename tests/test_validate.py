"""`kg validate`: the sample graph meets ontology/shapes.ttl, and a planted violation of each
shape is caught and named."""
import subprocess
import sys

import pytest
from rdflib import RDF, RDFS, Graph, Literal, URIRef

from kg.query.export import load
from kg.rdf.validate import validate
from kg.rdf.vocab import ID, SHEQU

from .conftest import ROOT


@pytest.fixture(scope="module")
def sample(built):
    out, _ = built
    return out, load(out)


def one(g, cls, **having):
    """Some node of class ``cls`` (with the given property present), picked deterministically."""
    nodes = sorted(s for s in g.subjects(RDF.type, cls)
                   if all(g.value(s, SHEQU[p]) is not None for p in having))
    assert nodes, cls
    return nodes[0]


def test_sample_graph_conforms(sample):
    out, g = sample
    assert validate(g) == []
    r = subprocess.run([sys.executable, "-m", "kg", "validate", str(out)], cwd=ROOT, capture_output=True, text=True)
    assert r.returncode == 0 and "conforms" in r.stderr and r.stdout == ""


def plants(g):
    c, d, s = one(g, SHEQU.Community), one(g, SHEQU.District), one(g, SHEQU.Subdistrict)
    o, p, a = one(g, SHEQU.Organization), one(g, SHEQU.Project), one(g, SHEQU.Article)
    q, ev = one(g, SHEQU.Quantity), one(g, SHEQU.Evidence, sentence=True)
    d2 = sorted(x for x in g.subjects(RDF.type, SHEQU.District) if x != d)[0]
    new = ID["place/x/无名社区"]
    return {
        "shapes:Named": ([(new, RDF.type, SHEQU.Community)], []),
        "shapes:Place": ([(c, SHEQU.adminCode, Literal("12345")), (c, SHEQU.locatedIn, d), (c, SHEQU.locatedIn, d2)], []),
        "shapes:LocatedIn": ([(o, SHEQU.locatedIn, d)], []),
        "shapes:Supports": ([(o, SHEQU.supports, d)], []),
        "shapes:HasProject": ([(c, SHEQU.hasProject, o)], []),
        "shapes:District": ([(c, SHEQU.district, s)], [(c, SHEQU.district, None)]),
        "shapes:MentionedIn": ([(p, SHEQU.mentionedIn, c)], []),
        "shapes:HasQuantity": ([(p, SHEQU.hasQuantity, p)], []),
        "shapes:Amounts": ([(p, SHEQU.investment, Literal("很多"))], []),
        "shapes:Quantity": ([(q, SHEQU.quantityKind, Literal("weight"))], [(q, SHEQU.quantityKind, None)]),
        "shapes:Article": ([(a, SHEQU.articleIndex, Literal("一"))], [(a, SHEQU.articleIndex, None)]),
        "shapes:Evidence": ([], [(ev, SHEQU.sentence, None)]),
        "shapes:EvidenceFromText": ([], [(ev, SHEQU.startOffset, None)]),
    }


def test_a_planted_violation_of_each_shape_is_caught(sample):
    _, g = sample
    shapes = {str(s) for s in Graph().parse(ROOT / "ontology" / "shapes.ttl").subjects(RDF.type, None)
              if str(s).startswith("https://w3id.org/shequ-kg/shapes#")}
    cases = plants(g)
    assert {"https://w3id.org/shequ-kg/shapes#" + k.split(":")[1] for k in cases} == shapes  # one per shape
    for shape, (add, remove) in cases.items():
        h = Graph()
        for t in g:
            h.add(t)
        for t in remove:
            h.remove(t)
        for t in add:
            h.add(t)
        found = validate(h)
        assert found and {v.shape for v in found} == {shape}, (shape, [v.line() for v in found])


def test_evidence_from_the_division_data_names_the_dataset(sample):
    """Finding 6: gazetteer evidence has prov:wasDerivedFrom the division dataset (package and version)."""
    from importlib import metadata
    from rdflib.namespace import PROV
    _, g = sample
    gaz = sorted(e for e in g.subjects(SHEQU.source, Literal("gazetteer")))
    assert gaz
    dataset = ID[f"dataset/jionlp-{metadata.version('jionlp')}"]
    assert {g.value(e, PROV.wasDerivedFrom) for e in gaz} == {dataset}
    assert (dataset, RDF.type, URIRef("https://schema.org/Dataset")) in g and g.value(dataset, RDFS.label)
    h = Graph()
    for t in g:
        h.add(t)
    h.remove((gaz[0], PROV.wasDerivedFrom, None))
    assert {v.shape for v in validate(h)} == {"shapes:Evidence"}


def _tiny_corpus(tmp_path):
    (tmp_path / "a.txt").write_text("长沙市芙蓉区青松街道翠竹社区联合翎杉物业公司为居民安装路灯。", encoding="utf-8")
    return [str(tmp_path / "a.txt")]


def test_build_checks_the_graph_it_writes_and_warns_with_a_count(tmp_path, monkeypatch):
    import kg.rdf.validate as shapes
    from kg.build import build

    assert build(_tiny_corpus(tmp_path), tmp_path / "o1", workers=1, html=False, cache=False).shape_warnings == []
    planted = shapes.Violation("shapes:Place", "id:x", "shequ:locatedIn", "more than one direct parent")
    monkeypatch.setattr(shapes, "validate", lambda g, inplace=False: [planted, planted])
    report = build(_tiny_corpus(tmp_path), tmp_path / "o2", workers=1, html=False, cache=False)
    assert report.shape_warnings == [f"the graph breaks 2 constraint(s) of ontology/shapes.ttl: kg validate "
                                     f"{tmp_path / 'o2'} lists them"]
    assert "warning: the graph breaks 2" in report.summary() and (tmp_path / "o2" / "graph.ttl").exists()
    skipped = build(_tiny_corpus(tmp_path), tmp_path / "o3", workers=1, html=False, cache=False, validate=False)
    assert skipped.shape_warnings == []


def test_a_big_graph_is_left_to_kg_validate(tmp_path, monkeypatch):
    import kg.build as b

    monkeypatch.setattr(b, "VALIDATE_MAX_TRIPLES", 3)
    report = b.build(_tiny_corpus(tmp_path), tmp_path / "o", workers=1, html=False, cache=False)
    assert any("not checked against ontology/shapes.ttl" in n for n in report.notes)
