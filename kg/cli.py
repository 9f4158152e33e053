"""The `kg` command line: parse arguments, call a plain function, print.

Results go to stdout, progress and errors to stderr; a user error is one line with a code
and a hint (see errors.py), exit status 2.
"""
from __future__ import annotations

import sys

import click

from .errors import KgError


def _fail(e: KgError) -> None:
    click.echo(e.line(), err=True)
    sys.exit(2)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="shequ-kg")
def main() -> None:
    """shequ-kg: Chinese community-governance news → knowledge graph."""


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("--out", "out_dir", default="output", show_default=True, help="output folder")
@click.option("--workers", type=int, default=None, help="processes for extraction (default: auto)")
@click.option("--no-html", is_flag=True, help="skip graph.html")
def build(inputs: tuple[str, ...], out_dir: str, workers: int | None, no_html: bool) -> None:
    """Build DIR/graph.ttl and DIR/graph.html from article files or folders."""
    from .build import build as run

    try:
        report = run(list(inputs), out_dir, workers=workers, html=not no_html)
    except KgError as e:
        _fail(e)
    click.echo(report.summary(), err=True)
    click.echo(f"wrote {out_dir}/graph.ttl" + ("" if no_html else f", {out_dir}/graph.html"), err=True)


@main.command(name="eval")
@click.option("--gold", required=True, type=click.Path(exists=True, dir_okay=False), help="gold annotations (JSONL)")
@click.option("--graph", "graph_path", default="output/graph.ttl", show_default=True, help="built graph (Turtle)")
@click.option("--build-from", "build_from", multiple=True, help="build first from these inputs")
@click.option("--misses", is_flag=True, help="list missed and spurious entities")
@click.option("--min-entity-f1", type=float, default=None, help="exit 1 when entity F1 is below")
@click.option("--min-relation-f1", type=float, default=None, help="exit 1 when relation F1 is below")
@click.option("--json", "as_json", is_flag=True)
def eval_cmd(gold, graph_path, build_from, misses, min_entity_f1, min_relation_f1, as_json) -> None:
    """Score a graph against gold annotations (rules of GUIDELINES.md)."""
    from .evaluate import evaluate, format_table

    try:
        if build_from:
            import tempfile
            from pathlib import Path

            from .build import build as run
            tmp = tempfile.mkdtemp(prefix="kg-eval-")
            run(list(build_from), tmp, html=False, show_progress=False)
            graph_path = str(Path(tmp) / "graph.ttl")
        result = evaluate(gold, graph_path)
    except KgError as e:
        _fail(e)
    if as_json:
        import json
        click.echo(json.dumps(result, ensure_ascii=False, indent=1))
    else:
        click.echo(format_table(result, misses))
    ent, rel = result["rows"]["entities"]["f1"], result["rows"]["relations"]["f1"]
    if (min_entity_f1 is not None and ent < min_entity_f1) or (min_relation_f1 is not None and rel < min_relation_f1):
        click.echo(f"below floor: entity F1 {ent:.3f}, relation F1 {rel:.3f}", err=True)
        sys.exit(1)


if __name__ == "__main__":  # pragma: no cover
    main()
