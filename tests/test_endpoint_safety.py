"""The endpoint and `kg query` under attack and failure (issue 12, findings 1-4): no query
reaches the network, the server answers only its own Host names, slow or huge requests get a
JSON error and free their thread, dead workers are replaced, a rebuild is served as one
snapshot, and a deeply nested query is an error, not a crash."""
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.parse

import pytest

from kg import atomic
from kg.errors import KgError
from kg.query.execute import run
from .conftest import ROOT
from .test_server import _start, http

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
LONG = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


class Listener:
    """A TCP server on 127.0.0.1 that records every connection made to it."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.port = self.sock.getsockname()[1]
        self.hits = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.hits.append(conn.recv(200))
            conn.sendall(b"HTTP/1.0 200 OK\r\nContent-Type: application/sparql-results+json\r\n\r\n"
                         b'{"head":{"vars":["s"]},"results":{"bindings":[]}}')
            conn.close()


@pytest.fixture(scope="module")
def listener():
    ear = Listener()
    yield ear
    ear.sock.close()


def bypasses(port):
    url = f"http://127.0.0.1:{port}/x"
    return [
        # the issue's quoting trick: \' is an escape inside a prefixed name, not a quote
        f"SELECT * WHERE {{ OPTIONAL {{ ?a shequ:x\\' ?b }} SERVICE <{url}> {{ ?s ?p ?o }} FILTER(STR(?s) != \"'\") }}",
        f"SELECT * WHERE {{ ?a shequ:x\\# ?b . SERVICE <{url}> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ \\u0053ERVICE <{url}> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ sErViCe SILENT <{url}> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ <urn:a#> ?p ?o . SERVICE#comment\n<{url}> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ ?s ?p '''x\\'''' . SERVICE <{url}> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ BIND(<{url}> AS ?u) SERVICE ?u {{ ?s ?p ?o }} }}",
        f"SELECT * FROM <{url}> WHERE {{ ?s ?p ?o }}",
        f"SELECT * FROM NAMED <{url}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}",
        f"ASK {{ FILTER EXISTS {{ SERVICE <{url}> {{ ?s ?p ?o }} }} }}",
    ]


@pytest.mark.parametrize("store", ["oxigraph", "memory"])
def test_no_query_opens_a_connection_in_kg_query(built, listener, store):
    out, _ = built
    for q in bypasses(listener.port):
        with pytest.raises(KgError) as e:
            run(q, store=store, location=str(out))
        assert e.value.code == "E023", q
    assert listener.hits == []
    # names and strings that only look like keywords are not refused
    r = run("SELECT ?service WHERE { ?service shequ:SERVICE \"SERVICE FROM LOAD\" }", store=store, location=str(out))
    assert r.rows == []


def test_worker_processes_have_no_network(listener):
    code = ("import socket, sys; from kg.query.safety import drop_network\n"
            "if not drop_network(): sys.exit(3)\n"
            f"socket.create_connection(('127.0.0.1', {listener.port}), timeout=2)")
    r = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    if r.returncode == 3:
        pytest.skip("this kernel does not allow a network namespace")
    assert r.returncode == 1 and "unreachable" in r.stderr.lower()


def test_deep_nesting_is_an_error_not_a_crash(built):
    out, _ = built
    deep = "SELECT * WHERE " + "{" * 3000 + " ?s ?p ?o " + "}" * 3000
    r = subprocess.run([sys.executable, "-m", "kg", "query", deep, "-d", str(out)], cwd=ROOT,
                       capture_output=True, text=True)
    assert r.returncode == 2 and "error[E070]" in r.stderr and "Traceback" not in r.stderr
    for q in ["SELECT * WHERE " + "{" * 60 + " ?s ?p ?o " + "}" * 60,
              "SELECT * WHERE { ?s ?p ?o FILTER(" + "(" * 60 + "?o" + ")" * 60 + ") }"]:
        with pytest.raises(KgError) as e:
            run(q, store="memory", location=str(out))
        assert e.value.code == "E070"
    nested = "SELECT * WHERE " + "{" * 12 + " ?s a shequ:Community " + "}" * 12 + " LIMIT 1"
    assert len(run(nested, store="memory", location=str(out)).rows) == 1


@pytest.fixture(scope="module")
def server(built):
    out, _ = built
    proc, port = _start([sys.executable, "-m", "kg", "serve", "--port", "0", "-d", str(out), "--time-limit", "2",
                         "--workers", "2", "--quick-workers", "1", "--read-timeout", "1"], r"127\.0\.0\.1:(\d+)")
    yield proc, f"http://127.0.0.1:{port}", port
    proc.terminate()
    proc.wait(10)


def raw(port, data: bytes, wait=5.0) -> tuple[int, dict]:
    """Send bytes as they are; the status and JSON body of the answer."""
    with socket.create_connection(("127.0.0.1", port), timeout=wait) as s:
        s.sendall(data)
        got = b""
        while chunk := s.recv(65536):
            got += chunk
    head, _, body = got.partition(b"\r\n\r\n")
    return int(head.split()[1]), json.loads(body)


def test_serve_refuses_bypasses_and_deep_queries(server, listener):
    _, base, _ = server
    for q in bypasses(listener.port):
        status, _, body = http(base + "/sparql?query=" + urllib.parse.quote(q))
        assert status == 403 and json.loads(body)["error"] == "E023", q
    deep = "SELECT * WHERE " + "{" * 3000 + " ?s ?p ?o " + "}" * 3000
    status, _, body = http(base + "/sparql", ("query=" + urllib.parse.quote(deep)).encode())
    assert status == 400 and json.loads(body)["error"] == "E070"
    assert listener.hits == []


def test_only_served_host_names_and_no_cors(server):
    _, base, port = server
    q = "/sparql?query=" + urllib.parse.quote("ASK { ?s ?p ?o }")
    for host in (f"127.0.0.1:{port}", f"localhost:{port}", "localhost"):
        status, headers, _ = http(base + q, headers={"Host": host})
        assert status == 200, host
        assert not any(k.lower().startswith("access-control") for k in headers)
    for host in (f"attacker.example:{port}", "attacker.example", f"localhost.attacker.example:{port}"):
        status, headers, body = http(base + q, headers={"Host": host})
        assert status == 403 and json.loads(body)["error"] == "E071", host
    status, headers, _ = http(base + "/sparql", method="OPTIONS", headers={"Origin": "https://attacker.example"})
    assert not any(k.lower().startswith("access-control") for k in headers)


def test_cors_only_for_the_named_origin(built):
    out, _ = built
    proc, port = _start([sys.executable, "-m", "kg", "serve", "--port", "0", "-d", str(out), "--workers", "1",
                         "--quick-workers", "0", "--cors", "https://app.example", "--allow-host", "kg.lan"],
                        r"127\.0\.0\.1:(\d+)")
    try:
        url = f"http://127.0.0.1:{port}/sparql?query=" + urllib.parse.quote("ASK { ?s ?p ?o }")
        _, headers, _ = http(url)
        assert headers["Access-Control-Allow-Origin"] == "https://app.example"
        assert http(url, headers={"Host": f"kg.lan:{port}"})[0] == 200
    finally:
        proc.terminate()
        proc.wait(10)


def _threads(pid) -> int:
    with open(f"/proc/{pid}/status") as f:
        return int(next(line for line in f if line.startswith("Threads:")).split()[1])


def test_bad_slow_and_huge_requests_get_json_errors(server):
    proc, base, port = server
    head = f"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/sparql-query\r\n"
    for length, status, code in (("-1", 400, "E072"), ("abc", 400, "E072"), ("99999999999", 413, "E073"),
                                 ("50", 408, "E072")):  # 50: the body never comes
        got = raw(port, (head + f"Content-Length: {length}\r\n\r\nASK").encode())
        assert got[0] == status and got[1]["error"] == code and got[1]["ok"] is False, length
    got = raw(port, b"GET /sparql?query=" + b"x" * 10_000_000 + b" HTTP/1.1\r\n\r\n")
    assert got[0] == 414 and got[1]["error"] == "E073"
    # idle connections neither pile up threads nor keep answers from others once they time out
    idle = [socket.create_connection(("127.0.0.1", port)) for _ in range(150)]
    try:
        time.sleep(0.5)
        assert _threads(proc.pid) < 100
        time.sleep(1.5)
        status, _, body = http(base + "/sparql?query=" + urllib.parse.quote("ASK { ?s ?p ?o }"))
        assert status == 200 and json.loads(body)["boolean"] is True
    finally:
        for s in idle:
            s.close()


def test_long_queries_do_not_starve_saved_ones(server):
    _, base, _ = server
    done = []

    def long_query():
        http(base + "/sparql?query=" + urllib.parse.quote(LONG))
        done.append("long")
    threads = [threading.Thread(target=long_query) for _ in range(3)]
    for t in threads:
        t.start()
    time.sleep(0.3)
    status, _, body = http(base + "/queries/admin-chain?" + urllib.parse.urlencode({"community": "西湖社区"}))
    done.append("saved")
    for t in threads:
        t.join()
    assert status == 200 and done[0] == "saved", done


def _children(pid) -> list[int]:
    kids = []
    for d in os.listdir("/proc"):
        if d.isdigit():
            try:
                with open(f"/proc/{d}/stat") as f:
                    if int(f.read().rsplit(")", 1)[1].split()[1]) == pid:
                        kids.append(int(d))
            except (OSError, IndexError, ValueError):
                pass
    return kids


def _workers(pid) -> list[int]:
    return [k for k in _children(pid) if b"multiprocessing" in open(f"/proc/{k}/cmdline", "rb").read()
            and b"resource_tracker" not in open(f"/proc/{k}/cmdline", "rb").read()]


def test_dead_workers_are_replaced_even_after_the_store_was_missing(built, tmp_path):
    out, _ = built
    copy = tmp_path / "out"
    shutil.copytree(out, copy, symlinks=True)
    proc, port = _start([sys.executable, "-m", "kg", "serve", "--port", "0", "-d", str(copy), "--workers", "2",
                         "--quick-workers", "0", "--queue-timeout", "20", "--cache-mb", "0"], r"127\.0\.0\.1:(\d+)")
    base = f"http://127.0.0.1:{port}/sparql?query=" + urllib.parse.quote("ASK { ?s ?p ?o }")
    try:
        assert http(base)[0] == 200
        os.rename(copy / "current", copy / "away")  # the store goes missing…
        for w in _workers(proc.pid):
            os.kill(w, signal.SIGKILL)  # …while the workers die
        for _ in range(3):
            status, _, body = http(base)
            assert status == 503 and json.loads(body)["error"] == "E030"
        os.rename(copy / "away", copy / "current")  # the store is back
        for _ in range(4):
            status, _, body = http(base)
            assert status == 200 and json.loads(body)["boolean"] is True
        for w in _workers(proc.pid):
            os.kill(w, signal.SIGKILL)
        time.sleep(0.2)
        assert [http(base)[0] for _ in range(4)] == [200] * 4
    finally:
        proc.terminate()
        proc.wait(10)


def _generation(out, n_triples):
    """Make a new generation of ``out`` with a graph of ``n_triples`` triples current."""
    from kg.query.stores.oxigraph import fill_store

    nt = "".join(f"<urn:s{i}> <urn:p> <urn:o> .\n" for i in range(n_triples))
    gens = atomic.Generations(out, ("graph.ttl", "graph.html", "store"))
    tmp = gens.new()
    (tmp / "graph.ttl").write_text(nt)
    (tmp / "graph.html").write_text("<html></html>")
    fill_store(tmp / "store", nt.encode())
    gens.commit(tmp)


def test_rebuild_while_serving_is_one_snapshot(tmp_path):
    out = tmp_path / "out"
    _generation(out, 3)
    proc, port = _start([sys.executable, "-m", "kg", "serve", "--port", "0", "-d", str(out), "--workers", "2",
                         "--quick-workers", "0"], r"127\.0\.0\.1:(\d+)")
    url = f"http://127.0.0.1:{port}/sparql?query=" + urllib.parse.quote(COUNT)

    def count():
        status, _, body = http(url)
        assert status == 200, body
        return int(json.loads(body)["results"]["bindings"][0]["n"]["value"])
    try:
        assert [count() for _ in range(4)] == [3] * 4
        for n in (5, 7):  # the second build deletes gen-1: the server has left it
            _generation(out, n)
            assert [count() for _ in range(6)] == [n] * 6
    finally:
        proc.terminate()
        proc.wait(10)


def test_tokens_see_what_the_grammar_sees():
    from kg.query.tokens import depth, tokens, words

    toks, stop = tokens("SELECT ?service WHERE { ?a shequ:x\\' ?b . ?b shequ:p \"SERVICE\" # SERVICE\n }")
    assert stop is None and "SERVICE" not in words(toks)
    assert [t.text for t in toks if t.kind == "pname"] == ["shequ:x\\'", "shequ:p"]
    assert "SERVICE" in words(tokens("SELECT * { \\u0053ERVICE <urn:x> { } }")[0])
    assert depth(tokens("SELECT * { { ?s ?p ( 1 2 ) } FILTER((1)) }")[0]) == 3
    assert depth(tokens('SELECT * { ?s ?p "}}}}" { { ?s ?p ?o } } }')[0]) == 3
