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


def echo_safe(message="", **kwargs):
    """click.echo with the control and bidirectional characters of the data
    shown as escapes (a name cannot drive the terminal)."""
    from graphkit.textsafety import terminal_safe
    click.echo(terminal_safe(message), **kwargs)


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


def lang_option(help: str):
    """--lang fr|en (French by default: most of graphkit's readers work in
    French); ``help`` says what the language applies to."""
    return click.option("--lang", type=click.Choice(["fr", "en"]),
                        default="fr", show_default=True, help=help)


def tie_options(func):
    """--types, --include-membership, --since, --until, --unweighted."""
    func = click.option("--unweighted", is_flag=True,
                        help="Every tie counts 1 (ignore cooperation weights).")(func)
    func = click.option("--until", type=int, default=None,
                        help="Count only cooperations up to this year.")(func)
    func = click.option("--since", type=int, default=None,
                        help="Count only cooperations from this year on.")(func)
    func = click.option("--include-membership", is_flag=True,
                        help="Count membership of a pôle or park as a tie too.")(func)
    func = click.option("--types", default=None, metavar="T1,T2",
                        help="Cooperation types that count as ties, comma "
                             "separated (default: every type but membership).")(func)
    return func


def seed_option(func):
    return click.option(
        "--seed", type=int, default=42, show_default=True,
        help="Seed of everything random (communities, pivot sampling, "
             "tie-breaks, layout).")(func)


def analysis_options(func):
    """The tie options, --exact, --seed and --workers: every parameter of
    the analysis a command runs (see graphkit.results.Parameters)."""
    func = click.option(
        "--workers", type=click.IntRange(min=1), default=1,
        show_default=True,
        help="Processes for betweenness and closeness (1: no process pool)."
    )(func)
    func = click.option(
        "--exact", is_flag=True,
        help="Exact betweenness and closeness even on large networks "
             "(above 5000 actors they are estimated from seeded pivots)."
    )(func)
    func = seed_option(func)
    return tie_options(func)


def parameters(options: dict, **extra):
    """The :class:`graphkit.results.Parameters` of a command's options."""
    from graphkit.network import Ties
    from graphkit.results import Parameters
    ties = Ties.of(options.get("types"), options.get("since"),
                   options.get("until"),
                   include_membership=bool(options.get("include_membership")),
                   weighted=not options.get("unweighted", False))
    known = {k: options[k] for k in ("exact", "seed", "workers", "group_by",
                                     "top", "dormant_years",
                                     "programme_years", "parks",
                                     "foreign_gaps")
             if options.get(k) is not None}
    return Parameters(ties, **{**known, **extra})


def neo4j_settings(kwargs) -> dict:
    return {k: kwargs.get(k) for k in ("uri", "user", "password", "database")}


def load_result(data, lenient=False, from_neo4j=False, **kwargs):
    """Read DATA (or Neo4j) and return the :class:`graphkit.io.LoadResult`.

    Prints nothing; invalid data raises ValidationError (all problems)."""
    from graphkit.io import LoadResult, read_network
    if from_neo4j:
        from graphkit.neo4j import connect, pull_network
        settings = neo4j_settings(kwargs)
        with connect(**settings) as driver:
            return LoadResult.whole(
                pull_network(driver, database=settings["database"]))
    if data is None:
        raise click.UsageError("give DATA (a folder, .xlsx or .json) "
                               "or --from-neo4j")
    return read_network(data, lenient=lenient)


def rejects_beside(result, data, outdir=None):
    """Write the rejected rows to OUTDIR/rejects.csv, or beside DATA when
    there is no OUTDIR; return the path, or None when nothing was rejected."""
    from graphkit.io import write_rejects
    if result.rejects is None or not len(result.rejects):
        return None
    where = Path(outdir) if outdir else (
        Path(data) if Path(data).is_dir() else Path(data).parent)
    return write_rejects(result.rejects, where / "rejects.csv")


def load(data, lenient=False, from_neo4j=False, outdir=None, **kwargs):
    """Open the network from DATA (or Neo4j), print the load summary.

    Invalid data is refused with the full list of problems unless
    ``lenient``; then rejects are written to OUTDIR/rejects.csv (or beside
    DATA when there is no OUTDIR).
    """
    result = load_result(data, lenient=lenient, from_neo4j=from_neo4j,
                         **kwargs)
    if lenient and not from_neo4j:
        path = rejects_beside(result, data, outdir)
        if path is not None:
            click.echo(f"wrote {path}", err=True)
        click.echo(result.summary(), err=True)
    else:
        for warning in result.warnings:
            click.echo(f"warning: {warning}", err=True)
    return result.network


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(graphkit.__version__, prog_name="graphkit")
def main():
    """graphkit: map international R&D cooperation and find the
    partnerships that are missing."""
    from graphkit.memory import use_returning_allocator
    use_returning_allocator()  # a process of its own: see graphkit.memory


