"""Recognise administrative places and compounds in an article, and link them to the
division data.

Province, city and county names come from upper_places.py; streets, communities and
compounds are found here by their suffix, with the name's left edge found from the text
itself (the tests on each stem are in place_stems.py). A same-name place is linked only when the
article's other places single it out; otherwise it stays unlinked, never guessed.
"""
from __future__ import annotations

import re

from kg.text import segment
from kg.recognise.gazetteer import Gazetteer
from kg.recognise.lexicon import (AFTER_SUFFIX_BLOCK, COMMUNITY_SUFFIXES, GENERIC_STEMS, NEIGHBORHOOD_SUFFIXES,
                                  PLACE_LEFT_CONTEXT, RELATIVE_PREFIXES, SUBDISTRICT_SUFFIXES,
                                  UNIT_COMPOUND_SUFFIXES, UNIT_WORDS)
from kg.recognise.place_links import PlaceMentions, chains, former_names, gaz_lookup, link_lower
from kg.recognise.place_stems import (SLOGAN, Cand, address_name, aimed_at, counted, ends_ordinary_word, generic,
                                      generic_start, in_data,
                                      ordinary_community, ordinary_lead, place_name, plausible, second_of_a_pair,
                                      trim_stem, whole_short_name)
from kg.records import Mention
from kg.recognise.upper_places import recognise_upper

_CJK = re.compile(r"[\u4e00-\u9fff]")
_LOWER_SUFFIX = sorted(
    [(s, "Subdistrict") for s in SUBDISTRICT_SUFFIXES] + [(s, "Community") for s in COMMUNITY_SUFFIXES]
    + [(s, "Neighborhood") for s in NEIGHBORHOOD_SUFFIXES], key=lambda t: -len(t[0]))
_LOWER_RE = re.compile("|".join(re.escape(s) for s, _ in _LOWER_SUFFIX))
_LOWER_TYPE = {s: t for s, t in reversed(_LOWER_SUFFIX)}  # the first of _LOWER_SUFFIX wins
_COMPOUND_THEN_COMMUNITY = tuple(n + c for n in NEIGHBORHOOD_SUFFIXES for c in COMMUNITY_SUFFIXES)
# (a compound named after a place's own unit too: 某某老社区宿舍 is a compound, not the community)
_ANY_PLACE_SUFFIX = ("社区", "小区", "村", "街道", "镇", "乡", "居委", "居民区") + UNIT_COMPOUND_SUFFIXES
_MAX_STEM = {"Subdistrict": 6, "Community": 6, "Neighborhood": 9}
_INSIDE_COMPOUND = re.compile(r"[\u4e00-\u9fff]{1,4}小区")
# a new area of national level is a District (四川天府新区); it follows a province or city
_NEW_AREA = re.compile(r"[\u4e00-\u9fff]{2}新区")
# the longest stretch an organisation's name may run before a place inside it
_MAX_ORG = 40
# suffixes a place is often written without inside a longer name (某某门街道 → 某某门)
_SHORTENED_SUFFIXES = ("街道", "社区", "镇", "乡", "区", "县", "市")


# ---- streets, communities and compounds by suffix --------------------------------------------
def _is_cjk(ch: str) -> bool:
    return bool(_CJK.match(ch))


