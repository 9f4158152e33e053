"""What a work is done to: the object written before its verb (道路全部硬化) and whether an
object is a concrete thing (a facility, a named thing) rather than a kind, a programme or an
abstraction. Shared by the rules that read works (kg/recognise/projects.py, stated_works.py)."""
from __future__ import annotations

import re

from kg.recognise.lexicon import (ATTRIBUTE_TIMES, NOT_PROJECT_HEADS, OBJECT_FIRST_VERBS, PROGRAMME_OBJECTS,
                                  PROJECT_KIND_WORDS, WORK_VERBS)
from kg.recognise.project_base import CUT_FLAGS, PAREN, YEAR, head_of
from kg.text import segment

GENERIC_HEADS = {"服务", "项目", "工程", "改造", "设施", "设备", "系统", "更新", "建设", "点", "班", "队", "室", "站", "场", "池",
                 "柜", "灯", "棚", "课", "屋", "厅", "馆", "亭"}
# heads after which one ordinary word names a kind of work, not one (惠民项目, 娱乐设施); a room or a
# station is one facility whatever its word (图书室, 医务室)
_KIND_HEADS = {"服务", "项目", "工程", "改造", "设施", "设备", "系统", "更新", "建设"}
# verbs that only carry a work written after them (对道路进行了硬化)
_LIGHT_VERBS = ("进行", "实施", "开展", "完成", "予以", "加以", "做", "作", "实行", "推进", "启动", "组织")
# words of manner between an object and its work (道路全部硬化) that jieba tags as nouns
_MANNER = ("全部", "全面", "统一", "集中", "整体", "彻底", "逐步", "陆续", "重新", "再次", "一律")
# a whole area before a programme's object (全市老旧小区提质改造, 各村人居环境整治)
_SCOPE = re.compile(r"(?:全|各|全体)[省市州县区镇乡村]$")
# heads that make the work verb before them part of a name (加固工程, 硬化项目)
NAMED_WORK_HEADS = ("工程", "项目")
# words that show no object follows a work verb (改造后, 改造作为, 建设成为)
_NOT_OBJECT_STARTS = ("后", "作为", "成为", "方面")


def left_object(text: str) -> str:
    """The object written before a work (决定把燃气管网一并 → 燃气管网)."""
    toks = segment.tokens(PAREN.sub("", text))
    while toks and (toks[-1].flag in CUT_FLAGS and (toks[-1].flag != "v" or toks[-1].word in _LIGHT_VERBS)
                    or toks[-1].word in "的了" or toks[-1].word in _MANNER):
        toks.pop()  # 对饮水工程进行了 → 饮水工程; but 楼道照明 keeps 照明
    start = 0
    for k, t in enumerate(toks[:-1]):  # the last word is the object's own (照明 in 楼道照明)
        if t.flag in CUT_FLAGS and (segment.is_common(t.word) or not t.word.strip("、，,“”")) \
                and t.word not in ATTRIBUTE_TIMES and not (k == len(toks) - 2 and _names_work(t, toks[-1])):
            start = k + 1  # but a time of life right before the head names it (老年食堂), a work its 工程 (加固工程)
    return "".join(t.word for t in toks[start:])


def _names_work(t: segment.Token, head: segment.Token) -> bool:
    """A verb of two characters or more right before 工程/项目 is the work they name (加固工程); a
    single one is more often glued to the word before it (待|旧|改项目)."""
    return t.flag == "v" and len(t.word) >= 2 and head.word in NAMED_WORK_HEADS


def _programme_work(rest: str) -> bool:
    """Is ``rest`` a programme's object and its work (老旧小区改造, 辖区老旧小区提质改造)?"""
    verb = next((v for v in OBJECT_FIRST_VERBS if rest.endswith(v)), "")
    thing = rest[:len(rest) - len(verb)] if verb else ""
    lead = next((thing[:-len(p)] for p in PROGRAMME_OBJECTS if thing.endswith(p)), None)
    return lead is not None and (not lead or segment.is_common(lead) or bool(_SCOPE.search(lead)))


def concrete(obj: str, before_verb: bool = False) -> bool:
    """Is this the object of a real work (a facility, a named thing), not an abstraction?"""
    if obj.endswith(NOT_PROJECT_HEADS) or obj.startswith(NOT_PROJECT_HEADS) and segment.tokens(obj)[0].word in NOT_PROJECT_HEADS:
        return False  # 管理制度, 活动方案 (but 标准化卫生室: a word that only starts like one)
    head = head_of(obj)
    head = next((v for v in OBJECT_FIRST_VERBS if obj.endswith(v) and len(v) > len(head)), head)  # 提质改造
    rest = YEAR.sub("", obj[:len(obj) - len(head)] if head else obj)
    lead = next((rest[:-len(p)] for p in PROGRAMME_OBJECTS if rest.endswith(p) and rest != p), None)
    if lead is not None and (segment.is_common(lead) or _SCOPE.search(lead)):
        rest = rest[len(lead):]  # 启动老城改造: an ordinary word before the programme's object
    if not before_verb and not rest and (head in GENERIC_HEADS or head in ("产业", "养殖") or len(head) < 2):
        return False  # a bare 服务 or 项目
    if head == "服务" and ("、" in obj or "以及" in obj or "和" in rest):
        return False  # 商户走访、“菜单式”商户服务: a list of activities
    words = segment.words(rest) if rest else []
    if head in _KIND_HEADS and len(words) == 1 and len(rest) <= 2 and (
            words[0] in PROJECT_KIND_WORDS or segment.is_common(words[0]) and not before_verb):
        return False  # 惠民项目, 基础设施, 娱乐设施 (but 饮水工程进行了升级改造 is a work)
    if rest in PROGRAMME_OBJECTS and (before_verb or head in GENERIC_HEADS or head in OBJECT_FIRST_VERBS):
        return False  # 老旧小区改造, 城市更新: a programme, not one work
    if head in NAMED_WORK_HEADS and _programme_work(rest):
        return False  # 老旧小区改造项目, 辖区老旧小区改造工程: the programme's name
    toks = segment.tokens(obj)
    if before_verb and obj in WORK_VERBS:
        return False  # 完成了维修改造, 建设改造: a work written before another is no object
    if obj.startswith(_NOT_OBJECT_STARTS) or toks and toks[0].word == "成":
        return False  # 改造后…, 改造作为…, 打造成…: the verb's clause goes on, no object follows
    return not (toks and toks[0].flag in ("p", "c", "d", "r", "f", "u") and segment.is_common(toks[0].word))
