"""The data contract: validated loading of actors and cooperations.

:func:`read_network` opens a folder of CSV files, an Excel workbook or a JSON
file (see :mod:`graphkit.io.raw`), checks every row against the contract in
one vectorised pass and returns a :class:`LoadResult`. Every problem is
located (file, spreadsheet line, column, value, reason). By default any
problem refuses the whole input with :class:`~graphkit.errors.ValidationError`
listing them all; ``lenient=True`` loads the valid rows and returns the
rejected ones, each with its reasons, so that no row is dropped unreported.
"""
from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np
import pandas as pd

from ..errors import GraphkitError, Problem, ValidationError
from ..model import (ACTOR_TYPES, COOPERATION_TYPES, normalise_actor_type,
                     normalise_cooperation_type, suggest_actor_type,
                     suggest_cooperation_type)
from ..network import Network
from .countries import country_code
from ..textsafety import (BIDI, CONTROL, INVISIBLE, clean_controls, codepoint,
                          controls, lookalike_key, warnings_for)
from .raw import RawInput, RawTable, read_raw

REQUIRED = {"actors": ("id", "name", "type"),
            "cooperations": ("source", "target", "type")}
ACTOR_TEXT = ("city", "region", "sectors", "seeks", "source")
YEARS = (1900, 2100)
#: A weight is a count or an intensity (projects, person-months, euros):
#: below or above these it is a slip (1e308 overflows every sum, a
#: subnormal 1e-320 stalls PageRank), refused where it is.
WEIGHTS = (1e-6, 1e12)
REJECT_COLUMNS = ("file", "line", "column", "value", "reason")


# ------------------------------------------------------------------ result
@dataclass
class LoadResult:
    """What :func:`read_network` loaded and what it rejected.

    Attributes
    ----------
    network : Network
        The validated network; ``network.meta`` holds ``inputs`` (``path``,
        ``sha256``, ``rows`` of each file read) and ``counts``.
    rejects : DataFrame
        One line per rejected row: ``file, line, column, value, reason``
        (several problems of one row joined by ``" | "``), then the raw
        fields of the row. Empty when nothing was rejected.
    counts : dict
        ``{"actors": {"read", "loaded", "rejected"}, "cooperations": {...}}``;
        ``read == loaded + rejected`` always.
    problems : list of Problem
        The problems of the rejected rows (lenient mode), in file order.
    cascaded : int
        Cooperations rejected only because an actor they name was rejected.
    """
    network: Network
    rejects: pd.DataFrame
    counts: dict
    problems: list[Problem] = field(default_factory=list)
    cascaded: int = 0
    #: where each loaded actor is in the input ("actors.csv, line 3"),
    #: indexed by id; None when not read from a file
    places: pd.Series | None = None
    #: what was loaded but deserves a look: a value cleaned of control
    #: characters (lenient), bidirectional, invisible or lookalike text
    warnings: list[Problem] = field(default_factory=list)

    @classmethod
    def whole(cls, network: Network) -> "LoadResult":
        """The result for a network that was loaded whole (e.g. from Neo4j)."""
        counts = {t: {"read": n, "loaded": n, "rejected": 0} for t, n in
                  (("actors", len(network.actors)),
                   ("cooperations", len(network.cooperations)))}
        return cls(network, pd.DataFrame({c: pd.Series([], dtype=object)
                                          for c in REJECT_COLUMNS}), counts)

    def summary(self) -> str:
        """Rows read, loaded and rejected per table, one line each.

        >>> r = LoadResult(None, pd.DataFrame(), {
        ...     "actors": {"read": 3, "loaded": 2, "rejected": 1},
        ...     "cooperations": {"read": 4, "loaded": 4, "rejected": 0}})
        >>> print(r.summary())
        actors: 3 rows read, 2 loaded, 1 rejected
        cooperations: 4 rows read, 4 loaded, 0 rejected
        """
        lines = []
        for table, c in self.counts.items():
            line = (f"{table}: {c['read']} rows read, {c['loaded']} loaded, "
                    f"{c['rejected']} rejected")
            if table == "cooperations" and self.cascaded:
                line += (f" ({self.cascaded} because an actor they name was "
                         f"rejected)")
            lines.append(line)
        lines += [f"warning: {w}" for w in self.warnings]
        return "\n".join(lines)


