"""The ontology and the graph in OWL tools (issue 15, findings 2 and 3): datatypes of the OWL 2
datatype map, every term declared, evidence reachable by an object property, and a consistent
ontology + sample graph in a real reasoner (HermiT)."""
import networkx as nx
import pytest
from rdflib import RDFS, XSD, Graph, Literal

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
        assert not any(XSD.gYear in (t, getattr(t, "datatype", None)) for triple in g for t in triple)
    years = list(sample.objects(None, SHEQU.year))
    assert years and all(y.datatype == XSD.integer for y in years)
    assert onto.value(SHEQU.year, RDFS.range) == XSD.integer
    later = sample.query("PREFIX shequ: <https://w3id.org/shequ-kg/ontology#> "
                         "SELECT ?p WHERE { ?p shequ:year ?y FILTER (?y >= 2019) }")
    assert 0 < len(later) <= len(set(sample.subjects(SHEQU.year, None)))
    (tmp_path / "g.graphml").write_text(export(sample, "graphml", None), encoding="utf-8")
    h = nx.read_graphml(tmp_path / "g.graphml")
    assert {type(d["year"]) for _, d in h.nodes(data=True) if "year" in d} == {int}
    assert Literal(2023) in set(sample.objects(None, SHEQU.schemeYear))
