"""The interactive graph page: one self-contained HTML file, no network request.

vis-network comes from the pyvis package and is inlined with its CSS; positions are
precomputed with networkx and physics is off, so large graphs open quickly. Clicking a node
shows its type, code, aliases, neighbours, quantities and the evidence sentences.
"""
from __future__ import annotations

import html
import json
import math
from functools import lru_cache
from pathlib import Path

import networkx as nx
import pyvis
from rdflib import Graph, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from .records import ENTITY_TYPES
from .vocab import SHEQU

TYPE_STYLE = {  # colour, shape, Chinese name
    "Province": ("#8e24aa", "hexagon", "省"),
    "City": ("#3949ab", "hexagon", "市"),
    "District": ("#1e88e5", "diamond", "区/县"),
    "Subdistrict": ("#00897b", "diamond", "街道/镇"),
    "Community": ("#e53935", "dot", "社区/村"),
    "Neighborhood": ("#fb8c00", "square", "小区"),
    "Organization": ("#43a047", "triangle", "机构"),
    "Project": ("#6d4c41", "star", "项目"),
}
REL_LABEL = {"locatedIn": "位于", "supports": "支持", "hasProject": "项目"}
SPRING_LIMIT = 1500  # nodes; above this a cheaper layout is used


@lru_cache(maxsize=1)
def _vis_assets() -> tuple[str, str]:
    lib = Path(pyvis.__file__).parent / "lib" / "vis-9.1.2"
    return (lib / "vis-network.min.js").read_text(encoding="utf-8"), (lib / "vis-network.css").read_text(encoding="utf-8")


def graph_data(g: Graph) -> dict:
    """Nodes, edges and details of every entity of the graph, as plain JSON-able data."""
    types: dict[URIRef, str] = {}
    for t in ENTITY_TYPES:
        for s in g.subjects(RDF.type, SHEQU[t]):
            types[s] = t
    nodes, details = [], {}
    ids = {iri: k for k, iri in enumerate(sorted(types))}
    for iri, k in ids.items():
        label = str(g.value(iri, RDFS.label) or iri)
        t = types[iri]
        aliases = sorted(str(a) for a in g.objects(iri, SKOS.altLabel))
        code = g.value(iri, SHEQU.adminCode)
        qty = []
        for q in g.objects(iri, SHEQU.hasQuantity):
            qty.append(str(g.value(q, SHEQU.asWritten) or g.value(q, RDF.value)))
        years = sorted(str(y) for y in g.objects(iri, SHEQU.year))
        nodes.append({"id": k, "label": label, "type": t})
        details[k] = {"iri": str(iri), "type": t, "typeName": TYPE_STYLE[t][2], "label": label, "aliases": aliases,
                      "code": str(code) if code else "", "reason": str(g.value(iri, SHEQU.linkReason) or ""),
                      "quantities": sorted(qty), "years": years, "evidence": []}
    edges = []
    for rel in REL_LABEL:
        for s, o in g.subject_objects(SHEQU[rel]):
            if s in ids and o in ids:
                edges.append({"from": ids[s], "to": ids[o], "rel": rel})
    edges.sort(key=lambda e: (e["from"], e["to"], e["rel"]))
    titles = {a: str(g.value(a, RDFS.label) or "") for a in g.subjects(RDF.type, SHEQU.Article)}
    for st in g.subjects(RDF.type, SHEQU.Evidence):
        s, p, o = g.value(st, RDF.subject), g.value(st, RDF.predicate), g.value(st, RDF.object)
        sent = g.value(st, SHEQU.sentence)
        if sent is None or s not in ids or o not in ids:
            continue
        art = g.value(st, SHEQU.wasDerivedFrom) or next(iter(g.objects(st, URIRef("http://www.w3.org/ns/prov#wasDerivedFrom"))), None)
        item = {"rel": REL_LABEL.get(str(p).rsplit("#", 1)[-1], ""), "other": "", "sentence": str(sent),
                "article": titles.get(art, "")}
        for a, b in ((s, o), (o, s)):
            d = dict(item, other=str(g.value(b, RDFS.label) or ""))
            details[ids[a]]["evidence"].append(d)
    for d in details.values():
        d["evidence"].sort(key=lambda e: (e["rel"], e["other"], e["sentence"]))
    return {"nodes": nodes, "edges": edges, "details": details}


