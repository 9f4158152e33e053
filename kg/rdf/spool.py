"""An external sort for the build's bulkiest records (one per evidence sentence), so that the
build's memory does not grow with articles x evidence.

Records (tuples of str and int) are kept in memory up to ``run`` of them; then each full run is
sorted and written to a temporary file, and reading merges the runs. A small corpus never
touches the disk. Identical records come out once.
"""
from __future__ import annotations

import heapq
import pickle
import tempfile
from collections.abc import Iterator

RUN = 50_000  # records per sorted run: ~30 MB of evidence records (~650 B each) at most in memory
_BATCH = 2_000  # records per pickle in a run file


class Spool:
    def __init__(self, run: int | None = None):
        self.run = run or RUN
        self.records: list[tuple] = []
        self.files: list = []
        self.folder: tempfile.TemporaryDirectory | None = None

    def add(self, record: tuple) -> None:
        self.records.append(record)
        if len(self.records) >= self.run:
            self._spill()

    def __len__(self) -> int:
        return len(self.records) + sum(n for _f, n in self.files)

    def _spill(self) -> None:
        if self.folder is None:
            self.folder = tempfile.TemporaryDirectory(prefix="kg-spool-")
        self.records.sort()
        f = tempfile.TemporaryFile(dir=self.folder.name)
        for i in range(0, len(self.records), _BATCH):
            pickle.dump(self.records[i:i + _BATCH], f, protocol=pickle.HIGHEST_PROTOCOL)
        self.files.append((f, len(self.records)))
        self.records = []

    @staticmethod
    def _read(f) -> Iterator[tuple]:
        f.seek(0)
        while True:
            try:
                yield from pickle.load(f)
            except EOFError:
                return

    def sorted(self) -> Iterator[tuple]:
        """Every record once, in order; can be called again."""
        self.records.sort()
        runs = [self._read(f) for f, _n in self.files] + [iter(self.records)]
        last = None
        for r in heapq.merge(*runs) if len(runs) > 1 else runs[0]:
            if r != last:
                yield r
                last = r

    def close(self) -> None:
        for f, _n in self.files:
            f.close()
        self.files = []
        self.records = []
        if self.folder is not None:
            self.folder.cleanup()
            self.folder = None
