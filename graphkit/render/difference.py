"""The map of a comparison (``graphkit compare``): what changed, drawn.

:func:`difference_data` turns a :class:`~graphkit.analysis.compare.Comparison`
into the data of the ordinary map page (:func:`graphkit.render.map_data`):
its ties are the comparison's pairs of partners, each in one of three
classes with its own colour and legend (appeared, disappeared, kept), and
its actors those of these ties and those who entered or left, ringed in
their own colour. The header states the comparison's counts, read from the
same :class:`Comparison` the brief is written from (one truth), in words
from the catalogue (``diffmap.*``).
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from .. import texts as tx
from ..analysis.compare import Comparison
from ..network import Network
from ..texts import LANGS

__all__ = ["difference_data", "render_difference", "CLASSES"]

#: The classes of ties: (key, colour, dashed). The actor types already use
#: the Okabe-Ito colours: new in near-black, gone in Paul Tol's magenta and
#: dashed (told apart without colour), kept in light grey.
CLASSES = (("appeared", "#222222", False),
           ("disappeared", "#EE3377", True),
           ("kept", "#bbbbbb", False))
#: Ring colours of the actors who entered and left (as their ties).
STATUS = (("entered", "#222222"), ("left", "#EE3377"))
#: Above this many actors the map of a comparison opens on the grouped overview.
DIFFERENCE_OVERVIEW_MIN = 2000
# Each class travels through map_data as a cooperation type of the
# vocabulary (undirected, not a membership), renamed afterwards.
_CARRIER = {"appeared": "rd_partnership", "disappeared": "academic_partner",
            "kept": "seminar"}


def _kept(cmp: Comparison) -> pd.DataFrame:
    if cmp.ties_kept is not None:
        return cmp.ties_kept
    tt_a = cmp.after.tie_table(cmp.ties_after)
    tt_b = cmp.before.tie_table(cmp.ties_before)
    keep = pd.MultiIndex.from_arrays([tt_a["u"], tt_a["v"]]).isin(
        pd.MultiIndex.from_arrays([tt_b["u"], tt_b["v"]]))
    return tt_a[keep].reset_index(drop=True)


def _header(cmp: Comparison, kept: int, lang: str) -> str:
    parts = [tx.text(f"diffmap.count.{key}", lang, n=n) for key, n in (
        ("appeared", len(cmp.ties_appeared)),
        ("disappeared", len(cmp.ties_disappeared)),
        ("kept", kept), ("entered", len(cmp.actors_entered)),
        ("left", len(cmp.actors_left)))]
    return " \u00B7 ".join(parts)


def difference_data(cmp: Comparison, *, lang: str = "fr",
                    seed: int | None = None, layout: str = "auto") -> dict:
    """The map data of ``cmp`` (see the module docstring)."""
    from .data import map_data
    kept = _kept(cmp)
    tables = {"appeared": cmp.ties_appeared, "disappeared": cmp.ties_disappeared,
              "kept": kept}
    rows, pairs = [], {}
    for key, df in tables.items():
        for u, v, count, first, last in zip(df["u"], df["v"], df["count"],
                                            df["first_year"], df["last_year"]):
            u, v = str(u), str(v)
            rows.append({"source": u, "target": v, "type": _CARRIER[key],
                         "year": None if pd.isna(last) else int(last)})
            pairs[frozenset((u, v))] = (key, int(count), first, last)
    entered, left = set(cmp.actors_entered), set(cmp.actors_left)
    ids = {r["source"] for r in rows} | {r["target"] for r in rows} \
        | entered | left
    after, before = cmp.after.actors, cmp.before.actors
    actors = pd.concat([after[after.index.isin(ids)],
                        before[before.index.isin(ids) & ~before.index.isin(after.index)]])
    actors = actors.reset_index().rename(columns={"index": "id"})
    # memberships among them: the overview groups actors by pôle or park
    # (they are not drawn: the map draws the comparison's ties only)
    members = pd.concat([cmp.after.ties(("member_of",)),
                         cmp.before.ties(("member_of",))])
    members = members[members["source"].isin(ids) & members["target"].isin(ids)]
    members = members.drop_duplicates(["source", "target"])
    coops = pd.concat([pd.DataFrame(rows, columns=["source", "target", "type", "year"]),
                       members[["source", "target", "type"]]], ignore_index=True)
    coops["year"] = coops["year"].astype("Int64")
    net = Network(actors, coops, meta=dict(cmp.after.meta or {}))
    from ..report.brief import _label
    title = tx.text("diffmap.title_between", lang, before=_label(cmp, "before", lang),
                    after=_label(cmp, "after", lang))
    data = map_data(net, lang=lang, seed=seed, layout=layout, title=title)
    edges = []
    for e in data["edges"]:
        got = pairs.get(frozenset((e["from"], e["to"])))
        if e["type"] == "member_of" or got is None:
            continue
        key, count, first, last = got
        years = sorted({int(y) for y in (first, last) if not pd.isna(y)})
        edges.append({**e, "type": key, "count": count, "years": years,
                      "id": f"e{len(edges)}"})
    data["edges"] = edges
    counts = {key: sum(e["type"] == key for e in edges) for key, _, _ in CLASSES}
    data["legend"]["cooperation_types"] = [
        {"key": key, **{lg: tx.text(f"diffmap.class.{key}", lg) for lg in LANGS},
         "colour": colour, "dashes": dashed, "directed": False,
         "count": counts[key]}
        for key, colour, dashed in CLASSES]
    status = {"entered": entered, "left": left}
    for n in data["nodes"]:
        n["community"] = 0 if n["id"] in entered else 1 if n["id"] in left else -1
    data["legend"]["communities"] = [
        {"rank": r, "id": key, "colour": colour, "count": len(status[key]),
         "label": {lg: tx.text(f"diffmap.status.{key}", lg) for lg in LANGS}}
        for r, (key, colour) in enumerate(STATUS)]
    data["legend"]["edges_title"] = {
        lg: tx.text("diffmap.edges_title", lg) for lg in LANGS}
    data["legend"]["communities_title"] = {
        lg: tx.text("diffmap.status_title", lg) for lg in LANGS}
    data["groupings"] = [g for g in data["groupings"] if g["key"] != "community"]
    # the change is the point: every actor in the first view, grouped only
    # where a drawing of them all would not read
    data["meta"]["overview"] = len(data["nodes"]) > DIFFERENCE_OVERVIEW_MIN
    data["meta"]["difference"] = {lg: _header(cmp, len(kept), lg) for lg in LANGS}
    return data


def render_difference(cmp: Comparison, path, *, lang: str = "fr",
                      seed: int | None = None) -> Path:
    """Write the map of ``cmp`` to ``path`` (one self-contained page, as
    :func:`graphkit.render.render_map`), whole or not at all."""
    from ..io.outputs import atomic_path
    from .htmlpage import page
    text = page(difference_data(cmp, lang=lang, seed=seed))
    path = Path(path)
    with atomic_path(path) as tmp:
        Path(tmp).write_text(text, encoding="utf-8")
    return path
