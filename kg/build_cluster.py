"""Extraction on a Dask distributed cluster (`kg build --cluster tcp://HOST:8786`).

Articles go out in batches; each worker process loads the read-only resources (division data,
jieba's dictionaries) once, on its first batch, and keeps them. Results come back in input
order; only a bounded window of batches is in flight, so the build's memory does not grow with
the corpus. Merging and writing stay on this machine.
"""
from __future__ import annotations

from collections import deque
from collections.abc import Iterator

from kg.errors import E, KgError
from kg.records import Article, Extraction

BATCH = 32  # articles per task
AHEAD = 4  # batches in flight per worker thread
CONNECT_TIMEOUT = "20s"


def _client(address: str):
    try:
        from distributed import Client
    except ImportError:
        raise KgError(E.E066, detail="package 'distributed' is not installed (pip install 'shequ-kg[cluster]')") from None
    try:
        return Client(address, timeout=CONNECT_TIMEOUT, set_as_default=False)
    except (OSError, TimeoutError) as e:
        raise KgError(E.E066, detail=f"cannot reach the scheduler at {address}: {e}") from None


def on_cluster(articles: list[Article], address: str, client=None) -> Iterator[Extraction]:
    """Extract ``articles`` on the cluster at ``address`` (or with ``client``), in order."""
    from kg.build_extract import extract_batch

    own = client is None
    client = client or _client(address)
    try:
        threads = max(1, sum(client.nthreads().values()))
        batches = iter([articles[i:i + BATCH] for i in range(0, len(articles), BATCH)])
        window: deque = deque()
        for b in batches:
            window.append(client.submit(extract_batch, b, pure=False))
            if len(window) >= threads * AHEAD:
                yield from window.popleft().result()
        while window:
            yield from window.popleft().result()
    finally:
        if own:
            client.close()
