"""China's administrative divisions (GB/T 2260 codes to county level, names below),
read from the table that the JioNLP package ships.

The table is loaded straight from the installed package's data file, without importing
JioNLP itself (its import pulls numpy and prints a banner). Levels: 1 province, 2 city,
3 county/district, 4 town/street, 5 village/community. Read-only once loaded.
"""
from __future__ import annotations

import gc
import hashlib
import importlib.util
import io
import sys
import zipfile
from array import array
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from kg import atomic
from kg.errors import E, KgError

LEVEL_TYPE = {1: "Province", 2: "City", 3: "District", 4: "Subdistrict", 5: "Community"}
SOURCE = "JioNLP china_location (GB/T 2260)"
PACKAGE = "jionlp"  # the package that ships the table; its version names the dataset in the graph


def package_version() -> str:
    """The installed JioNLP's version (pinned in pyproject.toml), so evidence says which table."""
    from importlib import metadata
    return metadata.version(PACKAGE)


@dataclass(frozen=True)
class Place:
    id: int
    name: str
    level: int
    code: str | None
    alias: str | None
    parent: int | None


def _data_file() -> Path:
    spec = importlib.util.find_spec("jionlp")
    if spec is None or not spec.submodule_search_locations:
        raise KgError(E.E010, detail="package 'jionlp' is not installed")
    path = Path(list(spec.submodule_search_locations)[0]) / "dictionary" / "china_location.zip"
    if not path.exists():
        raise KgError(E.E010, detail=str(path))
    return path


