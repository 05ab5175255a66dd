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


# ------------------------------------------------ neo4j fixtures (issue 7)
