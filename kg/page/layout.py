"""Where nodes sit and how big they are, computed once in Python so the browser does no physics.

Each connected piece is laid out on its own with networkx (spring layout, more iterations for
small pieces; a circle for huge ones; no SciPy needed), then the
pieces are packed in rows, largest first, so lone nodes do not push the rest out of view.
This stays fast at 10,000 nodes (scripts/bench_page.py). Size grows with degree.
"""
from __future__ import annotations

import math

import networkx as nx

EDGE = 90.0  # canvas units between neighbours
GAP = 70.0


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


def _grid(nodes: list[int]) -> dict[int, tuple[float, float]]:
    """Nodes with no relation, in a grid with room for their labels."""
    cols = max(1, math.ceil(math.sqrt(len(nodes) * 2)))
    return {v: ((i % cols) * 230.0, (i // cols) * 55.0) for i, v in enumerate(nodes)}


def positions(G: nx.Graph) -> dict[int, tuple[float, float]]:
    comps = sorted(nx.connected_components(G), key=lambda c: (-len(c), min(c)))
    if not comps:
        return {}
    lone = sorted(v for c in comps if len(c) == 1 for v in c)
    layouts = [_piece(G, c) for c in comps if len(c) > 1] + ([_grid(lone)] if lone else [])
    pieces = []
    for local in layouts:
        xs, ys = [p[0] for p in local.values()], [p[1] for p in local.values()]
        pieces.append((local, min(xs), min(ys), max(xs) - min(xs) + GAP, max(ys) - min(ys) + GAP))
    width = max(max(p[3] for p in pieces), math.sqrt(sum(p[3] * p[4] for p in pieces)) * 1.4)
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
