"""Organisations named in a list that the sentence calls organisations.

甲、乙、丙等多家社会组织: when the list is closed by a class of bodies (社会组织, 企业, 单位…)
and the rules already read one item as an organisation by its suffix, the other items are
organisations too, though written without one (a brand, 某某公益). A list of places or
buildings (在某大厦、某广场等企业) has no item read as an organisation and gives nothing.
"""
from __future__ import annotations

import re

from kg.recognise.lexicon import (COMMUNITY_SUFFIXES, MEDIA_SUFFIXES, NEIGHBORHOOD_SUFFIXES, ORG_SUFFIXES,
                                  SUBDISTRICT_SUFFIXES)
from kg.recognise.orgs import OrgMention, kind_of
from kg.records import Mention
from kg.text import segment

# 等 + optional count (多家, 12家, 一批) + a class of bodies
ORG_CLASSES = ("社会组织", "公益组织", "志愿服务组织", "爱心企业", "企业", "单位", "机构", "商家")
_TAIL = re.compile(rf"等(?:多家|数家|[\d一二三四五六七八九十两]+家|一批)?(?P<cls>{'|'.join(ORG_CLASSES)})")
# the kind a class gives its items when their own name has no suffix to tell
_CLASS_KIND = {"社会组织": "SocialOrganization", "公益组织": "SocialOrganization", "志愿服务组织": "SocialOrganization",
               "爱心企业": "Enterprise", "企业": "Enterprise", "商家": "Enterprise"}
_STOP = "，,。；;！!？?：:\n（(）)“”"
_ITEM = (2, 16)
_MAX_ITEMS = 20
_PLACES = COMMUNITY_SUFFIXES + SUBDISTRICT_SUFFIXES + NEIGHBORHOOD_SUFFIXES


def listed(text: str, found: list[OrgMention]) -> list[OrgMention]:
    """The items of such lists that are not yet organisations, as organisations."""
    spans = {(o.mention.start, o.mention.end) for o in found}
    out = []
    for m in _TAIL.finditer(text):
        a = m.start()
        while a > 0 and text[a - 1] not in _STOP:
            a -= 1
        parts, pos = [], a
        for part in re.split(r"(、|和|及|与)", text[a:m.start()]):
            if part not in ("、", "和", "及", "与"):
                parts.append((pos, pos + len(part)))
            pos += len(part)
        if not 2 <= len(parts) <= _MAX_ITEMS or not any(p in spans for p in parts):
            continue  # a list longer than that is a directory, not a sentence's backers
        if not _bare_name(text[parts[0][0]:parts[0][1]]):
            parts = parts[1:]  # 街道联合甲公司、乙…: the first part carries the clause's subject and verb
        kind = _CLASS_KIND.get(m.group("cls"))
        for s, e in parts:
            name = text[s:e]
            if (s, e) in spans or not _ITEM[0] <= len(name) <= _ITEM[1] or name.endswith(MEDIA_SUFFIXES) \
                    or any(s < b and a2 < e for a2, b in spans) or not _named(name) or name.endswith(_PLACES):
                continue  # 辖区学校, 医院: a kind of body in the list, not one by name; 某社区与甲、乙等: the place
            own = kind_of(name)
            out.append(OrgMention(Mention("Organization", name, s, e, name), name,
                                  own if own != "PublicInstitution" else kind or own, False))
    return out


def _named(item: str) -> bool:
    """A name of its own: a word that is no ordinary word (某某公益), or a long name with a body's
    suffix though made of ordinary words (某某语言文化交流中心); not 辖区学校, 医院."""
    return segment.is_name_like(item) or len(item) >= 6 and item.endswith(ORG_SUFFIXES)


def _bare_name(part: str) -> bool:
    """A first item with no verb, preposition or pronoun in it (不是 在某大厦, 联合某公司)."""
    return len(part) <= 10 and not any(t.flag[:1] in "vpcdr" for t in segment.tokens(part))
