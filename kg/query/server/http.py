"""`kg serve`: a read-only SPARQL 1.1 Protocol endpoint on the loopback interface.

    GET/POST /sparql          query=… (form or URL) or a body of type application/sparql-query
    GET      /queries         the saved queries as JSON
    GET/POST /queries/NAME    run a saved query; other URL parameters bind its parameters
    GET      /                a query editor page (works offline)

Results are negotiated from Accept (or ?format=json|xml|csv|tsv|turtle|nt|json-ld):
SPARQL JSON/XML/CSV/TSV for SELECT and ASK, Turtle by default for CONSTRUCT and DESCRIBE.
Updates, LOAD, SERVICE and FROM are refused. Every error, the HTTP server's own included (a
request line too long, a bad Content-Length, a body that never came), is one JSON shape: ok,
error, message, hint. An answer cut at the row cap is an error (E077, HTTP 400: standard clients show its message)
unless the client sends partial=true; the cut answer then says so in the header X-Kg-Truncated
and, in JSON, in a top-level "truncated".

Against a web page in the user's browser: only the Host names the server was started for are
answered (DNS rebinding sends another name), and no CORS header is sent unless --cors names an
origin. Against slow or huge requests: every read has a timeout, bodies and URLs a size limit,
and at most ``max_connections`` requests are handled at once (more get E074 at once).
"""
from __future__ import annotations

import json
import signal
import socket
import sys
import threading
import urllib.parse
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from kg.query import saved
from kg.errors import E, KgError
from kg.query.server.runner import STATUS, Answer, QueryRunner

_SELECT_TYPES = {"application/sparql-results+json": "json", "application/json": "json",
                 "application/sparql-results+xml": "xml", "application/xml": "xml", "text/xml": "xml",
                 "text/csv": "csv", "text/tab-separated-values": "tsv"}
_GRAPH_TYPES = {"text/turtle": "turtle", "application/x-turtle": "turtle", "application/n-triples": "nt",
                "text/plain": "nt", "application/ld+json": "json-ld", "application/rdf+xml": "rdfxml"}
_FORMAT_PARAM = {"json": ("json", "json-ld"), "xml": ("xml", "rdfxml"), "csv": ("csv", "turtle"),
                 "tsv": ("tsv", "turtle"), "turtle": ("json", "turtle"), "nt": ("json", "nt"),
                 "json-ld": ("json", "json-ld")}
MAX_BODY = 1_000_000


def ranked(accept: str) -> list[str]:
    """The media types of an Accept header, most wanted first: by q-value, then in the order
    given (RFC 9110 §12.5.1); types with q=0 are left out."""
    found = []
    for i, part in enumerate((accept or "").lower().split(",")):
        fields = part.split(";")
        q = 1.0
        for f in fields[1:]:
            k, _, v = f.partition("=")
            if k.strip() == "q":
                try:
                    q = float(v)
                except ValueError:
                    q = 0.0
        if fields[0].strip() and q > 0:
            found.append((-q, i, fields[0].strip()))
    return [mt for _, _, mt in sorted(found)]


def negotiate(accept: str, fmt: str | None) -> tuple[str, str]:
    """(format for SELECT/ASK, format for CONSTRUCT/DESCRIBE) from ?format= or Accept: for
    each kind of answer, the most wanted type the server writes (a wildcard: the default)."""
    if fmt in _FORMAT_PARAM:
        return _FORMAT_PARAM[fmt]
    wanted = ranked(accept)

    def first(table: dict[str, str], default: str) -> str:
        for mt in wanted:
            if mt in table:
                return table[mt]
            if mt.endswith("/*"):
                return default
        return default
    return first(_SELECT_TYPES, "json"), first(_GRAPH_TYPES, "turtle")


