"""`kg serve`: a read-only SPARQL 1.1 Protocol endpoint on the loopback interface.

    GET/POST /sparql          query=… (form or URL) or a body of type application/sparql-query
    GET      /queries         the saved queries as JSON
    GET/POST /queries/NAME    run a saved query; other URL parameters bind its parameters
    GET      /                a query editor page (works offline)

Results are negotiated from Accept (or ?format=json|xml|csv|tsv|turtle|nt|json-ld):
SPARQL JSON/XML/CSV/TSV for SELECT and ASK, Turtle by default for CONSTRUCT and DESCRIBE.
Updates, LOAD and SERVICE are refused. Every error is one JSON shape: ok, error, message, hint.
A cut answer says so in the header X-Kg-Truncated and, in JSON, in a top-level "truncated".
"""
from __future__ import annotations

import json
import signal
import sys
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from kg.query import saved
from kg.errors import E, KgError
from kg.query.server.runner import STATUS, Answer, QueryRunner

_SELECT_TYPES = [("application/sparql-results+json", "json"), ("application/json", "json"),
                 ("application/sparql-results+xml", "xml"), ("application/xml", "xml"),
                 ("text/csv", "csv"), ("text/tab-separated-values", "tsv")]
_GRAPH_TYPES = [("text/turtle", "turtle"), ("application/n-triples", "nt"),
                ("application/ld+json", "json-ld"), ("application/rdf+xml", "xml")]
_FORMAT_PARAM = {"json": ("json", "json-ld"), "xml": ("xml", "xml"), "csv": ("csv", "turtle"),
                 "tsv": ("tsv", "turtle"), "turtle": ("json", "turtle"), "nt": ("json", "nt"),
                 "json-ld": ("json", "json-ld")}
MAX_BODY = 1_000_000


def negotiate(accept: str, fmt: str | None) -> tuple[str, str]:
    """(format for SELECT/ASK, format for CONSTRUCT/DESCRIBE) from ?format= or Accept."""
    if fmt in _FORMAT_PARAM:
        return _FORMAT_PARAM[fmt]
    accept = (accept or "").lower()

    def first(table, default):
        hits = [(accept.find(mt), f) for mt, f in table if mt in accept]
        return min(hits)[1] if hits else default
    return first(_SELECT_TYPES, "json"), first(_GRAPH_TYPES, "turtle")


class Handler(BaseHTTPRequestHandler):
    server_version = "shequ-kg"
    runner: QueryRunner
    page: bytes
    queries_dir: str

    def log_message(self, fmt: str, *args) -> None:  # access log on stderr, one line each
        sys.stderr.write(f"{self.address_string()} {fmt % args}\n")

    def do_GET(self) -> None:
        url = urllib.parse.urlsplit(self.path)
        params = urllib.parse.parse_qs(url.query, keep_blank_values=True)
        self._route(url.path, params)

    def do_POST(self) -> None:
        url = urllib.parse.urlsplit(self.path)
        params = urllib.parse.parse_qs(url.query, keep_blank_values=True)
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY:
            return self._json(413, {"ok": False, "error": "E413", "message": "request body too large", "hint": ""})
        body = self.rfile.read(length).decode("utf-8", "replace")
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
        self._refuse("the graph store is read-only")

    do_DELETE = do_PATCH = do_PUT

    def do_OPTIONS(self) -> None:
        self.send_response(204)
        self._common_headers()
        self.send_header("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
        self.send_header("Access-Control-Allow-Headers", "Content-Type, Accept")
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
                values = {k: v for k, v in one.items() if k != "format"}
                return self._run(q.text, q.bindings(values), one)
            self._json(404, {"ok": False, "error": "E404", "message": f"no such path {path}",
                             "hint": "use /sparql, /queries or /"})
        except KgError as e:
            self._json(STATUS.get(e.code, 400), e.as_json())

    def _run(self, text: str, bindings: dict, one: dict[str, str]) -> None:
        formats = negotiate(self.headers.get("Accept", ""), one.get("format"))
        self._send(self.runner.run(text, bindings, formats))

    def _refuse(self, why: str) -> None:
        self._json(403, KgError(E.E023, detail=why).as_json())

    def _json(self, status: int, data) -> None:
        self._send(Answer(status, "application/json", json.dumps(data, ensure_ascii=False).encode()))

    def _common_headers(self) -> None:
        self.send_header("Access-Control-Allow-Origin", "*")
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


def make_server(runner: QueryRunner, port: int = 8765, queries_dir: str | None = None) -> ThreadingHTTPServer:
    """An HTTP server bound to 127.0.0.1 (port 0 picks a free one); call serve_forever()."""
    from kg.query.server.page import render_editor

    qdir = str(queries_dir or saved.QUERIES_DIR)
    handler = type("KgHandler", (Handler,), {"runner": runner, "queries_dir": qdir,
                                             "page": render_editor(saved.catalogue(qdir)).encode("utf-8")})
    server = ThreadingHTTPServer(("127.0.0.1", port), handler)
    server.daemon_threads = True
    return server


def serve_until_stopped(server: ThreadingHTTPServer, runner: QueryRunner) -> None:
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
