"""A real Neo4j 5 for tests and benchmarks: Neo4j Community with Graph Data
Science (the versions of ``tests/neo4j/pom.xml``) started from their Maven
jars, or the server named by ``NEO4J_URI``.

Not part of the graphkit package; shared by ``tests/conftest.py`` and
``benchmarks/bench_neo4j.py`` (which puts ``tests/`` on ``sys.path``) so
both start the server the same way.

The jars are resolved once by Maven (``mvn -q dependency:copy-dependencies``
on ``tests/neo4j/pom.xml``) into ``~/.cache/graphkit-neo4j/<version>/``
(``GRAPHKIT_NEO4J_CACHE`` moves the cache): GDS's own jars (group
``org.neo4j.gds``) into ``plugins/``, the rest into ``lib/``;
``tests/neo4j/Launcher.java`` and ``GdsExtension.java`` are compiled there by
``javac``, and the launcher runs Neo4j in its own JVM with Bolt on a free
loopback port, authentication on, a home and an import folder in a
temporary directory, GDS's procedures loaded from ``plugins/`` (which is on
the class path too, as Neo4j's start script puts it). ``python3 tests/neo4j_server.py fetch`` only fills
the cache (``tests/run.sh`` does it before pytest, so the first Maven fetch is
not counted in a test's time).
"""
from __future__ import annotations

import contextlib
import hashlib
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent / "neo4j"
POM = HERE / "pom.xml"
LAUNCHER = HERE / "Launcher.java"
SOURCES = (LAUNCHER, HERE / "GdsExtension.java")
PASSWORD = "graphkit-test"
_PORT_LINE = "graphkit-neo4j-port:"


