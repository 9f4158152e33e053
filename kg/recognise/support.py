"""Cues that make an organisation a backer of a community beyond the verbs of its own clause.

The unit that sent a work team (某局驻某村工作队: the team is no organisation, its unit backs
the village), a frame around a list of bodies (在甲、乙的积极推动下), a body that carries works
into the community (某公司为村里修建…), and a series of backers, each opening its own clause
(甲认领…；乙为…；丙…), where one of them is stated as a backer.
"""
from __future__ import annotations

import bisect
import re

from kg.recognise.lexicon import (CARRY_VERBS, CREDIT_CUES, FRAME_HEADS, STATIONED_CUES, SUPPORT_AFTER, SUPPORT_CLAUSE,
                                  TEAM_CUES, TITLE_AFTER)
from kg.records import Mention, Sentence
from kg.recognise.relations import _within, joint_clause, supports
from kg.text.split import CLAUSE_END, clause_bounds, sentence_at

_TEAM_RE = re.compile("|".join(sorted(TEAM_CUES, key=len, reverse=True)))
_FRAME_RE = re.compile(r"在([^，,。；;！？!?]{2,160}?)的[^，,。；;]{0,6}?(?:" + "|".join(FRAME_HEADS) + ")[^，,。；;]{0,4}?下")
_CARRY_RE = re.compile(r"为[^，,。；;]{1,14}?(?:" + "|".join(CARRY_VERBS) + ")")
_WORKS_RE = re.compile("|".join(CARRY_VERBS))
_FOR_RE = re.compile(r"(?:还|也|又|都|特意|专门|积极|主动|先后|多次)?为")
_FOR_PLACE = ("社区", "村里", "该村", "全村", "该社区")  # the place itself, not its people
_LIST_JOIN = "、和及与"
_LIST_JOINS = ("、", "和", "及", "与", "以及")
# what comes right before the list of communities a body backs (与甲社区、乙社区…, 为甲村、乙村…)
_TOWARD_LIST = re.compile(r"(?:[与同为到在]|帮扶|结对)[\u4e00-\u9fff]{0,8}$")
# a body named again by its kind (该公司, 该支行); 单位, 企业 and 机构 stand for any body
_PRONOUN = re.compile(r"该(公司|集团|企业|银行|支行|分行|医院|局|单位|机构|中心|学校|协会|商会)")
_ANY_KIND = ("单位", "企业", "机构")
_PRONOUN_REACH = 300  # characters back to the body it stands for
_MAX_LIST = 30  # bodies in a list that opens a clause
_STATION = "驻"


def _tail(text: str, end: int, width: int) -> str:
    """What follows an organisation up to the end of its clause, at most `width` characters; a list
    of bodies right after it (甲、乙联合派出工作队) widens the window."""
    out = []
    for ch in text[end:end + (width if text[end:end + 1] not in _LIST_JOIN else 2 * width)]:
        if ch in CLAUSE_END:
            break
        out.append(ch)
    return "".join(out)


def team(text: str, org: Mention) -> re.Match | None:
    """The work-team cue after the organisation (某银行驻村工作队, 某局驻某村工作队, 某厅派驻某村第一
    书记), or None."""
    tail = _tail(text, org.end, 20)
    cue = _TEAM_RE.search(tail)
    if cue is not None and cue.group(0) in STATIONED_CUES and _STATION not in tail[:cue.start()]:
        return None
    return cue


def team_villages(text: str, org: Mention, cue: re.Match, sent: Sentence | None,
                  communities: list[Mention]) -> list[str]:
    """The communities a work team is sent to: the one written after 驻 in the team's name, else
    those named after the team in the same sentence (分驻于甲村、乙村), else the village the
    paragraph named last; [] when none (use the scope)."""
    cue_start, cue_end = org.end + cue.start(), org.end + cue.end()
    named = [m for m in _within(communities, org.end, cue_start) if text[m.start - 1:m.start] == _STATION]
    if named:
        return [named[-1].name]
    after = [m.name for m in _within(communities, cue_end, sent.end)] if sent is not None else []
    if after or _STATION in text[org.end:cue_start]:
        return list(dict.fromkeys(after))
    return named_before(text, org.start, communities)  # 某村…。某银行驻村工作队进村后…


def named_before(text: str, pos: int, communities: list[Mention], paragraph: bool = True) -> list[str]:
    """The community named last before `pos` in the same paragraph (某村…。某局驻村工作队…), or
    anywhere earlier in the article, as a fallback when nothing else puts a community in scope."""
    start = text.rfind("\n", 0, pos) + 1 if paragraph else 0
    before = [m for m in communities if start <= m.start and m.end <= pos]
    return [before[-1].name] if before else []


def in_frame(sent: Sentence | None, org: Mention) -> bool:
    """Is the organisation inside 在…的(大力)支持(和帮助)下?"""
    if sent is None:
        return False
    a, b = org.start - sent.start, org.end - sent.start
    return any(m.start(1) <= a and b <= m.end(1) for m in _FRAME_RE.finditer(sent.text))


def carries_works(text: str, org: Mention) -> bool:
    """某医院为三名老人安装…: the organisation does works for people of the community."""
    return _CARRY_RE.match(_tail(text, org.end, 24)) is not None


