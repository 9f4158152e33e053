"""Works and facilities the genre states without a leading work verb.

- A thing treated: 对楼道管线进行了清理, 对围墙进行加固处理, 对外墙统一用涂料粉刷 (对 + object +
  manner + a treatment word) is the work on that object.
- A facility opened: 某某食堂正式开业, “某某之家”在某小区建成 (a name with a facility head, or a
  quoted name, right before an opening verb).
- A village industry: 某某养殖场, 某某茶叶基地 (a named farm or park of the village).
- A standing service told by its routine: 某某饭堂每天为老人供餐, “某某课堂”由大学生志愿者辅导
  (a named facility opening its clause, right before a word of routine).
- A quoted facility: 来到“某某议事亭”, 向“某某爱心超市”捐赠 (the quotation itself ends with a
  facility head; a physical facility counts even when the text calls it a platform).
"""
from __future__ import annotations

import re

from kg.recognise.lexicon import (ATTRIBUTE_TIMES, FACILITY_HEADS, INDUSTRY_HEADS, NOT_PROJECT_HEADS, OPENING_VERBS,
                                  ROUTINE_CUES, TOPONYM_ENDS, TREATMENTS)
from kg.recognise.project_base import CUT_FLAGS, QUOTE, ProjectMention, alternation, clean, head_of
from kg.recognise.quantities import strip_quantities
from kg.text import segment
from kg.text.split import clause_bounds

# manner and light verbs allowed between the object and its treatment
_FILL = r"(?:重新|全面|统一|集中|彻底|逐一|免费|义务|进行了|进行|实施了|实施|开展了|开展|予以|加以|了|用[^，,。；;：:\n]{1,10}?|以[^，,。；;：:\n]{1,12}?为主题)*"
_TREATED = re.compile(rf"对(?P<obj>[^，,。；;！!？?：:、\n“”]{{2,12}}?){_FILL}(?P<work>{alternation(TREATMENTS)})(?:处理)?")
_OPENED = re.compile(rf"(?:正式)?(?:{alternation(OPENING_VERBS)})")
_ROUTINE = re.compile(alternation(ROUTINE_CUES))
# objects that are people, behaviour or an abstraction, not a thing to be worked on
_NOT_THINGS = ("居民", "老人", "群众", "家庭", "住户", "行为", "问题", "隐患", "情况", "工作", "环境", "秩序", "车辆", "车流",
               "人流", "学生", "人员")
_BARE_PLACE = re.compile(r"(?:另外|其他|其余|这些|部分|多个|各)?(?:小区|社区|村|院落|楼栋)")
_FACILITY = tuple(sorted(FACILITY_HEADS, key=len, reverse=True))
_PLACE_AFTER = re.compile(rf"[{TOPONYM_ENDS}]?(?:村|社区|镇|乡|街道|小区)")  # 茶园村, 茶园坪村
_INDUSTRY = re.compile(rf"[\u4e00-\u9fff]{{2,8}}?(?P<head>{alternation(INDUSTRY_HEADS)})")


def recognise(text: str) -> list[ProjectMention]:
    """Treated things, opened facilities and village industries; quoted facilities come from
    `quoted`, run after the rules that read a head written after a quotation (“某某驿站”便民柜)."""
    return _treated(text) + _opened(text) + _industries(text) + _routines(text)


