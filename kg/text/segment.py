"""jieba segmentation with character offsets, and the word statistics the recognisers use.

One private jieba Tokenizer per process, initialised once from jieba's bundled dictionary
(no downloads). Recognisers ask two things of it: where words start and end, and whether a
word is an ordinary dictionary word or looks like a proper name.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import lru_cache

import jieba
import jieba.posseg

jieba.setLogLevel(logging.WARNING)

# nouns of the field that jieba splits into verbs or a clause (社会 / 组织, 住 / 建): segmented as one
# word so that the verb is not taken for the end of a clause (区社会组织联合会, 某某区住建局)
FIELD_NOUNS = ("社会组织", "党组织", "群团组织", "自治组织", "经济组织", "集体经济组织",
               "住建", "住保", "发改", "统战", "行政审批", "应急管理", "住房和城乡建设")

# Place-tagged words (ns) are treated as names unless they are very common.
PLACE_WORD_FREQ = 1000


@dataclass(frozen=True)
class Token:
    word: str
    flag: str
    start: int
    end: int


@lru_cache(maxsize=1)
def _tagger() -> jieba.posseg.POSTokenizer:
    tk = jieba.Tokenizer()
    tk.initialize()
    for w in FIELD_NOUNS:
        tk.add_word(w, tag="n")
    return jieba.posseg.POSTokenizer(tk)


def tokens(text: str) -> list[Token]:
    return list(_tokens(text))


@lru_cache(maxsize=1 << 16)
def _tokens(text: str) -> tuple[Token, ...]:
    """Recognisers ask for the same short spans again and again (a stem, its left context):
    tagged once per process."""
    out, pos = [], 0
    for pair in _tagger().lcut(text, HMM=True):
        w = pair.word
        out.append(Token(w, pair.flag, pos, pos + len(w)))
        pos += len(w)
    return tuple(out)


def words(text: str) -> list[str]:
    return [w for w in _tagger().tokenizer.lcut(text, HMM=True)]


def freq(word: str) -> int:
    return _tagger().tokenizer.FREQ.get(word) or 0


def tag(word: str) -> str | None:
    return _tagger().word_tag_tab.get(word)


PROPER_TAGS = ("nr", "ns", "nz", "nt", "nrt", "nrfg")


def is_common(word: str) -> bool:
    """An ordinary dictionary word (so not, by itself, a proper name)."""
    f = freq(word)
    if f == 0:
        return False
    return not (tag(word) in PROPER_TAGS and f < PLACE_WORD_FREQ)


def is_name_like(text: str) -> bool:
    """Does this stem contain something that reads as a proper name (not only common words)?"""
    return any(len(w) >= 2 and not is_common(w) for w in words(text)) or (
        len(text) >= 2 and freq(text) == 0 and all(len(w) == 1 for w in words(text))) or (
        freq(text) > 0 and not is_common(text))  # a dictionary word tagged as a name (ns, nz…)
