"""The column-at-a-time CSV writer (graphkit.io.csvfast) writes the bytes
pandas' to_csv writes (the former writer, kept as
tables._write_csv_pandas), whatever the frame."""
from __future__ import annotations

import contextlib
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graphkit.io import csvfast
from graphkit.io.tables import _named, _write_csv_pandas, write_csv

SPECIAL = ["", ",", '"', "a,b", 'say "hi"', "x\ry", "x\ny", "x\r\ny", "\r",
           "\n", "=1+1", "+SUM(1,2)", "-2.5", "-2+3", "-", "@SUM(1)", "'=x",
           "''", "'", "\tx", "Pôle", "中关村", " lead", "trail ", "nan",
           "None", "True", "1e16", "a;b", "\x00", "\u2028", "é\r\n,\""]
text = st.one_of(st.sampled_from(SPECIAL),
                 st.text(st.characters(blacklist_categories=("Cs",)),
                         max_size=8))
FLOATS = [np.nan, np.inf, -np.inf, -0.0, 0.0, 1e16, 1e-7, 1e-5, 1e-4, 0.1,
          1 / 3, 123456789.123, 1e15, 9999999999999998.0, 5e-324, -1.5, 2.0,
          2.0 ** 53, 2.0 ** 53 - 1, -2.0 ** 53 + 1, 2.0 ** 63, -2.0 ** 63,
          1e300, 12345.0, -7.0]
floats = st.one_of(st.sampled_from(FLOATS), st.floats())
scalar = st.one_of(text, st.none(), floats, st.integers(), st.booleans())


def column(kind: str, n: int):
    """A strategy of one column of ``kind`` and ``n`` rows."""
    def of(values, **kw):
        return st.lists(values, min_size=n, max_size=n).map(
            lambda v: pd.Series(v, **kw))
    return {
        "object": of(st.one_of(text, st.none()), dtype=object),
        "str": of(st.one_of(text, st.none())),  # pandas' default text
        "float64": of(floats, dtype="float64"),
        "float32": of(floats, dtype="float32"),
        "int64": of(st.integers(-2 ** 63, 2 ** 63 - 1), dtype="int64"),
        "uint8": of(st.integers(0, 255), dtype="uint8"),
        "bool": of(st.booleans(), dtype=bool),
        "Int64": of(st.one_of(st.none(), st.integers(-2 ** 63, 2 ** 63 - 1)),
                    dtype="Int64"),
        "boolean": of(st.one_of(st.none(), st.booleans()), dtype="boolean"),
        "list": of(st.one_of(st.none(), text,
                             st.lists(st.one_of(text, st.integers()),
                                      max_size=3)), dtype=object),
        "mixed": of(scalar, dtype=object),
    }[kind]


KINDS = ["object", "str", "float64", "float32", "int64", "uint8", "bool",
         "Int64", "boolean", "list", "mixed"]


@st.composite
def frames(draw):
    n = draw(st.integers(0, 9))
    kinds = draw(st.lists(st.sampled_from(KINDS), min_size=1, max_size=5))
    cols = [draw(column(k, n)) for k in kinds]
    df = pd.DataFrame(dict(enumerate(cols)))
    df.columns = draw(st.lists(st.one_of(text, st.integers()),
                               min_size=len(cols), max_size=len(cols)))
    index = draw(st.sampled_from(["none", "text", "int", "unnamed"]))
    if index == "unnamed":  # not written, repeated labels
        df.index = [0] * n
    elif index != "none":
        values = draw(st.lists(text if index == "text" else st.integers(),
                               min_size=n, max_size=n))
        df.index = pd.Index(values, dtype=object if index == "text" else None,
                            name=draw(text.filter(
                                lambda t: t not in df.columns)))
    return df


@contextlib.contextmanager
def block(rows: int):
    kept, csvfast.BLOCK = csvfast.BLOCK, rows
    try:
        yield
    finally:
        csvfast.BLOCK = kept


def both(df, folder: Path) -> tuple[bytes, bytes]:
    """The bytes of ``df`` by pandas and by the column-at-a-time writer
    (which must take the frame: no fall back to pandas)."""
    old = _write_csv_pandas(df, folder / "old.csv").read_bytes()
    assert csvfast.write_lines(*_named(df), folder / "new.csv")
    new = (folder / "new.csv").read_bytes()
    assert write_csv(df, folder / "w.csv").read_bytes() == new
    return old, new


