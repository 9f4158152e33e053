"""Run queries in worker processes so that a time limit really stops a runaway query.

A query evaluation inside a store cannot be interrupted from Python, so each worker is a
separate process holding its own read-only handle on the store. A query that overruns its
limit has its worker killed and replaced; the client gets error E024 and the other workers go
on serving. Workers are spawned (not forked), since the HTTP server already runs threads.
"""
from __future__ import annotations

import multiprocessing as mp
import queue
import threading
from dataclasses import dataclass

from rdflib.term import Identifier

from kg.errors import E, KgError
from kg.query.results import MEDIA_TYPES

STATUS = {"E020": 400, "E021": 404, "E022": 400, "E025": 400, "E026": 400, "E029": 400, "E034": 400,
          "E023": 403, "E024": 503}


@dataclass
class Answer:
    status: int
    media_type: str
    body: bytes
    truncated: bool = False
    elapsed_ms: float = 0.0


def _work(conn, store_name: str, location: str) -> None:  # runs in the worker process
    """Answer queries until told to stop (None) or the server goes away. Ctrl+C reaches the
    whole process group; the server alone decides when its workers stop, so they ignore it."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        _answer(conn, store_name, location)
    except (EOFError, OSError):  # the server closed the pipe: it is shutting down
        return


def _answer(conn, store_name: str, location: str) -> None:
    import json

    from kg.query.results import serialize
    from kg.query.stores import open_store

    try:
        store = open_store(store_name, location)
    except KgError as e:
        conn.send(("failed", e.line()))
        return
    conn.send(("ready", ""))
    while True:
        msg = conn.recv()
        if msg is None:
            return
        text, bindings, formats, max_rows = msg
        try:
            r = store.query(text, bindings, max_rows=max_rows)
            fmt = formats[1] if r.kind == "graph" else formats[0]
            conn.send(("ok", fmt, serialize(r, fmt), r.truncated, r.elapsed_ms))
        except KgError as e:
            conn.send(("error", e.code, json.dumps(e.as_json(), ensure_ascii=False).encode(), False, 0.0))
        except Exception as e:  # a store failure: report it, keep the worker alive
            body = {"ok": False, "error": "E500", "message": " ".join(str(e).split())[:300], "hint": ""}
            conn.send(("error", "E500", json.dumps(body, ensure_ascii=False).encode(), False, 0.0))


class _Worker:
    def __init__(self, ctx, store_name: str, location: str):
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=_work, args=(child, store_name, location), daemon=True)
        self.process.start()
        child.close()
        self.ready = False

    def wait_ready(self, timeout: float = 120) -> None:
        """Block until the worker has imported everything and opened the store."""
        if self.ready:
            return
        if not self.conn.poll(timeout):
            raise OSError("query worker did not start")
        state, detail = self.conn.recv()
        if state != "ready":
            raise RuntimeError(detail)
        self.ready = True

    def stop(self) -> None:
        self.process.kill()
        self.process.join(timeout=5)
        self.conn.close()


class QueryRunner:
    """A small pool of query processes with a per-query time limit and row cap."""

    def __init__(self, store_name: str, location: str, workers: int = 2, time_limit_s: float = 10.0,
                 max_rows: int = 10_000):
        self._ctx = mp.get_context("spawn")
        self.store_name, self.location = store_name, location
        self.time_limit_s, self.max_rows = time_limit_s, max_rows
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._all: list[_Worker] = []
        self._lock = threading.Lock()
        for _ in range(max(1, workers)):
            self._idle.put(self._spawn())
        first = self._idle.get()
        first.wait_ready()  # fail fast (for instance no built graph) before serving anything
        self._idle.put(first)

    def _spawn(self) -> _Worker:
        w = _Worker(self._ctx, self.store_name, self.location)
        with self._lock:
            self._all.append(w)
        return w

    def _retire(self, w: _Worker) -> None:
        w.stop()
        with self._lock:
            self._all.remove(w)
        self._idle.put(self._spawn())

    def run(self, text: str, bindings: dict[str, Identifier] | None, formats: tuple[str, str]) -> Answer:
        """``formats`` = (format for SELECT/ASK, format for CONSTRUCT/DESCRIBE)."""
        w = self._idle.get()
        try:
            w.wait_ready()
            w.conn.send((text, bindings or {}, formats, self.max_rows))
            if not w.conn.poll(self.time_limit_s):
                self._retire(w)
                err = KgError(E.E024, seconds=f"{self.time_limit_s:g}")
                return _error(err.code, err.as_json())
            kind, fmt, body, truncated, elapsed = w.conn.recv()
        except (EOFError, OSError, BrokenPipeError):
            self._retire(w)
            return _error("E500", {"ok": False, "error": "E500", "message": "query worker died", "hint": ""})
        self._idle.put(w)
        if kind == "error":
            return Answer(STATUS.get(fmt, 500), "application/json", body)
        return Answer(200, MEDIA_TYPES[fmt], body, truncated, elapsed)

    def close(self) -> None:
        with self._lock:
            workers, self._all = list(self._all), []
        for w in workers:
            try:
                w.conn.send(None)
            except OSError:
                pass
            w.stop()


def _error(code: str, body: dict) -> Answer:
    import json
    return Answer(STATUS.get(code, 500), "application/json", json.dumps(body, ensure_ascii=False).encode())
