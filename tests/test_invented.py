"""Golden sentences of the genre: tests/data/invented/sentences.jsonl holds 80 sentences written
for this project with invented names (none from an article), each beside the facts the guidelines
give it. Extraction is scored on them as score.py scores a graph, and must not fall below the
floors: a rule that breaks sentences it was not written for fails here."""
import json
from pathlib import Path

import pytest

from kg.extract import extract
from kg.records import Article

DATA = Path(__file__).parent / "data" / "invented" / "sentences.jsonl"
# measured in session 8 (recall: Community 0.98, Organization 0.98, Project 0.81, supports 0.98,
# hasProject 0.80; precision 0.96 or more), less a margin for a rule's trade-off
FLOORS = {"Community": 0.95, "Organization": 0.93, "Project": 0.77, "supports": 0.92, "hasProject": 0.76}
MIN_PRECISION = 0.9
_PARTY = ("党支部", "党委", "党总支")


def _same(kind: str, gold: str, got: str) -> bool:
    """A project is found when its label holds the key; an outside unit may be written with its
    party body (the guidelines make them one organisation)."""
    if kind == "Project":
        return gold in got
    strip = next((p for p in _PARTY if got.endswith(p) and len(got) > len(p) + 2), "")
    return gold == got or kind == "Organization" and gold == got[:len(got) - len(strip)]


def _match(gold: list, got: list, same) -> int:
    used, tp = set(), 0
    for g in gold:
        k = next((i for i, x in enumerate(got) if i not in used and same(g, x)), None)
        if k is not None:
            used.add(k)
            tp += 1
    return tp


@pytest.fixture(scope="module")
def scores(gaz):
    totals = {k: [0, 0, 0] for k in FLOORS}  # gold, system, true positives
    for line in DATA.read_text(encoding="utf-8").splitlines():
        case = json.loads(line)
        ex = extract(Article("t.txt", 0, "标题", case["text"]), gaz)
        label = {k: e.label for k, e in ex.entities.items()}
        for kind in ("Community", "Organization", "Project"):
            gold = [n for t, n in case["entities"] if t == kind]
            got = [e.label for e in ex.entities.values() if e.type == kind]
            totals[kind] = [a + b for a, b in zip(totals[kind], (len(gold), len(got),
                                                                _match(gold, got, lambda g, x: _same(kind, g, x))))]
        for rel in ("supports", "hasProject"):
            got = [(label[r.subject], label[r.object]) for r in ex.relations if r.predicate == rel]
            kind = "Organization" if rel == "supports" else "Project"
            tp = _match(case[rel], got, lambda g, x: _same("Organization", g[0], x[0]) and g[1] == x[1]
                        if rel == "supports" else g[0] == x[0] and _same(kind, g[1], x[1]))
            totals[rel] = [a + b for a, b in zip(totals[rel], (len(case[rel]), len(got), tp))]
    return totals


@pytest.mark.parametrize("kind", sorted(FLOORS))
def test_recall_and_precision_on_invented_sentences(scores, kind):
    gold, got, tp = scores[kind]
    assert tp / gold >= FLOORS[kind], f"{kind}: recall {tp}/{gold}"
    assert tp / max(got, 1) >= MIN_PRECISION, f"{kind}: precision {tp}/{got}"