def entry(args=None, **extra) -> None:
    """The ``graphkit`` console script: :func:`main` in a process of its
    own, whose long-lived objects the garbage collector leaves alone
    (:mod:`graphkit.memory`: after the imports and every full collection,
    and once the command is done so that the exit does not walk them
    again). Tests call :func:`main` and keep their collector as it is."""
    from graphkit.memory import keep_settled, settle
    keep_settled()
    try:
        main(args, prog_name="graphkit", **extra)
    finally:
        settle()


# ------------------------------------------------ foundation commands
@main.command()
@data_options
@click.option("-o", "--out", "outdir", required=True,
              type=click.Path(file_okay=False, path_type=Path),
              help="Folder the outputs are written into (created if needed).")
@lang_option("Language of the report, map and explanations "
             "(French by default: most officials read French).")
@analysis_options
@fail_cleanly
def run(data, outdir, lenient, from_neo4j, lang, **options):
    """Run every stage on DATA and write every output into OUT.

    DATA is a folder with actors.csv and cooperations.csv, an Excel workbook
    with sheets actors and cooperations, or a JSON file. The analysis runs
    once; the tables, the map and the report all read it. Outputs appear
    only when every stage has succeeded.
    """
    from graphkit.io.tables import records
    from graphkit.pipeline import run as run_pipeline
    settings = neo4j_settings(options)
    if settings["uri"] and not from_neo4j:
        # the Neo4j stage runs last: find a bad address or password now,
        # not after every other stage has been computed
        from graphkit.neo4j import connect
        with connect(**settings):
            pass
        click.echo(f"the network and the results will be pushed to Neo4j at "
                   f"{_where(settings)} (last stage)", err=True)
    result = load_result(data, lenient=lenient, from_neo4j=from_neo4j,
                         **options)
    _results, written = run_pipeline(
        result.network, outdir, parameters(options), lang=lang,
        rejects=records(result.rejects, index=False) if lenient else None,
        neo4j=settings if settings["uri"] else None, progress=on_terminal())
    for path in written:
        click.echo(f"wrote {path}")
    click.echo(result.summary())


@main.command()
@data_options
@fail_cleanly
def validate(data, lenient, from_neo4j, **kwargs):
    """Check DATA against the data contract and list every problem.

    Prints "valid: N actors, M cooperations", or every problem (file, line,
    column, value, reason) on standard error and exits 1. With --lenient
    the valid rows count as loaded and the rejected ones are written, with
    their reasons, to rejects.csv beside DATA.
    """
    result = load_result(data, lenient=lenient, from_neo4j=from_neo4j,
                         **kwargs)
    net = result.network
    click.echo(f"valid: {len(net.actors)} actors, "
               f"{len(net.cooperations)} cooperations")
    _warn_duplicates(result)
    for warning in [] if lenient else result.warnings:
        click.echo(f"warning: {warning}", err=True)
    if lenient:
        click.echo(result.summary())
        path = rejects_beside(result, data) if not from_neo4j else None
        if path is not None:
            click.echo(f"wrote {path}")


def _warn_duplicates(result) -> None:
    """One warning line (stderr) per likely duplicate pair of actors."""
    from graphkit.io.dedupe import find_duplicates
    places = result.places if result.places is not None else {}
    for row in find_duplicates(result.network.actors).itertuples():
        a, b = (f"{places.get(i, 'id')} (id {i!r}, {n!r})" for i, n in
                ((row.id_a, row.name_a), (row.id_b, row.name_b)))
        click.echo(f"warning: likely the same organisation: {a} and {b}: "
                   f"{row.reason} (see graphkit dedupe)", err=True)


@main.command("info")
@data_options
@click.option("--json", "as_json", is_flag=True,
              help="Print the summary as JSON instead of text.")
@tie_options
@lang_option("Language of the text summary.")
@fail_cleanly
def info_command(data, lenient, from_neo4j, as_json, lang, **options):
    """Summarise DATA: counts by actor type, country, cooperation type and
    year; then, under the analysis' tie definition (the same as `graphkit
    run` for the same options), cooperations, pairs of partners, connected
    components and the cross-border share."""
    import json

    from graphkit.analysis.compute import empty_window_message
    from graphkit.info import format_info, info
    from graphkit.io.tables import _plain
    network = load(data, lenient=lenient, from_neo4j=from_neo4j, **options)
    summary = info(network, parameters(options).ties)
    message = empty_window_message(network, summary["figures"])
    if message:
        raise GraphkitError(message)
    click.echo(json.dumps(_plain(summary), ensure_ascii=False, indent=2)
               if as_json else format_info(summary, lang))

# ------------------------------------------------ generator commands
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


