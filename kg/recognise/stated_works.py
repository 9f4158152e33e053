"""Works told by their state: the work comes first and a verb of its progress ends the clause
(某路硬化工程已于上月动工, 村里的老年食堂已建成投用, 光伏电站已并网发电), or a thing is told as
changed into another (铁皮车棚改成了钢结构雨棚, 车库照明全部改为LED灯), or told by 的是 (翻修后铺的是透水砖).

The object before the verb is read as a work verb's object is (kg/recognise/work_objects.py): a
thing with a project head, not a kind of work (基础设施) or a programme over a whole area
(全市老旧小区提质改造均已开工). A community named right before it is its place, not part of its name.
"""
from __future__ import annotations

import re

from kg.recognise.lexicon import CHANGE_VERBS, STATE_VERBS, WORK_VERBS
from kg.recognise.project_base import LEAD, ProjectMention, alternation, clean, cut_to_head, head_of
from kg.recognise.quantities import strip_quantities
from kg.recognise.work_objects import concrete, left_object
from kg.records import Mention
from kg.text import segment
from kg.text.split import CLAUSE_END, clause_bounds

_STATE = re.compile(alternation(STATE_VERBS))
_CHANGE = re.compile(alternation(CHANGE_VERBS))
_WORKED = re.compile(alternation(WORK_VERBS))
# what is changed in an arrangement, not a thing rebuilt (地点改为某室, 名字改为某路)
_ARRANGEMENTS = ("地点", "地址", "场地", "会场", "名称", "名字")
# a one-character work verb told by 的是 (铺的是, 装的是, 换上的是)
_CLEFT = re.compile(r"(?P<verb>[铺修装建换盖种])(?:上|起|成)?的是")
# what may follow the verb before its clause ends (建成投用, 竣工了, 建成并投入使用)
_AFTER = re.compile(r"(?:了|并|投用|投入使用|交付使用|使用|运行|运营|发电|通车)*")
# the characters an object is written in, up to the verb (the last run of them)
_LAST_RUN = re.compile(r"[\u4e00-\u9fff“”0-9A-Za-z·]*$")
# the marks that join the items of a list
_JOINS = "、和及"
# the longest object read before the verb
_SPAN = 24


def recognise(text: str, taken: list[tuple[int, int]], communities: list[Mention]) -> list[ProjectMention]:
    out = []
    for m in _STATE.finditer(text):
        s, e = m.start(), m.end()
        a, b = clause_bounds(text, s, e, CLAUSE_END + "…")
        if e + _AFTER.match(text, e, b).end() - e != b:
            continue  # 建成后…, 完成了道路硬化: the verb's clause goes on
        lo = max(a, s - _SPAN)
        for c in communities:  # 某某村通组公路硬化工程: the village is where, not what
            if lo <= c.end <= s:
                lo = c.end
        before = _LAST_RUN.search(text, lo, s).group(0)  # 某报|全县…: not across a mark that is no text
        lo = s - len(before)
        obj = left_object(strip_quantities(before))
        if len(obj) < 3 or not head_of(obj) or not concrete(obj):
            continue
        start, end = _span(before, lo, obj)
        if any(x <= start < y or start <= x < s for x, y in taken):
            continue
        out.append(ProjectMention(clean(obj), start, end, "stated", head_of(obj), objects={clean(obj)}))
        out += _listed_before(text, a, start, communities)
    return out


def changes(text: str, taken: list[tuple[int, int]]) -> list[ProjectMention]:
    """原先的铁皮车棚改成了钢结构雨棚: a thing with a project head changed into another thing (its
    head, or a short phrase) is a work on it, named by both."""
    out = []
    for m in _CHANGE.finditer(text):
        s, e = m.start(), m.end()
        a, b = clause_bounds(text, s, e, CLAUSE_END + "…")
        before = _LAST_RUN.search(text, max(a, s - _SPAN), s).group(0)
        obj = left_object(strip_quantities(before))
        after = LEAD.sub("", strip_quantities(text[e:b]))
        headed = cut_to_head(after)
        result = headed or (after if 2 <= len(after) <= 8 else "")
        if len(obj) < 2 or not (head_of(obj) or headed) or not concrete(obj) or not result:
            continue  # 活动时间由周六改为周日: neither side is a thing built
        start = s - len(obj) if before.endswith(obj) else s - len(before)
        if text[max(a, start - 1):start] in ("由", "从") or any(w in obj for w in _ARRANGEMENTS):
            continue  # 地点由甲改为乙, 会场改为某室: an arrangement moved, not a thing rebuilt
        if any(x <= start < y or start <= x < e for x, y in taken):
            continue
        out.append(ProjectMention(clean(obj + m.group(0) + result), start, e + len(text[e:b]) - len(after)
                                  + len(result), "stated", head_of(result) or head_of(obj), objects={clean(obj)}))
    return out


def clefts(text: str, taken: list[tuple[int, int]]) -> list[ProjectMention]:
    """翻修后铺的是透水砖, 装的是太阳能路灯: a one-character work verb told by 的是 before a thing with a
    project head."""
    out = []
    for m in _CLEFT.finditer(text):
        s, e = m.start(), m.end()
        if s > 0 and segment.freq(text[s - 1:s + 1]):
            continue  # 覆盖的是, 主修的是, 包装的是: the verb ends a word of its own
        a, b = clause_bounds(text, e, e, CLAUSE_END + "…")
        rest = strip_quantities(text[e:b])
        worked = _WORKED.search(text, max(0, s - _SPAN), s)  # 翻修后铺的是透水砖 (not 院子里种的是玉米)
        obj = cut_to_head(rest) or (rest if worked and 2 <= len(rest) <= 8 else "")
        if len(obj) < 2 or not concrete(obj) or any(x <= m.start() < y for x, y in taken):
            continue
        out.append(ProjectMention(clean(m.group("verb") + obj), m.start(), e + len(obj), "stated", head_of(obj),
                                  objects={clean(obj)}))
    return out


def _span(written: str, at: int, obj: str) -> tuple[int, int]:
    """Where ``obj`` (read with its counts taken out: 3口机井 → 机井) is in ``written``, which starts
    at ``at``: from its first character to its last."""
    first, last = written.rfind(obj[:1], 0, max(1, written.rfind(obj[-1:]) + 1)), written.rfind(obj[-1:])
    k = written.rfind(obj)
    if k >= 0:
        return at + k, at + k + len(obj)
    return at + max(first, 0), at + last + 1


def _listed_before(text: str, a: int, end: int, communities: list[Mention]) -> list[ProjectMention]:
    """某村卫生室、日间照料中心和农家书屋均已建成: the items listed before the last one, each a work
    when it has a head of its own."""
    out = []
    while end > a and text[end - 1] in _JOINS:
        stop = end - 1
        lo = max((k + 1 for k in range(a, stop) if text[k] in _JOINS), default=a)
        for c in communities:
            if lo <= c.start < stop and c.end <= stop:
                lo = c.end  # 某村卫生室: the village is where
        obj = left_object(strip_quantities(text[lo:stop]))
        if len(obj) < 2 or not head_of(obj) or not concrete(obj):
            break
        a2, b2 = _span(text[lo:stop], lo, obj)
        out.append(ProjectMention(clean(obj), a2, b2, "stated", head_of(obj), objects={clean(obj)}))
        end = lo if lo > a and text[lo - 1] in _JOINS else a2
    return out