def free_port() -> int:
    """A loopback port nothing listens on (for "unreachable server" tests)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _pinned(name: str) -> str:
    match = re.search(rf"<{name}\.version>([^<]+)</{name}\.version>",
                      POM.read_text(encoding="utf-8"))
    return match.group(1).strip()


def neo4j_version() -> str:
    """The Neo4j version the pom pins (its one statement)."""
    return _pinned("neo4j")


def gds_version() -> str:
    """The Graph Data Science version the pom pins."""
    return _pinned("gds")


def cache_dir() -> Path:
    root = os.environ.get("GRAPHKIT_NEO4J_CACHE") or (
        Path.home() / ".cache" / "graphkit-neo4j")
    return Path(root) / f"{neo4j_version()}-gds{gds_version()}"


def _run(args, what):
    done = subprocess.run(args, capture_output=True, text=True)
    if done.returncode != 0:
        tail = "\n".join((done.stdout + done.stderr).splitlines()[-30:])
        raise RuntimeError(f"{what} failed ({' '.join(map(str, args[:3]))} ...):\n{tail}")


def fetch() -> tuple[Path, Path, Path]:
    """The folders of the server's jars, of GDS's jars (the plugins folder)
    and of the compiled launcher: resolved by Maven and compiled by javac the
    first time, reused afterwards (a ``.complete`` mark makes an interrupted
    fetch start again)."""
    for tool in ("java", "javac", "mvn"):
        if shutil.which(tool) is None:
            raise RuntimeError(
                f"{tool} not found: the Neo4j test server needs a JDK 17 and "
                f"Maven (tests/run.sh installs Debian's openjdk-17-jdk-headless "
                f"and maven)")
    cache = cache_dir()
    lib, plugins = cache / "lib", cache / "plugins"
    if not (lib / ".complete").exists():
        tmp = cache / "jars.partial"
        shutil.rmtree(tmp, ignore_errors=True)
        cache.mkdir(parents=True, exist_ok=True)
        _run(["mvn", "-q", "-B", "-f", str(POM), "dependency:copy-dependencies",
              f"-DoutputDirectory={tmp / 'lib'}", "-DincludeScope=runtime",
              "-Dmdep.prependGroupId=true"],
             "resolving the jars of Neo4j and Graph Data Science with Maven")
        (tmp / "plugins").mkdir()
        for jar in (tmp / "lib").glob("org.neo4j.gds.*.jar"):
            jar.rename(tmp / "plugins" / jar.name)
        for folder in (lib, plugins):
            shutil.rmtree(folder, ignore_errors=True)
        (tmp / "plugins").rename(plugins)
        (tmp / "lib" / ".complete").write_text(
            f"{neo4j_version()} gds {gds_version()}")
        (tmp / "lib").rename(lib)
        tmp.rmdir()
    digest = hashlib.sha1(b"".join(p.read_bytes() for p in SOURCES)).hexdigest()[:12]
    classes = cache / f"launcher-{digest}"
    if not (classes / "Launcher.class").exists():
        tmp = cache / f"launcher-{digest}.partial"
        shutil.rmtree(tmp, ignore_errors=True)
        _run(["javac", "-nowarn", "-d", str(tmp),
              "-cp", f"{lib}/*{os.pathsep}{plugins}/*", *map(str, SOURCES)],
             "compiling tests/neo4j/Launcher.java and GdsExtension.java")
        services = tmp / "META-INF" / "services"
        services.mkdir(parents=True)
        (services / "org.neo4j.kernel.extension.ExtensionFactory").write_text(
            "GdsExtension\n")
        shutil.rmtree(classes, ignore_errors=True)
        tmp.rename(classes)
    return lib, plugins, classes


@dataclass
class BoltServer:
    """Where to connect, and a way to get a fresh, empty database."""
    uri: str
    user: str
    password: str
    #: the server's import folder (``LOAD CSV FROM 'file:///x.csv'``), None
    #: when unknown (an outside server without GRAPHKIT_TEST_NEO4J_IMPORT_DIR)
    import_dir: Path | None = None
    #: seconds from starting the JVM to Bolt answering (None: outside server)
    start_seconds: float | None = None
    #: process id of the server's JVM (None: outside server), for CPU
    #: accounting (benchmarks/bench_neo4j.py)
    pid: int | None = None
    _own: bool = False
    _checked: bool = False

    def fresh_database(self, driver=None) -> str | None:
        """Name of an empty database: Community has one user database, so
        the default one (or NEO4J_DATABASE on an outside server) is emptied
        each time; graphkit's constraint and indexes stay (applying them
        again is idempotent). Point NEO4J_URI at a scratch server only."""
        name = None if self._own else (os.environ.get("NEO4J_DATABASE") or None)
        if driver is not None:
            if not self._own and not self._checked:
                self._refuse_to_empty_data(driver, name)
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
                f"scratch database, unset it to use the tests' own server, "
                f"or set GRAPHKIT_TEST_EMPTY_NEO4J=1")
        self._checked = True


def cpu_seconds(pid: int | None) -> float:
    """User + system CPU seconds a running process has used so far (Linux
    ``/proc``; 0.0 for an outside server)."""
    if pid is None:
        return 0.0
    fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def components(driver) -> str:
    """``"Neo4j Kernel 5.26.30 community; Graph Data Science 2.13.9"``: what
    ``dbms.components()`` and ``gds.version()`` say."""
    records, _, _ = driver.execute_query(
        "CALL dbms.components() YIELD name, versions, edition "
        "RETURN name, versions, edition")
    text = "; ".join(f"{r['name']} {'/'.join(r['versions'])} {r['edition']}"
                     for r in records)
    try:
        gds = driver.execute_query("RETURN gds.version() AS v").records[0]["v"]
    except Exception:  # noqa: BLE001 - an outside server without GDS
        return text + "; no Graph Data Science"
    return text + f"; Graph Data Science {gds}"


@contextlib.contextmanager
def server_on(home: Path, jvm_heap: str = "1g"):
    """A server of our own on ``home`` (e.g. after :func:`admin_import`)."""
    with _own_server(jvm_heap, home=home) as server:
        yield server


@contextlib.contextmanager
def bolt_server(jvm_heap: str | None = None):
    """Yield a :class:`BoltServer`: ``NEO4J_URI`` (with ``NEO4J_USERNAME``,
    ``NEO4J_PASSWORD``) when set, else a Neo4j Community server of our own,
    started in its own JVM and stopped at the end."""
    if os.environ.get("NEO4J_URI"):
        folder = os.environ.get("GRAPHKIT_TEST_NEO4J_IMPORT_DIR")
        yield BoltServer(os.environ["NEO4J_URI"],
                         os.environ.get("NEO4J_USERNAME", "neo4j"),
                         os.environ.get("NEO4J_PASSWORD", ""),
                         Path(folder) if folder else None)
        return
    with _own_server(jvm_heap or "2g") as server:
        yield server


def admin_import(home: Path, nodes: Path, relationships: Path,
                 database: str = "neo4j", heap: str = "1g") -> float:
    """Run the real ``neo4j-admin database import full`` (Neo4j's
    ``AdminTool`` from the same jars) into ``home``; return its CPU seconds
    (user + system of the JVM)."""
    lib = fetch()[0]
    (home / "conf").mkdir(parents=True, exist_ok=True)
    env = dict(os.environ, NEO4J_HOME=str(home), NEO4J_CONF=str(home / "conf"))
    before = os.times()
    done = subprocess.run(
        ["java", f"-Xmx{heap}", "-cp", f"{lib}/*", "org.neo4j.cli.AdminTool",
         "database", "import", "full", database, f"--nodes={nodes}",
         f"--relationships={relationships}", "--multiline-fields=true"],
        capture_output=True, text=True, env=env, cwd=home)  # import.report
    after = os.times()
    if done.returncode != 0:
        tail = "\n".join((done.stdout + done.stderr).splitlines()[-20:])
        raise RuntimeError(f"neo4j-admin database import failed:\n{tail}")
    return round((after.children_user - before.children_user)
                 + (after.children_system - before.children_system), 2)


@contextlib.contextmanager
def _own_server(heap: str, timeout: float = 300, home: Path | None = None):
    lib, plugins, classes = fetch()
    with tempfile.TemporaryDirectory(prefix="graphkit-neo4j-") as tmp:
        home, imports = home or Path(tmp) / "home", Path(tmp) / "import"
        imports.mkdir()
        log = open(Path(tmp) / "server.log", "w+")
        started = time.perf_counter()
        process = subprocess.Popen(
            ["java", f"-Xmx{heap}", "-XX:+UseParallelGC",
             f"-Dgraphkit.gds.version={gds_version()}",
             "-cp", os.pathsep.join((f"{lib}/*", f"{plugins}/*", str(classes))),
             "Launcher", str(home), str(imports), str(plugins)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=log,
            text=True, bufsize=1)
        try:
            process.stdin.write(PASSWORD + "\n")
            process.stdin.flush()
            port = _read_port(process, log, timeout)
            server = BoltServer(f"bolt://127.0.0.1:{port}", "neo4j", PASSWORD,
                                imports, pid=process.pid, _own=True)
            _wait_for_bolt(server, timeout)
            server.start_seconds = round(time.perf_counter() - started, 1)
            yield server
        finally:
            _stop(process)
            log.close()


def _read_port(process, log, timeout) -> int:
    found: list[str] = []

    def read():  # and go on reading, so that the pipe never fills up
        for line in process.stdout:
            if line.startswith(_PORT_LINE) and not found:
                found.append(line[len(_PORT_LINE):].strip())

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    deadline = time.monotonic() + timeout
    while not found and reader.is_alive() and time.monotonic() < deadline:
        time.sleep(0.1)
    if not found:
        _stop(process)
        log.seek(0)
        tail = "".join(log.readlines()[-30:])
        raise RuntimeError(f"the Neo4j test server did not start within "
                           f"{timeout:.0f} s; the end of its log:\n{tail}")
    return int(found[0])


def _wait_for_bolt(server: BoltServer, timeout: float) -> None:
    from neo4j import GraphDatabase
    from neo4j.exceptions import ServiceUnavailable
    deadline = time.monotonic() + timeout
    with GraphDatabase.driver(server.uri, auth=(server.user, server.password)) as d:
        while True:
            try:
                d.verify_connectivity()
                return
            except ServiceUnavailable:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)


def _stop(process) -> None:
    """End of standard input tells the launcher to shut Neo4j down."""
    with contextlib.suppress(OSError, ValueError):
        process.stdin.close()
    try:
        process.wait(timeout=60)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


if __name__ == "__main__":
    if sys.argv[1:] == ["fetch"]:
        print(f"Neo4j {neo4j_version()} test server with Graph Data Science "
              f"{gds_version()} ready in {fetch()[0].parent}")
    else:
        sys.exit("usage: python3 tests/neo4j_server.py fetch")
