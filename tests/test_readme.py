"""The README's examples run: every `kg …` line in its code blocks, as written, on the sample build.

The lines run in README order through bash, from a copy of the repository's layout in a temporary
folder: output/ holds a copy of the sample build, ontology/ and ../shared are the real ones, and
.venv/bin (where `kg` is installed) is first on PATH, as after `source .venv/bin/activate`.
Skipped, because they need a server running: `kg serve …` and lines with `--endpoint`.
"""
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kg.query import saved
from kg.query.execute import resolve, run

from .conftest import ROOT, SHARED

README = ROOT / "README.md"


def kg_lines(text: str) -> list[str]:
    """The `kg …` command lines of the README's shell code blocks."""
    blocks = re.findall(r"```(?:bash|sh|shell)\n(.*?)```", text, re.S)
    return [line.strip() for b in blocks for line in b.splitlines() if re.match(r"\s*kg\s", line)]


def needs_a_server(line: str) -> bool:
    return line.startswith("kg serve") or "--endpoint" in line


def has_data(stdout: str) -> bool:
    """Something beyond a table header or Turtle prefixes."""
    return any(line.strip() and not line.startswith(("?", "@prefix")) for line in stdout.splitlines())


def page_nodes(path: Path) -> int:
    m = re.search(r'<script id="kg-data" type="application/json">(.*?)</script>', path.read_text(encoding="utf-8"), re.S)
    return len(json.loads(m.group(1))["nodes"])


@pytest.fixture(scope="module")
def sandbox(built, tmp_path_factory):
    out, _ = built
    base = tmp_path_factory.mktemp("readme")
    repo = base / "repo"
    repo.mkdir()
    shutil.copytree(out, repo / "output")
    (repo / "ontology").symlink_to(ROOT / "ontology")
    (base / "shared").symlink_to(SHARED)
    return repo


def test_readme_says_how_kg_gets_on_path_and_calls_it_one_way():
    text = README.read_text(encoding="utf-8")
    assert "source .venv/bin/activate" in text
    assert ".venv/bin/kg" not in text
    lines = kg_lines(text)
    assert len(lines) >= 10 and sum(needs_a_server(x) for x in lines) <= 2


@pytest.mark.parametrize("line", kg_lines(README.read_text(encoding="utf-8")), ids=lambda x: x.split("#")[0].strip())
def test_readme_line_runs(line, sandbox):
    if needs_a_server(line):
        pytest.skip("needs a running SPARQL server")
    env = dict(os.environ, PATH=str(Path(sys.executable).parent) + os.pathsep + os.environ.get("PATH", ""))
    r = subprocess.run(["bash", "-c", line], cwd=sandbox, env=env, capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    assert not re.match(r"0 rows", r.stderr), "no rows: the example names something not in the sample?"
    redirect = re.search(r">\s*(\S+)", line.split("#")[0])
    written = re.findall(r"wrote (\S+?)(?:,|$)", r.stderr, re.M)
    if redirect:
        assert len((sandbox / redirect.group(1)).read_text(encoding="utf-8").splitlines()) > 1
    elif written:
        assert all((sandbox / w).stat().st_size > 1000 for w in written), written
        assert all(page_nodes(sandbox / w) > 0 for w in written if w.endswith(".html")), written
    else:
        assert has_data(r.stdout), r.stdout[:300]


def test_saved_query_examples_name_entities_of_the_sample(built):
    """The `e.g.` values of the saved queries' parameters (shown by `kg query --list`, /queries
    and the endpoint's page) answer with rows on the sample."""
    out, _ = built
    for q in saved.catalogue().values():
        examples = {p.name: m.group(1) for p in q.params if (m := re.search(r"e\.g\. (\S+)", p.doc))}
        if not examples:
            continue
        text, bindings = resolve(name=q.name, params=examples)
        r = run(text, bindings, location=str(out))
        assert r.rows or r.triples, (q.name, examples)
