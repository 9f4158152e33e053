"""The object of a building verb that fills the rest of its clause (更换防盗门，增设无障碍坡道。).

Reports list works as verb + thing far more often than with a facility word the lexicon knows
(球场, 坡道, 桌椅…). After a verb that can only mean building, laying, buying or replacing a
physical thing, a plain noun phrase that runs to the end of the clause is that thing, whatever
its head noun. Abstract or vague objects are still refused by the callers' head-word tests.
"""
from __future__ import annotations

from kg.text import segment

# verbs whose object is always a physical thing (not 更新观念, 整治环境, 建设队伍)
BUILDING_VERBS = frozenset({"安装", "修建", "新建", "新修", "更换", "增设", "铺设", "加装", "改建", "扩建", "搭建",
                            "粉刷", "埋设", "建造", "购置", "配置", "架设", "修筑", "新打", "整饰", "翻新",
                            "修缮", "维修", "装修"})
# tags of the words before the head (无障碍 b, 生态 n, 老旧 a, 休闲 v); the head itself is a noun
_MODIFIER_FLAGS = ("n", "b", "a", "j", "v")
_HEAD_FLAGS = ("n", "nz", "ng", "nr", "ns", "j")
_JOINERS = ("、", "和", "及")
# heads that are people, posts, software, cards or money, not a thing built (配置专职社工, 增设公益岗位,
# 安装反诈软件, 维修资金)
_NOT_THINGS = ("居民", "村民", "群众", "住户", "业主", "老人", "人员", "干部", "资金", "费用", "经费", "款项",
               "社工", "网格员", "志愿者", "保安", "岗位", "软件", "程序", "APP", "卡", "证", "制度", "机制")
_MAX_LEN = 10


def open_object(run: str) -> str:
    """``run`` (the words after the verb to the clause's end) when it is a plain noun phrase or a
    short list of them (办公桌椅和健身器材), else ''. A verb followed by 的 qualifies the noun
    (八十年代建造的职工住房), it does not build it."""
    if not 2 <= len(run) <= _MAX_LEN or run.startswith("的") or run.endswith(_NOT_THINGS):
        return ""
    toks = segment.tokens(run)
    item: list = []
    for t in toks + [None]:
        if t is None or t.word in _JOINERS:
            if not item or item[-1].flag not in _HEAD_FLAGS or len(item[-1].word) < 2 or not all(
                    x.flag.startswith(_MODIFIER_FLAGS) for x in item[:-1]):
                return ""
            item = []
        else:
            item.append(t)
    return run
