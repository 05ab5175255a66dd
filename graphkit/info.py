"""A summary of a network: what it holds and how connected it is.

:func:`info` returns plain Python values (ready for JSON); :func:`format_info`
renders them as text for ``graphkit info``.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from .model import COOPERATION_TYPES, DEFAULT_TIE_TYPES
from .network import Network, Ties


def _counts(s: pd.Series) -> dict:
    """Value -> count, most frequent first, ties by value; missing as None."""
    values = s.to_numpy(dtype=object, na_value=None)
    vc = pd.Series(values, dtype=object).value_counts(dropna=False)
    items = sorted(((None if pd.isna(k) else k, v) for k, v in vc.items()),
                   key=lambda kv: (-kv[1], kv[0] is None, str(kv[0])))
    return {(None if k is None else (int(k) if isinstance(k, (int, np.integer))
                                     else str(k))): int(v) for k, v in items}


def info(network: Network, ties: Ties | None = None) -> dict:
    """What ``network`` holds, and its key figures under ``ties``.

    Returns
    -------
    dict
        ``actors`` and ``cooperation_rows`` (every row of the data,
        memberships included), ``actor_types``, ``countries``,
        ``cooperation_types``, ``years`` (value -> count, most frequent
        first; years in order), ``cooperations_without_year``;
        ``figures``: :func:`graphkit.analysis.figures.key_figures` under
        ``ties`` (the analysis' tie definition: every type but membership by
        default), the same figures ``summary.json``, the map and the report
        state; ``with_memberships``: components and actors without any link
        when memberships count as links too (absent when they already do);
        ``inputs`` / ``counts`` from the reader when known.

    Examples
    --------
    >>> a = pd.DataFrame({"id": ["p", "s", "c"], "name": ["P", "S", "C"],
    ...                   "type": ["pole", "sme", "company"],
    ...                   "country": ["FR", "FR", "CN"]})
    >>> c = pd.DataFrame({"source": ["s", "s"], "target": ["p", "c"],
    ...                   "type": ["member_of", "rd_partnership"],
    ...                   "year": [2010, 2012], "weight": [1, 3]})
    >>> d = info(Network(a, c))
    >>> d["figures"]["components"], d["with_memberships"]["components"]
    (2, 1)
    >>> d["figures"]["cross_border_share"]
    1.0
    """
    from .analysis.figures import key_figures, link_figures
    spec = ties if isinstance(ties, Ties) else Ties.of(ties)
    a, c = network.actors, network.cooperations
    years = c["year"].dropna().astype(int).value_counts().sort_index()
    out = {
        "actors": int(len(a)),
        "cooperation_rows": int(len(c)),
        "actor_types": _counts(a["type"]),
        "countries": _counts(a["country"]),
        "cooperation_types": _counts(c["type"]),
        "years": {int(y): int(n) for y, n in years.items()},
        "cooperations_without_year": int(c["year"].isna().sum()),
        "figures": key_figures(network, spec),
    }
    if not spec.includes_membership:
        every = Ties.of(tuple(COOPERATION_TYPES), spec.since, spec.until,
                        weighted=spec.weighted)
        out["with_memberships"] = link_figures(network, every)
    for key in ("name", "inputs", "counts"):
        if network.meta.get(key) is not None:
            out[key] = network.meta[key]
    return out


def format_info(summary: dict, lang: str = "fr") -> str:
    """``info(network)`` as readable text in ``lang`` (what ``graphkit
    info`` prints), every word from the catalogue (:mod:`graphkit.texts`)."""
    from . import texts
    from .texts import fmt

    def t(key, **values):
        return texts.text(f"cli.info.{key}", lang, **values)

    def n(value):
        return fmt.integer(value, lang)

    def table(title, counts, limit=None, name=str):
        items = list(counts.items())
        shown = items if limit is None else items[:limit]
        lines = [f"{title}:"]
        lines += [f"  {t('none') if k is None else name(k):<24} {n(v):>8}"
                  for k, v in shown]
        if len(items) > len(shown):
            rest = sum(v for _, v in items[len(shown):])
            lines.append(f"  {t('more', n=n(len(items) - len(shown))):<24} "
                         f"{n(rest):>8}")
        return lines

    s = summary
    f = s["figures"]
    lines = []
    if s.get("name"):
        lines.append(t("network", name=s["name"]))
    lines.append(t("rows", actors=n(s["actors"]), rows=n(s["cooperation_rows"])))
    lines += table(t("actor_types"), s["actor_types"],
                   name=lambda k: texts.type_name(k, lang))
    lines += table(t("countries"), s["countries"], limit=15,
                   name=lambda k: texts.country_name(k, lang))
    lines += table(t("cooperation_types"), s["cooperation_types"],
                   name=lambda k: texts.type_name(k, lang))
    if s["years"]:
        lines += table(t("years"), s["years"])
    if s["cooperations_without_year"]:
        lines.append(f"  {t('no_year'):<24} "
                     f"{n(s['cooperations_without_year']):>8}")
    lines.append(t("ties", definition=tie_definition(f["ties"], lang)))
    lines.append("  " + t("cooperations", cooperations=n(f["cooperations"]),
                          pairs=n(f["partner_pairs"]))
                 + (t("memberships_apart", n=f["memberships"])
                    if f["memberships"] else ""))
    lines.append("  " + t("components", components=n(f["components"]),
                          largest=", ".join(n(x) for x in
                                            f["largest_components"]) or "–",
                          without=n(f["actors_without_tie"])))
    share = f["cross_border_share"]
    lines.append("  " + t("cross_border", share=t("not_available")
                          if share is None else fmt.percent(share, lang)))
    w = s.get("with_memberships")
    if w:
        lines.append(t("with_memberships", n=w["components"],
                       without=n(w["actors_without_tie"])))
    return "\n".join(lines)


def tie_definition(ties: dict, lang: str = "fr") -> str:
    """Plain words for a tie definition (``Ties.as_dict()``)."""
    from . import texts
    types = list(ties.get("types") or ())
    if set(types) == set(DEFAULT_TIE_TYPES):
        parts = [texts.text("ties.default", lang)]
    elif set(types) == set(COOPERATION_TYPES):
        parts = [texts.text("ties.all", lang)]
    else:
        parts = [texts.join([texts.type_name(x, lang) for x in types], lang)]
    since, until = ties.get("since"), ties.get("until")
    if since is not None and until is not None:
        parts.append(texts.text("ties.between", lang, since=since, until=until))
    elif since is not None:
        parts.append(texts.text("ties.since", lang, since=since))
    elif until is not None:
        parts.append(texts.text("ties.until", lang, until=until))
    if ties.get("weighted") is False:
        parts.append(texts.text("ties.unweighted", lang))
    return ", ".join(parts)
