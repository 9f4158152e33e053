"""Give an article's streets/towns their 9-digit and communities/villages their 12-digit
statistical code (NBS 2023), when the article's places single out one candidate.

The search area of a place is, in order: the street written right before a community (its
chain in the text); the county (or the city) above it in the text; the county of its entry in
JioNLP's table; else the counties the article names (or its cities' counties). A name matches
by the rules of names.py, strict before loose; a level with two matches stops the search (no
guess), and town-level units coded 4xx/5xx (开发区, 农场) match only by their exact name.
A place that gets no code keeps the reason in `CodeLink.reason`.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from kg.recognise import codes
from kg.recognise.gazetteer import Gazetteer
from kg.recognise.names import town_keys, village_keys
from kg.records import Mention

# reasons, in English in the graph (shequ:linkReason), translated on the page (kg/page/view.py)
IN_STREET = "NBS code: the one match under its street"
IN_DISTRICT = "NBS code: the one match in its district"
IN_CITY = "NBS code: the one match in its city"
IN_ARTICLE_STREETS = "NBS code: the one match under the article's streets"
IN_ARTICLE_DISTRICTS = "NBS code: the one match in the article's districts"
IN_NAMESAKES = "NBS code: the one match in the districts of that name"
SHORT_FORM = "NBS code: the one short or long form of its name under its street"
NO_DISTRICT = "no NBS code: its district is not known"
NO_MATCH = "no NBS code: no place of that name in its district"
SEVERAL = "no NBS code: several places of that name in its district"
NOT_UNDER_STREET = "no NBS code: not under its street in the data"
STREET_UNCODED = "no NBS code: its street has none"
NON_ADMIN = "no NBS code: only a non-administrative unit (development zone, farm) has that name"
DISAGREE = "no NBS code: mentions of that name point to different places"


@dataclass(frozen=True)
class CodeLink:
    code: str | None
    reason: str


@dataclass(frozen=True)
class _Scope:
    counties: tuple[str, ...]
    how: str  # the reason given on success


@lru_cache(maxsize=1 << 16)
def _tk(name: str) -> tuple[str, ...]:
    return town_keys(name)


@lru_cache(maxsize=1 << 16)
def _vk(name: str) -> tuple[str, ...]:
    return village_keys(name)


def _pick(name: str, units, keys, strict_only=lambda u: False) -> tuple[codes.Unit | None, str]:
    """The one unit matching at the strictest level with any match; else why not."""
    want = keys(name)
    # every key begins with the name's first two characters (stems are two or more): a cheap filter
    units = [u for u in units if u.name[:2] == want[-1][:2]]
    for level, key in enumerate(want):
        hits = {u.code: u for u in units if keys(u.name)[level] == key and (level == 0 or not strict_only(u))}
        if len(hits) == 1:
            return next(iter(hits.values())), ""
        if hits:
            return None, SEVERAL
    if any(not u.administrative and u.name.startswith(want[-1]) for u in units if isinstance(u, codes.Town)):
        return None, NON_ADMIN
    return None, NO_MATCH


def _short_form(name: str, villages) -> codes.Unit | None:
    """甲乙坡社区 for 甲乙社区: the one village under the street whose stem begins the other's."""
    stem = _vk(name)[-1]
    hits = [v for v in villages if min(len(_vk(v.name)[-1]), len(stem)) >= 2
            and (stem.startswith(_vk(v.name)[-1]) or _vk(v.name)[-1].startswith(stem))]
    return hits[0] if len(hits) == 1 else None


def _non_admin(u: codes.Unit) -> bool:
    return not u.administrative


