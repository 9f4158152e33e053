"""Recognise named organisations: government bodies, party organisations, enterprises,
public institutions and social organisations.

A name ends in a type suffix (局, 集团, 医院, 协会…) and must carry a proper part: a place
(某县人民法院), a relative place prefix resolved from the article (市卫健委 → 岳阳市卫健委) or
a brand that is not ordinary vocabulary (华宇集团). Bare kinds (物业公司, 交通部门), media and
bodies inside a street or community without a name of their own (社区党委) are left out.
"""
from __future__ import annotations

import bisect
import re
from collections import Counter
from functools import lru_cache
from dataclasses import dataclass, field

from kg.text import segment
from kg.recognise.lexicon import (BARE_KIND_STEMS, BRANCH_SUFFIXES, GENERIC_STEMS, INTERNAL_BODY_SUFFIXES,
                                  MEDIA_SUFFIXES, OFFICIAL_ABBREVIATIONS, ORG_SUFFIXES, OWN_BODY_STEM_ENDS,
                                  RELATIVE_PREFIXES, ROLE_NOUNS, SENDER_CUES, UNIT_COMPOUND_HEADS, UNIT_PARTY_SUFFIXES)
from kg.records import Mention

_SENDER_RE = re.compile("|".join(SENDER_CUES))
_COMPOUND_AFTER = re.compile("(?:老|职工|监委)?(?:" + "|".join(UNIT_COMPOUND_HEADS) + ")")
_PLACE_ENDS = ("村", "镇", "乡", "社区", "街道", "县", "市", "区", "省", "州", "组", "队")
_SUFFIX_RE = re.compile("|".join(re.escape(s) for s in ORG_SUFFIXES + ("部",)))
_MAX_STEM = 14
# tags of words that end the left context of a name (verbs, prepositions, pronouns, numbers…)
_CUT_FLAGS = {"v", "vd", "p", "c", "d", "u", "uj", "ul", "uz", "ug", "uv", "r", "rr", "rz", "m", "mq", "q", "f",
              "t", "y", "e", "o", "x", "l", "i"}
# after a place name only these still cut (衡阳高速交警 keeps 高速)
_CUT_AFTER_PLACE = {"v", "p", "c", "u", "uj", "ul", "uz"}
# characters before a suffix that make it part of an ordinary word (布局, 大厅, 全部…)
_BEFORE_BLOCK = {"局": "布格结当大开出赌骗全时棋饭残", "厅": "大客餐展门舞", "部": "全内外局干东西南北中上下后前头胸腹背俱",
                 "委": "主编常", "院": "庭医法学", "办": "举承创开主协兴督代合包停试帮操申买置首",
                 "分行": "车"}
_AFTER_BLOCK = {"局": "面势限长部", "委": "屈婉托员会", "部": "分署长门", "厅": "长", "院": "长子落", "公司": "化",
                "分会": "场", "办": "法理公事学好完成了得不起"}
# suffixes that end a name only after a place or a 市/区/县 prefix (省民政厅, 县委)
_NEEDS_PLACE = ("厅", "委", "部", "办", "办公室", "大队", "支队", "总队", "交警", "指挥部", "派出所",
                # a county's institutions; a community's library is its facility (某社区图书馆)
                "图书馆", "文化馆", "博物馆", "纪念馆", "科技馆", "青少年宫", "少年宫", "文化宫",
                "养老服务中心", "养老中心")  # a community's own centre is its facility (某社区居家养老服务中心)
