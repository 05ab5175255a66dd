"""A real Bolt server for tests and benchmarks: ArcadeDB embedded, or the
server named by ``NEO4J_URI``.

Not part of the graphkit package; shared by ``tests/conftest.py`` and
``benchmarks/bench_neo4j.py`` (which puts ``tests/`` on ``sys.path``) so
both start the server the same way.
"""
from __future__ import annotations

import contextlib
import itertools
import os
import socket
import subprocess
import sys
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
def bolt_server(jvm_heap: str | None = None, own_process: bool = False):
    """Yield a :class:`BoltServer`: ``NEO4J_URI`` (with ``NEO4J_USERNAME``,
    ``NEO4J_PASSWORD``) when set, else an ArcadeDB embedded server on free
    loopback ports, started in a temporary folder and stopped at the end.

    ``own_process``: run the embedded server in a child process instead of
    this one, as a real Neo4j runs apart from its clients. In the same
    process, every JVM garbage collection makes JPype run a full Python
    collection (holding the GIL) over the client's objects: with the rows
    of 100 000 actors in memory that costs more than the writes themselves
    (docs/neo4j.md, "Speed"). The benchmark uses it; the tests need not.
    """
    if os.environ.get("NEO4J_URI"):
        yield BoltServer(os.environ["NEO4J_URI"],
                         os.environ.get("NEO4J_USERNAME", "neo4j"),
                         os.environ.get("NEO4J_PASSWORD", ""), "neo4j")
        return
    start = _child_server if own_process else _embedded_server
    with start(jvm_heap) as (server, bolt):
        yield BoltServer(f"bolt://127.0.0.1:{bolt}", "root", PASSWORD,
                         "arcadedb", server)


@contextlib.contextmanager
def _embedded_server(jvm_heap):
    """An ArcadeDB server in this process: yield ``(server, bolt port)``."""
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
            yield server, bolt
        finally:
            server.stop()


_MARK = "graphkit-testserver:"  # our lines on the child's stdout (the server logs there too)


class _ChildServer:
    """The parent's handle on :func:`_serve`: creates databases on request."""

    def __init__(self, process, log):
        self.process, self.log = process, log

    def answer(self) -> str:
        for line in self.process.stdout:
            if line.startswith(_MARK):
                return line[len(_MARK):].strip()
        self.log.seek(0)
        tail = "".join(self.log.readlines()[-20:])
        raise RuntimeError(f"the ArcadeDB test server process ended early; "
                           f"the end of its log:\n{tail}")

    def create_database(self, name: str) -> None:
        self.process.stdin.write(f"create {name}\n")
        self.process.stdin.flush()
        if self.answer() != "ok":
            raise RuntimeError(f"the test server could not create {name}")


@contextlib.contextmanager
def _child_server(jvm_heap):
    """:func:`_embedded_server` in a child Python process running this
    file (it imports nothing from graphkit): yield ``(handle, bolt port)``."""
    args = [sys.executable, os.path.abspath(__file__)]
    if jvm_heap:
        args.append(jvm_heap)
    # the server's log goes to a file, not onto the benchmark's terminal
    log = tempfile.TemporaryFile("w+")
    process = subprocess.Popen(args, stdin=subprocess.PIPE,
                               stdout=subprocess.PIPE, stderr=log, text=True,
                               bufsize=1)
    try:
        server = _ChildServer(process, log)
        bolt = int(server.answer())
        yield server, bolt
    finally:
        process.stdin.close()  # the child stops its server at end of input
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


def _serve(jvm_heap: str | None = None) -> None:
    """The child's side: start the server, print its Bolt port, create the
    databases named on standard input, stop at the end of input. The
    server's own output goes to standard error, so that a parent that reads
    only the answers never lets the pipe fill up."""
    answers = os.fdopen(os.dup(1), "w")
    os.dup2(2, 1)
    with _embedded_server(jvm_heap) as (server, bolt):
        print(f"{_MARK}{bolt}", file=answers, flush=True)
        for line in sys.stdin:
            command, _, name = line.strip().partition(" ")
            if command == "create" and name:
                server.create_database(name)
                print(f"{_MARK}ok", file=answers, flush=True)
    sys.stdout.flush()
    answers.close()
    os._exit(0)  # skip JPype's JVM shutdown at exit, which can crash


if __name__ == "__main__":
    _serve(sys.argv[1] if len(sys.argv) > 1 else None)
