"""Builds that scale (issue 13): the extraction cache, incremental rebuilds, workers and a Dask
cluster all give the bytes of a cold build of the same inputs."""
import shutil
from pathlib import Path

import pytest

from kg import build_extract, build_stamp
from kg.build import build
from kg.build_cache import CACHE_DIR

# invented articles: a few places, organisations and projects each
TEXTS = {
    "a.txt": "青石街道翠竹社区：路灯亮了\n\n湖南省长沙市岳麓区青石街道翠竹社区联合绿叶物业公司为居民安装路灯，"
             "翠竹社区路灯改造工程总投资12万元。",
    "b.txt": "梅园新村街道长江路社区开展读书活动\n\n江苏省南京市玄武区梅园新村街道长江路社区开展读书活动，"
             "玄武区民政局支持长江路社区建设社区书屋项目。",
    "c.txt": "北山街道曙光社区清理河道\n\n浙江省杭州市西湖区北山街道曙光社区组织志愿者清理河道，"
             "曙光社区雨污分流改造工程投资300万元。",
    "d/e.txt": "浆洗街街道蓝桥社区为老人安装扶手\n\n四川省成都市武侯区浆洗街街道蓝桥社区为老人安装扶手，"
               "武侯区住建局支持蓝桥社区加装电梯项目。",
}


def _corpus(root: Path, texts: dict[str, str]) -> Path:
    if root.exists():
        shutil.rmtree(root)
    for name, text in texts.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root


def _bytes(out: Path) -> tuple[bytes, bytes]:
    return (out / "graph.ttl").read_bytes(), (out / "graph.html").read_bytes()


@pytest.fixture(scope="module")
def cold(tmp_path_factory):
    """The cold build (no cache) of TEXTS, one worker."""
    tmp = tmp_path_factory.mktemp("cold")
    out = tmp / "out"
    build([str(_corpus(tmp / "in", TEXTS))], out, workers=1, show_progress=False, cache=False)
    assert not (out / CACHE_DIR).exists()
    return _bytes(out)


def _counting(monkeypatch) -> list:
    seen = []
    real = build_extract.extract_one

    def counted(article):
        seen.append(article.doc)
        return real(article)
    monkeypatch.setattr(build_extract, "extract_one", counted)
    return seen


def test_incremental_rebuild_extracts_only_changes_and_matches_a_cold_build(tmp_path, monkeypatch, cold):
    changed = dict(TEXTS, **{"a.txt": TEXTS["a.txt"] + "翠竹社区党支部组织党员志愿服务。", "x.txt": "多余的文章\n\n"
                             "广东省广州市越秀区北京街道府前社区举办义诊活动。"})
    out = tmp_path / "out"
    seen = _counting(monkeypatch)
    build([str(_corpus(tmp_path / "in", changed))], out, workers=1, show_progress=False)
    assert sorted(seen) == ["a.txt", "b.txt", "c.txt", "d/e.txt", "x.txt"]
    assert "x.txt" in (out / "graph.ttl").read_text(encoding="utf-8")
    seen.clear()
    report = build([str(_corpus(tmp_path / "in", TEXTS))], out, workers=1, show_progress=False)
    assert seen == ["a.txt"]  # changed back; b, c, e from the cache; x removed
    assert _bytes(out) == cold
    assert "x.txt" not in (out / "graph.ttl").read_text(encoding="utf-8")
    seen.clear()
    again = build([str(tmp_path / "in")], out, workers=1, show_progress=False)
    assert seen == [] and _bytes(out) == cold
    assert any("nothing changed" in n for n in again.notes)
    assert (again.triples, again.entities, again.relations) == (report.triples, report.entities, report.relations)


def test_new_extractor_version_invalidates_the_cache(tmp_path, monkeypatch, cold):
    out = tmp_path / "out"
    build([str(_corpus(tmp_path / "in", TEXTS))], out, workers=1, show_progress=False)
    for module in (build_extract, build_stamp):
        monkeypatch.setattr(module, "extractor_version", lambda: "another")
    seen = _counting(monkeypatch)
    build([str(tmp_path / "in")], out, workers=1, show_progress=False)
    assert len(seen) == len(TEXTS)


