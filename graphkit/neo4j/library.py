"""The Cypher library: ``cypher/queries/*.cypher``, run as they are.

Each file holds one query and starts with a comment header: the first lines
say what it answers; ``// :param name => value`` lines give its parameters
with an example (as typed in Neo4j Browser). A parameter whose example line
ends with ``(optional)`` may be left out (it is then sent as null).
"""
from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..errors import GraphkitError
from .files import cypher_dir

_PARAM = re.compile(r"^//\s*:param\s+(\w+)\s*=>\s*(.+?)\s*$")


@dataclass(frozen=True)
class Query:
    """One library query: its file, text, description and parameters."""
    name: str
    path: Path
    text: str
    description: str
    params: dict = field(default_factory=dict)  # name -> example (text)
    optional: tuple = ()

    @property
    def required(self) -> list[str]:
        return [p for p in self.params if p not in self.optional]


def parse_query(path: Path) -> Query:
    """Read one ``.cypher`` file and its comment header."""
    text = Path(path).read_text(encoding="utf-8")
    description, params, optional = [], {}, []
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        if not line.startswith("//"):
            break
        m = _PARAM.match(line)
        if m:
            example = m.group(2)
            if example.endswith("(optional)"):
                example = example[:-len("(optional)")].strip()
                optional.append(m.group(1))
            params[m.group(1)] = example
        elif not params:
            description.append(line.lstrip("/").strip())
    return Query(Path(path).stem, Path(path), text,
                 " ".join(d for d in description if d), params, tuple(optional))


def list_queries() -> list[Query]:
    """Every query of ``cypher/queries/``, sorted by name."""
    folder = cypher_dir() / "queries"
    return [parse_query(p) for p in sorted(folder.glob("*.cypher"))]


def get_query(name: str) -> Query:
    """The library query called ``name`` (file name without ``.cypher``)."""
    queries = {q.name: q for q in list_queries()}
    key = name[:-len(".cypher")] if name.endswith(".cypher") else name
    if key not in queries:
        import difflib
        close = difflib.get_close_matches(key, list(queries), n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        raise GraphkitError(f"no library query {name!r}{hint}; known: "
                            f"{', '.join(queries)}")
    return queries[key]


def parse_value(text: str):
    """A ``--param`` value: int, then float, then a string.

    >>> parse_value("2012"), parse_value("0.5"), parse_value("pole_a"), parse_value("'x'")
    (2012, 0.5, 'pole_a', 'x')
    """
    text = text.strip()
    for kind in (int, float):
        try:
            return kind(text)
        except ValueError:
            pass
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "'\"":
        return text[1:-1]
    return text


def parse_params(pairs) -> dict:
    """``["key=value", ...]`` -> ``{key: value}`` with :func:`parse_value`."""
    out = {}
    for pair in pairs or ():
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise GraphkitError(f"--param {pair!r}: write it key=value")
        out[key.strip()] = parse_value(value)
    return out


def example_params(query: Query) -> dict:
    """The header's example values, parsed (what Neo4j Browser would use)."""
    return {k: ast.literal_eval(v) for k, v in query.params.items()}


def run_query(driver, name: str, params: dict | None = None, *,
              database: str | None = None) -> pd.DataFrame:
    """Run library query ``name`` with ``params`` and return its rows.

    Raises
    ------
    GraphkitError
        Unknown query, a required parameter missing (named), or a parameter
        the query does not take.

    Examples
    --------
    >>> run_query(driver, "ecosystem_overview")  # doctest: +SKIP
    """
    query = get_query(name)
    params = dict(params or {})
    missing = [p for p in query.required if p not in params]
    if missing:
        examples = " ".join(f"--param {p}=..." for p in missing)
        raise GraphkitError(f"query {query.name!r} needs parameter(s) "
                            f"{', '.join(missing)}: add {examples}")
    unknown = sorted(set(params) - set(query.params))
    if unknown:
        takes = ", ".join(query.params) or "none"
        raise GraphkitError(f"query {query.name!r} takes no parameter(s) "
                            f"{', '.join(unknown)} (it takes: {takes})")
    for p in query.optional:
        params.setdefault(p, None)
    from neo4j.exceptions import Neo4jError
    try:
        records, _, keys = driver.execute_query(query.text, params,
                                                database_=database)
    except Neo4jError as exc:
        first = str(exc.message or exc).splitlines()[0][:300]
        raise GraphkitError(f"query {query.name!r} failed: {first}") from None
    return pd.DataFrame([list(r.values()) for r in records], columns=keys)


def write_csv(df: pd.DataFrame, path) -> Path:
    """Write a query result as UTF-8 CSV, whole or not at all (lists are
    ``;``-joined, as in the data contract), with the project's one CSV
    writer and its formula guard (:mod:`graphkit.io.guard`)."""
    from ..io.tables import write_csv as write_table_csv
    path = Path(path)
    if path.suffix.lower() != ".csv":
        raise GraphkitError(f"{path}: give a file name ending in .csv")
    return write_table_csv(df, path)
