"""Voilà pages in Chromium: widgets work, nothing leaves the machine, errors are friendly."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from labmutu.server.testing import wait_for_voila_ready, write_notebook

pytestmark = pytest.mark.browser

WIDGET_CELLS = [
    ("markdown", "# Uji widget\n\nRumus kecil: $x^2 + 1$."),
    "import ipywidgets as w\n"
    "tombol = w.Button(description='Periksa', icon='check')\n"
    "hasil = w.HTML('Belum diperiksa')\n"
    "def _on_tombol_click(_):\n"
    "    hasil.value = 'Sudah diperiksa'\n"
    "tombol.on_click(_on_tombol_click)\n"
    "w.VBox([tombol, hasil])",
]


@pytest.fixture(scope="module")
def widget_notebook(labmutu_server) -> str:
    write_notebook(labmutu_server.workspace / "uji" / "widget.ipynb", WIDGET_CELLS)
    return "uji/widget.ipynb"


def test_widget_notebook_renders_and_button_works(labmutu_server, widget_notebook, page, screenshot):
    page.goto(labmutu_server.render_url(widget_notebook))
    wait_for_voila_ready(page)
    assert page.get_by_text("Belum diperiksa").is_visible()
    page.get_by_role("button", name="Periksa").click()
    page.get_by_text("Sudah diperiksa").wait_for(timeout=15_000)
    screenshot(page)