def _lower_candidates(text: str, blocked: list[tuple[int, int]], upper: list[Mention]) -> list[Cand]:
    """Every suffix occurrence with the text before it, cut at punctuation, at a place
    already found and at any earlier suffix (so 桥头街道桂花社区 gives 桥头 and 桂花)."""
    ends = {m.end: ("u", k) for k, m in enumerate(upper)}
    spans = sorted(blocked)
    # positions inside a span, and strictly inside one, as arrays: each check costs O(1), so the
    # whole pass stays linear in the article's length
    covered, inner = bytearray(len(text) + 1), bytearray(len(text) + 1)
    for a, b in spans:
        covered[a:b] = b"\x01" * (b - a)
        inner[a + 1:b] = b"\x01" * max(0, b - a - 1)
    span_ends = {b for _, b in spans}
    out: list[Cand] = []
    for m in _LOWER_RE.finditer(text):
        sfx, s = m.group(0), m.start()
        typ = _LOWER_TYPE[sfx]
        nxt = text[m.end():m.end() + 1]
        if nxt and nxt in AFTER_SUFFIX_BLOCK.get(sfx, ""):
            continue
        if _suffix_follows(text, m.end()) or typ == "Community" \
                and text.startswith(_COMPOUND_THEN_COMMUNITY, m.end()):
            continue  # 东风新村社区, 景园社区, 丽景家园小区, 石村花园社区: the first suffix is part of the name
        if typ == "Neighborhood" and sfx != "小区" and _INSIDE_COMPOUND.match(text, m.end()):
            continue  # 某苑某某小区: the first suffix is inside the compound's name
        if covered[s]:
            continue
        j, limit = s, s - _MAX_STEM[typ]
        prev, bounded = None, False
        while j > limit:
            if j in ends:
                bounded, prev = True, ends[j]
                break
            if j == 0 or not _is_cjk(text[j - 1]) or j in span_ends:
                bounded = True
                break
            j -= 1
        if inner[j]:
            continue
        ends[m.end()] = ("c", len(out))
        prev_type = None if prev is None else (upper if prev[0] == "u" else out)[prev[1]].type
        if prev_type in ("Community", "Neighborhood") and text[j] in "内里" and s - j >= 3:
            j += 1  # 某社区内某某苑, 某小区里: inside the place before, not part of the name
        out.append(Cand(typ, sfx, j, s, m.end(), text[j:s], bounded, prev, prev_type))
    return out


def _suffix_follows(text: str, k: int) -> bool:
    """Does another place's suffix follow at k (东风新村社区)? Not one that starts an ordinary word
    of the place itself (某某村村部, 某某村村民) or its committee (某某社区居委会)."""
    sfx = next((x for x in _ANY_PLACE_SUFFIX if text.startswith(x, k)), None)
    if sfx == "居委" and text[k - 2:k] == "社区":
        return False  # 某某社区居委会: the community and its committee, named by the community
    nxt = text[k + len(sfx):k + len(sfx) + 1] if sfx else ""
    return sfx is not None and not (nxt and nxt in AFTER_SUFFIX_BLOCK.get(sfx, ""))


