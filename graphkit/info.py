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
    from .analysis.figures import key_figures
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
        f = key_figures(network, every)
        out["with_memberships"] = {k: f[k] for k in (
            "components", "largest_components", "actors_without_tie")}
    for key in ("name", "inputs", "counts"):
        if network.meta.get(key) is not None:
            out[key] = network.meta[key]
    return out


def format_info(summary: dict) -> str:
    """``info(network)`` as readable text (what ``graphkit info`` prints)."""
    def table(title, counts, limit=None):
        items = list(counts.items())
        shown = items if limit is None else items[:limit]
        lines = [f"{title}:"]
        lines += [f"  {'(none)' if k is None else k:<24} {v:>8}"
                  for k, v in shown]
        if len(items) > len(shown):
            rest = sum(v for _, v in items[len(shown):])
            lines.append(f"  {f'({len(items) - len(shown)} more)':<24} "
                         f"{rest:>8}")
        return lines

    s = summary
    f = s["figures"]
    lines = []
    if s.get("name"):
        lines.append(f"network: {s['name']}")
    lines.append(f"{s['actors']} actors, {s['cooperation_rows']} cooperation "
                 f"rows in the data")
    lines += table("actor types", s["actor_types"])
    lines += table("countries", s["countries"], limit=15)
    lines += table("cooperation types", s["cooperation_types"])
    years = s["years"]
    if years:
        lines += table("years", years)
    if s["cooperations_without_year"]:
        lines.append(f"  {'(no year)':<24} {s['cooperations_without_year']:>8}")
    lines.append(f"ties analysed ({tie_definition(f['ties'])}):")
    lines.append(f"  {f['cooperations']} cooperations between "
                 f"{f['partner_pairs']} pairs of partners"
                 + (f" ({f['memberships']} memberships counted apart)"
                    if f["memberships"] else ""))
    lines.append(f"  connected components: {f['components']} (largest: "
                 f"{', '.join(map(str, f['largest_components'])) or '-'}); "
                 f"actors without a tie: {f['actors_without_tie']}")
    share = f["cross_border_share"]
    lines.append("  cross-border share of the tie weight: "
                 + ("n/a" if share is None else f"{share:.1%}"))
    w = s.get("with_memberships")
    if w:
        lines.append(f"counting memberships as links too: {w['components']} "
                     f"connected components; actors without any link: "
                     f"{w['actors_without_tie']}")
    return "\n".join(lines)


def tie_definition(ties: dict) -> str:
    """Plain words for a tie definition (``Ties.as_dict()``)."""
    types = list(ties.get("types") or ())
    if set(types) == set(DEFAULT_TIE_TYPES):
        what = "every cooperation type but membership"
    elif set(types) == set(COOPERATION_TYPES):
        what = "every cooperation type, membership included"
    else:
        what = ", ".join(types)
    since, until = ties.get("since"), ties.get("until")
    if since is not None and until is not None:
        what += f", {since}–{until}"
    elif since is not None:
        what += f", from {since}"
    elif until is not None:
        what += f", up to {until}"
    if ties.get("weighted") is False:
        what += ", unweighted"
    return what
