"""The compact form in which the map page carries its data.

A list of actors or ties is stored by column, not as one object per row: a
column whose values repeat (types, countries, widths, texts of reasons) is
stored as its distinct values and one index per row; the ends of a tie are
indices into the actors; ids ``e0, e1, ...`` are stored as their prefix.
The JSON of that is gzip-compressed and base64-encoded into the page, and
the page inflates it with the browser's own ``DecompressionStream`` (no
library, no request). At 20 000 actors the page is several times smaller.

:func:`pack` and :func:`unpack` are exact inverses (``unpack(pack(d)) == d``);
``map.js`` holds the same ``unpack``.
"""
from __future__ import annotations

import base64
import gzip
import json
import zlib
from itertools import chain
from operator import itemgetter

#: Top-level lists of rows, stored by column.
ROWS = ("nodes", "edges", "recommended_edges", "gap_edges")
#: Top-level {actor id: list of rows}, stored by column with the groups.
GROUPS = ("recommendations", "gaps")
#: Row keys holding an actor id of ``nodes`` (stored as its index).
REFS = ("from", "to")
#: gzip level. The 235 MB of JSON of the 100 000-actor map (measured
#: 2026-12-06): level 6 makes 26.6 MB in 4.5 CPU s, level 5 28.2 MB in 2.2
#: s, level 4 30.7 MB in 1.5 s; 5 halves the time for 6 % more bytes.
LEVEL = 5


def _key(v):
    if type(v) is list:  # a list of ints or of texts: equal as its JSON is
        kinds = set(map(type, v))
        if kinds <= {int} or kinds == {str}:
            return ("l", tuple(v))
    if isinstance(v, (dict, list)):
        return ("j", json.dumps(v, sort_keys=True, ensure_ascii=False))
    return (type(v), v)


def _uniform_items(lists: list) -> bool:
    """Whether the items of every list are all ints (no booleans) or all
    texts, looked at in one pass: then a list is equal to another exactly
    when their tuples are (what :func:`_key` gives such a list)."""
    kinds = set(map(type, chain.from_iterable(lists)))
    return kinds <= {int} or kinds == {str}


def _column(values: list, refs: dict | None = None) -> dict:
    n = len(values)
    # the kinds of the values in one pass (in C), instead of one look at
    # every value per form tried
    kinds = set(map(type, values))
    if n and refs is not None and kinds == {str} and \
            all(map(refs.__contains__, values)):
        return {"k": list(map(refs.__getitem__, values))}
    if n and kinds == {dict}:
        keys = list(values[0])
        if all(list(v) == keys for v in values):
            return {"o": {k: _column(list(map(itemgetter(k), values)))
                          for k in keys}}
    if n and kinds == {list}:
        width = len(values[0])
        if width and all(len(v) == width for v in values):
            return {"t": [_column(list(map(itemgetter(i), values)))
                          for i in range(width)]}
    if n > 1 and kinds == {str}:
        prefix = values[0].rstrip("0123456789")
        if all(v == f"{prefix}{i}" for i, v in enumerate(values)):
            return {"p": prefix, "n": n}
    # values of one kind (with or without None) are their own keys; 1, 1.0
    # and True are one key to a dict, so mixed kinds keep their type
    plain = kinds - {type(None)}
    if len(plain) == 1 and plain <= {str, int, float}:
        keys = values
    elif kinds == {list} and _uniform_items(values):
        keys = list(map(tuple, values))  # as _key's ("l", tuple(v)), at once
    else:
        keys = list(map(_key, values))
    # each distinct key, in the order met, with the last value of that key
    last = dict(zip(keys, values))
    if len(last) * 2 <= n:
        code = {k: c for c, k in enumerate(last)}
        return {"d": list(last.values()), "x": list(map(code.__getitem__, keys))}
    return {"v": values}


def _rows(rows: list[dict], refs: dict | None) -> dict:
    cols = {}
    for k in dict.fromkeys(chain.from_iterable(rows)):  # keys, in order met
        r_of = refs if k in REFS else None
        try:
            values = list(map(itemgetter(k), rows))
        except KeyError:  # a key that some rows lack
            present = [i for i, r in enumerate(rows) if k in r]
            cols[k] = {"s": present, "c": _column([rows[i][k] for i in present], r_of)}
        else:
            cols[k] = _column(values, r_of)
    return {"$rows": len(rows), "c": cols}


class Packed(dict):
    """Rows grouped by actor already in the packed form (what
    :func:`pack_groups` returns): :func:`pack` takes it as it is."""


def pack_groups(names: list, sizes: list, columns: dict) -> Packed:
    """The packed form of ``{names[g]: [row, ...]}`` (group ``g`` holding
    the next ``sizes[g]`` rows), from the rows' columns instead of one dict
    per row: ``columns`` maps each key to its values in row order, or to
    ``{sub-key: values}`` for a key whose values are dicts of those
    sub-keys. Equal to what :func:`pack` makes of the rows.

    >>> rows = {"a": [{"x": 1, "t": {"fr": "un", "en": "one"}}],
    ...         "b": [{"x": 2, "t": {"fr": "deux", "en": "two"}},
    ...               {"x": 2, "t": {"fr": "deux", "en": "two"}}]}
    >>> cols = {"x": [1, 2, 2], "t": {"fr": ["un", "deux", "deux"],
    ...                               "en": ["one", "two", "two"]}}
    >>> pack_groups(["a", "b"], [1, 2], cols) == pack({"gaps": rows})["gaps"]
    True
    """
    n = sum(sizes)
    cols = {}
    if n:
        for k, values in columns.items():
            cols[k] = {"o": {s: _column(_list(v)) for s, v in values.items()}} \
                if isinstance(values, dict) else _column(_list(values))
    return Packed({"$groups": list(names), "sizes": list(sizes),
                   "rows": {"$rows": n, "c": cols}})


