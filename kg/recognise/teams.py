"""Named teams of outside bodies: organisations, not projects.

A team the community sets up (社区组建“某某”志愿服务队) is a standing service, a project; a named
team that comes from outside (跟随“某某”志愿服务队走进某村, 某供电公司共产党员服务队来到某社区)
is an organisation that serves the community (guidelines). The team is named by a quotation
before its kind, or by its body's name (with a bracketed branch) before 共产党员服务队.
"""
from __future__ import annotations

import re

from kg.recognise.lexicon import FOUNDING_VERBS
from kg.recognise.orgs import OrgMention
from kg.recognise.project_base import CUT_FLAGS
from kg.records import Mention
from kg.text import segment
from kg.text.split import clause_bounds

_KINDS = ("共产党员服务队", "志愿服务队", "志愿者服务队", "志愿服务团", "志愿队", "服务队")
_QUOTED = re.compile(r"“([^“”\n]{2,8})”(" + "|".join(_KINDS) + ")")
_BODY_TEAM = re.compile(r"(?:\([\u4e00-\u9fff]{2,10}\))?共产党员服务队")
_FOUNDING = re.compile("|".join(FOUNDING_VERBS))
_MAX_BODY = 20
# the team's founding told right after it (“某某”志愿服务队，自2016年成立以来; …成立于2019年): no outside
# body named before it, it is the community's own
_FOUNDED_AFTER = re.compile(r"[，,]?(?:自[^，,。；;]{0,8})?(?:" + "|".join(FOUNDING_VERBS) + r")(?:于|以来)")
_PLACE_ENDS = ("村", "社区", "居委", "小区")  # 某村“某某”志愿队: the place's own team
_VISITED = re.compile(r"[进驻入到下](?:村|社区|小区)$")  # 某医院进村“健康”服务队: a visitor's team


def with_teams(text: str, found: list[OrgMention]) -> tuple[list[OrgMention], set[str]]:
    """``found`` with the named teams from outside added as organisations (a name found inside a
    team's, such as its body or quoted part, gives way to the team), and the teams' names: a
    team serves the community it comes to. A team the article shows set up anywhere (组建…),
    or written right after a community's name (某村“某某”志愿队), is the community's own."""
    if "队" not in text and "团" not in text:
        return found, set()
    spans = [(m.start(), m.end(), m.group(0)) for m in _QUOTED.finditer(text)]
    if "共产党员服务队" in text:  # only where its words are: a scan from every character costs
        spans += [(s, e, text[s:e]) for s, e in map(lambda m: _body_team(text, m), _BODY_TEAM.finditer(text)) if s < e]
    starts = [o.mention.start for o in found]
    own = {name for s, e, name in spans if named_by_place(text, s) or _founded(text, s, e)
           or founded_after(text, e) and not body_before(text, s, starts)}
    teams: list[OrgMention] = []
    for s, e, name in sorted(spans):
        label = name.replace("“", "").replace("”", "")
        if name in own or any(t.mention.start < e and s < t.mention.end for t in teams) \
                or any(o.mention.start < e and s < o.mention.end and not s <= o.mention.start < o.mention.end <= e
                       for o in found):
            continue
        teams.append(OrgMention(Mention("Organization", label, s, e, name), label, "SocialOrganization", False,
                                {name} - {label}))
    kept = [o for o in found if not any(t.mention.start <= o.mention.start and o.mention.end <= t.mention.end
                                        for t in teams)]
    return kept + teams, {t.canonical for t in teams}


def named_by_place(text: str, s: int) -> bool:
    """Is the team at ``s`` written right after its community's name (某社区“某某”志愿服务队), not after
    a verb of coming to a place (进村“某某”服务队)?"""
    lead = text[max(0, s - 3):s]
    return lead.endswith(_PLACE_ENDS) and not _VISITED.search(lead)


def body_before(text: str, s: int, body_starts: list[int]) -> bool:
    """Is an organisation named earlier in the sentence of a team at ``s`` (由某会发起的“某某”服务队)?"""
    a, _ = clause_bounds(text, s, s, "。；;！!？?\n")
    return any(a <= x < s for x in body_starts)


def founded_after(text: str, e: int) -> bool:
    """Is a team's founding told right after it (，自2016年成立以来; 成立于2019年)?"""
    return bool(_FOUNDED_AFTER.match(text, e))


def _founded(text: str, s: int, e: int) -> bool:
    a, _ = clause_bounds(text, s, s, "。；;！!？?\n，,")
    return bool(_FOUNDING.search(text, a, e))


def _body_team(text: str, m: re.Match) -> tuple[int, int]:
    """The body's name before 共产党员服务队: the words back to the clause's start, cut after its
    last verb, preposition, pronoun…; (0, 0) when no name is left."""
    a, _ = clause_bounds(text, m.start(), m.start(), "。；;！!？?\n，,、“”")
    a = max(a, m.start() - _MAX_BODY)
    toks = segment.tokens(text[a:m.start()])
    start = 0
    for k, t in enumerate(toks):
        if t.flag in CUT_FLAGS:  # a verb, not a verbal noun such as 供电
            start = k + 1
    name = "".join(t.word for t in toks[start:])
    if len(name) < 4 or not segment.is_name_like(name):
        return 0, 0
    return m.start() - len(name), m.end()