# ------------------------------------------------ analysis commands
def _compute(network, options, parts, **kwargs):
    """The one analysis of a command (graphkit.analysis.compute)."""
    from graphkit.analysis import compute
    return compute(network, parameters(options), parts=parts,
                   progress=on_terminal(), **kwargs)


def _approximations(results) -> None:
    for a in results.approximations:
        click.echo(f"approximate {a['metric']}: {a['detail']}, seed "
                   f"{a['seed']} (--exact to compute it exactly)", err=True)


@main.command()
@data_options
@click.option("-o", "--out", "outdir", required=True,
              type=click.Path(file_okay=False, path_type=Path),
              help="Folder the metric and summary files are written into.")
@analysis_options
@click.option("--group-by", type=click.Choice(["country", "type", "pole"]),
              default="country", show_default=True,
              help="Groups of the brokerage roles (Gould and Fernandez).")
@fail_cleanly
def analyse(data, outdir, lenient, from_neo4j, **options):
    """Per-actor metrics (metrics.csv/.xlsx/.json) and the network summary
    (summary.json/.xlsx) of DATA, written into OUT."""
    from graphkit.io.results import write_results
    network = load(data, lenient=lenient, from_neo4j=from_neo4j,
                   outdir=outdir, **options)
    results = _compute(network, options, ["metrics", "summary"])
    for path in write_results(results, outdir):
        click.echo(f"wrote {path}")
    _approximations(results)


@main.command()
@data_options
@click.option("--format", "fmt", type=click.Choice(["gexf", "graphml", "json"]),
              default=None, help="File format (default: from the extension "
                                 "of FILE).")
@click.option("-o", "--out", "outfile", required=True,
              type=click.Path(dir_okay=False, path_type=Path),
              help="The file to write (GEXF / GraphML for Gephi and "
                   "Cytoscape, node-link JSON).")
@analysis_options
@fail_cleanly
def export(data, fmt, outfile, lenient, from_neo4j, **options):
    """Write the network of DATA with every metric as node attributes."""
    from graphkit.io.export import export_network
    network = load(data, lenient=lenient, from_neo4j=from_neo4j,
                   outdir=outfile.parent, **options)
    if fmt is None and outfile.suffix.lstrip(".").lower() not in (
            "gexf", "graphml", "json"):
        raise click.UsageError("give --format gexf|graphml|json or a FILE "
                               "ending in .gexf, .graphml or .json")
    results = _compute(network, options, ["metrics"])
    click.echo(f"wrote {export_network(results, outfile, fmt)}")


# ------------------------------------------------ gap commands
@main.command()
@data_options
@click.option("-o", "--out", "outdir", required=True,
              type=click.Path(file_okay=False, path_type=Path),
              help="Folder gaps.csv/.xlsx/.json and white_spaces.csv go into.")
@click.option("--dormant-years", type=click.IntRange(min=1), default=5,
              show_default=True,
              help="A partnership is dormant after this many years without "
                   "cooperation.")
@click.option("--programme-years", type=click.IntRange(min=1), default=3,
              show_default=True,
              help="A programme is idle after this many years without beneficiary.")
@click.option("--foreign-gaps", is_flag=True,
              help="Also list foreign actors' gaps that concern no French "
                   "actor (by default only gaps a French actor is part of).")
@tie_options
@lang_option("Language of the explanations.")
@fail_cleanly
def gaps(data, outdir, lenient, from_neo4j, lang, **options):
    """Find the structural gaps and sector white spaces of DATA."""
    from graphkit.io.results import write_results
    network = load(data, lenient=lenient, from_neo4j=from_neo4j,
                   outdir=outdir, **options)
    from graphkit import texts
    results = _compute(network, options, ["gaps", "white_spaces"])
    written = write_results(results, outdir, lang=lang)
    for rule_id, n in results.gaps["rule_id"].value_counts().sort_index().items():
        click.echo(texts.text("cli.gaps.rule", lang,
                              rule=texts.rule_name(rule_id, lang), n=n))
    for path in written:
        click.echo(f"wrote {path}")


@main.command()
@data_options
@click.argument("actor_id")
@click.option("--sector", default=None, help="Only partners working in this sector.")
@click.option("--country", default=None,
              help="Only partners abroad in this country (ISO alpha-2, e.g. "
                   "CN); the list in the actor's own country stays.")
@click.option("--top", type=click.IntRange(min=1), default=10,
              show_default=True, help="How many candidates.")
@click.option("--ranking", type=click.Choice(
    ["case_control", "temporal", "per_source", "auto"]),
              default="case_control", show_default=True,
              help="How candidates are ordered: the case-control score, the "
                   "probability or the per-actor order learnt from the "
                   "network's history, or auto: the better of case_control "
                   "and per_source measured on the network's latest year "
                   "(the choice and its figures are printed).")