# ------------------------------------------------------------------ values
def _text_value(v):
    """A cell from Excel or JSON as text (Excel's 2010.0 -> '2010')."""
    if v is None or v is pd.NA:
        return None
    if isinstance(v, str):
        return v
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, np.integer)):
        return str(int(v))
    if isinstance(v, (float, np.floating)):
        if math.isnan(v):
            return None
        if v.is_integer() and abs(v) < 1e15:
            return str(int(v))
        return repr(float(v))
    if isinstance(v, (list, tuple)):
        parts = [_text_value(x) for x in v]
        return ";".join(str(p).strip() for p in parts if p is not None) \
            or None
    if isinstance(v, dict):
        return json.dumps(v, ensure_ascii=False, default=str)
    return str(v)


def _number_value(v) -> float:
    """A cell from Excel or JSON as a float; NaN when it is not a number."""
    if isinstance(v, bool) or v is None or v is pd.NA:
        return math.nan
    if isinstance(v, (int, float, np.integer, np.floating)):
        try:
            return float(v)
        except OverflowError:
            return math.inf
    if isinstance(v, str):
        try:
            v = v.replace(",", ".")  # decimal comma, as in the CSV path
            return float(v)
        except ValueError:
            return math.nan
    return math.nan


class _Table:
    """The raw table with typed accessors and a problem collector."""

    def __init__(self, raw: RawTable):
        self.raw = raw
        self.df = raw.df
        self.n = len(raw.df)
        self._found: list[pd.DataFrame] = []
        self._seq = 0
        self._broken = np.zeros(self.n, dtype=bool)
        if raw.row_problems:
            pos, column, value, reason = zip(*raw.row_problems)
            self._seq += 1
            self._found.append(pd.DataFrame({
                "pos": np.array(pos, dtype=int), "seq": self._seq,
                "column": list(column), "value": list(value),
                "reason": list(reason)}))
            # the cells of a row that could not be read right are not
            # checked one by one: its problem says what is wrong with it
            self._broken[list(pos)] = True

    def has(self, column: str) -> bool:
        return column in self.df.columns

    def cell(self, column: str) -> pd.Series:
        if column in self.df.columns:
            return self.df[column]
        return pd.Series(None, index=self.df.index, dtype=object)

    def text(self, column: str) -> pd.Series:
        s = self.cell(column)
        return s if self.raw.is_text(column) else \
            s.map(_text_value).astype(object)

    def number(self, column: str) -> pd.Series:
        s = self.cell(column)
        if column in self.raw.number_columns:
            try:
                return pd.to_numeric(s, errors="coerce").astype(float)
            except (OverflowError, TypeError, ValueError):  # huge integers
                pass
        if not self.raw.is_text(column):
            return s.map(_number_value).astype(float)
        values = s.to_numpy(dtype=object)
        given = s.notna().to_numpy()
        num = np.full(len(values), np.nan)
        if given.any():
            present = values[given]
            # decimal commas (48,85): one replace on the joined cells, then
            # one conversion
            joined = "\x00".join(present)
            if "," in joined:
                parts = joined.replace(",", ".").split("\x00")
                present = parts if len(parts) == len(present) else \
                    [v.replace(",", ".") for v in present]
            num[given] = pd.to_numeric(pd.Series(present, dtype=object),
                                       errors="coerce").to_numpy(float)
        return pd.Series(num, index=s.index)

    def add(self, mask, column: str | None, values: pd.Series | None,
            reason) -> None:
        """Record a problem on every row where ``mask`` holds."""
        mask = np.asarray(mask, dtype=bool) & ~self._broken
        self._seq += 1
        if not mask.any():
            return
        pos = np.flatnonzero(mask)
        if values is None:
            values = self.cell(column) if column else None
        vals = (values.to_numpy(dtype=object)[pos] if values is not None
                else [None] * len(pos))
        if isinstance(reason, (pd.Series, np.ndarray, list)):
            reason = np.asarray(reason, dtype=object)[pos]
        self._found.append(pd.DataFrame({
            "pos": pos, "seq": self._seq, "column": column,
            "value": pd.Series(list(vals), dtype=object), "reason": reason}))

    def where(self, pos: int) -> str:
        if self.raw.lines is None:
            return f"{self.raw.name}[{pos}]"
        return f"line {self.raw.lines[pos]}"

    def found(self) -> pd.DataFrame:
        if not self._found:
            return pd.DataFrame(columns=["pos", "seq", "column", "value",
                                         "reason"])
        return pd.concat(self._found, ignore_index=True).sort_values(
            ["pos", "seq"], kind="stable", ignore_index=True)

    def bad(self) -> np.ndarray:
        mask = np.zeros(self.n, dtype=bool)
        for f in self._found:
            mask[f["pos"].to_numpy()] = True
        return mask

    def problems(self) -> list[Problem]:
        out = []
        for pos, column, value, reason in self.found()[
                ["pos", "column", "value", "reason"]].itertuples(index=False):
            file, line = self.raw.where(int(pos))
            missing = value is None or value is pd.NA or (
                isinstance(value, float) and math.isnan(value))
            out.append(Problem(file, line,
                               column if isinstance(column, str) else None,
                               None if missing else value, reason))
        return out


