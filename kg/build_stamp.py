""""Nothing changed": a build whose inputs, code and options are those of the build that wrote
the current output keeps that output instead of writing the same bytes again.

The stamp (DIR/.kg-cache/last-build.json) names the generation it describes and a fingerprint:
a hash of every article (as the extraction cache keys them), of the whole kg package's code
and of the versions of the packages that shape the output. A build killed before it records
its stamp leaves the old one, which then names a generation that is no longer current.
"""
from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from pathlib import Path

from kg import atomic
from kg.build_cache import CACHE_DIR, extractor_version, hash_files, key_of, package_versions

_STAMP = "last-build.json"
_OUTPUT_PACKAGES = ("rdflib", "pyoxigraph", "networkx")


@lru_cache(maxsize=1)
def code_version() -> str:
    kg = Path(__file__).resolve().parent
    h = hashlib.sha256(f"{package_versions()}\0{package_versions(_OUTPUT_PACKAGES)}".encode())
    hash_files(h, sorted(f for f in kg.rglob("*") if f.is_file() and "__pycache__" not in f.parts), kg)
    return h.hexdigest()[:16]


def fingerprint(articles, html: bool) -> str:
    version = extractor_version()
    h = hashlib.sha256(f"{code_version()} html={html}".encode())
    for a in articles:
        h.update(key_of(a, version).encode())
    return h.hexdigest()


def up_to_date(out: Path, html: bool, fp: str) -> dict | None:
    """The stamp of the current output when it was built from the same articles, else None."""
    try:
        stamp = json.loads((out / CACHE_DIR / _STAMP).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    cur = atomic.current_generation(out)
    names = ("graph.ttl", "store") + (("graph.html",) if html else ())
    if cur is None or cur.name != stamp.get("generation") or not all((cur / n).exists() for n in names):
        return None
    return stamp if stamp.get("fingerprint") == fp else None


def record_build(out: Path, generation: Path, fp: str, report) -> None:
    stamp = {"fingerprint": fp, "generation": generation.name,
             "report": {"entities": dict(report.entities), "relations": dict(report.relations),
                        "triples": report.triples}}
    atomic.write_text(out / CACHE_DIR / _STAMP, json.dumps(stamp, ensure_ascii=False, sort_keys=True))
