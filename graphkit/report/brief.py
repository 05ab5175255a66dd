"""The "what changed" brief: a :class:`~graphkit.report.model.Report` built
from a :class:`~graphkit.analysis.compare.Comparison`, written like the
report (HTML, Markdown, Excel) by :func:`graphkit.report.write_report`.

Every word comes from the catalogue (``brief.*`` keys); every number is
read from the comparison, which holds codes and values only.
"""
from __future__ import annotations

import datetime as _dt
from pathlib import Path

import pandas as pd

import graphkit

from .. import texts as tx
from ..analysis.compare import FIGURE_KEYS, Comparison
from ..info import tie_definition
from ..texts import Texts, check_lang, fmt
from ..textsafety import isolate
from .build import input_files
from .model import Report, Section, Table

__all__ = ["build_brief", "BRIEF_LIMIT", "CHANGE_FILES"]

#: Rows shown per table of the brief (the full lists are CSV files).
BRIEF_LIMIT = 40

#: The comparison's lists and the CSV file each is written to.
CHANGE_FILES = {"appeared": "ties_appeared.csv",
                "disappeared": "ties_disappeared.csv",
                "entered": "actors_entered.csv", "left": "actors_left.csv",
                "dormant": "went_dormant.csv",
                "gaps_closed": "gaps_closed.csv",
                "gaps_opened": "gaps_opened.csv",
                "came_true": "recommendations_came_true.csv"}


def _name(network, actor_id) -> str:
    actor_id = str(actor_id)
    if actor_id in network.actors.index:
        return isolate(str(network.actors.at[actor_id, "name"]))
    return isolate(actor_id)


def _country(network, actor_id, lang) -> str:
    actor_id = str(actor_id)
    if actor_id not in network.actors.index:
        return tx.country_name(None, lang)
    return tx.country_name(network.actors.at[actor_id, "country"], lang)


def _years(first, last) -> str:
    if fmt.is_missing(first):
        return ""
    a, b = fmt.year(first), fmt.year(last)
    return a if a == b else f"{a}–{b}"


def _signed(v, lang) -> str:
    if v is None:
        return "–"
    s = fmt.integer(abs(v), lang)
    return ("+" if v > 0 else "−" if v < 0 else "") + s


