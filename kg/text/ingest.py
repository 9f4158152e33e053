"""Find input files and decode them (UTF-8 with or without BOM, UTF-16, GB18030/GBK, Big5).

An article file is known by its path relative to the input that named it (a folder's files by
their path inside it, a file given by itself by its name), so two files of the same name in
different folders stay two articles. HTML pages are reduced to their main text (kg/text/html.py).
"""
from __future__ import annotations

import codecs
import os
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from charset_normalizer import from_bytes

from kg.errors import E, KgError
from kg.records import SourceText
from kg.text import html

SUFFIXES = (".txt", ".md", ".html", ".htm")
MAX_FILE_BYTES = 20 * 1024 * 1024  # default per-file limit (--max-file-size)
# a UTF-8 or legacy reading where at most this share of the non-ASCII bytes cannot be decoded is
# kept, with them as U+FFFD; above it the bytes are not in that encoding at all (read in the wrong
# one, nearly every non-ASCII byte is undecodable)
MAX_BAD_SHARE = 0.05


@dataclass(frozen=True)
class Skipped:
    path: str
    reason: str


@dataclass(frozen=True)
class InputFile:
    path: Path
    doc: str  # identity of the file's articles: path relative to its input, with /


@dataclass
class Found:
    files: list[InputFile] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    errors: list[KgError] = field(default_factory=list)


def _folder(root: Path) -> list[tuple[tuple[str, ...], str, str]]:
    """The files under ``root`` that are not hidden (nor in a hidden folder), as (path parts under
    ``root``, path, real path), in the order of their parts; folders reached through a symlink
    are not entered (as Path.rglob does). One scandir and one realpath per folder (a file that is
    not a symlink is where its folder is): a Path and a realpath per file took 60 us a file."""
    out: list[tuple[tuple[str, ...], str, str]] = []
    todo: list[tuple[str, tuple[str, ...]]] = [(str(root), ())]
    while todo:
        folder, rel = todo.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError:  # unreadable: as rglob, nothing from it
            continue
        real = os.path.realpath(folder)
        for e in entries:
            if e.name.startswith("."):
                continue
            if e.is_dir(follow_symlinks=False):
                todo.append((e.path, rel + (e.name,)))
            elif e.is_file():  # a symlink to a folder or to nothing, a socket...: not an input
                out.append((rel + (e.name,), e.path, os.path.realpath(e.path) if e.is_symlink()
                            else os.path.join(real, e.name)))
    out.sort()
    return out


def find_files(inputs: Iterable[str], exclude: Path | None = None) -> Found:
    """Expand files and folders (recursively) into article files sorted by identity; a path
    that does not exist is an error of its own and the others are still read. Files under
    ``exclude`` (the output folder, when it lies inside an input) are not inputs."""
    found = Found()
    seen: dict[str, InputFile] = {}
    skip = str(exclude.resolve()) if exclude is not None else None
    for item in inputs:
        p = Path(item)
        if p.is_dir():
            for rel, path, real in _folder(p):
                if skip is not None and (real == skip or real.startswith(skip + os.sep)):
                    continue
                if os.path.splitext(rel[-1])[1].lower() in SUFFIXES:
                    seen.setdefault(real, InputFile(Path(path), "/".join(rel)))
                else:
                    found.skipped.append(Skipped(str(Path(path)), f"not a {'/'.join(SUFFIXES)} file"))
        elif p.is_file():
            seen.setdefault(str(p.resolve()), InputFile(p, p.name))
        else:
            found.errors.append(KgError(E.E001, path=item))
    files = list(seen.values())
    docs = Counter(f.doc for f in files)  # (a list's count() here made 100k files take hours)
    # the same relative path under two inputs: those files are known by the path as given
    files = [f if docs[f.doc] == 1 else InputFile(f.path, Path(os.path.normpath(f.path)).as_posix())
             for f in files]
    found.files = sorted(files, key=lambda f: (f.doc, str(f.path)))
    return found


