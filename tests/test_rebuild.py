"""Rebuilds that reuse the current generation (kg/build_store.py): the store made by a delta holds
the triples of a cold build's, the current output is never written to, a killed rebuild leaves it
as it was; and the cheaper finding of files and the early worker of a rebuild."""
import hashlib
import os
import signal
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg import atomic, build_store
from kg.build import build
from kg.query.stores import oxigraph
from kg.text import ingest

from .test_build_scale import TEXTS, _corpus

CHANGED = dict({k: v for k, v in TEXTS.items() if k != "c.txt"},  # one removed, one changed, one added
               **{"a.txt": TEXTS["a.txt"] + "翠竹社区党支部组织党员志愿服务，青石街道民政办支持翠竹社区幸福食堂项目。",
                  "x.txt": "府前社区举办义诊\n\n广东省广州市越秀区北京街道府前社区举办义诊活动，越秀区卫健局支持府前社区。"})


def _store(out: Path) -> list[str]:
    store = ox.Store.read_only(str((out / "store").resolve()))
    return sorted(str(q) for q in store.quads_for_pattern(None, None, None))


def _files(folder: Path) -> dict[str, str]:
    return {str(f.relative_to(folder)): hashlib.sha256(f.read_bytes()).hexdigest()
            for f in sorted(folder.rglob("*")) if f.is_file()}


@pytest.fixture(scope="module")
def cold_changed(tmp_path_factory):
    """graph.ttl and the store's triples of a cold build of CHANGED."""
    tmp = tmp_path_factory.mktemp("cold")
    build([str(_corpus(tmp / "in", CHANGED))], tmp / "out", workers=1, show_progress=False, cache=False)
    return (tmp / "out" / "graph.ttl").read_bytes(), _store(tmp / "out")


@pytest.fixture
def loads(monkeypatch):
    """Every whole load of a graph.ttl into a store, and deltas allowed for a few articles."""
    monkeypatch.setattr(build_store, "DELTA_MAX_SHARE", 1.0)
    seen, fill = [], oxigraph.fill_store
    monkeypatch.setattr(oxigraph, "fill_store", lambda *a, **k: seen.append(a[0]) or fill(*a, **k))
    return seen


def test_a_rebuild_makes_its_store_from_the_current_one(tmp_path, loads, cold_changed):
    src, out = tmp_path / "in", tmp_path / "out"
    build([str(_corpus(src, TEXTS))], out, workers=1, show_progress=False)
    assert len(loads) == 1 and (out / "current" / build_store.INDEX).is_file()
    before = atomic.current_generation(out)
    kept = _files(before)
    build([str(_corpus(src, CHANGED))], out, workers=1, show_progress=False)
    assert len(loads) == 1  # no second whole load: a delta
    assert ((out / "graph.ttl").read_bytes(), _store(out)) == cold_changed
    assert _files(before) == kept  # the generation it came from was only read
    tables = [f for f in (out / "store").resolve().iterdir() if f.suffix == ".sst"]
    assert any(f.stat().st_nlink > 1 for f in tables)  # shared with the generation before, not copied


def test_a_delta_that_changes_nothing_copies_the_store(tmp_path, loads):
    src, out = tmp_path / "in", tmp_path / "out"
    build([str(_corpus(src, TEXTS))], out, workers=1, show_progress=False)
    triples = _store(out)
    (src / "a.txt").write_text(TEXTS["a.txt"] + "\n", encoding="utf-8")  # read again, the same graph
    build([str(src)], out, workers=1, show_progress=False, html=False)
    assert len(loads) == 1 and _store(out) == triples


def test_large_changes_and_missing_or_foreign_indexes_load_the_whole_graph(tmp_path, loads, monkeypatch, cold_changed):
    src, out = tmp_path / "in", tmp_path / "out"
    build([str(_corpus(src, TEXTS))], out, workers=1, show_progress=False)
    monkeypatch.setattr(build_store, "DELTA_MAX_SHARE", 0.0)
    build([str(_corpus(src, CHANGED))], out, workers=1, show_progress=False)
    assert len(loads) == 2 and _store(out) == cold_changed[1]
    monkeypatch.setattr(build_store, "DELTA_MAX_SHARE", 1.0)
    index = out / "current" / build_store.INDEX
    index.write_bytes(index.read_bytes().replace(b'"format": 1', b'"format": 0'))  # another kg's
    build([str(_corpus(src, TEXTS))], out, workers=1, show_progress=False)
    (out / "current" / build_store.INDEX).unlink()
    build([str(_corpus(src, CHANGED))], out, workers=1, show_progress=False)
    assert len(loads) == 4 and ((out / "graph.ttl").read_bytes(), _store(out)) == cold_changed
    build([str(_corpus(src, TEXTS))], out, workers=1, show_progress=False)  # a delta
    ttl = out / "graph.ttl"
    ttl.write_bytes(ttl.read_bytes().replace("社区".encode(), "小区".encode()))  # edited by hand, in place
    build([str(_corpus(src, CHANGED))], out, workers=1, show_progress=False)
    assert len(loads) == 5 and ((out / "graph.ttl").read_bytes(), _store(out)) == cold_changed


