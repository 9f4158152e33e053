"""Saved queries answer correctly on the sample corpus, in every store; `kg query` behaves."""
import json
import re
from decimal import Decimal
import subprocess
import sys

import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF, RDFS

from kg.query import saved
from kg.errors import KgError
from kg.query.execute import resolve, run
from kg.query.stores import open_store
from kg.query.stores.memory import MemoryStore

from .conftest import ROOT

SHEQU = Namespace("https://w3id.org/shequ-kg/ontology#")
ID = "https://w3id.org/shequ-kg/id/"


def ask(built, name, store="oxigraph", **params):
    out, _ = built
    text, bindings = resolve(name=name, params=params)
    return run(text, bindings, store=store, location=str(out)).dicts()


def kg(*args):
    return subprocess.run([sys.executable, "-m", "kg", *args], cwd=ROOT, capture_output=True, text=True)


def test_catalogue_has_documented_queries():
    cat = saved.catalogue()
    assert len(cat) >= 10
    for q in cat.values():
        assert q.title and q.description, q.name
        select = re.search(r"^SELECT[^\n]*", q.text, re.M)
        for p in q.params:  # substitution binds projected variables only
            assert p.doc
            if select:
                assert f"?{p.name}" in select.group(0), (q.name, p.name)


def test_admin_chain(built):
    rows = ask(built, "admin-chain", community="西湖社区")
    assert [(r["level"], r["name"], r.get("code")) for r in rows] == [
        ("省", "湖南省", "430000"), ("市", "长沙市", "430100"), ("区/县", "芙蓉区", "430102"),
        ("街道/镇", "湘湖街道", "430102012"), ("社区/村", "西湖社区", "430102012002")]
    assert [r["scheme"] for r in rows] == ["GB/T 2260 行政区划代码"] * 3 + ["国家统计局 2023年统计用区划代码"] * 2


def test_place_by_code(built):
    rows = ask(built, "place-by-code", code="430102012002")
    assert {(r["name"], r["type"], r["year"]) for r in rows} == {("西湖社区", "Community", "2023")}
    assert [r["aboveCode"] for r in rows] == ["430000", "430100", "430102", "430102012"]


def test_communities_in_street_and_district(built):
    names = {r["name"] for r in ask(built, "communities-in-place", place="嵩山路街道")}
    assert names == {"大湖塘社区", "小湖塘社区", "湘银社区", "白鹤社区"}
    in_district = {r["name"] for r in ask(built, "communities-in-place", place="天元区")}
    assert names < in_district and "尚格社区" in in_district
    per_district = {r["name"]: int(r["communities"]) for r in ask(built, "communities-by-district")}
    assert per_district["天元区"] == len({n for n in in_district if n.endswith(("社区", "村"))}) == 10


def test_backers_both_ways(built):
    backers = {r["name"]: r.get("kind") for r in ask(built, "community-backers", community="西湖社区")}
    assert backers == {"名家物业公司": "Enterprise", "湖南省自来水水务集团": "Enterprise"}
    by_alias = ask(built, "org-communities", org="名家物业")
    assert [(r["name"], r["street"], r["district"]) for r in by_alias] == [("西湖社区", "湘湖街道", "芙蓉区")]
    top = ask(built, "top-backers")
    assert len(top) == 11 and all(r["communities"] == "1" for r in top)


def test_projects_with_amounts_and_years(built):
    rows = ask(built, "community-projects", community="莲花社区")
    shed = [r for r in rows if r["name"] == "过渡性钢架棚社区用房及四合院"]
    assert [(r["investment"], r["year"]) for r in shed] == [("1000000", "2018")]
    assert {r["year"] for r in rows if r["name"] == "社区服务用房和门面"} == {"2019", "2021"}
    assert {r["investment"] for r in rows if r["name"] == "敬老服务"} == {"100", "500", "1000", "2000"}
    by_community = ask(built, "investment-by-community")
    stated = {(r["project"], int(r["investment"])) for r in rows if "investment" in r}  # distinct per project
    total = str(sum(amount for _, amount in stated))
    assert [(r["name"], r["district"], r["investment"]) for r in by_community] == [("莲花社区", "永定区", total)]
    by_district = ask(built, "investment-by-district")
    assert [(r["name"], r["code"], r["investment"]) for r in by_district] == [("永定区", "430802", total)]