# a community's or street's own care centre (某社区居家养老服务中心, 某街道日间养老服务中心)
_OWN_CENTRE = re.compile(r"(?:社区|村|街道|镇|乡)[\u4e00-\u9fff]{0,4}养老(?:服务)?中心$")
_KIND = [
    ("PartyOrganization", ("党工委", "党总支", "党支部", "党委", "纪委", "组织部", "宣传部", "统战部")),
    ("GovernmentBody", ("人民政府", "政府", "人民法院", "法院", "检察院", "委员会", "部门", "局", "厅", "委", "部",
                        "办公室", "办", "指挥部", "大队", "支队", "总队", "交警", "派出所", "政协", "人大",
                        "人大常委会")),
    ("Enterprise", ("集团", "有限公司", "分公司", "公司", "银行", "支行", "分行", "物业", "科技", "实业", "置业",
                    "药业", "控股", "传媒")),
    ("SocialOrganization", ("协会", "商会", "联合会", "基金会", "促进会", "合作社", "服务社", "事务所",
                            "社会工作服务中心", "发展中心", "交流中心") + OFFICIAL_ABBREVIATIONS),
]
_COMPANY_FORMS = ("有限公司", "公司")
# a unit named again by its kind before its own party body (市场党支部, 公司党委): no name of its own
_BARE_UNITS = ("市场", "公司", "企业", "集团", "银行", "医院", "学校", "单位", "机关")
# outside units whose party body is the unit itself (not 委, 党委: bodies of a place)
_UNIT_FORMS = tuple(x for x in ORG_SUFFIXES if not x.endswith(("委", "委员会", "政府", "党总支", "党支部")))
# trade words that end a firm's brand (某某药业, 某某置业)
_TRADES = ("药业", "医药", "实业", "置业", "地产", "科技", "控股", "传媒", "食品", "电器", "物业")
_ENTERPRISE = ("集团", "有限公司", "分公司", "公司", "物业")
_GOV_FOR_RELATIVE = ("局", "委", "政府", "部", "指挥部", "党委", "党工委", "组织部", "宣传部", "统战部", "公司",
                     "法院", "检察院", "委员会", "办公室", "大队", "医院", "厅", "办", "协会", "联合会", "书店", "集团",
                     "大学", "学校", "中学", "小学", "保健院", "图书馆", "文化馆", "博物馆", "纪念馆", "科技馆", "青少年宫",
                     "少年宫", "文化宫") + OFFICIAL_ABBREVIATIONS


@lru_cache(maxsize=8192)
def _tokens(text: str) -> tuple[segment.Token, ...]:
    """jieba's tokens of a short stem; stems recur (each suffix is looked at from several rules)."""
    return tuple(segment.tokens(text))


def kind_of(name: str) -> str:
    for kind, sfx in _KIND:
        if name.endswith(sfx):
            return kind
    return "PublicInstitution"


@dataclass
class OrgMention:
    mention: Mention
    canonical: str  # full name with a relative prefix resolved (岳阳市卫健委)
    kind: str
    scoped: bool  # True when the name could not be made absolute: its identity stays with the article
    aliases: set[str] = field(default_factory=set)


def _trim(stem: str, places: list[tuple[int, int]]) -> str:
    """Cut the left context: keep what follows the last verb, preposition, …"""
    best = stem
    first_place = min((a for a, _ in places), default=len(stem))
    toks = _tokens(stem)
    for i, t in enumerate(toks):
        flags = _CUT_AFTER_PLACE if t.start >= first_place else _CUT_FLAGS
        outside_places = not any(a < t.end and t.start < b for a, b in places)
        if outside_places and (t.flag in flags and segment.is_common(t.word) and t.word not in RELATIVE_PREFIXES
                               and not _names_trade(toks, i, places)
                               or t.word in ROLE_NOUNS and len(stem) - t.end >= 2):  # 共建单位 + the name
            best = stem[t.end:]
        elif len(t.word) == 2 and t.word[0] in "和与及" and t.word[1] in RELATIVE_PREFIXES \
                and not any(a <= t.start < b for a, b in places):
            best = stem[t.start + 1:]  # 党员和县财政局: jieba reads 和县 as the county
    # 组织协调江西省燃气集团: ordinary words before a place name are context, not name
    off = len(stem) - len(best)
    for a, _b in sorted(places):
        if off < a < len(stem):
            lead = stem[off:a]  # an abbreviated body (某促会) before the place is part of the name
            if not segment.is_name_like(lead) and not any(t.flag == "j" for t in _tokens(lead)) \
                    and not any(off <= x < a for x, _ in places):
                return stem[a:]
            break
    return best


