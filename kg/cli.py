"""The `kg` command line: parse arguments, call a plain function, print.

Results go to stdout, progress and errors to stderr; a user error is one line with a code
and a hint (see errors.py), exit status 2.
"""
from __future__ import annotations

import sys

import click

from kg.errors import E, KgError


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
@click.option("--workers", type=int, default=None, help="processes for extraction (default: all cores)")
@click.option("--cluster", default=None, metavar="tcp://HOST:8786", help="extract on this Dask scheduler's workers")
@click.option("--no-cache", is_flag=True, help="read every file and extract every article again, and keep no cache")
@click.option("--no-html", is_flag=True, help="skip graph.html")
@click.option("--no-validate", is_flag=True, help="skip the SHACL check of the written graph (kg validate does it)")
@click.option("--max-file-size", "max_size", default="20MB", show_default=True,
              help="refuse input files larger than this (bytes, or with kB/MB/GB)")
def build(inputs: tuple[str, ...], out_dir: str, workers: int | None, cluster: str | None, no_cache: bool,
          no_html: bool, no_validate: bool, max_size: str) -> None:
    """Build DIR/graph.ttl and DIR/graph.html from article files or folders.

    Exit status 0 when every input was read, 1 when the graph was written but some inputs
    failed (each named above), 2 when nothing was written (the old output is kept).
    """
    from kg.build import build as run

    limit = _size(max_size)
    try:
        report = run(list(inputs), out_dir, workers=workers, html=not no_html, max_file_bytes=limit,
                     log=lambda line: click.echo(line, err=True), cache=not no_cache, cluster=cluster,
                     validate=not no_validate)
    except KgError as e:
        _fail(e)
    click.echo(report.summary(), err=True)
    click.echo(f"wrote {out_dir}/graph.ttl" + ("" if no_html else f", {out_dir}/graph.html"), err=True)
    if report.errors:
        sys.exit(1)


def _size(text: str) -> int:
    import re

    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([kmg]?)i?b?\s*", text, re.IGNORECASE)
    if not m:
        raise click.BadParameter(f"{text!r}: give a size such as 20MB, 500kB or 1048576", param_hint="--max-file-size")
    return int(float(m.group(1)) * 1024 ** " KMG".index(m.group(2).upper() or " "))


@main.command(name="eval")
@click.option("--gold", required=True, type=click.Path(exists=True, dir_okay=False), help="gold annotations (JSONL)")
@click.option("--graph", "graph_path", default="output/graph.ttl", show_default=True, help="built graph (Turtle)")
@click.option("--build-from", "build_from", multiple=True, help="build first from these inputs")
@click.option("--misses", is_flag=True, help="list missed and spurious entities and relations")
@click.option("--doc", "docs", multiple=True, help="score only these gold documents (file names)")
@click.option("--min-entity-f1", type=float, default=None, help="exit 1 when entity F1 is below")
@click.option("--min-relation-f1", type=float, default=None, help="exit 1 when relation F1 is below")
@click.option("--json", "as_json", is_flag=True)
def eval_cmd(gold, graph_path, build_from, misses, docs, min_entity_f1, min_relation_f1, as_json) -> None:
    """Score a graph against gold annotations (rules of GUIDELINES.md)."""
    from kg.evaluate import evaluate, format_table

    try:
        if build_from:
            import tempfile
            from pathlib import Path

            from kg.build import build as run
            tmp = tempfile.mkdtemp(prefix="kg-eval-")
            run(list(build_from), tmp, html=False, show_progress=False)
            graph_path = str(Path(tmp) / "graph.ttl")
        result = evaluate(gold, graph_path, set(docs) or None)
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


def _store_options(f):
    """--dir / --store / --endpoint, shared by the commands that read a built graph."""
    f = click.option("--endpoint", default=None, help="query a remote SPARQL endpoint instead (URL)")(f)
    f = click.option("--store", "store_name", default="oxigraph", show_default=True,
                     help="oxigraph (embedded, DIR/store) | memory (rdflib, DIR/graph.ttl) | remote")(f)
    f = click.option("-d", "--dir", "graph_dir", default="output", show_default=True,
                     help="folder written by kg build")(f)
    return f


def _where(store_name: str, graph_dir: str, endpoint: str | None) -> tuple[str, str]:
    if endpoint:
        return "remote", endpoint
    if store_name == "remote":
        raise KgError(E.E032, url="(none)", detail="--store remote needs --endpoint URL")
    return store_name, graph_dir


@main.command()
@click.argument("text", required=False)
@click.option("-f", "--file", "file", default=None, help="read the query from a .rq file (- for stdin)")
@click.option("-n", "--name", default=None, help="run a saved query (see --list)")
@click.option("-p", "--param", "params", multiple=True, metavar="NAME=VALUE", help="bind a parameter")
@click.option("--list", "list_saved", is_flag=True, help="list the saved queries")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "tsv", "json", "xml", "turtle", "nt", "json-ld"]),
              default=None, help="output format (default: table on a terminal, tsv otherwise; Turtle for graphs)")
