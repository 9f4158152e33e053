"""One project per thing: the mentions the rules found, merged.

Works in one short entry of a ；-series are one project (修建垃圾台，装修垃圾站；); the works of the
clause after a quoted programme carry it out (启动“某某”项目，为老人安装…); the same facility
written again (安装摄像头 … 这个摄像头) or the same quoted name (“某某”院落微更新项目 … “某某”微更新
项目) is the same project.
"""
from __future__ import annotations

import bisect

from kg.recognise.project_base import CLAUSE_STOPS, QUOTE, ProjectMention, head_of
from kg.records import Sentence
from kg.text.split import sentence_at

# heads of a quoted programme whose works the next clause may describe (“某某”项目，为…安装…)
_PROGRAMME_HEADS = ("项目", "工程", "服务", "计划")
# how far back a work may share an entry with one before it, or carry out a quoted programme
_MERGE_REACH = 200
# an entry of a ；-series this long or shorter is one item of a list (a caption-like line)
_SHORT_ENTRY = 30


def merge(text: str, sentences: list[Sentence], found: list[ProjectMention]) -> list[ProjectMention]:
    """One project per listed item: works in one entry of a ；-series are one project; the same
    facility written again (安装摄像头 … 这个摄像头) is the same project."""
    found.sort(key=lambda p: (p.start, -p.end))
    out: list[ProjectMention] = []
    for p in found:
        if out and p.start < out[-1].end:
            continue  # overlapping spans: keep the first, longest
        out.append(p)
    merged: list[ProjectMention] = []
    entries: dict[int, list[int]] = {}  # a sentence's start -> the bounds of its ；-entries
    order: dict[int, int] = {}  # id of a merged project -> its place in `merged`
    by_tail: dict[str, list[ProjectMention]] = {}  # last two characters of an object -> projects

    def index(q: ProjectMention) -> None:
        for o in q.objects:
            if q not in by_tail.setdefault(o[-2:], []):
                by_tail[o[-2:]].append(q)

    for p in out:
        sent = sentence_at(sentences, p.start)
        target = None
        if sent is not None:
            # only works a short way back can share p's entry or carry out a programme before it: on
            # text with no marks a sentence is the whole page, and a scan of it per work is quadratic
            lo = bisect.bisect_left(merged, max(sent.start, p.start - _MERGE_REACH), key=lambda q: q.start)
            same = merged[lo:bisect.bisect_left(merged, sent.end, key=lambda q: q.start)]
            for q in same:
                if _same_entry(text, sent, q.start, p.start, entries) and q.rule == p.rule == "work":
                    target = q
                elif q.rule in ("quoted", "brand") and p.rule == "work" and _clause_marks(text, q.end, p.start) <= (
                        1 if q.head in _PROGRAMME_HEADS else 0):
                    target = q  # 启动“某某”项目，为老人安装…: the works that carry out a quoted programme
        quote = QUOTE.match(p.label)
        if target is None and quote and p.rule == "quoted":
            same = next((q for q in merged if q.rule == "quoted" and q.label.startswith(quote.group(0))), None)
            if same is not None:  # “某某”院落微更新项目 … “某某”微更新项目: one named project
                same.aliases.add(p.label)
                continue
        if target is None and p.objects:
            near = sorted({id(q): q for a in p.objects for q in by_tail.get(a[-2:], ())}.values(),
                          key=lambda q: order[id(q)])  # same thing = same tail: only these can match
            target = next((q for q in near if any(_same_thing(a, b) for a in p.objects for b in q.objects)), None)
            if target is not None:
                target.aliases.add(p.label)
                target.objects |= p.objects
                index(target)
                continue
        if target is not None:
            if target.rule == "work" and p.rule == "work":
                target.label = f"{target.label}、{p.label}"
            else:
                target.aliases.add(p.label)
            target.objects |= p.objects
            target.end = max(target.end, p.end)
            index(target)
            continue
        order[id(p)] = len(merged)
        merged.append(p)
        index(p)
    return merged


def _clause_marks(text: str, a: int, b: int) -> int:
    return sum(text[k] in CLAUSE_STOPS for k in range(a, b))


def _same_entry(text: str, sent: Sentence, a: int, b: int, entries: dict[int, list[int]]) -> bool:
    """Are two works in one short entry of a ；-series (修建垃圾台，装修垃圾站；)? A long entry
    with clause after clause (硬化道路900米，修建排水渠500米，…；) is a list of its own. `entries`
    keeps each sentence's entry bounds, found once."""
    bounds = entries.get(sent.start)
    if bounds is None:
        marks = [k + 1 for k in range(sent.start, sent.end) if text[k] in "；;"]
        bounds = entries[sent.start] = [sent.start] + marks + [sent.end] if marks else []
    k = bisect.bisect_right(bounds, a) - 1
    if not bounds or k < 0 or k + 1 >= len(bounds):
        return False
    lo, hi = bounds[k], bounds[k + 1]
    return lo <= b < hi and hi - lo <= _SHORT_ENTRY


def _same_thing(a: str, b: str) -> bool:
    """安装摄像头 / 安装远程摄像头: the same facility when the names share a tail of 3+ characters,
    or one name is the tail of the other (更换小区路灯 … 路灯更新)."""
    n = 0
    while n < min(len(a), len(b)) and a[-1 - n] == b[-1 - n]:
        n += 1
    return (n >= 3 or n == min(len(a), len(b)) >= 2) and bool(head_of(a[-n:]))
