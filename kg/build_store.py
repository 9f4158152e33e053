"""The store of a build: made from the current generation's when only a few subjects changed,
else bulk-loaded from graph.ttl.

Every build writes graph.ttl whole (spelling it is cheap); loading all of it into a new store was
the largest part of a rebuild that changed a few articles. So the writer gives each subject's
block (its bytes in graph.ttl) to a ``BlockIndex``: a digest of the bytes and where they are. The
index is kept in the generation, beside the graph.ttl and the store it describes
(``blocks.idx``). The next build compares its own index with the current generation's: the new
store is the current one, its table files hard-linked (RocksDB never writes a table file again
once written; the other files are copied), less the triples of the blocks no longer written
(parsed from the old graph.ttl) plus those of the blocks not written before (parsed from the
new). Every triple is in its subject's one block and a block's bytes say all of its triples, so
this holds exactly the triples of a full load. The current generation is only read, and the
new one is made current only when done (kg/atomic.py): a build killed meanwhile leaves the
current output as it was. A large change (or no usable index) loads graph.ttl instead.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import struct
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from kg import atomic

INDEX = "blocks.idx"
_RECORD = struct.Struct("<16sQI")  # digest of the block's bytes, offset in graph.ttl, length
_FORMAT = 1
# above this share of graph.ttl's bytes to remove and add, the whole is loaded instead (and
# compacted): removing a triple costs ~7 us and adding one ~10 us, loading all ~6 us a triple
DELTA_MAX_SHARE = 0.2
# a store updated this many times since it was last compacted is compacted again: each update
# adds a few small table files, which every later lookup reads
COMPACT_EVERY = 8
_PIECE_BYTES = 4 << 20  # Turtle per transaction of a delta (~60k triples)


@dataclass
class BlockIndex:
    """What a writer reports of each block (kg.rdf.writer.write_turtle)."""

    records: bytearray = field(default_factory=bytearray)
    usable: bool = True

    def add(self, offset: int, data: bytes) -> None:
        self.records += _RECORD.pack(hashlib.blake2b(data, digest_size=16).digest(), offset, len(data))

    def twice(self) -> None:
        """A subject in two blocks: removing one block's triples could remove the other's."""
        self.usable = False


@dataclass
class Written:
    """What the writing of a generation gives its store: where graph.ttl's pieces begin (for a
    bulk load) and its blocks' index (for a delta), if any."""

    pieces: list[int] | None = None
    index: BlockIndex | None = None


def _header(prefix_bytes: int, updates: int) -> dict:
    import pyoxigraph

    from kg.rdf.terms import NAMESPACES
    return {"format": _FORMAT, "pyoxigraph": pyoxigraph.__version__, "prefix_bytes": prefix_bytes,
            "namespaces": hashlib.sha256(json.dumps(NAMESPACES, sort_keys=True).encode()).hexdigest()[:16],
            "updates": updates}


def _load(folder: Path) -> tuple[dict, memoryview] | None:
    """The header and sorted records of the index in ``folder``; None if there is none usable."""
    try:
        data = (folder / INDEX).read_bytes()
        end = data.index(b"\n")
        head = json.loads(data[:end])
    except (OSError, ValueError):
        return None
    want = _header(head.get("prefix_bytes", 0), head.get("updates", 0))
    body = memoryview(data)[end + 1:]
    if head != want or len(body) % _RECORD.size:
        return None
    return head, body


def _diff(old: memoryview, new: list) -> tuple[list[tuple[bytes, int, int]], list[tuple[bytes, int, int]]]:
    """(digest, offset, length) of the old blocks gone and of the new blocks added."""
    size = _RECORD.size
    gone, added = [], []
    i, n = 0, len(old)
    unpack = _RECORD.unpack
    for rec in new:
        key = bytes(rec[:16])
        while i < n and bytes(old[i:i + 16]) < key:
            gone.append(unpack(old[i:i + size]))
            i += size
        if i < n and bytes(old[i:i + 16]) == key:
            i += size
        else:
            added.append(unpack(rec))
    while i < n:
        gone.append(unpack(old[i:i + size]))
        i += size
    return gone, added


