#!/usr/bin/env python
"""Benchmark `kg build` on synthetic corpora of 1k, 10k and 100k articles.

The articles are generated, not copied: sentence templates about community work, filled with
real division names from the gazetteer (a county, its streets and their communities, so that
chains resolve as in real news) and with invented organisation and project names. Each article
is one file of ~500-900 characters.

For each size it reports: cold build time (a fresh output folder), articles/s, chars/s per core,
peak RSS of the whole process tree (the build and its workers, sampled from /proc), CPU seconds
(user + system of the build and its workers: steadier than wall time on a shared machine), a
rebuild with nothing changed and one with 1 % of the files changed (a sentence appended to each:
by default one that states no fact, so that the graph stays the same; with --change-facts one
that adds a project to the article's place, so that the rebuild's store takes a delta of a few
hundred triples). With --speedup it also times one worker against two on the same corpus
(--no-cache each time).

usage: .venv/bin/python scripts/bench_build.py [--sizes 1000,10000] [--speedup] [--keep DIR] [--change-facts]
       .venv/bin/python scripts/bench_build.py --extract-speed [--repeat 5] [FILE|DIR ...]
           (extraction and its rule stages vs jieba.lcut, one core, CPU time; generated articles by default)
"""
from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SURNAMES = "王李张刘陈杨黄赵周吴徐孙马朱胡郭何高林罗"
GIVEN = "建国海燕文华志强秀英丽娟明军晓东红梅玉兰春生德明"
SHOPS = "福康泰祥瑞兴盛鑫源恒达佳美新丰和顺"
WORKS = ["老旧小区改造工程", "幸福食堂项目", "雨污分流改造工程", "路灯亮化工程", "文化广场建设项目",
         "加装电梯项目", "智慧安防小区建设项目", "口袋公园建设工程", "停车场改造工程", "居家养老服务中心建设项目"]
ORGS = ["{district}民政局", "{district}住建局", "{street}党工委", "{community}党支部", "{community}居委会",
        "{shop}社会工作服务中心", "{shop}物业服务有限公司", "{district}慈善总会", "{shop}志愿者协会"]
OPENINGS = [
    "{date}，{district}{street}{community}召开{work}推进会，{org1}和{org2}负责同志参加会议。",
    "近日，记者从{city}{district}了解到，{street}{community}的{work}已进入收尾阶段。",
    "{date}上午，{org1}组织工作人员来到{street}{community}，实地查看{work}进展情况。",
]
BODIES = [
    "该项目总投资{money}万元，涉及居民{households}户，预计{year}年底前完工。",
    "{community}党支部书记{person}介绍，社区先后召开{n}次居民议事会，征求群众意见{m}条。",
    "{org2}积极参与，协助{community}开展入户走访，帮助解决困难{m}件。",
    "为保障施工安全，{street}联合{org1}成立工作专班，每周督查一次工程进度。",
    "居民{person}说：“以前下雨天出门难，现在路平了灯亮了，大家都很满意。”",
    "{community}还将依托{work}，开展文明实践活动，提升小区治理水平。",
    "下一步，{district}将继续推进{work}，计划再投入资金{money}万元，惠及{households}户居民。",
    "据统计，今年以来{street}共实施民生项目{n}个，{community}的{work}是其中之一。",
]
CLOSINGS = ["（记者 {person} 通讯员 {person2}）", "{org1}相关负责人表示，将持续跟踪项目后续管理。",
            "目前，各项工作正有序推进。"]
MORE = [
    "施工期间，{community}网格员每天巡查，及时协调解决噪音、停车等问题，居民{person}对此表示理解和支持。",
    "{org1}还为{community}困难家庭送去米、油等慰问品，并了解他们的生活情况和实际需求。",
    "在{street}的统筹下，{org2}与{community}签订共建协议，定期开展政策宣传、健康义诊和法律咨询活动。",
    "{community}现有居民{households}户，其中60岁以上老人{m}人，养老服务需求较大。",
    "截至目前，{work}已完成投资{money}万元，占计划的{n}0%以上。",
]