#: the values Excel shows for a formula that failed
EXCEL_ERRORS = frozenset({"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?",
                          "#NUM!", "#N/A", "#GETTING_DATA", "#SPILL!",
                          "#CALC!", "#FIELD!", "#BLOCKED!", "#UNKNOWN!"})
_LOOK = re.compile(f"{BIDI.pattern}|{INVISIBLE.pattern}|[\u0370-\u04ff]")


def _characters(t: _Table, lenient: bool) -> list[Problem]:
    """Refuse control characters and Excel error values where they are (or,
    lenient, clean the control characters and say so); return warnings for
    bidirectional, invisible and lookalike text. Cleaning works on a copy:
    the caller's raw table stays as it was."""
    warnings = []
    for column in t.df.columns:
        values = t.df[column].to_numpy(dtype=object)
        texts = [(i, v) for i, v in enumerate(values) if isinstance(v, str)] \
            if not t.raw.is_text(column) else None
        if texts is None:
            present = values[t.df[column].notna().to_numpy()]
            joined = "\n".join(present)
        else:
            joined = "\n".join(v for _, v in texts)
        if not joined:
            continue
        control, error = CONTROL.search(joined), "#" in joined
        look = _LOOK.search(joined)
        if not (control or error or look):
            continue  # the common case: nothing to look at value by value
        if texts is None:
            texts = [(i, v) for i, v in enumerate(values)
                     if isinstance(v, str)]
        if control:
            bad = [(i, v) for i, v in texts if CONTROL.search(v)]
            if lenient:
                values = values.copy()
                for i, v in bad:
                    found = ", ".join(f"{codepoint(ch)} at character {at}"
                                      for at, ch in controls(v)[:3])
                    values[i] = clean_controls(v) or None
                    file, line = t.raw.where(i)
                    warnings.append(Problem(file, line, column, v,
                                            f"control character removed: "
                                            f"{found}"))
                t.df = t.df.assign(**{column: values})
                texts = [(i, v) for i, v in enumerate(values)
                         if isinstance(v, str)]
            else:
                mask = np.zeros(t.n, dtype=bool)
                reasons = np.full(t.n, None, dtype=object)
                for i, v in bad:
                    at, ch = controls(v)[0]
                    mask[i] = True
                    reasons[i] = (f"holds the control character "
                                  f"{codepoint(ch)} at character {at}; no "
                                  f"spreadsheet or XML file can hold it "
                                  f"(--lenient removes it)")
                t.add(mask, column, t.cell(column), reasons)
        if error:
            errors = np.zeros(t.n, dtype=bool)
            for i, v in texts:
                errors[i] = v.strip().upper() in EXCEL_ERRORS
            t.add(errors, column, t.cell(column),
                  "an Excel error value, not data: the formula that gave it "
                  "failed; correct it in the workbook")
        if look:
            for i, v in texts:
                for why in warnings_for(v):
                    file, line = t.raw.where(i)
                    warnings.append(Problem(file, line, column, v, why))
    return warnings