class _Stale(Exception):
    """A graph.ttl whose blocks are not those its index says (edited by hand, say)."""


def _pieces(path: Path, head: int, spans: list[tuple[bytes, int, int]]) -> Iterator[bytes]:
    """The blocks of the Turtle file ``path`` at ``spans`` (digest, offset, length), checked
    against their digests, a few MB at a time, each piece after the file's prefixes (its first
    ``head`` bytes): a large delta is applied in several transactions, never held whole."""
    with open(path, "rb") as f:
        prefixes = f.read(head)
        parts, size = [prefixes], 0
        for digest, offset, length in sorted(spans, key=lambda r: r[1]):
            f.seek(offset)
            block = f.read(length)
            if hashlib.blake2b(block, digest_size=16).digest() != digest:
                raise _Stale(path)
            parts.append(block)
            size += length
            if size >= _PIECE_BYTES:
                yield b"".join(parts)
                parts, size = [prefixes], 0
        if size:
            yield b"".join(parts)


def _link_copy(src: Path, dst: Path) -> None:
    """A copy of the store folder ``src``: table files hard-linked, the others copied, RocksDB's
    info logs and lock left out."""
    dst.mkdir()
    for name in os.listdir(src):
        if name == "LOCK" or name.startswith("LOG"):
            continue
        if name.endswith(".sst"):
            try:
                os.link(src / name, dst / name)
                continue
            except OSError:  # another file system, or no hard links there
                pass
        shutil.copy2(src / name, dst / name)


def make_store(tmp: Path, current: Path | None, written: Written) -> None:
    """The store of the generation being written in ``tmp``: from ``current``'s (the current
    generation) by a delta when it has a usable index, else bulk-loaded; then the index saved."""
    from kg.query.stores.oxigraph import STORE_DIR, fill_store

    records = None
    if written.index is not None and written.index.usable:
        size = _RECORD.size
        data = bytes(written.index.records)
        written.index.records = bytearray()
        records = sorted(data[i:i + size] for i in range(0, len(data), size))
        del data
    updates = None
    if records is not None and current is not None:
        try:
            updates = _delta(tmp, current, written, records)
        except (_Stale, OSError, SyntaxError, ValueError):  # the current output is not what its index says
            shutil.rmtree(tmp / STORE_DIR, ignore_errors=True)
    if records is not None and written.pieces:
        _save(tmp, written.pieces[0], updates or 0, records)
    if updates is None:
        del records  # saved: not held through the bulk load
        fill_store(tmp / STORE_DIR, turtle_file=tmp / "graph.ttl", pieces=written.pieces)


def _save(folder: Path, prefix_bytes: int, updates: int, records: list) -> None:
    with open(folder / INDEX, "wb") as f:
        f.write(json.dumps(_header(prefix_bytes, updates)).encode() + b"\n")
        f.writelines(records)


def _delta(tmp: Path, current: Path, written: Written, records: list) -> int | None:
    """The store made from ``current``'s, or None when it cannot or should not be (no index,
    another format, too large a change). Returns the updates since its last compaction."""
    import pyoxigraph as ox

    from kg.query.stores.oxigraph import STORE_DIR

    found = _load(current)
    if found is None or not (current / STORE_DIR).is_dir() or not written.pieces:
        return None
    head, old = found
    gone, added = _diff(old, records)
    total = (tmp / "graph.ttl").stat().st_size
    if sum(r[2] for r in gone) + sum(r[2] for r in added) > DELTA_MAX_SHARE * total:
        return None
    _link_copy(current / STORE_DIR, tmp / STORE_DIR)
    if not gone and not added:
        return head["updates"]
    store = ox.Store(str(tmp / STORE_DIR))
    for piece in _pieces(current / "graph.ttl", head["prefix_bytes"], gone):
        for q in ox.parse(piece, ox.RdfFormat.TURTLE):
            store.remove(q)
    for piece in _pieces(tmp / "graph.ttl", written.pieces[0], added):
        store.load(piece, ox.RdfFormat.TURTLE)
    atomic.pause_point("store-delta")
    updates = head["updates"] + 1
    if updates >= COMPACT_EVERY:
        store.optimize()
        updates = 0
    store.flush()
    del store
    return updates
