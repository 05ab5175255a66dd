"""The column-at-a-time XLSX and JSON writers (graphkit.io.xlsx's
write_plain_xlsx, tables.write_rows_json: Arrow compute) write the bytes
the former ones wrote (a cell / a row text at a time, kept as
xlsx._write_plain_xlsx_cells, tables._stream_xlsx_cells and
tables._write_rows_json_texts), whatever the frame; or fail as they did."""
from __future__ import annotations

import contextlib
import tempfile
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graphkit.io import tables, xlsx
from graphkit.io.arrowtext import float_reprs

SPECIAL = ["", "<", ">", "&", '"', "'", "a&b<c>d", "&amp;", "x\ry", "\r\n",
           "x\ny", "\t", "=1+1", "-2.5", "+x", "@y", "\x00", "\x01\x1f",
           "\x0b\x0c", "\x7f", "\ufffe", "\uffff", "a\ufffeb", "_x0000_",
           "\u2028", "\u2029", "\\", '\\"', "%s", "%", "Pôle", "中关村",
           "😀", "null", "nan", "  ", "\x1b[0m"]
text = st.one_of(st.sampled_from(SPECIAL),
                 st.text(st.characters(blacklist_categories=("Cs",)),
                         max_size=8))
FLOATS = [np.nan, np.inf, -np.inf, -0.0, 0.0, 1e16, 1e-7, 1e-4, 9.99e-5,
          0.1 + 0.2, 5e-324, 1.7976931348623157e308, 1e15 + 0.5,
          9.5e15 + 0.5, 2.0 ** 53, 2.0 ** 53 + 2, 123456789.123, 1 / 3,
          -1.5, 2.0, 1e22, 62997926450848.586]
floats = st.one_of(st.sampled_from(FLOATS), st.floats())
finite = st.one_of(st.sampled_from([f for f in FLOATS if np.isfinite(f)]),
                   st.floats(allow_nan=False, allow_infinity=False))


def series(values, **kw):
    return lambda n: st.lists(values, min_size=n, max_size=n).map(
        lambda v: pd.Series(v, **kw))


COLUMNS = {
    "object": series(st.one_of(text, st.none()), dtype=object),
    "str": series(st.one_of(text, st.none()), dtype="str"),
    "string": series(st.one_of(text, st.none()), dtype="string"),
    # few distinct texts, met again in other columns and blocks
    "pool": series(st.one_of(st.sampled_from("pqrs"), st.none()),
                   dtype="str"),
    "pool_object": series(st.sampled_from(["p", "q", "r", "=s", None]),
                          dtype=object),
    "float64": series(floats, dtype="float64"),
    "finite": series(finite, dtype="float64"),
    "float32": series(finite, dtype="float32"),
    "int64": series(st.integers(-2 ** 63, 2 ** 63 - 1), dtype="int64"),
    "uint64": series(st.integers(0, 2 ** 64 - 1), dtype="uint64"),
    "bool": series(st.booleans(), dtype=bool),
    "Int64": series(st.one_of(st.none(), st.integers(-2 ** 63, 2 ** 63 - 1)),
                    dtype="Int64"),
    "boolean": series(st.one_of(st.none(), st.booleans()), dtype="boolean"),
    "Float64": series(st.one_of(st.none(), finite), dtype="Float64"),
    "list": series(st.one_of(st.none(), text, st.lists(
        st.one_of(text, st.integers(), finite), max_size=3)), dtype=object),
    "mixed": series(st.one_of(text, st.none(), floats, st.integers(),
                              st.booleans()), dtype=object),
}


@st.composite
def frames(draw, kinds=tuple(COLUMNS)):
    n = draw(st.integers(0, 12))
    picked = draw(st.lists(st.sampled_from(kinds), min_size=1, max_size=6))
    df = pd.DataFrame({j: draw(COLUMNS[k](n)) for j, k in enumerate(picked)})
    df.columns = draw(st.lists(st.one_of(text, st.integers()),
                               min_size=len(picked), max_size=len(picked)))
    if draw(st.booleans()):
        df.index = pd.Index(draw(st.lists(text, min_size=n, max_size=n)),
                            dtype=object, name=draw(text))
    return df


