"""`kg serve` is a real SPARQL 1.1 endpoint: a SPARQLWrapper client gets every result format,
updates are refused, the time limit and the row cap hold. `kg push` loads a real Oxigraph server."""
import json
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from rdflib import Graph
from SPARQLWrapper import CSV, JSON, TSV, TURTLE, XML, SPARQLWrapper

from .conftest import ROOT


def _start(args, pattern):
    proc = subprocess.Popen(args, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    deadline = time.time() + 60
    line = ""
    while time.time() < deadline:
        line = proc.stderr.readline()
        m = re.search(pattern, line)
        if m:
            return proc, int(m.group(1))
        if proc.poll() is not None:
            break
    proc.kill()
    raise AssertionError(f"server did not start: {line}")


@pytest.fixture(scope="module")
def endpoint(built):
    out, _ = built
    proc, port = _start([sys.executable, "-m", "kg", "serve", "--port", "0", "-d", str(out),
                         "--time-limit", "1.5", "--max-rows", "5", "--workers", "2"], r"127\.0\.0\.1:(\d+)")
    yield f"http://127.0.0.1:{port}"
    proc.terminate()
    proc.wait(10)


def client(base, query, fmt=JSON, method="GET"):
    s = SPARQLWrapper(base + "/sparql")
    s.setQuery(query)
    s.setReturnFormat(fmt)
    s.setMethod(method)
    return s.query()


def http(url, data=None, headers=None, method=None):
    req = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, dict(r.headers), r.read()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read()


def test_select_in_every_format(endpoint):
    q = "SELECT ?c ?name WHERE { ?c a shequ:Community ; rdfs:label ?name } ORDER BY ?name LIMIT 3"
    for method in ("GET", "POST"):
        data = client(endpoint, q, JSON, method).convert()
        assert data["head"]["vars"] == ["c", "name"] and len(data["results"]["bindings"]) == 3
        assert data["truncated"] is False
    assert client(endpoint, q, XML).convert().getElementsByTagName("result").length == 3
    csv = client(endpoint, q, CSV).convert().decode("utf-8").splitlines()
    assert csv[0] == "c,name" and len(csv) == 4
    tsv = client(endpoint, q, TSV).convert().decode("utf-8").splitlines()
    assert tsv[0] == "?c\t?name" and tsv[1].endswith('"@zh')
    assert client(endpoint, "ASK { ?c a shequ:Community }").convert()["boolean"] is True


def test_construct_gives_turtle(endpoint):
    r = client(endpoint, "CONSTRUCT { ?c a shequ:Community } WHERE { ?c a shequ:Community } LIMIT 3", TURTLE)
    assert "text/turtle" in r.response.headers["Content-Type"]
    assert len(Graph().parse(data=r.convert(), format="turtle")) == 3


def test_row_cap_is_reported(endpoint):
    s = SPARQLWrapper(endpoint + "/sparql")
    s.setQuery("SELECT ?s WHERE { ?s ?p ?o }")
    s.setReturnFormat(JSON)
    s.addParameter("partial", "true")
    r = s.query()
    assert r.response.headers["X-Kg-Truncated"] == "true"
    data = r.convert()
    assert data["truncated"] is True and len(data["results"]["bindings"]) == 5


def test_a_cut_answer_is_an_error_for_a_standard_client(endpoint):
    """A client that does not ask for partial answers never takes the first rows for all."""
    with pytest.raises(Exception) as e:
        client(endpoint, "SELECT ?s WHERE { ?s ?p ?o }")
    assert "E077" in str(e.value)
    status, _, raw = http(endpoint + "/sparql?query=" + urllib.parse.quote("SELECT ?s WHERE { ?s ?p ?o }"))
    err = json.loads(raw)
    assert status == 400 and err["error"] == "E077" and "LIMIT 5" in err["hint"] and "partial=true" in err["hint"]
    assert len(client(endpoint, "SELECT ?s WHERE { ?s ?p ?o } LIMIT 5").convert()["results"]["bindings"]) == 5


def test_media_types_follow_the_protocol_and_q_values(endpoint):
    construct = "CONSTRUCT { ?c a shequ:Community } WHERE { ?c a shequ:Community } LIMIT 3"
    select = "SELECT ?c WHERE { ?c a shequ:Community } LIMIT 2"
    cases = [(construct, "application/rdf+xml", "application/rdf+xml"),
             (construct, "application/sparql-results+xml, application/rdf+xml", "application/rdf+xml"),
             (construct, "application/n-triples;q=0.5, application/ld+json", "application/ld+json"),
             (construct, "*/*", "text/turtle"),
             (select, "application/sparql-results+xml;q=0.1, application/sparql-results+json", "application/sparql-results+json"),
             (select, "text/csv;q=0, text/tab-separated-values;q=0.9, application/sparql-results+xml;q=0.8", "text/tab-separated-values"),
             (select, "application/sparql-results+xml, application/rdf+xml", "application/sparql-results+xml")]
    for q, accept, expected in cases:
        status, headers, _ = http(endpoint + "/sparql?query=" + urllib.parse.quote(q), headers={"Accept": accept})
        assert status == 200 and headers["Content-Type"].split(";")[0] == expected, (q, accept)


def test_rdflib_sparqlstore_reads_every_query_form(endpoint):
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    store = SPARQLStore(endpoint + "/sparql")
    g = Graph(store=store)
    prologue = "PREFIX shequ: <https://w3id.org/shequ-kg/ontology#> "
    rows = list(g.query(prologue + "SELECT ?c WHERE { ?c a shequ:Community } LIMIT 2"))
    assert len(rows) == 2
    assert len(g.query(prologue + "CONSTRUCT { ?c a shequ:Community } WHERE { ?c a shequ:Community } LIMIT 3").graph) == 3
    assert len(g.query("DESCRIBE <%s>" % rows[0][0]).graph) > 0
    assert g.query(prologue + "ASK { ?c a shequ:Community }").askAnswer is True


def test_updates_load_and_service_refused(endpoint):
    for body, ctype in [("INSERT DATA { <a:b> <a:c> <a:d> }", "application/sparql-update"),
                        ("update=" + urllib.parse.quote("DROP ALL"), "application/x-www-form-urlencoded"),
                        ("update=" + urllib.parse.quote("LOAD <http://example.org/x>"), "application/x-www-form-urlencoded"),
                        ("query=" + urllib.parse.quote("SELECT * { SERVICE <http://example.org/s> { ?s ?p ?o } }"),
                         "application/x-www-form-urlencoded")]:
        status, headers, raw = http(endpoint + "/sparql", body.encode(), {"Content-Type": ctype})
        err = json.loads(raw)
        assert status == 403 and err["ok"] is False and err["error"] == "E023" and err["message"], body
    status, _, raw = http(endpoint + "/sparql", b"x", {"Content-Type": "text/turtle"}, method="PUT")
    assert status == 403
    with pytest.raises(Exception):
        s = SPARQLWrapper(endpoint + "/sparql")
        s.setQuery("INSERT DATA { <a:b> <a:c> <a:d> }")
        s.setMethod("POST")
        s.query()
    assert client(endpoint, "ASK { <a:b> <a:c> <a:d> }").convert()["boolean"] is False


def test_time_limit_stops_a_runaway_query(endpoint):
    t = time.time()
    status, _, raw = http(endpoint + "/sparql?query=" + urllib.parse.quote(
        "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"))
    assert status == 503 and json.loads(raw)["error"] == "E024"
    assert time.time() - t < 10
    # the endpoint keeps answering, with both workers
    for _ in range(3):
        assert client(endpoint, "ASK { ?c a shequ:Community }").convert()["boolean"] is True


def test_syntax_error_is_json_400(endpoint):
    status, _, raw = http(endpoint + "/sparql?query=" + urllib.parse.quote("SELECT ?x WHERE { ?x"))
    err = json.loads(raw)
    assert status == 400 and err["error"] == "E020" and "line 1" in err["message"] and err["hint"]


def test_saved_query_with_bound_parameter(endpoint):
    url = endpoint + "/queries/admin-chain?" + urllib.parse.urlencode({"community": "西湖社区", "format": "csv"})
    status, headers, raw = http(url)
    lines = raw.decode("utf-8").splitlines()
    assert status == 200 and lines[0].startswith("community,level,name") and len(lines) == 6
    status, _, raw = http(endpoint + "/queries/admin-chain")
    assert status == 400 and json.loads(raw)["error"] == "E022"
    listing = json.loads(http(endpoint + "/queries")[2])
    assert len(listing) >= 10 and all(q["title"] for q in listing)


def test_editor_page_is_offline(endpoint):
    status, headers, raw = http(endpoint + "/")
    page = raw.decode("utf-8")
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    assert "行政区划链" in page and "<textarea" in page
    assert not re.search(r"(?:src|href)\s*=\s*[\"']?(?:https?:)?//|url\(\s*[\"']?https?:|@import", page)


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_push_to_a_real_oxigraph_server(built, tmp_path):
    exe = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")
    if not Path(exe).exists():
        pytest.skip("the oxigraph server (PyPI package 'oxigraph', test extra) is not installed")
    out, _ = built
    port = _free_port()
    proc = subprocess.Popen([exe, "serve", "--location", str(tmp_path / "db"), "--bind", f"127.0.0.1:{port}"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        url = f"http://127.0.0.1:{port}/query"
        for _ in range(100):
            try:
                urllib.request.urlopen(url + "?query=ASK%7B%7D", timeout=1)
                break
            except OSError:
                time.sleep(0.1)
        kg = [sys.executable, "-m", "kg"]
        r = subprocess.run(kg + ["push", "--endpoint", url, "-d", str(out)], cwd=ROOT, capture_output=True, text=True)
        assert r.returncode == 0, r.stderr
        q = ["query", "-n", "admin-chain", "-p", "community=西湖社区", "--format", "csv"]
        remote = subprocess.run(kg + q + ["--endpoint", url], cwd=ROOT, capture_output=True, text=True)
        local = subprocess.run(kg + q + ["-d", str(out)], cwd=ROOT, capture_output=True, text=True)
        assert remote.returncode == 0, remote.stderr
        assert remote.stdout == local.stdout and len(remote.stdout.splitlines()) == 6
        n = subprocess.run(kg + ["query", "--endpoint", url, "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }", "--format", "csv"],
                           cwd=ROOT, capture_output=True, text=True)
        assert int(n.stdout.splitlines()[1]) == len(Graph().parse(out / "graph.ttl"))
    finally:
        proc.terminate()
        proc.wait(10)


def test_editor_page_runs_a_saved_query_in_the_browser(endpoint, browser):
    page = browser.new_page()
    errors, requests = [], []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("request", lambda r: requests.append(r.url))
    page.goto(endpoint + "/")
    page.click("text=Administrative chain of a place")
    page.fill("[data-p=community]", "西湖社区")
    page.click("#run")
    page.wait_for_selector("#out table")
    cells = page.inner_text("#out table")
    assert "湖南省" in cells and "430102" in cells
    assert page.inner_text("#status").startswith("5 行")
    page.fill("#query", "SELECT ?x WHERE { ?x")  # typed by hand: no saved query, a syntax error
    page.click("#run")
    page.wait_for_selector("#status.err")
    assert "E020" in page.inner_text("#status")
    # the only console error is the browser reporting the deliberate HTTP 400
    assert [e for e in errors if "status of 400" not in e] == [] and all(u.startswith(endpoint) for u in requests)
    page.close()


def test_http_errors_name_http_things(endpoint):
    status, _, raw = http(endpoint + "/sparql")
    err = json.loads(raw)
    assert status == 400 and err["error"] == "E029" and "query=" in err["hint"]
    status, _, raw = http(endpoint + "/queries/admin-chian")
    err = json.loads(raw)
    assert status == 404 and "did you mean 'admin-chain'?" in err["hint"] and "/queries" in err["hint"]
    for url in ("/queries/admin-chian", "/queries/admin-chain", "/queries/admin-chain?comunity=x",
                "/sparql?query=" + urllib.parse.quote("DROP ALL"), "/sparql?query=" + urllib.parse.quote("SELECT ?x {")):
        hint = json.loads(http(endpoint + url)[2])["hint"]
        assert "--" not in hint and "kg " not in hint, (url, hint)
    err = json.loads(http(endpoint + "/sparql?query=" + urllib.parse.quote("SELECT ?x\nWHERE { ?x ?y"))[2])
    assert err["message"].startswith("SPARQL syntax error: line 2, column")
    assert err["excerpt"].splitlines()[0].strip() == "WHERE { ?x ?y"


@pytest.mark.parametrize("how", ["SIGTERM to the server", "Ctrl+C to the process group"])
def test_stops_cleanly(built, how):
    import os
    import signal
    out, _ = built
    proc = subprocess.Popen([sys.executable, "-m", "kg", "serve", "--port", "0", "-d", str(out), "--workers", "2"],
                            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)
    try:
        port = int(re.search(r"127\.0\.0\.1:(\d+)", proc.stderr.readline()).group(1))
        assert client(f"http://127.0.0.1:{port}", "ASK { ?c a shequ:Community }").convert()["boolean"] is True
        if how.startswith("SIGTERM"):
            proc.send_signal(signal.SIGTERM)
        else:
            os.killpg(proc.pid, signal.SIGINT)
        _, rest = proc.communicate(timeout=60)  # a server that does not stop fails, not hangs
        assert proc.returncode == 0
    finally:
        if proc.poll() is None:
            proc.kill()
    assert "Traceback" not in rest and rest.strip().endswith("stopped")


def test_a_worker_started_while_closing_is_stopped(built):
    import multiprocessing as mp

    from kg.query.server.runner import QueryRunner
    from kg.query.server.worker import WorkerFailed

    out, _ = built
    runner = QueryRunner("oxigraph", str(out), workers=1, quick_workers=0, poll_s=60)
    runner.close()
    with pytest.raises(WorkerFailed):
        runner._spawn(runner.generation())  # what the supervisor may do as close() begins
    assert [p for p in mp.active_children() if p.is_alive()] == []
