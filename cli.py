"""graphkit's command line: parse options, call the library, print, set the exit code.

Every command is a thin shell over a library function (see ../README.md);
library errors (:class:`graphkit.GraphkitError`) become ``click.ClickException``
so the user sees a short message and a non-zero exit, never a traceback.
"""
from __future__ import annotations

import functools
import sys
from pathlib import Path

import click

import graphkit
from graphkit.errors import GraphkitError
from graphkit.progress import on_terminal


def fail_cleanly(func):
    """Turn library errors into a clean message and exit code 1."""
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except GraphkitError as exc:
            raise click.ClickException(str(exc)) from exc
    return wrapper


# ----------------------------------------------------------------- options
def data_options(func):
    """DATA argument, --lenient, and the Neo4j source (--from-neo4j)."""
    func = click.option(
        "--lenient", is_flag=True,
        help="Load the valid rows and write every rejected row, with its "
             "reason, to rejects.csv beside the outputs.")(func)
    func = click.option(
        "--from-neo4j", "from_neo4j", is_flag=True,
        help="Read the network from the configured Neo4j database instead of "
             "DATA (see the neo4j connection options).")(func)
    func = neo4j_options(func)
    func = click.argument("data", required=False,
                          type=click.Path(exists=True, path_type=Path))(func)
    return func


def neo4j_options(func):
    """--uri, --user, --password, --database, with the NEO4J_* environment."""
    func = click.option("--database", envvar="NEO4J_DATABASE", default=None,
                        help="Neo4j database name [env NEO4J_DATABASE].")(func)
    func = click.option("--password", envvar="NEO4J_PASSWORD", default=None,
                        show_default=False,
                        help="Neo4j password [env NEO4J_PASSWORD]. Never printed.")(func)
    func = click.option("--user", envvar="NEO4J_USERNAME", default="neo4j",
                        show_default=True,
                        help="Neo4j user [env NEO4J_USERNAME].")(func)
    func = click.option("--uri", envvar="NEO4J_URI", default=None,
                        help="Neo4j URI: neo4j://, neo4j+s://, bolt://, "
                             "bolt+s://... [env NEO4J_URI].")(func)
    return func


def neo4j_settings(kwargs) -> dict:
    return {k: kwargs.get(k) for k in ("uri", "user", "password", "database")}


def load(data, lenient=False, from_neo4j=False, outdir=None, **kwargs):
    """Open the network from DATA (or Neo4j), print the load summary.

    Invalid data is refused with the full list of problems unless
    ``lenient``; then rejects are written to OUTDIR/rejects.csv (or beside
    DATA when there is no OUTDIR).
    """
    from graphkit.io import read_network, write_rejects
    if from_neo4j:
        from graphkit.neo4j import connect, pull_network
        settings = neo4j_settings(kwargs)
        with connect(**settings) as driver:
            return pull_network(driver, database=settings["database"])
    if data is None:
        raise click.UsageError("give DATA (a folder, .xlsx or .json) "
                               "or --from-neo4j")
    result = read_network(data, lenient=lenient)
    if lenient:
        where = Path(outdir) if outdir else (
            Path(data) if Path(data).is_dir() else Path(data).parent)
        if result.rejects is not None and len(result.rejects):
            path = write_rejects(result.rejects, where / "rejects.csv")
            click.echo(f"wrote {path}", err=True)
        click.echo(result.summary(), err=True)
    return result.network


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(graphkit.__version__, prog_name="graphkit")
def main():
    """graphkit: map international R&D cooperation and find the
    partnerships that are missing."""


# ------------------------------------------------ foundation commands (issue 2)
@main.command()
@data_options
@click.option("-o", "--out", "outdir", required=True,
              type=click.Path(file_okay=False, path_type=Path),
              help="Folder the outputs are written into (created if needed).")
@click.option("--lang", type=click.Choice(["fr", "en"]), default="fr",
              show_default=True,
              help="Language of the report, map and explanations "
                   "(French by default: most officials read French).")
@click.option("--seed", type=int, default=42, show_default=True,
              help="Seed of everything random (communities, sampling, layout).")
@click.option("--exact", is_flag=True,
              help="Exact metrics even on large networks (slower).")
@click.option("--since", type=int, default=None,
              help="Count only cooperations from this year on.")
@click.option("--until", type=int, default=None,
              help="Count only cooperations up to this year.")
@fail_cleanly
def run(data, outdir, lenient, from_neo4j, **options):
    """Run every stage on DATA and write every output into OUT.

    DATA is a folder with actors.csv and cooperations.csv, an Excel workbook
    with sheets actors and cooperations, or a JSON file. Outputs appear only
    when every stage has succeeded.
    """
    from graphkit.pipeline import run as run_pipeline
    network = load(data, lenient=lenient, from_neo4j=from_neo4j,
                   outdir=outdir, **options)
    written = run_pipeline(network, outdir, options, progress=on_terminal())
    for path in written:
        click.echo(f"wrote {path}")