def _body_then_place(stem: str, start: int, span_starts: set[int]) -> bool:
    """A body's short name before the place it serves (民盟 + 某省 + 委, 农工党 + 某市委员会): the place
    still makes the name proper."""
    first = _tokens(stem)[0] if stem else None
    return first is not None and first.flag == "nt" and start + first.end in span_starts


def _names_trade(toks: list, i: int, places: list[tuple[int, int]]) -> bool:
    """Is token i, right before the suffix, the body's line of work though jieba reads it as a
    verb or pronoun: one character (区规建局), or after a 市/区/县 prefix or a place
    (县统计局, 某市统计局)?"""
    if i != len(toks) - 1 or i == 0 or toks[i - 1].flag == "x":
        return False
    return len(toks[i].word) == 1 or toks[i - 1].word in RELATIVE_PREFIXES or any(
        b == toks[i].start for _a, b in places)


def _known_name(raw: str, sfx: str, stem: str) -> str:
    """Keep whole a name jieba knows as an organisation (国家林业局) that the trim cut into."""
    cut = len(raw) - len(stem)
    k = next((k for k in range(cut) if segment.tag(raw[k:] + sfx) == "nt"), None)
    if k is None:
        return stem
    before = _tokens(raw[:k])
    return raw[k:] if not before or before[-1].flag in _CUT_FLAGS else stem


def _official(raw: str, places: list[tuple[int, int]], stem: str) -> str:
    """An office named by its task after a place or 市/区/县 prefix at the start of a clause keeps
    its ordinary words (县危房改造指挥部, 某区交通和物流系统党委): the whole window when it
    holds only content words and 和/与/及."""
    toks = _tokens(raw)
    opens = toks[0].word in RELATIVE_PREFIXES or any(a == 0 for a, _b in places)
    content = all(t.flag[:1] in "nvaj" or t.word in ("和", "与", "及") for t in toks[1:])
    return raw if opens and content and len(toks) >= 2 else stem


def _joined_office(raw: str, places: list[tuple[int, int]], stem: str) -> str:
    """An office named by two tasks joined by 和 (请来县自然资源和规划局, 区住房和城乡建设局): the name
    runs back over the 和 to its 市/区/县 prefix or place, through content words only."""
    toks = _tokens(raw)
    cut = len(raw) - len(stem)
    k = next((i for i, t in enumerate(toks) if t.end == cut), None)
    if k is None or toks[k].word not in ("和", "与"):
        return stem
    for t in reversed(toks[:k]):
        if t.word in RELATIVE_PREFIXES or any(a == t.start for a, _b in places):
            return raw[t.start:]
        if t.flag[:1] not in "nvjl" or t.word in RELATIVE_PREFIXES:
            break
    return stem


def _relative_tail(stem: str) -> str:
    """The part of a stem from a 市/区/县/省 written as a word of its own after a common noun
    (单位县水务 → 县水务), or glued by jieba to the word after it (单位县人社 → 县人社), or ''."""
    toks = _tokens(stem)
    for i, t in enumerate(toks[1:-1], 1):
        prefix = t.word in RELATIVE_PREFIXES or t.word[0] in RELATIVE_PREFIXES and not segment.is_common(t.word)
        if prefix and toks[i - 1].flag.startswith("n") and segment.is_common(toks[i - 1].word):
            return stem[t.start:]
    return ""


_ORDINAL_BRANCH = re.compile(rf"第[一二三四五六七八九十\d]+(?:{'|'.join(BRANCH_SUFFIXES)})")  # 第二分局
# a numbered company of the body before it (某铁九局 + 二公司): one unit of that body
_NUMBERED_COMPANY = re.compile(r"[一二三四五六七八九十\d]{1,2}(?:工程)?(?:分)?公司")


