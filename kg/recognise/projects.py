"""Recognise projects: works, facilities, standing service programmes and named projects.

Rules, each general: a quoted name with a project head (“爱心驿站”便民柜); a community's quoted
brand (桂花社区“红色管家”); a work verb with its object (安装30盏路灯) or an object with
its work (停车场升级改造); the items of a listed series of projects; a service programme
(助餐服务方面…). Events, campaigns, methods and titles are refused by their head word. The
mentions of one thing are merged into one project in project_merge.py.
"""
from __future__ import annotations

import bisect
import re

from kg.text import segment
from kg.recognise import facilities, project_merge, series, stated_works, teams
from kg.recognise.lexicon import (ATTRIBUTE_TIMES, FOUNDING_VERBS, HANDOUT_HEADS, HANDOUT_VERBS, LIST_CLASSES,
                                  LIST_INTRO, NOT_PROJECT_HEADS, OBJECT_FIRST_VERBS, OWN_SUBJECT, PROGRAMME_SUFFIX,
                                  PROVIDE_HEADS, PROVIDE_VERBS, STANDING_CUES, TREATMENTS, WEAK_WORK_VERBS, WORK_VERBS)
from kg.recognise.open_objects import BUILDING_VERBS, open_object
from kg.recognise.project_base import (CLAUSE_STOPS, CUT_FLAGS, LEAD, PAREN, QUOTE, ProjectMention, alternation,
                                      clean, cut_to_head, head_of)
from kg.recognise.quantities import strip_quantities
from kg.recognise.work_objects import NAMED_WORK_HEADS, concrete, left_object
from kg.records import Mention, Sentence
from kg.text.split import clause_bounds, sentence_at

_VERB_RE = re.compile(alternation(WORK_VERBS + PROVIDE_VERBS + HANDOUT_VERBS))
# verbs that give a project only with an object of their own heads (提供用房, 投放基础母羊; not
# 发放危房告知书, whose first words end in a head of another kind)
_VERB_HEADS = {**{v: PROVIDE_HEADS for v in PROVIDE_VERBS}, **{v: HANDOUT_HEADS for v in HANDOUT_VERBS}}
# what may follow an industry named by its crop (紫薯种植 + 200亩 or the clause's end)
_INDUSTRY_END = re.compile(r"[\d一二三四五六七八九十百千万余多]|[^\u4e00-\u9fff]|$")
_PROGRAMME = re.compile(rf"([\u4e00-\u9fff]{{2,6}}{PROGRAMME_SUFFIX})方面")
# objects that are a whole place: renovating one is an umbrella over the works done in it
_WHOLE_PLACES = ("小区", "社区", "村", "院落", "片区", "街区", "楼栋", "宿舍", "宿舍区", "家属院", "家属区", "住宅区")
# a quoted programme's kinds that a colon can open the list of its works after (“某某”项目：)
_PROGRAMME_KINDS = ("项目", "工程", "行动", "计划")
# a compound's own party body (某某小区党支部): its teams are the community's own
_COMPOUND_PARTY = ("小区党支部", "小区党总支", "小区党委")
# teams: a project only when the community sets them up (组建, 成立)
_TEAMS = ("队", "团队", "队伍")
_FOUNDING = re.compile("|".join(FOUNDING_VERBS))
# a quotation this short around a verb is a name, not speech
_NAME_QUOTE = 8
# a list item that starts with one of these is a clause (向居民收集的需求), not a work's name
_PREPOSITIONS = ("向", "对", "为", "在", "把", "从", "给", "由")
# words that turn the phrase before them into a method or platform (配餐服务平台, 服务模式)
_METHOD_WORDS = ("平台", "模式", "机制", "体系", "制度", "理念")
# what a community calls its quoted programme (某社区“某某”服务品牌)
_BRANDS = ("服务品牌", "品牌", "党建品牌", "治理品牌")
# the community or one of its own bodies as the subject of 成立 (社区成立…, 某小区党支部又成立…)
_OWN_FOUNDER = re.compile(OWN_SUBJECT + "$")
# works that are also a service offered (家电维修、理发): after their object only on a thing with a
# project head or a work (路灯维修, 屋面防水维修)
_SERVICE_VERBS = ("维修", "更换", "整修")
# words of teaching: what follows them in the clause is a topic (培训课程包括电梯维修、水电安装)
_LESSONS = re.compile(r"培训|课程|讲座|技能|知识")
# the most work verbs one thing's name holds (农网改造工程: one)
_NAMED_VERBS = 3
# the result a thing is turned into (改造成了…, 改建成…)
_RESULT = re.compile(r"^成了?")
# the longest object read before its work (楼道照明设施 + 改造)
_OBJECT_REACH = 24
# how far back a longer word holding a verb may begin (种植业, 新建村史馆)
_NOUN_REACH = 8
# words that join two works (新建广场和安装路灯, 新修公路并建设大棚)
_JOINING_WORDS = "和及与并、又再"



