"""Numbers, dates and typography in French or English, through Babel (CLDR).

French: decimal comma, narrow no-break space (U+202F) between thousands,
a no-break space before ``%`` and ``:``, a narrow no-break space before
``;``, ``!`` and ``?``, no-break spaces inside « guillemets », and dates
such as « 1 décembre 2026 ». English: ``1,234.5``, ``12.5%``,
``1 December 2026``.
"""
from __future__ import annotations

import datetime as _dt
import math
import re
from functools import lru_cache

import numpy as np
import pandas as pd
from babel import Locale
from babel.dates import format_date
from babel.numbers import format_decimal, format_percent

NBSP = "\u00a0"      # no-break space
NNBSP = "\u202f"     # narrow no-break space

LANGS = ("fr", "en")


def is_missing(value) -> bool:
    """True for None, NaN, pd.NA and NaT."""
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    try:
        return bool(isinstance(value, (float, np.floating)) and math.isnan(value))
    except TypeError:
        return False


def _pattern(decimals: int) -> str:
    return "#,##0" + ("." + "0" * decimals if decimals else "")


def number(value, lang: str = "fr", decimals: int = 0) -> str:
    """A number with the separators of ``lang`` (Babel's ``format_decimal``).

    Examples
    --------
    >>> number(1234.5, "fr", 1) == "1\u202f234,5"
    True
    >>> number(1234.5, "en", 1)
    '1,234.5'
    >>> number(None, "en")
    '–'
    """
    if is_missing(value):
        return "–"
    v = round(float(value), decimals)
    if v == 0:
        v = 0.0  # no "-0"
    return _decimal(v, decimals, lang)


@lru_cache(maxsize=65536)
def _decimal(v: float, decimals: int, lang: str) -> str:
    # Babel takes some 40 µs a number; the counts of a report or a table
    # of reasons recur (the "+3 more" of thousands of rows)
    return format_decimal(v, format=_pattern(decimals), locale=lang)


def integer(value, lang: str = "fr") -> str:
    """An integer with thousands separators (``1 234`` / ``1,234``)."""
    return number(value, lang, 0)


def percent(share, lang: str = "fr", decimals: int = 1) -> str:
    """A share in [0, 1] as a percentage, in the locale's pattern
    (Babel's ``format_percent``): ``12,5 %`` / ``12.5%``.

    >>> percent(0.125, "fr") == "12,5\u00a0%"
    True
    >>> percent(0.125, "en")
    '12.5%'
    """
    if is_missing(share):
        return "–"
    pattern = Locale.parse(lang).percent_formats[None].pattern
    pattern = pattern.replace("#,##0", _pattern(decimals), 1)
    return format_percent(float(share), format=pattern, locale=lang)


def year(value) -> str:
    """A year as four digits, never with a thousands separator."""
    if is_missing(value):
        return "–"
    return str(int(value))


def date(day: _dt.date, lang: str = "fr") -> str:
    """A date written out: ``1 décembre 2026`` / ``1 December 2026``.

    >>> date(_dt.date(2026, 12, 1), "fr") == "1\u00a0décembre\u00a02026"
    True
    """
    text = format_date(day, format="d MMMM y", locale=lang)
    return text.replace(" ", NBSP) if lang == "fr" else text


_PLACEHOLDER = re.compile(r"(\{[^{}]*\})")


def typography_fr(template: str) -> str:
    """French spacing in a catalogue text, leaving ``{placeholders}`` alone.

    >>> typography_fr("Note : « ok » ; fin !") == (
    ...     "Note\u00a0: «\u00a0ok\u00a0»\u202f; fin\u202f!")
    True
    """
    parts = _PLACEHOLDER.split(template)
    for i in range(0, len(parts), 2):
        t = parts[i]
        t = re.sub(r"[ \u00a0\u202f]*:(?=\s|$)", NBSP + ":", t)
        t = re.sub(r"[ \u00a0\u202f]*([;!?])", NNBSP + r"\1", t)
        t = re.sub(r"«[ \u00a0\u202f]*", "«" + NBSP, t)
        t = re.sub(r"[ \u00a0\u202f]*»", NBSP + "»", t)
        parts[i] = t
    return "".join(parts)


def value(v, kind: str, lang: str = "fr") -> str:
    """Format one table cell by its kind: text, int, float, score, pct, year."""
    if kind == "text":
        if is_missing(v):
            return ""
        if isinstance(v, (list, tuple)):
            return ", ".join(str(x) for x in v)
        return str(v)
    if kind == "int":
        return integer(v, lang)
    if kind == "float":
        return number(v, lang, 4)
    if kind == "score":
        return number(v, lang, 2)
    if kind == "pct":
        return percent(v, lang)
    if kind == "year":
        return year(v)
    raise ValueError(f"unknown cell kind {kind!r}")