def _continues(rest: str, suffix: str, whole: bool, at_place: bool) -> bool:
    """Does ``rest``, written right after an organisation's name, continue that name? A branch
    (玉林支行, or a bare 分局), a unit named by its place (某科学院 + 某省某研究所) or a company
    form after a short business word (管理有限公司)."""
    if at_place and whole:
        return True
    if _NUMBERED_COMPANY.fullmatch(rest):
        return True
    if rest.endswith(BRANCH_SUFFIXES):
        return whole or rest in BRANCH_SUFFIXES or bool(_ORDINAL_BRANCH.fullmatch(rest))
    return suffix in _COMPANY_FORMS and whole and len(rest) - len(suffix) <= 6


def _proper(stem: str, suffix: str, has_place: bool, repeated: bool) -> bool:
    """Does the name carry a proper part (not only a kind of business)?"""
    if has_place or len(stem) >= 2 and segment.tag(stem + suffix) == "nt":
        return True  # 某市某局; 某某银行 known to the dictionary as an organisation
    if stem[:1] in RELATIVE_PREFIXES and suffix.endswith(_GOV_FOR_RELATIVE):
        return True
    if suffix in _NEEDS_PLACE:
        return suffix == "部" and segment.tag(stem + suffix) == "nt"  # 财政部: a ministry
    if stem[:1] in "一二三四五六七八九十两几每各该这那某":
        return False
    if repeated and suffix in _ENTERPRISE and stem not in BARE_KIND_STEMS \
            and all(segment.freq(w) < segment.PLACE_WORD_FREQ for w in segment.words(stem)):
        return True  # 金桥物业 written again and again: one specific firm
    rest = [w for w in segment.words(stem) if w not in BARE_KIND_STEMS]
    return any(len(w) >= 2 and not segment.is_common(w) for w in rest) \
        or sum(len(w) == 1 and not segment.is_common(w) for w in rest) >= 2  # 鑫榆物业: two rare characters