class _Brief:
    def __init__(self, cmp: Comparison, lang: str):
        self.c, self.lang, self.t = cmp, lang, Texts(lang)

    def note(self, shown, total, key):
        if shown >= total:
            return ""
        return self.t("note.shown", shown=fmt.integer(shown, self.lang),
                      total=fmt.integer(total, self.lang),
                      file=CHANGE_FILES[key])

    def table(self, key, headers, kinds, rows) -> Table:
        t = self.t
        shown = rows[:BRIEF_LIMIT]
        return Table(f"list_{key}", t(f"brief.table.{key}"), headers, kinds,
                     shown,
                     note=self.note(len(shown), len(rows), key),
                     sheet=t(f"brief.sheet.{key}"))

    def window(self):
        c = self.c
        if c.dormant_window is None:
            return None
        return fmt.year(c.dormant_window[0]), fmt.year(c.dormant_window[1])

    # ------------------------------------------------------------ sections
    def overview(self) -> Section:
        t, c, lang = self.t, self.c, self.lang
        s = Section("overview", t("section.overview"))
        s.add(heading=t("sub.audience"), paragraphs=[t("brief.text.audience")])
        out = [t("brief.appeared", n=len(c.ties_appeared)),
               t("brief.disappeared", n=len(c.ties_disappeared)),
               t("brief.entered", n=len(c.actors_entered)),
               t("brief.left", n=len(c.actors_left))]
        w = self.window()
        out.append(t("brief.dormant", n=len(c.went_dormant), since=w[0],
                     until=w[1]) if w else t("brief.dormant_no_window"))
        out += [t("brief.gaps_closed", n=len(c.gaps_closed)),
                t("brief.gaps_opened", n=len(c.gaps_opened))]
        out.append(self.hit_sentence())
        s.add(heading=t("brief.sub.changes"), bullets=out)
        return s

    def hit_sentence(self) -> str:
        t, c, lang = self.t, self.c, self.lang
        if not len(c.recommendations):
            return t("brief.came_true_none")
        return t("brief.came_true", k=fmt.integer(len(c.came_true), lang),
                 n=fmt.integer(len(c.recommendations), lang),
                 rate=fmt.percent(c.hit_rate, lang))

    def figures(self) -> Section:
        t, lang = self.t, self.lang
        s = Section("figures", t("brief.section.figures"))
        rows, kinds = [], []
        for key, a, b, d in self.c.figure_changes():
            if key == "cross_border_share":
                kind = "pct"
                change = "–" if d is None else t(
                    "brief.points", sign="+" if d > 0 else "−" if d < 0
                    else "", n=fmt.number(abs(d) * 100, lang, 1))
            else:
                kind = "year" if key.endswith("_year") else "int"
                change = _signed(d, lang)
            rows.append([t(f"brief.fig.{key}"), a, b, change])
            kinds.append(["text", kind, kind, "text"])
        s.add(table=Table(
            "key_figures", t("brief.table.figures"),
            [t("col.figure"), t("brief.col.before"), t("brief.col.after"),
             t("brief.col.change")], ["text", "int", "int", "text"], rows,
            sheet=t("brief.sheet.figures"), cell_kinds=kinds))
        return s

    def tie_rows(self, df, network) -> list[list]:
        lang = self.lang
        df = df.assign(_a=[_name(network, u) for u in df["u"]],
                       _b=[_name(network, v) for v in df["v"]])
        df = df.sort_values(["weight", "_a", "_b"],
                            ascending=[False, True, True], kind="mergesort")
        return [[r["_a"], r["_b"],
                 tx.join(dict.fromkeys([_country(network, r["u"], lang),
                                        _country(network, r["v"], lang)]),
                         lang),
                 tx.join([tx.type_name(k, lang) for k in r["types"]], lang),
                 int(r["count"]), _years(r["first_year"], r["last_year"])]
                for r in df.to_dict("records")]

    def ties(self) -> Section:
        t, c = self.t, self.c
        s = Section("ties", t("brief.section.ties"))
        headers = [t("col.actor"), t("brief.col.partner"),
                   t("brief.col.countries"), t("brief.col.types"),
                   t("col.cooperations"), t("brief.col.years")]
        kinds = ["text", "text", "text", "text", "int", "text"]
        for key, df, net in (("appeared", c.ties_appeared, c.after),
                             ("disappeared", c.ties_disappeared, c.before)):
            s.add(heading=t(f"brief.table.{key}"),
                  paragraphs=[t(f"brief.{key}", n=len(df))],
                  table=self.table(key, headers, kinds,
                                   self.tie_rows(df, net)) if len(df)
                  else None)
        return s

    def actors(self) -> Section:
        t, c, lang = self.t, self.c, self.lang
        s = Section("actors", t("brief.section.actors"))
        for key, ids, net in (("entered", c.actors_entered, c.after),
                              ("left", c.actors_left, c.before)):
            rows = sorted(([_name(net, a),
                            tx.type_name(net.actors.at[a, "type"], lang),
                            _country(net, a, lang)] for a in ids),
                          key=lambda r: (r[1], r[0]))
            s.add(heading=t(f"brief.table.{key}"),
                  paragraphs=[t(f"brief.{key}", n=len(ids))],
                  table=self.table(key, [t("col.name"), t("col.type"),
                                         t("col.country")],
                                   ["text"] * 3, rows) if rows else None)
        return s

    def dormant(self) -> Section:
        t, c = self.t, self.c
        s = Section("dormant", t("brief.section.dormant"))
        w = self.window()
        d = c.went_dormant
        rows = [[_name(c.before, r["u"]), _name(c.before, r["v"]),
                 int(r["last_year"]), int(r["count"])]
                for r in d.sort_values(["last_year", "count"],
                                       ascending=[True, False],
                                       kind="mergesort").to_dict("records")]
        s.add(paragraphs=[t("brief.dormant", n=len(d), since=w[0],
                            until=w[1]) if w else
                          t("brief.dormant_no_window"),
                          t("brief.method.dormant")],
              table=self.table("dormant", [
                  t("col.actor"), t("brief.col.partner"),
                  t("brief.col.last_year"), t("col.cooperations")],
                  ["text", "text", "year", "int"], rows) if rows else None)
        return s

    def gap_rows(self, g) -> list[list]:
        lang = self.lang
        return [[tx.rule_short(r["rule_id"], lang),
                 isolate(str(r.get("actor_name") or r["actor_id"])),
                 tx.gap_detail(r.get("detail_code"), r.get("detail_values"),
                               lang)]
                for r in g.to_dict("records")]

    def gaps(self) -> Section:
        t, c = self.t, self.c
        s = Section("gaps", t("brief.section.gaps"))
        s.add(paragraphs=[t("brief.method.gaps")])
        for key, g in (("gaps_closed", c.gaps_closed),
                       ("gaps_opened", c.gaps_opened)):
            s.add(heading=t(f"brief.table.{key}"),
                  paragraphs=[t(f"brief.{key}", n=len(g))],
                  table=self.table(key, [t("brief.col.rule"), t("col.actor"),
                                         t("col.detail")], ["text"] * 3,
                                   self.gap_rows(g)) if len(g) else None)
        return s

    def recommendations(self) -> Section:
        t, c = self.t, self.c
        s = Section("recommendations", t("brief.section.recommendations"))
        s.add(paragraphs=[self.hit_sentence(),
                          t("brief.method.recommendations",
                            top=fmt.integer(c.parameters.top, self.lang))])
        rows = [[_name(c.before, r["actor_id"]),
                 _name(c.before, r["partner_id"]), r["score"]]
                for r in c.came_true.to_dict("records")]
        if rows:
            s.add(table=self.table("came_true", [
                t("col.actor"), t("brief.col.partner"), t("col.score")],
                ["text", "text", "score"], rows))
        return s

    def methods(self, command: str) -> Section:
        t, c, lang = self.t, self.c, self.lang
        s = Section("methods", t("section.methods"))
        s.add(paragraphs=[t(f"brief.method.{c.mode}", ties=tie_definition(
            {**c.ties_after.as_dict(), "since": None, "until": None}, lang))])
        inputs = input_files(c.before) + (
            input_files(c.after) if c.after is not c.before else [])
        s.add(heading=t("sub.inputs"), table=Table(
            "inputs", t("table.inputs"),
            [t("col.file"), t("col.rows"), t("col.sha256")],
            ["text", "int", "text"],
            [[isolate(str(i.get("path", ""))), i.get("rows"),
              str(i.get("sha256") or "")] for i in inputs],
            sheet=t("sheet.inputs")))
        s.add(heading=t("sub.reproduce"),
              paragraphs=[t("text.reproduce", command=command)])
        return s