class Places:
    """Counties with streets that have communities, from the division data."""

    def __init__(self, rnd: random.Random, wanted: int = 400):
        from kg.recognise import gazetteer
        g = gazetteer.load()
        counties = [i for i in range(len(g.names)) if g.levels[i] == 3]
        rnd.shuffle(counties)
        self.g, self.picks = g, []
        for c in counties:
            streets = [s for s in g.children.get(c, ()) if g.levels[s] == 4 and g.children.get(s)]
            if streets:
                self.picks.append((c, streets))
            if len(self.picks) >= wanted:
                break

    def pick(self, rnd: random.Random) -> dict[str, str]:
        g = self.g
        c, streets = rnd.choice(self.picks)
        s = rnd.choice(streets)
        chain = g.chain(c)
        return {"city": chain[1].name if len(chain) > 2 else "", "district": g.name(c), "street": g.name(s),
                "community": g.name(rnd.choice(g.children[s]))}


def article(rnd: random.Random, places: Places, k: int) -> str:
    v = places.pick(rnd)
    person = lambda: rnd.choice(SURNAMES) + "".join(rnd.sample(GIVEN, 2))  # noqa: E731
    shop = "".join(rnd.sample(SHOPS, 2))
    v.update(shop=shop, work=v["community"].rstrip("社区村委会居") + rnd.choice(WORKS),
             date=f"{rnd.randint(1, 12)}月{rnd.randint(1, 28)}日", year=str(rnd.randint(2019, 2026)),
             money=str(rnd.randint(5, 900)), households=str(rnd.randint(30, 2000)), n=str(rnd.randint(2, 30)),
             m=str(rnd.randint(5, 200)), person=person(), person2=person())
    o1, o2 = rnd.sample(ORGS, 2)
    v.update(org1=o1.format(**v), org2=o2.format(**v))
    title = f"{v['street']}{v['community']}：{rnd.choice(['民生实事落地见效', '小区改造暖民心', '共建共治共享'])}"
    body = [rnd.choice(OPENINGS).format(**v)] + [b.format(**v) for b in rnd.sample(BODIES, rnd.randint(5, 8))]
    body += [b.format(**v) for b in rnd.sample(MORE, rnd.randint(2, 5))]
    body.append(rnd.choice(CLOSINGS).format(**v))
    return title + "\n\n" + "\n".join(body) + f"\n（稿件编号 {k}）\n"


def generate(n: int, folder: Path, seed: int = 13) -> int:
    """Write ``n`` articles, 1,000 per sub-folder; returns the number of characters."""
    rnd = random.Random(seed)
    places = Places(rnd)
    chars = 0
    for k in range(n):
        text = article(rnd, places, k)
        chars += len(text)
        sub = folder / f"part{k // 1000:03d}"
        sub.mkdir(parents=True, exist_ok=True)
        (sub / f"a{k:06d}.txt").write_text(text, encoding="utf-8")
    return chars


def tree_rss(pid: int) -> int:
    """Resident memory (bytes) of ``pid`` and all its descendants, from /proc."""
    kids: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open(f"/proc/{d}/stat") as f:
                parts = f.read().rsplit(")", 1)[1].split()
            kids.setdefault(int(parts[1]), []).append(int(d))
            rss[int(d)] = int(parts[21]) * os.sysconf("SC_PAGE_SIZE")
        except (OSError, IndexError, ValueError):
            continue
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        total += rss.get(p, 0)
        todo += kids.get(p, [])
    return total


def run_build(corpus: Path, out: Path, workers: int | None, extra: list[str] = ()) -> dict:
    cmd = [str(ROOT / ".venv" / "bin" / "kg"), "build", str(corpus), "--out", str(out), "--no-html", *extra]
    if workers:
        cmd += ["--workers", str(workers)]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak = [0]

    def sample():
        while proc.poll() is None:
            peak[0] = max(peak[0], tree_rss(proc.pid))
            time.sleep(0.25)

    t = threading.Thread(target=sample, daemon=True)
    t.start()
    stdout, stderr = proc.communicate()
    took = time.perf_counter() - start
    t.join()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)  # the build and its workers, once they ended
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if proc.returncode != 0:
        raise SystemExit(f"build failed ({proc.returncode}): {stderr[-2000:]}")
    said = [line for line in stderr.splitlines() if line.startswith("read ")]
    return {"seconds": round(took, 2), "cpu_s": round(cpu, 2), "peak_rss_mb": round(peak[0] / 2**20), "summary": said[-1:]}


