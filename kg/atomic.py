"""Write files so that readers see the old version or the new one, never half of one.

A build's outputs (graph.ttl, graph.html, store/) are swapped as one: they are written into a
new generation folder ``DIR/gen-N``, and one rename of the symlink ``DIR/current`` makes them
current together. ``DIR/graph.ttl``, ``DIR/graph.html`` and ``DIR/store`` are fixed symlinks
through ``current``, so readers keep opening the same paths. A kill at any moment leaves the old
generation or the new one; what it leaves behind is removed by the next build.
"""
from __future__ import annotations

import ctypes
import fcntl
import os
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

CURRENT = "current"
_GEN = re.compile(r"gen-(\d+)")
# what an interrupted build leaves: unfinished generations, temp links, files and folders
_STALE = re.compile(r"\.(gen-\d+|(current|store|graph\.ttl|graph\.html)\..+)")
_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def write_bytes(path: str | os.PathLike, data: bytes) -> None:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_text(path: str | os.PathLike, text: str) -> None:
    write_bytes(path, text.encode("utf-8"))


def replace_dir(path: str | os.PathLike, build) -> None:
    """Build a directory in a temporary sibling with ``build(tmp_dir)``, then swap it in."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{path.name}.", dir=path.parent))
    try:
        build(tmp)
        old = path.with_name(f".{path.name}.old")
        if old.exists():
            shutil.rmtree(old)
        if path.exists():
            os.replace(path, old)
        os.replace(tmp, path)
        shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def pause_point(name: str) -> None:
    """Test hook: with KG_TEST_PAUSE=name, say so on stderr and wait to be killed."""
    if os.environ.get("KG_TEST_PAUSE") == name:
        print(f"paused at {name}", file=sys.stderr, flush=True)
        time.sleep(600)


class OutputLock:
    """One build at a time per output folder (flock: released by the kernel if the build dies)."""

    def __init__(self, out: Path):
        out.mkdir(parents=True, exist_ok=True)
        self._fd = os.open(out / ".lock", os.O_RDWR | os.O_CREAT, 0o644)

    def acquire(self) -> bool:
        try:
            fcntl.flock(self._fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(self._fd)
            return False
        return True

    def release(self) -> None:
        os.close(self._fd)


def current_generation(out: str | os.PathLike) -> Path | None:
    """The folder the current outputs of ``out`` live in (None before the first build)."""
    link = Path(out) / CURRENT
    if not link.is_symlink():
        return None
    return Path(out) / os.readlink(link)


def _gen_number(name: str) -> int | None:
    m = _GEN.fullmatch(name)
    return int(m.group(1)) if m else None


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _exchange(a: Path, b: Path) -> None:
    """Swap two directory entries in one step (Linux renameat2); elsewhere two renames."""
    libc = ctypes.CDLL(None, use_errno=True)
    fn = getattr(libc, "renameat2", None)
    if fn is not None and fn(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return
    side = a.with_name(a.name + ".x")
    os.replace(b, side)
    os.replace(a, b)
    os.replace(side, a)


def _symlink_over(target: str, path: Path) -> None:
    """Make ``path`` a symlink to ``target`` in one step, whatever ``path`` is now."""
    tmp = path.with_name(f".{path.name}.link")
    if tmp.is_symlink() or tmp.exists():
        _remove(tmp)
    os.symlink(target, tmp)
    if path.is_dir() and not path.is_symlink():
        _exchange(tmp, path)
        _remove(tmp)
    else:
        os.replace(tmp, path)


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)


class Generations:
    """The output folder ``out`` as numbered generations; see the module docstring."""

    def __init__(self, out: str | os.PathLike, names: tuple[str, ...]):
        self.out = Path(out)
        self.names = names  # the outputs, e.g. ("graph.ttl", "graph.html", "store")

    def clean(self) -> list[str]:
        """Remove what killed builds left: unfinished generations, temp files and folders,
        generations older than the current one and the one before it."""
        cur = current_generation(self.out)
        keep = set()
        if cur is not None:
            now = _gen_number(cur.name)
            older = sorted(n for p in self.out.iterdir() if (n := _gen_number(p.name)) is not None
                           and now is not None and n < now)
            keep = {cur.name, *(f"gen-{n}" for n in older[-1:])}
        removed = []
        for p in self.out.iterdir():
            if _STALE.fullmatch(p.name) or (_gen_number(p.name) is not None and p.name not in keep):
                _remove(p)
                removed.append(p.name)
        return sorted(removed)

    def _adopt_legacy(self) -> None:
        """Outputs of an older kg (plain files, no ``current``) become generation 0, by hard
        links, so that switching to symlinks never shows a mix or a gap."""
        if current_generation(self.out) is not None:
            return
        found = [n for n in self.names if (self.out / n).exists() and not (self.out / n).is_symlink()]
        if not found:
            return
        tmp = self.out / ".gen-0"
        _remove(tmp)
        tmp.mkdir()
        for n in found:
            src = self.out / n
            if src.is_dir():
                shutil.copytree(src, tmp / n, copy_function=os.link)
            else:
                os.link(src, tmp / n)
        os.replace(tmp, self.out / "gen-0")
        _symlink_over("gen-0", self.out / CURRENT)
        _fsync_dir(self.out)

    def new(self) -> Path:
        """A fresh, hidden folder to write the next generation into."""
        self.out.mkdir(parents=True, exist_ok=True)
        self.clean()
        self._adopt_legacy()
        nums = [_gen_number(p.name) for p in self.out.iterdir()]
        n = max([x for x in nums if x is not None], default=0) + 1
        path = self.out / f".gen-{n}"
        path.mkdir()
        return path

    def commit(self, tmp: Path) -> Path:
        """Make the generation written in ``tmp`` (from ``new``) current, in one rename."""
        for f in tmp.rglob("*"):
            if f.is_file():
                with open(f, "rb") as fh:
                    os.fsync(fh.fileno())
        final = self.out / tmp.name.lstrip(".")
        os.replace(tmp, final)
        pause_point("generation-written")
        for n in self.names:  # fixed links through `current`; they still show the old generation
            link = self.out / n
            if not (link.is_symlink() and os.readlink(link) == f"{CURRENT}/{n}"):
                _symlink_over(f"{CURRENT}/{n}", link)
                pause_point(f"linked-{n}")
        _fsync_dir(self.out)
        pause_point("before-flip")
        _symlink_over(final.name, self.out / CURRENT)
        _fsync_dir(self.out)
        pause_point("after-flip")
        self.clean()
        return final


def user_cache_dir() -> Path:
    """Where derived, re-creatable data is kept between runs ($KG_CACHE_DIR, else the XDG cache)."""
    if os.environ.get("KG_CACHE_DIR"):
        return Path(os.environ["KG_CACHE_DIR"])
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "shequ-kg"


def disk_cached(name: str, key: str, make):
    """``make()``'s result, kept pickled in the user cache under ``name`` and ``key`` (a hash of
    whatever the result depends on: package versions, data files, the code that makes it).
    Reading a big pickle is several times faster than parsing the source again; a missing,
    damaged or unwritable cache only costs the time of ``make``."""
    import gc
    import pickle

    folder = user_cache_dir()
    path = folder / f"{name}-{key}.pickle"
    gc_was = gc.isenabled()
    gc.disable()  # millions of small objects: the collector would run for nothing while they load
    try:
        with open(path, "rb") as f:
            return pickle.load(f)
    except Exception:
        pass
    finally:
        if gc_was:
            gc.enable()
    value = make()
    try:
        write_bytes(path, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
        for old in folder.glob(f"{name}-*.pickle"):
            if old != path:
                old.unlink(missing_ok=True)
    except OSError:
        pass
    return value
