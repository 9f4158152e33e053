"""Reading a build's inputs: find the files, decode, normalise and split them into articles.

With a file index (kept in the extraction cache, kg/build_cache.py), a file whose stat (size,
mtime in ns, inode, device) and path are those recorded when it was last read, under the same
reading code, is not opened again: its articles are given as ``Known`` (document, position and
cache key, no text), and their extractions come from the cache. When the stat differs the file
is read, decoded and hashed as always: the article's content stays the key of its extraction.

The accepted risk is that of make and rsync: a file rewritten with other bytes of the same size
and the same mtime (to the nanosecond), in place (same inode), is taken as unchanged. A file
whose mtime is within ``RACY_S`` of the build is not recorded (it could still change within the
same clock tick). `kg build --no-cache` reads every file.
"""
from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from kg.errors import E, KgError
from kg.records import Article
from kg.text import ingest
from kg.text.normalize import has_visible_text, normalize
from kg.text.split import split_articles

RACY_S = 2.0  # a file changed this recently (or later) is read again next time
_READ_PACKAGES = ("charset-normalizer", "opencc", "opencc-python-reimplemented", "trafilatura", "lxml")


@dataclass(frozen=True)
class Known:
    """An article of a file that has not changed since it was read: its extraction is cached
    under ``key``."""

    doc: str
    index: int
    key: str
    path: str  # the file, to read it again if its cache entry is missing

    def load(self) -> Article:
        """The article itself, read again from its file; an error if the file no longer has it."""
        from kg.build_cache import article_key

        src = ingest.read(Path(self.path), self.doc, None)
        arts = split_articles(src.name, normalize(src.raw))
        if self.index >= len(arts) or article_key(arts[self.index]) != self.key:
            raise KgError(E.E004, path=self.path, detail="changed during the build; build again")
        return arts[self.index]


@dataclass(frozen=True)
class FileEntry:
    """What the index keeps of a file read: its stat and the keys of its articles."""

    path: str  # absolute
    doc: str
    size: int
    mtime_ns: int
    ino: int
    dev: int
    encoding: str
    replaced: int
    keys: tuple[str, ...]


@lru_cache(maxsize=1)
def reader_version() -> str:
    """Hash of the reading code (decoding, HTML, normalising, splitting) and its packages, and of
    the extractor's version (the keys in the index are extraction-cache keys)."""
    from kg.build_cache import extractor_version, hash_files, package_versions

    kg = Path(__file__).resolve().parent
    h = hashlib.sha256(f"{extractor_version()}\0{package_versions(_READ_PACKAGES)}".encode())
    files = sorted(f for f in (kg / "text").rglob("*.py") if "__pycache__" not in f.parts)
    hash_files(h, files + [kg / "build_read.py", kg / "records.py"], kg)
    return h.hexdigest()[:16]


def read_articles(inputs: list[str], report, max_file_bytes: int | None = ingest.MAX_FILE_BYTES,
                  log: Callable[[str], None] = lambda line: None, tick=None,
                  exclude: Path | None = None, index: dict[str, FileEntry] | None = None,
                  seen: list[FileEntry] | None = None,
                  found_files: Callable[[int], None] | None = None,
                  fresh: Callable[[list[Article], int, int], None] | None = None) -> list[Article | Known]:
    """Every article of ``inputs``, in order. With ``index`` (path -> FileEntry), unchanged files
    give ``Known`` articles without being opened; ``seen`` then gets an entry for each file read
    or known (what the index should hold after this build). ``found_files`` is told how many
    files there are before they are read, ``fresh`` gets each file's articles as they are read."""
    from kg.build_cache import article_key, extractor_version

    def error(e: KgError) -> None:
        report.errors.append(e.line())
        log(e.line())

    found = ingest.find_files(inputs, exclude)
    if found_files:
        found_files(len(found.files))
    report.notes += [f"skipped {s.path}: {s.reason}" for s in found.skipped]
    for e in found.errors:
        error(e)
    version = extractor_version() if index is not None else ""
    recent = time.time_ns() - int(RACY_S * 1e9)
    articles: list[Article | Known] = []
    for done, f in enumerate(found.files, 1):
        if tick:
            tick()
        st = None
        if index is not None:
            path = os.path.abspath(f.path)
            try:
                st = os.stat(path)  # before reading: a change while reading shows next time
            except OSError:
                st = None
            old = index.get(path)
            if (st is not None and old is not None and old.doc == f.doc and old.size == st.st_size
                    and old.mtime_ns == st.st_mtime_ns and old.ino == st.st_ino and old.dev == st.st_dev
                    and (max_file_bytes is None or st.st_size <= max_file_bytes)):
                report.files += 1
                _replaced(os.fspath(f.path), old.replaced, old.encoding, report, log)
                articles += [Known(f.doc, i, k, path) for i, k in enumerate(old.keys)]
                if seen is not None:
                    seen.append(old)
                continue
        try:
            item = ingest.read(f.path, f.doc, max_file_bytes)
        except KgError as e:
            error(e)
            continue
        report.files += 1
        _replaced(item.path, item.replaced, item.encoding, report, log)
        text = normalize(item.raw)
        if not has_visible_text(text):
            error(KgError(E.E003, path=item.path))
            continue
        arts = split_articles(item.name, text)
        articles += arts
        if fresh:
            fresh(arts, done, len(found.files))
        if st is not None and seen is not None and st.st_mtime_ns < recent:
            seen.append(FileEntry(path, f.doc, st.st_size, st.st_mtime_ns, st.st_ino, st.st_dev, item.encoding,
                                  item.replaced, tuple(article_key(a, version) for a in arts)))
    if not articles and not report.errors:
        raise KgError(E.E005, paths=" ".join(inputs))
    report.articles = len(articles)
    return articles


def _replaced(path: str, count: int, encoding: str, report, log) -> None:
    if count:
        w = KgError(E.E064, path=path, count=count, encoding=encoding).warning()
        report.warnings.append(w)
        log(w)