@click.option("--max-rows", type=int, default=None, help="keep at most this many rows")
@_store_options
def query(text, file, name, params, list_saved, fmt, max_rows, graph_dir, store_name, endpoint) -> None:
    """Run a SPARQL query on a built graph; prefixes shequ:, id:, rdfs:, skos:, prov:… are pre-bound.

    \b
    kg query 'SELECT ?c WHERE { ?c a shequ:Community }'
    kg query --name place-by-code --param code=430102012002
    kg query -f my.rq --format csv > out.csv
    """
    from kg.query import saved
    from kg.query.execute import resolve, run, unknown_names
    from kg.query.results import print_table, serialize
    from kg.query.sparql import parse_params

    try:
        if list_saved:
            for q in saved.catalogue().values():
                ps = " ".join(f"{p.name}=…" if not p.optional else f"[{p.name}=…]" for p in q.params)
                click.echo(f"{q.name:<24} {q.title}" + (f"  ({ps})" if ps else ""))
                click.echo(f"{'':<24} {q.description}")
            return
        qtext, bindings = resolve(text, file, name, parse_params(params))
        result = run(qtext, bindings, *_where(store_name, graph_dir, endpoint), max_rows=max_rows)
    except KgError as e:
        _fail(e)
    fmt = fmt or ("table" if sys.stdout.isatty() else "tsv")
    if result.kind != "graph" and fmt == "table":
        from rich.console import Console
        print_table(result, Console())
    else:
        if result.kind == "graph" and fmt in ("table", "csv", "tsv", "json"):
            fmt = "turtle"
        sys.stdout.buffer.write(serialize(result, fmt))
        sys.stdout.flush()
    if result.kind == "select":
        more = " (truncated: more rows exist)" if result.truncated else ""
        click.echo(f"{len(result.rows)} rows in {result.elapsed_ms:.0f} ms{more}", err=True)
    if not (result.rows or result.triples or result.boolean):
        try:
            for note in unknown_names(bindings, *_where(store_name, graph_dir, endpoint)):
                click.echo(note, err=True)
        except KgError:  # only a note; the answer stands
            pass


@main.command()
@click.argument("graph_dir", default="output")
def validate(graph_dir: str) -> None:
    """Check the built graph against ontology/shapes.ttl (SHACL); exit 1 on a violation."""
    from kg.query.export import load
    from kg.rdf.validate import validate as check
    try:
        found = check(load(graph_dir), inplace=True)
    except KgError as e:
        _fail(e)
    for v in found:
        click.echo(v.line())
    click.echo(f"{graph_dir}: {'conforms to ontology/shapes.ttl' if not found else f'{len(found)} violation(s)'}", err=True)
    sys.exit(1 if found else 0)


@main.command(name="export")
@click.option("--format", "fmt", required=True, type=click.Choice(["nt", "jsonld", "graphml", "gexf", "csv", "cypher"]),
              help="nt | jsonld (RDF tools) | graphml | gexf (Gephi, yEd) | csv (neo4j-admin and Gephi, a folder) | cypher (Neo4j)")
@click.option("-o", "--output", "out", default=None, help="file to write (a folder for csv); default: stdout")
@click.option("-d", "--dir", "graph_dir", default="output", show_default=True, help="folder written by kg build")
def export_cmd(fmt: str, out: str | None, graph_dir: str) -> None:
    """Export the built graph for other tools."""
    from kg.query.export import export, load
    try:
        result = export(load(graph_dir), fmt, out)
    except KgError as e:
        _fail(e)
    if isinstance(result, str):
        click.echo(result, nl=False)
    else:
        click.echo("wrote " + ", ".join(map(str, result)), err=True)


@main.command()
@click.argument("graph_dir", default="output")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default=None,
              help="table (default on a terminal) | json (default otherwise) | csv (one table, with --only)")
@click.option("--only", type=click.Choice(["backers", "clusters", "coverage"]), default=None, help="one of the three tables")
@click.option("--top", type=int, default=None, help="rows of backers and clusters to show (default: 20 in a table, all otherwise; 0: all)")
def analyze(graph_dir: str, fmt: str | None, only: str | None, top: int | None) -> None:
    """Backers by reach and betweenness, clusters of communities sharing backers, coverage per district."""
    from kg.query import analyze as an

    fmt = fmt or ("table" if sys.stdout.isatty() else "json")
    try:
        if fmt == "csv" and only is None:
            raise KgError(E.E091, detail="--format csv needs --only")
        result = an.analyze(graph_dir)
    except KgError as e:
        _fail(e)
    sections = [only] if only else list(result)
    if fmt == "table":
        from rich.console import Console
        an.print_tables(result, Console(), sections, 20 if top is None else top)
        return
    if top:
        result = {k: v[:top] if k != "coverage" else v for k, v in result.items()}
    if fmt == "json":
        click.echo(an.to_json({k: result[k] for k in sections}), nl=False)
    else:
        click.echo(an.to_csv(result, only), nl=False)


@main.command()
@click.option("--port", type=int, default=8765, show_default=True, help="port (0: any free port)")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="address to listen on; its name is also accepted in the Host header")
@click.option("--allow-host", "allow_hosts", multiple=True, metavar="NAME",
              help="another name clients may use in the Host header (e.g. the machine's name with --host 0.0.0.0)")
