"""The landing page in Chromium: Indonesian, lists the workspace's modules."""

from __future__ import annotations

import pytest

from labmutu.server.testing import write_notebook

pytestmark = pytest.mark.browser


def test_landing_lists_modules_in_indonesian(labmutu_server, page, screenshot):
    write_notebook(labmutu_server.workspace / "modul" / "98_uji_landing.ipynb",
                   [("markdown", "# Modul uji"), "x = 1"],
                   labmutu={"judul": "Modul Uji Halaman Depan", "ringkasan": "Ringkasan uji.",
                            "waktu_jp": 2})
    page.goto(labmutu_server.url("/"))
    assert page.locator("html").get_attribute("lang") == "id"
    assert page.title().startswith("Lab Mutu")
    assert page.get_by_role("heading", name="Modul bimtek").is_visible()
    link = page.get_by_role("link", name="98 Modul Uji Halaman Depan")
    assert link.is_visible()
    assert link.get_attribute("href") == "/voila/render/modul/98_uji_landing.ipynb"
    assert "2 JP" in page.locator(".lm-module", has=link).inner_text()
    screenshot(page)