class _Linker:
    def __init__(self, ms: list[Mention], parent_of: dict[int, int], gaz: Gazetteer, data: codes.Divisions):
        self.ms, self.parent_of, self.gaz, self.data = ms, parent_of, gaz, data
        self.article_scope = self._article_scope()

    def _counties_of(self, pid: int) -> tuple[tuple[str, ...], str] | None:
        """Counties of a linked province-to-county place (or of the county above a town)."""
        while self.gaz.level(pid) > 3:
            pid = self.gaz.parent(pid)
        code = self.gaz.code_of(pid)
        level = self.gaz.level(pid)
        if code is None or level == 1:
            return None
        if level == 2:
            return tuple(self.data.counties_under(code[:4])), IN_CITY
        if not self.data.towns(code):  # recoded since JioNLP's table (新津县 → 新津区)
            county = self.gaz.name(pid)
            same = [c for c in self.data.counties_under(code[:4]) if self.data.areas()[c][:-1] == county[:-1]]
            code = same[0] if len(same) == 1 else code
        return (code,), IN_DISTRICT

    def _namesakes(self, m: Mention) -> _Scope | None:
        """A county name the text leaves ambiguous (长安区): every county of that name."""
        if m.type != "District" or m.place_id is not None:
            return None
        found = sorted({self.gaz.code_of(i) for i in self.gaz.by_name.get(m.name, ())
                        if self.gaz.level(i) == 3 and self.gaz.code_of(i)})
        return _Scope(tuple(found), IN_NAMESAKES) if found else None

    def _article_scope(self) -> _Scope | None:
        for level in (3, 2):  # the article's counties, else its cities' counties, else namesakes
            found: dict[str, None] = {}
            how = ""
            for m in self.ms:
                if m.place_id is not None and self.gaz.level(m.place_id) == level:
                    got = self._counties_of(m.place_id)
                    if got:
                        found.update(dict.fromkeys(got[0]))
                        how = got[1]
            if found:
                return _Scope(tuple(sorted(found)), how if len(found) == 1 or level == 2 else IN_ARTICLE_DISTRICTS)
        namesakes = [s for s in map(self._namesakes, self.ms) if s is not None]
        return _Scope(tuple(sorted({c for s in namesakes for c in s.counties})), IN_NAMESAKES) if namesakes else None

    def scope(self, k: int) -> _Scope | None:
        m = self.ms[k]
        if m.place_id is not None and self.gaz.level(m.place_id) >= 4:
            got = self._counties_of(m.place_id)
            if got:
                return _Scope(*got)
        p = self.parent_of.get(k)
        while p is not None:  # the nearest linked place above it in the text
            pid = self.ms[p].place_id
            if pid is not None and self.gaz.level(pid) <= 3:
                got = self._counties_of(pid)
                return _Scope(*got) if got else None
            if self._namesakes(self.ms[p]):
                return self._namesakes(self.ms[p])
            p = self.parent_of.get(p)
        return self.article_scope

    def towns(self, scope: _Scope) -> list[codes.Town]:
        return [t for c in scope.counties for t in self.data.towns(c)]

    def street(self, k: int) -> CodeLink:
        scope = self.scope(k)
        if scope is None:
            return CodeLink(None, NO_DISTRICT)
        unit, why = _pick(self.ms[k].name, self.towns(scope), _tk, _non_admin)
        return CodeLink(unit.code, scope.how) if unit else CodeLink(None, why)

    def community(self, k: int, streets: dict[int, CodeLink]) -> CodeLink:
        m = self.ms[k]
        p = self.parent_of.get(k)
        if p is not None and self.ms[p].type == "Subdistrict":  # its street, written before it
            code = streets[p].code
            if code is None:
                return CodeLink(None, STREET_UNCODED)
            town = next(t for t in self.data.towns(code[:6]) if t.code == code)
            unit, why = _pick(m.name, town.villages, _vk)
            if unit is None and why == NO_MATCH:
                unit, why = _short_form(m.name, town.villages), NOT_UNDER_STREET
                return CodeLink(unit.code, SHORT_FORM) if unit else CodeLink(None, why)
            return CodeLink(unit.code, IN_STREET) if unit else CodeLink(None, why)
        scope = self.scope(k)
        if scope is None:
            return CodeLink(None, NO_DISTRICT)
        towns = self.towns(scope)
        if m.place_id is not None and self.gaz.level(m.place_id) == 5:  # JioNLP knows its town
            town, _ = _pick(self.gaz.name(self.gaz.parent(m.place_id)), towns, _tk, _non_admin)
            towns = [town] if town else towns
        else:  # the streets the article names, then the whole area
            named = {c.code for c in streets.values() if c.code and c.code[:6] in scope.counties}
            unit, _ = _pick(m.name, [v for t in towns if t.code in named for v in t.villages], _vk)
            if unit:
                return CodeLink(unit.code, IN_ARTICLE_STREETS)
        unit, why = _pick(m.name, [v for t in towns for v in t.villages], _vk)
        return CodeLink(unit.code, scope.how) if unit else CodeLink(None, why)


def link(ms: list[Mention], parent_of: dict[int, int], gaz: Gazetteer,
         data: codes.Divisions | None = None) -> dict[int, CodeLink]:
    """Mention index -> its code (or why none) for every street and community mention."""
    linker = _Linker(ms, parent_of, gaz, data or codes.load())
    streets = {k: linker.street(k) for k, m in enumerate(ms) if m.type == "Subdistrict"}
    found = dict(streets)
    for k, m in enumerate(ms):
        if m.type == "Community":
            found[k] = linker.community(k, streets)
    # one code per name in an article: mentions that point to different places get none
    by_name: dict[tuple[str, str], set[str]] = {}
    for k, c in found.items():
        if c.code:
            by_name.setdefault((ms[k].type, ms[k].name), set()).add(c.code)
    for k, c in found.items():
        got = by_name.get((ms[k].type, ms[k].name), set())
        if len(got) > 1:
            found[k] = CodeLink(None, DISAGREE)
        elif got and c.code is None:
            found[k] = next(found[j] for j in found if found[j].code in got)
    return found


def node_codes(ms: list[Mention], found: dict[int, CodeLink], gaz: Gazetteer,
               data: codes.Divisions | None = None) -> dict[int, str]:
    """JioNLP node -> NBS code, for the coded mentions linked to that table, and for the town
    above a coded village when the two tables name that town alike."""
    data = data or codes.load()
    out = {ms[k].place_id: c.code for k, c in found.items() if c.code and ms[k].place_id is not None}
    for pid, code in list(out.items()):
        parent = gaz.parent(pid)
        if len(code) == 12 and parent is not None and gaz.level(parent) == 4 and parent not in out:
            town = next((t for t in data.towns(code[:6]) if t.code == code[:9]), None)
            if town is not None and _tk(town.name)[1] == _tk(gaz.name(parent))[1]:
                out[parent] = town.code
    return out
