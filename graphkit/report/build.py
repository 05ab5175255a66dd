"""Build a :class:`~graphkit.report.model.Report` from a network and its
results bundle. No number is computed here that the analysis already
computes: metrics, gaps, white spaces and recommendations are read from the
bundle, and only counted, sorted, filtered to the scope and cut to length.
"""
from __future__ import annotations

import datetime as _dt
import hashlib
import re
import shlex
from pathlib import Path

import numpy as np
import pandas as pd

import graphkit

from ..errors import GraphkitError
from ..model import ACTOR_TYPES, COOPERATION_TYPES, DEFAULT_TIE_TYPES
from ..network import Network, Ties
from .. import texts as tx
from ..texts import fmt
from ..results import Results
from ..texts import Texts, check_lang
from ..textsafety import isolate
from .model import Figure, Report, Section, Table
from .svg import bar_chart

#: Rows shown per table (the full tables are the CSV files of the run).
LIMITS = {"countries": 20, "central_per_type": 3, "brokers": 10,
          "gaps_per_rule": 15, "white_spaces": 10, "matrix": 12,
          "recommendations": 25, "missions": 15, "mission_plans": 3,
          "summary": 5, "summary_gaps": 8, "summary_gaps_per_rule": 3}


# ----------------------------------------------------------------- scope
class Scope:
    """Who a report is about: ``focus`` (the pôle and its members, or the
    actors of a country, or everyone) and ``actors`` (the focus and its
    partners)."""

    def __init__(self, network: Network, pole=None, country=None,
                 ties: Ties | None = None):
        ties = Ties.of(ties)
        self.pole, self.since, self.until = pole, ties.since, ties.until
        since, until = ties.since, ties.until
        self.country = None if country is None else str(country).strip().upper()
        actors = network.actors
        focus = set(actors.index)
        if pole is not None:
            if pole not in actors.index:
                raise GraphkitError(f"--pole {pole!r}: no actor has this id")
            if actors.at[pole, "type"] != "pole":
                raise GraphkitError(
                    f"--pole {pole!r}: this actor is a "
                    f"{tx.type_name(actors.at[pole, 'type'], 'en')}, not a pôle")
            focus &= {pole, *network.members(pole)}
        if self.country is not None:
            in_country = set(actors.index[
                actors["country"].astype("string").str.upper() == self.country])
            if not in_country:
                raise GraphkitError(
                    f"--country {self.country!r}: no actor of this country")
            focus &= in_country
        self.scoped = pole is not None or self.country is not None
        tie_spec = ties
        ties = network.ties(tie_spec)
        ties = ties[ties["source"] != ties["target"]]
        if self.scoped:
            ends = ties["source"].isin(focus) | ties["target"].isin(focus)
            ties = ties[ends]
            partners = set(ties["source"]) | set(ties["target"])
        else:
            partners = set()
        self.focus = focus
        self.actors = focus | partners
        self.ties = ties  # cooperation rows that count as ties, within scope
        rows = network.cooperations
        if since is not None:
            rows = rows[(rows["year"] >= since).fillna(False).to_numpy(bool)]
        if until is not None:
            rows = rows[(rows["year"] <= until).fillna(False).to_numpy(bool)]
        if self.scoped:
            rows = rows[rows["source"].isin(focus) | rows["target"].isin(focus)]
        self.rows = rows  # every cooperation row, membership included

    def keep(self, df: pd.DataFrame, *cols: str) -> pd.DataFrame:
        """Rows of ``df`` where one of ``cols`` names an actor of the focus."""
        if not self.scoped or df is None or not len(df):
            return df
        mask = np.zeros(len(df), dtype=bool)
        for c in cols:
            if c in df:
                mask |= df[c].astype(str).isin(self.focus).to_numpy()
        return df[mask]


# ----------------------------------------------------------------- helpers
_type_name = tx.type_name


def _country(code, lang):
    return "" if fmt.is_missing(code) or code == "" else tx.country_name(code, lang)


def _name(network, actor_id):
    if fmt.is_missing(actor_id) or actor_id == "":
        return ""
    actor_id = str(actor_id)
    if actor_id in network.actors.index:
        return str(network.actors.at[actor_id, "name"])
    return actor_id


def _inner(word: str) -> str:
    """A domain name inside a sentence: « autour des systèmes embarqués »,
    not « Systèmes embarqués » (an acronym such as TIC keeps its capitals).

    >>> _inner("Systèmes embarqués"), _inner("ICT")
    ('systèmes embarqués', 'ICT')
    """
    return word[:1].lower() + word[1:] if word[1:2].islower() else word


def _text(v):
    if fmt.is_missing(v):
        return ""
    if isinstance(v, (list, tuple, np.ndarray)):
        return "; ".join(isolate(str(x)) for x in v)
    return isolate(str(v))


def _note(t: Texts, shown: int, total: int, csv: str) -> str:
    if shown >= total:
        return ""
    return t("note.shown", shown=fmt.integer(shown, t.lang),
             total=fmt.integer(total, t.lang), file=csv)


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def input_files(network: Network) -> list[dict]:
    """The inputs of ``network`` with their SHA-256 (computed when the
    reader did not record it and the file is there)."""
    out = []
    for item in network.meta.get("inputs") or []:
        item = dict(item)
        path = Path(str(item.get("path", "")))
        if not item.get("sha256") and path.is_file():
            item["sha256"] = _sha256(path)
        if not item.get("sha256") and path.is_dir():
            for f in sorted(path.iterdir()):
                if f.is_file() and f.suffix.lower() in (".csv", ".xlsx", ".json"):
                    out.append({"path": str(f), "sha256": _sha256(f),
                                "rows": None})
            continue
        out.append(item)
    return out


