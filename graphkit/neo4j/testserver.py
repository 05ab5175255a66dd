"""A real Bolt server for tests and benchmarks: ArcadeDB embedded, or the
server named by ``NEO4J_URI``.

Not used by graphkit itself; shared by ``tests/conftest.py`` and
``benchmarks/bench_neo4j.py`` so both start the server the same way.
"""
from __future__ import annotations

import contextlib
import itertools
import os
import socket
import tempfile
from dataclasses import dataclass, field

PASSWORD = "graphkit-test"  # ArcadeDB wants at least 8 characters


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class BoltServer:
    """Where to connect, and a way to get a fresh, empty database."""
    uri: str
    user: str
    password: str
    kind: str  # "arcadedb" or "neo4j"
    _server: object = None
    _database: str | None = None
    _names: itertools.count = field(default_factory=lambda: itertools.count(1))
    _checked: bool = False

    def fresh_database(self, driver=None) -> str | None:
        """Name of an empty database. On ArcadeDB one database is created
        for the session and emptied each time (a new database would have
        to build graphkit's schema again: ~2 s); on an outside server the
        configured database (NEO4J_DATABASE or the default) is emptied —
        point NEO4J_URI at a scratch server only."""
        if self._server is not None:
            if self._database is None:
                self._database = "graphkit_test"
                self._server.create_database(self._database)
            name = self._database
        else:
            name = os.environ.get("NEO4J_DATABASE") or None
            if driver is not None and not self._checked:
                self._refuse_to_empty_data(driver, name)
        if driver is not None:
            driver.execute_query("MATCH (n) DETACH DELETE n", database_=name)
        return name

    def _refuse_to_empty_data(self, driver, name) -> None:
        """The tests empty the outside database: refuse when it holds data,
        unless GRAPHKIT_TEST_EMPTY_NEO4J=1 says it is a scratch database
        (NEO4J_URI may well be set for real work, as the README shows)."""
        records, _, _ = driver.execute_query(
            "MATCH (n) RETURN count(n) AS n", database_=name)
        n = records[0]["n"]
        if n and os.environ.get("GRAPHKIT_TEST_EMPTY_NEO4J") != "1":
            raise RuntimeError(
                f"the Neo4j tests would delete the {n} nodes of database "
                f"{name or '(default)'} at {self.uri}: point NEO4J_URI at a "
                f"scratch database, unset it to use the embedded test "
                f"server, or set GRAPHKIT_TEST_EMPTY_NEO4J=1")
        self._checked = True

    def new_database(self) -> str:
        """A new, empty database (ArcadeDB only)."""
        name = f"db{next(self._names)}"
        self._server.create_database(name)
        return name


@contextlib.contextmanager
def bolt_server(jvm_heap: str | None = None):
    """Yield a :class:`BoltServer`: ``NEO4J_URI`` (with ``NEO4J_USERNAME``,
    ``NEO4J_PASSWORD``) when set, else an ArcadeDB embedded server on free
    loopback ports, started in a temporary folder and stopped at the end."""
    if os.environ.get("NEO4J_URI"):
        yield BoltServer(os.environ["NEO4J_URI"],
                         os.environ.get("NEO4J_USERNAME", "neo4j"),
                         os.environ.get("NEO4J_PASSWORD", ""), "neo4j")
        return
    from arcadedb_embedded.server import ArcadeDBServer
    with tempfile.TemporaryDirectory(prefix="graphkit-arcadedb-") as tmp:
        http, bolt = free_port(), free_port()
        while bolt == http:
            bolt = free_port()
        cwd = os.getcwd()
        os.chdir(tmp)  # the server writes log/ into the current directory
        try:
            kwargs = {"jvm_kwargs": {"heap_size": jvm_heap}} if jvm_heap else {}
            server = ArcadeDBServer(
                root_path=os.path.join(tmp, "databases"), root_password=PASSWORD,
                config={"host": "127.0.0.1", "http_port": http,
                        "server_plugins": "Bolt:com.arcadedb.bolt.BoltProtocolPlugin",
                        "bolt_port": bolt}, **kwargs)
            server.start()
        finally:
            os.chdir(cwd)
        try:
            yield BoltServer(f"bolt://127.0.0.1:{bolt}", "root", PASSWORD,
                             "arcadedb", server)
        finally:
            server.stop()