def _layout(data: dict) -> dict[int, tuple[float, float]]:
    G = nx.Graph()
    G.add_nodes_from(n["id"] for n in data["nodes"])
    G.add_edges_from((e["from"], e["to"]) for e in data["edges"])
    if not G:
        return {}
    n = G.number_of_nodes()
    scale = 120 * math.sqrt(n)
    if n <= SPRING_LIMIT:
        pos = nx.spring_layout(G, seed=7, iterations=60 if n < 500 else 30, scale=scale)
    else:
        # big graphs: each connected piece on its own, pieces on a spiral
        pos, angle, radius = {}, 0.0, 0.0
        for comp in sorted(nx.connected_components(G), key=lambda c: (-len(c), min(c))):
            sub = G.subgraph(comp)
            r = 40 * math.sqrt(len(comp))
            local = nx.kamada_kawai_layout(sub, scale=r) if len(comp) <= 60 else nx.circular_layout(sub, scale=r)
            cx, cy = radius * math.cos(angle), radius * math.sin(angle)
            for k, (x, y) in local.items():
                pos[k] = (x + cx, y + cy)
            radius += r / max(1.0, radius / 400)
            angle += 2.4
    return {k: (round(float(x), 1), round(float(y), 1)) for k, (x, y) in pos.items()}


def render_page(g: Graph, title: str = "社区治理知识图谱") -> str:
    data = graph_data(g)
    pos = _layout(data)
    degree: dict[int, int] = {}
    for e in data["edges"]:
        degree[e["from"]] = degree.get(e["from"], 0) + 1
        degree[e["to"]] = degree.get(e["to"], 0) + 1
    for n in data["nodes"]:
        color, shape, _ = TYPE_STYLE[n["type"]]
        n.update(color=color, shape=shape, size=round(10 + 4 * math.sqrt(degree.get(n["id"], 0)), 1))
        if n["id"] in pos:
            n["x"], n["y"] = pos[n["id"]]
    for e in data["edges"]:
        e["label"] = REL_LABEL[e["rel"]]
    js, css = _vis_assets()
    legend = "".join(f'<label class="lg"><input type="checkbox" checked data-type="{t}"><span style="background:{c}">'
                     f'</span>{html.escape(z)}</label>' for t, (c, _s, z) in TYPE_STYLE.items())
    payload = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")).replace("</", "<\\/")
    return _TEMPLATE.format(title=html.escape(title), css=css, js=js, legend=legend, data=payload)