@contextlib.contextmanager
def blocks(rows: int):
    kept = xlsx._BLOCK, tables.JSON_CHUNK
    xlsx._BLOCK = tables.JSON_CHUNK = rows
    try:
        yield
    finally:
        xlsx._BLOCK, tables.JSON_CHUNK = kept


def members(path: Path) -> list[tuple[str, bytes]]:
    """A workbook's parts, in order (a zip entry's time is the second it
    was written: the bytes of the file itself may differ by it)."""
    with zipfile.ZipFile(path) as z:
        return [(i.filename, z.read(i)) for i in z.infolist()]


def outcome(write, path: Path):
    """What ``write(path)`` leaves: the bytes, or the error (the files of
    the two writers have the same name, in two folders: an error names
    it)."""
    path.parent.mkdir(exist_ok=True)
    try:
        write(path)
    except Exception as e:  # noqa: BLE001 - compared, not hidden
        return type(e), str(e) if type(e).__name__ == "GraphkitError" \
            else None
    return members(path) if path.suffix == ".xlsx" else path.read_bytes()


def same_xlsx(sheets: dict, folder: Path):
    old = outcome(lambda p: tables._stream_xlsx_cells(sheets, p),
                  folder / "old" / "t.xlsx")
    new = outcome(lambda p: tables.write_xlsx(sheets, p),
                  folder / "new" / "t.xlsx")
    assert new == old
    return new


def same_json(df: pd.DataFrame, folder: Path, meta=None):
    meta = {"m": 1} if meta is None else meta
    old = outcome(lambda p: tables._write_rows_json_texts(meta, df, p),
                  folder / "old" / "t.json")
    new = outcome(lambda p: tables.write_rows_json(meta, df, p),
                  folder / "new" / "t.json")
    assert new == old
    return new


@pytest.mark.filterwarnings("ignore::RuntimeWarning")
@settings(max_examples=300, deadline=None)
@given(frames(), frames(), st.sampled_from([1, 3, 20_000]))
def test_xlsx_same_bytes(df, other, rows):
    with tempfile.TemporaryDirectory() as d, blocks(rows):
        # two sheets: one table of shared strings, numbered across both
        same_xlsx({"a": df, "b<&>": other}, Path(d))


@pytest.mark.filterwarnings("ignore::RuntimeWarning")
@settings(max_examples=300, deadline=None)
@given(frames(), st.sampled_from([1, 3, 20_000]))
def test_json_same_bytes(df, rows):
    with tempfile.TemporaryDirectory() as d, blocks(rows):
        same_json(df, Path(d))


@settings(max_examples=200, deadline=None)
@given(st.lists(floats, max_size=30))
def test_float_texts_are_repr(values):
    values = np.array(values, dtype=np.float64)
    values = values[np.isfinite(values)]
    assert float_reprs(values).to_pylist() == [repr(v) for v in
                                               values.tolist()]


def test_awkward_floats(tmp_path):
    values = [1e16, 1e-7, 0.1 + 0.2, -0.0, 5e-324, 1.7976931348623157e308,
              1e15 + 0.5, 9.5e15 + 0.5, 1e-4, 9.99e-5, 2.0 ** 53 + 2]
    assert float_reprs(np.array(values)).to_pylist() == list(map(repr,
                                                                 values))
    df = pd.DataFrame({"x": values, "y": np.array(
        [v if abs(v) < 1e38 else 1.5 for v in values], np.float32)})
    assert b"1e-07" in same_json(df, tmp_path)
    sheet = dict(same_xlsx({"t": df}, tmp_path))["xl/worksheets/sheet1.xml"]
    assert b"<v>1e+16</v>" in sheet and b"<v>-0.0</v>" in sheet


