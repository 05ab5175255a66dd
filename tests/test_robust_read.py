"""Issue 17: every input loads exactly or is refused where it is wrong.

One test per probe of the issue (strict, located parsing; numbers and ids;
bounded reading), and property tests that compare what graphkit reads with
what a strict CSV parser sees.
"""
from __future__ import annotations

import csv
import io
import json
import tempfile
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graphkit.cli import main
from graphkit.errors import GraphkitError, ValidationError
from graphkit.io import read_network

ACTORS = "id;name;type\np;Pôle Société;pole\ns;PME Café;sme\nl;Labo;lab\n"
COOPS = "source;target;type;note\ns;p;membre;\ns;l;partenariat R&D;\n"


def folder(tmp_path, actors=ACTORS, coops=COOPS, encoding="utf-8"):
    d = tmp_path / "data"
    d.mkdir(exist_ok=True)
    for name, text in (("actors.csv", actors), ("cooperations.csv", coops)):
        (d / name).write_bytes(text.encode(encoding) if isinstance(text, str)
                               else text)
    return d


def refused(path, lenient=False) -> str:
    with pytest.raises(GraphkitError) as e:
        read_network(path, lenient=lenient)
    return str(e.value)


@pytest.fixture
def runner():
    return CliRunner()


# ------------------------------------------------------------ 1. parsing
def test_unclosed_quote_is_refused_where_it_opens(tmp_path, runner):
    rows = "".join(f"s;p;visite;ok {i}\n" for i in range(12))
    d = folder(tmp_path, coops='source;target;type;note\n'
               's;p;mission;"mission; one week\n' + rows)
    for lenient in (False, True):
        msg = refused(d, lenient)
        assert "cooperations.csv, line 2" in msg
        assert "(column 13)" in msg and "never closed" in msg
    res = runner.invoke(main, ["validate", str(d)])
    assert res.exit_code == 1 and "never closed" in res.stderr
    assert "valid" not in res.stdout


def test_text_after_a_closing_quote_is_refused(tmp_path):
    d = folder(tmp_path, coops='source;target;type;note\ns;p;membre;'
               '"Pôle" Mer\n')
    assert "cooperations.csv, line 2: a quoted field is followed" in \
        refused(d)


def test_a_stray_windows_1252_byte_in_utf8_is_refused_where_it_is(tmp_path):
    data = ACTORS.encode("utf-8").replace("Café".encode(), b"Caf\xe9")
    msg = refused(folder(tmp_path, actors=data))
    assert msg.startswith("actors.csv, line 3, column 10: byte 0xE9")
    assert "mixes two encodings" in msg


def test_a_whole_windows_1252_file_still_loads(tmp_path):
    r = read_network(folder(tmp_path, encoding="cp1252"))
    assert r.network.actors.at["p", "name"] == "Pôle Société"


def test_a_bom_after_utf8_bytes_that_are_not_utf8_is_refused(tmp_path):
    data = b"\xef\xbb\xbf" + ACTORS.encode("cp1252")
    assert "line 2, column 4: byte 0xF4" in refused(folder(tmp_path,
                                                           actors=data))


@pytest.mark.parametrize("char, what", [("\ufeff", "byte-order mark"),
                                        ("\x00", "NUL character")])
def test_a_stray_bom_or_nul_is_refused_where_it_is(tmp_path, char, what):
    d = folder(tmp_path, coops=COOPS + "s;p;\ufeffmembre;\n".replace(
        "\ufeff", char))
    msg = refused(d)
    assert msg.startswith("cooperations.csv, line 4, column 5: holds")
    assert what in msg


def test_field_counts_that_do_not_match_the_header_are_located(tmp_path):
    d = folder(tmp_path, coops="source;target;type;note\ns;p;membre\n"
               "l;p;membre;a;b\nl;p;membre;;;\n")
    with pytest.raises(ValidationError) as e:
        read_network(d)
    got = [(p.line, p.reason[:40]) for p in e.value.problems]
    assert got == [(2, "this row has 3 fields but the header has"),
                   (3, "this row has 5 fields but the header has")]
    r = read_network(d, lenient=True)
    assert r.counts["cooperations"] == {"read": 3, "loaded": 1,
                                        "rejected": 2}