_TEMPLATE = """<!DOCTYPE html>
<html lang="zh">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>{css}</style>
<style>
body{{margin:0;font-family:"Noto Sans CJK SC","Microsoft YaHei",sans-serif;display:flex;height:100vh}}
#side{{width:340px;padding:10px;border-right:1px solid #ddd;overflow:auto;font-size:14px}}
#net{{flex:1;height:100vh}}
#q{{width:100%;padding:6px;font-size:15px;box-sizing:border-box}}
.lg{{display:inline-block;margin:3px 8px 3px 0;cursor:pointer}}
.lg span{{display:inline-block;width:12px;height:12px;border-radius:6px;margin:0 3px;vertical-align:middle}}
#hits div{{cursor:pointer;padding:2px 4px}} #hits div:hover{{background:#eef}}
#panel h2{{font-size:18px;margin:10px 0 4px}} .ev{{border-left:3px solid #ccc;padding:2px 6px;margin:6px 0}}
.muted{{color:#777;font-size:12px}}
</style>
</head>
<body>
<div id="side">
<h1 style="font-size:18px">{title}</h1>
<input id="q" type="search" placeholder="搜索名称（可输入部分名称）" autocomplete="off">
<div id="hits"></div>
<div id="legend">{legend}</div>
<div id="stats" class="muted"></div>
<div id="panel"></div>
</div>
<div id="net"></div>
<script>{js}</script>
<script>
const DATA = {data};
const nodes = new vis.DataSet(DATA.nodes.map(n => Object.assign({{}}, n, {{title: n.label}})));
const edges = new vis.DataSet(DATA.edges.map((e, i) => Object.assign({{id: i, arrows: "to", font: {{size: 10}}}}, e)));
const network = new vis.Network(document.getElementById("net"), {{nodes, edges}}, {{
  physics: false, interaction: {{hover: true}},
  nodes: {{font: {{size: 14, face: "Noto Sans CJK SC, sans-serif"}}}},
  edges: {{color: {{color: "#999"}}, smooth: false}}
}});
window.kgNetwork = network;
document.getElementById("stats").textContent = DATA.nodes.length + " 个实体，" + DATA.edges.length + " 条关系";
function esc(s) {{ const d = document.createElement("div"); d.textContent = s; return d.innerHTML; }}
function show(id) {{
  const d = DATA.details[id]; if (!d) return;
  const nb = network.getConnectedNodes(id).map(k => DATA.details[k]).filter(Boolean);
  let h = "<h2>" + esc(d.label) + "</h2><div>" + esc(d.typeName) + (d.code ? " · 代码 " + esc(d.code) : "") + "</div>";
  if (d.aliases.length) h += "<div>别名：" + d.aliases.map(esc).join("、") + "</div>";
  if (d.reason) h += "<div class=muted>链接：" + esc(d.reason) + "</div>";
  if (d.quantities.length) h += "<div>数量：" + d.quantities.map(esc).join("、") + "</div>";
  if (d.years.length) h += "<div>年份：" + d.years.map(esc).join("、") + "</div>";
  h += "<div>相邻：" + nb.map(x => esc(x.label)).join("、") + "</div><h3>证据</h3>";
  h += d.evidence.map(e => "<div class=ev><b>" + esc(e.rel) + " " + esc(e.other) + "</b><br>" + esc(e.sentence) +
       "<div class=muted>" + esc(e.article) + "</div></div>").join("") || "<div class=muted>无</div>";
  document.getElementById("panel").innerHTML = h;
}}
function focusNode(id) {{
  network.selectNodes([id]); network.focus(id, {{scale: 1.2, animation: false}}); show(id);
}}
network.on("click", p => {{ if (p.nodes.length) show(p.nodes[0]); }});
const q = document.getElementById("q");
q.addEventListener("input", () => {{
  const s = q.value.trim(); const box = document.getElementById("hits"); box.innerHTML = "";
  if (!s) return;
  const hits = DATA.nodes.filter(n => n.label.includes(s) || DATA.details[n.id].aliases.some(a => a.includes(s))).slice(0, 20);
  hits.forEach(n => {{ const el = document.createElement("div"); el.textContent = n.label + "（" + DATA.details[n.id].typeName + "）";
    el.onclick = () => focusNode(n.id); box.appendChild(el); }});
}});
q.addEventListener("keydown", ev => {{ if (ev.key === "Enter") {{ const f = document.querySelector("#hits div"); if (f) f.click(); }} }});
document.querySelectorAll("#legend input").forEach(cb => cb.addEventListener("change", () => {{
  const off = new Set([...document.querySelectorAll("#legend input")].filter(c => !c.checked).map(c => c.dataset.type));
  nodes.update(DATA.nodes.map(n => ({{id: n.id, hidden: off.has(n.type)}})));
}}));
</script>
</body>
</html>
"""
