"""Shared fixtures: example data, a real headless Chromium, a real Bolt server."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "coopol"

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


def chromium_path() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


@pytest.fixture(scope="session")
def example_dir() -> Path:
    return EXAMPLE


@pytest.fixture(scope="session")
def browser():
    """Headless Chromium (Debian's package) driven by Playwright.

    Fails, rather than skips, when Chromium is missing: the browser tests
    are part of the contract (`tests/run.sh` installs it).
    """
    exe = chromium_path()
    if exe is None:
        pytest.fail("Chromium not found: run tests/run.sh, which installs it")
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=exe, args=CHROMIUM_ARGS)
        yield b
        b.close()


class OfflinePage:
    """A page whose every request leaving the file is recorded and refused,
    with console errors and page errors collected."""

    def __init__(self, browser, path: Path, viewport=(1280, 900)):
        self.context = browser.new_context(
            viewport={"width": viewport[0], "height": viewport[1]})
        self.page = self.context.new_page()
        self.requests: list[str] = []
        self.console_errors: list[str] = []
        self.page_errors: list[str] = []
        self.url = Path(path).resolve().as_uri()

        def route(r):
            url = r.request.url
            if url == self.url or url.startswith("data:") or url.startswith("blob:"):
                r.continue_()
            else:
                self.requests.append(url)
                r.abort()

        self.context.route("**/*", route)
        self.page.on("console", lambda m: m.type == "error"
                     and self.console_errors.append(m.text))
        self.page.on("pageerror", lambda e: self.page_errors.append(str(e)))

    def open(self, wait_until="load"):
        self.page.goto(self.url, wait_until=wait_until)
        return self.page

    def close(self):
        self.context.close()


@pytest.fixture
def offline_page(browser):
    """Factory: ``offline_page(path)`` opens ``path`` with the network cut off."""
    pages = []

    def make(path, **kw):
        op = OfflinePage(browser, path, **kw)
        pages.append(op)
        op.open()
        return op

    yield make
    for op in pages:
        op.close()


# ------------------------------------------------ neo4j fixtures
_SERVER_LINES: list[str] = []


@pytest.fixture(scope="session")
def bolt_server():
    """A real Neo4j 5 for the session: Neo4j Community from its Maven jars
    (tests/neo4j/pom.xml) on a free loopback port, started once and stopped
    at the end, or the server of NEO4J_URI / NEO4J_USERNAME / NEO4J_PASSWORD."""
    from neo4j_server import bolt_server as start
    with start() as server:
        yield server


@pytest.fixture(scope="session")
def bolt_driver(bolt_server):
    from neo4j import GraphDatabase
    from neo4j_server import components
    driver = GraphDatabase.driver(bolt_server.uri,
                                  auth=(bolt_server.user, bolt_server.password),
                                  notifications_min_severity="OFF")
    started = (f", started in {bolt_server.start_seconds} s"
               if bolt_server.start_seconds is not None else " (NEO4J_URI)")
    _SERVER_LINES.append(f"Neo4j test server: {components(driver)} at "
                         f"{bolt_server.uri}{started}")
    yield driver
    driver.close()


def pytest_terminal_summary(terminalreporter):
    """Name the server the Neo4j tests ran against (dbms.components()),
    and every Neo4j test that was skipped, with its reason (never silently)."""
    for line in _SERVER_LINES:
        terminalreporter.write_line(line)
    for report in terminalreporter.stats.get("skipped", []):
        if report.nodeid.startswith("tests/test_neo4j"):
            reason = report.longrepr[-1] if isinstance(report.longrepr, tuple) \
                else str(report.longrepr)
            terminalreporter.write_line(
                f"Neo4j test skipped: {report.nodeid}: {reason}")


@pytest.fixture
def neo4j_db(bolt_server, bolt_driver):
    """``(driver, database)`` of a fresh, empty database for one test."""
    return bolt_driver, bolt_server.fresh_database(bolt_driver)


@pytest.fixture
def small_network():
    """A hand-built ecosystem with known answers for the Neo4j tests: names
    with quotes, markup and Chinese; parallel cooperations; an extra column."""
    import pandas as pd
    from graphkit.network import Network
    A = [  # id, name, type, country, sectors, seeks, name_zh
        ("pole_a", "Pôle \"Alpha\" & co", "pole", "FR", "ai;health", "", None),
        ("pole_b", "<b>Pôle Bêta</b>", "pole", "FR", "health", "", None),
        ("sme_1", "PME l'Étoile", "sme", "FR", "ai", "robotics", None),
        ("sme_2", "<script>alert(1)</script>", "sme", "FR", "health", "", None),
        ("sme_3", "Robotix", "sme", "FR", "robotics", "ai", None),
        ("lab_1", "Labo 'IA'", "lab", "FR", "ai", "", None),
        ("lab_cn", "清华大学人工智能实验室", "lab", "CN", "ai;robotics", "", "清华"),
        ("park_1", "中关村科技园", "park", "CN", "ai", "", "中关村"),
        ("park_2", "Suzhou Industrial Park", "park", "CN", "health", "", None),
        ("prog_coopol", "COOPOL", "programme", "FR", "", "", None),
        ("prog_phc", "PHC Cai Yuanpei", "programme", "FR", "", "", "蔡元培"),
        ("torch", "TORCH", "agency", "CN", "", "", None),
        ("emb", "Service scientifique", "embassy_service", "CN", "", "", None),
    ]
    actors = pd.DataFrame(A, columns=["id", "name", "type", "country",
                                      "sectors", "seeks", "name_zh"])
    actors["lat"] = [48.8, None, 45.1, 45.2, 45.3, 48.7, 40.0, 39.98, 31.3,
                     39.9, 48.86, 39.9, 39.95]
    C = [  # source, target, type, year, programme, weight, note
        ("sme_1", "pole_a", "member_of", 2010, None, 1.0, None),
        ("sme_3", "pole_a", "member_of", 2012, None, 1.0, None),
        ("lab_1", "pole_a", "member_of", 2010, None, 1.0, None),
        ("sme_2", "pole_b", "member_of", 2011, None, 1.0, None),
        ("sme_1", "lab_1", "rd_partnership", 2012, "prog_phc", 2.0,
         'projet "X" <i>'),
        ("sme_1", "lab_1", "rd_partnership", 2014, None, 1.0, None),
        ("sme_3", "lab_cn", "academic_partner", 2015, "prog_phc", 1.0, None),
        ("lab_1", "lab_cn", "academic_partner", 2008, None, 1.0, "ancien"),
        ("pole_a", "park_1", "delegation_visit", 2013, "prog_coopol", 1.0, None),
        ("pole_a", "park_1", "seminar", 2013, None, 1.0, None),
        ("torch", "park_1", "supervises", None, None, 1.0, None),
        ("torch", "park_2", "supervises", None, None, 1.0, None),
        ("emb", "pole_a", "supports", 2013, None, 1.0, None),
        ("pole_a", "prog_coopol", "funded_by", 2013, None, 1.0, None),
    ]
    coops = pd.DataFrame(C, columns=["source", "target", "type", "year",
                                     "programme", "weight", "note"])
    return Network(actors, coops)