@tie_options
@seed_option
@lang_option("Language of the explanations.")
@fail_cleanly
def partners(data, actor_id, lenient, from_neo4j, sector, country, top, lang,
             ranking, **options):
    """Print the ranked partner candidates of ACTOR_ID, with the reasons:
    those abroad first, then those in its own country."""
    from graphkit.analysis.recommend import check_actor, recommend
    network = load(data, lenient=lenient, from_neo4j=from_neo4j, **options)
    check_actor(network, actor_id)
    params = parameters(options, top=top)
    from graphkit import texts
    rec, model = recommend(network, actors=[actor_id], top=top,
                           types=params.ties, seed=params.seed, sector=sector,
                           country=country, progress=on_terminal(),
                           split_border=True, ranking=ranking,
                           with_model=True)
    echo_safe(f"{network.name(actor_id)} ({actor_id})")
    if ranking != "case_control":  # the default's output stays as it was
        echo_safe(texts.ranking_text(dict(model, ranking=model.get(
            "ranking", ranking)), lang))
    # the mission's question first: the partners abroad, then those at home
    for abroad in (True, False):
        part = rec[rec["international"] == abroad]
        echo_safe(texts.text("cli.partners.abroad" if abroad
                             else "cli.partners.home", lang))
        if not len(part):
            echo_safe("  " + texts.text("cli.partners.none", lang))
        for row in part.itertuples():
            _partner_lines(row, lang)


def _partner_lines(row, lang):
    from graphkit import texts
    country_txt = (", " + texts.country_name(row.partner_country, lang)
                   if row.partner_country else "")
    echo_safe(f"{row.rank:>3}. {row.partner_name} ({row.partner_id}, "
              f"{texts.type_name(row.partner_type, lang)}{country_txt})  "
              + texts.text("cli.partners.score", lang,
                           score=texts.fmt.number(row.score, lang, 3)))
    echo_safe(f"     {texts.reasons_text(row.reason_codes, lang)}")
    if row.programme_names:
        echo_safe("     " + texts.text(
            "cli.partners.programmes", lang,
            names=row.programme_names.replace(';', ', ')))


@main.command()
@data_options
@click.option("--pole", "pole_id", required=True, help="Id of the pôle.")
@click.option("--parks", type=click.IntRange(min=1), default=3,
              show_default=True, help="How many parks to visit.")
@click.option("--json", "as_json", is_flag=True, help="Print the plan as JSON.")
@tie_options
@seed_option
@lang_option("Language of the explanations.")
@fail_cleanly
def mission(data, pole_id, parks, as_json, lang, lenient, from_neo4j,
            **options):
    """Plan a delegation mission: the parks a pôle should visit, who goes
    (each SME with its academic partner), whom they meet, why and how
    likely it leads to a partnership.

    The plan is the one `graphkit run` writes into missions.json for the
    same options: it is built from the pôle's recommendations above their
    threshold, in parks whose specialities fit the pôle's domains."""
    import json

    from graphkit.analysis.recommend import check_actor
    network = load(data, lenient=lenient, from_neo4j=from_neo4j, **options)
    check_actor(network, pole_id)
    from graphkit.texts import missions as words
    results = _compute(network, dict(options, parks=parks), ["missions"],
                       mission_poles=[pole_id])
    plan = results.missions[pole_id]
    if as_json:
        echo_safe(json.dumps(words.worded_plan(plan, lang),
                             ensure_ascii=False, indent=1))
        return
    for line in mission_lines(plan, lang):
        echo_safe(line)


def mission_lines(plan: dict, lang: str) -> list[str]:
    """The text of `graphkit mission`: names, never ids."""
    from graphkit import texts
    from graphkit.texts import missions as words
    out = [words.headline(plan, lang)]
    if words.fewer(plan, lang):
        out.append(words.fewer(plan, lang))
    for i, park in enumerate(plan["parks"], 1):
        out.append(f"{i}. " + words.park_title(park, lang) + " – "
                   + texts.text("mission.n_meetings", lang, n=park["covered"]))
        for who, meet in words.travellers(park, lang):
            out.append(f"   {who}")
            for m in meet:
                out.append("     " + texts.text(
                    "mission.meet", lang, partner=words.partner(m, lang),
                    chance=words.chance(m, lang)))
                out.append("       " + texts.text(
                    "mission.why", lang, reasons=words.why(m, lang)))
                if words.programme(m, lang):
                    out.append("       " + words.programme(m, lang))
    out.append(words.measure_note(plan, lang))
    return out


@main.command()
@data_options
@click.option("--split-year", type=int, required=True,
              help="Hide the cooperations after this year.")
@click.option("--k", "ks", type=click.IntRange(min=1), multiple=True,
              default=(10, 50, 100), show_default=True,
              help="Cut-offs of precision@k and recall@k (repeatable).")
