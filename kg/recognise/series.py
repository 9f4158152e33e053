"""Works given as a series: the items of a list that the sentence itself calls projects.

News about community work enumerates what was done: 改造内容包括甲、乙、丙等基础类项目; 使甲、乙、丙等
10余个项目得到落实. Each item of such a list is one project, whatever its words, because the
sentence names the list's kind (项目, 工程) right after 等. A list that is not called a kind
of work (开展文艺演出、义诊等活动) gives nothing here.

A list closed by a work on all its items (完成甲、乙等基础设施改造, 对甲、乙等进行了改造) gives one work
per item (甲改造, or 甲 when it names its own work: 道路硬化); the umbrella is not a project
(guidelines), so its span is returned as taken.
"""
from __future__ import annotations

import re

from kg.recognise.lexicon import (LIST_KINDS, LIST_OPENERS, NOT_PROJECT_HEADS, OBJECT_FIRST_VERBS, TREATMENTS,
                                  WEAK_WORK_VERBS, WORK_VERBS)
from kg.recognise.project_base import alternation, head_of
from kg.recognise.quantities import strip_quantities
from kg.recognise.work_objects import concrete
from kg.text.split import MAX_CLAUSE
from kg.text import segment

# 等 + optional count or class (3个, 10余个, 基础类, 民生) + the kind the list belongs to
_TAIL = re.compile(r"等(?:[\d一二三四五六七八九十两多余几]+[个项类处]|[\u4e00-\u9fff]{0,4}?类|[\u4e00-\u9fff]{0,4}?)?"
                   rf"(?:{'|'.join(LIST_KINDS)})"
                   # or a count of them without 等 (甲、乙和丙三大工程): then each item must read as a work
                   r"|(?P<count>(?<=[\u4e00-\u9fff”])[两三四五六七八九十]+(?:大|个|项)[\u4e00-\u9fff]{0,2}?"
                   rf"(?:{'|'.join(LIST_KINDS)}))")
_STOP = "，,。；;！!？?：:\n（(）)"
# 等 + optional count, light verb and class of things + the work done to all of them
_WORK_TAIL = re.compile(r"等(?:[\d一二三四五六七八九十两多余几]+[个项类处])?(?:进行了|进行|实施了|实施)?"
                        rf"(?:[\u4e00-\u9fff]{{0,2}}?设施)?(?P<verb>{alternation(OBJECT_FIRST_VERBS + ('建设', '整治'))})")
# an item that names its own work (道路硬化, 绿化) keeps its words
_WORKS = tuple(sorted(set(WORK_VERBS) | set(TREATMENTS), key=len, reverse=True))
# works done to a thing (not 建设, 发展, 落实: they also close 作风建设, 产业发展)
_PHYSICAL = tuple(w for w in _WORKS if w not in WEAK_WORK_VERBS)
# light verbs a list of works follows (实施了甲、乙和丙)
# or the words that open what a renovation holds (改造内容包括甲、乙和丙; 5项工程分别是甲、乙…)
_LIGHT = re.compile(r"(?:实施了|完成了|进行了|开展了|推进了|包括|包含|涵盖|分别是|分别为|主要有)")
# a count of projects closed by a colon (项目5个：, 5个项目：, 项目有：)
_LIST_WORDS = ("包括", "包含", "涵盖", "分别是", "分别为", "主要有")
_WORKS_BEFORE = re.compile(r"(?:改造|工程|项目|建设|施工|整治|实施)[^。；;！!？?]*$")
_COLON = re.compile(r"(?:项目|工程)(?:[\d一二三四五六七八九十两]+[个项]|有|包括)?[：:]|[\d一二三四五六七八九十两]+[个项](?:民生)?(?:项目|工程)[：:]")
_OPENER = re.compile(alternation(LIST_OPENERS))
_MAX_ITEM = 16
_MAX_ITEMS = 20  # a longer list is a directory, not a sentence's works
_MAX_FIRST = 8


def enumerated(text: str) -> list[tuple[str, int, int]]:
    """(label, start, end) of every item of a list closed by 等…项目/工程/设施."""
    out = []
    for m in _TAIL.finditer(text):
        end = m.start()
        a, lo = end, max(0, end - MAX_CLAUSE)
        while a > lo and text[a - 1] not in _STOP:
            a -= 1
        head = text[a:end]
        opener = None
        for opener in _OPENER.finditer(head):
            pass
        if opener is not None:
            a += opener.end()  # 还包括了甲、乙 → the list starts after the opener
        items = _items(text, a, end, _MAX_ITEM if opener is not None else 40)
        if opener is None and items and len(items[0][0]) > _MAX_FIRST:
            items = items[1:]  # no opener: the first part may carry the clause's subject and verb
        if m.group("count") and not all(is_work(label) for label, _, _ in items):
            continue  # 脱贫攻坚、乡村振兴和基层治理三大工程: campaigns, not works
        if len(items) >= 2:
            out += items
    return out


