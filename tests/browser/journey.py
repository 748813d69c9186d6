"""Steps a trainee takes on a module page, for the browser journey tests.

Controls are found the way a trainee finds them: by their Indonesian label, button text, or the
question blocks' ``.lm-soal-<key>`` class. Every helper waits for the kernel to finish what the
click started before returning, so the next step sees the page the trainee would see.
"""

from __future__ import annotations

import re

from labmutu.server.testing import wait_for_voila_ready

OUTSIDE = re.compile(r"^(?!https?://127\.0\.0\.1[:/]|data:|blob:|about:)")


def open_module(page, server, name: str) -> None:
    """Opens ``modul/<name>.ipynb`` through the server and waits until it is interactive."""
    page.goto(server.render_url(f"modul/{name}.ipynb"))
    wait_for_voila_ready(page)


def settle(page) -> None:
    """Waits until the kernel has handled everything the last action sent."""
    wait_for_voila_ready(page, timeout=60_000)


def choose(page, label: str, option: str) -> None:
    """Picks ``option`` (its visible text) in the dropdown or list labelled ``label``."""
    page.get_by_label(label, exact=True).select_option(label=option)
    settle(page)


def question(page, key: str):
    """The block of one question (``AnswerForm``) by its answer key."""
    return page.locator(f".lm-soal-{key}")


def answer_radio(page, key: str, option: str) -> None:
    question(page, key).get_by_text(option, exact=True).click()
    settle(page)


def answer_text(page, key: str, text: str) -> None:
    box = question(page, key).locator("textarea, input").first
    box.fill(text)
    box.press("Tab")
    settle(page)


def check(page, key: str) -> str:
    """Presses the question's "Periksa" and returns the feedback it shows."""
    block = question(page, key)
    block.get_by_role("button", name="Periksa").click()
    settle(page)
    return block.inner_text()


def body_text(page) -> str:
    return page.inner_text("body")


def assert_clean(page, request_log: list[str]) -> None:
    """No traceback or Python error on the page, no request that left the machine."""
    text = body_text(page)
    for marker in ("Traceback", "Error:", "Exception", "NameError", "KeyError"):
        assert marker not in text, f"{marker} tampil di halaman"
    outside = [u for u in request_log if OUTSIDE.match(u)]
    assert outside == [], outside


def selected_text(select) -> str:
    """The visible text of a ``<select>``'s chosen option (ipywidgets writes spaces as nbsp)."""
    return select.evaluate("s => s.selectedIndex < 0 ? '' : s.options[s.selectedIndex].text").replace("\xa0", " ")
