"""The streaming Turtle/N-Triples writer (issue 13): valid, escaped, and the bytes of the old path
(an rdflib Graph of everything and rdflib's serialiser)."""
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic

from kg.build_cache import ExtractionCache, article_key
from kg.rdf import spool, terms
from kg.rdf.graph import to_rdflib
from kg.rdf.terms import Lit
from kg.rdf.writer import used_prefixes, write_ntriples, write_turtle

from .conftest import CORPUS
from kg.rdf.link import Merger

from .reference_graph import build_graph as old_build_graph

TRICKY = ['say "hi"', "back\\slash", "two\nlines", 'ends with a quote"\nhere"', 'a """ b\nc', "cr\r\nlf",
          "tab\there", "non-BMP 𠀀𪚥 😀", "", "end\\", '"', "中文“引号”", "x\n"]


def _blocks():
    s = terms.SHEQU
    return [
        (terms.entity("place/430100/青石社区"), {terms.TYPE: [s + "Community"], terms.LABEL: [Lit("青石社区", "", "zh")],
                                             s + "note": [Lit(t) for t in TRICKY] + [Lit(t, "", "zh") for t in TRICKY]}),
        (terms.entity("org/绿叶物业 (总部)/“甲”%"), {s + "count": [terms.decimal("12"), terms.decimal("3.50"),
                                                                 terms.decimal("1E+3")],
                                                  s + "n": [terms.integer(-4)], s + "flag": [terms.boolean(True)],
                                                  s + "year": [Lit("2023", terms.GYEAR)],
                                                  s + "odd": [Lit("x", "http://example.org/dt#t")],
                                                  s + "near": [terms.entity("place/430100/青石社区")]}),
        (terms.statement("0123456789abcdef"), {terms.RDF + "subject": [terms.entity("place/430100/青石社区")]}),
    ]


def _turtle(blocks) -> bytes:
    from io import BytesIO
    names = {t for s, props in blocks for p, objs in props.items() if p != terms.TYPE
             for t in [s, p, *[o if isinstance(o, str) else o.datatype for o in objs]] if t}
    buf = BytesIO()
    write_turtle(blocks, used_prefixes(names), buf)
    return buf.getvalue()


def test_literals_are_spelled_as_rdflib_spells_them():
    from kg.rdf.writer import _Names
    names = _Names()
    for o in [Lit(t) for t in TRICKY] + [Lit(t, "", "zh") for t in TRICKY] + _blocks()[1][1][terms.SHEQU + "count"]:
        lit = Literal(o.lex, lang=o.lang or None, datatype=URIRef(o.datatype) if o.datatype else None)
        assert names.term(o) == lit._literal_n3(use_plain=True, qname_callback=lambda dt: None), o


def test_turtle_round_trips_through_rdflib_with_its_bytes():
    from collections import Counter

    from kg.rdf.blocks import _count
    refs = Counter()
    _count(_blocks(), refs, set())
    blocks = sorted(_blocks(), key=lambda b: (refs[b[0]], b[0]))  # rdflib's order of subjects
    ttl = _turtle(blocks)
    theirs = to_rdflib(blocks).serialize(format="turtle", encoding="utf-8")
    assert ttl == theirs
    parsed = Graph().parse(data=ttl.decode("utf-8"), format="turtle")
    assert isomorphic(parsed, Graph().parse(data=theirs.decode("utf-8"), format="turtle"))
    assert len(parsed) == len(to_rdflib(blocks))
    assert {str(o) for o in parsed.objects(None, URIRef(terms.SHEQU + "note"))} == set(TRICKY)
    assert "<https://w3id.org/shequ-kg/id/place/430100/青石社区>" in ttl.decode("utf-8")  # IRIs keep Chinese


def test_ntriples_round_trip():
    from io import BytesIO
    buf = BytesIO()
    write_ntriples(_blocks(), buf)
    nt = Graph().parse(data=buf.getvalue().decode("utf-8"), format="nt")
    assert isomorphic(nt, to_rdflib(_blocks()))
    assert len(buf.getvalue().decode("utf-8").splitlines()) == len(nt)


def test_spool_sorts_across_runs_and_drops_repeats(monkeypatch):
    monkeypatch.setattr(spool, "RUN", 7)
    sp = spool.Spool()
    records = [(f"{k * 7919 % 100:02d}", "中文\n" * (k % 3), k % 5) for k in range(60)] * 2
    for r in records:
        sp.add(r)
    assert len(sp.files) > 3
    assert list(sp.sorted()) == sorted(set(records)) == list(sp.sorted())
    sp.close()


def _old_path_bytes(articles, out: Path) -> bytes:
    """The old path, from the extractions the build cached."""
    cache, m = ExtractionCache(out), Merger()
    try:
        for a in articles:
            m.add(cache.get(article_key(a)))
    finally:
        cache.close()
    return old_build_graph(m.result()).serialize(format="turtle", encoding="utf-8")


