"""Merging across articles: locatedIn keeps the nearest parent only (issue 15, finding 7)."""
from kg.rdf.link import merge
from kg.records import Article, Entity, Evidence, Extraction, Relation


def _x(doc, entities, relations, codes=None):
    art = Article(doc, 0, "", "")
    ev = Evidence(art.id, "句子。", 0, 3)
    codes = codes or {}
    return Extraction(art, {k: Entity(k, t, k.rsplit("/", 1)[-1], code=codes.get(k)) for k, t in entities.items()},
                      [Relation(s, "locatedIn", o, None if src == "gazetteer" else ev, src) for s, o, src in relations])


PLACES = {"place/甲市": "City", "place/甲市/乙区": "District", "place/甲市/乙区/丙街道": "Subdistrict",
          "place/甲市/乙区/丙街道/丁社区": "Community"}


def parents(kg):
    out = {}
    for (s, p, o) in kg.facts:
        if p == "locatedIn":
            out.setdefault(s, set()).add(o)
    return out


def test_a_community_in_its_street_and_its_city_keeps_the_street():
    c, s, d, city = sorted(PLACES, reverse=True)
    kg = merge([_x("a.txt", PLACES, [(c, s, "text"), (s, d, "gazetteer"), (d, city, "gazetteer")]),
                _x("b.txt", PLACES, [(c, city, "text")])])
    assert parents(kg)[c] == {s}
    assert all(len(v) == 1 for v in parents(kg).values())


def test_a_higher_parent_the_nearer_one_does_not_reach_moves_up_to_it():
    c, s, city = "place/x/丁社区", "place/x/丙街道", "place/甲市"
    ents = {c: "Community", s: "Subdistrict", city: "City"}
    kg = merge([_x("a.txt", ents, [(c, s, "text")]), _x("b.txt", ents, [(c, city, "text")])])
    assert parents(kg) == {c: {s}, s: {city}}
    moved = kg.facts[(s, "locatedIn", city)]
    assert moved.sources == {"context"} and moved.evidence  # the sentence it was read from stays


def test_no_place_of_the_sample_has_two_parents(built):
    from kg.query.export import load
    out, _ = built
    rows = list(load(out).query("""PREFIX shequ: <https://w3id.org/shequ-kg/ontology#>
        SELECT ?p WHERE { ?p shequ:locatedIn ?a , ?b FILTER (?a != ?b) }"""))
    assert rows == []


def test_a_fact_from_the_data_and_a_sentence_has_one_evidence_node_each():
    from rdflib import Literal
    from kg.rdf.graph import build_graph
    from kg.rdf.vocab import SHEQU
    s, d = "place/甲市/乙区/丙街道", "place/甲市/乙区"
    ents = {s: "Subdistrict", d: "District"}
    kg = merge([_x("a.txt", ents, [(s, d, "gazetteer")]), _x("b.txt", ents, [(s, d, "text")])])
    g = build_graph(kg)
    assert sorted(str(o) for o in g.objects(None, SHEQU.source)) == ["gazetteer", "text"]
    assert Literal("gazetteer,text") not in set(g.objects(None, SHEQU.source))


def test_parents_of_one_level_give_way_to_the_one_whose_code_begins_the_places():
    town, zone, district = "place/130299103", "place/130299", "place/130298"  # invented codes
    ents = {town: "Subdistrict", zone: "District", district: "District"}
    codes = {town: "130299103", zone: "130299", district: "130298"}
    kg = merge([_x(f"{k}.txt", ents, [(town, district, "text")], codes) for k in range(3)]
               + [_x("z.txt", ents, [(town, zone, "context")], codes)])
    assert parents(kg) == {town: {zone}}


def test_parents_of_one_level_without_codes_give_way_to_the_better_attested():
    street, a, b = "place/x/丙街道", "place/a.txt/乙区", "place/b.txt/乙区"
    ents = {street: "Subdistrict", a: "District", b: "District"}
    kg = merge([_x("a.txt", ents, [(street, a, "text")]), _x("b.txt", ents, [(street, b, "text")]),
                _x("c.txt", ents, [(street, b, "text")])])
    assert parents(kg) == {street: {b}}
