"""Where nodes sit and how big they are, computed once in Python so the browser does no physics.

Each connected piece is laid out on its own with networkx (spring layout, more iterations for
small pieces; a circle for huge ones; no SciPy needed), then the
pieces are packed in rows, largest first, so lone nodes do not push the rest out of view.
A fanned leaf's label goes on its outer side (``label_angles``), pointing away from its hub, so
the labels of a fan spread out like the fan instead of piling up under it; nodes with no
relation sit in a grid whose cells fit the longest label. This stays fast at 10,000 nodes
(scripts/bench_page.py). Size grows with degree.
"""
from __future__ import annotations

import math

import networkx as nx

EDGE = 90.0  # canvas units between neighbours
GAP = 70.0
GRID_EM = 36.0  # canvas units per character of a small node's label when the whole graph is in view (labels.js)


def to_networkx(data: dict) -> nx.Graph:
    G = nx.Graph()
    G.add_nodes_from(n["id"] for n in data["nodes"])
    G.add_edges_from((e["from"], e["to"]) for e in data["edges"])
    return G


def _piece(G: nx.Graph, comp: set[int]) -> dict[int, tuple[float, float]]:
    """One connected piece: the core by spring layout, its leaves (projects, lone backers) fanned
    out around their hub on a circle wide enough for their labels."""
    n = len(comp)
    sub = G.subgraph(comp)
    leaves = {v for v in comp if sub.degree(v) == 1} if n > 3 else set()
    core = comp - leaves or comp
    leaves = comp - core
    r = EDGE * math.sqrt(n) * 1.3
    if len(core) == 1:
        pos = {next(iter(core)): (0.0, 0.0)}
    elif len(core) <= 1500:
        pos = nx.spring_layout(G.subgraph(core), seed=7, k=1.8 / math.sqrt(len(core)),
                               iterations=120 if len(core) <= 250 else 40, scale=r)
    else:
        pos = nx.circular_layout(G.subgraph(core), scale=r)
    pos = {k: (float(x), float(y)) for k, (x, y) in pos.items()}
    cx = sum(p[0] for p in pos.values()) / len(pos)
    cy = sum(p[1] for p in pos.values()) / len(pos)
    fans: dict[int, list[int]] = {}
    for v in sorted(leaves):
        fans.setdefault(next(iter(sub[v])), []).append(v)
    for hub, fan in fans.items():
        hx, hy = pos[hub]
        out = math.atan2(hy - cy, hx - cx) if (hx, hy) != (cx, cy) else -math.pi / 2
        spread = 2 * math.pi if len(fan) > 6 else math.radians(25 * len(fan))
        radius = EDGE * 0.8 + 11 * len(fan)
        for i, v in enumerate(fan):
            a = out + spread * ((i + 0.5) / len(fan) - 0.5)
            pos[v] = (hx + radius * math.cos(a), hy + radius * math.sin(a))
    return pos


def ems(label: str) -> float:
    """A label's width in font heights: a Chinese character is one, a Latin letter or digit about half."""
    return sum(1.0 if ord(c) > 0x2E80 else 0.55 for c in label)


def _grid(nodes: list[int], labels: dict[int, str]) -> dict[int, tuple[float, float]]:
    """Nodes with no relation, in a grid whose cells fit the longest label (at the size labels
    take when the page first shows the whole graph), about twice as wide as high."""
    widest = max((ems(labels.get(v, "")) for v in nodes), default=4.0)
    cell_w, cell_h = GRID_EM * (widest + 1.5), GRID_EM * 3.2
    cols = max(1, math.ceil(math.sqrt(len(nodes) * 2 * cell_h / cell_w)))
    return {v: ((i % cols) * cell_w, (i // cols) * cell_h) for i, v in enumerate(nodes)}


def label_angles(G: nx.Graph, pos: dict[int, tuple[float, float]]) -> dict[int, int]:
    """For each leaf of a hub (one relation, to a node with more): the direction from the hub
    to it, in whole degrees (canvas y grows downwards). Its label is drawn on that side."""
    out = {}
    for v in G:
        if G.degree(v) == 1:
            hub = next(iter(G[v]))
            if G.degree(hub) > 1 and pos.get(v) != pos.get(hub):
                (hx, hy), (x, y) = pos[hub], pos[v]
                out[v] = round(math.degrees(math.atan2(y - hy, x - hx))) % 360
    return out


def positions(G: nx.Graph, labels: dict[int, str] | None = None) -> dict[int, tuple[float, float]]:
    comps = sorted(nx.connected_components(G), key=lambda c: (-len(c), min(c)))
    if not comps:
        return {}
    lone = sorted(v for c in comps if len(c) == 1 for v in c)
    layouts = [_piece(G, c) for c in comps if len(c) > 1] + ([_grid(lone, labels or {})] if lone else [])
    pieces = []
    for local in layouts:  # each piece's box, with room for the labels below its nodes
        half = {k: ems((labels or {}).get(k, "")) * GRID_EM / 2 for k in local}
        x0, x1 = min(p[0] - half[k] for k, p in local.items()), max(p[0] + half[k] for k, p in local.items())
        y0, y1 = min(p[1] for p in local.values()), max(p[1] for p in local.values()) + GRID_EM * 1.5
        pieces.append((local, x0, y0, x1 - x0 + GAP, y1 - y0 + GAP))
    width = max(max(p[3] for p in pieces), math.sqrt(sum(p[3] * p[4] for p in pieces)) * 1.2)
    pos: dict[int, tuple[float, float]] = {}
    x = y = row = 0.0
    for local, x0, y0, w, h in pieces:  # shelf packing: left to right, then a new row
        if x > 0 and x + w > width:
            x, y, row = 0.0, y + row, 0.0
        for k, (px, py) in local.items():
            pos[k] = (px - x0 + x, py - y0 + y)
        x += w
        row = max(row, h)
    return {k: (round(float(px), 1), round(float(py), 1)) for k, (px, py) in pos.items()}


def sizes(G: nx.Graph) -> dict[int, float]:
    return {k: round(9 + 3.5 * math.sqrt(d), 1) for k, d in G.degree()}
