"""Progress of a build on stderr: a bar with articles/s and the time left on a terminal, else a
plain line now and then (logs, CI)."""
from __future__ import annotations

import sys
import time
from collections.abc import Iterator

from kg.build_cache import ExtractionCache
from kg.build_extract import extractions
from kg.records import Article, Extraction


class Ticker:
    """Counts done items and prints a progress line to stderr at most every ``every`` seconds."""

    def __init__(self, what: str, total: int | None, every: float):
        self.what, self.total, self.every = what, total, every
        self.done = 0
        self.start = self.last = time.monotonic()

    def __call__(self) -> None:
        self.done += 1
        now = time.monotonic()
        closing = self.done == self.total and self.last > self.start  # after earlier lines, the last one
        if now - self.last >= self.every or closing:
            self.last = now
            of = f"/{self.total}" if self.total is not None else ""
            took = now - self.start
            line = f"progress: {self.what} {self.done}{of} {'articles' if self.total else 'files'}, {took:.0f} s"
            if self.total and took > 0:
                rate = self.done / took
                line += f", {rate:.0f} articles/s, {(self.total - self.done) / rate:.0f} s left"
            print(line, file=sys.stderr, flush=True)


def with_progress(articles: list[Article], cache: ExtractionCache | None, workers: int | None,
                  cluster: str | None, show: bool, every: float, meanwhile=None) -> Iterator[Extraction]:
    if not show:
        yield from extractions(articles, cache, workers, cluster, meanwhile=meanwhile)
        return
    if not sys.stderr.isatty():
        yield from extractions(articles, cache, workers, cluster, Ticker("extracted", len(articles), every), meanwhile)
        return
    from rich.console import Console
    from rich.progress import (BarColumn, MofNCompleteColumn, Progress, TaskProgressColumn, TextColumn,
                               TimeRemainingColumn)
    columns = (TextColumn("extracting"), BarColumn(), MofNCompleteColumn(), TaskProgressColumn(),
               TextColumn("[progress.data.speed]{task.fields[rate]}"),
               TimeRemainingColumn())
    # refreshed here, not by rich's thread: with no other thread running, a small build may fork
    # its extraction process (kg/build_extract.py forked_pool)
    with Progress(*columns, transient=True, console=Console(stderr=True), auto_refresh=False) as bar:
        task = bar.add_task("extracting", total=len(articles), rate="")
        start = last = time.monotonic()

        def advance() -> None:
            nonlocal last
            done = bar.tasks[0].completed + 1
            now = time.monotonic()
            took = now - start
            bar.update(task, advance=1, rate=f"{done / took:.0f} articles/s" if took > 0.5 else "")
            if now - last >= 0.1 or done == len(articles):
                last = now
                bar.refresh()
        yield from extractions(articles, cache, workers, cluster, advance, meanwhile)
