"""Finding and reading the ``cypher/`` folder: one copy of every query.

In a checkout or an editable install ``cypher/`` sits beside the
``graphkit`` package; an installed graphkit finds it in the data folder
``<prefix>/share/graphkit/cypher`` (``data_files`` in setup.cfg).
``GRAPHKIT_CYPHER_DIR`` overrides both.
"""
from __future__ import annotations

import os
import re
import site
import sys
import sysconfig
from functools import lru_cache
from pathlib import Path

from ..errors import GraphkitError


def _candidates() -> list[Path]:
    found = []
    if os.environ.get("GRAPHKIT_CYPHER_DIR"):
        found.append(Path(os.environ["GRAPHKIT_CYPHER_DIR"]))
    found.append(Path(__file__).resolve().parents[2] / "cypher")
    prefixes = [sysconfig.get_path("data"), sys.prefix, sys.base_prefix,
                getattr(site, "USER_BASE", None)]
    found += [Path(p) / "share" / "graphkit" / "cypher" for p in prefixes if p]
    return found


@lru_cache(maxsize=None)
def cypher_dir() -> Path:
    """The ``cypher/`` folder holding ``schema.cypher``, ``queries/`` and
    ``import/``.

    >>> (cypher_dir() / "schema.cypher").is_file()
    True
    """
    for path in _candidates():
        if (path / "schema.cypher").is_file():
            return path
    raise GraphkitError(
        "cannot find graphkit's cypher/ folder (schema.cypher, queries/); "
        "reinstall graphkit or set GRAPHKIT_CYPHER_DIR")


_TOKENS = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|`[^`]*`|//[^\n]*|;")


def strip_comments(text: str) -> str:
    """``text`` without its ``//`` comments (string literals left whole).

    >>> strip_comments("RETURN 'http://x' AS u // a link")
    "RETURN 'http://x' AS u "
    """
    return _TOKENS.sub(lambda m: "" if m.group(0).startswith("//")
                       else m.group(0), text)


def split_statements(text: str) -> list[str]:
    """The statements of a ``;``-separated Cypher script, comments removed.

    A ``;`` or ``//`` inside a string literal is kept.

    >>> split_statements("// c\\nRETURN 'a;b';\\nRETURN 2; // d\\n")
    ["RETURN 'a;b'", 'RETURN 2']
    """
    out, start = [], 0
    text = strip_comments(text)
    for m in _TOKENS.finditer(text):
        if m.group(0) == ";":
            out.append(text[start:m.start()])
            start = m.end()
    out.append(text[start:])
    return [s.strip() for s in out if s.strip()]


def schema_statements() -> list[str]:
    """The statements of ``cypher/schema.cypher``, in order."""
    return split_statements((cypher_dir() / "schema.cypher")
                            .read_text(encoding="utf-8"))


def apply_schema(driver, database: str | None = None) -> int:
    """Run ``cypher/schema.cypher`` (every statement is ``IF NOT EXISTS``).

    Returns the number of statements run. Schema statements cannot share a
    transaction with writes, so each runs in its own auto-commit one.
    """
    statements = schema_statements()
    for statement in statements:
        driver.execute_query(statement, database_=database)
    return len(statements)