def reproduce_command(network: Network, lang, pole, country, since,
                      parameters: dict, subcommand: str = "report") -> str:
    """The command line that rebuilds this report from the same inputs."""
    inputs = network.meta.get("inputs") or []
    paths = {str(Path(str(i.get("path", ""))).parent
                 if Path(str(i.get("path", ""))).suffix == ".csv"
                 else i.get("path", "")) for i in inputs}
    data = sorted(p for p in paths if p)[0] if paths else "DATA"
    out = "report.html" if subcommand == "report" else "out"
    args = ["graphkit", subcommand, data, "-o", out, "--lang", lang]
    if pole:
        args += ["--pole", str(pole)]
    if country:
        args += ["--country", str(country)]
    if since is not None:
        args += ["--since", str(since)]
    if parameters.get("seed") not in (None, 42):
        args += ["--seed", str(parameters["seed"])]
    if parameters.get("exact"):
        args += ["--exact"]
    if parameters.get("until") is not None:
        args += ["--until", str(parameters["until"])]
    return shlex.join(args)


def _sort_gaps(gaps: pd.DataFrame) -> pd.DataFrame:
    """Most important first: by severity (numbers: high first; words:
    high > medium > low), then rule and actor."""
    if not len(gaps):
        return gaps
    g = gaps.copy()
    key = pd.Series(0.0, index=g.index)
    if "severity" in g:
        sev = g["severity"]
        num = pd.to_numeric(sev, errors="coerce")
        if num.notna().any():
            key = num.fillna(0)
        else:
            order = {"high": 3, "élevée": 3, "medium": 2, "moyenne": 2,
                     "low": 1, "faible": 1}
            key = sev.astype(str).str.lower().map(order).fillna(0)
    g["_k"] = -key.astype(float)
    by = ["_k"] + [c for c in ("rule_id", "actor_id", "other_id") if c in g]
    return g.sort_values(by, kind="mergesort").drop(columns="_k")


def headline_gaps(gaps: pd.DataFrame, most: int | None = None,
                  per_rule: int | None = None) -> pd.DataFrame:
    """The gaps of the report's first section: the most severe first, at
    most ``per_rule`` of one kind (so that one abundant kind does not hide
    the others), ``most`` in all."""
    most = most or LIMITS["summary_gaps"]
    per_rule = per_rule or LIMITS["summary_gaps_per_rule"]
    if gaps is None or not len(gaps):
        return gaps
    nth = gaps.groupby(gaps["rule_id"].astype(str)).cumcount()
    return gaps[(nth < per_rule).to_numpy()].head(most)


def _sort_recs(recs: pd.DataFrame) -> pd.DataFrame:
    if not len(recs):
        return recs
    by = [c for c in ("score", "actor_id", "rank", "partner_id") if c in recs]
    return recs.sort_values(by, ascending=[c != "score" for c in by],
                            kind="mergesort")


def _distinct_pairs(recs: pd.DataFrame) -> pd.DataFrame:
    """Recommendations with each pair once (A→B and B→A are one
    partnership): the first, strongest, row of each pair is kept."""
    if not len(recs) or "partner_id" not in recs:
        return recs
    a = recs["actor_id"].astype(str).to_numpy()
    b = recs["partner_id"].astype(str).to_numpy()
    key = pd.Series([(x, y) if x <= y else (y, x) for x, y in zip(a, b)],
                    index=recs.index)
    return recs[~key.duplicated()]


def _rule_ids() -> list[str]:
    """The gap rules, in the gap module's order."""
    from ..analysis.gaps import RULES
    return [str(r) for r in RULES]


# ----------------------------------------------------------------- sections
def cross_border(network: Network, rows: pd.DataFrame):
    """Which cooperation ``rows`` join actors of two different (known)
    countries, and the share of the rows' weight they carry (None when no
    row has both countries known): the definition of
    :func:`graphkit.analysis.figures.key_figures`, row by row."""
    known, intl = network.country_pairs(rows["source"].to_numpy(),
                                        rows["target"].to_numpy())
    w = rows["weight"].to_numpy(dtype=float)
    total = float(w[known].sum())
    return intl, (float(w[intl].sum()) / total if total else None)