# a quoted title closes right after the name (荣获“某省和谐社区”等称号): an honour, not the place
_TITLE = re.compile(r"”(?:等)?(?:[\u4e00-\u9fff]{0,4})?(?:称号|荣誉|荣誉称号)")
def recognise(text: str, gaz: Gazetteer, blocked: list[tuple[int, int]] | None = None) -> PlaceMentions:
    """All place mentions of an article; `blocked` are spans already taken (organisations)."""
    starts = {}
    for a, b in blocked or []:
        starts[a] = max(b, starts.get(a, b))
    upper = [m for m in recognise_upper(text, gaz) if not _inside(m, starts)]
    upper += _new_areas(text, upper)
    upper.sort(key=lambda m: m.start)
    spans = [(m.start, m.end) for m in upper] + list(blocked or [])
    cands = _lower_candidates(text, spans, upper)
    # a name is clean where the text bounds it; elsewhere take the shortest clean name that fits
    def trim(c: Cand) -> str:
        if in_data(gaz, c.type, c.raw, c.suffix) or whole_short_name(c) or address_name(c):
            return c.raw
        if c.suffix in UNIT_COMPOUND_SUFFIXES:  # 在某某生资公司宿舍区: a unit's name, verbs and all
            unit = re.split(r"[的是了]", c.raw)[-1]  # 历史悠久的某某集团住宅区
            unit = unit[1:] if unit.startswith(PLACE_LEFT_CONTEXT) else unit
            if unit.endswith(UNIT_WORDS) and len(unit) >= 3 and not generic(unit):
                return unit
        for k in range(1, len(c.raw) - 1):  # 来到边境某某镇: ordinary words before a name the data knows
            if in_data(gaz, c.type, c.raw[k:], c.suffix) and ordinary_lead(c.raw[:k], generic(c.raw[k:])):
                return c.raw[k:]
        return trim_stem(c.raw)

    clean = {(c.type, trim(c)) for c in cands if c.bounded and len(c.raw) >= 2}
    accepted: dict[tuple[str, str], bool] = {}
    stems: list[str | None] = []
    linked_ctx = sorted({m.place_id for m in upper if m.place_id is not None and m.type in ("District", "City")})
    for i, c in enumerate(cands):
        stem = next((c.raw[k:] for k in range(len(c.raw) - 2, -1, -1) if (c.type, c.raw[k:]) in clean), None)
        from_clean = stem is not None
        stem = stem or trim(c)
        key = (c.type, stem)
        if len(stem) < 2:
            ok = False
        elif key in accepted:
            ok = accepted[key]
        else:
            prev_ok = c.prev is not None and (c.prev[0] == "u" or stems[c.prev[1]] is not None)
            chained = prev_ok and c.raw == stem and c.bounded and (address_name(c) or not generic_start(stem) or (
                gaz.is_lower_name(place_name(c.type, stem, c.suffix)) if stem in GENERIC_STEMS
                else in_data(gaz, c.type, stem, c.suffix))) \
                and not ends_ordinary_word(c.type, stem, c.suffix)  # 某区居民社区; 某镇扎实推进农村(人居环境)
            linked = c.type != "Neighborhood" and gaz_lookup(gaz, place_name(c.type, stem, c.suffix), None, linked_ctx)
            if chained or linked or stem == c.raw and whole_short_name(c) \
                    or second_of_a_pair(text, c, stem, i, cands, stems):
                ok = True
            elif not (from_clean or c.bounded or stem != c.raw) and not in_data(gaz, c.type, stem, c.suffix):
                ok = False  # a long run of text with no edge: only a name the data knows
            else:
                ok = plausible(gaz, c.type, stem, c.suffix) or c.type == "Neighborhood" and c.bounded \
                    and text.count(stem + c.suffix) >= 2 and not generic_start(stem) and not generic(stem)
                # 某某制冷小区 written again and again: a compound named after a firm, though its
                # name ends in a word jieba reads as a verb
            if ok and counted(text, c.sfx_start - len(stem)):
                ok = False  # 12个待建小区, 5个老旧小区: a counted kind of compound, not one by name
            if ok and c.type == "Community" and SLOGAN.search(c.raw):
                ok = False  # 以企带村, 千企联千村: a slogan of pairing, not a village
            start = c.sfx_start - len(stem)
            if ok and not linked and (ordinary_community(c.type, stem, text[c.end:c.end + 5])
                                      or aimed_at(c.type, stem, text[max(0, start - 3):start].removesuffix("“")[-2:])):
                ok = False  # 最美的社区; 推进和谐社区建设: a kind of community, not one
            accepted[key] = ok
        stems.append(stem if ok else None)
    mentions = list(upper)
    shorts = _short_names([m.name for m in upper] + [place_name(c.type, st, c.suffix) for c, st in zip(cands, stems)
                                                     if st is not None and c.type != "Neighborhood"])
    compound_in: dict[str, str] = {}
    for c, stem in zip(cands, stems):
        if stem is None:
            continue
        if c.type == "Neighborhood":
            stem, cut = _without_place_prefix(stem, shorts, c.raw)
            community = next((shorts[x] for x in reversed(cut) if shorts[x].endswith(COMMUNITY_SUFFIXES)), None)
            if community:
                compound_in[place_name(c.type, stem, c.suffix)] = community  # 某社区的简称 + 庭园名
        s = c.sfx_start - len(stem)
        mentions.append(Mention(c.type, place_name(c.type, stem, c.suffix), s, c.end, text[s:c.end]))
    mentions += _listed_compounds(text, mentions, spans)
    mentions.sort(key=lambda m: (m.start, -m.end))
    mentions = [m for m in _dedupe(mentions) if not (m.type == "Community" and (_TITLE.match(text, m.end)
                                                                              or _quoted_kind(text, m)))]
    result = PlaceMentions(mentions, compound_in=compound_in)
    chains(text, result)
    link_lower(gaz, result)
    former_names(text, result)
    return result


# a list of names closed by a count of compounds or a class of them (甲苑、乙家园两个小区; 甲小区、乙宿舍区等
# 老旧小区): each item is a compound, whatever its last word
_COMPOUND_LIST = re.compile(r"((?:[\u4e00-\u9fff]{2,9}?、){1,6}[\u4e00-\u9fff]{2,9}?)"
                            r"(?:等)?(?:[0-9两二三四五六七八九十几多]+个)?(?:老旧|老)?小区")


_LIST_REACH = 6 * 12  # characters back from 小区 where a list of names may start


