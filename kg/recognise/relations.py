"""Which community is in scope at a point of an article, and which organisations support it.

The community in scope is the last one named earlier in the same sentence, else the
article's focal community (named in its title or opening, or clearly dominant); facts with
no community in scope attach to none.
"""
from __future__ import annotations

import bisect
import re
from collections import Counter

from kg.recognise.lexicon import (COMMUNITY_SUFFIXES, OWN_SUBJECT, SUPPORT_AFTER, SUPPORT_BEFORE, SUPPORT_CLAUSE, SUPPORT_JOINT,
                                  SUPPORT_TOWARD)
from kg.records import Mention, Sentence
from kg.text.split import clause_bounds, sentence_at

_LIST_SEP = re.compile(r"[、和与及]")
# 等 + a count or a kind + the community suffix: a group named by one of its members
_GROUP = re.compile(r"等(?:[\d一二三四五六七八九十两几多]+个)?[\u4e00-\u9fff]{0,3}?(?:村|社区)")
# words that put what follows under the street just named (辖区, 该镇: 某镇…分驻于该镇甲村、乙村)
_UNDER = re.compile(r"辖区|所辖|下辖|该镇|该街道|该乡|本镇|全镇|全乡|镇内|街道内")
_OPENING = 150


def focal(title: str, text: str, communities: list[Mention]) -> str | None:
    """The community an article is about, or None."""
    if not communities:
        return None
    names = [m.name for m in communities]
    counts = Counter(names)
    captions = {k for k, line in _lines(text) if line.startswith(("▲", "△", "图为", "图:"))}
    opening = [m.name for m in communities if m.start < _OPENING and _line_of(text, m.start) not in captions]
    in_title = {n for n in names if n in title or n[:-2] in title and len(n) > 3}
    if len(in_title) == 1:
        return in_title.pop()
    if len(set(opening)) == 1 and counts[opening[0]] >= 2:
        return opening[0]
    if len(counts) == 1:
        return names[0]  # the only community the article names
    counts = counts.most_common()
    if counts[0][1] >= 3 and (len(counts) == 1 or counts[0][1] >= 2 * counts[1][1]):
        return counts[0][0]
    return None


def _within(ms: list[Mention], lo: int, hi: int) -> list[Mention]:
    """The mentions (in text order) that start in [lo, hi): a binary search, not a scan."""
    return ms[bisect.bisect_left(ms, lo, key=lambda m: m.start):bisect.bisect_left(ms, hi, key=lambda m: m.start)]


def _lines(text: str):
    for k, line in enumerate(text.split("\n")):
        yield k, line.strip()


def _line_of(text: str, pos: int) -> int:
    return text.count("\n", 0, pos)


def scope(pos: int, sentences: list[Sentence], communities: list[Mention], neighborhoods: dict[str, str],
          nb_mentions: list[Mention], focal_name: str | None, text: str | None = None,
          recency: bool = True, end: int | None = None, orphans: frozenset[str] | set[str] = frozenset()) -> str | None:
    """Name of the community a fact at `pos` belongs to: named earlier in its sentence, else
    (given the article's `text`) earlier in its paragraph, else the article's focus; with no
    focus, the community named last before the fact."""
    sent = sentence_at(sentences, pos)
    if sent is not None:
        inside = [m for m in _within(communities, pos, end) if m.end <= end] if end is not None else []
        if inside:
            return inside[0].name  # “某某社区青少年阅读”项目: the community its name carries
        before = _within(communities, sent.start, pos)
        if before:
            return before[-1].name
        after = _within(communities, pos, sent.end)
        para = text.rfind("\n", 0, sent.start) + 1 if text is not None else sent.start
        if not after and not _within(communities, para, pos) and any(
                m.name in orphans for m in _within(nb_mentions, para, sent.end)):
            return None  # done in a compound the text does not place: no community (guidelines)
        nbs = [m for m in _within(nb_mentions, sent.start, sent.end) if m.name in neighborhoods]
        if nbs and not after:
            return neighborhoods[nbs[0].name]
        if after and focal_name is None:
            return after[0].name
        if text is not None:
            para = text.rfind("\n", 0, sent.start) + 1 if focal_name or not recency else 0
            earlier = _within(communities, para, sent.start)
            if earlier:
                # 某社区…。该社区还新建了…: the paragraph's community; in an article about several
                # (a section per community), the one named last before the fact
                return earlier[-1].name
    return focal_name


def scopes(pos: int, sentences: list[Sentence], communities: list[Mention], neighborhoods: dict[str, str],
           nb_mentions: list[Mention], focal_name: str | None) -> list[str]:
    """Like `scope`, but a list of communities right before the fact (甲社区、乙社区与某单位签约)
    gives all of them."""
    one = scope(pos, sentences, communities, neighborhoods, nb_mentions, focal_name)
    sent = sentence_at(sentences, pos)
    before = _within(communities, sent.start, pos) if sent is not None else []
    if not before or before[-1].name != one:
        return [one] if one else []
    run = [before[-1]]
    for m in reversed(before[:-1]):
        if _LIST_SEP.fullmatch(_between(m, run[0], sent)):
            run.insert(0, m)
        else:
            break
    return list(dict.fromkeys(m.name for m in run))