@click.option("--seed", type=int, default=42, show_default=True,
              help="Seed of the random baseline and of the order of ties.")
@fail_cleanly
def evaluate(data, split_year, ks, seed, lenient, from_neo4j, **kwargs):
    """Back-test the recommendations: precision@k, recall@k and AUC of
    graphkit's score and of each single baseline."""
    from graphkit.analysis.evaluate import evaluate as run_evaluate
    network = load(data, lenient=lenient, from_neo4j=from_neo4j, **kwargs)
    table = run_evaluate(network, split_year, k=ks, seed=seed)
    click.echo(f"split {split_year}: {table.attrs['candidates']} candidate "
               f"pairs, {table.attrs['truth']} new pairs after the split, "
               f"{table.attrs['truth_in_candidates']} among the candidates")
    click.echo(table.round(4).to_string())


# ------------------------------------------------ map commands
@main.command("map")
@data_options
@click.option("-o", "--out", "out", required=True,
              type=click.Path(dir_okay=False, path_type=Path),
              help="The HTML file to write (one self-contained file).")
@lang_option("Language shown first (the page can switch FR/EN).")
@click.option("--size-by", "size_by", default="reach", show_default=True,
              metavar="METRIC",
              help="What sizes the nodes: reach (partners on the map, "
                   "memberships included: pôles and parks stand out) or a "
                   "column of `graphkit analyse` (degree, betweenness, "
                   "pagerank, ...).")
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
@click.option("--title", default=None, help="Title shown in the header.")
@click.option("--no-recommendations", "no_recs", is_flag=True,
              help="Do not compute recommendations and gaps (faster).")
@analysis_options
@fail_cleanly
def map_command(data, out, lenient, from_neo4j, lang, size_by, layout, focus,
                depth, collapse, title, no_recs, **options):
    """Write the interactive network map of DATA: one HTML file that works
    offline, with legend, search, filters, details and the gaps overlaid.

    The metrics, recommendations and gaps are those `graphkit run` computes
    for the same options."""
    from graphkit.render import render_map
    network = load(data, lenient=lenient, from_neo4j=from_neo4j,
                   outdir=out.parent, **options)
    parts = ["metrics"] if no_recs else ["metrics", "recommendations", "gaps"]
    results = _compute(network, options, parts)
    path = render_map(results, out, lang=lang, size_by=size_by,
                      layout=layout, focus=focus, depth=depth,
                      collapse=collapse, title=title, progress=on_terminal())
    click.echo(f"wrote {path}")


# ------------------------------------------------ report commands
@main.command()
@data_options
@click.option("-o", "--out", "out", required=True,
              type=click.Path(path_type=Path),
              help="report.html, report.md or report.xlsx (that format is "
                   "written), or a folder (every format, unless --format).")
@lang_option("Language of the report (French by default: most "
             "officials of the embassies and pôles read French).")
@click.option("--pole", default=None, metavar="ID",
              help="Report on this pôle, its members and their partners.")
@click.option("--country", default=None, metavar="CC",
              help="Report on the actors of this country (ISO code) and "
                   "their partners.")
@click.option("--format", "formats", multiple=True,
              type=click.Choice(["html", "md", "xlsx"]),
              help="Also write this format beside OUT (repeatable).")
@analysis_options
@fail_cleanly
def report(data, out, lenient, from_neo4j, lang, pole, country, formats,
           **options):
    """Write the cooperation-gap report of DATA for officials: HTML
    (self-contained, printable on A4), Markdown and Excel, in French or
    English."""
    from graphkit.report import Scope, build_report, write_report
    network = load(data, lenient=lenient, from_neo4j=from_neo4j,
                   outdir=out.parent if out.suffix else out, **options)
    params = parameters(options)
    Scope(network, pole, country, params.ties)  # refuse a bad scope first
    results = _compute(network, options, ["metrics", "summary", "gaps",
                                          "white_spaces", "recommendations",
                                          "missions"])
    rep = build_report(results, lang=lang, pole=pole, country=country)
    for path in write_report(rep, out, formats or None):
        click.echo(f"wrote {path}")


@main.command()
@click.argument("old", type=click.Path(exists=True, path_type=Path))
@click.argument("new", required=False,
                type=click.Path(exists=True, path_type=Path))
@click.option("--periods", default=None, metavar="Y1-Y2,Y3-Y4",
              help="Compare two periods of OLD (e.g. 2008-2010,2012-2014) "
                   "instead of two versions of the data.")
@click.option("-o", "--out", "outdir", required=True,
              type=click.Path(file_okay=False, path_type=Path),
              help="Folder the brief (HTML, Markdown, Excel) and the full "
                   "lists of changes (CSV) are written into.")
@lang_option("Language of the brief (French by default).")
@click.option("--lenient", is_flag=True,
              help="Load the valid rows of each input and leave out the "
                   "rejected ones (counted on the terminal).")
