"""`kg eval`: precision, recall and F1 of a built graph against gold annotations, by the
scoring rules of the annotation guidelines.

Entities match by type and label/alias (a Project when one of its keys occurs in its label),
one to one; locatedIn is compared on its transitive closure; places the graph adds only as
ancestors of matched places (from the division data) do not count against precision.
"""
from __future__ import annotations

import json
import re
import unicodedata
from collections import defaultdict
from functools import lru_cache
from pathlib import Path

import opencc
from rdflib import Graph, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from kg.errors import E, KgError
from kg.records import ENTITY_TYPES, PLACE_TYPES, RELATIONS
from kg.rdf.vocab import SHEQU

_STRIP = re.compile(r"[\s\"'“”‘’「」『』《》〈〉]")


@lru_cache(maxsize=1)
def _cc() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def norm(s: str) -> str:
    return _STRIP.sub("", _cc().convert(unicodedata.normalize("NFKC", str(s))))


def _closure(edges: dict) -> dict:
    out = {}
    for a in edges:
        seen, stack = set(), list(edges[a])
        while stack:
            b = stack.pop()
            if b not in seen:
                seen.add(b)
                stack.extend(edges.get(b, ()))
        out[a] = seen
    return out


def load_gold(path: str | Path, docs: set[str] | None = None):
    ents: dict[str, dict[str, dict]] = defaultdict(dict)
    rels: dict[str, set] = defaultdict(set)
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
        for line in filter(str.strip, lines):
            d = json.loads(line)
            if docs and d.get("doc") not in docs:
                continue
            for e in d["entities"]:
                n = norm(e["name"])
                slot = ents[e["type"]].setdefault(n, {"aliases": {n}, "keys": set()})
                slot["aliases"] |= {norm(a) for a in e.get("aliases", [])}
                slot["keys"] |= {norm(k) for k in e.get("keys", [])}
            for r in d["relations"]:
                rels[r["p"]].add((norm(r["s"]), norm(r["o"])))
    except (OSError, ValueError, KeyError) as e:
        raise KgError(E.E050, path=path, detail=str(e)) from e
    return ents, rels


def system_view(g: Graph):
    ents: dict[str, dict[URIRef, set[str]]] = defaultdict(dict)
    for t in ENTITY_TYPES:
        for s in g.subjects(RDF.type, SHEQU[t]):
            ents[t][s] = {norm(x) for p in (RDFS.label, SKOS.altLabel) for x in g.objects(s, p)}
    rels = {r: {(s, o) for s, o in g.subject_objects(SHEQU[r]) if isinstance(o, URIRef)} for r in RELATIONS}
    return ents, rels


def _match(gold, system):
    owner: dict = {}  # system iri -> (type, gold name)
    for t in ENTITY_TYPES:
        golds = sorted(gold.get(t, {}).items())
        systems = sorted(system.get(t, {}).items(), key=lambda kv: str(kv[0]))
        exact = {n: [i for i, ls in systems if ls & info["aliases"]] for n, info in golds}
        mine: dict = {}

        def augment(n, cands, seen):
            for i in cands[n]:
                if i not in seen:
                    seen.add(i)
                    if i not in mine or augment(mine[i], cands, seen):
                        mine[i] = n
                        return True
            return False

        for n, _ in golds:
            augment(n, exact, set())
        if t == "Project":
            fuzzy = {n: [i for i, ls in systems if any(k in lab for k in (info["keys"] or {n}) if k for lab in ls)]
                     for n, info in golds}
            both = {n: exact[n] + [i for i in fuzzy[n] if i not in exact[n]] for n, _ in golds}
            done = set(mine.values())
            for n, _ in golds:
                if n not in done:
                    augment(n, both, set())
        owner.update({i: (t, n) for i, n in mine.items()})
    return owner