def _looks_chinese(text: str) -> float:
    if not text:
        return 0.0
    cjk = sum(1 for c in text if "\u4e00" <= c <= "\u9fff")
    bad = text.count("\ufffd") + sum(1 for c in text if "\ue000" <= c <= "\uf8ff")
    return (cjk - 10 * bad) / len(text)


def _lenient(data: bytes, enc: str) -> tuple[str, int]:
    """Decode with undecodable bytes as U+FFFD; returns the text and how many were replaced."""
    text = data.decode(enc, errors="replace")
    return text, text.count("\ufffd") - data.decode(enc, errors="ignore").count("\ufffd")


def _mostly(data: bytes, enc: str) -> tuple[str, int] | None:
    text, bad = _lenient(data, enc)
    return (text, bad) if bad <= _non_ascii(data) * MAX_BAD_SHARE else None


def _non_ascii(data: bytes) -> int:
    return len(data.translate(None, bytes(range(128))))


def decode_counted(data: bytes) -> tuple[str, str, int]:
    """Return (text, encoding, bytes replaced by U+FFFD). Raises ValueError when nothing fits."""
    for bom, enc in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            text, bad = _lenient(data, enc)
            return text, enc, bad
    try:
        return data.decode("utf-8"), "utf-8", 0
    except UnicodeDecodeError:
        pass
    # BOM-less UTF-16: many NUL bytes at odd or even positions
    if len(data) >= 4 and data.count(0) > len(data) // 4:
        for enc in ("utf-16-le", "utf-16-be"):
            try:
                return data.decode(enc), enc, 0
            except UnicodeDecodeError:
                continue
    # UTF-8 with a few broken bytes (before GB18030, which reads UTF-8 bytes as rare characters)
    if (utf8 := _mostly(data, "utf-8")) is not None:
        return utf8[0], "utf-8", utf8[1]
    # Chinese legacy encodings: keep the one that decodes and reads most like Chinese text.
    scored = []
    for enc in ("gb18030", "big5"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        scored.append((_looks_chinese(text), enc, text, 0))
    if not scored:  # no clean reading: legacy encodings with a few broken bytes
        scored = [(_looks_chinese(r[0]), enc, r[0], r[1]) for enc in ("gb18030", "big5")
                  if (r := _mostly(data, enc)) is not None]
    if not scored:
        best = from_bytes(data).best()
        if best is None:
            raise ValueError("unknown encoding")
        return str(best), best.encoding, 0
    scored.sort(key=lambda t: (-t[0], t[1]))
    return scored[0][2], scored[0][1], scored[0][3]


def decode(data: bytes) -> tuple[str, str]:
    """Return (text, encoding). Raises ValueError when nothing fits."""
    text, enc, _bad = decode_counted(data)
    return text, enc


def read(path: Path, doc: str | None = None, max_bytes: int | None = MAX_FILE_BYTES) -> SourceText:
    """Read and decode one file; an HTML page (by suffix or content) gives its main text."""
    try:
        size = path.stat().st_size
        if max_bytes is not None and size > max_bytes:
            raise KgError(E.E062, path=path, size=_mb(size), limit=_mb(max_bytes))
        data = path.read_bytes()
    except OSError as e:
        raise KgError(E.E004, path=path, detail=e.strerror or str(e)) from e
    try:
        text, enc, bad = decode_counted(data)
    except (ValueError, UnicodeDecodeError) as e:
        raise KgError(E.E002, path=path, detail=str(e)) from e
    if path.suffix.lower() in (".html", ".htm") or html.looks_like_html(text):
        text = html.main_text(text)
        if not text.strip():
            raise KgError(E.E063, path=path)
    return SourceText(path=os.fspath(path), name=doc or path.name, raw=text, encoding=enc, replaced=bad)


def _mb(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB" if n >= 1024 * 1024 else f"{n} bytes"


def read_all(files: Iterable[InputFile], max_bytes: int | None = MAX_FILE_BYTES) -> Iterator[SourceText | KgError]:
    for f in files:
        try:
            yield read(f.path, f.doc, max_bytes)
        except KgError as e:
            yield e