class _Builder:
    def __init__(self, network, results, lang, scope, today):
        self.net, self.res, self.lang, self.scope = network, results, lang, scope
        self.t = Texts(lang)
        self.today = today
        m = results.metrics
        # a scoped report lists the actors of its focus (their indicators
        # are the whole network's, and it says so)
        self.metrics = m[m.index.astype(str).isin(scope.focus)] \
            if scope.scoped else m
        self.gaps = _sort_gaps(scope.keep(results.gaps, "actor_id", "other_id"))
        self.recs = _sort_recs(scope.keep(results.recommendations,
                                          "actor_id", "partner_id"))
        self.pairs = _distinct_pairs(self.recs)
        self.rules = _rule_ids()

    def n(self, v):
        return fmt.integer(v, self.lang)

    def col(self, key):
        return self.t(f"col.{key}")

    # ------------------------------------------------ network at a glance
    def glance(self) -> Section:
        t, lang = self.t, self.lang
        s = Section("glance", t("section.glance"))
        actors = self.net.actors.loc[sorted(self.scope.actors)]
        total = len(actors)
        by_type = actors["type"].value_counts()
        order = [k for k in ACTOR_TYPES if k in by_type.index]
        s.add(heading=t("sub.actors_by_type"), table=Table(
            "actors_by_type", t("table.actors_by_type"),
            [self.col("type"), self.col("count"), self.col("share")],
            ["text", "int", "pct"],
            [[_type_name(k, lang), int(by_type[k]), by_type[k] / total]
             for k in order], sheet=t("sheet.actors_by_type")))
        country = actors["country"].astype("string").fillna("")
        by_c = country.value_counts()
        by_c = sorted(by_c.items(), key=lambda kv: (-kv[1], kv[0]))
        by_c = [(_country(c, lang) or t("country.unknown"), k) for c, k in by_c]
        shown = by_c[:LIMITS["countries"]]
        s.add(heading=t("sub.actors_by_country"), table=Table(
            "actors_by_country", t("table.actors_by_country"),
            [self.col("country"), self.col("count"), self.col("share")],
            ["text", "int", "pct"],
            [[c, int(k), k / total] for c, k in shown],
            note=_note(t, len(shown), len(by_c), "actors.csv"),
            sheet=t("sheet.actors_by_country")))
        rows = self.scope.rows
        by_ct = rows["type"].value_counts()
        n_rows = max(len(rows), 1)
        s.add(heading=t("sub.coops_by_type"), table=Table(
            "coops_by_type", t("table.coops_by_type"),
            [self.col("cooperation_type"), self.col("count"), self.col("share")],
            ["text", "int", "pct"],
            [[_type_name(k, lang), int(by_ct[k]), by_ct[k] / n_rows]
             for k in COOPERATION_TYPES if k in by_ct.index],
            sheet=t("sheet.coops_by_type")))
        self._by_year(s)
        return s

    def _by_year(self, s: Section):
        t, lang = self.t, self.lang
        ties = self.scope.ties
        ties = ties[ties["year"].notna()]
        intl = pd.Series(cross_border(self.net, ties)[0], index=ties.index)
        years = sorted(int(y) for y in ties["year"].unique())
        if not years:
            s.add(heading=t("sub.coops_by_year"),
                  paragraphs=[t("empty.years")])
            return
        years = list(range(years[0], years[-1] + 1))
        per_type = {k: ties[ties["type"] == k]["year"].value_counts()
                    for k in DEFAULT_TIE_TYPES if (ties["type"] == k).any()}
        total = ties["year"].value_counts()
        intl_n = ties[intl]["year"].value_counts()
        rows = []
        weight = ties.groupby("year")["weight"].sum()
        intl_w = ties[intl]["year"].pipe(
            lambda y: ties.loc[y.index].groupby("year")["weight"].sum())
        for y in years:
            n = int(total.get(y, 0))
            rows.append([y, n, int(intl_n.get(y, 0)),
                         (intl_w.get(y, 0.0) / weight[y]) if n else None])
        series = [(_type_name(k, lang), COOPERATION_TYPES[k].colour,
                   [int(v.get(y, 0)) for y in years])
                  for k, v in per_type.items()]
        svg = bar_chart([str(y) for y in years], series,
                        title=t("chart.by_year.title"),
                        y_label=t("chart.by_year.y"),
                        number=lambda v: fmt.integer(v, lang))
        s.add(heading=t("sub.coops_by_year"), figure=Figure(
            "coops_by_year_chart", t("chart.by_year.caption"), svg))
        s.add(table=Table(
            "coops_by_year", t("table.coops_by_year"),
            [self.col("year"), self.col("cooperations"),
             self.col("international"), self.col("international_share")],
            ["year", "int", "int", "pct"], rows,
            sheet=t("sheet.coops_by_year")))

    # ------------------------------------------------ key actors
    def key_actors(self) -> Section:
        t, lang = self.t, self.lang
        s = Section("key_actors", t("section.key_actors"))
        m = self.metrics
        s.add(paragraphs=[t("text.key_actors_intro")]
              + ([t("text.key_actors_scope")] if self.scope.scoped else []))
        rows = []
        if len(m):
            m2 = m.assign(_id=m.index.astype(str))
            for k in ACTOR_TYPES:
                sub = m2[m2["type"] == k]
                if not len(sub):
                    continue
                sub = sub.sort_values(["betweenness", "pagerank", "_id"],
                                      ascending=[False, False, True],
                                      kind="mergesort")
                for aid, r in sub.head(LIMITS["central_per_type"]).iterrows():
                    rows.append([_type_name(k, lang), _text(r["name"]),
                                 _country(r.get("country"), lang), r["degree"],
                                 r["betweenness"], r["pagerank"],
                                 r["eigenvector"]])
        s.add(heading=t("sub.central"), table=Table(
            "central_actors", t("table.central"),
            [self.col("type"), self.col("name"), self.col("country"),
             self.col("degree"), self.col("betweenness"),
             self.col("pagerank"), self.col("eigenvector")],
            ["text", "text", "text", "int", "float", "float", "float"],
            rows, sheet=t("sheet.central")))
        brokers = []
        total = 0
        if len(m) and "brokerage_total" in m:
            b = m[m["brokerage_total"].fillna(0) > 0]
            total = len(b)
            b = b.assign(_id=b.index.astype(str)).sort_values(
                ["brokerage_total", "betweenness", "_id"],
                ascending=[False, False, True], kind="mergesort")
            for aid, r in b.head(LIMITS["brokers"]).iterrows():
                brokers.append([_text(r["name"]), _type_name(r["type"], lang),
                                _country(r.get("country"), lang), r["coordinator"],
                                r["itinerant"], r["gatekeeper"],
                                r["representative"], r["liaison"],
                                r["brokerage_total"], r["constraint"]])
        s.add(heading=t("sub.brokers"), paragraphs=[t("text.brokers_intro")],
              table=Table(
                  "brokers", t("table.brokers"),
                  [self.col("name"), self.col("type"), self.col("country"),
                   self.col("coordinator"), self.col("itinerant"),
                   self.col("gatekeeper"), self.col("representative"),
                   self.col("liaison"), self.col("brokerage_total"),
                   self.col("constraint")],
                  ["text", "text", "text", "int", "int", "int", "int", "int",
                   "int", "float"],
                  brokers, note=_note(t, len(brokers), total, "metrics.csv"),
                  sheet=t("sheet.brokers")))
        return s

    # ------------------------------------------------ gaps
    def gap_section(self) -> Section:
        t, lang = self.t, self.lang
        s = Section("gaps", t("section.gaps"))
        g = self.gaps
        if g is None or not len(g):
            s.add(paragraphs=[t("empty.gaps")])
            return s
        s.add(paragraphs=[t("text.gaps_intro", n=self.n(len(g)),
                            rules=self.n(g["rule_id"].nunique()))])
        rule_ids = list(self.rules) + sorted(
            set(g["rule_id"].astype(str)) - set(self.rules))
        for rid in rule_ids:
            sub = g[g["rule_id"].astype(str) == rid]
            if not len(sub):
                continue
            shown = sub.head(LIMITS["gaps_per_rule"])
            rows = [[_text(r.get("actor_name")) or _name(self.net, r["actor_id"]),
                     _text(r.get("other_name")) or _name(self.net, r.get("other_id")),
                     tx.gap_detail(r.get("detail_code"), r.get("detail_values"),
                                   lang), r.get("severity")]
                    for r in shown.to_dict("records")]
            years = {"G6_DORMANT_TIE": self.res.parameters.dormant_years,
                     "G7_PROGRAMME_IDLE":
                         self.res.parameters.programme_years}.get(rid)
            name = t(f"rule_n.{rid}", n=years) if years is not None \
                else tx.rule_name(rid, lang)
            s.add(heading=name,
                  paragraphs=[t("text.gaps_rule", n=self.n(len(sub)))],
                  table=Table(
                      f"gaps_{rid}", t("table.gaps", rule=name),
                      [self.col("actor"), self.col("other"),
                       self.col("detail"), self.col("severity")],
                      ["text", "text", "text", "score"], rows,
                      note=_note(t, len(shown), len(sub), "gaps.csv"),
                      sheet=tx.rule_short(rid, lang)))
        return s

    # ------------------------------------------------ white spaces
    def white_section(self) -> Section:
        t, lang, net = self.t, self.lang, self.net
        s = Section("white_spaces", t("section.white_spaces"))
        w = self.res.white_spaces
        if w is not None and len(w) and self.scope.pole is not None:
            w = w[w["pole_id"] == self.scope.pole]
        if w is not None and len(w) and self.scope.country is not None:
            w = w[w["park_country"].astype(str).str.upper()
                  == self.scope.country]
        w = None if w is None else w[w["gap"] > 0]
        if w is None or not len(w):
            s.add(paragraphs=[t("empty.white_spaces")])
            return s
        s.add(paragraphs=[t("text.white_intro")])
        by_pole = w.groupby("pole_id")["gap"].max()
        rows_p = sorted(by_pole.index, key=lambda p: (-by_pole[p], str(p))
                        )[:LIMITS["matrix"]]
        by_park = w.groupby("park_id")["gap"].max()
        cols_k = sorted(by_park.index, key=lambda k: (-by_park[k], str(k))
                        )[:LIMITS["matrix"]]
        from ..analysis import white_space_matrix
        piv = white_space_matrix(w, "gap")
        matrix = [[_name(net, p)] + [
            None if pd.isna(piv.at[p, k]) or not piv.at[p, k]
            else float(piv.at[p, k]) for k in cols_k] for p in rows_p]
        s.add(heading=t("sub.heat_map"), table=Table(
            "white_space_matrix", t("table.heat_map"),
            [t("col.pole_park")] + [_name(net, k) for k in cols_k],
            ["text"] + ["score"] * len(cols_k), matrix,
            heat=tuple(range(1, len(cols_k) + 1)),
            sheet=t("sheet.heat_map")))
        top = w.sort_values(["gap_rank"], kind="mergesort")
        shown = top.head(LIMITS["white_spaces"])

        def names(v):
            return tx.join([_name(net, a) for a in _ids(v)], lang)

        s.add(heading=t("sub.white_top"), table=Table(
            "white_spaces", t("table.white_top"),
            [self.col("gap_rank"), self.col("pole"), self.col("park"),
             self.col("domains"), self.col("french_actors"),
             self.col("foreign_actors"), self.col("opportunity")],
            ["int", "text", "text", "text", "text", "text", "score"],
            [[r.get("gap_rank"), _name(net, r["pole_id"]),
              t("text.park_country", park=_name(net, r["park_id"]),
                country=_country(r.get("park_country"), lang)),
              t("text.domains_pair",
                pole=tx.domain_name(r["pole_domain"], lang),
                park=_inner(tx.domain_name(r["park_domain"], lang))),
              names(r.get("french_actors")), names(r.get("foreign_actors")),
              r.get("opportunity")]
             for r in shown.to_dict("records")],
            note=_note(t, len(shown), len(top), "white_spaces.csv"),
            sheet=t("sheet.white_top")))
        return s

    # ------------------------------------------------ recommendations
    def rec_rows(self, recs):
        """One ranking down the table (strongest first), not each actor's
        own rank, which read 1, 2, 1, 1, 2… in a table of all actors."""
        return [[k,
                 _text(r.get("actor_name")) or _name(self.net, r["actor_id"]),
                 _text(r.get("partner_name")) or _name(self.net, r["partner_id"]),
                 r.get("score"), tx.reasons_text(r.get("reason_codes"), self.lang),
                 _programmes(self.net, r),
                 _text(r.get("broker_name")) or _name(self.net, r.get("broker_id"))]
                for k, r in enumerate(recs.to_dict("records"), 1)]

    def rec_section(self) -> Section:
        t = self.t
        s = Section("recommendations", t("section.recommendations"))
        r = self.recs
        if r is None or not len(r):
            s.add(paragraphs=[t("empty.recommendations")])
            return s
        shown = self.pairs.head(LIMITS["recommendations"])
        s.add(paragraphs=[t("text.recs_intro", n=self.n(len(r)),
                            pairs=self.n(len(self.pairs)))],
              table=Table(
                  "recommendations", t("table.recommendations"),
                  [self.col("rank"), self.col("actor"), self.col("partner"),
                   self.col("score"), self.col("reasons"),
                   self.col("programmes"), self.col("broker")],
                  ["int", "text", "text", "score", "text", "text", "text"],
                  self.rec_rows(shown),
                  note=_note(t, len(shown), len(self.pairs),
                             "recommendations.csv"),
                  sheet=t("sheet.recommendations")))
        return s

    # ------------------------------------------------ missions
    def mission_section(self) -> Section:
        """Each plan: the parks in order, who travels (each SME with its
        academic partner), whom they meet, how likely, why and what could
        fund it; the plain sentence when fewer parks qualify than asked."""
        t, lang = self.t, self.lang
        s = Section("missions", t("section.missions"))
        plans = chosen_missions(self.res.missions or {}, self.scope)
        if not plans:
            s.add(paragraphs=[t("empty.missions")])
            return s
        from ..texts import missions as words
        s.add(paragraphs=[t("text.missions_intro"),
                          words.measure_note(plans[0], lang)])
        for i, plan in enumerate(plans, 1):
            plan = dict(plan, pole_name=_text(plan.get("pole_name"))
                        or _name(self.net, plan["pole_id"]))
            rows = mission_rows(plan, lang)
            shown = rows[:LIMITS["missions"]]
            value = "score" if plan.get("measure") != "probability" else "chance"
            s.add(heading=t("mission.sub", pole=plan["pole_name"]),
                  paragraphs=[p for p in (words.headline(plan, lang),
                                          words.fewer(plan, lang)) if p],
                  bullets=[_text(words.park_title(park, lang)) + " – " + t(
                      "mission.n_meetings", n=park["covered"])
                      for park in plan["parks"]],
                  table=Table(
                      f"mission_{i}", t("table.mission", pole=plan["pole_name"]),
                      [self.col(f"mission.{value if c == 'chance' else c}")
                       for c in MISSION_COLUMNS],
                      [("score" if c == "chance" and value == "score" else k)
                       for c, k in MISSION_COLUMNS.items()], shown,
                      note=_note(t, len(shown), len(rows), "missions.json"),
                      sheet=t("sheet.mission", n=i)))
        return s

    # ------------------------------------------------ methods
    def structure(self) -> list[str]:
        """Density, components, communities: for the methods section (the
        words of network science, not of the summary)."""
        t, lang, sc = self.t, self.lang, self.scope
        paras = []
        summ = self.res.summary or {}
        if not sc.scoped and "density" in summ and "components" in summ:
            paras.append(t(
                "text.structure" if self.res.ties.includes_membership
                else "text.structure_no_membership",
                density=fmt.number(summ["density"], lang, 4),
                components=self.n(summ["components"]),
                largest=self.n(summ.get("largest_component")),
                communities=self.n(summ.get("communities")),
                modularity=fmt.number(summ.get("modularity"), lang, 3)))
        return paras

    def methods(self, command: str) -> Section:
        t, lang = self.t, self.lang
        s = Section("methods", t("section.methods"))
        s.add(paragraphs=[t("text.methods_intro")])
        structure = self.structure()
        if structure:
            s.add(heading=t("sub.structure"), paragraphs=structure)
        inputs = input_files(self.net)
        s.add(heading=t("sub.inputs"), table=Table(
            "inputs", t("table.inputs"),
            [self.col("file"), self.col("rows"), self.col("sha256")],
            ["text", "int", "text"],
            [[str(i.get("path", "")), i.get("rows"), str(i.get("sha256") or "")]
             for i in inputs], sheet=t("sheet.inputs")))
        if not inputs:
            s.blocks[-1].paragraphs.append(t("empty.inputs"))
        params = self.res.parameters.as_dict()
        params["group_by"] = t(f"value.group_by.{params['group_by']}")
        params["lang"] = lang
        params.update({"scope_pole": self.scope.pole,
                       "scope_country": self.scope.country,
                       "scope_since": self.scope.since})
        if self.scope.until is not None:
            params["scope_until"] = self.scope.until
        from babel import Locale
        prow = [[t(f"param.{k}") if t.has(f"param.{k}") else k,
                 _param(v, t, lang) if k != "lang"
                 else Locale.parse(lang).get_display_name(lang)]
                for k, v in params.items()]
        prow += [[t("param.date"), fmt.date(self.today, lang)],
                 [t("param.version"), graphkit.__version__],
                 [t("param.command"), command]]
        s.add(heading=t("sub.parameters"), table=Table(
            "parameters", t("table.parameters"),
            [self.col("parameter"), self.col("value")], ["text", "text"],
            prow, sheet=t("sheet.parameters")))
        approx = approximation_texts(self.res.approximations or [], t)
        s.add(heading=t("sub.approximations"),
              paragraphs=[] if approx else [t("text.no_approximations")],
              bullets=approx)
        s.add(heading=t("sub.definitions"),
              bullets=_metric_definitions(lang))
        s.add(heading=t("sub.reproduce"),
              paragraphs=[t("text.reproduce", command=command)])
        return s

    # ------------------------------------------------ first page
    def overview(self) -> Section:
        """Who the report is for, its scope, three findings, three actions."""
        t, lang, net, sc = self.t, self.lang, self.net, self.scope
        s = Section("overview", t("section.overview"))
        s.add(heading=t("sub.audience"), paragraphs=[t("text.audience")])
        scope = [self.scope_text()]
        years = sc.ties["year"].dropna()
        n_countries = net.actors.loc[sorted(sc.actors), "country"].nunique()
        counts = dict(actors=t.count("actors", len(sc.actors)),
                      countries=t.count("countries", n_countries),
                      cooperations=t.count("cooperations", len(sc.ties)))
        key = "text.key_figures" + ("_scope" if sc.scoped else "")
        scope.append(t(key, **counts, first_year=fmt.year(years.min()),
                       last_year=fmt.year(years.max())) if len(years)
                     else t(key + "_no_years", **counts))
        s.add(heading=t("sub.scope"), paragraphs=scope)
        findings = []
        intl, share = cross_border(net, sc.ties)
        if len(sc.ties) and share is not None:
            findings.append(t("text.finding_share",
                              share=fmt.percent(share, lang),
                              n=self.n(int(intl.sum())),
                              total=self.n(len(sc.ties))))
        seen = set()
        for r in headline_gaps(self.gaps).to_dict("records") \
                if self.gaps is not None and len(self.gaps) else []:
            if len(findings) >= 3:
                break
            if r["rule_id"] in seen:
                continue
            seen.add(r["rule_id"])
            findings.append(t("text.finding_gap", actor=_text(
                r.get("actor_name")) or _name(net, r["actor_id"]),
                detail=tx.gap_detail(r.get("detail_code"),
                                     r.get("detail_values"), lang)))
        s.add(heading=t("sub.findings"), bullets=findings[:3])
        s.add(heading=t("sub.actions"), bullets=self.actions())
        return s

    def actions(self) -> list[str]:
        t, lang, net = self.t, self.lang, self.net
        out = []
        w = self.res.white_spaces
        if w is not None and len(w):
            if self.scope.pole is not None:
                w = w[w["pole_id"] == self.scope.pole]
            if self.scope.country is not None:
                w = w[w["park_country"].astype(str).str.upper()
                      == self.scope.country]
            w = w[w["gap"] > 0].sort_values("gap_rank", kind="mergesort")
            for r in w.head(1).to_dict("records"):
                out.append(t(
                    "text.action_white", pole=_name(net, r["pole_id"]),
                    park=_name(net, r["park_id"]),
                    country=_country(r.get("park_country"), lang),
                    pole_domain=_inner(tx.domain_name(r["pole_domain"],
                                                      lang)),
                    park_domain=_inner(tx.domain_name(r["park_domain"],
                                                      lang)),
                    french=tx.join([_name(net, a) for a in
                                    _ids(r["french_actors"])], lang),
                    foreign=tx.join([_name(net, a) for a in
                                     _ids(r["foreign_actors"])], lang)))
        for r in self.pairs.head(1).to_dict("records"):
            progs = _programmes(net, r)
            out.append(t("text.action_rec",
                         actor=_text(r.get("actor_name")) or _name(net, r["actor_id"]),
                         partner=_text(r.get("partner_name")) or _name(net, r["partner_id"]),
                         programmes=t("text.action_programmes",
                                      programmes=progs) if progs else ""))
        plans = chosen_missions(self.res.missions or {}, self.scope, 1)
        for plan in plans:
            out.append(t("text.action_mission", pole=_text(
                plan.get("pole_name")) or _name(net, plan["pole_id"]),
                parks=tx.join([_text(p.get("park_name"))
                               for p in plan["parks"]], lang)))
        for r in headline_gaps(self.gaps).to_dict("records") \
                if len(out) < 3 and self.gaps is not None else []:
            if len(out) >= 3:
                break
            out.append(t("text.action_gap", actor=_text(
                r.get("actor_name")) or _name(net, r["actor_id"]),
                detail=tx.gap_detail(r.get("detail_code"),
                                     r.get("detail_values"), lang)))
        # a name ending in a full stop (« Co. ») ends the sentence
        return [re.sub(r"\.\.$", ".", x) for x in out[:3]]

    def scope_text(self) -> str:
        t, lang, sc = self.t, self.lang, self.scope
        if sc.pole is not None:
            return t("subtitle.pole", pole=_name(self.net, sc.pole))
        if sc.country is not None:
            return t("subtitle.country",
                     country=tx.country_name(sc.country, lang))
        return t("subtitle.all")

    # ------------------------------------------------ executive summary
    def summary(self) -> Section:
        t, lang, sc = self.t, self.lang, self.scope
        s = Section("summary", t("section.summary"))
        years = sc.ties["year"].dropna()
        n_actors = len(sc.actors)
        countries = self.net.actors.loc[sorted(sc.actors), "country"].dropna()
        n_countries = countries.nunique()
        n_coops = len(sc.ties)
        intl, share = cross_border(self.net, sc.ties)
        n_intl = int(intl.sum())
        paras = []
        if sc.pole is not None:
            paras.append(t("text.scope_pole", pole=_name(self.net, sc.pole),
                           members=t.count("members", len(sc.focus) - 1)))
        if sc.country is not None:
            paras.append(t("text.scope_country",
                           country=tx.country_name(sc.country, lang),
                           actors=t.count("actors", len(sc.focus))))
        if sc.since is not None:
            paras.append(t("text.scope_since", since=fmt.year(sc.since)))
        if sc.until is not None:
            paras.append(t("text.scope_until", until=fmt.year(sc.until)))
        counts = dict(actors=t.count("actors", n_actors),
                      countries=t.count("countries", n_countries),
                      cooperations=t.count("cooperations", n_coops))
        key = "text.key_figures" + ("_scope" if sc.scoped else "")
        if len(years):
            paras.append(t(key, **counts, first_year=fmt.year(years.min()),
                           last_year=fmt.year(years.max())))
        else:
            paras.append(t(key + "_no_years", **counts))
        if n_coops and share is not None:
            paras.append(t("text.international", n=self.n(n_intl),
                           share=fmt.percent(share, lang)))
        paras.append(t("text.gaps_recs", n_gaps=self.n(len(self.gaps)),
                       n_recs=self.n(len(self.recs))))
        s.add(paragraphs=paras)
        figures = [[t("fig.actors"), n_actors], [t("fig.countries"), n_countries],
                   [t("fig.cooperations"), n_coops],
                   [t("fig.international"), n_intl],
                   [t("fig.first_year"), None if not len(years) else int(years.min())],
                   [t("fig.last_year"), None if not len(years) else int(years.max())],
                   [t("fig.gaps"), len(self.gaps)],
                   [t("fig.recommendations"), len(self.recs)]]
        s.add(table=Table(
            "key_figures", t("table.key_figures"),
            [self.col("figure"), self.col("value")], ["text", "int"],
            figures, sheet=t("sheet.key_figures"),
            row_kinds=["year" if i in (4, 5) else "int"
                       for i in range(len(figures))]))
        top_gaps = []
        for r in headline_gaps(self.gaps).to_dict("records"):
            top_gaps.append(t(
                "text.top_gap",
                actor=_text(r.get("actor_name")) or _name(self.net, r["actor_id"]),
                detail=tx.gap_detail(r.get("detail_code"),
                                     r.get("detail_values"), lang)))
        s.add(heading=t("sub.top_gaps"), bullets=top_gaps,
              paragraphs=[] if top_gaps else [t("empty.gaps")])
        top_recs = []
        for r in self.pairs.head(LIMITS["summary"]).to_dict("records"):
            progs = _programmes(self.net, r)
            key = "text.top_rec" if progs else "text.top_rec_no_programme"
            top_recs.append(t(
                key, actor=_text(r.get("actor_name")) or _name(self.net, r["actor_id"]),
                partner=_text(r.get("partner_name")) or _name(self.net, r["partner_id"]),
                score=fmt.number(r.get("score"), lang, 2),
                reasons=tx.reasons_text(r.get("reason_codes"), lang),
                programmes=progs))
        s.add(heading=t("sub.top_recs"), bullets=top_recs,
              paragraphs=[] if top_recs else [t("empty.recommendations")])
        return s