@analysis_options
@fail_cleanly
def compare(old, new, periods, outdir, lang, lenient, **options):
    """What changed: between two versions of the data (OLD NEW) or two
    periods of one network (DATA --periods 2008-2010,2012-2014): ties that
    appeared and disappeared, actors who entered or left, partnerships gone
    dormant, gaps closed and opened, the earlier recommendations that came
    true, and the key figures before and after."""
    import shlex
    from graphkit.analysis.compare import (compare as compare_versions,
                                           compare_periods, parse_periods)
    from graphkit.report.brief import write_brief
    if (new is None) == (periods is None):
        raise click.UsageError("give OLD and NEW (two versions of the "
                               "data) or DATA and --periods (two periods)")
    windows = parse_periods(periods) if periods else None
    params = parameters(options)
    if windows and params.ties.windowed:
        raise click.UsageError("--periods sets the years: leave out "
                               "--since and --until")
    def read(path):
        # rejected rows are counted, not written: the brief's folder is
        # replaced whole, and two inputs would share one rejects.csv
        result = load_result(path, lenient=lenient)
        for warning in result.warnings:
            click.echo(f"warning: {warning}", err=True)
        if lenient:
            click.echo(f"{path}: {result.summary()}", err=True)
        return result.network

    before = read(old)
    args = ["graphkit", "compare", str(old)]
    if windows:
        cmp = compare_periods(before, *windows, parameters=params)
        args += ["--periods", periods]
    else:
        after = read(new)
        cmp = compare_versions(before, after, parameters=params)
        args += [str(new)]
    args += ["-o", str(outdir), "--lang", lang]
    for path in write_brief(cmp, outdir, lang=lang,
                            command=shlex.join(args)):
        click.echo(f"wrote {path}")


# ------------------------------------------------ neo4j commands
def _batch_size_option(func):
    return click.option(
        "--batch-size", type=click.IntRange(min=1), default=None,
        help="Rows per transaction [default: 5000, measured by "
             "benchmarks/bench_neo4j.py].")(func)


def _where(settings) -> str:
    from graphkit.neo4j import safe_uri
    db = f" (database {settings['database']})" if settings["database"] else ""
    return safe_uri(settings["uri"]) + db


@main.group("neo4j")
def neo4j_group():
    """Neo4j: push the network, pull it back, write back scores and
    suggested partners, run the Cypher library (cypher/queries).

    Connect with --uri/--user/--password/--database or NEO4J_URI,
    NEO4J_USERNAME, NEO4J_PASSWORD, NEO4J_DATABASE. The password is never
    printed."""


@neo4j_group.command("push")
@click.argument("data", type=click.Path(exists=True, path_type=Path))
@click.option("--lenient", is_flag=True,
              help="Push the valid rows; write the rejected ones to "
                   "rejects.csv beside DATA.")
@neo4j_options
@click.option("--replace", is_flag=True,
              help="Also delete what graphkit wrote before and DATA no longer "
                   "has (never anything graphkit did not write).")
@click.option("--force", is_flag=True,
              help="Rewrite every row, even those whose stored hash says "
                   "they are unchanged (undoes hand edits).")
@_batch_size_option
@fail_cleanly
def neo4j_push(data, lenient, replace, force, batch_size, **kwargs):
    """Write DATA into Neo4j (schema first; idempotent: pushing twice
    leaves the database as after once)."""
    from graphkit.neo4j import BATCH_SIZE, connect, push_network
    network = load(data, lenient=lenient)
    settings = neo4j_settings(kwargs)
    with connect(**settings) as driver:
        summary = push_network(driver, network, database=settings["database"],
                               batch_size=batch_size or BATCH_SIZE,
                               replace=replace, force=force,
                               progress=on_terminal())
    click.echo(f"push of {len(network.actors)} actors and "
               f"{len(network.cooperations)} cooperations to {_where(settings)}:")
    click.echo(str(summary))


@neo4j_group.command("pull")
@neo4j_options
@click.option("-o", "--out", "out", required=True,
              type=click.Path(path_type=Path),
              help="A folder (actors.csv + cooperations.csv), a .xlsx or a "
                   ".json file.")
@fail_cleanly
def neo4j_pull(out, **kwargs):
    """Read the graph back from Neo4j and write it in the data contract."""
    from graphkit.io import write_network
    from graphkit.neo4j import connect, pull_network
    settings = neo4j_settings(kwargs)
    with connect(**settings) as driver:
        network = pull_network(driver, database=settings["database"])
    for problem in network.meta.get("skipped", ()):
        click.echo(f"skipped: {problem}", err=True)
    for path in write_network(network, out):
        click.echo(f"wrote {path}")
    click.echo(f"pulled {len(network.actors)} actors and "
               f"{len(network.cooperations)} cooperations from "
               f"{_where(settings)}", err=True)