def test_damaged_cache_is_rebuilt(tmp_path, cold):
    out = tmp_path / "out"
    (out / CACHE_DIR).mkdir(parents=True)
    (out / CACHE_DIR / "extractions.sqlite").write_bytes(b"not a database" * 100)
    build([str(_corpus(tmp_path / "in", TEXTS))], out, workers=1, show_progress=False)
    assert _bytes(out) == cold


def test_two_workers_give_the_bytes_of_one(tmp_path, cold):
    out = tmp_path / "out"
    build([str(_corpus(tmp_path / "in", TEXTS))], out, workers=2, show_progress=False, cache=False)
    assert _bytes(out) == cold


def test_local_dask_cluster_gives_the_same_bytes(tmp_path, cold):
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                  silence_logs=40) as cluster:
        out = tmp_path / "out"
        build([str(_corpus(tmp_path / "in", TEXTS))], out, show_progress=False, cache=False,
              cluster=cluster.scheduler_address)
        with distributed.Client(cluster) as client:
            used = client.run(lambda: __import__("kg.recognise.gazetteer", fromlist=["load"]).load.cache_info().hits)
    assert _bytes(out) == cold
    assert len(used) == 2  # both workers were there


def test_unreachable_cluster_is_a_clear_error(tmp_path, monkeypatch):
    from kg import build_cluster
    from kg.errors import KgError

    monkeypatch.setattr(build_cluster, "CONNECT_TIMEOUT", "2s")
    with pytest.raises(KgError) as e:
        build([str(_corpus(tmp_path / "in", TEXTS))], tmp_path / "out", show_progress=False, cache=False,
              cluster="tcp://127.0.0.1:9")
    assert e.value.code == "E066"
    assert not (tmp_path / "out" / "graph.ttl").exists()


def test_disk_cache_reads_back_and_survives_damage(tmp_path, monkeypatch):
    from kg import atomic

    monkeypatch.setenv("KG_CACHE_DIR", str(tmp_path))
    made = []

    def make():
        made.append(1)
        return {"青石": [1, 2], "翠竹": bytearray(b"xy")}
    assert atomic.disk_cached("t", "k1", make) == atomic.disk_cached("t", "k1", make) == make()
    assert len(made) == 2  # the second call read the file
    (tmp_path / "t-k1.pickle").write_bytes(b"damaged")
    assert atomic.disk_cached("t", "k1", make) == make()
    atomic.disk_cached("t", "k2", make)  # a new key replaces the old file
    assert sorted(p.name for p in tmp_path.iterdir()) == ["t-k2.pickle"]


def test_segmenter_tags_as_jieba_does():
    import jieba.posseg

    from kg.text import segment

    text = "江苏省南京市玄武区梅园新村街道长江路社区开展读书活动"
    tagger = jieba.posseg.POSTokenizer(jieba.Tokenizer())  # jieba's own way: parses the dictionary
    own = set(segment.FIELD_NOUNS) | set(segment.PARTY_NAMES)  # the words we add on purpose
    ours = {w: t for w, t in segment._tagger().word_tag_tab.items() if w not in own}
    assert ours == {w: t for w, t in tagger.word_tag_tab.items() if w not in own}
    assert [(t.word, t.flag) for t in segment.tokens(text)] == [tuple(p) for p in tagger.lcut(text)]


def _reading(monkeypatch) -> list:
    from kg.text import ingest

    read = []
    real = ingest.read

    def spied(path, doc=None, max_bytes=ingest.MAX_FILE_BYTES):
        read.append(doc)
        return real(path, doc, max_bytes)
    monkeypatch.setattr(ingest, "read", spied)
    return read


def _age(root: Path, seconds: int = 3600) -> None:
    """Set every file's mtime in the past (a file changed in the last seconds is read again)."""
    import os
    import time

    for f in root.rglob("*.txt"):
        os.utime(f, ns=(time.time_ns() - seconds * 10**9,) * 2)