@click.option("--cors", default=None, metavar="ORIGIN", help="let web pages from ORIGIN read the answers (default: none)")
@click.option("--time-limit", type=float, default=10.0, show_default=True, help="seconds per query")
@click.option("--max-rows", type=int, default=10_000, show_default=True, help="row cap per answer")
@click.option("--workers", type=int, default=2, show_default=True, help="query processes for ad-hoc queries")
@click.option("--quick-workers", type=int, default=1, show_default=True,
              help="more query processes kept for saved queries, so long ad-hoc ones cannot starve them")
@click.option("--read-timeout", type=float, default=10.0, show_default=True, help="seconds a client may take to send each part of a request")
@click.option("--queue-timeout", type=float, default=None, help="seconds a request may wait for a free worker (default: 2 x time limit + 10)")
@click.option("--cache-mb", type=int, default=64, show_default=True, help="memory for answers of the current graph (0: no cache)")
@click.option("-d", "--dir", "graph_dir", default="output", show_default=True, help="folder written by kg build")
@click.option("--store", "store_name", type=click.Choice(["oxigraph", "memory"]), default="oxigraph", show_default=True)
def serve(port, host, allow_hosts, cors, time_limit, max_rows, workers, quick_workers, read_timeout, queue_timeout, cache_mb,
          graph_dir, store_name) -> None:
    """Serve the graph as a read-only SPARQL 1.1 endpoint with a query page."""
    from kg.query.server.http import make_server, serve_until_stopped
    from kg.query.server.runner import QueryRunner
    from kg.query.stores import open_store

    try:
        open_store(store_name, graph_dir).close()
    except KgError as e:
        _fail(e)
    runner = QueryRunner(store_name, graph_dir, workers=workers, time_limit_s=time_limit, max_rows=max_rows,
                         quick_workers=quick_workers, wait_s=queue_timeout, cache_bytes=cache_mb << 20)
    server = make_server(runner, port, host=host, cors=cors, read_timeout=read_timeout, allow_hosts=allow_hosts)
    real_port = server.server_address[1]
    shown = f"[{host}]" if ":" in host else host
    click.echo(f"serving {graph_dir} ({store_name}) on http://{shown}:{real_port}/  "
               f"(SPARQL: /sparql; time limit {time_limit:g} s, row cap {max_rows}); Ctrl+C stops", err=True)
    serve_until_stopped(server, runner)
    click.echo("stopped", err=True)


@main.command()
@click.option("--endpoint", required=True, help="the server's SPARQL query URL, e.g. http://localhost:7878/query")
@click.option("--store-url", default=None, help="Graph Store Protocol URL (default: guessed: …/query → …/store, …/sparql → …/data)")
@click.option("--graph", "graph_iri", default=None, help="named graph IRI (default: the default graph)")
@click.option("--append", is_flag=True, help="add to the graph (POST) instead of replacing it (PUT)")
@click.option("-d", "--dir", "graph_dir", default="output", show_default=True, help="folder written by kg build")
def push(endpoint, store_url, graph_iri, append, graph_dir) -> None:
    """Load a built graph into a remote triple store (Oxigraph server, Fuseki, GraphDB…)."""
    from pathlib import Path

    from kg.query.stores.remote import push as run

    try:
        status = run(Path(graph_dir) / "graph.ttl", endpoint, store_url, graph_iri, replace=not append)
    except KgError as e:
        _fail(e)
    click.echo(f"pushed {graph_dir}/graph.ttl ({'appended' if append else 'replaced'}; HTTP {status})", err=True)


@main.command()
@click.option("-d", "--dir", "graph_dir", default="output", show_default=True, help="folder written by kg build")
@click.option("-o", "--out", "out_file", default=None, help="page to write (default: DIR/graph.html, or DIR/view.html for a part)")
@click.option("--type", "types", multiple=True, help="only entities of this type (Community, 社区/村, Organization…); repeatable")
@click.option("--around", "around_name", default=None, help="only this entity (name or alias) and its neighbourhood")
@click.option("--depth", type=int, default=1, show_default=True, help="relations to follow from --around")
@click.option("--query", "query_file", default=None, help="only the entities a CONSTRUCT query (.rq) returns")
@click.option("-p", "--param", "params", multiple=True, metavar="NAME=VALUE", help="bind a parameter of --query")
@click.option("--title", default="社区治理知识图谱", show_default=True)
def render(graph_dir, out_file, types, around_name, depth, query_file, params, title) -> None:
    """Make an interactive, offline HTML page from a built graph, whole or in part."""
    from pathlib import Path

    from kg import atomic
    from kg.page.render import render_built
    from kg.query.sparql import parse_params

    try:
        page, partial = render_built(graph_dir, list(types), around_name, depth, query_file,
                                     parse_params(params), title)
    except KgError as e:
        _fail(e)
    target = Path(out_file) if out_file else Path(graph_dir) / ("view.html" if partial else "graph.html")
    atomic.write_text(target, page)
    click.echo(f"wrote {target}", err=True)


if __name__ == "__main__":  # pragma: no cover
    main()
