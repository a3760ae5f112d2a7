"""Headless Chromium for the browser tests and bench/html_bench.py: the system's Chromium
(Debian's `chromium` package) driven by Playwright, never a browser download."""

from __future__ import annotations

import shutil
from contextlib import contextmanager
from pathlib import Path

# Without these, Chromium tries the network on start-up, and this sandbox's closed network
# turns that into errors that have nothing to do with the page.
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic"]


def chromium() -> str | None:
    for name in ("chromium", "chromium-browser"):
        if found := shutil.which(name):
            return found
    return None


def unavailable() -> str | None:
    """Why the browser tests cannot run here, or None when they can."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright is not installed: pip install -e '.[test]'"
    if chromium() is None:
        return "Chromium is not installed: apt-get install -y chromium (as .ci/run does)"
    return None


class Page:
    """A page opened from a file, with every console message, page error and request."""

    def __init__(self, browser, path: Path, width: int = 1400, height: int = 850):
        self.messages: list[tuple[str, str]] = []
        self.requests: list[str] = []
        self.page = browser.new_page(viewport={"width": width, "height": height})
        self.page.on("console", lambda m: self.messages.append((m.type, m.text)))
        self.page.on("pageerror", lambda e: self.messages.append(("pageerror", str(e))))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.url = path.resolve().as_uri()

    def open(self, timeout_ms: float = 60_000) -> None:
        self.page.goto(self.url)
        self.page.wait_for_selector("body[data-drawn]", state="attached", timeout=timeout_ms)

    @property
    def errors(self) -> list[tuple[str, str]]:
        return [m for m in self.messages if m[0] in ("error", "pageerror", "warning")]

    def click_node(self, node_id: str) -> None:
        """A real mouse click on the node's position on screen."""
        x, y = self.page.evaluate(
            """id => { const n = window.kgNetwork, p = n.canvasToDOM(n.getPositions([id])[id]),
                       r = document.querySelector('#graph canvas').getBoundingClientRect();
                       return [r.left + p.x, r.top + p.y]; }""", node_id)
        self.page.mouse.click(x, y)


@contextmanager
def launch():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium(), args=ARGS)
        try:
            yield browser
        finally:
            browser.close()