class Gazetteer:
    """Tree of places with lookups by name (levels 1-4), by alias (levels 1-3) and by parent.

    Nodes live in flat arrays (700k of them); `Place` records are made on demand.
    """

    def __init__(self, lines: list[str]):
        self.names: list[str] = []
        self.levels = bytearray()
        self.parents = array("i")
        self.codes: dict[int, str] = {}
        self.aliases: dict[int, str] = {}
        self.children: dict[int, list[int]] = {}
        self.by_name: dict[str, list[int]] = {}
        self.by_alias: dict[str, list[int]] = {}
        self._lower_names: dict[str, bool] = {}
        self._parse(lines)
        self._index_subtrees()

    def _parse(self, lines: list[str]) -> None:
        names, levels, parents, children = self.names, self.levels, self.parents, self.children
        stack = [-1] * 7  # level -> current node id
        for line in lines:
            name = line.lstrip("\t")
            level = len(line) - len(name) + 1
            name = name.rstrip()
            if not name:
                continue
            if level >= 4:  # towns and villages: bare names
                parent = stack[level - 1]
                if parent < 0:
                    continue
                pid = len(names)
                names.append(name)
                levels.append(level)
                parents.append(parent)
                children.setdefault(parent, []).append(pid)
                if level == 4:
                    self.by_name.setdefault(name, []).append(pid)
                stack[level] = pid
                stack[5] = stack[5] if level == 5 else -1
                continue
            parts = name.split("\t")
            name = parts[0]
            parent = stack[level - 1] if level > 1 else -1
            if level > 1 and parent < 0:
                continue
            if level == 2 and names[parent] == name:
                stack[2] = parent  # a municipality: its "city" is the province itself
                continue
            pid = len(names)
            names.append(name)
            levels.append(level)
            parents.append(parent)
            if parent >= 0:
                children.setdefault(parent, []).append(pid)
            if len(parts) > 1:
                self.codes[pid] = parts[1]
            self.by_name.setdefault(name, []).append(pid)
            for a in (parts[2] if len(parts) > 2 else "").split("/"):
                if a and a != name:
                    self.aliases[pid] = self.aliases.get(pid) or a
                    self.by_alias.setdefault(a, []).append(pid)
            stack[level] = pid
            for deeper in range(level + 1, 6):
                stack[deeper] = -1

    def _index_subtrees(self) -> None:
        """Ids are given in the file's order, a parent before its children, so each subtree is the
        run of ids from its root to `ends[root]`; `by_name_order` is every id sorted by name (then
        id). Both are flat arrays, kept in the parsed form that the user cache holds."""
        ends = array("i", range(1, len(self.names) + 1))
        parents = self.parents
        for c in range(len(ends) - 1, -1, -1):
            p = parents[c]
            if p >= 0 and ends[c] > ends[p]:
                ends[p] = ends[c]
        self.ends = ends
        self.by_name_order = array("i", sorted(range(len(self.names)), key=self.names.__getitem__))

    # -- lookups ---------------------------------------------------------------
    def get(self, pid: int) -> Place:
        parent = self.parents[pid]
        return Place(pid, self.names[pid], self.levels[pid], self.codes.get(pid), self.aliases.get(pid),
                     None if parent < 0 else parent)

    def name(self, pid: int) -> str:
        return self.names[pid]

    def level(self, pid: int) -> int:
        return self.levels[pid]

    def parent(self, pid: int) -> int | None:
        p = self.parents[pid]
        return None if p < 0 else p

    def ancestors(self, pid: int) -> list[int]:
        out, p = [], self.parents[pid]
        while p >= 0:
            out.append(p)
            p = self.parents[p]
        return out

    def chain(self, pid: int) -> list[Place]:
        """From the province down to this place."""
        return [self.get(i) for i in reversed([pid] + self.ancestors(pid))]

    def descendants(self, pid: int, level: int) -> list[int]:
        out, frontier = [], [pid]
        while frontier:
            nxt = []
            for p in frontier:
                for c in self.children.get(p, ()):
                    (out if self.levels[c] == level else nxt).append(c)
            frontier = nxt
        return out

    def type_of(self, pid: int) -> str:
        """By level; a township-level unit named as a community (some cities' 某某社区 under a
        district) is what its name says, a Community, as the text and the graph's contract call it."""
        level = self.levels[pid]
        if level == 4 and self.names[pid].endswith(("社区", "村")):
            return "Community"
        return LEVEL_TYPE[level]

    def code_of(self, pid: int) -> str | None:
        """Own code, else None (levels 4-5 have none in this data)."""
        return self.codes.get(pid)

    def is_lower_name(self, name: str) -> bool:
        """Whether a town or village/community somewhere in the country has this name (for
        plausibility checks): by bisection in `by_name_order`, remembered per name; a set of all
        such names would cost each process 0.2 s to build."""
        found = self._lower_names.get(name)
        if found is None:
            order, names, levels = self.by_name_order, self.names, self.levels
            i = bisect_left(order, name, key=names.__getitem__)
            while i < len(order) and names[order[i]] == name and levels[order[i]] < 4:
                i += 1
            found = self._lower_names[name] = i < len(order) and names[order[i]] == name
        return found

    def named_below(self, root: int, level: int, name: str) -> list[int]:
        """Places of that name at `level` under `root`, in id order: the ids of that name (a run of
        `by_name_order`), cut to the root's run of ids; by bisection, whatever the subtree's size."""
        order = self.by_name_order
        lo = bisect_left(order, name, key=self.names.__getitem__)
        hi = bisect_right(order, name, lo, key=self.names.__getitem__)
        a = bisect_left(order, root + 1, lo, hi)
        b = bisect_left(order, self.ends[root], a, hi)
        return [d for d in order[a:b] if self.levels[d] == level]

    def nearest_code(self, pid: int) -> str | None:
        for p in [pid] + self.ancestors(pid):
            if p in self.codes:
                return self.codes[p]
        return None


def _parse_file(path: Path) -> Gazetteer:
    with zipfile.ZipFile(path) as z:
        member = next(n for n in z.namelist() if n.endswith(".txt"))
        with z.open(member) as f:
            lines = io.TextIOWrapper(f, encoding="utf-8").readlines()
    return Gazetteer(lines)


def _cache_key(path: Path) -> str:
    """The parsed table depends on the data file and on this module's code."""
    st = path.stat()
    h = hashlib.sha256(f"{path} {st.st_size} {st.st_mtime_ns} {sys.version_info[:2]}".encode())
    h.update(Path(__file__).read_bytes())
    return h.hexdigest()[:16]


@lru_cache(maxsize=1)
def load() -> Gazetteer:
    """The table, parsed once per machine: later processes read the parsed form from the user
    cache (kg/atomic.py disk_cached), about 4x faster than parsing."""
    path = _data_file()
    gaz = atomic.disk_cached("gazetteer", _cache_key(path), lambda: _parse_file(path))
    # read-only for the life of the process: out of the cyclic collector's way (its scans of the
    # table's hundred thousand lists cost extraction a tenth of its time)
    gc.freeze()
    return gaz
