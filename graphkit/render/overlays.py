"""The analysis tables the map shows, computed through the library when the
analysis modules are there (the map degrades without them)."""
from __future__ import annotations

import importlib

from ..network import Network


def _find(name: str, *modules: str):
    for module in modules:
        try:
            found = getattr(importlib.import_module(module, __package__), name, None)
        except ImportError:
            continue
        if found is not None:
            return found
    return None


def compute_overlays(network: Network, *, lang: str = "fr", seed: int = 42,
                     recommendations: bool = True, top: int = 5,
                     progress: bool = False) -> dict:
    """``metrics``, ``recommendations`` and ``gaps`` for :func:`render_map`.

    Each is None when the analysis function that makes it is not available
    (or, for the last two, when ``recommendations`` is False).

    Parameters
    ----------
    network : Network
    lang : {"fr", "en"}
        Language of the reasons and gap details.
    seed : int
        Seed of the metrics and recommendations.
    recommendations : bool
        Compute the recommended partners and the gaps too.
    top : int
        Recommended partners per actor.
    progress : bool
        Progress bars on stderr.

    Examples
    --------
    >>> import pandas as pd
    >>> a = pd.DataFrame({"id": ["p", "s"], "name": ["Pôle", "PME"],
    ...                   "type": ["pole", "sme"], "country": ["FR", "FR"]})
    >>> c = pd.DataFrame({"source": ["s"], "target": ["p"], "type": ["member_of"]})
    >>> sorted(compute_overlays(Network(a, c), recommendations=False))
    ['gaps', 'metrics', 'recommendations']
    """
    out = {"metrics": None, "recommendations": None, "gaps": None}
    analyse = _find("analyse", "..analysis")
    if analyse is not None:
        out["metrics"] = analyse(network, seed=seed, progress=progress)
    if not recommendations:
        return out
    recommend = _find("recommend", "..analysis", "..analysis.recommend")
    if recommend is not None:
        out["recommendations"] = recommend(
            network, top=top, lang=lang, seed=seed, progress=progress,
            metrics=out["metrics"])
    find_gaps = _find("find_gaps", "..analysis", "..analysis.gaps")
    if find_gaps is not None:
        out["gaps"] = find_gaps(network, lang=lang)
    return out
