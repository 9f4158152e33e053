"""Page furniture in scraped articles: navigation bars and breadcrumbs are not the article.

A line of short items between separators (首页|新闻|时评|…|福州|厦门) or a breadcrumb
(您所在的位置：某网 > 某频道 > 正文) lists a site's sections; the places and bodies in it are
not facts of the report. Such lines are emptied (the line stays, so paragraphs keep their shape).
"""
from __future__ import annotations

import re

_SEPARATORS = re.compile(r"\s*[|｜]\s*")
_CRUMB = re.compile(r"\s*[>›»]\s*")
_CRUMB_START = ("您所在的位置", "您的位置", "当前位置", "所在位置", "首页")
_MAX_ITEM = 8


def is_furniture(line: str) -> bool:
    items = [x for x in _SEPARATORS.split(line) if x]
    if len(items) >= 4 and all(len(x) <= _MAX_ITEM for x in items):
        return True  # 首页|新闻|时评|体育|…
    crumbs = [x for x in _CRUMB.split(line) if x]
    return len(crumbs) >= 3 and line.startswith(_CRUMB_START)


def strip_furniture(text: str) -> str:
    return "\n".join("" if is_furniture(line) else line for line in text.split("\n"))