def _quoted(text: str, taken: list[tuple[int, int]], communities: list[Mention]) -> list[ProjectMention]:
    out = []
    ends = {m.end: m for m in communities}
    for m in QUOTE.finditer(text):
        s, e = m.start(), m.end()
        if any(a <= s < b for a, b in taken) or text[s - 1:s] == "等" or re.search(r"[。！？!?,，]", m.group(1)):
            continue  # 等“一社一品牌”项目 is an umbrella; a quoted sentence is speech
        a, b = clause_bounds(text, s, e, CLAUSE_STOPS)
        after = _to_first_head(re.split(r"[、“”]", text[e:b])[0])
        head = cut_to_head(after, 8)
        before = text[a:s]
        first = segment.tokens(head)[0] if head else None
        if head and first.flag in CUT_FLAGS and not head.startswith(ATTRIBUTE_TIMES):  # (“某某”四点半课堂)
            head = ""  # “沉”到服务中: a verb follows, not a name
        head = "" if head.endswith("服务项目") and segment.is_common(head[:-4] or "服务") else head
        if head.endswith("服务") and (head == "服务" or segment.is_common(head[:-2])):
            head = ""  # “点对点”服务, “菜单式”商户服务: a manner of service, not a programme
        refused = next((w for w in NOT_PROJECT_HEADS if after.startswith(w)), "")
        if head and head in _PROGRAMME_KINDS and text[e + len(head):e + len(head) + 1] in ("：", ":"):
            continue  # 实施了一批“微改造”项目：一是…: an umbrella over the works it lists
        if head and len(head) > len(refused):  # “某某”宣传栏 (but not “某某”宣传活动)
            out.append(ProjectMention(clean(m.group(0) + head), s, e + len(head), "quoted", head_of(head)))
        elif after.startswith("活动") and any(c in before for c in STANDING_CUES):
            out.append(ProjectMention(m.group(0) + "活动", s, e + 2, "standing"))
        elif s in ends and (not after or after[0] in "、等和及与" or after.startswith(_BRANDS)):
            out.append(ProjectMention(m.group(1), s, e, "brand"))
    return out


def _to_first_head(after: str) -> str:
    """“某某”志愿服务队在广场…: the name ends at the first head a preposition, verb or adverb
    follows, not at a later head of the clause (广场)."""
    if not cut_to_head(after, 12):
        return after  # no head within reach: nothing to cut
    toks = segment.tokens(after[:12])
    for t, nxt in zip(toks, toks[1:]):
        if head_of(after[:t.end]) and (nxt.flag[:1] == "p" or nxt.flag[:1] in ("v", "d") and not head_of(nxt.word)):
            return after[:t.end]  # (but 护栏|改造: a work that is a head itself goes on)
    return after


