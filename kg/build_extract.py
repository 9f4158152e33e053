"""Extraction of many articles, in input order: from the cache when it has them, else in a pool of
worker processes on this machine (all cores by default), or on a Dask cluster.

Results are yielded one by one, in the articles' order, so that the caller can merge them as
they come and never hold them all; each fresh one is written to the cache at once.
"""
from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import threading
from collections import deque
from collections.abc import Callable, Iterator
from itertools import islice
from concurrent.futures import ProcessPoolExecutor

from kg import atomic
from kg.build_cache import ExtractionCache, extractor_version, key_of
from kg.build_read import Known
from kg.recognise import gazetteer
from kg.records import Article, Extraction

PARALLEL_FROM = 40  # articles to extract; below this, worker start-up costs more than it saves
# articles to extract per worker process, at least (by default): each worker pays ~2 s of CPU to
# start (division data, jieba, the tagger), the extraction of ~80 articles; a rebuild with 100
# changed articles takes one worker, which runs beside the build reading the cache and merging
PER_WORKER = 250
CHUNK = 8  # articles per task sent to a local worker
IN_FLIGHT = 64  # tasks sent and not yet taken back (512 articles: a 1 % rebuild of 50k at once)
READ_BATCH = 256  # cached extractions read in one query
# batches read ahead at most while the next fresh extraction is not there yet (a rebuild's worker
# starting): ~60 MB of extractions (~15 KB each), half a second of reading done while waiting
READ_AHEAD = 16


def cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def _init_worker(parent: int, model: bool = True) -> None:
    """A worker loads what extraction needs before its first task (the division data, jieba's
    dictionary, the tagger's model): a pool started early loads while the build reads its files."""
    die_with(parent)
    gazetteer.load()
    import kg.extract  # noqa: F401
    from kg.recognise import ner
    from kg.text import segment

    segment.tokens("社区")
    if model:
        ner.available()


def die_with(parent: int) -> None:
    """A build's worker processes die with it: the kernel kills them when it does (Linux)."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (AttributeError, OSError):
        pass
    try:
        os.kill(parent, 0)
    except ProcessLookupError:  # the build died before the line above took effect
        os._exit(1)
    except PermissionError:
        pass


def _init_beside(parent: int) -> None:
    """The one extraction process of a small build loads all but the model (the build tags ahead)."""
    _init_worker(parent, model=False)


def forked_pool(initializer: Callable[[int], None] = die_with) -> ProcessPoolExecutor | None:
    """One process forked from this one (it starts in milliseconds, with what this one has
    imported), or None where fork is missing or unsafe (another thread running here)."""
    if "fork" not in multiprocessing.get_all_start_methods() or threading.active_count() > 1:
        return None
    return ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork"),
                               initializer=initializer, initargs=(os.getpid(),))


def _ready() -> None:
    """A first task: it starts the process (and its loading) at once."""


def extract_tagged(articles: list[Article], table: dict) -> list[Extraction]:
    from kg.recognise import ner

    ner.use_ahead(table)
    return extract_batch(articles)


def extract_one(article: Article) -> Extraction:
    from kg.extract import extract  # imported when first needed: a build with all cached never needs it

    return extract(article, gazetteer.load())  # loaded once per process (lru_cache)


def extract_batch(articles: list[Article]) -> list[Extraction]:
    return [extract_one(a) for a in articles]


def _local(articles: list[Article], workers: int, in_process: bool = True,
           meanwhile: Callable[[], None] | None = None) -> Iterator[Extraction]:
    """Extract in ``workers`` processes; one worker is this process when ``in_process``. Each
    article is let go once sent, so its text goes with its extraction, not at the build's end."""
    if workers <= 1 and in_process:
        todo = deque(articles)
        return (extract_one(_text(todo.popleft())) for _ in range(len(todo)))
    return _pool(articles, workers, meanwhile)


def _spawned(workers: int, initializer: Callable[[int], None] = _init_worker) -> ProcessPoolExecutor:
    # spawned, not forked: a worker holds only what it loads, not a copy-on-write image of the build
    # (every article's text, the merged records) that its garbage collector would touch page by page
    return ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"),
                               initializer=initializer, initargs=(os.getpid(),))


def _beside(articles: list[Article], meanwhile: Callable[[], None] | None) -> Iterator[Extraction]:
    """A small build on more than one core: one process, forked at once (no interpreter to start),
    loads the division data and jieba and extracts, while this one tags the sentences with the
    model and runs ``meanwhile`` (the imports of the writing). Forked only while this process
    has no other thread, else spawned."""
    from kg.recognise import ner
    from kg.text.split import sentences

    pool = forked_pool(_init_beside) or _spawned(1, _init_beside)
    try:
        pool.submit(_ready)
        texts = [_text(a) for a in articles]
        # every sentence the extraction could give the model (it leaves out those whose cue is
        # in a name the rules found, which it knows only then)
        table = ner.tag_ahead([s for a in texts for s in ner.worth_tagging(sentences(a.text))])
        pending = deque(pool.submit(extract_tagged, texts[i:i + CHUNK], table) for i in range(0, len(texts), CHUNK))
        if meanwhile:
            meanwhile()
    except BaseException:
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    return _Drain(pool, pending, iter(()), extract_batch)