#: Columns of a mission table in the report (``col.mission.*``) and kinds
#: (``chance`` is the score, kind "score", when the plan has no probability).
MISSION_COLUMNS = {"order": "int", "park_name": "text",
                   "traveller_name": "text", "meet_name": "text",
                   "chance": "text", "why": "text", "programme": "text"}


def mission_rows(plan: dict, lang: str) -> list[list]:
    """The rows of a plan's table (:data:`MISSION_COLUMNS`), in its words:
    names and countries, never ids."""
    from ..texts import missions as words
    rows = []
    for order, park in enumerate(plan["parks"], 1):
        where = _text(park["park_name"])
        for who, meet in words.travellers(park, lang):
            for m in meet:
                rows.append([order, where, _text(who),
                             _text(words.partner(m, lang)),
                             words.chance(m, lang) if plan.get("measure")
                             == "probability" else m["value"],
                             _text(words.why(m, lang)),
                             _text(", ".join(m.get("programme_names") or ()))])
    return rows


def chosen_missions(missions: dict, scope: Scope, most: int = None) -> list[dict]:
    """The mission plans a report shows: the pôle's (``--pole``), those
    visiting a park of the country (``--country``) or any; the ones
    covering the most recommended partnerships first (ties by id), at most
    ``LIMITS["mission_plans"]``."""
    most = most or LIMITS["mission_plans"]
    def concerned(k, plan):
        if scope.pole is not None:
            return str(k) == scope.pole
        if scope.country is not None:  # missions visiting the country
            return any(str(p.get("park_id")) in scope.focus
                       for p in plan["parks"])
        return True

    plans = [p for k, p in missions.items()
             if isinstance(p, dict) and p.get("parks") and concerned(k, p)]
    plans.sort(key=lambda p: (-int(p.get("covered", 0)), str(p["pole_id"])))
    return plans[:most]


