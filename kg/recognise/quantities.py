"""Amounts, counts, areas and years stated in a span of text, as exact typed values.

Chinese numerals and 万/亿 units are converted by cn2an; 多/余/以上 mark a value as approximate.
"""
from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache
from itertools import product


from kg.records import Quantity

_NUM = r"(?:\d+(?:\.\d+)?|[零〇一二三四五六七八九十百千两]+)"
AMOUNT = re.compile(rf"({_NUM}(?:[多余])?(?:万|亿|千万|百万)?(?:[多余])?)元(以上|左右)?")
# 口, 眼, 段 and 部 count only after digits: 一部分, 三口之家 and 一段时间 are words
_AFTER_DIGITS = r"(?:(?<=\d)|(?<=\d[多余]))(?:口|眼|段|部(?!门))"
COUNT = re.compile(rf"({_NUM})([多余])?(个|盏|户|栋|处|套|台|座|条|间|块|根|项|名|支|家|所|辆|张|份|{_AFTER_DIGITS})")
AREA = re.compile(rf"({_NUM})([多余])?(平方米|亩|公里|米)")
YEAR = re.compile(r"((?:19|20)\d{2})年")


# a plain number that cn2an would give back unchanged (tested against it): read without importing it
_PLAIN = re.compile(r"((?:0|[1-9][0-9]{0,7})(?:\.[0-9]{1,4})?)(万|亿)?")
_UNIT = {None: 1, "万": 10 ** 4, "亿": 10 ** 8}


_NUMERALS = "零〇一二三四五六七八九十百千两"
_SHORT = 3  # Chinese numerals up to this length are read from a table that cn2an made once


def _read_short() -> dict[str, str | None]:
    import cn2an

    out: dict[str, str | None] = {}
    for n in range(1, _SHORT + 1):
        for chars in product(_NUMERALS, repeat=n):
            text = "".join(chars)
            try:
                out[text] = str(Decimal(str(cn2an.cn2an(text, "smart"))).normalize())
            except (ValueError, KeyError, TypeError):
                out[text] = None
            except Exception:  # noqa: BLE001 (not in the table: asked of cn2an, which raises it)
                continue
    return out


@lru_cache(maxsize=1)
def _short() -> dict[str, str | None]:
    """cn2an's reading of every numeral of up to three characters (两, 十二, 三百…), made once per
    machine and kept in the user cache: an article with one of them does not import cn2an."""
    import hashlib
    from importlib import metadata

    from kg import atomic
    key = hashlib.sha256(f"cn2an {metadata.version('cn2an')} {_NUMERALS} {_SHORT} smart".encode()).hexdigest()[:16]
    return atomic.disk_cached("cn2an-short", key, _read_short)


def to_decimal(text: str) -> Decimal | None:
    plain = _PLAIN.fullmatch(text)
    if plain:
        return (Decimal(plain[1]) * _UNIT[plain[2]]).normalize()
    if len(text) <= _SHORT:
        table = _short()
        if text in table:
            return None if table[text] is None else Decimal(table[text])
    try:
        import cn2an  # 0.2 s to import: only Chinese numerals and units pay it

        value = cn2an.cn2an(text, "smart")
    except (ValueError, KeyError, TypeError):
        return None
    return Decimal(str(value)).normalize()


def _fmt(d: Decimal) -> str:
    s = format(d.normalize(), "f")
    return s


def amounts(text: str) -> list[Quantity]:
    out = []
    for m in AMOUNT.finditer(text):
        raw = m.group(1)
        approx = any(c in raw for c in "多余") or bool(m.group(2))
        value = to_decimal(raw.replace("多", "").replace("余", ""))
        if value is not None and value > 0:
            out.append(Quantity("investment", _fmt(value), "CNY", approx, m.group(0)))
    return out


def counts(text: str) -> list[Quantity]:
    out = []
    for rx, kind in ((COUNT, "count"), (AREA, "area")):
        for m in rx.finditer(text):
            value = to_decimal(m.group(1))
            if value is not None and value > 0:
                out.append(Quantity(kind, _fmt(value), m.group(3), bool(m.group(2)), m.group(0)))
    return out


def years(text: str) -> list[Quantity]:
    return [Quantity("year", y, "", False, y + "年") for y in dict.fromkeys(YEAR.findall(text))]


# a dimension written before its measure (一座长36米的桥, 占地500平方米的加工厂): the word goes with it;
# a one-character one only right after a classifier or at the start (not the 长 of 延长3公里)
_DIMENSION = r"(?:(?:建筑面积|占地面积|总面积|占地|总长|全长|面积|库容)|(?:(?<=[座条处间个栋所块])|^)[长宽高深])(?:约|达|近)?"
STRIP = re.compile(rf"(?:{_DIMENSION})?{_NUM}[多余]?(?:万|亿)?(?:个|盏|户|栋|处|套|台|座|条|间|块|根|项|名|支|家|所|辆|张|份|"
                   r"排|场|只|头|羽|株|棵|把|箱|册|"
                   rf"{_AFTER_DIGITS}|人|平方米|公里|千米|亩|米|元|吨|立方米)(?:[长宽高深]?的)?"
                   "|(?<!第)(?:一些|一批|若干)")  # indefinite counts too (新增一些停车位 → 新增停车位)


_QUOTED = re.compile(r"(“[^“”]*”)")


def strip_quantities(text: str) -> str:
    """安装30盏路灯 → 安装路灯; a quoted name keeps its numbers (“一米菜园”)."""
    if "“" not in text:
        return STRIP.sub("", text)
    return "".join(part if k % 2 else STRIP.sub("", part) for k, part in enumerate(_QUOTED.split(text)))