def works_after_a_verb(text: str) -> list[tuple[str, int, int]]:
    """实施了路面修补、化粪池清掏和楼道灯更换。: a list after a light verb to its clause's end, every
    item a work by its last word, gives a work per item."""
    out = []
    for m in _LIGHT.finditer(text):
        if m.group(0) in _LIST_WORDS and not _WORKS_BEFORE.search(text, max(0, m.start() - 24), m.start()):
            continue  # 培训课程包括电梯维修、…: only what a renovation or its projects hold
        b, hi = m.end(), min(len(text), m.end() + 4 * _MAX_ITEM)
        while b < hi and text[b] not in _STOP:
            b += 1
        if b == hi and b < len(text):
            continue  # no clause end in reach: no short list of works
        items = _items(text, m.end(), b, _MAX_ITEM)
        if len(items) < 2 and "、" not in text[m.end():b]:
            items = _two(text, m.end(), b)
        if len(items) >= 2 and all(is_work(label) for label, _, _ in items):
            out += items
    return out


def is_work(label: str) -> bool:
    """Does a list item read as a work: a thing with a project head (文化广场), or a thing and a work
    done to it (路面修补, 荷塘清淤); not a campaign or an abstraction (作风建设, 产业发展, 投资)?"""
    label = label.strip("“”")  # “长者饭堂”: a quoted facility is read by its words
    verb = next((v for v in _WORKS if label.endswith(v) and len(label) > len(v)), "")
    thing = label[:-len(verb)] if verb else label
    if len(thing) < 2 or label.endswith(NOT_PROJECT_HEADS) or thing.endswith(NOT_PROJECT_HEADS):
        return False
    return bool(head_of(thing)) and concrete(thing) or verb in _PHYSICAL and concrete(thing)


def _two(text: str, a: int, b: int) -> list[tuple[str, int, int]]:
    """完成了甲改造和乙粉刷: two works joined by 和 alone."""
    toks = segment.tokens(text[a:b])
    k = next((t for t in toks[1:-1] if t.word == "和" and t.flag == "c"), None)
    if k is None:
        return []
    return [(text[a:a + k.start], a, a + k.start), (text[a + k.end:b], a + k.end, b)]


def colon_list(text: str) -> list[tuple[str, int, int]]:
    """实施项目5个：甲；乙；丙。: the items after a colon that closes a count of projects."""
    out, done = [], 0
    for m in _COLON.finditer(text):
        if m.start() < done:
            continue  # inside a list read already
        b = text.find("。", m.end(), m.end() + _MAX_ITEMS * _MAX_ITEM)
        b = min(len(text), m.end() + _MAX_ITEMS * _MAX_ITEM) if b < 0 else b
        pos = done = m.end()
        parts = re.split(r"[；;]", text[pos:b])
        if not 2 <= len(parts) <= _MAX_ITEMS:
            continue  # a directory, or a page with no sentence end, is no sentence's list
        for part in parts:
            label = strip_quantities(part).strip(" “”")
            if 2 <= len(label) <= _MAX_ITEM and is_work(label):
                out.append((label, pos, pos + len(part)))
            pos += len(part) + 1
    return out


def _split_last(parts: list[str]) -> list[str]:
    """甲、乙和丙: the last part joined by 和 or 及 (a word of its own to jieba) is two items."""
    if len(parts) < 2:
        return parts
    last = parts[-1]
    toks = segment.tokens(last)
    k = next((t for t in toks[1:-1] if t.word in ("和", "及") and t.flag == "c"), None)

    def works(j: int, n: int) -> bool:
        return is_work(strip_quantities(last[:j])) and is_work(strip_quantities(last[j + n:]))
    if k is not None and not works(k.start, len(k.word)):
        # jieba may read a name's 和 as the list word (路灯更新|和|某和苑加装电梯): another 和 that
        # leaves a work on each side is the list's
        k = next((segment.Token(w, "c", j, j + 1) for j, w in enumerate(last) if 0 < j < len(last) - 1
                  and w in "和及" and works(j, 1)), k)
    if k is None:
        return parts
    return parts[:-1] + [last[:k.start], last[k.end:]]


def works_on_items(text: str) -> tuple[list[tuple[str, int, int]], list[tuple[int, int]]]:
    """(label, start, end) of each item of a list closed by a work on all of them, and the
    spans of the closing umbrellas (等基础设施改造)."""
    out, umbrellas = [], []
    for m in _WORK_TAIL.finditer(text):
        a, lo = m.start(), max(0, m.start() - MAX_CLAUSE)
        while a > lo and text[a - 1] not in _STOP:
            a -= 1
        opener = None
        for opener in re.finditer(f"{_OPENER.pattern}|对", text[a:m.start()]):
            pass
        if opener is None:
            continue
        a += opener.end()
        items = _items(text, a, m.start(), _MAX_ITEM)
        if len(items) < 2:
            continue
        verb = m.group("verb")
        labels = [(label if label.endswith(_WORKS) else label + verb, s, e) for label, s, e in items]
        if all(is_work(label) for label, _, _ in labels):  # not 政治建设、思想建设等建设
            out += labels
            umbrellas.append((m.start(), m.end()))
    return out, umbrellas


def _items(text: str, a: int, b: int, first_max: int) -> list[tuple[str, int, int]]:
    out, pos = [], a
    for part in _split_last(text[a:b].split("、")):
        start, stop = pos, pos + len(part)
        pos = stop + 1
        label = strip_quantities(part).strip(" “”\"'").removeprefix("了")  # 推进了甲、乙
        if not 2 <= len(label) <= (_MAX_ITEM if start > a else first_max) or label.endswith(NOT_PROJECT_HEADS):
            return []  # not a list of short work names (a clause, or a list of activities)
        out.append((label, start, stop))
    return out
