"""Saved queries are portable SPARQL 1.1: each .rq declares every prefix it uses, so Jena,
GraphDB or Fuseki take the file as it is (issue 15, finding 4)."""
import pyoxigraph
import pytest
from rdflib.plugins.sparql.parser import parseQuery

from kg.query import saved
from kg.query.execute import resolve, run
from kg.query.sparql import bind
from kg.query.tokens import tokens

from .test_query import PARAMS

QUERIES = sorted(saved.catalogue())


def _declared_and_used(text):
    """Prefixes the query's own prologue declares (from rdflib's parse tree) and those it uses."""
    prologue = parseQuery(text)[0]
    declared = {d["prefix"] for d in prologue if d.name == "PrefixDecl"}
    toks, _ = tokens(text)
    used = {t.text.split(":", 1)[0] for t in toks if t.kind == "pname"}
    return declared, used


@pytest.mark.parametrize("name", QUERIES)
def test_every_prefix_is_declared_in_the_file(name):
    q = saved.get(name)
    declared, used = _declared_and_used(q.text)
    assert used and used <= declared, f"{name}.rq uses undeclared prefixes {sorted(used - declared)}"
    assert q.title and q.description  # the comment header still comes first and is read


def test_an_undeclared_prefix_is_caught():
    declared, used = _declared_and_used("PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
                                        "SELECT ?x WHERE { ?x rdfs:label ?l ; skos:altLabel ?a }")
    assert used - declared == {"skos"}


def test_saved_queries_run_unchanged_on_an_engine_without_preset_prefixes(built):
    """pyoxigraph's own Store, given no prefixes, answers each file as the project's stores do."""
    out, _ = built
    store = pyoxigraph.Store()
    store.load(path=str(out / "graph.ttl"), format=pyoxigraph.RdfFormat.TURTLE)
    for name in QUERIES:
        text, b = resolve(name=name, params=PARAMS.get(name, {}))
        ours = run(text, b, "oxigraph", str(out))
        theirs = list(store.query(bind(text, b)))
        n = len(ours.triples) if ours.kind == "graph" else len(ours.dicts())
        assert len(theirs) == n, name