def recognise(text: str, places: list[Mention], context: dict[int, str]) -> list[OrgMention]:
    """`places` are province/city/county mentions; `context` maps a level (1-3) to the article's
    main place of that level, used to resolve 市/区/县 prefixes."""
    spans = sorted((m.start, m.end) for m in places)
    span_starts = {a for a, _ in spans}
    found: list[OrgMention] = []
    taken_until = -1
    count = lru_cache(maxsize=None)(text.count)  # a stem is counted once per article, however often met
    for m in _SUFFIX_RE.finditer(text):
        sfx, s, e = m.group(0), m.start(), m.end()
        if s < taken_until:
            continue
        nxt = _SUFFIX_RE.match(text, e)  # a longer suffix follows (…委员会), unless it starts a word (委员)
        longer = nxt is not None and not text.startswith(UNIT_PARTY_SUFFIXES, e) \
            and text[nxt.end():nxt.end() + 1] not in _AFTER_BLOCK.get(nxt.group(0), "")
        if longer or text[e:e + 1] in _AFTER_BLOCK.get(sfx, "") or text[s - 1:s] in _BEFORE_BLOCK.get(sfx, ""):
            continue
        j = s
        while j > 0 and j > taken_until and s - j < _MAX_STEM and ("\u4e00" <= text[j - 1] <= "\u9fff"):
            j -= 1
        if j == taken_until and text[j:j + 1] in "和与及或同跟并":
            j += 1  # 岳阳康宁医院和明目眼科医院
        local = [(a - j, b - j) for a, b in spans[bisect.bisect_left(spans, (j,)):bisect.bisect_left(spans, (s + 1,))]
                 if b <= s]
        stem = _known_name(text[j:s], sfx, _trim(text[j:s], local))
        if len(stem) < s - j and (j == 0 or j == taken_until or not "\u4e00" <= text[j - 1] <= "\u9fff"):
            stem = _official(text[j:s], local, stem)
        stem = _joined_office(text[j:s], local, stem)
        branch = found and found[-1].mention.end == j == taken_until \
            and _continues(text[j:e], sfx, len(stem) == s - j, any(a == j for a, _b in spans))
        if branch:
            j = found.pop().mention.start  # 某某银行 + 玉林支行, 某某物业 + 管理有限公司: one body
            stem = text[j:s]
        start = s - len(stem)
        name = stem + sfx
        if not stem:
            continue
        if text.startswith(MEDIA_SUFFIXES, e) or name.endswith(MEDIA_SUFFIXES):
            continue
        if sfx in INTERNAL_BODY_SUFFIXES or sfx.endswith(("委", "政府")):
            if not stem or stem.endswith(OWN_BODY_STEM_ENDS) or stem in ("小区", "两") or stem in _BARE_UNITS:
                continue  # 社区党委, 街道党工委, 乡政府, 市场党支部: no name of their own
        if text[start - 1:start] == "“" and text[e:e + 1] == "”":
            continue  # “时间银行”, “爱心超市”: a programme named like a body, not a body
        if own_centre(name):
            continue  # 某社区居家养老服务中心: the community's own facility, a project
        if _COMPOUND_AFTER.match(text, e):
            continue  # 某公司宿舍区, 某局老家属院: a compound named after the unit
        has_place = start in span_starts or _body_then_place(stem, start, span_starts)
        if sfx in ("农贸市场", "养老服务中心", "养老中心") and not has_place and all(
                w in GENERIC_STEMS or segment.is_common(w) for w in segment.words(stem)):
            continue  # 改造老旧农贸市场: a kind of market, the work's object
        if sfx == "部门" and not has_place:
            continue  # 交通部门, 市、区教育部门: a kind of office, not one body
        # a branch is proper by the body it continues (县公安局 + 城东派出所); else the name may start at
        # its 县 after a role word (帮扶单位县人社局), or have no proper part at all
        tail = "" if has_place or branch else _relative_tail(stem)
        if tail and _proper(tail, sfx, False, False):
            start, name, stem = s - len(tail), tail + sfx, tail
        elif not branch and not _proper(stem, sfx, has_place, len(stem) >= 2 and count(stem) > 1):
            continue
        mention = Mention("Organization", name, start, e, name)
        canonical, scoped = resolve(name, has_place, context)
        own = next((p for p in UNIT_PARTY_SUFFIXES if name.endswith(p)), "")
        if own and name[:-len(own)].endswith(_UNIT_FORMS):
            canonical = canonical[:-len(own)]  # 某区审计局机关党支部: found whole, named by its unit
        party = next((p for p in UNIT_PARTY_SUFFIXES if text.startswith(p, e)), "")
        if party and sfx not in INTERNAL_BODY_SUFFIXES:
            mention = Mention("Organization", name + party, start, e + len(party), name + party)
            e += len(party)  # 某某集团党委: the unit's own party body, one organisation with it
        found.append(OrgMention(mention, canonical, kind_of(canonical), scoped, {mention.name} - {canonical}))
        taken_until = e
    return _merge(text, found + _senders(text, found, spans))


def own_centre(name: str) -> bool:
    """Is this a community's or street's own care centre, a facility and not a body?"""
    return bool(_OWN_CENTRE.search(name))


def resolve(name: str, has_place: bool, context: dict[int, str]) -> tuple[str, bool]:
    """(canonical name, scoped): 市卫健委 in an article about 岳阳市 is 岳阳市卫健委; with no such
    place in the article the name stays the article's own (scoped)."""
    if name[:1] in RELATIVE_PREFIXES and not has_place:
        where = context.get(RELATIVE_PREFIXES[name[0]])
        if where and where.endswith(name[0]):
            return where + name[1:], False
        return name, True
    return name, False