@pytest.mark.filterwarnings("ignore::RuntimeWarning")  # float32 overflow
@settings(max_examples=400, deadline=None)
@given(frames(), st.sampled_from([2, 3, 100_000]))
def test_same_bytes_as_pandas(df, rows):
    with tempfile.TemporaryDirectory() as d, block(rows):
        old, new = both(df, Path(d))
    assert new == old


def test_carriage_return_makes_the_file_crlf(tmp_path):
    df = pd.DataFrame({"a": ["x", "y\rz", "w\nv"], "b": [1, 2, 3]})
    assert both(df, tmp_path)[1] == \
        b'a,b\r\nx,1\r\n"y\rz",2\r\n"w\nv",3\r\n'
    # in a later block, or in a name only
    with block(1):
        assert both(df, tmp_path)[1].count(b"\r\n") == 4
    head = pd.DataFrame({"a\rb": ["x"], "c": ["p,q"]})
    assert both(head, tmp_path)[1] == b'"a\rb",c\r\nx,"p,q"\r\n'
    # no CR: LF lines, a LF quoted
    assert both(df.iloc[[0, 2]], tmp_path)[1] == b'a,b\nx,1\n"w\nv",3\n'


def test_one_empty_field_is_two_quotes(tmp_path):
    df = pd.DataFrame({"a": ["", None, "x", np.nan]}, dtype=object)
    assert both(df, tmp_path)[1] == b'a\n""\n""\nx\n""\n'
    assert both(pd.DataFrame({"": [np.nan, 1.5]}), tmp_path)[1] == \
        b'""\n""\n1.5\n'
    # more than one field: empty stays empty
    two = pd.DataFrame({"a": [""], "b": [None]}, dtype=object)
    assert both(two, tmp_path)[1] == b"a,b\n,\n"


def test_numbers_as_pandas_writes_them(tmp_path):
    df = pd.DataFrame({"x": [1e16, 1e-7, -0.0, np.inf, np.nan, 0.1 + 0.2],
                       "n": pd.array([1, None, 3, 4, 5, -6], dtype="Int64"),
                       "b": [True, False] * 3})
    assert both(df, tmp_path)[1] == (
        b"x,n,b\n1e+16,1,True\n1e-07,,False\n-0.0,3,True\ninf,4,False\n"
        b",5,True\n0.30000000000000004,-6,False\n")


def test_text_in_arrow_chunks(tmp_path):
    import pyarrow as pa
    chunks = pa.chunked_array([["=a", None], ["b,c", "x\ry", "-1"]])
    df = pd.DataFrame({"t": pd.arrays.ArrowStringArray(chunks),
                       "n": pd.array([1, None, 3, 4, 5], dtype="Int64")})
    old, new = both(df, tmp_path)
    assert new == old == b"t,n\r\n'=a,1\r\n,\r\n\"b,c\",3\r\n" \
        b"\"x\ry\",4\r\n-1,5\r\n"


@pytest.mark.parametrize("col", [
    pd.to_datetime(["2024-01-02", None]),
    pd.Series(["a", "b"], dtype="category"),
    pd.Series([1 + 2j, 3j]),
    pd.array([1.5, None], dtype="Float64"),
])
def test_other_kinds_left_to_pandas(tmp_path, col):
    df = pd.DataFrame({"t": ["x", "y"], "v": col})
    assert not csvfast.write_lines(*_named(df), tmp_path / "new.csv")
    assert write_csv(df, tmp_path / "w.csv").read_bytes() == \
        _write_csv_pandas(df, tmp_path / "old.csv").read_bytes()


def test_lone_surrogate_raises_and_writes_nothing(tmp_path):
    df = pd.DataFrame({"a": ["ok", "bad \ud800"]}, dtype=object)
    with pytest.raises(UnicodeEncodeError):
        write_csv(df, tmp_path / "t.csv")
    assert not (tmp_path / "t.csv").exists()
    assert list(tmp_path.iterdir()) == []
