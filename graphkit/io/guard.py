"""The formula guard: no value from the data becomes a spreadsheet formula.

A name such as ``=HYPERLINK("http://x","y")`` or ``+SUM(1,2)`` is data, and
must reach a person who opens graphkit's files in Excel or LibreOffice as
that text, never as a live formula ("CSV injection", OWASP). Every CSV and
Excel file graphkit writes goes through :func:`graphkit.io.tables.write_csv`
or :func:`graphkit.io.tables.write_xlsx`, which apply this rule:

**XLSX.** Every text cell is stored as text (cell type ``s``), never as a
formula, whatever its first character; a text that begins with a trigger
character (below) also gets Excel's *quote prefix* style, so that editing
the cell in Excel keeps it text. The text itself is unchanged: no quote is
added. Numbers stay numbers. No cell of a workbook graphkit writes has the
formula type ``f``.

**CSV.** A CSV has no types, so a text value is *marked*: a single quote
``'`` is put in front of it (as OWASP recommends, and as Excel itself marks
text) when it begins with

- one of the trigger characters ``=``, ``+``, ``-``, ``@``, tab or carriage
  return, except a ``-`` that begins a plain decimal number (``-2.5``,
  ``-3``, ``-1e5``: a spreadsheet reads it as that number, not a formula);
- a single quote followed by a trigger character or by another single quote
  (``'=x``, ``''``), so that a text which already looks marked stays itself.

Numbers (int and float columns) are never marked. Reading a CSV table of
the data contract undoes exactly that: a value that begins with ``'``
followed by a trigger character or ``'`` loses its first character (then,
like every cell, its surrounding spaces). So what graphkit writes, graphkit
reads back as it was: ``=HYPERLINK(...)`` → ``'=HYPERLINK(...)`` →
``=HYPERLINK(...)``; ``'=x`` → ``''=x`` → ``'=x``; ``'quoted'`` and ``-2.5``
are written as they are. JSON files are not marked (no spreadsheet runs
JSON); they hold every value exactly.

>>> csv_text('=HYPERLINK("http://x","y")')
'\\'=HYPERLINK("http://x","y")'
>>> [csv_text(v) for v in ("-2.5", "-2+3", "@SUM(1)", "'=x", "'ok", "Pôle")]
['-2.5', "'-2+3", "'@SUM(1)", "''=x", "'ok", 'Pôle']
>>> all(csv_untext(csv_text(v)) == v for v in ("+x", "\\tx", "''", "'", "-"))
True
"""
from __future__ import annotations

import re

import numpy as np

#: First characters that make a spreadsheet read a cell as a formula.
TRIGGERS = frozenset("=+-@\t\r")
#: The text marker a CSV value gets in front (Excel's own).
MARK = "'"
#: What may follow a marker for it to be one (and so be dropped on reading).
_MARKED = TRIGGERS | {MARK}
#: A plain decimal number: '-2.5', '-3', '-.5', '-1e5' (no 'inf', no '_').
_NUMBER = re.compile(r"-(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\Z")


def needs_mark(text: str) -> bool:
    """Whether ``text`` gets the text marker ``'`` in a CSV file."""
    first = text[:1]
    if first == MARK:
        return text[1:2] in _MARKED  # '' (one quote alone) is not in it
    if first == "-":
        return _NUMBER.match(text) is None
    return first in TRIGGERS


def csv_text(text: str) -> str:
    """``text`` as a CSV field holds it: marked with ``'`` when needed."""
    return MARK + text if needs_mark(text) else text


def csv_untext(text: str) -> str:
    """The value a CSV field holds, its text marker dropped (the inverse of
    :func:`csv_text`)."""
    return text[1:] if _is_marked(text) else text


def _is_marked(text: str) -> bool:
    return text[:1] == MARK and text[1:2] in _MARKED


def _first_in(values: np.ndarray, chars) -> np.ndarray:
    """Positions of ``values`` (an object array) whose text begins with one
    of ``chars``: a cheap, vectorised first look (numpy takes the first
    character of each value's text in C); the callers check each hit."""
    try:
        first = values.astype("U1")
    except (UnicodeDecodeError, ValueError, TypeError):  # bytes, odd objects
        first = np.array([str(v)[:1] for v in values], dtype="U1")
    return np.flatnonzero(np.isin(first, list(chars)))


def csv_cells(values) -> np.ndarray:
    """The cells of a column as a CSV holds them (an object array): every
    ``str`` through :func:`csv_text`, anything else (numbers, missing) as
    it is. The array given is returned when no value needs a mark."""
    values = np.asarray(values, dtype=object)
    hits = [i for i in _first_in(values, _MARKED)
            if isinstance(values[i], str) and needs_mark(values[i])]
    if not hits:
        return values
    out = values.copy()
    out[hits] = [MARK + str(values[i]) for i in hits]
    return out


_MARK_ANYWHERE = re.compile(re.escape(MARK) + "[" + re.escape(
    "".join(sorted(_MARKED))) + "]")


def may_hold_marks(text: str) -> bool:
    """Whether a CSV text may hold a marked value at all (a fast scan of
    the whole text: most files hold none, and their cells need no look).

    >>> may_hold_marks("id,name\\na,Institut d'Optique\\n")
    False
    """
    return _MARK_ANYWHERE.search(text) is not None


def untext_cells(values: np.ndarray) -> np.ndarray:
    """An object array of CSV cells (stripped ``str`` or None) with every
    text marker dropped, and the text left stripped (None when empty)."""
    hits = [i for i in _first_in(values, MARK)
            if isinstance(values[i], str) and _is_marked(values[i])]
    if not hits:
        return values
    out = values.copy()
    for i in hits:
        out[i] = values[i][1:].strip() or None
    return out


def xlsx_needs_text_style(text: str) -> bool:
    """Whether an Excel text cell gets the quote-prefix style (it begins
    with a trigger character; openpyxl would take one beginning with ``=``
    for a formula)."""
    return text[:1] in TRIGGERS
