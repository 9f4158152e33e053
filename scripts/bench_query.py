#!/usr/bin/env python
"""Benchmark the saved queries on a synthetic graph shaped like ours (default 1,000,000 triples).

The graph is generated with the same vocabulary, IRI scheme and proportions as a real build
(articles, a place tree with codes, communities, organisations, projects with amounts and years,
and an evidence statement for every relation). It is loaded into the default store (on-disk
Oxigraph, as `kg build` writes it) and into rdflib's in-memory store, every saved query is run on
both, and the median latency of each is printed with the ratio.

usage: .venv/bin/python scripts/bench_query.py [--triples 1000000] [--runs 15] [--rdflib-runs 3]
       [--rdflib-timeout 120]   rdflib runs in a separate process; a run past the limit is
                                reported as ">limit" (so its ratio is a lower bound)
"""
from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from rdflib import Graph, Literal  # noqa: E402
from rdflib.namespace import PROV, RDF, RDFS, SKOS, XSD  # noqa: E402

from kg.query import saved  # noqa: E402
from kg.query.stores.memory import MemoryStore  # noqa: E402
from kg.query.stores.oxigraph import STORE_DIR, OxigraphStore, fill_store  # noqa: E402
from kg.rdf.vocab import SHEQU, article_iri, entity_iri, quantity_iri, statement_iri  # noqa: E402

CHARS = "安宁和平新华东南北中兴福康泰祥瑞金玉龙凤春秋山水江河桥林园松竹梅兰光明阳晨星月云海丰盛德顺昌"
ORG_KINDS = [("GovernmentBody", "局"), ("Enterprise", "公司"), ("SocialOrganization", "协会"),
             ("PublicInstitution", "医院"), ("PartyOrganization", "党支部")]
WORKS = ["路灯改造", "道路硬化", "垃圾站建设", "养老服务", "文化广场", "停车场改造", "雨污分流", "健身设施"]


class Gen:
    """Writes N-Triples lines for a graph shaped like a real build, deterministically."""

    def __init__(self, seed: int = 7):
        self.rnd = random.Random(seed)
        self.lines: list[str] = []
        self.n_stmt = 0
        self.totals: dict = {}  # community / district -> summed investment (kg.summaries)

    def name(self, k: int = 2) -> str:
        return "".join(self.rnd.choice(CHARS) for _ in range(k))

    def t(self, s, p, o) -> None:
        self.lines.append(f"{s.n3()} {p.n3()} {o.n3()} .")

    def entity(self, key, type_, label, mentioned, extra_types=()):
        node = entity_iri(key)
        self.t(node, RDF.type, SHEQU[type_])
        for x in extra_types:
            self.t(node, RDF.type, SHEQU[x])
        self.t(node, RDFS.label, Literal(label, lang="zh"))
        self.t(node, SHEQU.mentionedIn, mentioned)
        return node

    def fact(self, s, p, o, article, sentence):
        self.t(s, SHEQU[p], o)
        self.n_stmt += 1
        st = statement_iri(s, p, o, self.n_stmt)
        for pred, obj in [(RDF.type, SHEQU.Evidence), (RDF.subject, s), (RDF.predicate, SHEQU[p]), (RDF.object, o),
                          (SHEQU.source, Literal("text")), (PROV.wasDerivedFrom, article),
                          (SHEQU.sentence, Literal(sentence, lang="zh")), (SHEQU.startOffset, Literal(10)),
                          (SHEQU.endOffset, Literal(14))]:
            self.t(st, pred, obj)

    def places(self, n_articles):
        """31 provinces › 8 cities › 6 districts › 6 streets, with codes down to district."""
        streets = []
        first_article = lambda: article_iri(f"bench_{self.rnd.randrange(n_articles) // 5:05d}.txt#0")  # noqa: E731
        for p in range(31):
            pcode = f"{11 + p}0000"
            prov = self.entity(f"place/{pcode}", "Province", self.name() + "省", first_article())
            self.t(prov, SHEQU.adminCode, Literal(pcode))
            for c in range(8):
                ccode = f"{11 + p}{c + 1:02d}00"
                city = self.entity(f"place/{ccode}", "City", self.name() + "市", first_article())
                self.t(city, SHEQU.adminCode, Literal(ccode))
                self.t(city, SHEQU.locatedIn, prov)
                for d in range(6):
                    dcode = f"{11 + p}{c + 1:02d}{d + 1:02d}"
                    dist = self.entity(f"place/{dcode}", "District", self.name() + "区", first_article())
                    self.t(dist, SHEQU.adminCode, Literal(dcode))
                    self.t(dist, SHEQU.locatedIn, city)
                    for s in range(6):
                        label = self.name() + "街道"
                        st = self.entity(f"place/{dcode}/{label}", "Subdistrict", label, first_article())
                        self.t(st, SHEQU.locatedIn, dist)
                        streets.append((f"place/{dcode}/{label}", st, dist))
        return streets

    def article(self, i, streets, orgs):
        art = article_iri(f"bench_{i // 5:05d}.txt#{i % 5}")
        self.t(art, RDF.type, SHEQU.Article)
        self.t(art, RDFS.label, Literal(self.name(4), lang="zh"))
        self.t(art, SHEQU.sourceFile, Literal(f"bench_{i // 5:05d}.txt"))
        self.t(art, SHEQU.articleIndex, Literal(i % 5))
        for _ in range(2):
            skey, snode, dnode = self.rnd.choice(streets)
            label = self.name() + self.rnd.choice(["社区", "社区", "村"])
            ckey = f"{skey}/{label}"
            comm = self.entity(ckey, "Community", label, art)
            self.t(comm, SHEQU.linkReason, Literal("child of the place before it", lang="en"))
            self.fact(comm, "locatedIn", snode, art, f"{label}位于街道。")
            self.t(comm, SHEQU.district, dnode)  # derived at build time, as kg.summaries does
            for k in range(2):
                work = self.rnd.choice(WORKS)
                proj = self.entity(f"project/{ckey[6:]}/{work}{i}{k}", "Project", work, art)
                self.t(proj, SHEQU.extractionRule, Literal("work"))
                self.fact(comm, "hasProject", proj, art, f"{label}完成{work}。")
                if self.rnd.random() < 0.5:
                    amount = self.rnd.randrange(1, 500) * 10000
                    q = quantity_iri(str(proj), "investment", amount)
                    self.t(proj, SHEQU.hasQuantity, q)
                    for pred, obj in [(RDF.type, SHEQU.Quantity), (SHEQU.quantityKind, Literal("investment")),
                                      (SHEQU.value, Literal(amount, datatype=XSD.decimal)), (SHEQU.unit, Literal("CNY")),
                                      (SHEQU.approximate, Literal(False)), (SHEQU.asWritten, Literal(f"{amount}元", lang="zh"))]:
                        self.t(q, pred, obj)
                    self.t(proj, SHEQU.investment, Literal(amount, datatype=XSD.decimal))
                    for owner in (comm, dnode):
                        self.totals[owner] = self.totals.get(owner, 0) + amount
                if self.rnd.random() < 0.4:
                    self.t(proj, SHEQU.year, Literal(str(self.rnd.randrange(2015, 2026)), datatype=XSD.gYear))
            if self.rnd.random() < 0.6:  # a new organisation, or one that backs others already
                if orgs and self.rnd.random() < 0.4:
                    org = self.rnd.choice(orgs)
                    self.t(org, SHEQU.mentionedIn, art)
                else:
                    kind, suffix = self.rnd.choice(ORG_KINDS)
                    label = self.name(3) + suffix
                    org = self.entity(f"org/{label}{len(orgs)}", "Organization", label, art, (kind,))
                    self.t(org, SKOS.altLabel, Literal(label[:2], lang="zh"))
                    orgs.append(org)
                self.fact(org, "supports", comm, art, f"{label}结对共建。")