@neo4j_group.command("write-back")
@data_options
@lang_option("Language of the reasons.")
@click.option("--top", type=click.IntRange(min=1), default=10,
              show_default=True, help="Suggested partners per actor.")
@analysis_options
@_batch_size_option
@fail_cleanly
def neo4j_write_back(data, lenient, from_neo4j, lang, top, batch_size,
                     **options):
    """Compute the metrics and suggested partners of DATA (or of the
    database, with --from-neo4j) and write them into Neo4j: metrics as actor
    properties, suggestions as SUGGESTED_PARTNER relationships replacing the
    previous run's."""
    from graphkit.io.results import worded
    from graphkit.neo4j import BATCH_SIZE, connect, write_back
    network = load(data, lenient=lenient, from_neo4j=from_neo4j, **options)
    results = _compute(network, dict(options, top=top),
                       ["metrics", "recommendations"])
    settings = neo4j_settings(options)
    with connect(**settings) as driver:
        out = write_back(driver, results.metrics,
                         worded("recommendations", results.recommendations,
                                lang),
                         database=settings["database"],
                         batch_size=batch_size or BATCH_SIZE,
                         progress=on_terminal())
    click.echo(f"wrote back to {_where(settings)}: {out['actors_scored']} "
               f"actors scored, {out['suggestions_created']} suggestions "
               f"(replacing {out['suggestions_deleted']}), run {out['run_id']}")
    if out["actors_missing"] or out["suggestions_missing"]:
        click.echo(f"{out['actors_missing']} actors and "
                   f"{out['suggestions_missing']} suggestions not in the "
                   f"database: run `graphkit neo4j push` first", err=True)


@neo4j_group.command("analyse")
@data_options
@click.option("-o", "--out", "outdir", required=True,
              type=click.Path(file_okay=False, path_type=Path),
              help="Folder the metric table is written into.")
@analysis_options
@fail_cleanly
def neo4j_analyse(data, outdir, lenient, from_neo4j, **options):
    """Compute PageRank, betweenness, harmonic closeness, Louvain
    communities and connected components inside Neo4j with Graph Data
    Science (same tie definition as `graphkit analyse`), write them as actor
    properties, and write the table (metrics.csv/.xlsx/.json) into OUT.
    DATA is pushed first (unless read with --from-neo4j)."""
    from graphkit.io.tables import write_table
    from graphkit.neo4j import connect, push_network
    from graphkit.neo4j.gds import analyse_in_database
    network = load(data, lenient=lenient, from_neo4j=from_neo4j, **options)
    params = parameters(options)
    settings = neo4j_settings(options)
    with connect(**settings) as driver:
        if not from_neo4j:
            click.echo(f"pushing to {_where(settings)}", err=True)
            click.echo(str(push_network(driver, network,
                                        database=settings["database"],
                                        progress=on_terminal())), err=True)
        table = analyse_in_database(driver, network, params.ties,
                                    database=settings["database"],
                                    seed=params.seed, exact=params.exact)
    for path in write_table(table, outdir, "metrics"):
        click.echo(f"wrote {path}")


@neo4j_group.command("export-import")
@click.argument("data", type=click.Path(exists=True, path_type=Path))
@click.argument("outdir", type=click.Path(file_okay=False, path_type=Path))
@click.option("--lenient", is_flag=True,
              help="Export the valid rows; write the rejected ones to "
                   "rejects.csv beside DATA.")
@fail_cleanly
def neo4j_export_import(data, outdir, lenient):
    """Write DATA as the CSV files `neo4j-admin database import full` reads
    (actors.csv, cooperations.csv in OUTDIR), for the first load of a large
    network; push afterwards finds every row unchanged."""
    from graphkit.neo4j.bulk import COMMAND, export_import
    network = load(data, lenient=lenient)
    for path in export_import(network, outdir):
        click.echo(f"wrote {path}")
    click.echo("load it into a stopped server with: "
               + COMMAND.format(database="neo4j", dir=outdir))


@neo4j_group.command("query")
@click.argument("name")
@neo4j_options
@click.option("--param", "-p", "params", multiple=True, metavar="KEY=VALUE",
              help="A query parameter (int, float or text); repeat it.")
@click.option("--csv", "csv_path", type=click.Path(dir_okay=False, path_type=Path),
              default=None, help="Write the rows to this .csv file instead "
                                 "of printing a table.")