def _works(text: str, taken: list[tuple[int, int]], blocked: list[tuple[int, int]]) -> list[ProjectMention]:
    out = []
    in_taken, in_blocked = _marks(text, taken), _marks(text, blocked)
    starts = sorted(x for x, _ in taken)
    for m in _VERB_RE.finditer(text):
        verb, s, e = m.group(0), m.start(), m.end()
        if in_taken[s]:
            continue
        a, b = clause_bounds(text, s, e, CLAUSE_STOPS)
        if verb == "成立" and not _OWN_FOUNDER.search(text, a, s):
            continue  # 成立 gives the community's own team only when the clause names it the founder
        if _inside_a_noun(text, a, s, e) or _inside_a_quoted_name(text, a, s, e):
            continue  # 种植业, 建设者, “平安建设”: the verb is part of a longer word or of a name
        # object after the verb, up to the clause end or the next work verb
        nxt = _VERB_RE.search(text, e, b)
        for _ in range(_NAMED_VERBS):  # 实施农网改造工程, 建成香菇种植大棚: inside the object's name
            if nxt is None or not _names_a_thing(text, nxt):
                break
            nxt = _VERB_RE.search(text, nxt.end(), b)
        k = bisect.bisect_left(starts, e)
        stop = min([starts[k]] if k < len(starts) and starts[k] < b else [], default=nxt.start() if nxt else b)
        stop = min(stop, nxt.start() if nxt else b)
        run = strip_quantities(text[e:stop])  # up to the clause end, the next work verb or an item already taken
        joined = run.startswith("、") or run[:1] in ("和", "及") and segment.tokens(run[:4])[0].word in ("和", "及")
        run = "" if joined else LEAD.sub("", run)  # …和乙, …1.2公里、乙: a list, not an object
        if verb in OBJECT_FIRST_VERBS or verb == "改建":
            run = _RESULT.sub("", run)  # 把空地改造成了“某某菜园”: what the thing became is the work
        if "等" in run:
            listed, run = run[:run.rindex("等")], run[run.rindex("等") + 1:]
            if listed and run.startswith("“"):
                continue  # 打造A、B等“一村一特色”项目: a quoted umbrella over the items listed
            if listed and run.rstrip(".…") in LIST_CLASSES:
                run = listed  # 新建卫生室等基础设施: the items are the work, the class is not
        obj = PAREN.sub("", cut_to_head(run))
        if obj.count("“") > obj.count("”"):
            obj = ""  # 发展新时代“枫桥经验”: the head is a word inside a quoted name that goes on
        if not obj and verb.startswith("新") and text[e:e + 1] == "的":
            obj = _subject(run)  # 新建的风雨连廊把4栋楼连在一起: what was newly built is the subject
        if verb in BUILDING_VERBS and stop == b:  # 更换防盗门，粉刷楼道墙面。: the object of a building verb
            whole = text[e:stop] if text[e:e + 1] == "的" else run  # that ends the clause, whatever its head
            obj = open_object(PAREN.sub("", whole)) or obj
        if obj and run[len(obj):].startswith(_METHOD_WORDS):
            obj = ""  # 打造一站式配餐服务平台: the phrase goes on to a platform, a method, …
        if obj.endswith(("项目", "工程")) and verb in OBJECT_FIRST_VERBS:
            obj = ""  # 改造某片区项目: the work verb is part of a programme's name
        heads = _VERB_HEADS.get(verb)
        if obj and (heads is None or obj.removesuffix("项目").endswith(heads)) and not in_blocked[e] \
                and concrete(obj):
            end = text.find(obj[-2:], e, b) + 2 if text.find(obj[-2:], e, b) >= 0 else b
            label = obj if verb in WEAK_WORK_VERBS or verb in PROVIDE_VERBS else verb + obj
            out.append(ProjectMention(clean(label), s, max(end, e), "work", head_of(obj), objects=_named_work(clean(obj)),
                                      weak=verb in WEAK_WORK_VERBS or verb in PROVIDE_VERBS))
            continue
        after = strip_quantities(text[e:b])  # 管网改造1.2公里、乙: the measure is the work's own
        if verb in OBJECT_FIRST_VERBS and (not after or after[0] in "、的等项和及与") and text[s - 1:s] not in ("、", "和") \
                and not _LESSONS.search(text, a, s):  # 培训课程包括电梯维修: a lesson's topic, not a work
            left = left_object(strip_quantities(text[max(a, s - _OBJECT_REACH):s]))
            if len(left) >= 2 and not any(in_blocked[a:s]) and concrete(left, True) \
                    and (head_of(left) or left.endswith(TREATMENTS) or verb not in _SERVICE_VERBS):
                out.append(ProjectMention(clean(left + verb), s - len(left), e, "work", head_of(left) or verb,
                                          objects={clean(left)}))
    return out


def _subject(run: str) -> str:
    """The noun phrase a clause opens with, up to its first verb, adverb, preposition or
    adjective (风雨连廊|把…, 透水砖步道|平整干净)."""
    words = []
    for t in segment.tokens(run[:_OBJECT_REACH]):
        if t.flag[:1] in ("v", "d", "p", "a", "u", "c", "x", "r", "m", "f"):
            break
        words.append(t.word)
    np = "".join(words)
    return np if head_of(np) else ""  # not 新建的过程中, 新建的学校校长