# ------------------------------------------------ generator commands (issue 2)
@main.command()
@click.option("--actors", "n_actors", type=int, required=True,
              help="Number of actors to generate (at least 50).")
@click.option("--seed", type=int, default=42, show_default=True,
              help="Seed: the same seed gives the same files.")
@click.option("-o", "--out", "outdir", required=True,
              type=click.Path(file_okay=False, path_type=Path),
              help="Folder the data is written into (created if needed).")
@click.option("--format", "fmt", type=click.Choice(["csv", "xlsx", "json"]),
              default="csv", show_default=True,
              help="csv: actors.csv + cooperations.csv; xlsx: network.xlsx; "
                   "json: network.json. generator.json records the model.")
@click.option("--start-year", type=int, default=2005, show_default=True,
              help="First year of the cooperations.")
@click.option("--end-year", type=int, default=2014, show_default=True,
              help="Last year of the cooperations.")
@fail_cleanly
def generate(n_actors, seed, outdir, fmt, start_year, end_year):
    """Generate a synthetic ecosystem of pôles, parks and their partners.

    Ties form by preferential attachment, planted sector complementarity
    and triadic closure, so gap analysis has something true to find.
    """
    import json

    from graphkit.generate import generate_ecosystem
    from graphkit.io import write_network
    from graphkit.io.outputs import write_text
    network = generate_ecosystem(n_actors, seed=seed, start_year=start_year,
                                 end_year=end_year, progress=on_terminal())
    target = outdir if fmt == "csv" else outdir / f"network.{fmt}"
    written = write_network(network, target)
    written.append(write_text(outdir / "generator.json", json.dumps(
        network.meta["generator"], ensure_ascii=False, indent=1)))
    for path in written:
        click.echo(f"wrote {path}")
    click.echo(f"{len(network.actors)} actors, {len(network.cooperations)} "
               f"cooperations (seed {seed})")


# ------------------------------------------------ analysis commands (issue 3)

# ------------------------------------------------ gap commands (issue 4)

# ------------------------------------------------ map commands (issue 5)
@main.command("map")
@data_options
@click.option("-o", "--out", "out", required=True,
              type=click.Path(dir_okay=False, path_type=Path),
              help="The HTML file to write (one self-contained file).")
@click.option("--lang", type=click.Choice(["fr", "en"]), default="fr",
              show_default=True,
              help="Language shown first (the page can switch FR/EN).")
@click.option("--size-by", "size_by", default="betweenness", show_default=True,
              metavar="METRIC",
              help="Metric sizing the nodes (a column of `graphkit analyse`: "
                   "degree, betweenness, pagerank, ...).")
@click.option("--layout", type=click.Choice(["auto", "spring", "geo"]),
              default="auto", show_default=True,
              help="auto/spring: seeded force layout computed in Python; "
                   "geo: positions from lat/lon.")
@click.option("--focus", default=None, metavar="ID",
              help="Show only the neighbourhood of this actor.")
@click.option("--depth", type=click.IntRange(min=0), default=1,
              show_default=True, help="Hops around --focus.")
@click.option("--collapse", is_flag=True,
              help="Merge the members of each pôle and park into its node.")
@click.option("--seed", type=int, default=42, show_default=True,
              help="Seed of the layout (and of the metrics).")
@click.option("--title", default=None, help="Title shown in the header.")
@click.option("--no-recommendations", "no_recs", is_flag=True,
              help="Do not compute recommendations and gaps (faster).")
@fail_cleanly
def map_command(data, out, lenient, from_neo4j, lang, size_by, layout, focus,
                depth, collapse, seed, title, no_recs, **kwargs):
    """Write the interactive network map of DATA: one HTML file that works
    offline, with legend, search, filters, details and the gaps overlaid."""
    from graphkit.render import compute_overlays, render_map
    network = load(data, lenient=lenient, from_neo4j=from_neo4j,
                   outdir=out.parent, **kwargs)
    tables = compute_overlays(network, lang=lang, seed=seed,
                              recommendations=not no_recs,
                              progress=on_terminal())
    path = render_map(network, out, lang=lang, size_by=size_by,
                      layout=layout, focus=focus, depth=depth,
                      collapse=collapse, seed=seed, title=title,
                      progress=on_terminal(), **tables)
    click.echo(f"wrote {path}")

# ------------------------------------------------ report commands (issue 6)

# ------------------------------------------------ neo4j commands (issue 7)


if __name__ == "__main__":
    main()