@fail_cleanly
def neo4j_query(name, params, csv_path, **kwargs):
    """Run library query NAME (see `graphkit neo4j queries`)."""
    import pandas as pd

    from graphkit.neo4j import connect, get_query, parse_params, run_query
    from graphkit.neo4j.library import missing_steps, write_csv
    get_query(name)  # unknown names fail before connecting
    values = parse_params(params)
    settings = neo4j_settings(kwargs)
    with connect(**settings) as driver:
        df = run_query(driver, name, values, database=settings["database"])
        missing = missing_steps(driver, name, values,
                                database=settings["database"])
    for line in missing:
        click.echo(line, err=True)
    if csv_path is not None:
        click.echo(f"wrote {write_csv(df, csv_path)} ({len(df)} rows)")
    elif df.empty:
        click.echo("(no rows)")
    else:
        with pd.option_context("display.max_rows", None,
                               "display.max_columns", None,
                               "display.width", 200,
                               "display.max_colwidth", 60):
            click.echo(df.to_string(index=False))


@neo4j_group.command("queries")
@fail_cleanly
def neo4j_queries():
    """List the Cypher library: name, parameters, what it answers."""
    from graphkit.neo4j import list_queries
    for q in list_queries():
        params = " ".join(f"--param {k}={v}" for k, v in q.params.items())
        click.echo(f"{q.name}  {params}".rstrip())
        click.echo(f"    {q.description}")


# ------------------------------------------------ public sources
@main.group("import")
def import_group():
    """Turn public data sources into the data contract."""


@import_group.command("cordis")
@click.argument("paths", nargs=-1, required=True,
                type=click.Path(exists=True, path_type=Path))
@click.option("-o", "--out", "outdir", required=True,
              type=click.Path(file_okay=False, path_type=Path),
              help="Folder actors.csv and cooperations.csv are written into.")
@click.option("--country", default=None, metavar="CC",
              help="Keep the projects with at least one participant from "
                   "this country (ISO code, e.g. FR).")
@click.option("--partner-country", default=None, metavar="CC",
              help="Keep the projects with at least one participant from "
                   "this country too (e.g. CN).")
@click.option("--since", type=int, default=None,
              help="Keep the projects starting in this year or later.")
@click.option("--until", type=int, default=None,
              help="Keep the projects starting in this year or earlier.")
@click.option("--max-participants", type=click.IntRange(min=2), default=None,
              help="Drop the projects with more participants than this "
                   "(every pair of a project is a tie of weight 1/(n-1)).")
@click.option("--into", type=click.Path(exists=True, path_type=Path),
              default=None,
              help="Add the import to this network (folder, .xlsx or "
                   ".json), matching the organisations already there.")
@fail_cleanly
def import_cordis(paths, outdir, country, partner_country, since, until,
                  max_participants, into):
    """Turn CORDIS downloads into actors.csv and cooperations.csv.

    PATHS are CORDIS bulk downloads as the EU publishes them (e.g.
    cordis-h2020projects-csv.zip, cordis-HORIZONprojects-csv.zip) or the
    folders they unpack to. Nothing is written unless every file reads.
    """
    from graphkit.io import write_network
    from graphkit.io.cordis import import_cordis as run_import
    result = run_import(paths, into=into, progress=on_terminal(),
                        country=country, partner_country=partner_country,
                        since=since, until=until,
                        max_participants=max_participants)
    for path in write_network(result.network, outdir):
        click.echo(f"wrote {path}")
    click.echo(result.summary())


@main.command()
@click.argument("data", type=click.Path(exists=True, path_type=Path))
@click.option("-o", "--out", "outdir", required=True,
              type=click.Path(file_okay=False, path_type=Path),
              help="Folder the merged network and merges.csv are written "
                   "into.")
@click.option("--merges", "merges_file", default=None,
              type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Apply this reviewed merges.csv (rows whose merge column "
                   "says yes) instead of the duplicates found.")
@fail_cleanly
def dedupe(data, outdir, merges_file):
    """Merge the organisations DATA holds twice under different names.

    Finds likely duplicates (same country and the same name once case,
    accents, punctuation and legal forms are set aside; an equal pic, siren
    or ror; or close names), merges them into the first of each group and
    writes the network and merges.csv, which a person can review (set
    merge to no on a wrong row) and give back with --merges.
    """
    from graphkit.io import read_network
    from graphkit.io.dedupe import (apply_merges, find_duplicates,
                                    merges_from_pairs, read_merges)
    from graphkit.io.outputs import staged_dir
    from graphkit.io.tables import write_table
    from graphkit.io.writers import write_network
    network = read_network(data).network
    merges = read_merges(merges_file) if merges_file else \
        merges_from_pairs(find_duplicates(network.actors))
    merged, counts = apply_merges(network, merges)
    with staged_dir(outdir) as stage:
        write_network(merged, stage)
        write_table(merges, stage, "merges", formats=("csv",))
    for name in ("actors.csv", "cooperations.csv", "merges.csv"):
        click.echo(f"wrote {outdir / name}")
    click.echo(f"{counts['actors_merged']} actors merged into another; "
               f"{counts['ties_within_one_actor']} ties between two names "
               f"of one organisation dropped")


if __name__ == "__main__":
    main()