def _ids(v) -> list[str]:
    """Actor ids from a list or a ';'-joined text."""
    if isinstance(v, (list, tuple, np.ndarray)):
        return [str(x) for x in v if not fmt.is_missing(x)]
    if fmt.is_missing(v):
        return []
    return [p.strip() for p in str(v).split(";") if p.strip()]


def _year(value, option: str) -> int | None:
    if value is None:
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        raise GraphkitError(f"--{option} {value!r}: give a year such as 2015")


def _programmes(network, rec: dict) -> str:
    """Names of the programmes a recommendation is eligible for."""
    names = _text(rec.get("programme_names"))
    if names:
        return ", ".join(n.strip() for n in names.split(";") if n.strip())
    return ", ".join(_name(network, p) for p in _ids(rec.get("programmes")))


def _param(v, t: Texts, lang: str) -> str:
    if v is None:
        return t("value.none")
    if isinstance(v, bool):
        return t("value.yes") if v else t("value.no")
    if isinstance(v, (list, tuple, set, frozenset)):
        return ", ".join(_type_name(x, lang) for x in v)
    return str(v)


_K_OF_N = re.compile(r"k\s*=\s*(\d+)\D+n\s*=\s*(\d+)")


def approximation_texts(approximations, t: Texts) -> list[str]:
    """The results' ``approximations`` as sentences of the
    catalogue (the metric named by the catalogue)."""
    out = []
    for a in approximations:
        if not isinstance(a, dict):
            out.append(_text(a))
            continue
        metric = str(a.get("metric", ""))
        label = tx.metric_label(metric, t.lang)
        m = _K_OF_N.search(str(a.get("detail", "")))
        if m:
            out.append(t("text.approximation_sampled", metric=label,
                         k=fmt.integer(int(m.group(1)), t.lang),
                         n=fmt.integer(int(m.group(2)), t.lang),
                         seed=_text(a.get("seed"))))
        else:
            out.append(t("text.approximation", metric=label))
    return out