def _names_a_thing(text: str, verb: re.Match) -> bool:
    """Is a work verb part of a thing's name, right before its head (改造工程, 种植大棚, 养殖基地)?
    Only right after a word of that name: after 和, 、 or 并 it is the next work (新建广场和安装路灯)."""
    before = text[verb.start() - 1:verb.start()]
    if not before or not "\u4e00" <= before <= "\u9fff" or before in _JOINING_WORDS:
        return False
    if verb.group(0) in OBJECT_FIRST_VERBS and text.startswith(NAMED_WORK_HEADS, verb.end()):
        return True
    if verb.group(0) in HANDOUT_HEADS and _INDUSTRY_END.match(text, verb.end()):
        return True  # 发展紫薯种植200亩: a village industry named by its crop, counted or closing the clause
    return any(head_of(text[verb.end():verb.end() + n]) == text[verb.end():verb.end() + n] not in NAMED_WORK_HEADS
               for n in (3, 2))  # (推进项目: a programme's name, not a thing's)


def _named_work(obj: str) -> set[str]:
    """What a work is done to, also inside a work's name (农网改造工程 → 农网), so that it merges with
    the same work written as verb and object (改造农网)."""
    verb = next((v for v in OBJECT_FIRST_VERBS for n in NAMED_WORK_HEADS if obj.endswith(v + n)), None)
    inner = obj[:obj.rindex(verb)] if verb else ""
    return {obj, inner} if len(inner) >= 2 else {obj}


def _marks(text: str, spans: list[tuple[int, int]]) -> bytearray:
    """1 at every position inside one of the spans: an O(1) test per position."""
    out = bytearray(len(text) + 1)
    for a, b in spans:
        out[a:b] = b"\x01" * max(0, b - a)
    return out


def _inside_a_quoted_name(text: str, a: int, s: int, e: int) -> bool:
    """Is the verb inside a short quotation (a name: “平安建设”), not a quoted speech?"""
    if text.count("“", a, s) <= text.count("”", a, s):
        return False
    close = text.find("”", e)
    return 0 <= close - e <= _NAME_QUOTE and close - text.rfind("“", a, s) <= _NAME_QUOTE + 4


def _object_of(label: str) -> set[str]:
    """What a listed work is done to (水库整修 → 水库, 安装路灯 → 路灯), so that the same work
    written again in another form (整修水库2座) is the same project."""
    verb = _VERB_RE.match(label) or next((m for m in _VERB_RE.finditer(label) if m.end() == len(label)), None)
    if verb is None:
        return set()
    obj = label[verb.end():] if verb.start() == 0 else label[:verb.start()]
    return {obj} if len(obj) >= 2 else set()


def _inside_a_noun(text: str, a: int, s: int, e: int) -> bool:
    """Does jieba read text[s:e] as the start of a longer noun (种植业, 养殖户, 建设者)?"""
    a = max(a, s - _NOUN_REACH)  # a word begins a few characters back, not a clause back
    for t in segment.tokens(text[a:min(len(text), e + 4)]):
        if t.start <= s - a < t.end and t.end > e - a:
            if t.flag == "ns" and cut_to_head(text[a + t.end:a + t.end + 5]):
                return False  # 新建村史馆: the verb builds a 村史馆, not a village called 新建村
            return t.flag.startswith("n") and len(t.word) == e - s + 1
    return False


def _listed(text: str, sentence: Sentence) -> list[ProjectMention]:
    """完成…12个项目，包括 A、B、C 等: each item is a project."""
    out = []
    st = sentence.text
    if "项目" not in st:
        return out
    for intro in LIST_INTRO:
        k = st.find(intro, st.find("项目"))
        if k < 0 or len(intro) == 1 and intro != "含":
            continue
        tail = st[k + len(intro):]
        stop = min([tail.find(c) for c in "。；;" if c in tail] or [len(tail)])
        items = re.split(r"[、,，]", tail[:stop].rstrip("等"))
        pos = sentence.start + k + len(intro)
        for it in items:
            label = clean(it.rstrip("等"))
            off = text.find(it, pos)
            if 3 <= len(label) <= 14 and off >= 0 and not label.startswith(_PREPOSITIONS):
                out.append(ProjectMention(label, off, off + len(it), "listed", head_of(label)))
            pos = off + len(it) if off >= 0 else pos
        break
    return out