def _prf(tp_p, n_sys, tp_r, n_gold):
    p = tp_p / n_sys if n_sys else (1.0 if n_gold == 0 else 0.0)
    r = tp_r / n_gold if n_gold else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def evaluate(gold_path: str | Path, graph_path: str | Path, docs: set[str] | None = None) -> dict:
    """Score against the gold of every document, or only of `docs` (file names)."""
    g = Graph()
    try:
        g.parse(str(graph_path), format="turtle")
    except (OSError, ValueError) as e:
        raise KgError(E.E030, path=graph_path) from e
    gold_e, gold_r = load_gold(gold_path, docs)
    sys_e, sys_r = system_view(g)
    owner = _match(gold_e, sys_e)
    loc = defaultdict(set)
    for s, o in sys_r["locatedIn"]:
        loc[s].add(o)
    loc_cl = _closure(loc)
    inferred = set().union(*(loc_cl.get(i, set()) for i in owner)) - set(owner) if owner else set()
    rows, tot = {}, [0, 0, 0]
    for t in ENTITY_TYPES:
        iris = [i for i in sys_e.get(t, {}) if not (t in PLACE_TYPES and i in inferred)]
        tp = sum(1 for i in iris if i in owner and owner[i][0] == t)
        n_gold = len(gold_e.get(t, {}))
        rows[t] = _row(n_gold, len(iris), tp, tp)
        tot = [tot[0] + n_gold, tot[1] + len(iris), tot[2] + tp]
    rows["entities"] = _row(tot[0], tot[1], tot[2], tot[2])
    name_of = {i: n for i, (t, n) in owner.items()}
    iri_of = {n: i for i, n in name_of.items()}
    gl = defaultdict(set)
    for a, b in gold_r.get("locatedIn", ()):
        gl[a].add(b)
    gold_cl = _closure(gl)
    rt = [0, 0, 0, 0]
    missed_rel, spurious_rel = [], []
    label = {i: str(g.value(i, RDFS.label) or i) for t in ENTITY_TYPES for i in sys_e.get(t, {})}
    for r in RELATIONS:
        gold = gold_r.get(r, set())
        sysr = sys_r[r]
        if r == "locatedIn":
            sysr = {(s, o) for s, o in sysr if s not in inferred and o not in inferred}
            tp_p = sum(1 for s, o in sysr if s in name_of and o in name_of and name_of[o] in gold_cl.get(name_of[s], ()))
            right = {(s, o) for s, o in sysr if s in name_of and o in name_of and name_of[o] in gold_cl.get(name_of[s], ())}
            held = {(a, b) for a, b in gold if a in iri_of and b in iri_of and iri_of[b] in loc_cl.get(iri_of[a], ())}
        else:
            mapped = {(name_of.get(s), name_of.get(o)) for s, o in sysr}
            right = {(s, o) for s, o in sysr if (name_of.get(s), name_of.get(o)) in gold}
            held = {x for x in gold if x in mapped}
        tp_p, tp_r = len(right), len(held)
        missed_rel += sorted(f"{a} {r} {b}" for a, b in gold - held)
        spurious_rel += sorted(f"{label.get(s, s)} {r} {label.get(o, o)}" for s, o in sysr - right)
        rows[r] = _row(len(gold), len(sysr), tp_p, tp_r)
        rt = [rt[0] + len(gold), rt[1] + len(sysr), rt[2] + tp_p, rt[3] + tp_r]
    rows["relations"] = _row(rt[0], rt[1], rt[2], rt[3])
    missed = sorted(f"{t}:{n}" for t in ENTITY_TYPES for n in gold_e.get(t, {}) if (t, n) not in set(owner.values()))
    spurious = sorted(f"{t}:{'/'.join(sorted(ls))}" for t in ENTITY_TYPES for i, ls in sys_e.get(t, {}).items()
                      if i not in owner and not (t in PLACE_TYPES and i in inferred))
    return {"triples": len(g), "rows": rows, "missed_entities": missed, "spurious_entities": spurious,
            "missed_relations": missed_rel, "spurious_relations": spurious_rel}


def _row(n_gold: int, n_sys: int, tp_p: int, tp_r: int) -> dict:
    """tp counts the graph's facts that are right (precision); found counts the gold facts the
    graph holds (recall). They differ for locatedIn, scored on the transitive closure: one system
    edge can make several gold edges true, and a gold edge can hold through a longer chain."""
    return dict(zip(("gold", "sys", "tp", "found", "p", "r", "f1"), (n_gold, n_sys, tp_p, tp_r, *_prf(tp_p, n_sys, tp_r, n_gold))))


def format_table(result: dict, misses: bool = False) -> str:
    lines = [f"{result['triples']} triples",
             "tp: graph facts that are right (P = tp/sys); found: gold facts the graph holds (R = found/gold);"
             " locatedIn on the transitive closure, so the two may differ",
             f"{'':14}{'gold':>6}{'sys':>6}{'tp':>6}{'found':>6}{'P':>7}{'R':>7}{'F1':>7}"]
    for k, v in result["rows"].items():
        lines.append(f"{k:14}{v['gold']:6d}{v['sys']:6d}{v['tp']:6d}{v['found']:6d}{v['p']:7.2f}{v['r']:7.2f}{v['f1']:7.2f}")
    if misses:
        for key in ("missed_entities", "spurious_entities", "missed_relations", "spurious_relations"):
            lines.append(f"{key}: " + " | ".join(result[key]))
    return "\n".join(lines)
