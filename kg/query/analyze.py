"""`kg analyze`: what a researcher asks of the backing network, computed with networkx.

- backers: organisations that support a community, ranked by the communities they reach, then
  by betweenness in the organisation–community network (who bridges otherwise separate groups);
- clusters: communities linked by the backers they share (weighted by how many), split by
  Louvain with a fixed seed, so the same graph always gives the same clusters;
- coverage: per district, the communities with no backer and with no project.

The network is read with three SELECTs from the built store (cheap on a million triples), so the
counts are those SPARQL gives. Everything is sorted before it is returned: same graph, same bytes.
"""
from __future__ import annotations

import csv
import io
import json
from collections import defaultdict
from dataclasses import dataclass, field

import networkx as nx

from kg.query.stores import DEFAULT_STORE, open_store

SEED = 15  # the random seed of Louvain and of sampled betweenness: fixed, for deterministic output
EXACT_UP_TO = 2000  # nodes; above, betweenness is estimated from SAMPLE source nodes (exact is O(nodes × edges))
SAMPLE = 500
NO_DISTRICT = "(no district)"

_SUPPORTS = "SELECT ?o ?ol ?c WHERE { ?o shequ:supports ?c ; rdfs:label ?ol }"
_COMMUNITIES = """SELECT ?c ?cl ?d ?dl WHERE { ?c a shequ:Community ; rdfs:label ?cl
                  OPTIONAL { ?c shequ:district ?d . ?d rdfs:label ?dl } }"""
_WITH_PROJECT = "SELECT DISTINCT ?c WHERE { ?c a shequ:Community ; shequ:hasProject ?p }"


@dataclass
class Network:
    """Communities and who supports them."""

    communities: dict[str, tuple[str, str, str]] = field(default_factory=dict)  # iri → label, district iri, its label
    org_label: dict[str, str] = field(default_factory=dict)
    supports: set[tuple[str, str]] = field(default_factory=set)  # (organisation, community)
    with_project: set[str] = field(default_factory=set)


def read(location: str = "output", store: str = DEFAULT_STORE) -> Network:
    net = Network()
    with open_store(store, location) as s:
        for r in s.query(_COMMUNITIES).dicts():
            old = net.communities.get(r["c"])
            new = (r["cl"], r.get("d", ""), r.get("dl", NO_DISTRICT))
            net.communities[r["c"]] = min(old, new) if old else new  # one row per community, whatever the store
        for r in s.query(_SUPPORTS).dicts():
            net.org_label[r["o"]] = min(net.org_label.get(r["o"], r["ol"]), r["ol"])
            net.supports.add((r["o"], r["c"]))
        net.with_project = {r["c"] for r in s.query(_WITH_PROJECT).dicts()}
    net.supports = {(o, c) for o, c in net.supports if c in net.communities}
    return net


def backers(net: Network) -> list[dict]:
    g = nx.Graph()
    g.add_nodes_from(sorted(net.org_label) + sorted(net.communities))
    g.add_edges_from(sorted(net.supports))
    k = None if g.number_of_nodes() <= EXACT_UP_TO else SAMPLE
    between = nx.betweenness_centrality(g, k=k, normalized=True, seed=SEED)
    reach: dict[str, set[str]] = defaultdict(set)
    for o, c in net.supports:
        reach[o].add(c)
    rows = [{"iri": o, "label": net.org_label[o], "communities": len(cs),
             "districts": len({net.communities[c][1] for c in cs} - {""}),
             "betweenness": round(between[o], 6)} for o, cs in reach.items()]
    by_between = sorted(rows, key=lambda r: (-r["betweenness"], -r["communities"], r["label"], r["iri"]))
    place = {r["iri"]: k for k, r in enumerate(by_between, 1)}
    rows.sort(key=lambda r: (-r["communities"], -r["betweenness"], r["label"], r["iri"]))
    return [{"rank": k, **r, "betweenness_rank": place[r["iri"]]} for k, r in enumerate(rows, 1)]