def generate(target: int) -> tuple[bytes, int]:
    g = Gen()
    streets = g.places(max(1, target // 130))
    orgs: list = []
    i = 0
    while len(g.lines) < target:
        g.article(i, streets, orgs)
        i += 1
    for owner, total in g.totals.items():
        g.t(owner, SHEQU.totalInvestment, Literal(total, datatype=XSD.decimal))
    lines = g.lines
    return ("\n".join(lines) + "\n").encode("utf-8"), i


def pick_params(store: OxigraphStore) -> dict[str, dict[str, str]]:
    """Parameter values that exist in the generated graph, chosen by query, not by hand."""
    one = lambda q: store.query(q).dicts()[0]  # noqa: E731
    c = one("SELECT ?name WHERE { ?o shequ:supports ?c . ?c rdfs:label ?name ; shequ:hasProject ?p . "
            "?p shequ:investment ?a } LIMIT 1")["name"]
    o = one(f'SELECT ?name WHERE {{ ?o shequ:supports ?c ; rdfs:label ?name . ?c rdfs:label "{c}"@zh }} LIMIT 1')["name"]
    d = one("SELECT ?name WHERE { ?d a shequ:District ; rdfs:label ?name } LIMIT 1")["name"]
    f = one("SELECT ?f WHERE { ?a shequ:sourceFile ?f } LIMIT 1")["f"]
    return {"admin-chain": {"community": c}, "communities-in-place": {"place": d},
            "community-backers": {"community": c}, "org-communities": {"org": o},
            "community-projects": {"community": c}, "neighbourhood": {"entity": c},
            "fact-evidence": {"subject": o, "object": c}, "article-entities": {"file": f}}


def time_rounds(store, queries: dict[str, saved.SavedQuery], params: dict[str, dict[str, str]],
                runs: int) -> dict[str, tuple[float, int]]:
    """Median ms and row count per query over ``runs`` rounds, after one warm-up round."""
    bound = {name: (q.text, q.bindings(params.get(name, {}))) for name, q in queries.items()}
    times: dict[str, list[float]] = {name: [] for name in queries}
    rows: dict[str, int] = {}
    for i in range(runs + 1):
        for name, (text, bindings) in bound.items():
            r = store.query(text, bindings)
            rows[name] = len(r.rows) + len(r.triples)
            if i:
                times[name].append(r.elapsed_ms)
    return {name: (statistics.median(t), rows[name]) for name, t in times.items()}


class RdflibWorker:
    """rdflib in its own process, so a query that runs for minutes can be stopped.

    Spawned, not forked, and started after the Oxigraph timings: a forked child shares the
    parent's pages copy-on-write, and Oxigraph timings taken while one lived came out slower.
    """

    def __init__(self, nt_path: Path):
        import multiprocessing as mp
        self.nt_path, self.ctx = nt_path, mp.get_context("spawn")
        self._start()

    def _start(self) -> None:
        self.conn, child = self.ctx.Pipe()
        self.proc = self.ctx.Process(target=_rdflib_serve, args=(child, str(self.nt_path)), daemon=True)
        self.proc.start()
        self.conn.recv()  # loaded

    def time(self, q: saved.SavedQuery, params: dict[str, str], runs: int, timeout: float):
        """Median of ``runs`` after a warm-up run; None when one run passes ``timeout`` seconds."""
        self.conn.send((q.text, params, runs))
        for _ in range(runs + 1):
            if not self.conn.poll(timeout):
                self.proc.kill()
                self.proc.join()
                self._start()
                return None, None
            answer = self.conn.recv()
        return answer

    def close(self) -> None:
        self.proc.kill()
        self.proc.join()


def _rdflib_serve(conn, nt_path: str) -> None:
    g = Graph()
    g.parse(nt_path, format="nt")
    store = MemoryStore(g)
    conn.send("ready")
    while True:
        try:
            text, params, runs = conn.recv()
        except EOFError:  # the parent has gone
            return
        q = saved.parse("q", text)
        bindings = q.bindings(params)
        times = []
        for i in range(runs + 1):
            r = store.query(q.text, bindings)
            if i:
                times.append(r.elapsed_ms)
            conn.send(None if i < runs else (statistics.median(times), len(r.rows) + len(r.triples)))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--triples", type=int, default=1_000_000)
    ap.add_argument("--runs", type=int, default=15, help="runs per query on Oxigraph")
    ap.add_argument("--rdflib-runs", type=int, default=3, help="runs per query on rdflib (slow)")
    ap.add_argument("--rdflib-timeout", type=float, default=120, help="seconds per rdflib run")
    ap.add_argument("--skip-rdflib", action="store_true")
    args = ap.parse_args()

    t = time.perf_counter()
    data, articles = generate(args.triples)
    n_triples = data.count(b"\n")
    print(f"generated {n_triples:,} triples ({articles:,} articles) in {time.perf_counter() - t:.1f} s", file=sys.stderr)
    with tempfile.TemporaryDirectory() as tmp:
        t = time.perf_counter()
        fill_store(Path(tmp) / STORE_DIR, data)  # exactly as kg build writes it
        oxs = OxigraphStore(tmp)
        print(f"oxigraph: loaded in {time.perf_counter() - t:.1f} s", file=sys.stderr)
        params = pick_params(oxs)
        queries = saved.catalogue()
        # all Oxigraph timings first, with no other process competing for the machine, in
        # rounds (every query once per round) so that a slow spell of the machine is spread
        # over all queries instead of landing on a few
        ox_times = time_rounds(oxs, queries, params, args.runs)
        mem = None
        if not args.skip_rdflib:
            nt_path = Path(tmp) / "graph.nt"
            nt_path.write_bytes(data)
            del data
            t = time.perf_counter()
            mem = RdflibWorker(nt_path)
            print(f"rdflib: loaded in {time.perf_counter() - t:.1f} s", file=sys.stderr)
        print(f"{'query':<26}{'rows':>7}{'oxigraph ms':>13}{'rdflib ms':>12}{'ratio':>9}")
        ratios = []
        for name, q in queries.items():
            ms, rows = ox_times[name]
            line = f"{name:<26}{rows:>7}{ms:>13.1f}"
            if mem is not None:
                rms, rrows = mem.time(q, params.get(name, {}), args.rdflib_runs, args.rdflib_timeout)
                if rms is None:
                    rms = args.rdflib_timeout * 1000
                    line += f"{'>' + format(rms, '.0f'):>12}{'>' + format(rms / ms, '.0f'):>8}×"
                else:
                    assert rrows == rows, (name, rows, rrows)
                    line += f"{rms:>12.0f}{rms / ms:>8.0f}×"
                ratios.append(rms / ms)
            print(line, flush=True)
        if mem is not None:
            mem.close()
        print(f"slowest median on oxigraph: {max(ms for ms, _ in ox_times.values()):.1f} ms", file=sys.stderr)
        if ratios:
            print(f"ratio rdflib/oxigraph: min {min(ratios):.0f}×, geometric mean "
                  f"{statistics.geometric_mean(ratios):.0f}×", file=sys.stderr)


if __name__ == "__main__":
    main()