def listed_together(pos: int, sentences: list[Sentence], communities: list[Mention], name: str,
                    text: str | None = None) -> list[str]:
    """The other communities of a list of communities (甲村、乙村和丙村) in the sentence at `pos`,
    when `name` is one of them: a fact stated for the list holds for each."""
    sent = sentence_at(sentences, pos)
    if sent is None:
        return []
    inside = _within(communities, sent.start, sent.end)
    runs: list[list[Mention]] = []
    for m in inside:
        if runs and _LIST_SEP.fullmatch(_between(runs[-1][-1], m, sent)):
            runs[-1].append(m)
        else:
            runs.append([m])
    for run in runs:
        names = list(dict.fromkeys(m.name for m in run))
        if len(names) >= 2 and name in names:
            return [n for n in names if n != name]
    # 甲村等帮扶村, 甲社区等3个社区 (in the fact's sentence, or earlier in its paragraph): the group
    # the article listed with 甲 elsewhere
    para = text.rfind("\n", 0, sent.start) + 1 if text is not None else sent.start
    for m in _within(communities, para, sent.end):
        if m.name == name and text is not None and _GROUP.match(text, m.end):
            return _group_of(name, sentences, communities)
    return []


def _group_of(name: str, sentences: list[Sentence], communities: list[Mention]) -> list[str]:
    """The other communities of the first list (甲村、乙村、丙村) in the article that holds `name`."""
    for sent in sentences:
        inside = _within(communities, sent.start, sent.end)
        run: list[Mention] = []
        for m in inside + [None]:
            if m is not None and run and _LIST_SEP.fullmatch(_between(run[-1], m, sent)):
                run.append(m)
                continue
            names = list(dict.fromkeys(x.name for x in run))
            if len(names) >= 2 and name in names:
                return [n for n in names if n != name]
            run = [m] if m is not None else []
    return []


def _between(a: Mention, b: Mention, sent: Sentence) -> str:
    return sent.text[a.end - sent.start:b.start - sent.start]


def street_over(text: str, sentences: list[Sentence], places: list[Mention], k: int) -> int | None:
    """某街道…推动辖区甲社区: the one street named earlier in the sentence, when 辖区 (所辖, 下辖)
    introduces the community; the index of that street's mention, or None."""
    sent = sentence_at(sentences, places[k].start)
    if sent is None:
        return None
    streets = [j for j, m in enumerate(places) if m.type == "Subdistrict" and sent.start <= m.start < places[k].start]
    if len({places[j].name for j in streets}) != 1:
        return None
    j = streets[-1]
    return j if _UNDER.search(text, places[j].end, places[k].start) else None


def _list_tail(s: str) -> bool:
    """Is `s` only a run of list items (…、…、…和)?"""
    parts = _LIST_SEP.split(s)
    return all(len(p) <= 16 for p in parts) and (s == "" or _LIST_SEP.search(s[-1:]) is not None)


# words of a body's role between a verb of backing and its name (依托专业社工机构某某中心)
_ROLE_ONLY = re.compile(r"(?:了)?(?:第三方|专业|辖区|爱心)?(?:社会组织|社工机构|机构|单位|企业|公司)")
# the community or its own body as the one working with the organisation (柳岸社区还与…)
_JOINT_WITH = re.compile(OWN_SUBJECT + "[与同]$")


# 与/同 + a place or a body within a few characters (与某街道某社区…; not 与去年同期相比)
_JOINT_OPENING = re.compile(r"[与同][\u4e00-\u9fff]{1,12}?(?:社区|村|街道|镇|居委|公司|局|单位|企业)")


def joint_clause(text: str, b: int) -> tuple[int, int] | None:
    """The clause after the one ending at ``b`` when it opens with 与/同 (，与甲社区…共建): the span of
    what its subject does with someone, or None."""
    if text[b:b + 1] not in ("，", ","):
        return None
    nb = clause_bounds(text, b + 1, b + 1)[1]
    return (b + 1, nb) if _JOINT_OPENING.match(text, b + 1) else None


def supports(text: str, org: Mention) -> bool:
    """Does the text state that this organisation backs, serves or works with the community?"""
    a, b = clause_bounds(text, org.start, org.end)
    before, after = text[a:org.start], text[org.end:b]
    if any(w in text[a:b] for w in SUPPORT_CLAUSE):
        return True
    if a == org.start or text[a:org.start].startswith(("今年", "近年", "近日", "目前")):
        joint = joint_clause(text, b)  # 某局以…为抓手，与甲社区、乙社区建立共建机制: the subject goes on
        if joint and any(w in text[joint[0]:joint[1]] for w in SUPPORT_CLAUSE + SUPPORT_AFTER):
            return True
    if text[a - 1:a] in "：:" and any(w in text[clause_bounds(text, a - 1, a - 1)[0]:a] for w in SUPPORT_CLAUSE):
        return True  # 共建单位有：甲、乙
    for verb in SUPPORT_BEFORE:
        k = before.rfind(verb)
        if k >= 0 and (_list_tail(before[k + len(verb):]) or _ROLE_ONLY.fullmatch(before[k + len(verb):])):
            return True  # 依托专业社工机构 + the body: the words of its role stand between
    # one of a list of organisations (与甲、乙等12家单位签订共建协议): the verb follows the list
    window = after[:40] if after[:1] in "、和及与" else after[:16]
    if any(w in window for w in SUPPORT_AFTER):
        return True
    if _JOINT_WITH.search(before) and after.startswith(SUPPORT_JOINT):
        return True  # 与某公司合作改造, 与某大队开展演练: works jointly with the community
    k = next((window.find(w) for w in SUPPORT_TOWARD if w in window), -1)  # 走进某社区, 给予某村补贴
    return k >= 0 and any(s in after[k:] for s in COMMUNITY_SUFFIXES)
