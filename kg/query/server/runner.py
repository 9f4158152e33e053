"""A supervised pool of query processes: time limits, two lanes, one snapshot at a time.

Slots, not workers, are what the pool keeps: a slot holds a worker, or nothing when its worker
died or could not start (no store yet). Whoever takes a slot makes it fit for the current
generation (starting a worker if needed) and always gives the slot back, so a lost worker never
shrinks the pool and no request waits longer than ``wait_s``.

Lanes: ad-hoc queries may hold at most ``workers`` slots at a time; the ``quick_workers`` more
slots are left for saved queries (``cheap=True``), which may use any free slot. Three long ad-hoc
queries therefore never keep a saved query waiting.

Cache: a generation never changes, so its answers are kept (``cache_bytes``, least recently used
out first) under a key that names the generation; a rebuild makes them unreachable at once.

Snapshot: each request reads which generation DIR/current names (one readlink) and is answered
only by a worker opened on that generation; workers of an older one are retired when they come
back. A supervisor thread does the same between requests, since a build deletes the generation
before the previous one and a server must have left it by then.
"""
from __future__ import annotations

import json
import multiprocessing as mp
import queue
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

from rdflib.term import Identifier

from kg import atomic
from kg.errors import E, KgError
from kg.query.results import MEDIA_TYPES
from kg.query.server.worker import Worker, WorkerFailed, _body

STATUS = {"E020": 400, "E021": 404, "E022": 400, "E025": 400, "E026": 400, "E029": 400, "E034": 400,
          "E023": 403, "E024": 503, "E030": 503, "E070": 400, "E071": 403, "E072": 400, "E073": 413,
          "E074": 503, "E075": 404, "E076": 500, "E077": 400}


@dataclass
class Answer:
    status: int
    media_type: str
    body: bytes
    truncated: bool = False
    elapsed_ms: float = 0.0


