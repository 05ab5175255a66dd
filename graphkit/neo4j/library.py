"""The Cypher library: ``cypher/queries/*.cypher``, run as they are.

Each file holds one query and starts with a comment header: the first lines
say what it answers; ``// :param name => value`` lines give its parameters
and their defaults (as typed in Neo4j Browser), which the runner uses too
for a parameter not given. A parameter whose line ends with ``(optional)``
defaults to null. A ``// needs: write-back`` line says the query reads what
``graphkit neo4j write-back`` writes.
"""
from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..errors import GraphkitError
from ..model import ACTOR_LABEL
from .files import cypher_dir

_PARAM = re.compile(r"^//\s*:param\s+(\w+)\s*=>\s*(.+?)\s*$")
_NEEDS = re.compile(r"^//\s*needs:\s*(.+?)\s*$")
#: what a ``// needs:`` line may name, and how to tell it has been done
WRITE_BACK = "write-back"


@dataclass(frozen=True)
class Query:
    """One library query: its file, text, description and parameters."""
    name: str
    path: Path
    text: str
    description: str
    params: dict = field(default_factory=dict)  # name -> default (text)
    optional: tuple = ()
    needs: tuple = ()  # e.g. ("write-back",)

    @property
    def defaults(self) -> dict:
        """Parameter -> the header's default value (None when optional)."""
        return {k: None if k in self.optional else ast.literal_eval(v)
                for k, v in self.params.items()}


def parse_query(path: Path) -> Query:
    """Read one ``.cypher`` file and its comment header."""
    text = Path(path).read_text(encoding="utf-8")
    description, params, optional, needs = [], {}, [], []
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        if not line.startswith("//"):
            break
        m = _PARAM.match(line)
        n = _NEEDS.match(line)
        if n:
            needs.extend(x.strip() for x in n.group(1).split(","))
        elif m:
            example = m.group(2)
            if example.endswith("(optional)"):
                example = example[:-len("(optional)")].strip()
                optional.append(m.group(1))
            params[m.group(1)] = example
        elif not params:
            description.append(line.lstrip("/").strip())
    unknown = set(needs) - {WRITE_BACK}
    if unknown:
        raise GraphkitError(f"{path}: unknown 'needs:' {', '.join(sorted(unknown))}")
    return Query(Path(path).stem, Path(path), text,
                 " ".join(d for d in description if d), params,
                 tuple(optional), tuple(needs))


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
    """The header's values, parsed (what Neo4j Browser would use)."""
    return {k: ast.literal_eval(v) for k, v in query.params.items()}


def _cell(value):
    """A value fit for a table: a path as ``a -[TYPE]- b ...`` (by actor id),
    a node as its id, a relationship as its type."""
    from neo4j.graph import Node, Path as GraphPath, Relationship
    if isinstance(value, GraphPath):
        nodes = value.nodes
        return _cell(nodes[0]) + "".join(
            f" -[{r.type}]- {_cell(n)}"
            for r, n in zip(value.relationships, nodes[1:]))
    if isinstance(value, Node):
        return value.get("id", value.element_id)
    if isinstance(value, Relationship):
        return value.type
    return value


def run_query(driver, name: str, params: dict | None = None, *,
              database: str | None = None) -> pd.DataFrame:
    """Run library query ``name`` with ``params`` and return its rows.

    A parameter not given takes the default of the query's header (its
    ``:param`` line; null when marked optional). Paths come back as text
    (``a -[TYPE]- b``, by actor id), nodes as their id.

    Raises
    ------
    GraphkitError
        Unknown query, or a parameter the query does not take.

    Examples
    --------
    >>> run_query(driver, "ecosystem_overview")  # doctest: +SKIP
    """
    query = get_query(name)
    params = dict(params or {})
    unknown = sorted(set(params) - set(query.params))
    if unknown:
        takes = ", ".join(query.params) or "none"
        raise GraphkitError(f"query {query.name!r} takes no parameter(s) "
                            f"{', '.join(unknown)} (it takes: {takes})")
    params = {**query.defaults, **params}
    from neo4j.exceptions import Neo4jError
    try:
        records, _, keys = driver.execute_query(query.text, params,
                                                database_=database)
    except Neo4jError as exc:
        first = str(exc.message or exc).splitlines()[0][:300]
        raise GraphkitError(f"query {query.name!r} failed: {first}") from None
    return pd.DataFrame([[_cell(v) for v in r.values()] for r in records],
                        columns=keys)


#: parameters that name an actor by its id
ID_PARAMS = ("actor", "pole", "programme", "source", "target")


def missing_steps(driver, name: str, params: dict | None = None, *,
                  database: str | None = None) -> list[str]:
    """What library query ``name`` needs that the database lacks: for
    ``needs: write-back``, a sentence when no actor carries graphkit's
    metrics (``graphkit neo4j write-back`` has not run); for a parameter
    naming an actor (``params`` over the header's defaults), a sentence
    when no ``:Actor`` has that id. Empty when nothing is missing.

    Examples
    --------
    >>> missing_steps(driver, "top_brokers")  # doctest: +SKIP
    ['no write-back yet: run `graphkit neo4j write-back DATA` ...']
    """
    from .mapping import METRICS
    query = get_query(name)
    out = []
    if WRITE_BACK in query.needs:
        records, _, _ = driver.execute_query(
            f"RETURN EXISTS {{ MATCH (a:{ACTOR_LABEL}) WHERE a.{METRICS} IS "
            f"NOT NULL }} AS done", database_=database)
        if not records[0]["done"]:
            out.append(f"no write-back yet: query {query.name!r} reads the "
                       f"scores and suggestions graphkit writes back; run "
                       f"`graphkit neo4j write-back DATA` (or `graphkit run` "
                       f"with a database) first")
    values = {**query.defaults, **(params or {})}
    for key in (k for k in ID_PARAMS if k in query.params):
        if values.get(key) is None:
            continue
        records, _, _ = driver.execute_query(
            f"RETURN EXISTS {{ MATCH (a:{ACTOR_LABEL} {{id: $id}}) }} AS found",
            id=values[key], database_=database)
        if not records[0]["found"]:
            out.append(f"no actor with id {values[key]!r} in the database "
                       f"(parameter {key}): see `graphkit neo4j query "
                       f"ecosystem_overview`, or push the data first")
    return out


def write_csv(df: pd.DataFrame, path) -> Path:
    """Write a query result as UTF-8 CSV, whole or not at all (lists are
    ``;``-joined, as in the data contract), with the project's one CSV
    writer and its formula guard (:mod:`graphkit.io.guard`)."""
    from ..io.tables import write_csv as write_table_csv
    path = Path(path)
    if path.suffix.lower() != ".csv":
        raise GraphkitError(f"{path}: give a file name ending in .csv")
    return write_table_csv(df, path)
