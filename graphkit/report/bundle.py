"""The results bundle: every analysis output a report is made from.

The report never computes a metric itself: it reads the same tables that
``graphkit run`` writes as ``metrics.csv``, ``gaps.csv``,
``white_spaces.csv`` and ``recommendations.csv``. The pipeline stage takes
them from ``ctx.results``; :func:`compute_results` computes them through the
analysis library for the ``graphkit report`` command and for Python users.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from ..network import Network


@dataclass
class Results:
    """Analysis outputs of one run.

    Attributes
    ----------
    metrics : DataFrame
        :func:`graphkit.analysis.analyse` output, indexed by actor id.
    summary : dict
        :func:`graphkit.analysis.summarise` output.
    gaps, white_spaces, recommendations : DataFrame
        :mod:`graphkit.analysis.gaps` outputs.
    missions : dict
        pôle id -> :func:`graphkit.analysis.plan_mission` output.
    parameters : dict
        What they were computed with (types, since, until, seed, exact...).
    """
    metrics: pd.DataFrame
    summary: dict = field(default_factory=dict)
    gaps: pd.DataFrame = field(default_factory=pd.DataFrame)
    white_spaces: pd.DataFrame = field(default_factory=pd.DataFrame)
    recommendations: pd.DataFrame = field(default_factory=pd.DataFrame)
    missions: dict = field(default_factory=dict)
    parameters: dict = field(default_factory=dict)


def mission_poles(network: Network, recommendations: pd.DataFrame,
                  most: int = 3) -> list[str]:
    """The pôles whose missions a report shows when it plans them itself:
    the ``most`` pôles with the most recommendations for them or their
    members (ties by id). ``graphkit run`` plans every pôle's mission."""
    poles = list(network.actors_of_type("pole"))
    if not len(recommendations) or not poles:
        return sorted(poles)[:most]
    membership = network.membership()
    counts = {p: 0 for p in poles}
    for actor, n in recommendations["actor_id"].astype(str).value_counts().items():
        for g in ([actor] if actor in counts else membership.get(actor, ())):
            if g in counts:
                counts[g] += int(n)
    return sorted(counts, key=lambda p: (-counts[p], p))[:most]


def compute_results(network: Network, *, lang: str = "fr", types=None,
                    since: int | None = None, until: int | None = None,
                    weighted: bool = True, exact: bool = False, seed: int = 42,
                    pole: str | None = None, parks: int = 3,
                    progress: bool = False, known: dict | None = None
                    ) -> Results:
    """Run the analysis a report needs, the same way ``graphkit run`` does.

    Parameters
    ----------
    network : Network
    lang : {"fr", "en"}
        Language of the explanations (gap details, reasons).
    types, since, until, weighted, exact, seed
        Passed to :func:`graphkit.analysis.analyse` (and to the gap
        functions that take them).
    pole : str, optional
        Plan the delegation mission of this pôle only (default: the three
        pôles of :func:`mission_poles`).
    parks : int
        Parks per mission.
    progress : bool
        Show progress bars.
    known : dict, optional
        Results already computed (``ctx.results`` of the pipeline, keys
        ``metrics``, ``summary``, ``gaps``, ``white_spaces``,
        ``recommendations``, ``missions``): they are used as they are and
        only the missing ones are computed.

    Returns
    -------
    Results

    Examples
    --------
    >>> import pandas as pd
    >>> a = pd.DataFrame({"id": ["p", "s", "l"], "name": ["P", "S", "L"],
    ...                   "type": ["pole", "sme", "lab"], "country": ["FR"] * 3})
    >>> c = pd.DataFrame({"source": ["s", "s"], "target": ["p", "l"],
    ...                   "type": ["member_of", "academic_partner"],
    ...                   "year": [2010, 2012]})
    >>> res = compute_results(Network(a, c), lang="en")
    >>> sorted(res.metrics.index)
    ['l', 'p', 's']
    """
    from ..analysis import (analyse, find_gaps, plan_missions, recommend,
                            summarise, white_spaces)

    known = {k: v for k, v in (known or {}).items() if v is not None}
    metrics = known.get("metrics")
    if metrics is None:
        metrics = analyse(network, types=types, since=since, until=until,
                          weighted=weighted, exact=exact, seed=seed,
                          progress=progress)
    summary = known.get("summary")
    if summary is None:
        summary = summarise(network, metrics)
    gaps = known.get("gaps")
    if gaps is None:
        gaps = find_gaps(network, lang=lang)
    white = known.get("white_spaces")
    if white is None:
        white = white_spaces(network, types=types, since=since, until=until)
    recs = known.get("recommendations")
    if recs is None:
        recs = recommend(network, lang=lang, types=types, since=since,
                         until=until, seed=seed, metrics=metrics,
                         progress=progress)
    missions = known.get("missions")
    if missions is None:
        poles = [pole] if pole is not None else mission_poles(network, recs)
        missions = plan_missions(network, recs, parks=parks, lang=lang,
                                 poles=poles)
    parameters = {"types": types, "since": since, "until": until,
                  "weighted": weighted, "exact": exact, "seed": seed,
                  "lang": lang}
    recorded = metrics.attrs.get("parameters") or {}
    for k in ("types", "since", "until", "weighted"):
        if recorded.get(k) is not None:
            parameters[k] = recorded[k]
    return Results(metrics, summary, gaps, white, recs, dict(missions),
                   parameters)
