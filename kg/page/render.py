"""The graph page: one self-contained HTML file that opens from file:// with no network request.

vis-network comes from the installed pyvis package and is inlined with its CSS; positions are
precomputed with networkx and physics is off, so a 10,000-node page opens quickly. The page can
show the whole graph or a part: some types, the neighbourhood of one entity, or the entities a
CONSTRUCT query returns (their details still come from the whole graph).
"""
from __future__ import annotations

import html
import importlib.util
import json
import shlex
from functools import lru_cache
from importlib import resources
from pathlib import Path

import networkx as nx
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDFS, SKOS

from kg.errors import E, KgError, close_to
from kg.page import layout
from kg.page.view import REL_LABEL, TYPE_NAME, entity_types, graph_data
from kg.rdf.vocab import SHEQU

TYPE_STYLE = {  # colour, shape
    "Province": ("#8e24aa", "hexagon"), "City": ("#3949ab", "hexagon"), "District": ("#1e88e5", "diamond"),
    "Subdistrict": ("#00897b", "diamond"), "Community": ("#e53935", "dot"), "Neighborhood": ("#fb8c00", "square"),
    "Organization": ("#43a047", "triangle"), "Project": ("#6d4c41", "star"),
}
BIG = 3000  # nodes; above this edge labels and hover are off so the page stays responsive


@lru_cache(maxsize=1)
def _assets() -> tuple[str, str, str, str]:
    # found without importing pyvis, which imports IPython (a fifth of a second per build)
    lib = Path(importlib.util.find_spec("pyvis").origin).parent / "lib" / "vis-9.1.2"
    here = resources.files("kg.page")
    return (lib / "vis-network.min.js").read_text(encoding="utf-8"), \
        (lib / "vis-network.css").read_text(encoding="utf-8"), \
        here.joinpath("template.html").read_text(encoding="utf-8"), here.joinpath("labels.js").read_text(encoding="utf-8")


def render_page(g: Graph, keep: set[URIRef] | None = None, title: str = "社区治理知识图谱") -> str:
    data = graph_data(g, keep)
    G = layout.to_networkx(data)
    pos, size = layout.positions(G, {n["id"]: n["label"] for n in data["nodes"]}), layout.sizes(G)
    angle = layout.label_angles(G, pos)
    for n in data["nodes"]:
        color, shape = TYPE_STYLE[n["type"]]
        n.update(color=color, shape=shape, size=size.get(n["id"], 10))
        n["x"], n["y"] = pos.get(n["id"], (0.0, 0.0))
        if n["id"] in angle:
            n["la"] = angle[n["id"]]
    counts = {t: sum(1 for n in data["nodes"] if n["type"] == t) for t in TYPE_STYLE}
    legend = "".join(f'<label class="lg"><input type="checkbox" checked data-type="{t}"><i style="background:{c}"></i>'
                     f'{html.escape(TYPE_NAME[t])} {counts[t]}</label>' for t, (c, _s) in TYPE_STYLE.items() if counts[t])
    big = len(data["nodes"]) > BIG
    options = {"big": big, "edgeLabels": not big, "hover": not big}
    js, css, template, labels_js = _assets()
    # inside <script type="application/json">: only "</" could end it early
    payload = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")).replace("</", "<\\/")
    return (template.replace("/*__VIS_CSS__*/", css).replace("/*__VIS_JS__*/", js).replace("/*__LABELS_JS__*/", labels_js)
            .replace("__TITLE__", html.escape(title)).replace("__LEGEND__", legend)
            .replace("__OPTIONS__", json.dumps(options)).replace("__DATA__", payload))