def _lookalike_ids(t: _Table, ids: pd.Series) -> list[Problem]:
    """Warn of ids that differ only by case, width, invisible or
    bidirectional characters ('abc' and 'abc\u200b')."""
    text = [v if isinstance(v, str) else None for v in ids.tolist()]
    given = [v for v in text if v is not None]
    if not _LOOK.search("".join(given)) and \
            len({v.lower() for v in given}) == len(set(given)):
        return []  # nothing invisible, nothing that differs only by case
    keys = [None if v is None else lookalike_key(v) for v in text]
    if len({k for k in keys if k is not None}) == len(set(given)):
        return []
    out, first = [], {}
    for pos, (value, key) in enumerate(zip(text, keys)):
        if key is None:
            continue
        if key in first and first[key][1] != value:
            file, line = t.raw.where(pos)
            out.append(Problem(file, line, "id", value,
                               f"looks like the id {first[key][1]!r} "
                               f"({t.where(first[key][0])}) but is not "
                               f"the same text"))
        first.setdefault(key, (pos, value))
    return out


def _missing_columns(t: _Table, table: str) -> list[Problem]:
    problems = []
    for col in REQUIRED[table]:
        if not t.has(col):
            found = ", ".join(map(str, t.df.columns)) or "nothing"
            problems.append(Problem(t.raw.file, 1,
                                    col, None,
                                    f"missing required column '{col}' (the "
                                    f"header has: {found})"))
    return problems


def _header_characters(t: _Table) -> list[Problem]:
    """Column names holding control characters (file level)."""
    return [Problem(t.raw.file, 1, str(c), None, f"the column name holds the "
                    f"control character {codepoint(controls(str(c))[0][1])}")
            for c in t.df.columns if CONTROL.search(str(c))]


def _require(t: _Table, table: str, values: dict[str, pd.Series]) -> None:
    for col in REQUIRED[table]:
        if t.has(col):
            t.add(values[col].isna(), col, None, "missing required value")


def _types(t: _Table, s: pd.Series, normalise, suggest, valid: dict,
           what: str) -> pd.Series:
    """Canonical type keys (NA when unknown), unknown ones recorded."""
    uniques = pd.unique(s.dropna())
    keys = {u: normalise(u) for u in uniques}
    key = s.map(keys).astype(object)
    unknown = s.notna() & key.isna()
    if unknown.any():
        def reason(u):
            hint = suggest(u)
            if hint:
                return f"unknown {what} type; did you mean '{hint}'?"
            return f"unknown {what} type; valid types: {', '.join(valid)}"
        reasons = {u: reason(u) for u in uniques if keys[u] is None}
        t.add(unknown, "type", s, s.map(reasons))
    return key.where(key.notna(), None)


def _numeric(t: _Table, column: str, low=None, high=None,
             positive=False, whole=False, magnitude=None) -> pd.Series:
    """A number column checked against its range; bad cells recorded."""
    raw = t.cell(column)
    num = t.number(column)
    given = raw.notna()
    nan = given & num.isna()
    t.add(nan, column, raw, "not a number")
    finite = np.isfinite(num.to_numpy())
    t.add(given & ~nan & ~finite, column, raw, "not a finite number")
    ok = given & finite
    if whole:
        frac = ok & (num % 1 != 0)
        t.add(frac, column, raw, "not a whole number")
        ok &= ~frac
    if low is not None:
        out = ok & ((num < low) | (num > high))
        t.add(out, column, raw, f"outside {low}..{high}")
    if positive:
        t.add(ok & (num <= 0), column, raw, "must be greater than 0")
        ok &= num > 0
    if magnitude is not None:
        low_m, high_m = magnitude
        t.add(ok & ((num < low_m) | (num > high_m)), column, raw,
              f"outside {low_m:g}..{high_m:g}: too small or too large to be "
              f"a {column}")
    return num