def test_the_store_is_compacted_every_few_updates(tmp_path, loads, monkeypatch, cold_changed):
    import json

    monkeypatch.setattr(build_store, "COMPACT_EVERY", 2)
    src, out = tmp_path / "in", tmp_path / "out"

    def updates() -> int:
        return json.loads((out / "current" / build_store.INDEX).read_bytes().split(b"\n", 1)[0])["updates"]
    seen = []
    for texts in (TEXTS, CHANGED, TEXTS, CHANGED):
        build([str(_corpus(src, texts))], out, workers=1, show_progress=False, html=False)
        seen.append(updates())
    assert seen == [0, 1, 0, 1] and len(loads) == 1 and _store(out) == cold_changed[1]


def test_a_subject_in_two_blocks_makes_no_index():
    import io

    from kg.rdf.writer import write_turtle

    index = build_store.BlockIndex()
    s = "https://w3id.org/shequ-kg/id/place/1"
    write_turtle([(s, {"http://www.w3.org/2000/01/rdf-schema#label": ["a"]}),
                  (s, {"http://www.w3.org/2000/01/rdf-schema#comment": ["b"]})], set(), io.BytesIO(), 0, index)
    assert not index.usable and len(index.records) == 2 * build_store._RECORD.size


def test_a_rebuild_killed_in_its_delta_leaves_the_current_output(tmp_path, loads, cold_changed):
    src, out = tmp_path / "in", tmp_path / "out"
    build([str(_corpus(src, TEXTS))], out, workers=1, show_progress=False)
    before, current = _files(out / "current"), atomic.current_generation(out)
    triples = _store(out)
    _corpus(src, CHANGED)
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:  # a build of its own, killed -9 with the delta's store open and changed
        os.dup2(w, 2)
        sys.stderr = open(2, "w", buffering=1, closefd=False)  # not pytest's capture: the pipe
        os.environ["KG_TEST_PAUSE"] = "store-delta"
        try:
            build([str(src)], out, workers=1, show_progress=False)
        finally:
            os._exit(0)
    os.close(w)
    with os.fdopen(r, "rb") as err:
        said = b""
        for line in err:
            said += line
            if line.strip() == b"paused at store-delta":
                os.kill(pid, signal.SIGKILL)
                break
    assert os.WIFSIGNALED(os.waitpid(pid, 0)[1]), said
    assert atomic.current_generation(out) == current and _files(out / "current") == before
    assert _store(out) == triples
    build([str(src)], out, workers=1, show_progress=False)
    assert ((out / "graph.ttl").read_bytes(), _store(out)) == cold_changed


def _rglob_files(inputs, exclude):
    """find_files as it was (a Path, a resolve and relative_to per file), to compare with."""
    found = []
    skip = exclude.resolve()
    for item in inputs:
        p = Path(item)
        for f in sorted(p.rglob("*")):
            if not f.is_file() or any(part.startswith(".") for part in f.relative_to(p).parts):
                continue
            if f.resolve().is_relative_to(skip):
                continue
            found.append((f.relative_to(p).as_posix(), str(f), f.suffix.lower() in ingest.SUFFIXES))
    return found


