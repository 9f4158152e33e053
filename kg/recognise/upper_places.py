"""Province, city and county names, matched against the division table (GB/T 2260 codes).

Full names always; short names (成都 for 成都市) only where the context allows. A name shared by
several places is linked only when the article's other places single one out.
"""
from __future__ import annotations

import re
from functools import lru_cache

from kg.text import segment
from kg.recognise.gazetteer import Gazetteer
from kg.recognise.lexicon import EVENT_SUFFIXES, MEDIA_SUFFIXES
from kg.records import Mention

# a short name followed by one of these is part of a longer name (成都路, 西宁湖…), not the place
_NAME_PART_AFTER = ("街道", "镇", "乡", "村", "社区", "小区", "路", "街", "大道", "桥", "湖", "江", "河", "山")


_LIST_WORDS = ("和", "与", "及")


@lru_cache(maxsize=1)
def _upper_index(gaz_id: int, gaz: Gazetteer) -> dict[str, list[tuple[str, str]]]:
    """first two characters -> [(name, kind)] longest first; kind is 'full', 'alias' or 'former'."""
    names: dict[str, str] = {}
    for n, ids in gaz.by_name.items():
        if any(gaz.level(i) <= 3 for i in ids):
            names[n] = "full"
    for a, ids in gaz.by_alias.items():
        if len(a) >= 2 and a not in names:
            names[a] = "alias"
        for i in ids:  # 义乌 (县级市) was 义乌县: the old suffix still appears in the news
            if gaz.level(i) == 3 and gaz.name(i).endswith("市") and a + "县" not in names:
                names[a + "县"] = "former"
    index: dict[str, list[tuple[str, str]]] = {}
    for n, kind in names.items():
        if len(n) >= 2:
            index.setdefault(n[:2], []).append((n, kind))
    for v in index.values():
        v.sort(key=lambda t: -len(t[0]))
    return index


@lru_cache(maxsize=1)
def _upper_starts(gaz_id: int, gaz: Gazetteer) -> re.Pattern:
    """Where a name of the index may start: a first character of one followed by a second
    character of one, so that the scan below skips the rest of the text in C."""
    index = _upper_index(gaz_id, gaz)
    firsts, seconds = ("".join(sorted({k[n] for k in index})) for n in (0, 1))
    return re.compile(f"[{re.escape(firsts)}](?=[{re.escape(seconds)}])")


def _candidates(gaz: Gazetteer, name: str, kind: str) -> list[int]:
    if kind == "full":
        return [i for i in gaz.by_name.get(name, []) if gaz.level(i) <= 3]
    if kind == "former":
        return [i for i in gaz.by_alias.get(name[:-1], []) if gaz.level(i) == 3]
    return list(gaz.by_alias.get(name, []))


def _match_upper(text: str, gaz: Gazetteer) -> list[tuple[int, int, str, str]]:
    index, starts = _upper_index(id(gaz), gaz), _upper_starts(id(gaz), gaz)
    out, at = [], starts.search(text)
    while at:
        i, hit = at.start(), None
        for name, kind in index.get(text[i:i + 2], ()):
            if text.startswith(name, i):
                hit = (i, i + len(name), name, kind)
                break
        if hit:
            out.append(hit)
        at = starts.search(text, hit[1] if hit else i + 1)
    return out


def _resolve(gaz: Gazetteer, cands: list[int], context: set[int], prev: int | None, kind: str):
    """Pick the candidate the article's other places point to; None when they do not."""
    if len(cands) == 1:
        return cands[0], "unique name"
    if kind != "full":  # a short name means the highest-level place that carries it (成都 → 成都市)
        chained = [c for c in cands if prev is not None and prev in gaz.ancestors(c)]
        if len(chained) == 1:
            return chained[0], "parent in text"
        top = min(gaz.level(c) for c in cands)
        cands = [c for c in cands if gaz.level(c) == top]
        if len(cands) == 1:
            return cands[0], "short name of the higher-level place"
    scored = []
    for c in cands:
        anc = set(gaz.ancestors(c))
        score = len(anc & context) + (3 if prev is not None and prev in anc else 0)
        scored.append((score, c))
    best = max(s for s, _ in scored)
    top = [c for s, c in scored if s == best]
    if best > 0 and len(top) == 1:
        return top[0], "parent in text" if prev is not None and prev in gaz.ancestors(top[0]) else "article context"
    return None, "ambiguous name"


