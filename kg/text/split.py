"""Split a normalised file into articles, and an article into sentences.

News pages often carry several short reports one after another, each opened by a dateline
(本报讯 …, 记者 … 报道) under its own short title lines. Facts of one report must not attach to
another report's community, so each report becomes its own Article.
"""
from __future__ import annotations

import bisect
import re

from kg.records import Article, Sentence

# A line that opens a report body: 本报讯（通讯员 …）… / 新华社成都电 / 讯 (记者 …)
_DATELINE = re.compile(r"^(?:[#\s]*)(?:本报讯|本刊讯|本台讯|[\u4e00-\u9fff]{0,8}讯\s*[(（]|[\u4e00-\u9fff]{2,6}社[\u4e00-\u9fff]{2,6}电)")
_HEADING = re.compile(r"^#{1,6}\s")
_CAPTION = re.compile(r"^[▲△▼■□●◆◇★☆]")
_SENTENCE_END = "。！？!?；;"
_MAX_TITLE = 40


def _is_title_like(line: str) -> bool:
    s = line.strip()
    if not s:
        return True
    if _HEADING.match(s) or _CAPTION.match(s):
        return True
    return len(s) <= _MAX_TITLE and s[-1] not in "。，,；;"


def split_articles(doc: str, text: str) -> list[Article]:
    lines = text.split("\n")
    starts = [0]
    for i, line in enumerate(lines):
        if i == 0 or not _DATELINE.match(line):
            continue
        j = i
        while j > 0 and _is_title_like(lines[j - 1]) and i - j < 8:
            j -= 1
        while j < i and not lines[j].strip():
            j += 1
        if j > starts[-1]:
            starts.append(j)
    articles = []
    for n, (a, b) in enumerate(zip(starts, starts[1:] + [len(lines)])):
        body = "\n".join(lines[a:b]).strip("\n")
        if not body.strip():
            continue
        title = next((ln.strip("# ").strip() for ln in lines[a:b] if ln.strip()), "")
        articles.append(Article(doc=doc, index=len(articles), title=title[:80], text=body))
    return articles


_SENT = re.compile(rf"[^{_SENTENCE_END}\n]*(?:[{_SENTENCE_END}]+[”’」』)]?|\n|$)")


def sentences(text: str) -> list[Sentence]:
    out = []
    for m in _SENT.finditer(text):
        s, e = m.start(), m.end()
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append(Sentence(s, e, text[s:e]))
    return out


CLAUSE_END = "，,。；;！!？?：:\n"
# no clause of the genre runs longer than this on either side of a word; a run of text with no mark
# (a scraped page's list, a paste gone wrong) is cut here, so that the rules that read a clause
# around each cue word stay linear in the article's length
MAX_CLAUSE = 200


def clause_bounds(text: str, start: int, end: int, stops: str = CLAUSE_END) -> tuple[int, int]:
    """The clause around text[start:end]: from the previous to the next clause-ending mark, at most
    MAX_CLAUSE characters either side."""
    a, lo = start, max(0, start - MAX_CLAUSE)
    while a > lo and text[a - 1] not in stops:
        a -= 1
    b, hi = end, min(len(text), end + MAX_CLAUSE)
    while b < hi and text[b] not in stops:
        b += 1
    return a, b


def sentence_at(sentences: list[Sentence], pos: int) -> Sentence | None:
    """The sentence holding character ``pos``, or None (a binary search: sentences are in order)."""
    k = bisect.bisect_right(sentences, pos, key=lambda s: s.start) - 1
    if k >= 0 and sentences[k].start <= pos < sentences[k].end:
        return sentences[k]
    return None
