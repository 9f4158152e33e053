"""Does a stem read as the name of a street, community or compound? The tests on a stem and the
text around it that kg/recognise/places.py applies to each suffix it finds: where a name's left
edge is (走进枫林苑 → 枫林苑), whether it is ordinary words (和谐社区建设, 打造同心社区), a slogan
(以企带村) or a name the division data or the text's own structure (an address chain, a pair of
villages) vouches for.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from kg.text import segment
from kg.recognise.gazetteer import Gazetteer
from kg.recognise.lexicon import (COMMUNITY_ACTIVITIES, GENERIC_STEMS, GOAL_VERBS, NEIGHBORHOOD_SUFFIXES,
                                  PLACE_LEFT_CONTEXT, SLOGAN_BEFORE_VILLAGE, TOPONYM_ENDS, UNIT_COMPOUND_SUFFIXES,
                                  UNIT_WORDS, WORK_VERBS)
from kg.recognise.project_base import cut_to_head

# tokens that end the left context of a name: verbs, prepositions, adverbs, pronouns, numbers…
_CUT_FLAGS = ("v", "p", "c", "d", "u", "r", "m", "q", "f", "t", "y", "e", "o", "z", "x", "l", "i")
# a word this frequent in jieba's dictionary is ordinary vocabulary (乡村, 驻村), not a name's end
_COMMON_WORD = 1000
_LONG_GENERIC_STEMS = tuple(g for g in GENERIC_STEMS if len(g) >= 2)


def trim_stem(stem: str) -> str:
    """Cut the left context (走进枫林苑 → 枫林苑): keep what follows the last verb, preposition…"""
    if len(stem) <= 2:
        return stem
    if stem.startswith(PLACE_LEFT_CONTEXT) and len(stem) >= 3 and not segment.freq(stem[:2]):
        stem = stem[1:]  # 驻某某村: jieba may read 驻某 as one word
    toks = segment.tokens(stem)
    best = stem
    for t in toks:
        rest = stem[t.end:]
        if len(rest) < 2:
            break
        if (t.flag.startswith(_CUT_FLAGS) or t.word in _LONG_GENERIC_STEMS) and rest not in NEIGHBORHOOD_SUFFIXES:
            best = rest  # but 幸福花园 keeps 幸福: 花园 alone is no name
    return best


def whole_short_name(c: "Cand") -> bool:
    """A three-character stem standing alone (a headline, a line of its own: 祭某坡社区) is a name,
    even where jieba reads its first character as a verb; a preposition (在, 到) still cuts."""
    return c.bounded and len(c.raw) == 3 and c.raw[0] not in PLACE_LEFT_CONTEXT and c.raw[-1] not in PLACE_LEFT_CONTEXT \
        and not segment.freq(c.raw[:2]) and segment.is_name_like(c.raw) \
        and not ends_ordinary_word(c.type, c.raw, c.suffix)


# the level right above each level in an address chain
_CHAIN_ABOVE = {"Subdistrict": ("District", "City"), "Community": ("Subdistrict",)}


def address_name(c: "Cand") -> bool:
    """The whole stem between a county and a street's suffix (某区运河湾街道, 某区横江湾镇), or a street
    and a community's (某街道青城苑社区), is the place's name, though jieba reads its first character
    as a verb or word of its own; not a verb, adverb or preposition of two characters or more, one
    of the list words, or a generic word."""
    if c.prev_type not in _CHAIN_ABOVE.get(c.type, ()) or not c.bounded or not 2 <= len(c.raw) <= 4:
        return False
    first = segment.tokens(c.raw)[0]
    return not (c.raw[0] in PLACE_LEFT_CONTEXT or c.raw in GENERIC_STEMS or c.raw.startswith(_LONG_GENERIC_STEMS)
                or len(first.word) >= 2 and first.flag.startswith(("v", "p", "d")) and segment.is_common(first.word))


# the levels of a title a village is given (省级示范村, 市级文明村)
_LEVELS = ("国家级", "省级", "市级", "县级", "区级", "星级", "示范")


def second_of_a_pair(text: str, c: "Cand", stem: str, i: int, cands: list["Cand"],
                      stems: list[str | None]) -> bool:
    """甲村与乙村, 甲村、乙村: a short name listed right after an accepted place of its type is a
    place too, though jieba reads its last character as a verb (坡|怀)."""
    toks = segment.tokens(stem) if 2 <= len(stem) <= 4 else []
    if i == 0 or c.type != "Community" or not toks or stem in GENERIC_STEMS or segment.is_common(stem) \
            or stem[0] in PLACE_LEFT_CONTEXT or toks[0].flag.startswith(("v", "p", "r", "d")) \
            or toks[-1].flag.startswith("a") or toks[-1].flag.startswith("v") and len(toks[-1].word) > 1 \
            or stem.startswith(_LEVELS):  # 与市级文明村, 和产业强村, 与易地搬迁村 (but 坡|怀 keeps its verb-read 怀)
        return False
    before, prev_stem = cands[i - 1], stems[i - 1]
    if prev_stem is None or before.type != c.type or before.suffix != c.suffix:
        return False
    joined = text[before.end:c.sfx_start - len(stem)]
    return joined in ("与", "和", "及", "、") and c.sfx_start - len(stem) >= c.start


def ends_ordinary_word(typ: str, stem: str, suffix: str) -> bool:
    """Does 村 close an ordinary word (乡村, 农村) or follow a verb (驻村)? Not a name's own last
    character (仁和村: jieba reads 仁和 as one word)."""
    return typ == "Community" and suffix == "村" and (stem.endswith(PLACE_LEFT_CONTEXT) and not (
        len(segment.tokens(stem)[-1].word) > 1 and segment.tokens(stem)[-1].flag.startswith("n")) or any(
        segment.freq(stem[-k:] + suffix) >= _COMMON_WORD for k in (1, 2) if len(stem) > k))


def generic(stem: str) -> bool:
    if stem in GENERIC_STEMS or not segment.is_name_like(stem):
        return True
    return all(w in GENERIC_STEMS or segment.is_common(w) for w in segment.words(stem))


@dataclass
class Cand:
    type: str
    suffix: str
    start: int  # of the raw stem
    sfx_start: int
    end: int
    raw: str
    bounded: bool  # raw stem was cut by punctuation, line start or another place: a clean name
    prev: int | None  # index of the mention right before it (a chain)
    prev_type: str | None = None  # that mention's type


SLOGAN = re.compile(SLOGAN_BEFORE_VILLAGE)  # 以企带村, 千企联千村: a slogan of pairing; 城管进社区
_COUNT = re.compile(r"[0-9一二三四五六七八九十两几多][个座处家]$")


def counted(text: str, start: int) -> bool:
    """Does the stem at ``start`` follow a count (12个 + 待建小区), its classifier in the stem or not?"""
    return bool(_COUNT.search(text, max(0, start - 2), start) or _COUNT.search(text, max(0, start - 1), start + 1))


def ordinary_lead(lead: str, generic_stem: bool) -> bool:
    """Is ``lead`` ordinary words written before a place's name (来到边境 + 某某镇)? Before a name of
    ordinary words (和平街道) only a verb or word of place can end it (地处 + 和平街道)."""
    words = segment.words(lead)
    if not all(segment.is_common(w) for w in words) or len(words) > 1 and len(lead) < 3:
        return False
    return not generic_stem or segment.tokens(lead)[-1].flag in ("v", "s") or lead.endswith("于")  # 隶属于 (an n to jieba)


def ordinary_community(typ: str, stem: str, after: str) -> bool:
    """A kind of community, not one: a phrase with 的 (全区最美的社区), or ordinary words before an
    activity of communities in general (和谐社区建设, 智慧社区治理). The data has a community of almost
    any ordinary name somewhere, so only a match in the article's own district keeps it."""
    return typ == "Community" and ("的" in stem or stem in WORK_VERBS and bool(cut_to_head(after))
                                   or after[:2] in COMMUNITY_ACTIVITIES and generic(stem))  # 新建村史馆: a work


