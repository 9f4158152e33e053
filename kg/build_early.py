"""A cold build's workers start before its files are read, and get their first articles as the
files are read: their start-up (about 2 s of loading each) and the reading of the files (0.4 ms a
file in this process) no longer come before the extraction, but beside it.

`start_early` is told the number of files; `read` gets each file's articles as they are read and
sends them, a batch at a time (at most IN_FLIGHT), to the workers. A rebuild (`rebuild_reader`)
sends those of its new or changed files that the cache does not have, once it has found
PARALLEL_FROM of them: its workers then start while the other files are stat'ed, not after.
`_pool` (kg/build_extract.py) `take`s the workers and the batches sent, as long as they are the
first batches of what it has to extract (always, on a cold build); `drop_early` ends what no
extraction took.
"""
from __future__ import annotations

from collections import deque
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor

from kg.build_extract import CHUNK, IN_FLIGHT, PARALLEL_FROM, PER_WORKER, _ready, _spawned, cores, extract_batch
from kg.records import Article


class _Early:
    def __init__(self, workers: int):
        self.workers = workers
        self.pool: ProcessPoolExecutor = _spawned(workers)
        for _ in range(workers):  # a task per worker: each submit starts one
            self.pool.submit(_ready)
        self.waiting: list[Article] = []
        self.sent: deque = deque()  # (batch, future), in reading order

    def read(self, articles: list[Article]) -> None:
        self.waiting += articles
        while len(self.waiting) >= CHUNK and len(self.sent) < IN_FLIGHT:
            batch, self.waiting = self.waiting[:CHUNK], self.waiting[CHUNK:]
            self.sent.append((batch, self.pool.submit(extract_batch, batch)))


_early: list[_Early] = []


def start_early(files: int, workers: int | None) -> None:
    """Start the workers a cold build of ``files`` files will want, if it wants a pool."""
    n = workers if workers is not None else min(cores(), files // PER_WORKER) if files >= PARALLEL_FROM else 0
    if n >= 2 and not _early:
        _early.append(_Early(n))


def read(articles: list[Article], done: int = 0, files: int = 0) -> None:
    """A file's articles, just read (none of them in the cache: the build is cold); the count
    of files gone through is for `rebuild_reader`'s estimate."""
    if _early and len(_early[0].sent) < IN_FLIGHT:
        _early[0].read(articles)


def rebuild_reader(cached: set[str], workers: int | None) -> Callable[[list[Article], int, int], None]:
    """``read`` for a rebuild whose cache has the keys ``cached``: once PARALLEL_FROM articles to
    extract are found (fewer are extracted beside this process, kg/build_extract.py), the workers
    start, as many as the extraction will want if the files still to read change as often as
    those read (one per PER_WORKER articles, as kg.build_extract.fresh_extractions counts)."""
    from kg.build_cache import article_key, extractor_version

    version, todo = extractor_version(), []

    def read_new(articles: list[Article], done: int, files: int) -> None:
        new = [a for a in articles if article_key(a, version) not in cached]
        if _early:
            read(new)
            return
        todo.extend(new)
        if len(todo) >= PARALLEL_FROM:
            expect = len(todo) * files // max(done, 1)
            _early.append(_Early(workers or max(1, min(cores(), expect // PER_WORKER))))
            read(todo)
            todo.clear()
    return read_new


def take(workers: int, articles: list[Article]) -> tuple[ProcessPoolExecutor | None, deque, int]:
    """The early pool if it has ``workers`` workers, the futures of the batches sent that are
    the first batches of ``articles`` (the same objects, in order), and how many articles they hold."""
    if _early and _early[0].workers != workers:  # a rebuild's estimate was wrong: start again
        drop_early()
    if not _early:
        return None, deque(), 0
    early = _early.pop()
    pending: deque = deque()
    done, matching = 0, True
    for batch, future in early.sent:
        want = articles[done:done + len(batch)]
        matching = matching and len(want) == len(batch) and all(a is b for a, b in zip(batch, want))
        if matching:
            pending.append(future)
            done += len(batch)
        else:
            future.cancel()  # not what this extraction wants (some articles were in the cache after all)
    return early.pool, pending, done


def drop_early() -> None:
    """End the workers started early that no extraction took (nothing to extract, an error)."""
    while _early:
        pool = _early.pop().pool
        for p in list(getattr(pool, "_processes", {}).values()):  # still loading: not worth waiting for
            p.kill()
        pool.shutdown(wait=True, cancel_futures=True)