def test_evidence_for_a_fact(built):
    rows = ask(built, "fact-evidence", subject="名家物业", object="西湖社区")
    assert len(rows) == 1
    r = rows[0]
    assert r["relation"] == "supports" and r["file"].startswith("004_") and "名家物业公司" in r["sentence"]
    assert int(r["end"]) - int(r["start"]) == len("名家物业公司")


def test_entities_of_one_article(built):
    rows = ask(built, "article-entities", file=next(
        r["file"] for r in ask(built, "fact-evidence", subject="名家物业", object="西湖社区")))
    kinds = {(r["type"], r["name"]) for r in rows}
    assert {("Community", "西湖社区"), ("District", "芙蓉区"), ("Enterprise", "名家物业公司")} <= kinds
    assert not any(t == "Organization" for t, _ in kinds)  # the specific kind only


def test_orphan_places_finds_unplaced_community():
    g = Graph()
    a, b = URIRef(ID + "place/x/桂花社区"), URIRef(ID + "place/110101")
    g.add((a, RDF.type, SHEQU.Community)), g.add((a, RDFS.label, Literal("桂花社区", lang="zh")))
    g.add((b, RDF.type, SHEQU.District)), g.add((b, RDFS.label, Literal("东城区", lang="zh")))
    g.add((URIRef(ID + "place/110101/x社区"), SHEQU.locatedIn, b))
    rows = MemoryStore(g).query(saved.get("orphan-places").text).dicts()
    assert {r["name"] for r in rows} == {"桂花社区", "东城区"}


PARAMS = {"admin-chain": {"community": "西湖社区"}, "communities-in-place": {"place": "天元区"},
          "community-backers": {"community": "西湖社区"}, "org-communities": {"org": "名家物业公司"},
          "community-projects": {"community": "莲花社区"}, "neighbourhood": {"entity": "西湖社区"},
          "fact-evidence": {"subject": "名家物业", "object": "西湖社区"},
          "article-entities": {"file": "004_c1b2c1d79821ea39.txt"},
          "place-by-code": {"code": "430102012"}}


def test_every_saved_query_same_rows_in_both_stores(built):
    out, _ = built
    for name in saved.catalogue():
        text, b = resolve(name=name, params=PARAMS.get(name, {}))
        ox, mem = run(text, b, "oxigraph", str(out)), run(text, b, "memory", str(out))
        if ox.kind == "graph":
            assert set(ox.triples) == set(mem.triples) and ox.triples, name
        else:
            assert ox.vars == mem.vars and sorted(map(_values, ox.rdflib_rows())) == sorted(map(_values, mem.rdflib_rows())), name


def _values(row):
    """A row comparable across engines: numbers by value (SUM may give 10 or 10.0)."""
    out = []
    for t in row:
        v = t.toPython() if isinstance(t, Literal) else t
        out.append(str(float(v)) if isinstance(v, (int, float, Decimal)) and not isinstance(v, bool) else str(v))
    return tuple(out)


def test_parameters_are_bound_not_spliced(built):
    assert ask(built, "admin-chain", community='西湖社区" } UNION { ?c ?p ?place') == []
    assert ask(built, "admin-chain", store="memory", community="西湖社区'") == []


def test_row_cap_reports_truncation(built):
    out, _ = built
    r = run("SELECT ?s WHERE { ?s a shequ:Community }", location=str(out), max_rows=2)
    assert len(r.rows) == 2 and r.truncated