def aimed_at(typ: str, stem: str, lead: str) -> bool:
    """Ordinary words after a verb of a goal (打造同心社区, 争创文明村): the kind of place aimed at."""
    return typ == "Community" and lead in GOAL_VERBS and generic(stem)


def generic_start(stem: str) -> bool:
    if segment.tag(stem) in segment.PROPER_TAGS and not segment.is_common(stem):
        return False  # 上庄: a place word of the dictionary, though jieba splits it as 上 + 庄
    return stem in GENERIC_STEMS or stem.startswith(_LONG_GENERIC_STEMS) \
        or segment.tokens(stem)[0].flag.startswith(_CUT_FLAGS) and segment.is_common(segment.tokens(stem)[0].word)


def in_data(gaz: Gazetteer, typ: str, stem: str, suffix: str) -> bool:
    """A name that exists somewhere in the country's division data."""
    name = place_name(typ, stem, suffix)
    return typ != "Neighborhood" and (gaz.is_lower_name(name) or gaz.is_lower_name(stem + "村"))


def compound_name(typ: str, stem: str) -> bool:
    """幸福花园小区, 阳光家园小区: a compound whose own name ends in 花园, 家园… is a name, even
    when made of ordinary words."""
    inner = next((x for x in NEIGHBORHOOD_SUFFIXES if x != "小区" and stem.endswith(x)), None)
    if typ != "Neighborhood" or inner is None or len(stem) - len(inner) < 2:
        return False
    return not segment.tokens(stem)[0].flag.startswith(("r", "m", "q", "p", "v", "d", "c", "u"))


