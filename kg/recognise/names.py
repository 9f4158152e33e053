"""Name variants of towns/streets and villages/communities, by rule, for matching the text's
names with the statistical division data's.

Each name gives keys from strict to loose; two names match at the first level where their
keys are equal: the name without its office suffix (湘湖街道办事处 = 湘湖街道, 湘湖社区居委会 =
湘湖社区), then its stem without the type (湘湖街道 = 湘湖镇, 湘湖社区 = 湘湖村), then — for
streets only — the stem without a trailing 街/路 (朝阳街街道 = 朝阳街道, 某某路街道 = 某某街道).
"""
from __future__ import annotations

# longest first; what an office or committee adds to a place's name
_TOWN_OFFICE = ("办事处",)
_TOWN_TYPES = ("街道", "地区", "镇", "乡", "苏木")
_VILLAGE_OFFICE = (("社区居民委员会", "社区"), ("社区居委会", "社区"), ("村民委员会", "村"), ("村委会", "村"),
                   ("居民委员会", ""), ("居委会", ""), ("委员会", ""), ("村委", "村"), ("居民区", ""),
                   ("居委", ""))
_VILLAGE_TYPES = ("社区", "村", "居")
_ROAD = ("街", "路")
_MIN_STEM = 2  # a one-character stem (马村 → 马) names nothing by itself


def _strip(name: str, suffixes: tuple[str, ...]) -> str:
    for s in suffixes:
        if name.endswith(s) and len(name) - len(s) >= _MIN_STEM:
            return name[:-len(s)]
    return name


def town_keys(name: str) -> tuple[str, ...]:
    """湘湖街道办事处 → (湘湖街道, 湘湖, 湘湖); 朝阳街街道 → (朝阳街街道, 朝阳街, 朝阳)."""
    full = _strip(name, _TOWN_OFFICE)
    stem = _strip(full, _TOWN_TYPES)
    loose = _strip(stem, _ROAD) if stem != full else stem
    return (full, stem, loose)


def village_keys(name: str) -> tuple[str, ...]:
    """银闸社区居委会 → (银闸社区, 银闸); 马王村村委会 → (马王村, 马王); 石村社区 → (石村社区, 石村)."""
    full = name
    for office, kept in _VILLAGE_OFFICE:
        if name.endswith(office) and len(name) - len(office) >= _MIN_STEM:
            rest = name[:-len(office)]
            full = rest if rest.endswith(kept) else rest + kept  # 某村村委会 → 某村
            break
    stem = full
    while True:  # 某村社区 → 某村 → 某
        shorter = _strip(stem, _VILLAGE_TYPES)
        if shorter == stem:
            break
        stem = shorter
    return (full, stem)