def _batches(todo: deque) -> Iterator[list[Article]]:
    while todo:
        yield [_text(todo.popleft()) for _ in range(min(CHUNK, len(todo)))]


def _pool(articles: list[Article], workers: int, meanwhile: Callable[[], None] | None = None) -> Iterator[Extraction]:
    """The workers start and the first tasks are sent now, not when the first result is asked
    for: a rebuild reads its cached extractions meanwhile instead of waiting at the first changed
    one. At most IN_FLIGHT tasks are out at once, so a large build does not hold every article
    pickled in the pool's queue (and reads the text of a known file only when its turn comes)."""
    from kg.build_early import take

    pool, pending, sent = take(workers, articles)  # a cold build's workers, started early, and what they have
    pool = pool or _spawned(workers)
    batches = _batches(deque(articles[sent:]))  # each article let go once sent
    try:
        for batch in islice(batches, IN_FLIGHT - len(pending)):
            pending.append(pool.submit(extract_batch, batch))
        if meanwhile:
            meanwhile()
    except BaseException:
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    return _Drain(pool, pending, batches, extract_batch)


class _Drain:
    """The results in order; each one taken back sends the next batch. ``ready()`` says whether
    the next one is there without waiting (for the build to read its cache meanwhile). The pool
    ends with the last result, or at ``close()``."""

    def __init__(self, pool, pending: deque, batches, task):
        self.pending, self.left = pending, [0]  # no reference back to self: no cycle to outlive the build
        self._results = _drain(pool, pending, batches, task, self.left)

    def __iter__(self) -> Iterator[Extraction]:
        return self._results

    def __next__(self) -> Extraction:
        return next(self._results)

    def ready(self) -> bool:
        return self.left[0] > 0 or not self.pending or self.pending[0].done()

    def close(self) -> None:
        self._results.close()


def _drain(pool, pending: deque, batches, task, left: list[int]) -> Iterator[Extraction]:
    try:
        while pending:
            done = pending.popleft().result()
            batch = next(batches, None)
            if batch is not None:
                pending.append(pool.submit(task, batch))
            left[0] = len(done)
            for x in done:
                left[0] -= 1
                atomic.pause_point("extracting")
                yield x
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def fresh_extractions(articles: list[Article], workers: int | None, cluster: str | None,
                      meanwhile: Callable[[], None] | None = None) -> Iterator[Extraction]:
    """Extract ``articles`` (none cached), in order. ``meanwhile`` runs in this process while
    other processes extract (not at all when this one does)."""
    if cluster:
        from kg.build_cluster import on_cluster
        return on_cluster([_text(a) for a in articles], cluster)  # the cluster's workers cannot read our files
    if workers is None:
        if len(articles) < PARALLEL_FROM:
            return _beside(articles, meanwhile) if cores() > 1 else _local(articles, 1)
        return _local(articles, max(1, min(cores(), len(articles) // PER_WORKER)), False, meanwhile)
    return _local(articles, max(1, workers), True, meanwhile)


def _text(a):
    """The article with its text (a ``Known`` one, kg/build_read.py, is read from its file)."""
    return a.load() if isinstance(a, Known) else a


def extractions(articles: list[Article], cache: ExtractionCache | None, workers: int | None = None,
                cluster: str | None = None, progress: Callable[[], None] | None = None,
                meanwhile: Callable[[], None] | None = None) -> Iterator[Extraction]:
    """Every article's extraction, in order; cached ones read back, the others extracted.
    ``articles`` is emptied as it goes (None for each article given), so that a cold build
    does not hold every article's text to its end."""
    version = extractor_version()
    keys = [key_of(a, version) for a in articles]
    have = cache.keys() if cache is not None else set()
    todo = [a for a, k in zip(articles, keys) if k not in have]  # a Known one whose entry is gone: read again
    fresh = fresh_extractions(todo, workers, cluster, meanwhile) if todo else iter(())
    del todo
    ready = getattr(fresh, "ready", lambda: True)
    starts = iter(range(0, len(articles), READ_BATCH))
    ahead: deque = deque()  # (part, its cached extractions), read while a fresh one was not there yet

    def read_part() -> bool:
        start = next(starts, None)
        if start is None:
            return False
        part = range(start, min(start + READ_BATCH, len(articles)))
        ahead.append((part, cache.get_many([keys[i] for i in part if keys[i] in have]) if cache is not None else {}))
        return True

    try:
        while ahead or read_part():
            part, got = ahead.popleft()
            for i in part:
                a, k = articles[i], keys[i]
                x = got.get(k)
                if x is None:
                    if k in have:  # an unreadable entry: extract again
                        x = extract_one(_text(a))
                    else:
                        while len(ahead) < READ_AHEAD and not ready() and read_part():
                            pass
                        x = next(fresh)
                    if cache is not None:
                        cache.put(k, x)
                articles[i] = None
                if progress:
                    progress()
                yield x
    finally:  # the workers end now, not when the garbage collector finds what still names them
        close = getattr(fresh, "close", None)
        if close is not None:
            close()
