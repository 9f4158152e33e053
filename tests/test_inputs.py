"""Bad and odd inputs (issue 12, findings 7 and 8): each is named in one line, the build goes on,
and what can be read is read. Invented sentences only."""
import pytest
from rdflib import RDFS, Graph, Literal

from kg.build import build
from kg.rdf.vocab import SHEQU

ONE = "湖南省长沙市岳麓区青石街道翠竹社区联合绿叶物业公司为居民安装路灯。"
TWO = "江苏省南京市玄武区梅园新村街道长江路社区开展读书活动。"
THREE = "浙江省杭州市西湖区北山街道曙光社区组织志愿者清理河道。"
FOUR = "四川省成都市武侯区浆洗街街道蓝桥社区为老人安装扶手。"
PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>社区新闻 - 示例网</title>
<script>var note = "脚本里的枫叶社区";</script><style>.nav{color:red}</style></head>
<body><nav><ul><li><a href="/">首页</a></li><li><a href="/news">新闻中心</a></li><li><a href="/x">联系我们</a></li></ul></nav>
<article><h1>白鹭社区开展邻里节</h1>
<p>本报讯 近日，福建省厦门市思明区嘉莲街道白鹭社区联合海风物业公司开展邻里节活动，为居民修缮小区道路。</p>
<p>活动当天，社区志愿者为老人测量血压，为孩子讲解垃圾分类知识，现场气氛热烈，居民纷纷点赞。</p>
<p>社区负责人表示，下一步将继续完善服务设施，让居民在家门口享受更多便利。</p></article>
<footer>版权所有 示例网 备案号00000</footer></body></html>"""


@pytest.fixture(scope="module")
def odd(tmp_path_factory):
    src = tmp_path_factory.mktemp("odd")
    for d, text in (("a", ONE), ("b", TWO)):  # the same file name in two folders
        (src / d).mkdir()
        (src / d / "x.txt").write_text(text, encoding="utf-8")
    (src / "utf8.txt").write_bytes(THREE.encode() + b"\xff" + "社区书记表示感谢。".encode())
    (src / "gb.txt").write_bytes(FOUR.encode("gb18030") + b"\xff" + "社区书记表示感谢。".encode("gb18030"))
    (src / "page.html").write_text(PAGE, encoding="utf-8")
    (src / "page-as-text.txt").write_text(PAGE.replace("白鹭", "白云").replace("思明区嘉莲", "集美区杏林"),
                                          encoding="utf-8")
    (src / "blank.txt").write_text("\u200b\u200c\u200d\u2060\ufeff \u3000\n\u200b", encoding="utf-8")
    (src / "huge.txt").write_bytes(ONE.encode() * 400)  # 40 kB
    lines: list[str] = []
    out = tmp_path_factory.mktemp("odd-out")
    report = build([str(src), str(src / "nope")], out, show_progress=False, max_file_bytes=32 * 1024,
                   log=lines.append)
    return src, Graph().parse(out / "graph.ttl"), report, lines


def _sources(g: Graph) -> list[str]:
    return sorted(str(o) for o in g.objects(None, SHEQU.sourceFile))


def _said(lines, name, code):
    hits = [ln for ln in lines if name in ln]
    assert len(hits) == 1 and code in hits[0], lines
    return hits[0]


def test_same_name_in_two_folders_is_two_articles(odd):
    _, g, report, _ = odd
    assert {"a/x.txt", "b/x.txt"} <= set(_sources(g))
    assert _sources(g).count("a/x.txt") == 1
    labels = {str(o) for o in g.objects(None, None) if isinstance(o, Literal)}
    assert "翠竹社区" in labels and "长江路社区" in labels


def test_missing_path_is_one_error_and_the_build_goes_on(odd):
    _, g, report, lines = odd
    _said(lines, "nope", "error[E001]")
    assert report.articles >= 5 and len(g) > 0


def test_invalid_bytes_become_replacement_characters_with_a_warning(odd):
    _, g, report, lines = odd
    for name, enc in (("utf8.txt", "utf-8"), ("gb.txt", "gb18030")):
        line = _said(lines, name, "warning[E064]")
        assert "1 undecodable" in line and enc in line
        assert name in _sources(g)
    labels = {str(o) for o in g.objects(None, None) if isinstance(o, Literal)}
    assert {"曙光社区", "蓝桥社区"} <= labels


def test_html_gives_its_main_text(odd):
    _, g, _, _ = odd
    assert {"page.html", "page-as-text.txt"} <= set(_sources(g))
    literals = " ".join(str(o) for o in g.objects(None, None) if isinstance(o, Literal))
    assert "白鹭社区" in literals and "白云社区" in literals
    assert "<" not in literals.replace("<=", "") and "DOCTYPE" not in literals
    assert "枫叶社区" not in literals and "备案号" not in literals  # script and footer are not text
    article = next(g.subjects(SHEQU.sourceFile, Literal("page.html")))
    assert {str(o) for o in g.objects(article, RDFS.label)} == {"白鹭社区开展邻里节"}


def test_blank_file_is_not_an_article(odd):
    _, g, _, lines = odd
    _said(lines, "blank.txt", "error[E003]")
    assert "blank.txt" not in _sources(g)


def test_file_over_the_size_limit_is_refused(odd):
    _, g, report, lines = odd
    line = _said(lines, "huge.txt", "error[E062]")
    assert "32768 bytes" in line and "huge.txt" not in _sources(g)
    assert len(report.errors) == 3  # nope, blank.txt, huge.txt


def test_progress_lines_when_stderr_is_not_a_terminal(tmp_path, capsys):
    src = tmp_path / "in"
    src.mkdir()
    for i, text in enumerate((ONE, TWO, THREE)):
        (src / f"{i}.txt").write_text(text, encoding="utf-8")
    build([str(src)], tmp_path / "out", progress_every=0.0)
    err = capsys.readouterr().err
    assert "progress: extracted 3/3 articles" in err and "progress: read 3 files" in err


def test_output_folder_inside_an_input_is_not_read(tmp_path):
    (tmp_path / "a.txt").write_text(ONE, encoding="utf-8")
    for _ in range(2):  # the second build finds the first one's graph.html under the input
        report = build([str(tmp_path)], tmp_path / "output", show_progress=False)
        assert report.files == 1 and not report.errors