def _label(cmp: Comparison, which: str, lang: str) -> str:
    t = Texts(lang)
    ties = cmp.ties_before if which == "before" else cmp.ties_after
    if cmp.mode == "periods":
        return t("brief.period", since=fmt.year(ties.since),
                 until=fmt.year(ties.until))
    net = cmp.before if which == "before" else cmp.after
    name = net.meta.get("name")
    if not name:
        paths = [Path(str(i.get("path", ""))) for i in
                 net.meta.get("inputs") or []]
        name = paths[0].parent.name if paths and paths[0].suffix == ".csv" \
            else (paths[0].name if paths else which)
    return isolate(str(name))


def build_brief(cmp: Comparison, *, lang: str = "fr",
                today: _dt.date | None = None, command: str = "") -> Report:
    """The "what changed" brief of a comparison, in ``lang``.

    Examples
    --------
    >>> from graphkit.analysis.compare import compare, two_versions
    >>> brief = build_brief(compare(*two_versions()), lang="en")
    >>> brief.section("overview").blocks[1].bullets[0]
    '1 new tie: two actors cooperate who did not before.'
    >>> brief.section("ties").tables[0].rows
    [['B', 'C', 'France', 'academic partnership', 1, '2011']]
    """
    lang = check_lang(lang)
    b = _Brief(cmp, lang)
    t = b.t
    today = today or _dt.date.today()
    subtitle = t(f"brief.subtitle.{cmp.mode}",
                 before=_label(cmp, "before", lang),
                 after=_label(cmp, "after", lang)) + " — " + \
        fmt.date(today, lang)
    sections = [b.overview(), b.figures(), b.ties(), b.actors(), b.dormant(),
                b.gaps(), b.recommendations(), b.methods(command)]
    return Report(lang, t("brief.title"), subtitle, sections,
                  meta={"mode": cmp.mode, "date": today.isoformat(),
                        "version": graphkit.__version__,
                        "command": command})