def test_finding_files_skips_what_rglob_did(tmp_path):
    root = tmp_path / "news"
    for name in ("a.txt", "b/c.md", "b/.hidden.txt", ".git/x.txt", "b/d/e.html", "notes.csv", "out/graph.ttl",
                 "B/z.TXT"):
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text("社区", encoding="utf-8")
    elsewhere = tmp_path / "elsewhere"
    (elsewhere / "f.txt").parent.mkdir()
    (elsewhere / "f.txt").write_text("社区", encoding="utf-8")
    (root / "linked").symlink_to(elsewhere, target_is_directory=True)  # not entered
    (root / "one.txt").symlink_to(elsewhere / "f.txt")  # a file: read
    (root / "gone.txt").symlink_to(tmp_path / "nothing.txt")
    got = ingest.find_files([str(root)], root / "out")
    want = _rglob_files([str(root)], root / "out")
    assert [(f.doc, str(f.path)) for f in got.files] == [(d, p) for d, p, ok in want if ok]
    assert [s.path for s in got.skipped] == [p for _d, p, ok in want if not ok]


def test_a_rebuild_with_enough_to_extract_starts_its_worker_while_it_reads(tmp_path, monkeypatch):
    from kg import build_early, build_extract

    monkeypatch.setattr(build_early, "PARALLEL_FROM", 2)
    monkeypatch.setattr(build_extract, "PARALLEL_FROM", 2)
    monkeypatch.setattr(build_early, "CHUNK", 1)
    taken, real = [], build_early.take
    monkeypatch.setattr(build_early, "take", lambda w, arts: taken.append(real(w, arts)) or taken[-1])
    src, out = tmp_path / "in", tmp_path / "out"
    build([str(_corpus(src, TEXTS))], out, workers=1, show_progress=False)
    build([str(_corpus(src, CHANGED))], out, show_progress=False)  # a.txt and x.txt to extract
    assert taken and taken[0][0] is not None and taken[0][2] == 2 and not build_early._early
    ref = tmp_path / "ref"
    build([str(src)], ref, workers=1, show_progress=False, cache=False)
    assert (out / "graph.ttl").read_bytes() == (ref / "graph.ttl").read_bytes()


def test_cached_extractions_are_read_ahead_while_a_fresh_one_is_not_there(monkeypatch):
    from kg import build_extract
    from kg.build_read import Known

    class Cache:
        asked: list = []

        def keys(self):
            return {f"k{i}" for i in range(10) if i != 1}

        def get_many(self, keys):
            self.asked.append(list(keys))
            return {k: ("cached", k) for k in keys}

        def put(self, key, x):
            pass

    class Fresh:  # a worker still starting: not ready the first two times it is asked
        polls = 0

        def ready(self):
            self.polls += 1
            return self.polls > 2

        def __next__(self):
            return ("fresh", "k1")
    monkeypatch.setattr(build_extract, "READ_BATCH", 1)
    monkeypatch.setattr(build_extract, "READ_AHEAD", 2)
    monkeypatch.setattr(build_extract, "fresh_extractions", lambda *a, **k: Fresh())
    cache = Cache()
    it = build_extract.extractions([Known(f"a{i}.txt", 0, f"k{i}", "") for i in range(10)], cache)
    assert next(it) == ("cached", "k0") and len(cache.asked) == 1
    assert next(it) == ("fresh", "k1") and cache.asked[1:] == [[], ["k2"], ["k3"]]  # two parts ahead, no more
    assert list(it) == [("cached", f"k{i}") for i in range(2, 10)]


def test_early_workers_of_another_number_are_ended_when_taken():
    from kg import build_early

    class Pool:
        _processes: dict = {}
        ended = False

        def shutdown(self, wait, cancel_futures):
            self.ended = True
    early = build_early._Early.__new__(build_early._Early)
    early.workers, early.pool, early.sent = 1, Pool(), build_early.deque()
    build_early._early.append(early)
    assert build_early.take(2, []) == (None, build_early.deque(), 0)  # the rebuild guessed one, two are wanted
    assert early.pool.ended and not build_early._early


def test_the_workers_end_with_the_last_extraction(monkeypatch):
    """Not when the garbage collector gets round to them: idle workers held ~1.1 GB beside a
    100k build's writing."""
    import gc
    from concurrent.futures import ProcessPoolExecutor

    from kg import build_extract
    from kg.records import Article

    ended, real = [], ProcessPoolExecutor.shutdown
    monkeypatch.setattr(ProcessPoolExecutor, "shutdown", lambda self, *a, **k: ended.append(1) or real(self, *a, **k))
    arts = [Article(f"a{k}.txt", 0, "", f"青松社区为居民安装了{k + 2}盏路灯。") for k in range(3)]
    gc.disable()
    try:
        it = build_extract.extractions(arts, None, workers=2)
        assert len(list(it)) == 3 and ended
    finally:
        gc.enable()
