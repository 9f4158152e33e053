"""Errors that fit where they are shown: the command line names flags, HTTP names URLs; no query
is its own error; a syntax error shows the query line with a caret; a misspelt name gets a
"did you mean"."""
import pytest

from kg.errors import E, KgError, close_to
from kg.query import saved
from kg.query.execute import resolve
from kg.query.sparql import guard
from kg.query.syntax import caret, expected_phrase, syntax_error

from .test_query import kg


def test_no_query_is_its_own_error(built):
    out, _ = built
    for args in ([], [""], ["# only a comment\n"], ["PREFIX a: <http://a/>"]):
        r = kg("query", "-d", str(out), *args)
        assert r.returncode == 2 and r.stderr.startswith("error[E029]: no query given"), args
        assert "syntax" not in r.stderr
    with pytest.raises(KgError) as e:
        resolve(text="ASK {}", name="admin-chain")
    assert e.value.code == "E033"


def test_hints_fit_the_command_line_and_http():
    for msg, kw in [(E.E021, {"name": "x"}), (E.E022, {"name": "x", "query": "q"}), (E.E023, {"detail": "d"}),
                    (E.E029, {})]:
        err = KgError(msg, **kw)
        assert "endpoint" not in err.line() and "/queries" not in err.line()
        assert "--" not in err.as_json()["hint"] and "kg " not in err.as_json()["hint"]
    assert "--param x=VALUE" in KgError(E.E022, name="x", query="q").line()
    assert "x=VALUE" in KgError(E.E022, name="x", query="q").as_json()["hint"]
    assert "read-only" in KgError(E.E023, detail="d").as_json()["hint"]


def test_syntax_error_points_at_the_column_in_words():
    text = "SELECT ?x\nWHERE { ?x rdfs:label \"西湖社区\" ?y . "
    e = syntax_error(text, "error at 2:35: expected one of \"$\", \"?\", \"<\", \"}\", ['0'..='9'], "
                           "['A' ..= 'Z' | 'a' ..= 'z'], [_]")
    assert e.detail.endswith("line 2, column 35: expected a variable, an IRI or '}'")
    src, mark = e.excerpt.splitlines()
    assert src == "  WHERE { ?x rdfs:label \"西湖社区\" ?y . "
    assert mark.index("^") == len(src) + 4  # at the end of the line; four wide characters before it
    assert "[_]" not in e.line() and "..=" not in e.line()
    assert expected_phrase("Expected SelectQuery") == ""  # a grammar rule's name says nothing
    assert caret("ab", 1, 2) == "  ab\n   ^"


@pytest.mark.parametrize("store", ["oxigraph", "memory"])
def test_syntax_errors_of_both_stores_read_alike(built, store):
    out, _ = built
    r = kg("query", "-d", str(out), "--store", store, "SELECT ?x WHERE { ?x foo:bar ?y }")
    first, src, mark = r.stderr.splitlines()
    assert "line 1, column 22: unknown prefix 'foo:'" in first
    assert src.index("foo:") == mark.index("^")
    r = kg("query", "-d", str(out), "--store", store, "SELECT * WHERE { ?s ?p ?o . ")
    assert r.returncode == 2 and "line 1, column 29" in r.stderr and "[_]" not in r.stderr
    with pytest.raises(KgError) as e:
        guard("SELEC ?x WHERE { }")
    assert e.value.code == "E020" and "found 'SELEC'" in e.value.detail and e.value.excerpt.endswith("\n  ^")


def test_did_you_mean(built):
    out, _ = built
    r = kg("query", "-d", str(out), "--name", "admin-chian")
    assert "E021" in r.stderr and "did you mean 'admin-chain'?" in r.stderr
    r = kg("query", "-d", str(out), "--name", "admin-chain", "-p", "comunity=西湖社区")
    assert "E026" in r.stderr and "did you mean 'community'?" in r.stderr
    r = kg("render", "-d", str(out), "--type", "Comunity")
    assert "E041" in r.stderr and "'Community'" in r.stderr
    r = kg("render", "-d", str(out), "--around", "西湖社")
    assert "E040" in r.stderr and "did you mean '西湖社区'?" in r.stderr
    assert close_to("zzz", ["admin-chain"]) == ""
    with pytest.raises(KgError) as e:
        saved.get("top-baker")
    assert "did you mean 'top-backers'?" in e.value.as_json()["hint"] and "--list" not in e.value.as_json()["hint"]


def test_an_empty_answer_says_when_a_name_is_not_in_the_graph(built):
    out, _ = built
    r = kg("query", "-d", str(out), "--name", "admin-chain", "-p", "community=西湖社")
    assert r.returncode == 0 and "0 rows" in r.stderr
    assert "no entity in the graph is named '西湖社'" in r.stderr and "did you mean '西湖社区'?" in r.stderr
    r = kg("query", "-d", str(out), "--name", "admin-chain", "-p", "community=西湖社区")
    assert "note:" not in r.stderr
