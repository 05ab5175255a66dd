"""Writing a :class:`~graphkit.results.Results` as table files.

One function per kind of file, all through :func:`graphkit.io.tables.write_table`
(the one table writer); each JSON file carries ``meta``: the parameters and
approximations of the analysis that made it, read from the results object.

The analysis states gaps and recommendation reasons as codes and values
(``detail_code``/``detail_values``, ``reason_codes``); the table files carry
those (as JSON text) and, beside them, the sentence in the chosen language
(``detail``, ``reasons``) from the catalogue :mod:`graphkit.texts`.
"""
from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from .. import texts
from ..results import Results
from .tables import FORMATS, _plain, write_json, write_summary, write_table

__all__ = ["write_results", "write_info", "TABLE_FILES"]

#: The table files of each part of the results (stem, formats).
TABLE_FILES = {
    "metrics": ("metrics", FORMATS),
    "gaps": ("gaps", FORMATS),
    "white_spaces": ("white_spaces", ("csv",)),
    "recommendations": ("recommendations", FORMATS),
}


#: One encoder for every cell of codes and values (json.dumps with options
#: builds a new encoder per call).
_ENCODE = json.JSONEncoder(ensure_ascii=False, sort_keys=True,
                           allow_nan=False).encode


def _json_text(values) -> str:
    """``values`` (codes and values: dicts, lists, texts, numbers) as JSON
    text; NaN and numpy values through :func:`_plain` (None, Python)."""
    try:
        return _ENCODE(values)
    except (TypeError, ValueError):  # numpy values, NaN: made plain first
        return _ENCODE(_plain(values))


def worded(part: str, table: pd.DataFrame, lang: str,
           words=None) -> pd.DataFrame:
    """``table`` as written to a file: for gaps, ``detail`` (the sentence
    in ``lang``) beside ``detail_code`` and ``detail_values`` (JSON text);
    for recommendations, ``reasons`` beside ``reason_codes`` (JSON text).
    Other parts are returned as they are. ``words`` (a
    :class:`graphkit.texts.ReasonWords`) keeps the sentences for the other
    outputs of the same results."""
    def texts_column(values):
        # Python texts as they are (pandas would make them an Arrow string
        # column, turned back into Python texts by each file written)
        return pd.Series(values, index=table.index, dtype=object)
    if part == "gaps" and "detail_code" in table:
        out = table.copy()
        out.insert(out.columns.get_loc("detail_values") + 1, "detail",
                   texts_column([texts.gap_detail(c, v, lang) for c, v in zip(
                       table["detail_code"], table["detail_values"])]))
        out["detail_values"] = texts_column(
            [_json_text(v) for v in table["detail_values"]])
        return out
    if part == "recommendations" and "reason_codes" in table:
        out = table.copy()
        sentences = (words or texts.ReasonWords()).column(table, lang)
        out.insert(out.columns.get_loc("reason_codes") + 1, "reasons",
                   texts_column(sentences))
        # one encoding per row: the JSON of a list is its items' joined
        memo: dict = {}
        out["reason_codes"] = texts_column(
            [_reasons_json(r, memo) for r in table["reason_codes"]])
        return out
    return table


def _reasons_json(reasons, memo: dict) -> str:
    """:func:`_json_text` of one row's reason codes, the JSON of a reason
    object that rows share (:func:`graphkit.texts.reasons_text`) made once
    (``memo``: kept across the rows of one table; it keeps the objects, so
    that an id stays theirs).

    >>> r = {"code": "role", "types": ["sme", "lab"], "abroad": True}
    >>> m = {}
    >>> rows = [[{"code": "broker", "name": "L"}, r], [r]]
    >>> [_reasons_json(x, m) for x in rows] == [_json_text(x) for x in rows]
    True
    """
    if type(reasons) is not list:
        return _json_text(reasons)
    try:
        parts = [texts.shared_once(memo, r, _ENCODE) for r in reasons]
    except (TypeError, ValueError):  # numpy values, NaN: made plain first
        return _json_text(reasons)
    return "[" + ", ".join(parts) + "]"


def write_results(results: Results, outdir, parts=None,
                  lang: str = texts.DEFAULT_LANG) -> list[Path]:
    """Write the parts of ``results`` that were computed (or those of
    ``parts``) into ``outdir``: ``metrics.*``, ``summary.json/.xlsx``,
    ``gaps.*``, ``white_spaces.csv``, ``recommendations.*`` (its meta adds
    the fitted score model) and ``missions.json``; the sentences of the
    gaps, recommendations and missions in ``lang``. Returns the paths."""
    texts.check_lang(lang)
    outdir = Path(outdir)
    meta = results.meta()
    written: list[Path] = []
    for part in parts or ("metrics", "summary", "gaps", "white_spaces",
                          "recommendations", "missions"):
        value = getattr(results, part)
        if value is None:
            continue
        if part in TABLE_FILES:
            stem, formats = TABLE_FILES[part]
            extra = {"lang": lang} if part in (
                "gaps", "recommendations") else {}
            if part == "recommendations":
                extra["score_model"] = results.score_model
            written += write_table(worded(part, value, lang,
                                          results.reason_words), outdir, stem,
                                   formats=formats,
                                   meta={**meta, **extra})
        elif part == "summary":
            written += write_summary(dict(value, parameters=meta["parameters"]),
                                     outdir)
        elif part == "missions":  # the plans with their words in lang
            from ..texts.missions import worded_missions
            written.append(write_json(_plain(worded_missions(value, lang)),
                                      outdir / "missions.json"))
    return written


def write_info(summary: dict, path) -> Path:
    """``info.json``: :func:`graphkit.info.info` as JSON."""
    return write_json(_plain(summary), Path(path))