def _routines(text: str) -> list[ProjectMention]:
    """某某饭堂每天为老人供餐: a named facility (not a bare 食堂) that opens its clause, right before a
    word of routine."""
    out = []
    for m in _ROUTINE.finditer(text):
        if m.group(0) == "由" and text.startswith(("于", "此"), m.end()):
            continue  # 由于, 由此: no agent of a routine
        if not text[max(0, m.start() - 6):m.start()].endswith(_FACILITY + ("”",)):
            continue  # no facility's name right before (the cheap test first: 由 is everywhere)
        a, _ = clause_bounds(text, m.start(), m.start())
        name = text[a:m.start()].rsplit("的", 1)[-1]  # 社区的儿童之家: what the community has
        if not name.endswith(_FACILITY) and not (name.endswith("”") and name.startswith("“")):
            continue
        inner = name.strip("“”")
        if "“" in inner or "”" in inner or not name.startswith("“") and name.endswith(("广场", "公园")):
            continue  # “甲”和“乙”: two names; 人民广场每到傍晚: a public space, not a service
        toks = segment.tokens(inner)
        if not 3 <= len(inner) <= 12 or len(inner) <= len(head_of(inner)) or not name.startswith("“") and (
                toks[0].flag in CUT_FLAGS and segment.is_common(toks[0].word) and not inner.startswith(ATTRIBUTE_TIMES)
                or any(t.flag.startswith(("v", "p")) for t in toks[:-1])):
            continue  # a bare 食堂, or a clause (记者来到食堂) rather than a facility's name (四点半课堂)
        label = f"“{inner}”" if f"“{inner}”" in text else clean(name)  # named as its quoted mention is
        out.append(ProjectMention(label, m.start() - len(name), m.start(), "opened", head_of(inner)))
    return out


def _industries(text: str) -> list[ProjectMention]:
    """山坡上的某某养殖场, 某村某某苗木基地: a named farm or industrial park of the village is a
    project wherever it is mentioned, with or without a verb."""
    out = []
    for m in _INDUSTRY.finditer(text):
        if _PLACE_AFTER.match(text, m.end()):
            continue  # 某镇茶园村, 某乡茶园坪村: the head begins a place's name
        name = _trim_left(m.group(0)[:-len(m.group("head"))]) + m.group("head")
        if len(name) - len(m.group("head")) >= 2:
            start = m.end() - len(name)
            out.append(ProjectMention(clean(name), start, m.end(), "industry", m.group("head")))
    return out


def _treated(text: str) -> list[ProjectMention]:
    out = []
    for m in _TREATED.finditer(text):
        obj = _trim_left(m.group("obj"))
        if len(obj) < 2 or any(w in obj for w in _NOT_THINGS) or obj.endswith(NOT_PROJECT_HEADS) \
                or _BARE_PLACE.fullmatch(strip_quantities(obj)):
            continue  # 对另外3个小区实施改造: a renovation of places not named, no work of its own
        label = clean(obj + m.group("work"))
        start = m.end("obj") - len(obj)
        out.append(ProjectMention(label, start, m.end(), "treated", m.group("work"), objects={clean(obj)}))
    return out


def _opened(text: str) -> list[ProjectMention]:
    out = []
    for m in _OPENED.finditer(text):
        a, _ = clause_bounds(text, m.start(), m.start())
        before = text[a:m.start()]
        if "在" in before:
            before = before[:before.rindex("在")]  # “某某之家”在某小区建成
        name = _name_before(before.rstrip())
        if name:
            start = a + before.rindex(name)
            out.append(ProjectMention(clean(name), start, start + len(name), "opened", head_of(name)))
    return out


def _name_before(text: str) -> str:
    """The facility named at the end of `text`: a quotation, or a phrase ending in a facility head."""
    if text.endswith("”") and "“" in text:
        return text[text.rindex("“"):]
    if text.endswith(_FACILITY):
        return _trim_left(text[-16:])
    return ""


def _trim_left(text: str) -> str:
    """Drop the left context of a noun phrase up to its last function word or word of place
    (村里的饮水工程 → 饮水工程, 村里某某基地 → 某某基地)."""
    toks = segment.tokens(text)
    start = 0
    for k, t in enumerate(toks[:-1]):
        if (t.flag in CUT_FLAGS or t.flag == "s") and segment.is_common(t.word) \
                and not (t.flag == "t" and k == len(toks) - 2):
            start = k + 1  # but a time word right before the head names it (老年食堂, 暑期托管班)
    return "".join(t.word for t in toks[start:])


def quoted(text: str) -> list[ProjectMention]:
    out = []
    for m in QUOTE.finditer(text):
        inner = m.group(1)
        if inner.endswith(_FACILITY) and len(inner) >= 3 and not re.search(r"[，,。！？!?]", inner):
            out.append(ProjectMention(m.group(0), m.start(), m.end(), "quoted", head_of(inner) or inner[-2:]))
    return out
