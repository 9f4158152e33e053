"""The package layout shows the pipeline: a stage imports only from itself, earlier stages and the
foundation modules (errors, records, atomic), never from a later stage."""
import ast
import importlib
from pathlib import Path

KG = Path(__file__).resolve().parents[1] / "kg"
# stage order; the top-level drivers (build, extract, evaluate, cli) may import anything
STAGES = ["text", "recognise", "rdf", "query", "page"]
FOUNDATION = {"kg.errors", "kg.records", "kg.atomic"}


def _imports(path: Path) -> set[str]:
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module == "kg":
                out.update(f"kg.{a.name}" for a in node.names)
            elif node.module.startswith("kg."):
                out.add(node.module)
        elif isinstance(node, ast.Import):
            out.update(a.name for a in node.names if a.name.startswith("kg."))
    return out


def _stage(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in STAGES else None


def test_stage_packages_import():
    for name in STAGES:
        importlib.import_module(f"kg.{name}")


def test_no_module_imports_from_a_later_stage():
    bad = []
    for path in sorted(KG.rglob("*.py")):
        rel = path.relative_to(KG.parent).with_suffix("")
        own = _stage(".".join(rel.parts))
        if own is None:
            continue
        for mod in sorted(_imports(path)):
            if mod in FOUNDATION:
                continue
            theirs = _stage(mod)
            if theirs is None or STAGES.index(theirs) > STAGES.index(own):
                bad.append(f"{rel}: imports {mod}")
    assert bad == []


def test_no_relative_imports_reach_across_stages():
    rel = [str(p) for p in KG.rglob("*.py")
           if any(isinstance(n, ast.ImportFrom) and n.level > 0
                  for n in ast.walk(ast.parse(p.read_text(encoding="utf-8"))))]
    assert rel == []