def _listed_compounds(text: str, found: list[Mention], spans: list[tuple[int, int]]) -> list[Mention]:
    """金桔园、江畔人家两个小区: the items of a list the text calls compounds, each a name of its own
    (not generic words, no verb); those the suffix rules found already are kept as they are."""
    out = []
    taken = {(m.start, m.end) for m in found} | set(spans)
    for k in (m.start() for m in re.finditer("小区", text)):
        lo = max(0, k - _LIST_REACH)
        if "、" not in text[lo:k]:
            continue  # no list before this 小区 (the cheap test first: the pattern backtracks)
        m = _COMPOUND_LIST.search(text, lo, k + 2)
        if m is None or m.end() != k + 2:
            continue
        items, pos = [], m.start(1)
        for part in m.group(1).split("、"):
            items.append((part, pos))
            pos += len(part) + 1
        first, at = items[0]
        after_place = max((y for x, y in taken if at <= y < at + len(first)), default=at)  # 某街道 + 甲园
        name = trim_stem(first[after_place - at:])
        items[0] = (name, at + len(first) - len(name))
        if any(len(w) < 2 or w.startswith(tuple(GENERIC_STEMS)) or segment.is_common(w)
               or segment.tokens(w)[0].flag.startswith(("v", "p", "r", "m", "d"))
               or segment.tokens(w)[-1].flag.startswith(("v", "a")) for w, _ in items):
            continue  # 商品房、房改房等小区; 房屋漏水、管道堵塞等老旧小区常见问题: kinds and problems
        for w, a in items:
            if not any(x < a + len(w) and a < y for x, y in taken):  # found by its suffix already
                out.append(Mention("Neighborhood", w, a, a + len(w), w))
    return out


def _quoted_kind(text: str, m: Mention) -> bool:
    """远近闻名的“产业兴旺村”, 被评为“文明村”: a quoted name after 的/为/成/是 is what the place became
    or was called, not a place."""
    q = text.rfind("“", max(0, m.start - 6), m.start + 1)
    return text[m.end:m.end + 1] == "”" and q > 0 and "”" not in text[q:m.start] and text[q - 1] in "的为成是"


def _short_names(names: list[str]) -> dict[str, str]:
    """Places of the article written without their suffix (某某门 for 某某门街道) -> full name,
    longest first."""
    out = {n[:-len(sfx)]: n for n in names for sfx in _SHORTENED_SUFFIXES
           if n.endswith(sfx) and len(n) - len(sfx) >= 2}
    return dict(sorted(out.items(), key=lambda kv: -len(kv[0])))


def _without_place_prefix(stem: str, shorts: dict[str, str], raw: str) -> tuple[str, list[str]]:
    """某街某社区某某庭园: a compound's name starts after the short names of the places before it
    (returned with the short names cut); a unit's relative prefix (县, 市) stays with the unit."""
    cuts = []
    while True:
        cut = next((p for p in shorts if stem.startswith(p) and len(stem) - len(p) >= 2
                    and not stem[len(p):].endswith(UNIT_WORDS)), None)  # 某都集团住宅区 keeps 某都
        if cut is None:
            break
        cuts.append(cut)
        stem = stem[len(cut):]
    k = raw.rfind(stem)
    if k > 0 and raw[k - 1] in RELATIVE_PREFIXES and stem.endswith(UNIT_WORDS):
        stem = raw[k - 1] + stem
    return stem, cuts


def _inside(m: Mention, spans: dict[int, int]) -> bool:
    """Inside a span (given as start -> end): looked up at the few starts an organisation's name
    can have before the place, not by scanning every span."""
    return any(spans.get(a, -1) >= m.end for a in range(max(0, m.start - _MAX_ORG), m.start + 1))


def _dedupe(ms: list[Mention]) -> list[Mention]:
    out: list[Mention] = []
    for m in ms:
        if out and m.start < out[-1].end:
            continue
        out.append(m)
    return out


def _new_areas(text: str, upper: list[Mention]) -> list[Mention]:
    """四川天府新区: a new area written right after a province or city is a District."""
    ends = {m.end: m for m in upper if m.type in ("Province", "City")}
    found = {}
    for m in _NEW_AREA.finditer(text):
        if m.start() in ends and not any(u.start <= m.start() < u.end for u in upper):
            found[m.group(0)] = m.group(0)
    out = []
    for name in found:
        for m in re.finditer(re.escape(name), text):
            if not any(u.start < m.end() and m.start() < u.end for u in upper):
                out.append(Mention("District", name, m.start(), m.end(), name, link_reason="not in the division data"))
    return out
