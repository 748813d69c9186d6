"""Voilà pages in Chromium: widgets work, nothing leaves the machine, errors are friendly."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from labmutu.server.testing import wait_for_voila_ready, write_notebook

pytestmark = pytest.mark.browser

FRIENDLY = "Terjadi kesalahan di halaman ini. Muat ulang halaman; jika masih terjadi, hubungi pelatih."
# Words that would mean a trainee sees a traceback or Voilà's English error texts.
LEAKS = ["Traceback", "ValueError", "KeyError", "rahasia", "There was an error", "show_tracebacks",
         "Cell In[", "Execution error"]

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
FAILING_CELLS = [
    ("markdown", "# Halaman dengan sel yang gagal"),
    "nilai = 1",
    "raise ValueError('rahasia-sel')",
    "print('tidak pernah tampil')",
]
CALLBACK_CELLS = [
    "import ipywidgets as w\n"
    "keluaran = w.Output()\n"
    "tombol = w.Button(description='Hitung')\n"
    "def _on_tombol_click(_):\n"
    "    with keluaran:\n"
    "        raise KeyError('rahasia-callback')\n"
    "tombol.on_click(_on_tombol_click)\n"
    "w.VBox([tombol, keluaran])",
    "import matplotlib.pyplot as plt\n"
    "plt.plot([1, 3, 2])\n"
    "plt.title('Grafik uji')\n"
    "plt.show()",
]


@pytest.fixture(scope="module")
def notebooks(labmutu_server) -> dict[str, str]:
    """Test notebooks written into the session server's workspace (folder ``uji/``)."""
    paths = {}
    for name, cells in (("widget", WIDGET_CELLS), ("gagal", FAILING_CELLS),
                        ("callback", CALLBACK_CELLS)):
        write_notebook(labmutu_server.workspace / "uji" / f"{name}.ipynb", cells)
        paths[name] = f"uji/{name}.ipynb"
    return paths


def _assert_no_leaks(page) -> None:
    text = page.inner_text("body")
    html = page.content()
    for word in LEAKS:
        assert word not in text, f"{word!r} tampil di halaman"
    assert "rahasia" not in html


def test_widget_notebook_renders_and_button_works(labmutu_server, notebooks, page, screenshot):
    page.goto(labmutu_server.render_url(notebooks["widget"]))
    wait_for_voila_ready(page)
    assert page.locator("html").get_attribute("lang") == "id"
    assert page.title() == "widget · Lab Mutu"
    assert page.get_by_text("Belum diperiksa").is_visible()
    # the button icon comes from the Font Awesome bundled in Voilà, not from a CDN
    icon_font = page.locator(".widget-button i.fa-check").evaluate(
        "el => getComputedStyle(el, '::before').fontFamily")
    assert "Font Awesome" in icon_font
    page.get_by_role("button", name="Periksa").click()
    page.get_by_text("Sudah diperiksa").wait_for(timeout=15_000)
    screenshot(page)


def test_no_request_leaves_the_machine(labmutu_server, notebooks, page, request_log):
    page.goto(labmutu_server.url("/"))
    page.goto(labmutu_server.render_url(notebooks["widget"]))
    wait_for_voila_ready(page)
    page.get_by_role("button", name="Periksa").click()
    page.get_by_text("Sudah diperiksa").wait_for(timeout=15_000)
    page.goto(labmutu_server.render_url(notebooks["gagal"]))
    wait_for_voila_ready(page)
    page.goto(labmutu_server.url("/voila/render/tidak-ada.ipynb"))
    web = [u for u in request_log if urlsplit(u).scheme in ("http", "https", "ws", "wss")]
    assert len(web) > 20, request_log  # the pages really loaded their scripts and styles
    outside = sorted({u for u in web if urlsplit(u).hostname != "127.0.0.1"})
    assert outside == [], "permintaan keluar dari komputer ini:\n" + "\n".join(outside)


def test_failing_cell_shows_friendly_indonesian_error(labmutu_server, notebooks, page, screenshot):
    page.goto(labmutu_server.render_url(notebooks["gagal"]))
    wait_for_voila_ready(page)
    assert page.locator(".lm-error").inner_text().strip() == FRIENDLY
    assert page.get_by_text("Halaman dengan sel yang gagal").is_visible()
    _assert_no_leaks(page)
    screenshot(page)
    assert "rahasia-sel" in labmutu_server.log_text()  # the details are for the trainer's log


def test_widget_callback_error_is_friendly_and_figures_show(labmutu_server, notebooks, page,
                                                            screenshot):
    page.goto(labmutu_server.render_url(notebooks["callback"]))
    wait_for_voila_ready(page)
    assert page.locator(".jp-OutputArea-output img").count() == 1  # plt.show() draws inline
    page.get_by_role("button", name="Hitung").click()
    page.get_by_text(FRIENDLY).wait_for(timeout=15_000)
    _assert_no_leaks(page)
    screenshot(page)
    assert "rahasia-callback" in labmutu_server.log_text()


def test_unknown_pages_are_indonesian(labmutu_server, page, screenshot):
    for path in ("/voila/render/tidak-ada.ipynb", "/halaman/lain"):
        response = page.goto(labmutu_server.url(path))
        assert response.status == 404
        assert page.locator("html").get_attribute("lang") == "id"
        assert page.get_by_role("heading", name="Halaman tidak ditemukan").is_visible()
    page.get_by_role("link", name="halaman depan").click()
    assert page.get_by_role("heading", name="Modul bimtek").is_visible()
    page.go_back()
    screenshot(page)
