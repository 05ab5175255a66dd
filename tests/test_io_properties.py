"""Property tests of the readers: whatever the table, it either loads (and
the accounting adds up) or is refused with located errors - never another
exception."""
from __future__ import annotations

import csv
import io
import json
import tempfile
from pathlib import Path

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graphkit.errors import GraphkitError, ValidationError
from graphkit.io import read_network

IDS = ["a", "b", "c", "p", " a ", "A", "12", "12.0"]
ACTOR_COLS = ["id", "name", "type", "country", "city", "sectors", "seeks",
              "lat", "lon", "source", "extra", "ID", ""]
COOP_COLS = ["source", "target", "type", "year", "programme", "weight",
             "note", "extra"]
WORDS = ["pole", "pôle", "PME", "lab", "programme", "parc", "rd", "R&D",
         "membre", "visite", "fr", "CN", "XX", "2010", "2010.0", "1800",
         "48,85", "-91", "0", "1", "1e400", "nan", "a;b", "x\ny", '"q"',
         "", " ", "é", "中关村"]

cell = st.one_of(st.sampled_from(IDS), st.sampled_from(WORDS),
                 st.text(st.characters(blacklist_categories=("Cs",)),
                         max_size=6))


def table(columns):
    return st.lists(st.sampled_from(columns), min_size=0, max_size=6).flatmap(
        lambda cols: st.lists(st.lists(cell, min_size=max(0, len(cols) - 2),
                                       max_size=len(cols) + 1),
                              max_size=6).map(lambda rows: (cols, rows)))


def check(path, lenient):
    """The property: a LoadResult that adds up, or a located refusal."""
    try:
        r = read_network(path, lenient=lenient)
    except ValidationError as e:
        assert e.problems
        for p in e.problems:
            assert p.file and p.reason
        return None
    except GraphkitError as e:
        assert str(e)
        return None
    for name, c in r.counts.items():
        assert c["read"] == c["loaded"] + c["rejected"]
    assert len(r.network.actors) == r.counts["actors"]["loaded"]
    assert len(r.network.cooperations) == r.counts["cooperations"]["loaded"]
    assert len(r.rejects) == sum(c["rejected"] for c in r.counts.values())
    assert r.network.actors.index.is_unique
    if not lenient:
        assert r.rejects.empty
    ids = set(r.network.actors.index)
    assert set(r.network.cooperations["source"]) <= ids
    assert set(r.network.cooperations["target"]) <= ids
    return r


def csv_text(cols, rows, sep):
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=sep, lineterminator="\r\n")
    w.writerow(cols)
    w.writerows(rows)
    return buf.getvalue()


FAST = settings(max_examples=40, deadline=None,
                suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(actors=table(ACTOR_COLS), coops=table(COOP_COLS),
       sep=st.sampled_from([",", ";", "\t"]),
       encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1252"]),
       lenient=st.booleans())
def test_any_csv_tables_load_or_are_refused(actors, coops, sep, encoding,
                                            lenient):
    with tempfile.TemporaryDirectory() as d:
        d = Path(d)
        for name, (cols, rows) in (("actors", actors),
                                   ("cooperations", coops)):
            (d / f"{name}.csv").write_bytes(
                csv_text(cols, rows, sep).encode(encoding, errors="replace"))
        r = check(d, lenient)
        if r is not None and not lenient:  # lenient agrees with strict
            again = check(d, True)
            pd.testing.assert_frame_equal(r.network.actors,
                                          again.network.actors)


json_value = st.one_of(st.none(), st.booleans(), st.integers(-10**20, 10**20),
                       st.sampled_from([10**400, -10**30, 2010, 48.85]),
                       st.floats(allow_nan=True), cell,
                       st.lists(cell, max_size=3),
                       st.dictionaries(st.text(max_size=3), cell, max_size=2))


@FAST
@given(actors=st.lists(st.one_of(
           st.dictionaries(st.sampled_from(ACTOR_COLS), json_value, max_size=6),
           json_value), max_size=6),
       coops=st.lists(st.dictionaries(st.sampled_from(COOP_COLS), json_value,
                                      max_size=6), max_size=6),
       lenient=st.booleans())
def test_any_json_loads_or_is_refused(actors, coops, lenient):
    with tempfile.TemporaryDirectory() as d:
        p = Path(d) / "n.json"
        p.write_text(json.dumps({"actors": actors, "cooperations": coops}))
        check(p, lenient)


@settings(max_examples=60, deadline=None)
@given(data=st.binary(max_size=200), lenient=st.booleans())
def test_any_bytes_load_or_are_refused(data, lenient):
    with tempfile.TemporaryDirectory() as d:
        d = Path(d)
        (d / "actors.csv").write_bytes(data)
        (d / "cooperations.csv").write_bytes(b"source,target,type\n")
        check(d, lenient)
        (d / "n.json").write_bytes(data)
        check(d / "n.json", lenient)
        (d / "n.xlsx").write_bytes(data)
        check(d / "n.xlsx", lenient)
