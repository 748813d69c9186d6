"""Fixtures for tests that drive real Voilà pages in Debian's headless Chromium.

Fixtures (all real: a ``labmutu serve`` subprocess and ``/usr/bin/chromium``, nothing mocked):

- ``labmutu_server`` (session): one server on a free port with a temporary workspace; a
  :class:`labmutu.server.testing.LabMutuServer` with ``base_url``, ``workspace``, ``url()``,
  ``render_url()``, ``kernel_exists()``, ``kernel_pids()``, ``log_text()``. Write test notebooks
  into ``labmutu_server.workspace`` with :func:`labmutu.server.testing.write_notebook`.
- ``start_labmutu_server`` (function): a factory ``start(*extra_args) -> LabMutuServer`` for a
  test that needs its own server (e.g. a short ``--matikan-kernel-menganggur``); stopped after.
- ``browser`` (session): Chromium via Playwright's sync API; fails (never skips) when missing.
- ``context`` / ``page`` (function): a fresh browser context (own cookies) and a page in it.
- ``request_log`` (function): every request URL made by pages of ``context``, in order.
- ``screenshot`` (function): ``screenshot(page, suffix="")`` saves
  ``artifacts/screenshots/<test>[-suffix].png`` and returns its path.

Helpers to import: ``wait_for_voila_ready(page)``, ``kernel_id_of(page)``, ``write_notebook``.
Mark browser tests ``@pytest.mark.browser``.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from labmutu.server.testing import CHROMIUM_MISSING, LabMutuServer, free_port, launch_chromium

REPO = Path(__file__).resolve().parents[2]
SCREENSHOTS = REPO / "artifacts" / "screenshots"


def _start(tmp: Path, extra_args: list[str]) -> LabMutuServer:
    workspace = tmp / "workspace"
    workspace.mkdir(parents=True, exist_ok=True)
    server = LabMutuServer(workspace=workspace, port=free_port(), log_path=tmp / "server.log",
                           extra_args=list(extra_args))
    return server.start()


def _stop(server: LabMutuServer) -> None:
    leftovers = server.stop()
    assert not leftovers, f"kernel masih hidup setelah server berhenti: {leftovers}\n{server.log_tail()}"


@pytest.fixture(scope="session")
def labmutu_server(tmp_path_factory):
    """One ``labmutu serve`` for the whole session (server starts are expensive on 2 cores)."""
    server = _start(tmp_path_factory.mktemp("labmutu"), [])
    yield server
    _stop(server)


@pytest.fixture
def start_labmutu_server(tmp_path_factory):
    """Factory for a server of this test's own: ``start("--matikan-kernel-menganggur", "5")``."""
    started: list[LabMutuServer] = []

    def start(*extra_args: str) -> LabMutuServer:
        server = _start(tmp_path_factory.mktemp("labmutu"), list(extra_args))
        started.append(server)
        return server

    yield start
    for server in started:
        _stop(server)


@pytest.fixture(scope="session")
def browser():
    """Headless Debian Chromium (``/usr/bin/chromium``) driven by Playwright."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        try:
            chromium = launch_chromium(pw)
        except FileNotFoundError:
            pytest.fail(CHROMIUM_MISSING, pytrace=False)
        yield chromium
        chromium.close()


@pytest.fixture
def request_log() -> list[str]:
    """Every request URL of the test's browser context, filled in as pages load."""
    return []


@pytest.fixture
def context(browser, request_log):
    """A fresh browser context (own cookies and cache) whose requests go to ``request_log``."""
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, locale="id-ID")
    ctx.on("request", lambda req: request_log.append(req.url))
    yield ctx
    ctx.close()


@pytest.fixture
def page(context):
    """A page in ``context``."""
    pg = context.new_page()
    yield pg
    if not pg.is_closed():
        pg.close()


@pytest.fixture
def screenshot(request):
    """``screenshot(page, suffix="")`` -> path of ``artifacts/screenshots/<test>.png``."""

    def take(pg, suffix: str = "") -> Path:
        name = re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.name)
        path = SCREENSHOTS / f"{name}{'-' + suffix if suffix else ''}.png"
        path.parent.mkdir(parents=True, exist_ok=True)
        # Voilà scrolls inside a container, so full_page alone shows one screen: grow the
        # viewport to the tallest scrolling element for the shot, then put it back.
        size = pg.viewport_size
        tallest = pg.evaluate("Math.max(...Array.from(document.querySelectorAll('body, body *'))"
                              ".map(e => e.scrollHeight))")
        pg.set_viewport_size({"width": size["width"], "height": min(max(tallest, size["height"]), 12000)})
        try:
            pg.screenshot(path=str(path), full_page=True)
        finally:
            pg.set_viewport_size(size)
        return path

    return take