def test_rebuild_does_not_open_unchanged_files(tmp_path, monkeypatch, cold):
    root = _corpus(tmp_path / "in", TEXTS)
    _age(root)
    out = tmp_path / "out"
    read = _reading(monkeypatch)
    build([str(root)], out, workers=1, show_progress=False)
    assert sorted(read) == sorted(TEXTS)
    read.clear()
    (root / "a.txt").write_text(TEXTS["a.txt"] + "翠竹社区党支部组织党员志愿服务。", encoding="utf-8")
    build([str(root)], out, workers=1, show_progress=False)
    assert read == ["a.txt"]  # a new mtime: read again; the others taken from the index
    read.clear()
    (root / "a.txt").write_text(TEXTS["a.txt"], encoding="utf-8")
    _age(root, 7200)  # the same bytes as the first time, an mtime not seen before
    seen = _counting(monkeypatch)
    report = build([str(root)], out, workers=1, show_progress=False)
    assert sorted(read) == sorted(TEXTS) and seen == ["a.txt"]  # every mtime changed; only a.txt's text
    assert _bytes(out) == cold
    read.clear()
    again = build([str(root)], out, workers=1, show_progress=False)
    assert read == [] and seen == ["a.txt"] and _bytes(out) == cold
    assert any("nothing changed" in n for n in again.notes)
    assert (again.files, again.articles, again.triples) == (report.files, report.articles, report.triples)
    build([str(root)], out, workers=1, show_progress=False, cache=False)
    assert sorted(read) == sorted(TEXTS)  # --no-cache reads every file


def test_known_file_whose_entry_is_gone_is_read_again(tmp_path, monkeypatch, cold):
    import sqlite3

    root = _corpus(tmp_path / "in", TEXTS)
    _age(root)
    out = tmp_path / "out"
    build([str(root)], out, workers=1, show_progress=False)
    (out / CACHE_DIR / "last-build.json").unlink()  # not "nothing changed"
    db = sqlite3.connect(out / CACHE_DIR / "extractions.sqlite")
    db.execute("DELETE FROM x WHERE key = (SELECT keys FROM files WHERE doc = 'c.txt')")
    db.commit()
    db.close()
    read, seen = _reading(monkeypatch), _counting(monkeypatch)
    build([str(root)], out, workers=1, show_progress=False)
    assert read == ["c.txt"] and seen == ["c.txt"]
    assert _bytes(out) == cold


def test_worker_count_follows_the_work(monkeypatch):
    got = []
    monkeypatch.setattr(build_extract, "_local", lambda arts, workers, in_process=True, meanwhile=None:
                        got.append((len(arts), workers, in_process)) or iter(()))
    monkeypatch.setattr(build_extract, "_beside", lambda arts, meanwhile: got.append((len(arts), "beside")) or iter(()))
    monkeypatch.setattr(build_extract, "cores", lambda: 2)
    for n in (10, 100, 600, 5000):
        build_extract.fresh_extractions([None] * n, None, None)
    build_extract.fresh_extractions([None] * 100, 2, None)
    monkeypatch.setattr(build_extract, "cores", lambda: 1)
    build_extract.fresh_extractions([None] * 10, None, None)
    # few articles: one process forked beside this one (this one on one core); a rebuild's hundred:
    # one worker beside it; more: all cores; as asked
    assert got == [(10, "beside"), (100, 1, False), (600, 2, False), (5000, 2, False), (100, 2, True), (10, 1, True)]


def test_a_small_build_beside_gives_the_bytes_of_one_process(tmp_path, cold):
    out = tmp_path / "o"
    report = build([str(_corpus(tmp_path / "in", TEXTS))], out, show_progress=False, cache=False)  # < PARALLEL_FROM
    assert _bytes(out) == cold and report.shape_warnings == []


