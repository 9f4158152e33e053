"""One query process bound to one generation of the graph, and the loop it runs.

A query evaluation inside a store cannot be interrupted from Python, so each worker is a
separate process: one that overruns its time limit is killed, not asked to stop. A worker opens
the generation folder it was given (DIR/gen-N, see kg.atomic), never DIR/current, so it answers
from one snapshot for its whole life. Before opening anything it drops its network
(kg.query.safety.drop_network), so not even a query that slipped past the guard could connect.
Workers are spawned (not forked), since the HTTP server already runs threads.
"""
from __future__ import annotations

import json
from pathlib import Path

from kg.errors import E, KgError


def _work(conn, store_name: str, location: str) -> None:  # runs in the worker process
    """Answer queries until told to stop (None) or the server goes away. Ctrl+C reaches the
    whole process group; the server alone decides when its workers stop, so they ignore it."""
    import signal

    from kg.query.safety import drop_network

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    drop_network()
    try:
        _answer(conn, store_name, location)
    except (EOFError, OSError):  # the server closed the pipe: it is shutting down
        return


def _answer(conn, store_name: str, location: str) -> None:
    from kg.query.results import serialize
    from kg.query.stores import open_store

    try:
        store = open_store(store_name, location)
    except KgError as e:
        conn.send(("failed", e.code, _body(e)))
        return
    conn.send(("ready", "", b""))
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
            conn.send(("error", e.code, _body(e), False, 0.0))
        except Exception as e:  # a store failure: report it, keep the worker alive
            err = KgError(E.E076, detail=" ".join(str(e).split())[:300] or type(e).__name__)
            conn.send(("error", err.code, _body(err), False, 0.0))


def _body(e: KgError) -> bytes:
    return json.dumps(e.as_json(), ensure_ascii=False).encode()


class WorkerFailed(Exception):
    """A worker could not start (no store in its generation) or died: ``code`` and JSON ``body``."""

    def __init__(self, code: str, body: bytes):
        super().__init__(code)
        self.code, self.body = code, body


class Worker:
    def __init__(self, ctx, store_name: str, generation: Path):
        self.generation = generation
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=_work, args=(child, store_name, str(generation)), daemon=True)
        self.process.start()
        child.close()
        self.ready = False

    def alive(self) -> bool:
        return self.process.is_alive()

    def wait_ready(self, timeout: float) -> None:
        """Block until the worker has imported everything and opened its store."""
        if self.ready:
            return
        try:
            if not self.conn.poll(timeout):
                raise WorkerFailed("E076", _body(KgError(E.E076, detail=f"it did not start within {timeout:g} s")))
            state, code, body = self.conn.recv()
        except (EOFError, OSError):
            raise WorkerFailed("E076", _body(KgError(E.E076, detail="it exited while starting"))) from None
        if state != "ready":
            raise WorkerFailed(code, body)
        self.ready = True

    def stop(self) -> None:
        try:
            self.conn.send(None)
        except OSError:
            pass
        self.process.kill()
        self.process.join(timeout=5)
        self.conn.close()
