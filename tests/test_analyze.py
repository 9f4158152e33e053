"""`kg analyze`: backers, clusters and coverage; deterministic, and agreeing with SPARQL counts."""
import csv
import io
import json
import subprocess
import sys

import pytest

from kg.query.analyze import Network, backers, clusters, coverage
from kg.query.execute import run

from .conftest import ROOT


def kg(*args):
    return subprocess.run([sys.executable, "-m", "kg", *args], cwd=ROOT, capture_output=True, text=True)


@pytest.fixture(scope="module")
def answer(built):
    out, _ = built
    r = kg("analyze", str(out), "--format", "json")
    assert r.returncode == 0, r.stderr
    return out, r.stdout


def count(out, where: str) -> int:
    rows = run(f"SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE {{ {where} }}", location=str(out)).dicts()
    return int(rows[0]["n"])


def test_json_is_deterministic_and_agrees_with_sparql(answer):
    out, text = answer
    assert kg("analyze", str(out), "--format", "json").stdout == text  # same graph, same bytes
    result = json.loads(text)
    assert set(result) == {"backers", "clusters", "coverage"}
    reach = {r["o"]: int(r["n"]) for r in run(
        "SELECT ?o (COUNT(DISTINCT ?c) AS ?n) WHERE { ?o shequ:supports ?c . ?c a shequ:Community } GROUP BY ?o",
        location=str(out)).dicts()}
    assert {b["iri"]: b["communities"] for b in result["backers"]} == reach
    assert [b["rank"] for b in result["backers"]] == list(range(1, len(reach) + 1))
    cov = result["coverage"]
    assert sum(r["communities"] for r in cov) == count(out, "?c a shequ:Community")
    assert sum(r["no_backer"] for r in cov) == count(out, "?c a shequ:Community FILTER NOT EXISTS { ?o shequ:supports ?c }")
    assert sum(r["no_project"] for r in cov) == count(out, "?c a shequ:Community FILTER NOT EXISTS { ?c shequ:hasProject ?p }")
    assert all(r["no_backer"] == len(r["without_backer"]) for r in cov)


def test_csv_table_and_errors(answer, tmp_path):
    out, text = answer
    r = kg("analyze", str(out), "--format", "csv", "--only", "backers")
    rows = list(csv.DictReader(io.StringIO(r.stdout)))
    assert r.returncode == 0 and len(rows) == len(json.loads(text)["backers"]) and "betweenness" in rows[0]
    r = kg("analyze", str(out), "--format", "csv")
    assert r.returncode == 2 and "error[E091]" in r.stderr and r.stdout == ""
    r = kg("analyze", str(out), "--format", "table", "--only", "coverage")
    assert r.returncode == 0 and "Coverage" in r.stdout and "Backers" not in r.stdout
    r = kg("analyze", str(tmp_path / "nothing"))
    assert r.returncode == 2 and "error[E030]" in r.stderr


def test_louvain_splits_communities_by_shared_backers_and_betweenness_finds_the_bridge():
    # two invented groups of three communities, each with two shared backers, and one org in both
    net = Network()
    for g in "甲乙":
        for k in range(3):
            net.communities[f"c/{g}{k}"] = (f"{g}{k}社区", f"d/{g}", f"{g}区")
        for o in ("一", "二"):
            net.org_label[f"o/{g}{o}"] = f"{g}{o}公司"
            net.supports |= {(f"o/{g}{o}", f"c/{g}{k}") for k in range(3)}
    net.org_label["o/桥"] = "桥梁公司"
    net.supports |= {("o/桥", "c/甲0"), ("o/桥", "c/乙0")}
    net.with_project = {"c/甲1"}
    found = clusters(net)
    assert [c["communities"] for c in found] == [["乙0社区", "乙1社区", "乙2社区"], ["甲0社区", "甲1社区", "甲2社区"]]
    assert found[0]["shared_backers"] == ["乙一公司", "乙二公司"]
    assert clusters(net) == found  # fixed seed
    ranked = backers(net)
    assert ranked[-1]["label"] == "桥梁公司" and ranked[-1]["communities"] == 2 and ranked[-1]["districts"] == 2
    assert ranked[-1]["betweenness"] == max(b["betweenness"] for b in ranked)
    cov = {r["district"]: (r["no_backer"], r["no_project"]) for r in coverage(net)}
    assert cov == {"甲区": (0, 2), "乙区": (0, 3)}


def test_sampled_betweenness_of_a_large_network_is_deterministic(monkeypatch):
    from kg.query import analyze as an
    net = Network()
    for k in range(60):
        net.communities[f"c/{k}"] = (f"{k}社区", "", "")
        net.org_label[f"o/{k}"] = f"{k}公司"
        net.supports |= {(f"o/{k}", f"c/{k}"), (f"o/{k}", f"c/{(k * 7 + 1) % 60}")}
    monkeypatch.setattr(an, "EXACT_UP_TO", 10)
    monkeypatch.setattr(an, "SAMPLE", 20)
    first = backers(net)
    assert backers(net) == first and any(b["betweenness"] > 0 for b in first)
    assert sorted(b["betweenness_rank"] for b in first) == list(range(1, 61))