def _list(values) -> list:
    return values if type(values) is list else list(values)


def pack(data: dict) -> dict:
    """``data`` (the output of :func:`graphkit.render.map_data`) in the
    compact form, still JSON-ready."""
    refs = {n["id"]: k for k, n in enumerate(data.get("nodes", []))}
    out = {}
    for key, value in data.items():
        if key in ROWS:
            out[key] = _rows(value, refs if key != "nodes" else None)
        elif key in GROUPS and type(value) is Packed:
            out[key] = dict(value)
        elif key in GROUPS:
            names = list(value)
            out[key] = {"$groups": names, "sizes": [len(value[a]) for a in names],
                        "rows": _rows([r for a in names for r in value[a]], None)}
        else:
            out[key] = value
    return out


def _uncolumn(col: dict, n: int, ids: list) -> list:
    if "k" in col:
        return [ids[i] for i in col["k"]]
    if "o" in col:
        parts = {k: _uncolumn(c, n, ids) for k, c in col["o"].items()}
        return [{k: parts[k][i] for k in parts} for i in range(n)]
    if "t" in col:
        parts = [_uncolumn(c, n, ids) for c in col["t"]]
        return [[p[i] for p in parts] for i in range(n)]
    if "p" in col:
        return [f"{col['p']}{i}" for i in range(col["n"])]
    if "d" in col:
        return [col["d"][i] for i in col["x"]]
    return list(col["v"])


def _unrows(packed: dict, ids: list) -> list[dict]:
    n = packed["$rows"]
    rows = [{} for _ in range(n)]
    for k, col in packed["c"].items():
        if "s" in col:
            for i, v in zip(col["s"], _uncolumn(col["c"], len(col["s"]), ids)):
                rows[i][k] = v
        else:
            for r, v in zip(rows, _uncolumn(col, n, ids)):
                r[k] = v
    return rows


def unpack(packed: dict) -> dict:
    """The inverse of :func:`pack`.

    >>> d = {"nodes": [{"id": "a", "t": "x"}, {"id": "b", "t": "x"}],
    ...      "edges": [{"id": "e0", "from": "a", "to": "b"}],
    ...      "gaps": {"a": [{"rule": "r"}]}, "meta": {"lang": "fr"}}
    >>> unpack(pack(d)) == d
    True
    """
    out = dict(packed)
    if "nodes" in packed:
        out["nodes"] = _unrows(packed["nodes"], [])
    ids = [n["id"] for n in out.get("nodes", [])]
    for key, value in packed.items():
        if key in ROWS and key != "nodes":
            out[key] = _unrows(value, ids)
        elif key in GROUPS:
            rows = iter(_unrows(value["rows"], ids))
            out[key] = {a: [next(rows) for _ in range(s)]
                        for a, s in zip(value["$groups"], value["sizes"])}
    return out


def encode(data: dict) -> str:
    """``data`` packed, as gzip-compressed JSON in base64 (ASCII letters,
    digits, ``+``, ``/`` and ``=``: nothing that can close an element)."""
    # the JSON is made and compressed piece by piece: at 100 000 actors the
    # whole text would be hundreds of MB held twice, and so would the text
    # of one long column (the reasons of 500 000 recommendations)
    comp = zlib.compressobj(LEVEL, zlib.DEFLATED, 31)  # gzip, mtime 0
    raw = [comp.compress(chunk.encode("utf-8"))
           for chunk in _json_chunks(pack(data))]
    raw.append(comp.flush())
    return base64.b64encode(b"".join(raw)).decode("ascii")


#: Items of a list made into JSON text at a time.
CHUNK_ITEMS = 20_000
#: A dict with more keys is made into JSON text whole.
OPEN_KEYS = 1_000


def _json_chunks(value):
    """``json.dumps(value)`` (compact, no NaN) as a sequence of texts: the
    dicts (of at most :data:`OPEN_KEYS` keys) opened key by key, the long
    lists :data:`CHUNK_ITEMS` items at a time.

    >>> v = {"a": [1, {"b": [2, 3]}, "x"], "c": {}}
    >>> "".join(_json_chunks(v)) == json.dumps(v, separators=(",", ":"))
    True
    """
    kind = type(value)
    if kind is dict and value and len(value) <= OPEN_KEYS and \
            all(type(k) is str for k in value):
        sep = "{"
        for k, v in value.items():
            yield sep + json.dumps(k, ensure_ascii=False) + ":"
            yield from _json_chunks(v)
            sep = ","
        yield "}"
    elif kind is list and len(value) > CHUNK_ITEMS:
        sep = "["
        for i in range(0, len(value), CHUNK_ITEMS):
            # a list's items are written as json.dumps writes them
            yield sep + _dumps(value[i:i + CHUNK_ITEMS])[1:-1]
            sep = ","
        yield "]"
    else:
        yield _dumps(value)


def _dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False, allow_nan=False,
                      separators=(",", ":"))


def decode(blob: str) -> dict:
    """The inverse of :func:`encode`."""
    return unpack(json.loads(gzip.decompress(base64.b64decode(blob))))