def touch_one_percent(corpus: Path, seed: int = 99, facts: bool = False) -> int:
    """Append a sentence to 1 % of the files: one that states no fact (the graph stays the same:
    only the changed articles are extracted again), or with ``facts`` one that adds a project, an
    amount and an organisation to the article's place (a few hundred triples change)."""
    files = sorted(corpus.rglob("*.txt"))
    rnd = random.Random(seed)
    changed = rnd.sample(files, max(1, len(files) // 100))
    for k, f in enumerate(changed):
        text = f.read_text(encoding="utf-8")
        more = (f"{text.split('：', 1)[0]}启动第{k + 1}期幸福花园建设项目，总投资{k + 30}万元，绿叶志愿者协会参与。"
                if facts else "居民代表表示，这次改造办到了大家心坎上。")
        f.write_text(text + more + "\n", encoding="utf-8")
    return len(changed)


def _read_articles(paths: list[str]) -> list:
    from kg.text import ingest
    from kg.text.normalize import normalize
    from kg.text.split import split_articles

    found = ingest.find_files(paths)
    return [a for item in ingest.read_all(found.files) if not isinstance(item, Exception)
            for a in split_articles(item.name, normalize(item.raw))]


def extraction_speed(n: int = 200, seed: int = 5, paths: list[str] | None = None) -> dict:
    """One core, in this process, CPU time (time.process_time): chars/s of the whole extraction,
    of its rule stages and of bare jieba.lcut on the same articles (generated ones, or those of
    `paths`). The rule stages are the extraction less the jieba segmentation calls it makes
    (the tagger's and the tokenizer's lcut of kg.text.segment, timed around each call). The
    resources are loaded and warmed up first on generated articles that are not measured."""
    import jieba

    from kg.extract import extract
    from kg.recognise import gazetteer, ner
    from kg.text import segment
    from kg.text.normalize import normalize
    from kg.text.split import split_articles

    rnd = random.Random(seed)
    places = Places(rnd)
    if paths:
        arts = _read_articles(paths)
    else:
        arts = [a for k in range(n) for a in split_articles(f"s{k}.txt", normalize(article(rnd, places, k)))]
    chars = sum(len(a.text) for a in arts)
    gaz = gazetteer.load()
    for k in range(3):
        for a in split_articles(f"warm{k}.txt", normalize(article(random.Random(seed + 1000 + k), places, k))):
            extract(a, gaz)
    jieba.lcut(arts[0].text)
    t = time.process_time()
    for a in arts:
        jieba.lcut(a.text)
    lcut = time.process_time() - t
    tagger, spent, model = segment._tagger(), [0.0], [0.0]

    def timed(f, into):
        def call(*args, **kw):
            t0 = time.process_time()
            try:
                return f(*args, **kw)
            finally:
                into[0] += time.process_time() - t0
        return call

    tagger.lcut, tagger.tokenizer.lcut = timed(tagger.lcut, spent), timed(tagger.tokenizer.lcut, spent)
    org_spans, ner.org_spans = ner.org_spans, timed(ner.org_spans, model)  # the model stage, on its own
    try:
        t = time.process_time()
        for a in arts:
            extract(a, gaz)
        whole = time.process_time() - t
    finally:
        del tagger.lcut, tagger.tokenizer.lcut
        ner.org_spans = org_spans
    rules = whole - spent[0] - model[0]
    return {"articles": len(arts), "chars": chars, "jieba_lcut_chars_per_s": round(chars / lcut),
            "extract_chars_per_s": round(chars / whole), "extract_over_lcut": round(lcut / whole, 3),
            "segmentation_s": round(spent[0], 3), "model": ner.version(), "model_stage_s": round(model[0], 3),
            "model_stage_chars_per_s": round(chars / model[0]) if model[0] else None,
            "rule_stages_chars_per_s": round(chars / rules), "rule_stages_over_lcut": round(lcut / rules, 3)}


def extraction_speed_median(repeat: int, paths: list[str]) -> dict:
    """extraction_speed in `repeat` fresh processes (no cache warmed by an earlier run of the
    same text); the median of each figure."""
    import statistics

    runs = []
    for _ in range(repeat):
        cmd = [sys.executable, str(Path(__file__).resolve()), "--extract-speed", "--repeat", "1", *paths]
        runs.append(json.loads(subprocess.run(cmd, check=True, capture_output=True, text=True).stdout))
    out = {k: statistics.median(r[k] for r in runs) if isinstance(runs[0][k], (int, float)) else runs[0][k]
           for k in runs[0]}
    out["repeats"] = repeat
    return out


def _age(corpus: Path, seconds: float = 60.0) -> None:
    """Date the files just written a minute back, as a user's folder is: kg build does not trust
    the stat of a file changed in the last two seconds (kg/build_read.py RACY_S) and would read
    those again on the next build, which no real folder of old articles costs."""
    then = time.time() - seconds
    for f in corpus.rglob("*.txt"):
        os.utime(f, (then, then))


def bench(n: int, workdir: Path, speedup: bool, workers: int | None, facts: bool = False) -> dict:
    corpus, out = workdir / f"corpus{n}", workdir / f"out{n}"
    shutil.rmtree(out, ignore_errors=True)
    t0 = time.perf_counter()
    chars = generate(n, corpus)
    res: dict = {"articles": n, "chars": chars, "generate_s": round(time.perf_counter() - t0, 1)}
    _age(corpus)
    cores = workers or os.cpu_count() or 1
    cold = run_build(corpus, out, workers)  # a cold build (fresh output folder) that fills the cache
    res["cold"] = cold
    res["articles_per_s"] = round(n / cold["seconds"], 1)
    res["chars_per_s_per_core"] = round(chars / cold["seconds"] / cores)
    res["unchanged"] = run_build(corpus, out, workers)
    res["changed_files"] = touch_one_percent(corpus, facts=facts)
    res["warm_1pct"] = run_build(corpus, out, workers)
    res["warm_over_cold"] = round(res["warm_1pct"]["seconds"] / cold["seconds"], 3)
    if speedup:
        one = run_build(corpus, workdir / "o1", 1, ["--no-cache"])
        two = run_build(corpus, workdir / "o2", 2, ["--no-cache"])
        res["one_worker"], res["two_workers"] = one, two
        res["speedup_1_to_2"] = round(one["seconds"] / two["seconds"], 2)
        res["cpu_1_vs_2"] = [one["cpu_s"], two["cpu_s"]]  # the work done: a speed-up needs it to stay flat
    return res


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="1000,10000")
    ap.add_argument("--speedup", action="store_true", help="also time 1 worker against 2")
    ap.add_argument("--workers", type=int, default=None)
    ap.add_argument("--change-facts", action="store_true",
                    help="the 1 %% changed files get a sentence that changes the graph (default: one that does not)")
    ap.add_argument("--keep", help="work in this folder and keep it (default: a temporary one)")
    ap.add_argument("--generate-only", action="store_true", help="write the corpora and stop")
    ap.add_argument("--extract-speed", action="store_true",
                    help="only time extract() (whole, and its rule stages) against bare jieba.lcut on one core")
    ap.add_argument("--repeat", type=int, default=5, help="with --extract-speed: fresh processes, median")
    ap.add_argument("texts", nargs="*", help="with --extract-speed: files or folders to time (default: generated)")
    args = ap.parse_args()
    if args.extract_speed:
        res = extraction_speed(paths=args.texts) if args.repeat <= 1 else extraction_speed_median(args.repeat, args.texts)
        print(json.dumps(res, ensure_ascii=False))
        return
    workdir = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="kg-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    try:
        for n in (int(s) for s in args.sizes.split(",")):
            if args.generate_only:
                print(n, generate(n, workdir / f"corpus{n}"), "chars")
                continue
            print(json.dumps(bench(n, workdir, args.speedup, args.workers, args.change_facts), ensure_ascii=False),
                  flush=True)
    finally:
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
