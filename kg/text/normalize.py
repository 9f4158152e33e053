"""Text normalisation: one canonical simplified-Chinese form for everything downstream.

NFKC (full-width forms, Kangxi radicals), traditional → simplified (OpenCC t2s), pinyin
annotations removed (社區(qū) → 社区), garbage from broken encodings dropped.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import opencc

from kg.text.furniture import strip_furniture

# A pinyin syllable with a tone mark, as scrapes print it after a character: 社区(qū)
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
_SYL = rf"[a-zü]*[{_TONED}][a-zü]*"
# a word of several syllables (社区(shèqū), 居民(jū mín)): its letters taken possessively, so that a
# long run of pinyin with no ")" after it fails at once instead of trying every split into syllables
_LETTERS = f"[a-zü{_TONED}]"
_WORD = rf"(?=[a-zü\s']*[{_TONED}]){_LETTERS}++(?:[\s']{_LETTERS}++)*+"
_PINYIN = re.compile(rf"\(\s*{_WORD}\s*\)")
# second, looser pass: a stray syllable with only one parenthesis, next to garbled bytes
_PINYIN_LOOSE = re.compile(rf"\(?{_WORD}\)")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffd\ue000-\uf8ff]")
# CJK Radicals Supplement: the few that stand in for common characters in scraped text
_RADICALS = str.maketrans({"⺁": "厂", "⺅": "亻", "⺇": "几", "⺈": "刀", "⺊": "卜", "⺋": "卩", "⺌": "小",
                           "⺍": "小", "⺎": "兀", "⺏": "尢", "⺐": "尢", "⺑": "尢", "⺒": "巳", "⺓": "幺",
                           "⺔": "彐", "⺖": "忄", "⺗": "心", "⺘": "扌", "⺙": "攵", "⺛": "旡", "⺜": "日",
                           "⺝": "月", "⺞": "歹", "⺟": "母", "⺠": "民", "⺡": "氵", "⺢": "水", "⺣": "灬",
                           "⺤": "爪", "⺥": "爫", "⺦": "丬", "⺧": "牛", "⺨": "犭", "⺩": "王", "⺪": "疋",
                           "⺫": "目", "⺬": "示", "⺭": "礻", "⺮": "竹", "⺯": "糸", "⺰": "纟", "⺱": "罒",
                           "⺲": "罒", "⺳": "网", "⺴": "罒", "⺵": "网", "⺶": "羊", "⺷": "羊", "⺸": "羊",
                           "⺹": "耂", "⺺": "聿", "⺻": "聿", "⺼": "月", "⺽": "臼", "⺾": "艹", "⺿": "艹",
                           "⻀": "艹", "⻁": "虎", "⻂": "衤", "⻃": "西", "⻄": "西", "⻅": "见", "⻆": "角",
                           "⻇": "角", "⻈": "讠", "⻉": "贝", "⻋": "车", "⻌": "辶", "⻍": "辶", "⻎": "辶",
                           "⻏": "阝", "⻐": "金", "⻑": "长", "⻒": "长", "⻓": "长", "⻔": "门", "⻕": "龺",
                           "⻖": "阝", "⻗": "雨", "⻘": "青", "⻙": "韦", "⻚": "页", "⻛": "风", "⻜": "飞",
                           "⻝": "食", "⻞": "食", "⻟": "食", "⻠": "饣", "⻡": "首", "⻢": "马", "⻣": "骨",
                           "⻤": "鬼", "⻥": "鱼", "⻦": "鸟", "⻧": "卤", "⻨": "麦", "⻩": "黄", "⻪": "黾",
                           "⻫": "齐", "⻬": "齐", "⻭": "齿", "⻮": "齿", "⻯": "龙", "⻰": "龙", "⻱": "龟",
                           "⻲": "龟", "⻳": "龟"})
# OpenCC keeps 著 where mainland text writes the particle 着 (带著 → 带着)
_ZHE_KEEP = re.compile(r"著(?=名|作|称|述|录|者|书|有)|(?<=[显编原名论土卓昭专遗巨合新拙昭])著")


@lru_cache(maxsize=1)
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def _fix_zhe(text: str) -> str:
    if "著" not in text:
        return text
    keep = {m.start() for m in _ZHE_KEEP.finditer(text)}
    return "".join("着" if c == "著" and i not in keep else c for i, c in enumerate(text))


def normalize(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = unicodedata.normalize("NFKC", text).translate(_RADICALS)
    text = _CONTROL.sub("", text)
    text = _t2s().convert(text)
    text = _PINYIN.sub("", text)
    text = _PINYIN_LOOSE.sub("", text)
    text = _fix_zhe(text)
    # NFKC turns the ideographic space into a plain one; keep lines tidy
    text = "\n".join(line.strip() for line in text.split("\n"))
    return strip_furniture(text)


# format characters (zero-width space/joiners, BOM, bidi marks) and the few letters that print blank
_BLANK_LETTERS = {"\u115f", "\u1160", "\u3164", "\uffa0", "\u2800"}


def has_visible_text(text: str) -> bool:
    """False for text of only blanks, zero-width and other invisible characters."""
    return any(not c.isspace() and c not in _BLANK_LETTERS and unicodedata.category(c) not in ("Cf", "Cc", "Zs")
               for c in text)
