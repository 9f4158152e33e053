"""A build never loses a good graph (issue 12, findings 5 and 6): when no article is read the old
output stays; a kill -9 at any point leaves the old outputs or the new ones, all three of one
generation, no orphaned worker, and nothing the next build does not clean up."""
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kg.build import OUTPUTS, write_outputs
from kg.query.stores.oxigraph import OxigraphStore

from .conftest import ROOT
from .test_build_cli import run_kg
from .test_inputs import ONE

SMALL = """@prefix ex: <https://example.org/> .
ex:a ex:p "青石社区"@zh . ex:a ex:q ex:b . ex:b ex:p "绿叶物业"@zh ."""


def test_no_article_read_keeps_old_output(tmp_path):
    out = tmp_path / "o"
    (out / "store").mkdir(parents=True)
    (out / "graph.ttl").write_text("old", encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b" \n")
    (tmp_path / "zw.txt").write_text("\u200b\u200b", encoding="utf-8")
    before = sorted(os.listdir(out))
    r = run_kg("build", str(tmp_path / "empty.txt"), str(tmp_path / "zw.txt"), "--out", str(out))
    assert r.returncode == 2, r.stderr
    assert r.stderr.splitlines()[-1].startswith("error[E060]")
    assert sorted(os.listdir(out)) == before and (out / "graph.ttl").read_text(encoding="utf-8") == "old"


def _pause_and_kill(args: list[str], point: str) -> list[int]:
    """Run until the build says it paused at ``point``, kill -9 it; return its children then."""
    p = subprocess.Popen(args, stderr=subprocess.PIPE, text=True, env=dict(os.environ, KG_TEST_PAUSE=point))
    said = []
    for line in p.stderr:
        said.append(line)
        if line.strip() == f"paused at {point}":
            break
    else:
        p.wait()
        pytest.fail(f"never paused at {point}: {''.join(said)}")
    children = [int(d) for d in os.listdir("/proc") if d.isdigit() and _ppid(int(d)) == p.pid]
    p.kill()
    p.wait()
    return children


def _ppid(pid: int) -> int | None:
    try:
        return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])
    except (OSError, IndexError, ValueError):
        return None


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def _outputs(out: Path) -> tuple[bytes, bytes, int]:
    """The three outputs as readers see them."""
    store = OxigraphStore(out)
    n = int(store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").rows[0][0].value)
    store.close()
    return (out / "graph.ttl").read_bytes(), (out / "graph.html").read_bytes(), n


def _legacy(src: Path, out: Path) -> None:
    """Outputs as kg wrote them before generations: plain files and a plain store folder."""
    out.mkdir()
    for n in OUTPUTS:
        real = (src / n).resolve()
        (shutil.copytree if real.is_dir() else shutil.copy)(real, out / n)


def writer() -> None:
    """Run in a fresh interpreter: imports once, then for each line ``TTL OUT POINT`` of stdin
    writes TTL's graph to OUT in a forked child (a process of its own, as a build is) and kills it
    -9 when it pauses at POINT ("-": let it finish); answers one line per request. Forking saves
    the second of imports that a new interpreter per kill would cost."""
    from rdflib import Graph

    import kg.page.render  # noqa: F401  (imported before forking, like everything else)
    for request in sys.stdin:
        ttl, out, point = request.split()
        r, w = os.pipe()
        pid = os.fork()
        if pid == 0:
            os.dup2(w, 2)
            os.environ["KG_TEST_PAUSE"] = point
            write_outputs(Graph().parse(ttl), Path(out))
            os._exit(0)
        os.close(w)
        said = b""
        with os.fdopen(r, "rb") as err:
            for line in err:
                said += line
                if line.strip() == f"paused at {point}".encode():
                    os.kill(pid, signal.SIGKILL)
                    break
        status = os.waitpid(pid, 0)[1]
        print(("killed" if os.WIFSIGNALED(status) else f"exit {os.waitstatus_to_exitcode(status)}")
              + " " + said.decode(errors="replace").replace("\n", " | "), flush=True)


def test_kill_at_any_point_leaves_old_or_new(built, tmp_path):
    from rdflib import Graph

    corpus_ttl = built[0] / "graph.ttl"
    small = tmp_path / "small.ttl"
    small.write_text(SMALL, encoding="utf-8")
    old_ref, new_ref = tmp_path / "old-ref", tmp_path / "new-ref"
    write_outputs(Graph().parse(corpus_ttl), old_ref)
    write_outputs(Graph().parse(small), new_ref)
    old, new = _outputs(old_ref), _outputs(new_ref)
    assert all(a != b for a, b in zip(old, new))  # so a mix of the two is never equal to either
    helper = subprocess.Popen([sys.executable, "-c", "from tests.test_build_safety import writer; writer()"],
                              cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)

    def write(out: Path, point: str = "-") -> None:
        helper.stdin.write(f"{small} {out} {point}\n")
        helper.stdin.flush()
        answer = helper.stdout.readline()
        assert answer.startswith("killed" if point != "-" else "exit 0"), (point, answer)

    try:
        out = tmp_path / "out"  # the layout before generations, switched over and killed between links
        _legacy(old_ref, out)
        for point in ("linked-graph.ttl", "linked-graph.html", "linked-store"):
            write(out, point)
            assert _outputs(out) == old, point
        out2 = tmp_path / "out2"  # the usual case: generations already
        write_outputs(Graph().parse(corpus_ttl), out2)
        (out2 / ".store.tmpx1").mkdir()  # left by a killed build of an older kg
        for point, want in (("writing", old), ("generation-written", old), ("before-flip", old),
                            ("after-flip", new)):
            write(out2, point)
            assert _outputs(out2) == want, point
        for o in (out, out2):
            write(o)
            assert _outputs(o) == new
            names = set(os.listdir(o))
            gens = {n for n in names if n.startswith("gen-")}
            assert names - gens == {".lock", "current", *OUTPUTS} and len(gens) <= 2, names
    finally:
        helper.stdin.close()
        helper.wait(timeout=60)


def test_killed_build_leaves_no_worker(tmp_path):
    (tmp_path / "a.txt").write_text(ONE, encoding="utf-8")
    out = tmp_path / "o"
    children = _pause_and_kill([sys.executable, "-m", "kg", "build", str(tmp_path / "a.txt"), "--out", str(out),
                                "--workers", "2"], "extracting")
    assert children
    deadline = time.monotonic() + 10
    while any(map(_alive, children)) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(map(_alive, children))
    assert not (out / "graph.ttl").exists()


def test_second_build_into_a_folder_in_use_stops(tmp_path):
    from rdflib import Graph

    from kg import atomic
    from kg.errors import KgError

    lock = atomic.OutputLock(tmp_path)
    assert lock.acquire()
    try:
        with pytest.raises(KgError) as e:
            write_outputs(Graph().parse(data=SMALL, format="turtle"), tmp_path)
        assert e.value.code == "E061"
    finally:
        lock.release()
    assert not (tmp_path / "graph.ttl").exists()
