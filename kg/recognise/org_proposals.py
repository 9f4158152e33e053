"""Accept or refuse the organisation names the statistical tagger proposes (kg/recognise/ner.py).

The tagger sees brands and abbreviations that have no type suffix (某某科技, 市政协), but it also
cuts words in two (小|区监委|会), runs a name into the verb after it (某某书店联合), and calls media,
places and a community's own bodies organisations. Each rule below refuses one such family;
what is left must read as a proper name, as the suffix rules require.
"""
from __future__ import annotations

import re

from kg.recognise.lexicon import (BARE_KIND_STEMS, BODY_PEOPLE, INTERNAL_BODY_SUFFIXES,
                                  MEDIA_SUFFIXES, ORG_SUFFIXES, OWN_BODY_STEM_ENDS, RELATIVE_PREFIXES,
                                  UNIT_COMPOUND_HEADS, UNIT_COMPOUND_SUFFIXES)
from kg.recognise.ner import worth_tagging  # noqa: F401 (here for callers; in ner so that it loads light)
from kg.recognise.orgs import OrgMention, kind_of, own_centre, resolve
from kg.records import Mention
from kg.text import segment

_CJK = re.compile(r"[\u4e00-\u9fff]+")
# word classes that do not end a name: a verb, conjunction, preposition, particle, adverb,
# direction or number run into it by the tagger (某某书店联合, 某某支行驻村)
_NOT_NAME_END = {"v", "vd", "vn", "c", "p", "u", "uj", "ul", "uz", "ug", "uv", "d", "f", "m", "mq", "q", "r", "y"}
_NOT_NAME_START = {"p", "c", "u", "uj", "ul", "d", "r", "m", "mq", "q", "v"}
# heads of places and compounds: such a span is a place, left to the place rules
_PLACE_HEADS = ("省", "市", "区", "县", "州", "镇", "乡", "街道", "街", "社区", "村", "组", "小区", "花园", "苑", "家园",
                "园", "城", "里", "路", "巷", "港", "广场", "公园", "景区", "园区", "购物中心")
# heads of things that are not bodies (集体经济, 金融系统, 某某品牌)
_NOT_BODY_HEADS = ("经济", "系统", "品牌", "产业", "行业", "领域", "工程", "项目", "活动", "精神", "文化")
# a village, community or street named inside the span, with more after it
_PLACE_INSIDE = re.compile("(?:村|社区|街道|镇|乡)(?=.)")
_MIN_CHARS = 3
_OWN_PLACES = ("社区", "村", "街道", "镇", "乡")  # places whose committees are their own bodies
# verbs that join two parties (甲联合乙): a span across one is two names at most
_JOINING = ("联合", "携手", "会同", "协同", "联手", "牵手")
_WINDOW = 6


def _boundaries(text: str, a: int, b: int) -> set[int]:
    """Word boundaries (article offsets) around a span, from jieba on a window of its sentence."""
    lo, hi = max(0, a - _WINDOW), min(len(text), b + _WINDOW)
    out = {lo}
    for t in segment.tokens(text[lo:hi]):
        out.add(lo + t.end)
    return out


def _extend(text: str, b: int) -> int:
    """A name the tagger cut before its type suffix (某某公益发展|中心) takes the suffix back."""
    sfx = next((s for s in ORG_SUFFIXES + ("中心",) if text.startswith(s, b)), "")
    return b + len(sfx)


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    toks = segment.tokens(text[a:b])
    for k in range(len(toks) - 2, 0, -1):
        if toks[k].flag == "c" or toks[k].word in _JOINING or toks[k].word in "、，,":
            a += toks[k].end  # 某某社区联合某某公司: the name is what follows the joining word
            toks = segment.tokens(text[a:b])
            break
    while len(toks) > 1 and (toks[-1].flag in _NOT_NAME_END and not text[a:b].endswith(ORG_SUFFIXES)):
        b -= len(toks.pop().word)
    while len(toks) > 1 and toks[0].flag in _NOT_NAME_START:
        a += len(toks.pop(0).word)
    return a, b


def _whole_before(text: str, b: int) -> bool:
    """A name with no type suffix must end where its phrase does: before a verb, a mark, a
    conjunction or its people (某某科技提出…, 某某公益、…, 某某体育负责人), not before a noun it
    only qualifies (新时代基层工作)."""
    nxt = segment.tokens(text[b:b + _WINDOW])
    if not nxt or text.startswith(BODY_PEOPLE, b):
        return True
    return nxt[0].flag[:1] in ("v", "p", "c", "x", "u", "d") or not _CJK.match(nxt[0].word)


