"""Neo4j: connection, push, pull, write-back and the Cypher library runner.

Library functions take a driver (from :func:`connect` or your own); only the
CLI creates and closes one. How a network is stored is declared once in
:mod:`graphkit.neo4j.mapping`; see ``docs/neo4j.md``.

>>> from graphkit.neo4j import connect, push_network, pull_network, write_back
"""
from .connection import connect, safe_uri
from .files import apply_schema, cypher_dir, schema_statements
from .library import Query, get_query, list_queries, parse_params, run_query
from .pull import pull_network
from .push import BATCH_SIZE, PushSummary, push_network
from .writeback import write_back

__all__ = ["BATCH_SIZE", "PushSummary", "Query", "apply_schema", "connect",
           "cypher_dir", "get_query", "list_queries", "parse_params",
           "pull_network", "push_network", "run_query", "safe_uri",
           "schema_statements", "write_back"]
