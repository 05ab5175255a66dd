"""One analysis, one truth: :func:`compute` runs every analysis once, under
one :class:`~graphkit.results.Parameters`, into one
:class:`~graphkit.results.Results` that every output reads."""
from __future__ import annotations

from typing import Iterable

from ..errors import GraphkitError
from ..network import Network
from ..results import PARTS, Parameters, Results

__all__ = ["compute", "empty_window_message"]

#: What each part needs computed before it.
_NEEDS = {"summary": ("metrics",), "recommendations": ("metrics",),
          "missions": ("recommendations",)}


def _closure(parts: Iterable[str]) -> list[str]:
    asked = list(parts)
    unknown = [p for p in asked if p not in PARTS]
    if unknown:
        raise GraphkitError(f"unknown result part(s) {', '.join(unknown)} "
                            f"(known: {', '.join(PARTS)})")
    want = set()
    stack = list(asked)
    while stack:
        p = stack.pop()
        if p not in want:
            want.add(p)
            stack.extend(_NEEDS.get(p, ()))
    return [p for p in PARTS if p in want]


def empty_window_message(network: Network, figures: dict) -> str | None:
    """The plain sentence for a tie definition that leaves no tie at all
    (None when some tie is left)."""
    if figures["cooperations"]:
        return None
    t = figures["ties"]
    years = network.cooperations["year"].dropna()
    span = (f" (the data's cooperations are dated {int(years.min())}–"
            f"{int(years.max())})") if len(years) else ""
    if t["since"] is not None or t["until"] is not None:
        window = ("from " + str(t["since"]) if t["since"] is not None else "") \
            + (" " if t["since"] is not None and t["until"] is not None
               else "") \
            + ("up to " + str(t["until"]) if t["until"] is not None else "")
        return f"no cooperation {window}{span}: nothing to analyse"
    return ("no cooperation of the types analysed "
            f"({', '.join(t['types'])}): nothing to analyse")


def compute(network: Network, parameters: Parameters | None = None, *,
            parts: Iterable[str] = PARTS,
            sources: Iterable[str] | None = None,
            mission_poles: Iterable[str] | None = None,
            progress: bool = False) -> Results:
    """Run the analyses of ``network`` once, under ``parameters``.

    Parameters
    ----------
    network : Network
    parameters : Parameters, optional
        Every parameter (default :class:`Parameters`: every cooperation type
        but membership, all years, weighted, seed 42, 10 recommendations per
        actor...).
    parts : iterable of str
        Which of :data:`graphkit.results.PARTS` to compute (what a part
        needs is computed too: recommendations need the metrics). Parts not
        asked for stay None.
    sources : iterable of str, optional
        Actors to recommend partners for (default: every French SME, lab
        and pôle).
    mission_poles : iterable of str, optional
        Pôles whose delegation missions are planned (default: every pôle).
    progress : bool
        Progress bars on a terminal.

    Returns
    -------
    Results

    Raises
    ------
    GraphkitError
        When the tie definition (types, year window) leaves no cooperation
        at all: figures from outside it would mislead.

    Examples
    --------
    >>> import pandas as pd
    >>> from graphkit.network import Ties
    >>> a = pd.DataFrame({"id": ["p", "s", "l"], "name": ["P", "S", "L"],
    ...                   "type": ["pole", "sme", "lab"], "country": ["FR"] * 3})
    >>> c = pd.DataFrame({"source": ["s", "s"], "target": ["p", "l"],
    ...                   "type": ["member_of", "academic_partner"],
    ...                   "year": [2010, 2012]})
    >>> res = compute(Network(a, c), parts=["metrics"])
    >>> int(res.metrics.loc["s", "degree"]), res.figures["cooperations"]
    (1, 1)
    >>> compute(Network(a, c), Parameters(Ties.of(since=2013)))
    Traceback (most recent call last):
    ...
    graphkit.errors.GraphkitError: no cooperation from 2013 (the data's cooperations are dated 2010–2012): nothing to analyse
    """
    from .figures import key_figures
    params = parameters or Parameters()
    ties = params.ties
    want = _closure(parts)
    figures = key_figures(network, ties)
    message = empty_window_message(network, figures)
    if message:
        raise GraphkitError(message)
    res = Results(network, params, figures)
    if "metrics" in want:
        from .metrics import metrics_table
        res.metrics, res.approximations = metrics_table(
            network, ties, exact=params.exact, seed=params.seed,
            group_by=params.group_by, progress=progress,
            workers=params.workers)
    if "summary" in want:
        from .summary import summarise
        res.summary = summarise(network, res.metrics, types=ties)
    if "gaps" in want:
        from .gaps import find_gaps
        res.gaps = find_gaps(network, ties=ties,
                             dormant_years=params.dormant_years,
                             programme_years=params.programme_years,
                             foreign=params.foreign_gaps)
    if "white_spaces" in want:
        from .whitespace import white_spaces
        res.white_spaces = white_spaces(network, types=ties)
    if "recommendations" in want:
        from .recommend import recommend
        res.recommendations, res.score_model = recommend(
            network, actors=sources, top=params.top, types=ties,
            seed=params.seed, metrics=res.metrics, progress=progress,
            with_model=True)
    if "missions" in want:
        from .missions import plan_missions
        res.missions = plan_missions(network, res.recommendations,
                                     parks=params.parks, poles=mission_poles,
                                     ties=ties)
    return res