@pytest.mark.parametrize("char", ["\x0b", "\x01", "\x1b", "\x7f", "\x85"])
def test_control_characters_are_refused_or_cleaned_and_reported(
        tmp_path, runner, char):
    d = folder(tmp_path, actors=ACTORS.replace("Labo", f"La{char}bo"))
    msg = refused(d)
    assert "actors.csv, line 4, column 'name': holds the control " \
           f"character U+{ord(char):04X}" in msg
    r = read_network(d, lenient=True)
    assert r.counts["actors"]["rejected"] == 0
    assert r.network.actors.at["l", "name"] in ("La bo", "Labo")
    [w] = r.warnings
    assert (w.file, w.line, w.column) == ("actors.csv", 4, "name")
    assert "control character removed" in w.reason
    out = tmp_path / "out"
    res = runner.invoke(main, ["run", str(d), "-o", str(out), "--lenient"])
    assert res.exit_code == 0, res.output
    assert "control character removed" in res.stdout + res.stderr


def test_control_characters_in_json_and_a_column_name(tmp_path):
    p = tmp_path / "n.json"
    p.write_text(json.dumps({"actors": [{"id": "a", "name": "x\u0000y",
                                         "type": "sme"}],
                             "cooperations": []}))
    assert "n.json, actors[0], column 'name': holds the control character " \
           "U+0000" in refused(p)
    d = folder(tmp_path, actors=ACTORS.replace("type", "ty\x01pe", 1))
    assert "the column name holds the control character U+0001" in \
        refused(d, lenient=True)


def strict_records(text: str, sep=";") -> int:
    """Records a strict CSV parser sees past the header, blank ones left
    out (graphkit does not count a row whose every cell is empty)."""
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=sep,
                           strict=True))[1:]
    return sum(1 for r in rows if any(f.strip() for f in r))


FIELD = st.one_of(st.sampled_from(["s", "p", "l", "membre", "visite", "",
                                   " ", '"', '""', ";", "\n", "\r\n", "x"]),
                  st.text(st.characters(codec="utf-8",
                                        exclude_categories=("Cs",)),
                          max_size=5))


