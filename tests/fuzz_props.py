"""Properties of decode → normalise → split → extract, for tests/test_fuzz.py (a small budget in
CI) and scripts/fuzz.py (long runs). Every generated text is made of invented fragments."""
from __future__ import annotations

from hypothesis import strategies as st

from kg.records import Article
from kg.text.ingest import decode_counted
from kg.text.normalize import has_visible_text, normalize
from kg.text.split import sentences, split_articles

# pieces of invented reports, and characters that have broken text pipelines before
FRAGMENTS = ["湖南省", "长沙市", "岳麓区", "青石街道", "翠竹社区", "绿叶小区", "江苏省", "南京市", "梅园新村街道",
             "长江路社区", "绿叶物业公司", "街道党工委", "社区居委会", "联合", "支持", "投入", "12万元", "二十盏",
             "安装路灯", "改造小区道路", "开展", "活动", "。", "，", "、", "；", "！", "？", "\n", "\n\n",
             "本报讯", "记者 某某 通讯员 某某", "2024年5月", "社區", "華盛", "(qū)", "(zhèn)", "ＡＢＣ１２３",
             "⼈民", "\u200b", "\ufeff", "\u3000", "\r\n", "\x00", "\ufffd", "\ue000", "#", "  ", "“", "”"]
texts = st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=4), max_size=40).map("".join)
short_texts = st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=12).map("".join)
CJK = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5)


def check_decode(data: bytes) -> None:
    try:
        text, enc, bad = decode_counted(data)
    except ValueError:
        return
    assert isinstance(text, str) and enc and bad >= 0


def check_broken_utf8(chars: str, at: int) -> None:
    """One stray byte in UTF-8 text: the text is kept, the byte becomes U+FFFD and is counted."""
    at = at % (len(chars) + 1)
    data = chars[:at].encode() + b"\xff" + chars[at:].encode()
    assert decode_counted(data) == (chars[:at] + "\ufffd" + chars[at:], "utf-8", 1)


def check_pipeline(raw: str) -> list[Article]:
    text = normalize(raw)
    assert "\r" not in text and "\x00" not in text and "\ufffd" not in text
    assert all(line == line.strip() for line in text.split("\n"))
    if not has_visible_text(text):
        return []
    articles = split_articles("doc.txt", text)
    assert [a.index for a in articles] == list(range(len(articles)))
    for a in articles:
        assert a.text and a.text in text
        for s in sentences(a.text):
            assert a.text[s.start:s.end] == s.text
    return articles


def check_extract(raw: str, gaz) -> None:
    from kg.extract import extract

    for a in check_pipeline(raw):
        x = extract(a, gaz)
        for e in x.entities.values():
            for ev in e.evidence:
                assert 0 <= ev.start <= ev.end <= len(a.text) and ev.sentence in a.text
        for r in x.relations:
            assert r.subject in x.entities and r.object in x.entities
