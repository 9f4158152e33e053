"""`kg export`: each format read back by an independent reader agrees with graph.ttl."""
import csv
import subprocess
import sys

import networkx as nx
import pytest
from rdflib import RDF, RDFS, Graph, Literal
from rdflib.compare import isomorphic

from kg.query.export import export, load
from kg.rdf.vocab import ID, SHEQU

from .conftest import ROOT

HIDDEN = (SHEQU.Evidence, SHEQU.Quantity)


def expected_counts(g):
    """Entities and relations between them, counted straight from the Turtle graph."""
    typed = {s for s, t in g.subject_objects(RDF.type) if str(t).startswith(str(SHEQU))}
    ents = {s for s in typed if not any((s, RDF.type, h) in g for h in HIDDEN)}
    rels = {(s, p, o) for s, p, o in g if s in ents and o in ents and str(p).startswith(str(SHEQU))}
    return len(ents), len(rels)


@pytest.fixture(scope="module")
def graph(built):
    out, _ = built
    return out, load(out)


def kg(*args):
    return subprocess.run([sys.executable, "-m", "kg", *args], cwd=ROOT, capture_output=True, text=True)


def test_ntriples_and_jsonld_round_trip(graph, tmp_path):
    out, g = graph
    for fmt, parser in (("nt", "nt"), ("jsonld", "json-ld")):
        r = kg("export", "-d", str(out), "--format", fmt, "-o", str(tmp_path / f"g.{fmt}"))
        assert r.returncode == 0, r.stderr
        back = Graph().parse(tmp_path / f"g.{fmt}", format=parser)
        assert len(back) == len(g) and isomorphic(back, g), fmt
    text = (tmp_path / "g.jsonld").read_text(encoding="utf-8")
    assert '"locatedIn"' in text and '"@context"' in text  # compacted with ontology/context.jsonld


def test_graphml_and_gexf_read_back_with_networkx(graph, tmp_path):
    out, g = graph
    n_nodes, n_edges = expected_counts(g)
    for fmt, reader in (("graphml", nx.read_graphml), ("gexf", nx.read_gexf)):
        path = tmp_path / f"g.{fmt}"
        assert kg("export", "-d", str(out), "--format", fmt, "-o", str(path)).returncode == 0
        h = reader(path)
        assert (h.number_of_nodes(), h.number_of_edges()) == (n_nodes, n_edges), fmt
        communities = [d for _, d in h.nodes(data=True) if "Community" in d.get("type", "")]
        assert communities and all(d.get("label") for d in communities)
        assert any(d.get("code") for d in communities), fmt
        assert {d.get("label") or d.get("type") for *_, d in h.edges(data=True)} >= {"locatedIn", "hasProject"}
    assert export(g, "gexf", None) == export(g, "gexf", None)  # no date stamp: same graph, same file


def test_csv_in_neo4j_and_gephi_dialects(graph, tmp_path):
    out, g = graph
    n_nodes, n_edges = expected_counts(g)
    assert kg("export", "-d", str(out), "--format", "csv", "-o", str(tmp_path)).returncode == 0

    def rows(name):
        with open(tmp_path / name, encoding="utf-8", newline="") as f:
            return list(csv.DictReader(f))
    nodes, rels = rows("nodes.csv"), rows("relationships.csv")
    assert len(nodes) == n_nodes and len(rels) == n_edges
    assert {"iri:ID", ":LABEL"} <= set(nodes[0]) and set(rels[0]) == {":START_ID", ":END_ID", ":TYPE"}
    ids = {r["iri:ID"] for r in nodes}
    assert all(r[":START_ID"] in ids and r[":END_ID"] in ids for r in rels)
    gn, ge = rows("gephi-nodes.csv"), rows("gephi-edges.csv")
    assert len(gn) == n_nodes and len(ge) == n_edges
    assert {"Id", "Label"} <= set(gn[0]) and {"Source", "Target"} <= set(ge[0])
    r = kg("export", "-d", str(out), "--format", "csv")
    assert r.returncode == 2 and "E090" in r.stderr and not r.stdout


def test_cypher_merges_by_iri_and_escapes_strings():
    g = Graph()
    a, b = ID["place/x/引号社区"], ID["place/x"]
    g.add((a, RDF.type, SHEQU.Community))
    g.add((a, RDFS.label, Literal('引"号\\社区\n', lang="zh")))
    g.add((b, RDF.type, SHEQU.District)), g.add((b, RDFS.label, Literal("某区", lang="zh")))
    g.add((a, SHEQU.locatedIn, b))
    text = export(g, "cypher", None)
    lines = text.splitlines()
    assert sum(line.startswith("MERGE (n:Resource {iri: ") for line in lines) == 2
    assert sum("MERGE (a)-[:`locatedIn`]->(b)" in line for line in lines) == 1
    assert '"引\\"号\\\\社区\\n"' in text and "\n\n" not in text