def test_sample_corpus_graph_is_the_old_paths_bytes(built):
    from kg.build import BuildReport, read_articles
    out, _ = built
    articles = read_articles([str(CORPUS)], BuildReport())
    ttl = (out / "graph.ttl").read_bytes()
    assert ttl == _old_path_bytes(articles, out)
    assert ttl == to_rdflib_of(ttl)


def to_rdflib_of(ttl: bytes) -> bytes:
    """rdflib's own serialisation of the triples in ``ttl``."""
    from kg.rdf.vocab import PREFIXES
    g = Graph()
    for p, ns in PREFIXES.items():
        g.bind(p, ns)
    return g.parse(data=ttl.decode("utf-8"), format="turtle").serialize(format="turtle", encoding="utf-8")


def test_small_spool_runs_give_the_same_bytes(tmp_path, monkeypatch, built):
    from kg.build import build
    monkeypatch.setattr(spool, "RUN", 50)
    out = tmp_path / "out"
    build([str(CORPUS)], out, workers=1, show_progress=False, html=False)
    assert (out / "graph.ttl").read_bytes() == (built[0] / "graph.ttl").read_bytes()


@pytest.mark.parametrize("html", [False])
def test_store_holds_the_turtle_triples(built, html):
    import pyoxigraph as ox
    out, report = built
    store = ox.Store.read_only(str((out / "store").resolve()))
    assert len(store) == report.triples == len(Graph().parse(out / "graph.ttl"))


def test_moved_and_dropped_parents_give_the_old_paths_bytes():
    """Links nearest_parents drops or moves up (issue 15): their spooled evidence is skipped or
    restated, as the old path's per-fact evidence was."""
    from io import BytesIO

    from kg.rdf.blocks import Ordered
    from kg.rdf.link import merge
    from kg.records import Article, Entity, Evidence, Extraction, Relation

    c, s, d, city = "place/x/丁社区", "place/x/丙街道", "place/甲市/乙区", "place/甲市"
    kinds = {c: "Community", s: "Subdistrict", d: "District", city: "City"}

    def x(doc, rels):
        art = Article(doc, 0, doc, "")
        return Extraction(art, {k: Entity(k, t, k.rsplit("/", 1)[-1]) for k, t in kinds.items()},
                          [Relation(a, "locatedIn", b,
                                    None if src == "gazetteer" else Evidence(art.id, "句子。", k, k + 3), src)
                           for k, (a, b, src) in enumerate(rels)])
    kg = merge([x("a.txt", [(c, s, "text"), (c, s, "context"), (d, city, "gazetteer")]),
                x("b.txt", [(c, city, "text"), (c, d, "context")]), x("c.txt", [(d, city, "text")])])
    ordered = Ordered(kg)
    buf = BytesIO()
    write_turtle(ordered, ordered.prefixes, buf)
    assert buf.getvalue() == old_build_graph(kg).serialize(format="turtle", encoding="utf-8")
    assert {k for k in kg.facts} == {(c, "locatedIn", s), (s, "locatedIn", city), (d, "locatedIn", city)}
    assert b'"gazetteer"' in buf.getvalue()
    ordered.close()


def test_store_loaded_in_pieces_holds_the_same_triples(tmp_path, monkeypatch, built):
    """A large graph.ttl is bulk-loaded a piece at a time (the loader's memory is that of a piece):
    the same bytes, the same triples in the store, the same query answers."""
    import pyoxigraph as ox

    from kg.build import build
    from kg.query.stores import oxigraph
    seen, fill = [], oxigraph.fill_store
    monkeypatch.setattr(oxigraph, "PIECE_TRIPLES", 200)
    monkeypatch.setattr(oxigraph, "fill_store", lambda *a, **k: seen.append(k["pieces"]) or fill(*a, **k))
    out = tmp_path / "out"
    build([str(CORPUS)], out, workers=1, show_progress=False, html=False)
    ttl = (out / "graph.ttl").read_bytes()
    assert ttl == (built[0] / "graph.ttl").read_bytes()
    pieces = seen[0]
    assert len(pieces) > 5 and ttl[pieces[0]:pieces[0] + 2] == b"\n<"
    head = ttl[:pieces[0]]
    for start, end in zip(pieces, pieces[1:] + [len(ttl)]):  # each piece parses on its own
        assert ttl[start:start + 1] == b"\n" and len(Graph().parse(data=(head + ttl[start:end]).decode(), format="turtle"))
    ours, theirs = (ox.Store.read_only(str((o / "store").resolve())) for o in (out, built[0]))
    assert set(ours) == set(theirs) and len(ours) == built[1].triples
    q = "SELECT ?s ?o WHERE { ?s <https://w3id.org/shequ-kg/ontology#locatedIn> ?o } ORDER BY ?s ?o"
    assert [tuple(r) for r in ours.query(q)] == [tuple(r) for r in theirs.query(q)]