def test_pool_keeps_a_bounded_number_of_tasks_out_and_the_order(monkeypatch):
    from kg import build_extract
    from kg.records import Article

    arts = [Article(f"a{k}.txt", 0, "", f"青松社区为居民安装了{k + 2}盏路灯。") for k in range(12)]
    alone = [x.entities.keys() for x in build_extract._local(arts, 1)]
    monkeypatch.setattr(build_extract, "CHUNK", 1)
    monkeypatch.setattr(build_extract, "IN_FLIGHT", 2)
    sent = []
    real = build_extract.ProcessPoolExecutor.submit
    monkeypatch.setattr(build_extract.ProcessPoolExecutor, "submit",
                        lambda self, fn, batch: sent.append(batch[0].doc) or real(self, fn, batch))
    it = build_extract._pool(arts, 2)
    assert sent == ["a0.txt", "a1.txt"]  # two out before the first result is asked for
    assert [x.entities.keys() for x in it] == alone and sent == [a.doc for a in arts]


def test_articles_are_let_go_as_they_are_extracted():
    """A cold build holds no article's text past its extraction: the list is emptied as it goes."""
    import gc
    import weakref

    from kg import build_extract
    from kg.records import Article

    arts = [Article(f"a{k}.txt", 0, "", f"青松社区为居民安装了{k + 2}盏路灯。") for k in range(5)]
    refs = [weakref.ref(a) for a in arts]
    got = [sorted(x.entities) for x in build_extract.extractions(arts, None, workers=1)]
    gc.collect()
    assert len(got) == 5 and arts == [None] * 5 and [r() for r in refs] == [None] * 5


def test_python_m_kg_with_spawned_workers(tmp_path, cold):
    """Workers are spawned: `python -m kg` must not run the command again in each of them."""
    import subprocess
    import sys

    out = tmp_path / "o"
    r = subprocess.run([sys.executable, "-m", "kg", "build", str(_corpus(tmp_path / "in", TEXTS)), "--out", str(out),
                        "--workers", "2", "--no-cache"], capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    assert _bytes(out) == cold


def test_a_cold_build_sends_articles_to_its_workers_while_it_reads(tmp_path, monkeypatch, cold):
    from kg import build_early

    monkeypatch.setattr(build_early, "CHUNK", 1)  # a batch per article: these few articles are sent
    taken = []
    real = build_early.take
    monkeypatch.setattr(build_early, "take", lambda w, arts: taken.append(real(w, arts)) or taken[-1])
    out = tmp_path / "o"
    build([str(_corpus(tmp_path / "in", TEXTS))], out, workers=2, show_progress=False, cache=False)
    assert taken and taken[0][2] == len(TEXTS)  # every article went early, in order
    assert _bytes(out) == cold and not build_early._early


def test_early_batches_are_taken_only_while_they_are_what_is_to_extract():
    from concurrent.futures import Future

    from kg import build_early
    from kg.records import Article

    arts = [Article(f"a{k}.txt", 0, "", "") for k in range(4)]
    early = build_early._Early.__new__(build_early._Early)
    futures = [Future() for _ in range(3)]
    early.workers, early.pool = 2, None
    early.sent = [(arts[0:2], futures[0]), (arts[3:4], futures[1]), (arts[2:3], futures[2])]
    build_early._early.append(early)
    pool, pending, done = build_early.take(2, arts)
    assert list(pending) == futures[:1] and done == 2 and futures[1].cancelled() and futures[2].cancelled()
    assert not build_early._early and build_early.take(2, arts) == (None, build_early.deque(), 0)


def test_only_a_cold_build_starts_its_workers_early(tmp_path, monkeypatch):
    import kg.build as b

    started = []
    monkeypatch.setattr(b, "start_early", lambda files, workers: started.append(files))
    src = _corpus(tmp_path / "in", TEXTS)
    out = tmp_path / "o"
    build([str(src)], out, workers=2, show_progress=False)
    (src / "a.txt").write_text(TEXTS["a.txt"] + "居民表示满意。", encoding="utf-8")
    build([str(src)], out, workers=2, show_progress=False)  # a cache is there: its entries may serve
    build([str(src)], tmp_path / "o2", workers=2, show_progress=False, cache=False)
    assert started == [len(TEXTS), len(TEXTS)]
