"""Reading and normalising: encodings, traditional script, pinyin annotations, article split."""
import pytest

from kg.text.ingest import decode, find_files, read
from kg.text.normalize import normalize
from kg.text.split import sentences, split_articles

from .conftest import CORPUS

TEXT = "長沙市芙蓉區湘湖街道西湖社區開展活動。"


@pytest.mark.parametrize("enc", ["utf-8", "utf-8-sig", "utf-16", "gb18030", "big5"])
def test_decode_detects_encodings(enc):
    raw = TEXT if enc in ("big5", "utf-16", "utf-8", "utf-8-sig") else normalize(TEXT)
    text, used = decode(raw.encode(enc))
    assert text == raw
    assert used.replace("-sig", "").replace("-le", "") in (enc.replace("-sig", ""), "utf-16")


def test_gbk_bytes_of_simplified_text():
    text, enc = decode("桂花社区党群服务站正式启用".encode("gbk"))
    assert text == "桂花社区党群服务站正式启用" and enc == "gb18030"


def test_traditional_and_pinyin_annotations_are_normalised():
    assert normalize("華盛社區(qū)麓谷小鎮(zhèn)小區(qū)") == "华盛社区麓谷小镇小区"
    # a word of several syllables goes whole (it used to leave 居民(jū behind)
    assert normalize("居民(jūmín)们走进广场(guǎng chǎng)，大家(dàjiā)") == "居民们走进广场,大家"


def test_a_long_run_of_pinyin_with_no_parenthesis_is_read_at_once():
    import time

    text = "歌词：" + "wǒ ài wǒ de jiā xiāng " * 40 + "完"
    start = time.process_time()
    assert normalize(text) == text.replace("：", ":")
    assert time.process_time() - start < 1.0  # it took minutes when the syllables could split many ways
    assert normalize("帶著孩子") == "带着孩子"
    assert normalize("著名企业") == "著名企业"


def test_garbled_spans_do_not_crash():
    out = normalize("了?!甭垂刃℃?zhèn)小区\ufffd\x00党支部")
    assert "zhèn" not in out and "\x00" not in out and "党支部" in out


def test_full_width_and_kangxi_forms_fold():
    assert normalize("ＡＢＣ１２３，⼈民") == "ABC123,人民"


def test_file_with_several_reports_is_split():
    text = normalize((CORPUS / "000_31d1cbc204537de2.txt").read_text(encoding="utf-8"))
    arts = split_articles("000", text)
    assert [a.title for a in arts][1:] == ["文源社区", "咸嘉新村社区"]
    assert "雅林园" in arts[1].text and "雅林园" not in arts[0].text


def test_sentences_cover_text_with_offsets():
    text = "第一句。第二句！\n第三句"
    ss = sentences(text)
    assert [s.text for s in ss] == ["第一句。", "第二句！", "第三句"]
    assert all(text[s.start:s.end] == s.text for s in ss)


def test_find_files_recurses_and_notes_skipped(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "x.txt").write_text("社区", encoding="utf-8")
    (tmp_path / "b.md").write_text("社区", encoding="utf-8")
    (tmp_path / "c.pdf").write_bytes(b"%PDF")
    found = find_files([str(tmp_path)])
    assert [f.doc for f in found.files] == ["a/x.txt", "b.md"]
    assert found.skipped and found.skipped[0].path.endswith("c.pdf")


def test_read_names_the_file(tmp_path):
    p = tmp_path / "t.txt"
    p.write_bytes("西湖社区".encode("big5", errors="ignore") or b"x")
    assert read(p).name == "t.txt"