# ------------------------------------------------------------------ checks
def _check_actors(t: _Table) -> dict[str, pd.Series]:
    v = {c: t.text(c) for c in ("id", "name", "type", "country", *ACTOR_TEXT)}
    _require(t, "actors", v)
    ids = v["id"]
    dup = (ids.notna() & ids.duplicated(keep="first")).to_numpy()
    if dup.any():
        first = pd.Series(np.arange(t.n), index=ids.to_numpy())
        first = first[~first.index.duplicated(keep="first")]
        reasons = np.full(t.n, None, dtype=object)
        for p in np.flatnonzero(dup):
            reasons[p] = (f"duplicate id (first on "
                          f"{t.where(int(first[ids.iloc[p]]))})")
        t.add(dup, "id", ids, reasons)
    v["type"] = _types(t, v["type"], normalise_actor_type, suggest_actor_type,
                       ACTOR_TYPES, "actor")
    # ISO codes, or country names in French or English (France, Chine...)
    given = v["country"]
    codes = {u: country_code(u) for u in pd.unique(given.dropna())}
    country = given.map(codes).astype(object)
    bad = given.notna() & country.isna()
    if bad.any():
        hint = {"UK": "; the United Kingdom is GB", "EL": "; Greece is GR"}
        t.add(bad, "country", given,
              given.map(lambda c: "not an ISO 3166-1 alpha-2 country code "
                        "(two letters, e.g. FR, CN) nor a country name in "
                        "French or English" + hint.get(str(c).upper(), "")))
        country = country.where(~bad, given.str.upper())
    v["country"] = country
    v["lat"] = _numeric(t, "lat", -90, 90)
    v["lon"] = _numeric(t, "lon", -180, 180)
    return v


def _check_cooperations(t: _Table, actor_ids: pd.Index,
                        actor_type: pd.Series, actors_file: str
                        ) -> dict[str, pd.Series]:
    v = {c: t.text(c) for c in ("source", "target", "type", "programme",
                                "note")}
    _require(t, "cooperations", v)
    for col in ("source", "target"):
        s = v[col]
        t.add(s.notna() & ~s.isin(actor_ids), col, s,
              f"unknown actor: no actor in {actors_file} has this id")
    loop = v["source"].notna() & (v["source"] == v["target"]).fillna(False)
    t.add(loop, "target", v["target"],
          "self-loop: source and target are the same actor")
    v["type"] = _types(t, v["type"], normalise_cooperation_type,
                       suggest_cooperation_type, COOPERATION_TYPES,
                       "cooperation")
    v["year"] = _numeric(t, "year", *YEARS, whole=True)
    v["weight"] = _numeric(t, "weight", positive=True, magnitude=WEIGHTS)
    prog = v["programme"]
    if prog.notna().any():
        kind = prog.map(actor_type)
        t.add(prog.notna() & kind.isna() & ~prog.isin(actor_ids), "programme",
              prog, f"not an actor id: programme must be the id of a "
                    f"programme actor in {actors_file}")
        wrong = prog.notna() & kind.notna() & (kind != "programme")
        if wrong.any():
            t.add(wrong, "programme", prog, kind.map(
                {k: f"this is a {k} actor, not a programme"
                 for k in kind[wrong].unique()}))
    return v


def _cascade(t: _Table, v: dict, rejected_ids: pd.Series) -> int:
    """Reject the cooperations that name a rejected actor; how many new."""
    before = t.bad()
    reasons = {a: f"actor '{a}' was rejected ({where})"
               for a, where in rejected_ids.items()}
    for col in ("source", "target", "programme"):
        s = v[col]
        hit = s.isin(rejected_ids.index)
        if hit.any():
            t.add(hit, col, s, s.map(reasons))
    return int((t.bad() & ~before).sum())


