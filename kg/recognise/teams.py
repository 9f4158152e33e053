"""Named teams of outside bodies: organisations, not projects.

A team the community sets up (社区组建“某某”志愿服务队) is a standing service, a project; a named
team that comes from outside (跟随“某某”志愿服务队走进某村, 某电力某某共产党员服务队来到某社区)
is an organisation that serves the community (guidelines). The team is named by a quotation
before its kind, or by the body's own words before 共产党员服务队.
"""
from __future__ import annotations

import re

from kg.recognise.orgs import OrgMention
from kg.records import Mention
from kg.text.split import clause_bounds

_KINDS = ("共产党员服务队", "志愿服务队", "志愿者服务队", "志愿服务团", "志愿队", "服务队")
_QUOTED = re.compile(r"“([^“”\n]{2,8})”(" + "|".join(_KINDS) + ")")
# a body's team written whole: its words (and a bracketed branch) before 共产党员服务队
_BODY_TEAM = re.compile(r"[\u4e00-\u9fff]{4,20}(?:\([\u4e00-\u9fff]{2,10}\))?[\u4e00-\u9fff]{0,6}?共产党员服务队")
_FOUNDING = re.compile("组建|成立|创立|组成|建立|打造|培育|孵化")


def with_teams(text: str, found: list[OrgMention]) -> tuple[list[OrgMention], set[str]]:
    """``found`` with the named teams not set up in their own clause added as organisations (a
    name found inside a team's, such as its quoted part, gives way to the team), and the teams'
    names: a team serves the community it comes to."""
    teams: list[OrgMention] = []
    if "队" not in text and "团" not in text:
        return found, set()
    # the long pattern only where its last words are (a scan from every character costs ~4% of extraction)
    bodies = _BODY_TEAM.finditer(text) if "共产党员服务队" in text else ()
    for m in list(_QUOTED.finditer(text)) + list(bodies):
        s, e = m.start(), m.end()
        a, _ = clause_bounds(text, s, s, "。；;！!？?\n，,")
        if _FOUNDING.search(text, a, s) or any(t.mention.start < e and s < t.mention.end for t in teams) \
                or any(o.mention.start < e and s < o.mention.end and not s <= o.mention.start < o.mention.end <= e
                       for o in found):
            continue  # set up by the community (a project), or crossing a name found before
        name = m.group(0)
        label = name.replace("“", "").replace("”", "")
        teams.append(OrgMention(Mention("Organization", label, s, e, name), label, "SocialOrganization", False,
                                {name} - {label}))
    kept = [o for o in found if not any(t.mention.start <= o.mention.start and o.mention.end <= t.mention.end
                                        for t in teams)]
    return kept + teams, {t.canonical for t in teams}
