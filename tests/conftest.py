from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"
GOLD = SHARED / "gold" / "seeds.jsonl"


@pytest.fixture(scope="session")
def gaz():
    from kg import gazetteer
    return gazetteer.load()


@pytest.fixture(scope="session")
def built(tmp_path_factory):
    """The sample corpus built once for the session."""
    if not CORPUS.exists():
        pytest.skip("../shared/corpus is not beside the repository")
    from kg.build import build
    out = tmp_path_factory.mktemp("built")
    report = build([str(CORPUS)], out, show_progress=False)
    return out, report
