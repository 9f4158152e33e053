"""Find input files and decode them (UTF-8 with or without BOM, UTF-16, GB18030/GBK, Big5)."""
from __future__ import annotations

import codecs
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from charset_normalizer import from_bytes

from kg.errors import E, KgError
from kg.records import SourceText

SUFFIXES = (".txt", ".md")


@dataclass(frozen=True)
class Skipped:
    path: str
    reason: str


def find_files(inputs: Iterable[str]) -> tuple[list[Path], list[Skipped]]:
    """Expand files and folders (recursively) into a sorted list of article files."""
    files: set[Path] = set()
    skipped: list[Skipped] = []
    for item in inputs:
        p = Path(item)
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                if f.is_file() and not any(part.startswith(".") for part in f.relative_to(p).parts):
                    if f.suffix.lower() in SUFFIXES:
                        files.add(f)
                    else:
                        skipped.append(Skipped(str(f), f"not a {'/'.join(SUFFIXES)} file"))
        elif p.is_file():
            files.add(p)
        else:
            raise KgError(E.E001, path=item)
    return sorted(files, key=lambda f: (f.name, str(f))), skipped


def _looks_chinese(text: str) -> float:
    if not text:
        return 0.0
    cjk = sum(1 for c in text if "\u4e00" <= c <= "\u9fff")
    bad = text.count("\ufffd") + sum(1 for c in text if "\ue000" <= c <= "\uf8ff")
    return (cjk - 10 * bad) / len(text)


def decode(data: bytes) -> tuple[str, str]:
    """Return (text, encoding). Raises ValueError when nothing fits."""
    for bom, enc in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return data.decode(enc), enc
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    # BOM-less UTF-16: many NUL bytes at odd or even positions
    if len(data) >= 4 and data.count(0) > len(data) // 4:
        for enc in ("utf-16-le", "utf-16-be"):
            try:
                return data.decode(enc), enc
            except UnicodeDecodeError:
                continue
    # Chinese legacy encodings: keep the one that decodes and reads most like Chinese text.
    scored = []
    for enc in ("gb18030", "big5"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        scored.append((_looks_chinese(text), enc, text))
    if not scored:
        best = from_bytes(data).best()
        if best is None:
            raise ValueError("unknown encoding")
        return str(best), best.encoding
    scored.sort(key=lambda t: (-t[0], t[1]))
    return scored[0][2], scored[0][1]


def read(path: Path) -> SourceText:
    try:
        data = path.read_bytes()
    except OSError as e:
        raise KgError(E.E004, path=path, detail=e.strerror or str(e)) from e
    try:
        text, enc = decode(data)
    except (ValueError, UnicodeDecodeError) as e:
        raise KgError(E.E002, path=path, detail=str(e)) from e
    return SourceText(path=os.fspath(path), name=path.name, raw=text, encoding=enc)


def read_all(paths: Iterable[Path]) -> Iterator[SourceText | KgError]:
    for p in paths:
        try:
            yield read(p)
        except KgError as e:
            yield e
