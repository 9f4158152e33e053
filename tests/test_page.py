"""The graph page in a real headless Chromium: it loads offline without errors, draws every
entity, search focuses the right node, a click shows the evidence sentence. A screenshot of the
sample graph is kept in test-output/."""
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Graph

from kg.page.view import entity_types

from .conftest import CORPUS, OUT, ROOT

class Visit:
    """One page opened from file://, with what it logged and requested."""

    def __init__(self, browser, path: Path):
        self.page = browser.new_page(viewport={"width": 1400, "height": 900})
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.url = path.resolve().as_uri()
        self.page.goto(self.url)
        self.page.wait_for_function("window.kgFirstPaint !== undefined", timeout=30_000)

    def js(self, expr: str):
        return self.page.evaluate(expr)


@pytest.fixture(scope="module")
def sample(browser, built):
    out, _ = built
    v = Visit(browser, out / "graph.html")
    yield v, Graph().parse(out / "graph.ttl")
    v.page.close()


def test_loads_offline_with_no_error_and_keeps_a_screenshot(sample):
    v, _ = sample
    v.page.wait_for_timeout(300)  # let the label resizing after first paint settle
    OUT.mkdir(exist_ok=True)
    v.page.screenshot(path=str(OUT / "sample-graph.png"))
    assert v.errors == []
    assert v.requests == [v.url]  # the page itself, nothing else
    assert (OUT / "sample-graph.png").stat().st_size > 10_000


def test_every_entity_is_drawn(sample):
    v, g = sample
    n = len(entity_types(g))
    assert n > 100
    assert v.js("kg.network.body.nodeIndices.length") == n
    assert v.js("kg.nodes.length") == n
    drawn_edges = v.js("kg.network.body.edgeIndices.length")
    assert drawn_edges == v.js("kg.DATA.edges.length") > 100


def test_search_focuses_the_right_node(sample):
    v, _ = sample
    v.page.fill("#q", "")
    v.page.type("#q", "西湖")  # part of a name
    assert "西湖社区" in v.page.inner_text("#hits")
    v.page.press("#q", "Enter")
    sel = v.js("kg.network.getSelectedNodes()")
    assert len(sel) == 1 and v.js(f"kg.DATA.details[{sel[0]}].label") == "西湖社区"
    view = v.js("kg.network.getViewPosition()")
    at = v.js(f"kg.network.getPositions([{sel[0]}])[{sel[0]}]")
    assert abs(view["x"] - at["x"]) < 1 and abs(view["y"] - at["y"]) < 1  # centred on it
    assert v.page.inner_text("#panel h2") == "西湖社区"
    # the chain shows the official code at every level: GB/T 2260 to the county, NBS 2023 below
    assert "芙蓉区 430102 › 湘湖街道 430102012 › 西湖社区 430102012002" in v.page.inner_text("#panel .chain")
    assert "430102012002（国家统计局2023年统计用区划代码）" in v.page.inner_text("#panel .row")
    v.page.fill("#q", "名家物业")  # an alias finds the organisation
    v.page.press("#q", "Enter")
    assert v.page.inner_text("#panel h2") == "名家物业公司"


def test_click_shows_evidence_and_highlights_neighbours(sample):
    v, g = sample
    node = v.js("kg.DATA.nodes.find(n => n.label === '名家物业公司').id")
    v.js(f"kg.focusNode({node})")
    v.js("kg.network.unselectAll()")
    v.page.fill("#q", "")
    v.js("document.getElementById('panel').innerHTML = ''")
    at = v.js(f"kg.network.canvasToDOM(kg.network.getPositions([{node}])[{node}])")
    box = v.page.locator("#net").bounding_box()
    v.page.mouse.click(box["x"] + at["x"], box["y"] + at["y"])
    panel = v.page.inner_text("#panel")
    assert panel.startswith("名家物业公司")
    sentence = next(str(s) for s in g.objects(None, g.namespace_manager.expand_curie("shequ:sentence"))
                    if "名家物业公司" in str(s))
    assert sentence in panel and "004_" in panel  # the sentence and the file it came from
    assert "支持 → 西湖社区" in panel
    faded = v.js("kg.nodes.get().filter(n => n.opacity === 0.15).length")
    assert 0 < faded < v.js("kg.nodes.length") - 1


def test_type_toggle_hides_a_type(sample):
    v, _ = sample
    projects = v.js("kg.DATA.nodes.filter(n => n.type === 'Project').length")
    v.page.click("#legend input[data-type='Project']")
    assert v.js("kg.nodes.get().filter(n => n.hidden).length") == projects
    v.page.click("#legend input[data-type='Project']")
    assert v.js("kg.nodes.get().filter(n => n.hidden).length") == 0


def _page_data(path: Path) -> dict:
    m = re.search(r'<script id="kg-data" type="application/json">(.*?)</script>', path.read_text(encoding="utf-8"), re.S)
    return json.loads(m.group(1))