def _refused(text: str, name: str, b: int) -> bool:
    if len(name) < _MIN_CHARS or _CJK.fullmatch(name) is None:
        return True
    sfx = next((x for x in ORG_SUFFIXES if name.endswith(x)), "")
    if sfx and len("".join(w for w in segment.words(name[:-len(sfx)]) if w not in BARE_KIND_STEMS)) < 2:
        return True  # 网约车公司, 社区老年大学: a kind of body, no name
    if not sfx and not (_whole_before(text, b) and any(
            len(w) >= 2 and segment.freq(w) < segment.PLACE_WORD_FREQ for w in segment.words(name))):
        return True  # a name with no type suffix needs a rare word (某某科技) and its phrase's end
    if text[b - len(name) - 1:b - len(name)] == "“" and text[b:b + 1] == "”":
        return True  # “时间银行”: a programme named like a body, as in the rules
    if name.endswith(MEDIA_SUFFIXES) or text.startswith(MEDIA_SUFFIXES, b) or name.endswith("报"):
        return True  # 某某日报, 某某网: media are not entities
    if name.endswith(_PLACE_HEADS) or name.endswith(_NOT_BODY_HEADS):
        return True
    body = next((s for s in INTERNAL_BODY_SUFFIXES + ("政府", "办事处", "卫生服务中心") if name.endswith(s)), "")
    if body and (name[:-len(body)].endswith(OWN_BODY_STEM_ENDS) or len(name) - len(body) <= 1
                 or _own_place_body(name[:-len(body)])):
        return True  # 某某社区党委, 居委会, 镇政府: a place's own body
    if own_centre(name) or sfx in ("养老服务中心", "养老中心") and all(
            segment.is_common(w) for w in segment.words(name[:-len(sfx)])):
        return True  # 某社区居家养老服务中心, 居家养老服务中心: a facility, not a body by its name
    if text.startswith(UNIT_COMPOUND_HEADS + UNIT_COMPOUND_SUFFIXES, b):
        return True  # 县某局家属院: the unit is part of the compound's name
    place = _PLACE_INSIDE.search(name)
    if place and not name.endswith(ORG_SUFFIXES):
        return True  # 某某村党群(服务中心): a village's or community's own thing, not a body
    return segment.is_common(name)


def _widened(text: str, o: OrgMention, a: int, b: int) -> OrgMention | None:
    """A rule name the proposal continues to the left (中|林某局集团: the rules cut a word of
    direction off): the proposal's start, when what it adds is short and the whole still passes."""
    m = o.mention
    if b != m.end or not (m.start - 3 <= a < m.start) or o.canonical != m.name or o.scoped:
        return None
    name = text[a:b]
    if _CJK.fullmatch(name) is None or _refused(text, name, b) or a not in _boundaries(text, a, b):
        return None
    return OrgMention(Mention("Organization", name, a, b, name), name, o.kind, False, (o.aliases | {m.name}) - {name})


def accept(text: str, spans: list[tuple[int, int]], found: list[OrgMention], places: list[tuple[int, int]],
           context: dict[int, str]) -> list[OrgMention]:
    """The rules' organisations `found`, with the proposals that pass every rule and overlap no
    organisation or place already found."""
    found = list(found)
    taken = list(places)
    for a, b in spans:
        b = _extend(text, b)
        a, b = _trim(text, a, b)
        k = next((k for k, o in enumerate(found) if o.mention.start < b and a < o.mention.end), None)
        if k is not None:
            old, wider = found[k].mention.start, _widened(text, found[k], a, b)
            if wider is not None and not any(x < old and a < y for x, y in taken):
                found[k] = wider  # what the proposal adds is no place
            continue
        name = text[a:b]
        # a place may begin the name (某市某某农业有限公司), as in the rules' names; no other overlap
        inside = name.endswith(ORG_SUFFIXES) and all(a <= x and y < b for x, y in taken if x < b and a < y)
        if (not inside and any(x < b and a < y for x, y in taken)) or _refused(text, name, b):
            continue
        edges = _boundaries(text, a, b)
        if a not in edges or b not in edges:
            continue  # 小|区监委|会: the tagger cut words
        canonical, scoped = resolve(name, False, context) if name[:1] in RELATIVE_PREFIXES else (name, False)
        found.append(OrgMention(Mention("Organization", name, a, b, name), canonical, kind_of(canonical), scoped,
                                {name} - {canonical}))
    return sorted(found, key=lambda o: o.mention.start)


def _own_place_body(stem: str) -> bool:
    """A committee of a community or village by its task (某村治安保卫委员会, 某社区人民调解委员会):
    the place's own body, as its 居委会 is; the place is a name, the task ordinary words."""
    toks = segment.tokens(stem)
    for i, t in enumerate(toks[:-1]):
        named = not segment.is_common(toks[i - 1].word) if t.word in _OWN_PLACES and i > 0 else \
            t.word not in _OWN_PLACES and not segment.is_common(t.word)  # 青禾|社区, 柳岸村 (not 城市|社区, 乡村)
        place = t.word.endswith(_OWN_PLACES) and named
        if place and all(segment.is_common(x.word) for x in toks[i + 1:]):
            return True
    return False