def test_cli_formats(built):
    out, _ = built
    q = ["query", "-d", str(out), "-n", "admin-chain", "-p", "community=西湖社区"]
    csv = kg(*q, "--format", "csv")
    assert csv.returncode == 0 and csv.stdout.splitlines()[0] == "community,level,name,code,scheme,place"
    data = json.loads(kg(*q, "--format", "json").stdout)
    assert data["head"]["vars"][:3] == ["community", "level", "name"] and len(data["results"]["bindings"]) == 5
    tsv = kg(*q, "--format", "tsv").stdout.splitlines()
    assert tsv[0].split("\t")[:2] == ["?community", "?level"] and '"湖南省"@zh' in tsv[1]
    ttl = kg("query", "-d", str(out), "-n", "neighbourhood", "-p", "entity=西湖社区").stdout
    assert len(Graph().parse(data=ttl, format="turtle")) > 5
    listing = kg("query", "--list").stdout
    assert "admin-chain" in listing and "community=" in listing


def test_cli_errors_are_one_line_exit_2(built, tmp_path):
    out, _ = built
    bad = kg("query", "-d", str(out), "SELECT ?x WHERE {\n  ?x a shequ:Community . FILTER(?x = ) }")
    assert bad.returncode == 2 and bad.stdout == ""
    # one line with the message and the hint, then the query line with a caret under the column
    first, src, mark = bad.stderr.splitlines()
    assert re.fullmatch(r"error\[E020\]: SPARQL syntax error: line 2, column \d+: .*\(hint: .*\)", first)
    assert src.strip() == "?x a shequ:Community . FILTER(?x = ) }" and mark.strip() == "^"
    for text, code in [("INSERT DATA { <a:b> <a:c> <a:d> }", "E023"), ("LOAD <http://example.org/x>", "E023"),
                       ("SELECT * { SERVICE <http://example.org/> { ?s ?p ?o } }", "E023")]:
        r = kg("query", "-d", str(out), text)
        assert r.returncode == 2 and f"error[{code}]" in r.stderr, text
    assert "E030" in kg("query", "-d", str(tmp_path), "ASK {}").stderr
    assert "E022" in kg("query", "-d", str(out), "-n", "admin-chain").stderr
    assert "E031" in kg("query", "-d", str(out), "--store", "nosuch", "ASK {}").stderr
    f = tmp_path / "q.rq"
    f.write_text("# param: name (label) a label\nSELECT ?name ?x WHERE { ?x rdfs:label ?name }\n", encoding="utf-8")
    r = kg("query", "-d", str(out), "-f", str(f), "-p", "name=西湖社区", "--format", "csv")
    assert r.returncode == 0 and len(r.stdout.splitlines()) == 3  # the community and the article titled so
    piped = subprocess.run([sys.executable, "-m", "kg", "query", "-d", str(out), "-f", "-", "--format", "csv"],
                           input="ASK { ?c a shequ:Community }", cwd=ROOT, capture_output=True, text=True)
    assert piped.returncode == 0 and piped.stdout.splitlines() == ["_askResult", "true"]


def test_unknown_store_name():
    with pytest.raises(KgError) as e:
        open_store("nosuch", "output")
    assert e.value.code == "E031"


@pytest.mark.parametrize("store", ["oxigraph", "memory"])
def test_select_star_keeps_the_order_of_the_query(built, store):
    out, _ = built
    q = "SELECT * WHERE { ?s a shequ:Community ; rdfs:label ?name ; shequ:district ?d } LIMIT 2"
    r = run(q, store=store, location=str(out))
    assert r.vars == ["s", "name", "d"] and len(r.rows) == 2
    assert all(row["name"].endswith(("社区", "村")) for row in r.dicts())
    cli = kg("query", "-d", str(out), "--store", store, q, "--format", "csv")
    assert cli.stdout.splitlines()[0] == "s,name,d"
    data = json.loads(kg("query", "-d", str(out), "--store", store, q, "--format", "json").stdout)
    assert data["head"]["vars"] == ["s", "name", "d"]
    assert kg("query", "-d", str(out), "--store", store, q, "--format", "tsv").stdout.startswith("?s\t?name\t?d\n")
    # a variable named in the SELECT clause keeps that order, even against the pattern's
    assert run("SELECT ?d ?s WHERE { ?s shequ:district ?d } LIMIT 1", store=store, location=str(out)).vars == ["d", "s"]