def test_render_parts(built, tmp_path, browser):
    out, _ = built
    kg = [sys.executable, "-m", "kg", "render", "-d", str(out)]
    r = subprocess.run(kg + ["--around", "西湖社区", "--depth", "1", "-o", str(tmp_path / "a.html")],
                       cwd=ROOT, capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    labels = {n["label"] for n in _page_data(tmp_path / "a.html")["nodes"]}
    assert {"西湖社区", "名家物业公司", "湘湖街道", "新华联家园"} <= labels and "长沙市" not in labels
    r = subprocess.run(kg + ["--type", "社区/村", "-o", str(tmp_path / "t.html")], cwd=ROOT, capture_output=True, text=True)
    types = {n["type"] for n in _page_data(tmp_path / "t.html")["nodes"]}
    assert r.returncode == 0 and types == {"Community"}
    r = subprocess.run(kg + ["--query", str(ROOT / "ontology/queries/neighbourhood.rq"), "-p", "entity=西湖社区",
                             "-o", str(tmp_path / "q.html")], cwd=ROOT, capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert {n["label"] for n in _page_data(tmp_path / "q.html")["nodes"]} == labels
    v = Visit(browser, tmp_path / "q.html")
    assert v.errors == [] and v.js("kg.network.body.nodeIndices.length") == len(labels)
    v.page.close()
    bad = subprocess.run(kg + ["--around", "没有这个地方"], cwd=ROOT, capture_output=True, text=True)
    assert bad.returncode == 2 and "E040" in bad.stderr


def _overlaps(a, b):
    return a["x0"] < b["x1"] and b["x0"] < a["x1"] and a["y0"] < b["y1"] and b["y0"] < a["y1"]


def test_first_view_has_no_overlapping_labels_and_a_margin(sample):
    v, _ = sample
    v.js("kg.labels.pin(null); kg.labels.fit(40); kg.network.redraw()")
    v.page.wait_for_timeout(200)
    drawn = v.js("kg.labels.drawn()")
    clashes = [(a["text"], b["text"]) for i, a in enumerate(drawn) for b in drawn[i + 1:] if _overlaps(a, b)]
    assert clashes == []
    assert v.js("kg.nodes.get().every(n => n.label === undefined)")  # vis-network draws none of its own
    nodes = v.js("kg.DATA.nodes")
    labelled = {d["id"] for d in drawn if not d["edge"]}
    assert len(labelled) >= 0.7 * len(nodes)  # the rest appear on zooming in
    assert all(n["id"] in labelled for n in nodes if n["type"] in ("Province", "City"))
    w, h = v.js("[kg.network.body.container.clientWidth, kg.network.body.container.clientHeight]")
    at = v.js("kg.network.getPositions()")
    for n in nodes:
        p = v.js(f"kg.network.canvasToDOM({json.dumps(at[str(n['id'])])})")
        assert 20 <= p["x"] <= w - 20 and 20 <= p["y"] <= h - 20, n["label"]
    assert all(d["x0"] >= 0 and d["y0"] >= 0 and d["x1"] <= w and d["y1"] <= h for d in drawn)


def test_lone_organisations_sit_in_a_grid_all_labelled(sample):
    v, _ = sample
    v.js("kg.labels.pin(null); kg.labels.fit(40); kg.network.redraw()")
    lone = v.js("kg.DATA.nodes.filter(n => kg.network.getConnectedNodes(n.id).length === 0)")
    assert len(lone) >= 6
    xs, ys = {n["x"] for n in lone}, {n["y"] for n in lone}
    assert len(xs) >= 2 and len(ys) >= 2 and len(xs) * len(ys) < 2 * len(lone)  # rows and columns, not a line
    labelled = {d["id"] for d in v.js("kg.labels.drawn()")}
    assert all(n["id"] in labelled for n in lone)


def test_every_string_on_the_page_is_chinese(sample):
    v, g = sample
    latin = re.compile(r"[A-Za-z]{2,}")
    panels = v.js("kg.DATA.nodes.map(n => { kg.show(n.id); const p = document.getElementById('panel').cloneNode(true);"
                  " p.querySelectorAll('.ev .muted').forEach(e => e.remove()); return p.innerText; })")
    assert len(panels) > 100
    for panel in panels:
        assert not latin.search(panel), panel  # file names (in .ev .muted) aside
    side = v.js("document.getElementById('side').innerText") + v.page.get_attribute("#q", "placeholder")
    assert not latin.search(side.replace(v.page.inner_text("#panel"), ""))
    reasons = {str(o) for o in g.objects(None, g.namespace_manager.expand_curie("shequ:linkReason"))}
    from kg.page.view import LINK_REASON
    assert reasons and reasons <= set(LINK_REASON)  # the graph keeps English, the page shows Chinese


def test_a_graph_too_large_to_draw_gets_an_overview_page(tmp_path, monkeypatch):
    # above the limit no page of every entity is made (it would need the whole graph in memory):
    # the page says what the graph holds and how to draw a part, with no network request
    import kg.build

    monkeypatch.setattr(kg.build, "PAGE_MAX_ENTITIES", 5)  # the sample has about 120
    report = kg.build.build([str(CORPUS)], tmp_path / "out", show_progress=False)
    page = (tmp_path / "out" / "graph.html").read_text(encoding="utf-8")
    assert f"{sum(report.entities.values()):,} entities" in page
    assert "kg render" in page and "--around" in page
    assert f"<td>{report.entities['Community']:,}</td>" in page
    assert not re.search(r"(src|href)=\"https?:", page)
