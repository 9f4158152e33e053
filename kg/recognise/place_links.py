"""After recognition: the chains the text states (成都市武侯区桂溪街道), links of streets and
communities to the division data, and former names (即原某乡某村) folded into the place they became."""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from kg.recognise.gazetteer import Gazetteer
from kg.recognise.lexicon import SUBDISTRICT_SUFFIXES
from kg.records import Mention

LEVEL = {"Province": 1, "City": 2, "District": 3, "Subdistrict": 4, "Community": 5, "Neighborhood": 6}
_FORMER = re.compile(r"(?:即|系|是)?原$")


@dataclass
class PlaceMentions:
    """Places of one article: the mentions, in text order, and the chains the text states."""

    mentions: list[Mention]
    parent_of: dict[int, int] = field(default_factory=dict)  # mention index -> parent mention index
    aliases: dict[int, set[str]] = field(default_factory=dict)  # mention index -> former names
    compound_in: dict[str, str] = field(default_factory=dict)  # compound -> community its name starts with


def chains(text: str, pm: PlaceMentions) -> None:
    """成都市武侯区桂溪街道桂花社区: each place sits in the one written right before it."""
    ms = pm.mentions
    for k in range(1, len(ms)):
        a, b = ms[k - 1], ms[k]
        if a.end == b.start and LEVEL[a.type] < LEVEL[b.type]:
            pm.parent_of[k] = k - 1


def gaz_lookup(gaz: Gazetteer, name: str, parent: int | None, context: list[int]) -> int | None:
    variants = [name]
    if name.endswith("社区") and name[:-2].endswith("村"):
        variants.append(name[:-2])
    level = 4 if name.endswith(SUBDISTRICT_SUFFIXES) else 5
    roots = {r for r in ([parent] if parent is not None else context) if r is not None and gaz.level(r) < level}
    found = {d for r in roots for v in variants for d in gaz.named_below(r, level, v)}
    return found.pop() if len(found) == 1 else None


def link_lower(gaz: Gazetteer, pm: PlaceMentions) -> None:
    """Link streets and communities to the data; a name whose chain in the text disagrees
    with the data (or sits under a place the data lacks) stays unlinked everywhere."""
    ms = pm.mentions
    context = sorted({m.place_id for m in ms if m.place_id is not None and m.type in ("District", "City")})
    links: dict[tuple[str, str], int | None] = {}
    conflict: set[tuple[str, str]] = set()
    for k, m in enumerate(ms):
        if m.type not in ("Subdistrict", "Community"):
            continue
        key = (m.type, m.name)
        pk = pm.parent_of.get(k)
        parent = ms[pk] if pk is not None else None
        if parent is not None and parent.place_id is None:
            conflict.add(key)  # its parent is a place the data lacks: do not guess
            continue
        pid = gaz_lookup(gaz, m.name, parent.place_id if parent else None, context)
        if pid is None:
            if parent is not None:
                conflict.add(key)
            continue
        if links.get(key, pid) != pid:
            conflict.add(key)
        links[key] = pid
        why = "child of the place before it" if parent else "only place of that name under the article's places"
        ms[k] = replace(m, place_id=pid, link_reason=why)  # now, so that its children can follow
    for k, m in enumerate(ms):
        key = (m.type, m.name)
        if key in conflict and m.place_id is not None:
            ms[k] = replace(m, place_id=None, link_reason="the text's chain disagrees with the division data")
        elif key in links and key not in conflict and m.place_id is None:
            ms[k] = replace(m, place_id=links[key], link_reason="same name as a linked mention")


def former_names(text: str, pm: PlaceMentions) -> None:
    """桂花社区即原桥头乡李家湾村: the places after 原 are former names, not places of their own."""
    ms = pm.mentions
    drop = set()
    for k, m in enumerate(ms):
        if k in drop or not _FORMER.search(text[max(0, m.start - 2):m.start]):
            continue
        run = [k]
        while run[-1] + 1 < len(ms) and ms[run[-1] + 1].start == ms[run[-1]].end:
            run.append(run[-1] + 1)
        last = ms[run[-1]]
        target = next((j for j in range(k - 1, -1, -1) if ms[j].type == last.type), None)
        if target is None:
            continue
        full = text[m.start:last.end]
        pm.aliases.setdefault(target, set()).update({last.name, full})
        for j in run[:-1]:  # 桃园乡 → the street of the same stem (桃园街道)
            stem = ms[j].name.rstrip("乡镇")
            same = next((i for i, x in enumerate(ms) if x.type == ms[j].type and i not in run
                         and x.name.startswith(stem)), None)
            if same is not None:
                pm.aliases.setdefault(same, set()).add(ms[j].name)
        drop.update(run)
    if not drop:
        return
    keep = [k for k in range(len(ms)) if k not in drop]
    renum = {old: new for new, old in enumerate(keep)}
    pm.mentions = [ms[k] for k in keep]
    pm.parent_of = {renum[c]: renum[p] for c, p in pm.parent_of.items() if c in renum and p in renum}
    pm.aliases = {renum[k]: v for k, v in pm.aliases.items() if k in renum}