def plausible(gaz: Gazetteer, typ: str, stem: str, suffix: str) -> bool:
    """Could this be the name of a real street, community or compound?"""
    if compound_name(typ, stem) or typ == "Neighborhood" and suffix == "苑" and len(stem) == 2 \
            and stem not in GENERIC_STEMS and not generic_start(stem) and not segment.is_common(stem):
        return True  # 桂水苑, 馨和苑: two characters and 苑 name a compound (not 书香苑, a word)
    if suffix in UNIT_COMPOUND_SUFFIXES and stem.endswith(UNIT_WORDS) and len(stem) >= 3:
        return True  # 某砖瓦厂家属区, 县某局宿舍: a compound named after its work unit
    if generic_start(stem):
        return False
    toks = segment.tokens(stem)
    last = toks[-1]
    if _lie_of_the_land(typ, stem, suffix) and len(toks) >= 2 and toks[-2].flag.startswith("n"):
        return True  # 樟树冲村: jieba reads the land-form 冲 after a noun as a verb
    if last.flag.startswith(_CUT_FLAGS) and segment.is_common(last.word):
        return False  # 深入社区, 提供社区: a verb before the suffix
    if ends_ordinary_word(typ, stem, suffix):
        return False  # 促乡村, 工作队驻村: the suffix ends an ordinary word or follows a verb
    return in_data(gaz, typ, stem, suffix) or not generic(stem) or _lie_of_the_land(typ, stem, suffix)


def _lie_of_the_land(typ: str, stem: str, suffix: str) -> bool:
    """石门坳村, 大箐沟村: a village named by its lie of the land, though its words are ordinary (not
    深山坳村: 山坳 is a word)."""
    return typ == "Community" and suffix == "村" and len(stem) >= 3 and stem[-1] in TOPONYM_ENDS \
        and not segment.freq(stem[-2:])


def place_name(typ: str, stem: str, suffix: str) -> str:
    if typ == "Neighborhood":
        return stem if suffix == "小区" else stem + suffix
    return stem + suffix