# ------------------------------------------------------------------ tables
_PANDAS_3 = int(pd.__version__.split(".")[0]) >= 3


def _as_text(s: pd.Series) -> pd.Series:
    """Text cells in pandas' default text dtype (``str`` from pandas 3, where
    missing is NaN); before pandas 3, object with None (``astype(str)``
    would turn None into the text 'None')."""
    return s.astype("str") if _PANDAS_3 else s.astype(object)


def _frame(v: dict, columns, t: _Table, keep: np.ndarray) -> pd.DataFrame:
    """The loaded rows: contract columns present in the input, then extras."""
    out = {}
    for col in columns:
        if col in v:
            s = v[col][keep]
            if s.dtype == object and col not in ("year",):
                s = _as_text(s)
            out[col] = s.reset_index(drop=True)
    for col in t.df.columns:
        if col not in out and col not in columns:
            s = t.df[col][keep].reset_index(drop=True)
            out[col] = _as_text(s) if t.raw.is_text(col) else s
    return pd.DataFrame(out)


def _rejects(tables: list[_Table]) -> pd.DataFrame:
    """One line per rejected row: where, what, why, then its raw fields."""
    parts = []
    for t in tables:
        f = t.found()  # sorted by row position
        if f.empty:
            continue
        pos = f["pos"].to_numpy()
        starts = np.flatnonzero(np.r_[True, pos[1:] != pos[:-1]])
        ends = np.r_[starts[1:], len(pos)]
        rows = pos[starts]
        cols = f["column"].tolist()
        vals = ["" if x is None or x is pd.NA or (
            isinstance(x, float) and math.isnan(x)) else str(x)
            for x in f["value"].tolist()]
        reasons = [str(r) for r in f["reason"].tolist()]
        spans = list(zip(starts.tolist(), ends.tolist()))
        if t.raw.lines is None:
            files = [t.raw.where(int(p))[0] for p in rows]
            lines = pd.array([None] * len(rows), dtype="Int64")
        else:
            files = [t.raw.file] * len(rows)
            lines = pd.array(t.raw.lines[rows], dtype="Int64")
        head = pd.DataFrame({
            "file": files, "line": lines,
            "column": [" | ".join(c for c in cols[a:b] if c)
                       for a, b in spans],
            "value": [" | ".join(vals[a:b]) for a, b in spans],
            "reason": [" | ".join(reasons[a:b]) for a, b in spans]})
        body = t.df.iloc[rows].reset_index(drop=True)
        body.columns = [f"raw_{c}" if c in REJECT_COLUMNS else c
                        for c in body.columns]
        parts.append(pd.concat([head, body], axis=1))
    if not parts:
        return pd.DataFrame({c: pd.Series([], dtype=object)
                             for c in REJECT_COLUMNS})
    return pd.concat(parts, ignore_index=True)