def clusters(net: Network) -> list[dict]:
    """Groups of two or more communities that share backers (Louvain on the shared-backer graph)."""
    by_org: dict[str, list[str]] = defaultdict(list)
    for o, c in sorted(net.supports):
        by_org[o].append(c)
    g = nx.Graph()
    for o in sorted(by_org):
        cs = by_org[o]
        for i, a in enumerate(cs):
            for b in cs[i + 1:]:
                w = g.get_edge_data(a, b, {"weight": 0})["weight"]
                g.add_edge(a, b, weight=w + 1)
    found = nx.community.louvain_communities(g, weight="weight", seed=SEED) if g.number_of_edges() else []
    rows = []
    for members in found:
        shared = sorted(net.org_label[o] for o, cs in by_org.items() if len(members.intersection(cs)) >= 2)
        rows.append({"communities": sorted(net.communities[c][0] for c in members), "size": len(members),
                     "shared_backers": shared})
    rows.sort(key=lambda r: (-r["size"], r["communities"]))
    return [{"cluster": k, **r} for k, r in enumerate(rows, 1)]


def coverage(net: Network) -> list[dict]:
    backed = {c for _, c in net.supports}
    per: dict[tuple[str, str], list[str]] = defaultdict(list)
    for c, (_, d, label) in net.communities.items():
        per[(label, d)].append(c)
    rows = []
    for (label, d), cs in per.items():
        no_backer = sorted(net.communities[c][0] for c in cs if c not in backed)
        no_project = sorted(net.communities[c][0] for c in cs if c not in net.with_project)
        rows.append({"district": label, "iri": d, "communities": len(cs), "no_backer": len(no_backer),
                     "no_project": len(no_project), "without_backer": no_backer, "without_project": no_project})
    rows.sort(key=lambda r: (not r["iri"], -r["communities"], r["district"], r["iri"]))
    return rows


def analyze(location: str = "output", store: str = DEFAULT_STORE) -> dict[str, list[dict]]:
    """The three answers for the graph built in ``location``."""
    net = read(location, store)
    return {"backers": backers(net), "clusters": clusters(net), "coverage": coverage(net)}


# ---- output: a rich table for people, json and csv for scripts ----------------------------------
CSV_COLUMNS = {"backers": ["rank", "label", "communities", "districts", "betweenness", "betweenness_rank", "iri"],
               "clusters": ["cluster", "size", "communities", "shared_backers"],
               "coverage": ["district", "communities", "no_backer", "no_project", "without_backer",
                            "without_project", "iri"]}


def to_json(result: dict[str, list[dict]]) -> str:
    return json.dumps(result, ensure_ascii=False, indent=2) + "\n"


def to_csv(result: dict[str, list[dict]], section: str) -> str:
    """One section as CSV; list cells are joined with "|"."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(CSV_COLUMNS[section])
    for row in result[section]:
        w.writerow(["|".join(v) if isinstance(v, list) else v for v in (row[c] for c in CSV_COLUMNS[section])])
    return buf.getvalue()


def print_tables(result: dict[str, list[dict]], console, sections: list[str], top: int | None) -> None:
    from rich.table import Table

    def cut(rows):
        return rows if not top else rows[:top]

    titles = {"backers": "后盾单位 Backers (by communities reached, then betweenness)",
              "clusters": "社区群 Clusters of communities sharing backers (Louvain)",
              "coverage": "覆盖 Coverage per district: communities with no backer / no project"}
    for section in sections:
        rows = result[section]
        t = Table(title=f"{titles[section]} — {len(rows)}", header_style="bold", title_justify="left")
        if section == "backers":
            for c in ("#", "organisation", "communities", "districts", "betweenness", "# by betweenness"):
                t.add_column(c, justify="right" if c != "organisation" else "left")
            for r in cut(rows):
                t.add_row(str(r["rank"]), r["label"], str(r["communities"]), str(r["districts"]),
                          f"{r['betweenness']:.4f}", str(r["betweenness_rank"]))
        elif section == "clusters":
            for c in ("#", "size", "communities", "shared backers"):
                t.add_column(c, overflow="fold")
            for r in cut(rows):
                t.add_row(str(r["cluster"]), str(r["size"]), "、".join(r["communities"]), "、".join(r["shared_backers"]))
        else:
            for c in ("district", "communities", "no backer", "no project", "without backer"):
                t.add_column(c, overflow="fold")
            for r in rows:
                t.add_row(r["district"], str(r["communities"]), str(r["no_backer"]), str(r["no_project"]),
                          "、".join(r["without_backer"]))
        console.print(t)
        if top and len(rows) > top and section != "coverage":
            console.print(f"(first {top} of {len(rows)}; --top 0 shows all)")