def serves_place(text: str, org: Mention, communities: list[Mention]) -> bool:
    """某局为某村开发了公益岗位, 某公司还为社区送来…: the body acts for the community itself."""
    m = _FOR_RE.match(text, org.end)
    if m is None:
        return False
    return text.startswith(_FOR_PLACE, m.end()) or any(c.start == m.end() for c in communities)


def does_works(text: str, org: Mention) -> bool:
    """某公司拿出管网改造计划, 某指挥部召开会议部署危房改造: works are the body's own act."""
    return _WORKS_RE.search(_tail(text, org.end, 24)) is not None


def opens_clause(text: str, org: Mention, by_end: dict[int, Mention]) -> bool:
    """Does the organisation open its clause as the one acting (alone or in a list of bodies)?
    `by_end` maps where each organisation ends to it, to find the body right before."""
    a = org.start
    for _ in range(_MAX_LIST):  # a longer run of bodies is a directory: its first is not in reach
        prev = next((by_end[a - len(j)] for j in ("", *_LIST_JOIN) if by_end.get(a - len(j)) is not None
                     and text[a - len(j):a] == j), None)
        if prev is None or prev is org:
            break
        a = prev.start
    if text.startswith(TITLE_AFTER, org.end):
        return False  # 某部驻某地特派员…, 某局局长…: a person's title, not the body acting
    c = clause_bounds(text, a, a)[0]
    head = text[c:a]  # names the recogniser missed may open the list (甲、乙集团党委…)
    return head == "" or head.endswith("、") and all(len(x) <= 16 for x in head.split("、")) \
        or text[a - 1] in "…" or text[a - 1].isspace()


def backers(text: str, orgs: list[Mention], sentences: list[Sentence],
            communities: list[Mention]) -> list[tuple[int, list[str]]]:
    """(index, communities) of each organisation that backs a community. The communities are those
    its work team names; an empty list means the community in scope."""
    out: dict[int, list[str]] = {}
    by_end = {m.end: m for m in orgs}
    for k, m in enumerate(orgs):
        a, b = clause_bounds(text, m.start, m.end)
        if any(c in text[a:b] for c in CREDIT_CUES):
            continue  # 本版图片由某局提供: a credit line
        sent = sentence_at(sentences, m.start)
        cue = team(text, m)
        if cue is not None:
            out[k] = team_villages(text, m, cue, sent, communities)
        elif supports(text, m) or in_frame(sent, m) or carries_works(text, m) or serves_place(text, m, communities) \
                or opens_clause(text, m, by_end) and does_works(text, m):
            out[k] = []
    breaks = [x.start() for x in re.finditer("\n", text)]
    by_line: dict[int, list[int]] = {}
    for k, m in enumerate(orgs):
        if opens_clause(text, m, by_end):
            by_line.setdefault(bisect.bisect(breaks, m.start), []).append(k)
    for ks in by_line.values():  # 甲认领…；乙为…；丙…: a series of backers in one paragraph
        if len(ks) >= 2 and any(k in out for k in ks):
            for k in ks:
                out.setdefault(k, [])
    for k, where in _said_again(text, orgs, communities):
        if k not in out or not out[k]:
            out[k] = where
    for k in out:
        if not out[k]:
            out[k] = _listed_after(text, orgs[k], communities)
    return sorted(out.items())


def _listed_after(text: str, org: Mention, communities: list[Mention]) -> list[str]:
    """某局与甲社区、乙社区、丙社区建立共建机制: the communities listed after the body in its clause
    are each backed; [] when the clause names fewer than two in a list (the scope decides)."""
    _, b = clause_bounds(text, org.start, org.end)
    b = (joint_clause(text, b) or (b, b))[1]  # and the clause with 与 that follows (，与甲社区、乙社区…)
    named = [c for c in communities if org.end <= c.start < b]
    run = named[:1]
    for c in named[1:]:
        if text[run[-1].end:c.start] not in _LIST_JOINS:
            break
        run.append(c)
    between = text[org.end:run[0].start] if run else ""
    if len(run) < 2 or len(run) < len(named) or between and not _TOWARD_LIST.search(between):
        return []  # 组织来自甲村、乙村的医生到丙村义诊: the list describes, the body goes elsewhere
    return [c.name for c in run]


def _said_again(text: str, orgs: list[Mention], communities: list[Mention]) -> list[tuple[int, list[str]]]:
    """该支行是某社区的共建单位, 该公司已与某社区签订协议: a body named again by 该 + its kind backs
    the community its clause names, when that clause says so; the body is the last one before of
    that kind."""
    out = []
    for m in _PRONOUN.finditer(text):
        a, b = clause_bounds(text, m.start(), m.end())
        clause = text[m.end():b]
        if not (any(w in clause for w in SUPPORT_CLAUSE + SUPPORT_AFTER) or _CARRY_RE.match(clause)):
            continue
        kind = m.group(1)
        before = [k for k, o in enumerate(orgs) if o.end <= m.start() and m.start() - o.end <= _PRONOUN_REACH
                  and (kind in _ANY_KIND or kind in o.name)]
        named = [c.name for c in _within(communities, m.end(), b)]
        if before and named:  # the community the clause names: not whatever is in scope
            out.append((before[-1], list(dict.fromkeys(named))))
    return out