def _metric_definitions(lang) -> list[str]:
    return [f"{tx.metric_label(col, lang)} — {tx.metric_doc(col, lang)}"
            for col in tx.metric_columns()]


# ----------------------------------------------------------------- public
def build_report(results: Results, *, lang: str = "fr",
                 pole: str | None = None, country: str | None = None,
                 today: _dt.date | None = None,
                 command: str | None = None) -> Report:
    """Build the cooperation-gap report from the results of an analysis.

    Parameters
    ----------
    results : Results
        :func:`graphkit.analysis.compute` output: every number in the report
        is read from it (the year window is its tie definition) or counted
        from its network.
    lang : {"fr", "en"}
        Language of every fixed text and of the number formatting.
    pole : str, optional
        Report on this pôle, its members and their partners.
    country : str, optional
        Report on the actors of this country (ISO code) and their partners.
    today : date, optional
        Date printed in the report (today by default).
    command : str, optional
        The command that reproduces the report (built from the inputs when
        not given).

    Returns
    -------
    Report

    Examples
    --------
    >>> import pandas as pd
    >>> from graphkit.analysis import compute
    >>> a = pd.DataFrame({"id": ["p", "s", "l"], "name": ["P", "S", "L"],
    ...                   "type": ["pole", "sme", "lab"], "country": ["FR"] * 3})
    >>> c = pd.DataFrame({"source": ["s", "s"], "target": ["p", "l"],
    ...                   "type": ["member_of", "academic_partner"],
    ...                   "year": [2010, 2012]})
    >>> report = build_report(compute(Network(a, c)), lang="en")
    >>> report.title, [s.key for s in report.sections][:3]
    ('Cooperation-gap report', ['overview', 'summary', 'glance'])
    """
    lang = check_lang(lang)
    network = results.network
    ties = results.parameters.ties
    scope = Scope(network, pole, country, ties)
    today = today or _dt.date.today()
    b = _Builder(network, results, lang, scope, today)
    t = b.t
    command = command or reproduce_command(network, lang, pole, scope.country,
                                           ties.since,
                                           results.parameters.as_dict())
    sections = [b.overview(), b.summary(), b.glance(), b.key_actors(), b.gap_section(),
                b.white_section(), b.rec_section(), b.mission_section(),
                b.methods(command)]
    if pole is not None:
        subtitle = t("subtitle.pole", pole=_name(network, pole))
    elif scope.country is not None:
        subtitle = t("subtitle.country",
                     country=tx.country_name(scope.country, lang))
    else:
        subtitle = t("subtitle.all")
    subtitle += " — " + fmt.date(today, lang)
    return Report(lang, t("title"), subtitle, sections,
                  meta={"scope": {"pole": pole, "country": scope.country,
                                  "since": ties.since, "until": ties.until},
                        "date": today.isoformat(),
                        "version": graphkit.__version__,
                        "command": command})


def report_for_run(results: Results, lang: str = "fr") -> Report:
    """The report of ``graphkit run``: the whole network, from the run's
    results, with the ``graphkit run`` command that reproduces it."""
    ties = results.parameters.ties
    command = reproduce_command(results.network, lang, None, None,
                                ties.since, results.parameters.as_dict(),
                                subcommand="run")
    return build_report(results, lang=lang, command=command)
