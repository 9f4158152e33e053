"""The National Bureau of Statistics' 统计用区划代码 (2023) down to town and village, read from
the compact files shipped in kg/data/divisions/ (derived by scripts/derive_divisions.py).

Read lazily: the index (3,300 lines: provinces, cities, counties) says where each county's
block lies in towns.bin; a county's towns and villages are read, unpacked and parsed the first
time a place in that county is looked up, so a build touches a few of the 2,978 counties, never
the 620,000 villages.
"""
from __future__ import annotations

import json
import zlib
from dataclasses import dataclass
from collections import OrderedDict
from functools import lru_cache
from pathlib import Path

from kg.errors import E, KgError

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "divisions"
# counties whose towns and villages stay parsed in a process (re-reading one costs milliseconds;
# all 2,978 of them, as a corpus from all over the country reaches, would be a few hundred MB)
KEEP_COUNTIES = 200
SCHEME = "NBS2023"  # the codes of 9 and 12 digits; those of 6 are GB/T 2260 from JioNLP
# town-level codes 400-599 are units like a town that are not one (开发区, 农场, 林场)
NON_ADMINISTRATIVE = ("4", "5")


@dataclass(frozen=True)
class Unit:
    """A town/street (9-digit code) or a village/community (12-digit code)."""

    code: str
    name: str

    @property
    def administrative(self) -> bool:
        return self.code[6] not in NON_ADMINISTRATIVE


@dataclass(frozen=True)
class Town(Unit):
    villages: tuple[Unit, ...] = ()


class Divisions:
    """Access to the shipped data: county-level names, and each county's towns on demand."""

    def __init__(self, folder: Path = DATA_DIR):
        self._blocks = folder / "towns.bin"
        self._areas: dict[str, str] = {}
        self._where: dict[str, tuple[int, int]] = {}
        self._towns: OrderedDict[str, tuple[Town, ...]] = OrderedDict()  # the counties read lately
        self._under: dict[str, list[str]] = {}
        try:
            for line in (folder / "index.tsv").read_text(encoding="utf-8").splitlines():
                code, name, offset, length = line.split("\t")
                self._areas[code] = name
                if offset:
                    self._where[code] = (int(offset), int(length))
        except (OSError, ValueError) as exc:
            raise KgError(E.E011, detail=f"{folder / 'index.tsv'}: {exc}") from exc

    def areas(self) -> dict[str, str]:
        """Code -> name of every province (2 digits), city (4) and county (6)."""
        return self._areas

    def counties_under(self, prefix: str) -> list[str]:
        """County codes that start with a province's or city's code."""
        if prefix not in self._under:
            self._under[prefix] = sorted(c for c in self._where if c.startswith(prefix))
        return self._under[prefix]

    def towns(self, county: str) -> tuple[Town, ...]:
        """The towns/streets of a county (6-digit code), each with its villages/communities."""
        towns = self._towns.get(county)
        if towns is None:
            towns = _parse(county, self._read(*self._where[county])) if county in self._where else ()
            self._towns[county] = towns
            if len(self._towns) > KEEP_COUNTIES:
                self._towns.popitem(last=False)  # a corpus from all over the country: memory stays bounded
        else:
            self._towns.move_to_end(county)
        return towns

    def _read(self, offset: int, length: int) -> str:
        try:
            with open(self._blocks, "rb") as f:
                f.seek(offset)
                return zlib.decompress(f.read(length)).decode("utf-8")
        except (OSError, zlib.error) as exc:
            raise KgError(E.E011, detail=f"{self._blocks}: {exc}") from exc


def _parse(county: str, text: str) -> tuple[Town, ...]:
    towns: list[tuple[str, str, list[Unit]]] = []
    for line in text.splitlines():
        if line.startswith("\t"):
            _, code, name = line.split("\t")
            towns[-1][2].append(Unit(towns[-1][0] + code, name))
        else:
            code, name = line.split("\t")
            towns.append((county + code, name, []))
    return tuple(Town(code, name, tuple(vs)) for code, name, vs in towns)


def source() -> dict:
    """The manifest: package, version, checksums, scheme and year of the shipped data."""
    return json.loads((DATA_DIR / "SOURCE.json").read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def load() -> Divisions:
    return Divisions()