class Handler(BaseHTTPRequestHandler):
    server_version = "shequ-kg"
    runner: QueryRunner
    page: bytes
    queries_dir: str
    hosts: frozenset[str] = frozenset()  # Host header values served (name and name:port)
    cors: str | None = None
    timeout = 10.0  # seconds for each read from the client (StreamRequestHandler)

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """The HTTP server's own errors (414, 431, 400, 501…) in the JSON shape too."""
        detail = message or HTTPStatus(code).phrase
        err = KgError(E.E073, detail=detail, limit=MAX_BODY) if code in (413, 414, 431) else KgError(E.E072, detail=detail)
        self._fail(code, err)

    def _fail(self, status: int, err: KgError) -> None:
        """Answer and close, reading what the client still sends for a moment, so that the
        answer is not lost to a reset (a 10 MB URL is still arriving when the 414 goes out)."""
        self.close_connection = True
        try:
            self._json(status, err.as_json())
            self.wfile.flush()
            self.connection.shutdown(socket.SHUT_WR)
            self.connection.settimeout(1.0)
            left = 64 * MAX_BODY
            while left > 0 and (chunk := self.connection.recv(65536)):
                left -= len(chunk)
        except OSError:
            pass

    def _host_ok(self) -> bool:
        host = self.headers.get("Host")
        if host is None or host.strip().lower() in self.hosts:
            return True
        self._json(403, KgError(E.E071, host=host[:100]).as_json())
        return False

    def log_message(self, fmt: str, *args) -> None:  # access log on stderr, one line each
        sys.stderr.write(f"{self.address_string()} {fmt % args}\n")

    def do_GET(self) -> None:
        if not self._host_ok():
            return
        url = urllib.parse.urlsplit(self.path)
        params = urllib.parse.parse_qs(url.query, keep_blank_values=True)
        self._route(url.path, params)

    def do_POST(self) -> None:
        if not self._host_ok():
            return
        url = urllib.parse.urlsplit(self.path)
        params = urllib.parse.parse_qs(url.query, keep_blank_values=True)
        raw = (self.headers.get("Content-Length") or "0").strip()
        if not raw.isdigit():
            return self._fail(400, KgError(E.E072, detail=f"Content-Length '{raw[:40]}' is not a length"))
        if int(raw) > MAX_BODY:
            return self._fail(413, KgError(E.E073, detail=f"a body of {raw[:20]} bytes; the limit is {MAX_BODY}",
                                           limit=MAX_BODY))
        try:
            body = self.rfile.read(int(raw)).decode("utf-8", "replace")
        except TimeoutError:
            return self._fail(408, KgError(E.E072, detail=f"the body did not arrive within {self.timeout:g} s"))
        ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        if ctype == "application/sparql-query":
            params.setdefault("query", []).append(body)
        elif ctype == "application/sparql-update":
            params.setdefault("update", []).append(body)
        else:
            for k, v in urllib.parse.parse_qs(body, keep_blank_values=True).items():
                params.setdefault(k, []).extend(v)
        self._route(url.path, params)

    def do_PUT(self) -> None:
        if self._host_ok():
            self._refuse("the graph store is read-only")

    do_DELETE = do_PATCH = do_PUT

    def do_OPTIONS(self) -> None:
        if not self._host_ok():
            return
        self.send_response(204)
        self._common_headers()
        self.send_header("Allow", "GET, POST, OPTIONS")
        if self.cors:
            self.send_header("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
            self.send_header("Access-Control-Allow-Headers", "Content-Type, Accept")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _route(self, path: str, params: dict[str, list[str]]) -> None:
        one = {k: v[-1] for k, v in params.items()}
        try:
            if path in ("/", "/index.html"):
                return self._send(Answer(200, "text/html; charset=utf-8", self.page))
            if path == "/favicon.ico":  # browsers ask for it; answer with nothing rather than a 404
                return self._send(Answer(204, "image/x-icon", b""))
            if path == "/update" or "update" in params:
                return self._refuse("SPARQL Update is not accepted")
            if path == "/sparql" or path == "/query":
                if "query" not in one or not one["query"].strip():
                    raise KgError(E.E029)
                return self._run(one["query"], {}, one)
            if path == "/queries":
                cat = saved.catalogue(self.queries_dir)
                return self._json(200, [{"name": q.name, "title": q.title, "description": q.description,
                                         "params": [p.__dict__ for p in q.params], "query": q.text}
                                        for q in cat.values()])
            if path.startswith("/queries/"):
                q = saved.get(path.removeprefix("/queries/"), self.queries_dir)
                values = {k: v for k, v in one.items() if k not in ("format", "partial")}
                return self._run(q.text, q.bindings(values), one, cheap=True)
            raise KgError(E.E075, path=path[:200])
        except KgError as e:
            self._json(STATUS.get(e.code, 400), e.as_json())

    def _run(self, text: str, bindings: dict, one: dict[str, str], cheap: bool = False) -> None:
        """A cut answer is sent only to a client that asked for one with partial=true; any other
        client gets E077, so that a standard client never takes the first rows for all of them."""
        formats = negotiate(self.headers.get("Accept", ""), one.get("format"))
        answer = self.runner.run(text, bindings, formats, cheap=cheap)
        if answer.truncated and one.get("partial", "").lower() not in ("true", "1", "yes"):
            raise KgError(E.E077, cap=self.runner.max_rows)
        self._send(answer)

    def _refuse(self, why: str) -> None:
        self._json(403, KgError(E.E023, detail=why).as_json())

    def _json(self, status: int, data) -> None:
        self._send(Answer(status, "application/json", json.dumps(data, ensure_ascii=False).encode()))

    def _common_headers(self) -> None:
        if self.cors:
            self.send_header("Access-Control-Allow-Origin", self.cors)
            self.send_header("Vary", "Origin")
        self.send_header("Cache-Control", "no-store")

    def _send(self, a: Answer) -> None:
        self.send_response(a.status)
        self._common_headers()
        self.send_header("Content-Type", a.media_type)
        self.send_header("Content-Length", str(len(a.body)))
        self.send_header("X-Kg-Truncated", "true" if a.truncated else "false")
        self.send_header("X-Kg-Time-Limit", str(self.runner.time_limit_s))
        self.send_header("X-Kg-Max-Rows", str(self.runner.max_rows))
        if a.elapsed_ms:
            self.send_header("Server-Timing", f"query;dur={a.elapsed_ms:.1f}")
        self.end_headers()
        self.wfile.write(a.body)


class Server(ThreadingHTTPServer):
    """Threads per request, at most ``max_connections`` at once; a deep listen queue."""

    request_queue_size = 128
    daemon_threads = True
    max_connections = 64

    def server_activate(self) -> None:
        self._slots = threading.BoundedSemaphore(self.max_connections)
        super().server_activate()

    def process_request(self, request, client_address) -> None:
        if not self._slots.acquire(blocking=False):
            body = json.dumps(KgError(E.E074, seconds="0").as_json()).encode()
            try:
                request.sendall(b"HTTP/1.0 503 Service Unavailable\r\nContent-Type: application/json\r\n"
                                b"Content-Length: %d\r\nConnection: close\r\n\r\n%s" % (len(body), body))
            except OSError:
                pass
            return self.shutdown_request(request)
        super().process_request(request, client_address)

    def process_request_thread(self, request, client_address) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            self._slots.release()


def served_hosts(host: str, port: int, extra: tuple[str, ...] = ()) -> frozenset[str]:
    """The Host header values answered: the loopback names, ``host`` and ``extra``, bare and
    with the port."""
    names = {"127.0.0.1", "localhost", "[::1]", *(f"[{h}]" if ":" in h else h for h in (host, *extra))}
    return frozenset(n.lower() for name in names for n in (name, f"{name}:{port}"))


def make_server(runner: QueryRunner, port: int = 8765, queries_dir: str | None = None, host: str = "127.0.0.1",
                cors: str | None = None, read_timeout: float = 10.0, max_connections: int = 64,
                allow_hosts: tuple[str, ...] = ()) -> Server:
    """An HTTP server bound to ``host`` (port 0 picks a free one); call serve_forever()."""
    from kg.query.server.page import render_editor

    qdir = str(queries_dir or saved.QUERIES_DIR)
    attrs = {"runner": runner, "queries_dir": qdir, "cors": cors, "timeout": read_timeout,
             "page": render_editor(saved.catalogue(qdir)).encode("utf-8")}
    handler = type("KgHandler", (Handler,), attrs)
    server_class = type("KgServer", (Server,), {"max_connections": max_connections,
                                                "address_family": socket.AF_INET6 if ":" in host else socket.AF_INET})
    server = server_class((host, port), handler)
    handler.hosts = served_hosts(host, server.server_address[1], tuple(allow_hosts))
    return server


def serve_until_stopped(server: Server, runner: QueryRunner) -> None:
    """Serve until Ctrl+C (SIGINT) or SIGTERM, then close the socket and stop the workers, so
    that stopping is an ordinary exit (status 0, no traceback) for a shell, systemd or Docker."""
    def stop(signum, frame):
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        signal.signal(signal.SIGTERM, previous)
        server.server_close()
        runner.close()