class QueryRunner:
    def __init__(self, store_name: str, location: str, workers: int = 2, time_limit_s: float = 10.0,
                 max_rows: int = 10_000, quick_workers: int = 1, wait_s: float | None = None,
                 start_timeout_s: float = 120.0, poll_s: float = 0.5, cache_bytes: int = 64 << 20):
        self._ctx = mp.get_context("spawn")
        self.store_name, self.location = store_name, location
        self.time_limit_s, self.max_rows = time_limit_s, max_rows
        self.wait_s = wait_s if wait_s is not None else 2 * time_limit_s + 10
        self.start_timeout_s = start_timeout_s
        self._general = threading.BoundedSemaphore(max(1, workers))
        self._slots: queue.Queue[Worker | None] = queue.Queue()
        self._all: set[Worker] = set()
        self._lock = threading.Lock()
        self._stopped = threading.Event()
        self._cache = AnswerCache(cache_bytes)
        gen = self.generation()
        for _ in range(max(1, workers) + max(0, quick_workers)):
            self._slots.put(self._spawn(gen))
        first = self._slots.get()
        try:  # fail fast (for instance no built graph) before serving anything
            first.wait_ready(start_timeout_s)
        except WorkerFailed as e:
            self.close()
            raise RuntimeError(json.loads(e.body)["message"]) from None
        self._slots.put(first)
        self._supervisor = threading.Thread(target=self._supervise, args=(poll_s,), daemon=True)
        self._supervisor.start()

    def generation(self) -> Path:
        """The folder the current outputs live in (DIR/gen-N; DIR itself before generations)."""
        return atomic.current_generation(self.location) or Path(self.location)

    def _spawn(self, gen: Path) -> Worker:
        w = Worker(self._ctx, self.store_name, gen)
        with self._lock:
            if not self._stopped.is_set():
                self._all.add(w)
                return w
        w.stop()  # started while the server was closing: close() did not see it
        raise WorkerFailed("E076", _body(KgError(E.E076, detail="the server is stopping")))

    def _stop(self, w: Worker | None) -> None:
        if w is not None:
            with self._lock:
                self._all.discard(w)
            w.stop()

    def _fit(self, w: Worker | None, gen: Path) -> Worker:
        """The slot's worker, or a new one, alive and ready on generation ``gen``."""
        if w is not None and (w.generation != gen or not w.alive()):
            self._stop(w)
            w = None
        w = w or self._spawn(gen)
        try:
            w.wait_ready(self.start_timeout_s)
        except WorkerFailed:
            self._stop(w)
            raise
        return w

    def run(self, text: str, bindings: dict[str, Identifier] | None, formats: tuple[str, str],
            cheap: bool = False) -> Answer:
        """``formats`` = (format for SELECT/ASK, format for CONSTRUCT/DESCRIBE); ``cheap`` for a
        saved query, which may take the slots kept free of ad-hoc queries."""
        key = (self.generation(), text, frozenset((bindings or {}).items()), formats)
        hit = self._cache.get(key)
        if hit is not None:
            return hit
        deadline = time.monotonic() + self.wait_s
        if not cheap and not self._general.acquire(timeout=self.wait_s):
            return _busy(self.wait_s)
        try:
            try:
                w = self._slots.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                return _busy(self.wait_s)
            answer = self._ask(w, key[0], (text, bindings or {}, formats, self.max_rows))
            if answer.status == 200:
                self._cache.put(key, answer)
            return answer
        finally:
            if not cheap:
                self._general.release()

    def _ask(self, w: Worker | None, gen: Path, msg: tuple) -> Answer:
        """Run one query on the slot's worker; the slot goes back to the pool whatever happens."""
        try:
            w = self._fit(w, gen)
        except WorkerFailed as e:
            self._slots.put(None)
            return Answer(STATUS.get(e.code, 503), "application/json", e.body)
        try:
            w.conn.send(msg)
            if not w.conn.poll(self.time_limit_s):
                self._stop(w)
                self._slots.put(self._spawn(gen))
                return _error(KgError(E.E024, seconds=f"{self.time_limit_s:g}"))
            kind, fmt, body, truncated, elapsed = w.conn.recv()
        except (EOFError, OSError):
            self._stop(w)
            self._slots.put(None)
            return _error(KgError(E.E076, detail="its process exited during the query"))
        self._slots.put(w)
        if kind == "error":
            return Answer(STATUS.get(fmt, 500), "application/json", body)
        return Answer(200, MEDIA_TYPES[fmt], body, truncated, elapsed)

    def _supervise(self, poll_s: float) -> None:
        """Between requests: retire dead workers and those of an old generation, and start
        workers for empty slots once the store is there."""
        while not self._stopped.wait(poll_s):
            gen = self.generation()
            for _ in range(self._slots.qsize()):
                try:
                    w = self._slots.get_nowait()
                except queue.Empty:
                    break
                if w is not None and (w.generation != gen or not w.alive()):
                    self._stop(w)
                    w = None
                if w is None and _has_store(gen, self.store_name):
                    try:
                        w = self._spawn(gen)
                    except WorkerFailed:
                        return  # stopping
                self._slots.put(w)

    def close(self) -> None:
        self._stopped.set()
        # the supervisor may be starting a worker: let it finish and see the stop (it then stops
        # that worker itself), so that no thread is left halfway through a start at exit
        if self._supervisor.is_alive() and self._supervisor is not threading.current_thread():
            self._supervisor.join(timeout=10)
        with self._lock:
            workers, self._all = list(self._all), set()
        for w in workers:
            w.stop()
        for p in self._ctx.active_children():  # one the supervisor was starting as close() began
            p.kill()
            p.join(timeout=5)


class AnswerCache:
    """Answers by (generation, query, bindings, formats), at most ``budget`` bytes of bodies."""

    def __init__(self, budget: int):
        self.budget, self.size = budget, 0
        self._items: OrderedDict[tuple, Answer] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: tuple) -> Answer | None:
        with self._lock:
            a = self._items.get(key)
            if a is not None:
                self._items.move_to_end(key)
            return a

    def put(self, key: tuple, a: Answer) -> None:
        if len(a.body) > self.budget // 8:
            return
        with self._lock:
            if key not in self._items:
                self._items[key] = a
                self.size += len(a.body)
            while self.size > self.budget:
                _, old = self._items.popitem(last=False)
                self.size -= len(old.body)


def _has_store(gen: Path, store_name: str) -> bool:
    return (gen / "graph.ttl").is_file() if store_name == "memory" else (gen / "store").is_dir()


def _busy(seconds: float) -> Answer:
    return _error(KgError(E.E074, seconds=f"{seconds:g}"))


def _error(e: KgError) -> Answer:
    return Answer(STATUS.get(e.code, 500), "application/json", json.dumps(e.as_json(), ensure_ascii=False).encode())
