"""jieba segmentation with character offsets, and the word statistics the recognisers use.

One private jieba Tokenizer per process, initialised once from jieba's bundled dictionary
(no downloads). Recognisers ask two things of it: where words start and end, and whether a
word is an ordinary dictionary word or looks like a proper name.
"""
from __future__ import annotations

import hashlib
import io
import logging
import sys
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata

from kg import atomic


def _import_jieba():
    """Import jieba without pkg_resources (~0.15 s), which it only uses to open its own data
    files: without it, jieba opens them by path, the same files."""
    if "jieba" in sys.modules or "pkg_resources" in sys.modules:
        import jieba
        return jieba
    sys.modules["pkg_resources"] = None  # `import pkg_resources` raises ImportError
    try:
        import jieba
    finally:
        del sys.modules["pkg_resources"]
    return jieba


jieba = _import_jieba()
jieba.setLogLevel(logging.WARNING)


def _dict_key() -> str:
    with jieba.get_dict_file() as f:
        path = f.name
    return hashlib.sha256(f"jieba {metadata.version('jieba')} {path} {sys.version_info[:2]}".encode()).hexdigest()[:16]


def _parse_word_tags() -> dict[str, str]:
    tags = {}
    with jieba.get_dict_file() as f:
        for line in f:
            parts = line.decode("utf-8").split()
            if len(parts) == 3:
                tags[parts[0]] = parts[2]
    return tags


@lru_cache(maxsize=1)
def _word_tags() -> dict[str, str]:
    """jieba's part-of-speech tag of every dictionary word, parsed once per machine (user cache)."""
    return atomic.disk_cached("jieba-tags", _dict_key(), _parse_word_tags)


def _import_posseg():
    """Import jieba.posseg without its own parse of the whole dictionary (~0.5 s at import, for a
    module-level tagger): it gets the cached table instead, so it tags exactly as before."""
    if "jieba.posseg" in sys.modules:
        return sys.modules["jieba.posseg"]
    real = jieba.Tokenizer.get_dict_file
    jieba.Tokenizer.get_dict_file = lambda self: io.BytesIO()
    try:
        import jieba.posseg as posseg
    finally:
        jieba.Tokenizer.get_dict_file = real
    posseg.dt.word_tag_tab = dict(_word_tags())
    return posseg


posseg = _import_posseg()

# nouns of the field that jieba splits into verbs or a clause (社会 / 组织, 住 / 建): segmented as one
# word so that the verb is not taken for the end of a clause (区社会组织联合会, 某某区住建局)
FIELD_NOUNS = ("社会组织", "社会工作", "党组织", "群团组织", "自治组织", "经济组织", "集体经济组织",
               "住建", "住保", "发改", "统战", "行政审批", "应急管理", "住房和城乡建设", "适老化")

# the democratic parties' short names that jieba's dictionary does not tag as organisations (民建 a,
# 台盟 ns; it has 农工党 and 致公党 as nt already): so that 民建某省委 keeps its first word
PARTY_NAMES = ("民革", "民盟", "民建", "民进", "台盟")

# Place-tagged words (ns) are treated as names unless they are very common.
PLACE_WORD_FREQ = 1000


@dataclass(frozen=True)
class Token:
    word: str
    flag: str
    start: int
    end: int


@lru_cache(maxsize=1)
def _tagger() -> posseg.POSTokenizer:
    tk = jieba.Tokenizer()
    try:  # jieba keeps its parsed dictionary there (jieba.cache), else in the temp folder
        atomic.user_cache_dir().mkdir(parents=True, exist_ok=True)
        tk.tmp_dir = str(atomic.user_cache_dir())
    except OSError:
        pass
    _initialize(tk)
    for w in FIELD_NOUNS:
        tk.add_word(w, tag="n")
    from kg.text.tagger import CachedTagger  # after the light import of jieba.posseg above

    tagger = CachedTagger.__new__(CachedTagger)  # its __init__ would parse the dictionary again
    tagger.tokenizer = tk
    tagger.word_tag_tab = dict(_word_tags())
    for w in PARTY_NAMES:
        tk.add_word(w, tag="nt")
        tagger.word_tag_tab[w] = "nt"
    return tagger


def _initialize(tk) -> None:
    """jieba's Tokenizer.initialize, reading its cache in one piece: jieba's marshal.load on the
    open file reads it object by object (0.7 s against 0.2 s for the same dictionary)."""
    import marshal
    import os

    path = os.path.join(tk.tmp_dir or "", "jieba.cache")
    if tk.tmp_dir and tk.dictionary == jieba.DEFAULT_DICT and os.path.isfile(path):
        try:
            with open(path, "rb") as f:
                tk.FREQ, tk.total = marshal.loads(f.read())
            tk.initialized = True
            return
        except Exception:
            pass  # damaged: jieba rebuilds it
    tk.initialize()


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
    return list(_words(text))


@lru_cache(maxsize=1 << 14)
def _words(text: str) -> tuple[str, ...]:
    """Stems are cut into words again and again (each check of a name asks): once per process."""
    return tuple(_tagger().tokenizer.lcut(text, HMM=True))


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