def _senders(text: str, found: list[OrgMention], spans: list[tuple[int, int]]) -> list[OrgMention]:
    """Units named only by the work team or cadres they send (某某电建扶贫工作组, 某某电建帮扶干部):
    the words right before the cue, when they read as a name and not as a place or a village."""
    out: list[OrgMention] = []
    for m in _SENDER_RE.finditer(text):
        j = m.start()
        while j > 0 and m.start() - j < 8 and "\u4e00" <= text[j - 1] <= "\u9fff":
            j -= 1
        local = [(a - j, b - j) for a, b in spans if j <= a and b <= m.start()]
        stem = _trim(text[j:m.start()], local)
        start = m.start() - len(stem)
        if len(stem) < 2 or stem.endswith(_PLACE_ENDS) or not segment.is_name_like(stem) \
                or any(a <= start < b or start <= a < m.start() for a, b in spans) \
                or any(o.mention.start < m.start() and start < o.mention.end for o in found + out):
            continue
        out.append(OrgMention(Mention("Organization", stem, start, m.start(), stem), stem, kind_of(stem), False))
    names = sorted({o.canonical for o in out}, key=len, reverse=True)
    for o in out:  # 电建 written after 某某电建: the same unit
        o.canonical = next((n for n in names if n != o.canonical and n.endswith(o.canonical)), o.canonical)
        o.aliases = {o.mention.name} - {o.canonical}
    return out


def _merge(text: str, found: list[OrgMention]) -> list[OrgMention]:
    """One canonical name per body: 金桥物业 = 金桥物业公司, 雨湖区教育部门 = 雨湖区教育局, 某党某市委
    = 某党某市委员会; a brand
    written alone (华宇) is a further mention of its enterprise."""
    names = Counter(o.canonical for o in found)
    rename: dict[str, str] = {}
    for n in names:
        for other in names:
            if other != n and other.startswith(n) and other[len(n):] in ("公司", "有限公司", "集团"):
                rename[n] = other
            if n.endswith("部门") and other == n[:-2] + "局" or n.endswith("委") and other == n + "员会":
                rename[n] = other  # 某市委 written short for 某市委员会
    for o in found:
        if o.canonical in rename:
            o.aliases.add(o.canonical)
            o.canonical = rename[o.canonical]
    extra: list[OrgMention] = []
    covered = [(o.mention.start, o.mention.end) for o in found]
    for o in list(found):
        if not o.canonical.endswith(_ENTERPRISE) or o.scoped:
            continue
        brand = _brand(o.mention.name)
        trade = brand.endswith(_TRADES) and len(brand) >= 4  # 千金药业: ordinary words, yet a brand
        if len(brand) < 2 or not (trade or segment.is_name_like(brand)) or brand.endswith(("市", "区", "县")):
            continue
        for m in re.finditer(re.escape(brand), text):
            if any(a <= m.start() < b for a, b in covered):
                continue
            if text.startswith(ORG_SUFFIXES, m.end()):
                continue
            o.aliases.add(brand)
            extra.append(OrgMention(Mention("Organization", brand, m.start(), m.end(), brand), o.canonical, o.kind,
                                    o.scoped, set()))
    out = sorted(found + extra, key=lambda o: o.mention.start)
    return out


def _brand(name: str) -> str:
    """The name a firm goes by: 株洲千金药业股份有限公司 → 千金药业, 华宇集团 → 华宇."""
    sfx = next(x for x in ORG_SUFFIXES if name.endswith(x))
    brand = name[:-len(sfx)]
    brand = brand[:-2] if brand.endswith("股份") else brand
    first = _tokens(brand)[0] if brand else None
    if first is not None and first.flag == "ns" and len(brand) - len(first.word) >= 2:
        brand = brand[len(first.word):]  # the place a firm is registered in is not its brand
    return brand


def main_places(places: list[Mention]) -> dict[int, str]:
    """The article's main province, city and county (most mentioned, then first), by level."""
    level = {"Province": 1, "City": 2, "District": 3}
    out: dict[int, str] = {}
    for typ, lv in level.items():
        names = [m.name for m in places if m.type == typ]
        if names:
            counts = Counter(names)
            best = max(counts.values())
            out[lv] = next(n for n in names if counts[n] == best)
    return out