def overview_page(counts: dict[str, int], out_dir: str, limit: int, title: str = "社区治理知识图谱") -> str:
    """The page of a graph too large to draw at once (more than ``limit`` entities): what it
    holds and how to draw a part of it. No graph is loaded to write it, so a build of any size
    stays within its memory."""
    rows = "".join(f"<tr><td>{html.escape(TYPE_NAME[t])}</td><td>{t}</td><td>{counts.get(t, 0):,}</td></tr>"
                   for t in TYPE_STYLE if counts.get(t))
    d = html.escape(shlex.quote(out_dir))  # a command that still works pasted, spaces and all
    return (f'<!doctype html><html lang="zh"><head><meta charset="utf-8"><title>{html.escape(title)}</title>'
            "<style>body{font-family:sans-serif;max-width:46em;margin:2em auto}td{padding:.2em 1em}"
            "code{background:#f3f3f3;padding:.1em .3em}</style></head><body>"
            f"<h1>{html.escape(title)}</h1><p>The graph has {sum(counts.values()):,} entities, more than the "
            f"{limit:,} one page can draw. Draw a part of it:</p><ul>"
            f"<li><code>kg render -d {d} --type 社区/村</code></li>"
            f"<li><code>kg render -d {d} --around 某某社区 --depth 2</code></li>"
            f"<li><code>kg render -d {d} --query my.rq</code> (a CONSTRUCT query)</li></ul>"
            f"<table><tr><th>类型</th><th>type</th><th>entities</th></tr>{rows}</table></body></html>")


def of_types(g: Graph, types: list[str]) -> set[URIRef]:
    """Entities of the given types (English names as in the ontology, or the Chinese ones)."""
    zh = {v: k for k, v in TYPE_NAME.items()}
    wanted = {zh.get(t, t) for t in types}
    unknown = wanted - set(TYPE_NAME)
    if unknown:
        first = sorted(unknown)[0]
        raise KgError(E.E041, name=", ".join(sorted(unknown)), choices=", ".join(TYPE_NAME),
                      close=close_to(first, [*TYPE_NAME, *TYPE_NAME.values()]))
    return {iri for iri, t in entity_types(g).items() if t in wanted}


def around(g: Graph, name: str, depth: int = 1) -> set[URIRef]:
    """The entity called ``name`` (label or alias) and everything within ``depth`` relations."""
    types = entity_types(g)
    start = sorted({s for p in (RDFS.label, SKOS.altLabel) for lit in (Literal(name, lang="zh"), Literal(name))
                    for s in g.subjects(p, lit) if s in types})
    if not start:
        names = {str(o) for p in (RDFS.label, SKOS.altLabel) for s, o in g.subject_objects(p) if s in types}
        raise KgError(E.E040, name=name, close=close_to(name, names))
    G = nx.Graph()
    for rel in REL_LABEL:
        G.add_edges_from((s, o) for s, o in g.subject_objects(SHEQU[rel]) if s in types and o in types)
    keep: set[URIRef] = set(start)
    for s in start:
        if s in G:
            keep |= set(nx.ego_graph(G, s, radius=depth))
    return keep


def from_construct(g: Graph, triples) -> set[URIRef]:
    """The entities named anywhere in a CONSTRUCT result."""
    types = entity_types(g)
    return {t for triple in triples for t in (triple[0], triple[2]) if t in types}


def render_built(graph_dir: str, types: list[str] | None = None, around_name: str | None = None, depth: int = 1,
                 query_file: str | None = None, params: dict[str, str] | None = None,
                 title: str = "社区治理知识图谱") -> tuple[str, bool]:
    """The page for a folder written by `kg build`, whole or limited by type, neighbourhood
    and/or a CONSTRUCT query (all given limits apply); also says whether it is a part."""
    src = Path(graph_dir) / "graph.ttl"
    if not src.is_file():
        raise KgError(E.E030, path=graph_dir)
    g = Graph().parse(src, format="turtle")
    parts: list[set[URIRef]] = []
    if types:
        parts.append(of_types(g, types))
    if around_name:
        parts.append(around(g, around_name, depth))
    if query_file:
        from kg.query.execute import resolve, run
        text, bindings = resolve(file=query_file, params=params or {})
        result = run(text, bindings, "oxigraph", graph_dir)
        if result.kind != "graph":
            raise KgError(E.E042)
        parts.append(from_construct(g, result.triples))
    keep = set.intersection(*parts) if parts else None
    return render_page(g, keep, title), keep is not None