# ------------------------------------------------------------------ entry
def validate(raw: RawInput, lenient: bool = False, name: str | None = None
             ) -> LoadResult:
    """Check raw tables against the contract and build the network.

    See :func:`read_network`, which opens the files and calls this.
    """
    tables = {}
    for table_name, table in raw.tables.items():
        absent = [col for col in REQUIRED[table_name]
                  if col not in table.df.columns]
        if table.lines is None and absent:
            # JSON: a key no item has is missing in each (added to a copy:
            # the caller's raw tables stay as they were)
            table = replace(table, df=table.df.assign(**{
                col: pd.Series(None, index=table.df.index, dtype=object)
                for col in absent}))
        tables[table_name] = table
    ta = _Table(tables["actors"])
    tc = _Table(tables["cooperations"])
    warnings = _characters(ta, lenient) + _characters(tc, lenient)
    file_problems = (_header_characters(ta) + _header_characters(tc) +
                     ta.raw.problems + _missing_columns(ta, "actors")
                     + tc.raw.problems + _missing_columns(tc, "cooperations"))

    va = _check_actors(ta)
    ids = va["id"]
    warnings += _lookalike_ids(ta, ids)
    first = ~ids.duplicated(keep="first") & ids.notna()
    actor_ids = pd.Index(ids[first])
    actor_type = pd.Series(va["type"][first].to_numpy(), index=actor_ids)
    vc = _check_cooperations(tc, actor_ids, actor_type, ta.raw.file)

    if file_problems or not lenient:
        problems = file_problems + ta.problems() + tc.problems()
        if problems:
            raise ValidationError(problems)

    bad_actor = ta.bad()
    # an id whose first row was rejected is rejected, whatever came later
    first_bad = first.to_numpy() & bad_actor
    rejected_ids = pd.Series(
        [f"{ta.raw.file}, {ta.where(int(p))}" if ta.raw.lines is not None
         else ta.raw.where(int(p))[0] for p in np.flatnonzero(first_bad)],
        index=ids[first_bad].to_numpy(), dtype=object)
    rejected_ids = rejected_ids[~rejected_ids.index.isin(
        ids[~bad_actor].to_numpy())]
    cascaded = _cascade(tc, vc, rejected_ids) if len(rejected_ids) else 0
    bad_coop = tc.bad()

    actors = _frame(va, ("id", "name", "type", "country", "city", "region",
                         "sectors", "seeks", "lat", "lon", "source"),
                    ta, ~bad_actor)
    coops = _frame(vc, ("source", "target", "type", "year", "programme",
                        "weight", "note"), tc, ~bad_coop)
    counts = {
        "actors": {"read": ta.n, "loaded": int((~bad_actor).sum()),
                   "rejected": int(bad_actor.sum())},
        "cooperations": {"read": tc.n, "loaded": int((~bad_coop).sum()),
                         "rejected": int(bad_coop.sum())},
    }
    meta = {"name": name, "format": raw.format, "inputs": raw.inputs,
            "counts": counts, "lenient": lenient}
    network = Network(actors, coops, meta)
    kept = np.flatnonzero(~bad_actor)
    places = pd.Series([", ".join(str(p) for p in ta.raw.where(int(i))
                                  if p is not None) if ta.raw.lines is None
                        else f"{ta.raw.file}, line {ta.raw.lines[i]}"
                        for i in kept], index=network.actors.index,
                       dtype=object)
    warnings.sort(key=lambda w: (w.file, w.line or 0))
    return LoadResult(network, _rejects([ta, tc]), counts,
                      ta.problems() + tc.problems(), cascaded, places,
                      warnings)


def read_network(path, lenient: bool = False) -> LoadResult:
    """Read and validate a network in the data contract.

    Parameters
    ----------
    path : str or Path
        A folder holding ``actors.csv`` and ``cooperations.csv`` (``;``,
        ``,`` or tab separated; UTF-8, UTF-8 with BOM or Windows-1252;
        decimal comma accepted), an ``.xlsx`` workbook with sheets
        ``actors`` and ``cooperations``, or a ``.json`` file
        ``{"actors": [...], "cooperations": [...]}``.
    lenient : bool
        False (default): any problem refuses the input. True: load the valid
        rows, reject the others (and the cooperations naming a rejected
        actor) into ``LoadResult.rejects``. A problem with a whole file (a
        missing required column) refuses the input in both modes.

    Returns
    -------
    LoadResult

    Raises
    ------
    ValidationError
        Listing every problem found, each with file, line, column, value
        and reason.
    GraphkitError
        When a file cannot be read at all.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "actors.csv").write_text("id;name;type;lat\\np;Pôle;pôle;48,85\\n"
    ...                                   "s;PME;PME;\\n", encoding="cp1252")
    >>> _ = (d / "cooperations.csv").write_text("source;target;type\\ns;p;membre\\n")
    >>> r = read_network(d)
    >>> a = r.network.actors
    >>> a.at["p", "type"], float(a.at["p", "lat"])
    ('pole', 48.85)
    >>> print(r.summary().splitlines()[0])
    actors: 2 rows read, 2 loaded, 0 rejected
    """
    path = Path(path)
    raw = read_raw(path)
    name = path.name if path.is_dir() else path.stem
    return validate(raw, lenient=lenient, name=name)