def change_tables(cmp: Comparison) -> dict[str, pd.DataFrame]:
    """The comparison's full lists as tables of ids, names and values (the
    CSV files beside the brief, :data:`CHANGE_FILES`)."""
    def named(df, net, *cols):
        df = df.copy()
        for col in cols:
            df.insert(df.columns.get_loc(col) + 1, f"{col}_name",
                      [str(net.actors.at[a, "name"])
                       if a in net.actors.index else "" for a in df[col]])
        return df

    def actors(ids, net):
        return net.actors.loc[list(ids), ["name", "type", "country"]
                              ].reset_index()

    pairs = lambda df: df.assign(types=[";".join(x) for x in df["types"]])
    recs = cmp.came_true[["actor_id", "actor_name", "partner_id",
                          "partner_name", "score", "rank"]] \
        if len(cmp.came_true) else pd.DataFrame(
            columns=["actor_id", "actor_name", "partner_id", "partner_name",
                     "score", "rank"])
    gap_cols = ["rule_id", "actor_id", "actor_name", "other_id",
                "other_name", "detail_code", "severity"]
    return {
        "appeared": named(pairs(cmp.ties_appeared), cmp.after, "u", "v"),
        "disappeared": named(pairs(cmp.ties_disappeared), cmp.before,
                             "u", "v"),
        "entered": actors(cmp.actors_entered, cmp.after),
        "left": actors(cmp.actors_left, cmp.before),
        "dormant": named(cmp.went_dormant, cmp.before, "u", "v"),
        "gaps_closed": cmp.gaps_closed[gap_cols],
        "gaps_opened": cmp.gaps_opened[gap_cols],
        "came_true": recs}


def write_brief(cmp: Comparison, outdir, *, lang: str = "fr",
                command: str = "", today: _dt.date | None = None
                ) -> list[Path]:
    """Write the brief (``brief.html``, ``brief.md``, ``brief.xlsx``) and
    the full lists (:data:`CHANGE_FILES`, through the one table writer and
    its formula guard) into ``outdir``, whole or not at all; and the map of
    the comparison (``map.html``, :mod:`graphkit.render.difference`)."""
    from ..io.outputs import staged_dir
    from ..io.tables import write_csv
    from ..render.difference import render_difference
    from .write import write_report
    outdir = Path(outdir)
    report = build_brief(cmp, lang=lang, command=command, today=today)
    names = []
    with staged_dir(outdir) as stage:
        names += [p.name for p in write_report(report, stage / "brief.html",
                                               ["html", "md", "xlsx"])]
        for key, df in change_tables(cmp).items():
            names.append(write_csv(df, stage / CHANGE_FILES[key]).name)
        names.append(render_difference(cmp, stage / "map.html", lang=lang,
                                       seed=cmp.parameters.seed).name)
    return [outdir / n for n in names]