def recognise_upper(text: str, gaz: Gazetteer) -> list[Mention]:
    return list(_recognise_upper(text, gaz))


@lru_cache(maxsize=4)
def _recognise_upper(text: str, gaz: Gazetteer) -> tuple[Mention, ...]:
    """Found once per article, though extraction and the place recogniser both ask."""
    raw = _match_upper(text, gaz)
    # a name inside an event's name (淮海战役) is not a mention, but still tells where the
    # article is; one that only names a medium (四川卫视, 绵阳日报) is neither
    events = [r for r in raw if text.startswith(EVENT_SUFFIXES, r[1])]
    raw = [r for r in raw if not text.startswith(MEDIA_SUFFIXES + EVENT_SUFFIXES, r[1])]
    # a short name that begins a street or road name (青山街道, 龙泉镇, 韶山路) is not the place
    raw = [r for r in raw if r[3] == "full" or not text.startswith(_NAME_PART_AFTER, r[1])]
    # a name that starts inside a word of the sentence (适应|城市 holds no 应城市) is not there
    raw = [r for k, r in enumerate(raw) if not _starts_inside_a_word(text, r[0], r[1])
           or k > 0 and raw[k - 1][1] == r[0]]
    # a name that starts with a list word after a noun (县交通局|和县林业局) is that word and a 县
    raw = [r for k, r in enumerate(raw) if not _joins_a_list(text, r[0], r[2])
           or k > 0 and raw[k - 1][1] == r[0]]
    # a full name that is also an ordinary word (城区, 郊区) counts only in a chain
    raw = [r for r in raw if not (r[3] == "full" and len(r[2]) == 2 and segment.is_common(r[2]))]
    sure = set()
    for s, e, name, kind in raw + events:
        cands = _candidates(gaz, name, kind)
        if kind == "full" and len(cands) == 1:
            sure.add(cands[0])
            sure.update(gaz.ancestors(cands[0]))
        elif kind == "alias" and all(gaz.level(c) <= 2 for c in cands) and len(cands) == 1:
            sure.add(cands[0])
            sure.update(gaz.ancestors(cands[0]))
    out: list[Mention] = []
    for s, e, name, kind in raw:
        cands = _candidates(gaz, name, kind)
        if kind != "full":
            # a county's short name counts only where its city or province is in the article,
            # and never when it is an ordinary word
            cands = [c for c in cands if gaz.level(c) <= 2 or set(gaz.ancestors(c)) & sure]
            if not cands or (all(gaz.level(c) == 3 for c in cands) and segment.freq(name) >= 500):
                continue
        prev = out[-1].place_id if out and out[-1].end == s else None
        pid, why = _resolve(gaz, cands, sure, prev, kind)
        if pid is None:
            level = min(gaz.level(c) for c in cands)
            typ = {1: "Province", 2: "City", 3: "District"}[level]
            out.append(Mention(typ, name, s, e, name, link_reason=why))
            continue
        sure.add(pid)
        sure.update(gaz.ancestors(pid))
        out.append(Mention(gaz.type_of(pid), gaz.name(pid), s, e, name, code=gaz.code_of(pid),
                           place_id=pid, link_reason=why))
    return tuple(out)


def _joins_a_list(text: str, start: int, name: str) -> bool:
    """Is the 和 of 和县 the list word after a noun (交通局和县林业局, 党员和县干部)? After a verb or a
    preposition (来到和县), or at the start, it is the county."""
    if not name.startswith(_LIST_WORDS) or start == 0 or not "\u4e00" <= text[start - 1] <= "\u9fff":
        return False
    before = segment.tokens(text[max(0, start - 4):start])
    return bool(before) and before[-1].flag.startswith("n")


def _starts_inside_a_word(text: str, start: int, end: int) -> bool:
    """Does jieba, reading the few characters around, put no word boundary at `start`?"""
    if start == 0 or not "\u4e00" <= text[start - 1] <= "\u9fff":
        return False
    a = max(0, start - 4)
    cuts = {a + t.start for t in segment.tokens(text[a:end])}
    return start not in cuts
