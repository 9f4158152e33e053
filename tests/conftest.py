from pathlib import Path

import os

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"
GOLD = SHARED / "gold" / "seeds.jsonl"


@pytest.fixture(scope="session")
def gaz():
    from kg.recognise import gazetteer
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


CHROMIUM = os.environ.get("KG_CHROMIUM", "/usr/bin/chromium")
# The flags this machine needs: no sandbox as root, and no background calls to Google's hosts.
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]
OUT = ROOT / "test-output"  # screenshots and other artefacts worth keeping


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        if os.environ.get("KG_REQUIRE_BROWSER") == "1":
            pytest.fail(f"Chromium not found at {CHROMIUM}; scripts/test.sh installs it (apt-get install chromium)")
        pytest.skip("Chromium not installed (scripts/test.sh installs it)")
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()