@settings(max_examples=80, deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(rows=st.lists(st.lists(FIELD, min_size=1, max_size=5), max_size=6),
       raw=st.booleans(), lenient=st.booleans())
def test_graphkit_reads_the_rows_a_strict_parser_sees(rows, raw, lenient):
    """Written by csv.writer (well quoted) or joined raw (any quoting): the
    rows graphkit reports read are the records a strict parser sees, or
    the input is refused with a located reason."""
    if raw:
        body = "".join(";".join(r) + "\n" for r in rows)
    else:
        buf = io.StringIO()
        csv.writer(buf, delimiter=";", lineterminator="\n").writerows(rows)
        body = buf.getvalue()
    text = "source;target;type;note\n" + body
    with tempfile.TemporaryDirectory() as tmp:
        d = folder(Path(tmp), coops=text)
        try:
            r = read_network(d, lenient=lenient)
        except ValidationError as e:
            assert all(p.file and p.reason for p in e.problems)
            return
        except GraphkitError as e:
            assert "cooperations.csv" in str(e) or "actors.csv" in str(e)
            return
        try:
            expected = strict_records(text)
        except csv.Error:
            pytest.fail("a text a strict parser refuses was loaded")
        assert r.counts["cooperations"]["read"] == expected


# ------------------------------------------------------------ 2. numbers, ids
@pytest.mark.parametrize("weight, reason", [
    ("1e308", "outside 1e-06..1e+12"), ("4,9e-324", "outside 1e-06..1e+12"),
    ("inf", "not a finite number"), ("nan", "not a number")])
def test_absurd_weights_are_refused_where_they_are(tmp_path, weight, reason):
    d = folder(tmp_path, coops="source;target;type;weight\n"
               f"s;l;partenariat R&D;{weight}\n")
    assert f"cooperations.csv, line 2, column 'weight': {reason}" in \
        refused(d)


def test_json_outputs_refuse_a_number_json_cannot_hold(tmp_path):
    from graphkit.io.tables import write_json
    with pytest.raises(GraphkitError, match=r"m.json: rows\[1\].score is not"
                                            " a finite number"):
        write_json({"rows": [{"score": 1.0}, {"score": float("inf")}]},
                   tmp_path / "m.json")
    assert not (tmp_path / "m.json").exists()


def test_subnormal_and_huge_weights_never_reach_the_outputs(tmp_path, runner):
    """The probe: 1e308 gave Infinity in metrics.json, info.json and
    summary.json, and all-subnormal weights stalled PageRank."""
    for weight in ("1e308", "5e-324"):
        d = folder(tmp_path, coops="source;target;type;weight\n"
                   f"s;l;partenariat R&D;{weight}\ns;p;visite;{weight}\n")
        out = tmp_path / "out"
        res = runner.invoke(main, ["run", str(d), "-o", str(out)])
        assert res.exit_code == 1 and "column 'weight': outside" in res.stderr
        assert "Traceback" not in res.output


def write_json_text(tmp_path, text):
    p = tmp_path / "n.json"
    p.write_text(text)
    return p


@pytest.mark.parametrize("text, message", [
    ('{"actors": [], "cooperations": [],\n "actors": [{"id": "x"}]}',
     "n.json: the key 'actors' appears more than once in the top object "
     "(again on line 2)"),
    ('{"actors": [{"id": "a", "name": "A", "type": "sme", "lat": NaN}], '
     '"cooperations": []}', "n.json, line 1, column 60: NaN is not a JSON"),
    ('{"actors": [{"id": "a", "name": "A", "type": "sme", "lat": '
     + "9" * 5001 + '}], "cooperations": []}',
     "n.json, line 1, column 60: a number of 5001 characters"),
    ('{"actors": [{"id": "a"', "n.json, line 1, column 23: not valid JSON"),
    ("[" * 50_000 + "]" * 50_000, "n.json: not readable: its values are "
                                  "nested too deep"),
])
def test_json_that_json_reads_oddly_is_refused(tmp_path, text, message):
    assert message in refused(write_json_text(tmp_path, text))


def test_a_repeated_key_in_an_item_is_a_located_problem(tmp_path):
    p = write_json_text(tmp_path, '{"actors": [{"id": "a", "name": "A", '
                        '"type": "sme", "id": "b"}], "cooperations": []}')
    assert "n.json, actors[0], column 'id': the key 'id' appears more than " \
           "once in this item" in refused(p)


def workbook(path, actors, coops, extra=None):
    import openpyxl
    wb = openpyxl.Workbook()
    for i, (name, rows) in enumerate((("actors", actors),
                                      ("cooperations", coops))):
        ws = wb.active if i == 0 else wb.create_sheet()
        ws.title = name
        for row in rows:
            ws.append(row)
    if extra:
        extra(wb)
    wb.save(path)
    return path


XA = [("id", "name", "type"), ("a", "A", "sme"), ("b", "B", "lab")]
XC = [("source", "target", "type", "weight"), ("a", "b", "rd", 2)]


def test_two_sheets_for_one_table_are_refused(tmp_path):
    p = workbook(tmp_path / "n.xlsx", XA, XC,
                 lambda wb: wb.create_sheet("ACTORS "))
    assert "n.xlsx: sheets 'actors' and 'ACTORS ' could both be the " \
           "actors table" in refused(p)


def test_formulas_without_values_and_error_values_name_their_cell(tmp_path):
    p = workbook(tmp_path / "n.xlsx", XA + [("c", "#N/A", "lab")],
                 [XC[0], ("a", "b", "rd", "=0-5")])
    r = read_network(p, lenient=True)
    assert r.rejects["line"].tolist() == [4, 2]
    with pytest.raises(ValidationError) as e:
        read_network(p)
    reasons = [str(x) for x in e.value.problems]
    assert any("cell D2 holds a formula without a computed value" in r
               for r in reasons)
    assert any("cell B4 holds the Excel error #N/A" in r for r in reasons)


def test_a_value_beyond_the_header_is_not_dropped_silently(tmp_path):
    p = workbook(tmp_path / "n.xlsx", XA, XC,
                 lambda wb: wb["cooperations"].cell(2, 6, "stray"))
    assert "line 2: cell F2 holds a value but its column has no name" in \
        refused(p)


# ------------------------------------------------------------ 3. bounded
def test_a_tiny_workbook_with_a_far_cell_loads_at_once(tmp_path):
    p = workbook(tmp_path / "n.xlsx", XA, XC,
                 lambda wb: wb["actors"].cell(1048576, 16384, " "))
    assert p.stat().st_size < 10_000
    start = time.perf_counter()
    r = read_network(p)
    assert time.perf_counter() - start < 1.0
    assert r.counts["actors"]["read"] == 2


def test_an_input_larger_than_memory_is_refused_early(tmp_path, monkeypatch):
    from graphkit.io import limits
    monkeypatch.setattr(limits, "available_memory", lambda: 10)
    d = folder(tmp_path)
    msg = refused(d)
    assert msg.startswith("actors.csv: would need about")
    assert "this machine has free" in msg
    p = workbook(tmp_path / "n.xlsx", XA, XC)
    assert "n.xlsx: would need about" in refused(p)
    p = write_json_text(tmp_path, '{"actors": [], "cooperations": []}')
    assert "n.json: would need about" in refused(p)


def test_a_memory_error_while_reading_is_one_sentence(tmp_path, monkeypatch):
    from graphkit.io import raw

    def boom(*a, **k):
        raise MemoryError
    monkeypatch.setattr(raw, "read_folder", boom)
    assert "not enough memory to read it" in refused(folder(tmp_path))


# ------------------------------------------------------------ 6. fuzz
PIECES = [b'"', b'""', b";", b",", b"\n", b"\r\n", b"\r", b"\x00", b"\xef\xbb\xbf",
          b"\xe9", b"\xc3\xa9", b"\x0b", b"\x1b[31m", "\u202e".encode(),
          "\u200b".encode(), b"#N/A", b"1e308", b"=1+1", b"'=x", b" ", b"\t",
          b"\xff\xfe", b"9" * 30]


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(edits=st.lists(st.tuples(st.integers(0, 10_000),
                                st.one_of(st.sampled_from(PIECES),
                                          st.binary(max_size=3)),
                                st.booleans()), max_size=4),
       table=st.sampled_from(["actors.csv", "cooperations.csv"]),
       lenient=st.booleans())
def test_fuzz_the_csv_read_path(edits, table, lenient):
    """Valid files with bytes inserted or overwritten anywhere: they load,
    with every record a strict parser sees counted, or are refused with a
    message naming the file - never a traceback, never silent loss."""
    files = {"actors.csv": ACTORS.encode(), "cooperations.csv": COOPS.encode()}
    data = bytearray(files[table])
    for at, piece, overwrite in edits:
        at %= len(data) + 1
        data[at:at + (len(piece) if overwrite else 0)] = piece
    files[table] = bytes(data)
    with tempfile.TemporaryDirectory() as tmp:
        d = folder(Path(tmp), actors=files["actors.csv"],
                   coops=files["cooperations.csv"])
        try:
            r = read_network(d, lenient=lenient)
        except ValidationError as e:
            assert all(p.file in ("actors.csv", "cooperations.csv")
                       and p.reason for p in e.problems)
            return
        except GraphkitError as e:
            assert str(e).split(":")[0].split(",")[0] in (
                "actors.csv", "cooperations.csv"), str(e)
            return
    from graphkit.io.raw import decode, sniff_separator
    for name, key in (("actors.csv", "actors"),
                      ("cooperations.csv", "cooperations")):
        text = decode(files[name], name)[0]
        c = r.counts[key]
        assert c["read"] == c["loaded"] + c["rejected"]
        assert c["read"] == strict_records(text, sniff_separator(text))


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(edits=st.lists(st.tuples(st.integers(0, 400),
                                st.sampled_from([b'"', b"{", b"}", b"[", b",",
                                                 b"NaN", b"\\u0000", b"\\ud800",
                                                 b'"id": "z", ', b"1e999",
                                                 b"9" * 120, b"\xe9"])),
                      max_size=3), lenient=st.booleans())
def test_fuzz_the_json_read_path(edits, lenient):
    doc = json.dumps({"actors": [{"id": "a", "name": "A", "type": "sme"},
                                 {"id": "b", "name": "B", "type": "lab"}],
                      "cooperations": [{"source": "a", "target": "b",
                                        "type": "rd", "weight": 2}]})
    data = bytearray(doc.encode())
    for at, piece in edits:
        at %= len(data) + 1
        data[at:at] = piece
    with tempfile.TemporaryDirectory() as tmp:
        p = Path(tmp) / "n.json"
        p.write_bytes(bytes(data))
        try:
            r = read_network(p, lenient=lenient)
        except ValidationError as e:
            assert all(p.file.startswith("n.json") for p in e.problems)
            return
        except GraphkitError as e:
            assert str(e).startswith("n.json")
            return
        for c in r.counts.values():
            assert c["read"] == c["loaded"] + c["rejected"]
        from graphkit.io.tables import json_text
        json_text(r.network.cooperations["weight"].tolist(), "w.json")


@pytest.mark.parametrize("doc, where", [
    (r'{"actors": [{"id": "a", "name": "A\ud800", "type": "sme"}], '
     r'"cooperations": []}', "actors, item 1, column 'name'"),
    (r'{"actors": [], "cooperations": [{"source": "a", "ta\udc00rget": "b"}]}',
     "cooperations, item 1, a key"),
])
def test_json_lone_surrogate_named(tmp_path, doc, where):
    p = tmp_path / "n.json"
    p.write_text(doc, encoding="ascii")
    with pytest.raises(GraphkitError) as e:
        read_network(p)
    assert str(e.value).startswith(f"n.json: {where}")
    assert "surrogate" in str(e.value)


def test_json_surrogate_pair_and_escaped_backslash_read(tmp_path):
    p = tmp_path / "n.json"
    p.write_text(r'{"actors": [{"id": "a", "name": "A\ud83d\ude00 \\ud800",'
                 r' "type": "sme"}], "cooperations": []}', encoding="ascii")
    r = read_network(p)
    assert r.network.actors["name"].tolist() == ["A\U0001f600 \\ud800"]