def _programmes(text: str, found: list[ProjectMention]) -> list[ProjectMention]:
    """助餐服务方面，…: a service programme, unless a facility in the same clause stands for it."""
    out = []
    for m in _PROGRAMME.finditer(text):
        a, b = m.end(), m.end()
        while b < len(text) and text[b] not in "；;。\n":
            b += 1
        if any(a <= p.start < b for p in found):
            continue
        name = m.group(1)
        toks = segment.tokens(name)
        while len(toks) > 1 and toks[0].flag in CUT_FLAGS:
            toks.pop(0)
        name = "".join(t.word for t in toks)
        if len(name) > len(PROGRAMME_SUFFIX):
            out.append(ProjectMention(name, m.start(1) + len(m.group(1)) - len(name), m.end(1), "programme", "服务"))
    return out


def recognise(text: str, sentences: list[Sentence], blocked: list[tuple[int, int]],
              communities: list[Mention]) -> list[ProjectMention]:
    """`blocked` are spans of organisations (组建某某商会 is an organisation, not a project)."""
    items, umbrellas = series.works_on_items(text)
    found: list[ProjectMention] = []
    read = bytearray(len(text) + 1)  # positions inside an item already read
    for label, a, b in series.enumerated(text) + items + series.works_after_a_verb(text) + series.colon_list(text):
        if not read[a]:  # the first list rule to read an item keeps it
            found.append(ProjectMention(label, a, b, "listed", head_of(label), objects=_object_of(label)))
            read[a:b] = b"\x01" * max(0, b - a)
    found += [ProjectMention("", a, b, "umbrella") for a, b in umbrellas]  # taken, then dropped for its empty label
    inside = _marks(text, [(p.start, p.end) for p in found])  # positions inside a project found so far
    for sent in sentences:
        listed = [p for p in _listed(text, sent) if not inside[p.start]]
        for p in listed:
            inside[p.start:p.end] = b"\x01" * max(0, p.end - p.start)
        found += listed
    found += [p for p in facilities.recognise(text) if not any(q.start <= p.start < q.end for q in found)]
    found += _quoted(text, [(p.start, p.end) for p in found], communities)
    found += [p for p in facilities.quoted(text) if not any(q.start <= p.start < q.end for q in found)]
    taken = [(p.start, p.end) for p in found]
    found += _works(text, taken, blocked)
    found += stated_works.recognise(text, [(p.start, p.end) for p in found], communities)
    found += stated_works.changes(text, [(p.start, p.end) for p in found])
    found += stated_works.clefts(text, [(p.start, p.end) for p in found])
    found += _programmes(text, found)
    found = [p for p in found if p.label and (p.rule in ("standing", "treated") or not p.label.endswith(NOT_PROJECT_HEADS))]
    found = [p for p in found if not p.label.endswith(_TEAMS) or _own_team(text, p, blocked)]
    return project_merge.merge(text, sentences, _drop_umbrellas(sentences, found))


def _own_team(text: str, p: ProjectMention, orgs: list[tuple[int, int]]) -> bool:
    """A team is the community's own standing service (a project) when the clause sets it up
    (组建, 成立…) and no outside body before the verb does; an outside body's named team that
    serves the community is that body's (guidelines)."""
    if teams.named_by_place(text, p.start):
        return True  # 某社区“某某”志愿服务队: named by its community, the community's own
    a, _ = clause_bounds(text, p.start, p.start, "。；;！!？?\n")
    verbs = [m for m in _FOUNDING.finditer(text, a, p.end) if m.start() <= p.start]
    if not verbs:  # “某某”志愿服务队，自2016年成立以来: founded, and no outside body before it
        return teams.founded_after(text, p.end) and not teams.body_before(text, p.start, [x for x, _ in orgs])
    return not any(a <= x < verbs[-1].start() and not text[x:y].endswith(_COMPOUND_PARTY) for x, y in orgs)


def _drop_umbrellas(sentences: list[Sentence], found: list[ProjectMention]) -> list[ProjectMention]:
    """对桂园小区进行提质改造，新建车棚，安装摄像头: the renovation of a whole place is an umbrella
    when the same sentence names its parts; alone (完成桂园小区改造) it is the project."""
    def parts_beside(p: ProjectMention) -> bool:
        sent = sentence_at(sentences, p.start)
        return sent is not None and any(q is not p and q.rule in ("work", "treated") and sent.start <= q.start < sent.end
                                        for q in found)
    return [p for p in found if not (p.rule in ("work", "treated") and p.label.endswith(OBJECT_FIRST_VERBS)
                                     and any(o.endswith(_WHOLE_PLACES) for o in p.objects) and parts_beside(p))]
