"""The same organisation under two names: finding likely duplicates and
merging them.

Two actors are likely duplicates when

- they are in the same country and their names are equal after
  normalisation (case, accents, punctuation, legal forms: see
  :func:`graphkit.io.names.normalise_name`);
- or they carry the same external id in a ``pic``, ``siren`` or ``ror``
  column (whatever their names and countries);
- or they are in the same country and their normalised names are close
  (rapidfuzz's ``token_sort_ratio`` at least ``fuzzy``, 95 by default), and
  hold the same numbers and short words ("Université Paris 6" and "Paris
  7" are two; see :func:`graphkit.io.names.markers`).

:func:`find_duplicates` lists the pairs; :func:`dedupe` merges them (or
the pairs a person kept in a reviewed ``merges.csv``).
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from ..errors import GraphkitError
from ..network import Network
from .names import markers, normalise_name

EXTERNAL_IDS = ("pic", "siren", "ror")
FUZZY = 95
YES = frozenset({"yes", "y", "oui", "o", "true", "1", "x"})
PAIR_COLUMNS = ("id_a", "name_a", "id_b", "name_b", "country", "reason",
                "score")


def _external(values: pd.Series) -> pd.Series:
    text = values.dropna().astype(str).str.strip().str.replace(
        r"\.0$", "", regex=True).str.replace(" ", "", regex=False)
    return text[text != ""]


def _pairs_within(keys: pd.DataFrame | pd.Series) -> list[tuple[str, str]]:
    """(first, other) for every group of two or more ids sharing a key
    (the index holds the ids; only the repeated keys are grouped)."""
    frame = keys.to_frame() if isinstance(keys, pd.Series) else keys
    cols = list(frame.columns)
    repeated = frame[frame.duplicated(cols, keep=False)]
    out = []
    by = cols if len(cols) > 1 else cols[0]
    for _, ids in repeated.groupby(by, sort=False).groups.items():
        out.extend((ids[0], other) for other in ids[1:])
    return out


def find_duplicates(actors: pd.DataFrame, fuzzy: int | None = FUZZY
                    ) -> pd.DataFrame:
    """Pairs of actors that are likely the same organisation.

    ``actors`` is ``Network.actors`` (indexed by id). Returns one row per
    pair, in the actors' order: ``id_a, name_a, id_b, name_b, country,
    reason, score`` (100 for an equal key). ``fuzzy=None`` skips the fuzzy
    match.

    >>> a = pd.DataFrame({"name": ["Tsinghua University", "TSINGHUA UNIVERSITY",
    ...                            "Thales SA", "Thales", "Univ Paris 6", "Univ Paris 7"],
    ...                   "country": ["CN", "CN", "FR", "GB", "FR", "FR"]},
    ...                  index=["a", "b", "c", "d", "e", "f"])
    >>> find_duplicates(a)[["id_a", "id_b", "reason"]].values.tolist()
    [['a', 'b', 'same country, same name after normalisation']]
    """
    order = pd.Series(np.arange(len(actors)), index=actors.index)
    key = pd.Series([normalise_name(n) for n in actors["name"]],
                    index=actors.index)
    country = actors["country"].astype(object).where(
        actors["country"].notna(), "")
    found: dict[tuple[str, str], tuple[str, float]] = {}

    def add(a, b, reason, score):
        pair = (a, b) if order[a] < order[b] else (b, a)
        found.setdefault(pair, (reason, score))

    for col in EXTERNAL_IDS:
        if col in actors.columns:
            for a, b in _pairs_within(_external(actors[col])):
                add(a, b, f"same {col}", 100.0)
    both = pd.DataFrame({"key": key, "country": country})
    both = both[both["key"] != ""]
    for a, b in _pairs_within(both):
        add(a, b, "same country, same name after normalisation", 100.0)
    if fuzzy is not None:
        for a, b, score in _fuzzy_pairs(both, fuzzy):
            add(a, b, "same country, similar names", score)
    rows = sorted(found.items(), key=lambda kv: (order[kv[0][0]],
                                                 order[kv[0][1]]))
    return pd.DataFrame([
        {"id_a": a, "name_a": actors.at[a, "name"], "id_b": b,
         "name_b": actors.at[b, "name"],
         "country": country[a] if country[a] == country[b]
         else f"{country[a]}/{country[b]}",
         "reason": reason, "score": round(float(score), 1)}
        for (a, b), (reason, score) in rows], columns=list(PAIR_COLUMNS))


#: Countries with more distinct names than this are not fuzzy-matched
#: (every name against every other: 5000 names take about a second).
MAX_FUZZY_BLOCK = 5000


def _fuzzy_pairs(both: pd.DataFrame, cutoff: int, chunk: int = 2000):
    """(id, id, score) of close names within each country (rapidfuzz)."""
    from rapidfuzz import fuzz, process
    for _, block in both.groupby("country", sort=False):
        # one representative per distinct name: equal names are found above
        first = block.drop_duplicates("key")
        names = first["key"].tolist()
        ids = first.index.tolist()
        if not 2 <= len(names) <= MAX_FUZZY_BLOCK:
            continue
        for start in range(0, len(names), chunk):
            scores = process.cdist(names[start:start + chunk], names,
                                   scorer=fuzz.token_sort_ratio,
                                   score_cutoff=cutoff, dtype=np.uint8)
            for i, j in zip(*np.nonzero(scores)):
                i_abs = start + int(i)
                if i_abs >= j:
                    continue
                if markers(names[i_abs]) != markers(names[j]):
                    continue
                yield ids[i_abs], ids[j], float(scores[i, j])


# ------------------------------------------------------------------ merge
def merges_from_pairs(pairs: pd.DataFrame) -> pd.DataFrame:
    """The merges a person reviews: each duplicate mapped to the actor
    kept (the first of its group in file order), ``merge`` = yes."""
    parent: dict[str, str] = {}

    def root(x):
        while parent.get(x, x) != x:
            x = parent[x]
        return x

    for a, b in zip(pairs["id_a"], pairs["id_b"]):
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[rb] = ra
    out = pairs.copy()
    out.insert(0, "keep_id", [root(a) for a in out["id_a"]])
    out = out.rename(columns={"id_b": "merge_id", "name_b": "merge_name"})
    out = out.drop(columns=["id_a", "name_a"])
    out["merge"] = "yes"
    return out[["keep_id", "merge_id", "merge_name", "country", "reason",
                "score", "merge"]]


def read_merges(path) -> pd.DataFrame:
    """A reviewed merges.csv: the rows whose ``merge`` is yes (or oui, x)."""
    try:
        df = pd.read_csv(path, dtype=str, keep_default_na=False,
                         sep=None, engine="python")
    except (OSError, pd.errors.ParserError) as exc:
        raise GraphkitError(f"{path}: not readable ({exc})") from None
    missing = [c for c in ("keep_id", "merge_id") if c not in df.columns]
    if missing:
        raise GraphkitError(f"{path}: needs the columns keep_id and "
                            f"merge_id (missing: {', '.join(missing)})")
    if "merge" in df.columns:
        df = df[df["merge"].str.strip().str.lower().isin(YES)]
    return df


def apply_merges(network: Network, merges: pd.DataFrame
                 ) -> tuple[Network, dict]:
    """Merge each ``merge_id`` into its ``keep_id``: its ties move to the
    kept actor, its missing fields fill the kept one's, its sectors join.

    Returns the network and ``{"actors_merged", "ties_within_one_actor"}``
    (ties between two names of one organisation, dropped).
    """
    actors = network.actors
    unknown = [i for i in list(merges["keep_id"]) + list(merges["merge_id"])
               if i not in actors.index]
    if unknown:
        raise GraphkitError(f"merges name actors that are not in the "
                            f"network: {', '.join(map(str, unknown[:10]))}")
    mapping = dict(zip(merges["merge_id"], merges["keep_id"]))

    def final(x):
        seen = set()
        while x in mapping and x not in seen:
            seen.add(x)
            x = mapping[x]
        return x

    mapping = {m: final(m) for m in mapping}
    mapping = {m: k for m, k in mapping.items() if m != k}
    actors = actors.copy()
    for merged, kept in mapping.items():
        for col in actors.columns:
            if col in ("sectors", "seeks"):
                actors.at[kept, col] = tuple(dict.fromkeys(
                    actors.at[kept, col] + actors.at[merged, col]))
            elif pd.isna(actors.at[kept, col]) and \
                    not pd.isna(actors.at[merged, col]):
                actors.at[kept, col] = actors.at[merged, col]
    actors = actors.drop(index=list(mapping))
    coops = network.cooperations.copy()
    for col in ("source", "target", "programme"):
        coops[col] = coops[col].map(
            lambda v: mapping.get(v, v) if isinstance(v, str) else v)
    loops = (coops["source"] == coops["target"]).to_numpy()
    coops = coops[~loops]
    return Network(actors, coops, dict(network.meta)), {
        "actors_merged": len(mapping),
        "ties_within_one_actor": int(loops.sum())}