def test_texts_escaped_as_before(tmp_path):
    texts = ["a&b<c>", "x\r\ny\rz", "bad\x01\ufffe", '"q"\\', "\u2028",
             "=1+1", None, "ok"]
    df = pd.DataFrame({"o": pd.Series(texts, dtype=object),
                       "s": pd.Series(texts, dtype="str")})
    got = same_json(df, tmp_path)
    assert b'"bad\\u0001\xef\xbf\xbe"' in got and b'"\\"q\\"\\\\"' in got
    parts = dict(same_xlsx({"t": df}, tmp_path))
    shared = parts["xl/sharedStrings.xml"]
    assert b"a&amp;b&lt;c&gt;" in shared and b"x\ny\nz" in shared
    assert b"bad_x0001__xFFFE_" in shared
    assert b' s="1" t="s"' in parts["xl/worksheets/sheet1.xml"]


def test_refusals_as_before(tmp_path):
    bad = pd.DataFrame({"v": [1.0, np.inf], "t": ["a", "b"]})
    err = same_json(bad, tmp_path)
    assert err[0].__name__ == "GraphkitError"
    assert "t.json: v is not a finite" in err[1]
    surrogate = pd.DataFrame({"t": pd.Series(["ok", "bad \ud800"],
                                             dtype=object)})
    assert same_json(surrogate, tmp_path)[0] is UnicodeEncodeError
    assert same_xlsx({"t": surrogate}, tmp_path)[0] is UnicodeEncodeError
    assert list((tmp_path / "new").iterdir()) == []


@pytest.mark.parametrize("values", [
    np.array(["a", None, np.nan, pd.NA, np.str_("a"), 1, 2.5, True],
             dtype=object),
    np.array(["x", "=y", "x"], dtype=object),
    np.array([None, None], dtype=object),
    np.array(["2024-01-02", "NaT"], dtype="datetime64[ns]"),
    np.array(["u", "=v"]),
    np.array([1.5, np.nan, -np.inf], dtype=np.float16),
    np.array([3, 4], dtype=np.uint64),
])
def test_plain_xlsx_arrays(tmp_path, values):
    sheets = {"t": (["c", "=d"], [values, values[::-1]])}
    xlsx._write_plain_xlsx_cells(sheets, tmp_path / "old.xlsx")
    xlsx.write_plain_xlsx(sheets, tmp_path / "new.xlsx")
    assert members(tmp_path / "new.xlsx") == members(tmp_path / "old.xlsx")


def test_shared_strings_in_first_seen_order(tmp_path):
    df = pd.DataFrame({"a": ["p", "q", "p"], "b": ["q", "r", "s"]})
    with blocks(2):
        shared = dict(same_xlsx({"x": df, "y": df[["b", "a"]]},
                                tmp_path))["xl/sharedStrings.xml"]
    # header a b; block 1: column a p q, column b (q) r; block 2: s; then
    # the second sheet's header (b a: known)
    assert shared.count(b"<si>") == 6
    order = [shared.index(b">%s<" % t) for t in (b"a", b"b", b"p", b"q",
                                                  b"r", b"s")]
    assert order == sorted(order)
    # the new texts of a block's column numbered as they come, whichever
    # column met them first in the whole sheet
    df = pd.DataFrame({"a": ["p", "p", "t", "u"], "b": ["s", "t", "v", "u"]})
    with blocks(2):
        shared = dict(same_xlsx({"x": df}, tmp_path))["xl/sharedStrings.xml"]
    order = [shared.index(b">%s<" % t) for t in (b"p", b"s", b"t", b"u")]
    assert order == sorted(order)


def test_shared_strings_numbered_alike_without_pandas_hash_table():
    """The shared strings are numbered by pandas' (private) hash table of
    objects; if a pandas release drops it, a dict numbers them the same."""
    import numpy as np
    from graphkit.io import xlsx
    fast, plain = xlsx._Strings(), xlsx._Strings()
    plain.table = None
    for values in (["x", "=y", None, "x"], ["z", "x", "=y", "w", None]):
        v = np.array(values, dtype=object)
        assert fast.numbers(v).tolist() == plain.numbers(v).tolist()
    assert fast.texts == plain.texts == ["x", "=y", "z", "w"]
    assert plain.quoted[:4].tolist() == [False, True, False, False]
