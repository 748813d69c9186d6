"""One shared server, many participants: each browser keeps its own answers.

Trainers run one ``labmutu serve`` on a LAN for a whole workshop. Every browser gets a
participant code; answers saved through ``ModuleSession`` land in ``jawaban/<kode>/``, and a code
typed on the landing page continues the same work in another browser.
"""

from __future__ import annotations

import re
import time

import pytest

from labmutu.server.testing import wait_for_voila_ready, write_notebook

pytestmark = pytest.mark.browser

CELLS = [
    ("markdown", "# Uji peserta"),
    "import ipywidgets as w\n"
    "from labmutu.widgets.session import ModuleSession\n"
    "sesi = ModuleSession('uji_peserta')\n"
    "catatan = sesi.bind('catatan', w.Text(description='Catatan'))\n"
    "catatan",
]


def _type_and_wait_saved(page, text, path):
    box = page.get_by_role("textbox")
    box.fill(text)
    box.press("Enter")
    deadline = time.monotonic() + 15
    while not (path.exists() and text in path.read_text(encoding="utf-8")):
        assert time.monotonic() < deadline, f"jawaban tidak tersimpan di {path}"
        time.sleep(0.2)


def _code_of(page, server):
    page.goto(server.url("/"))
    return page.locator(".lm-kode").inner_text().strip()


def test_two_participants_keep_separate_answers_and_a_code_continues_work(
        labmutu_server, browser, screenshot):
    write_notebook(labmutu_server.workspace / "uji" / "peserta.ipynb", CELLS)
    url = labmutu_server.render_url("uji/peserta.ipynb")
    answers = labmutu_server.workspace / "jawaban"
    contexts = [browser.new_context(locale="id-ID") for _ in range(3)]
    try:
        ani, budi, laptop_lain = (ctx.new_page() for ctx in contexts)
        code_ani, code_budi = _code_of(ani, labmutu_server), _code_of(budi, labmutu_server)
        assert re.fullmatch(r"P-[2-9A-HJKMNP-Z]{6}", code_ani) and code_ani != code_budi

        for pg, code, text in [(ani, code_ani, "Catatan Ani"), (budi, code_budi, "Catatan Budi")]:
            pg.goto(url)
            wait_for_voila_ready(pg)
            _type_and_wait_saved(pg, text, answers / code / "uji_peserta.json")

        ani.reload()
        wait_for_voila_ready(ani)
        assert ani.get_by_role("textbox").input_value() == "Catatan Ani"

        # Ani opens another browser, types her code on the landing page, and finds her work.
        laptop_lain.goto(labmutu_server.url("/"))
        laptop_lain.fill("#kode", code_ani.lower())
        laptop_lain.get_by_role("button", name="Gunakan kode ini").click()
        assert laptop_lain.locator(".lm-kode").inner_text().strip() == code_ani
        laptop_lain.goto(url)
        wait_for_voila_ready(laptop_lain)
        assert laptop_lain.get_by_role("textbox").input_value() == "Catatan Ani"
        screenshot(laptop_lain)

        # A mistyped code is explained, and the browser keeps its own code.
        budi.goto(labmutu_server.url("/"))
        budi.fill("#kode", "P-12")
        budi.get_by_role("button", name="Gunakan kode ini").click()
        assert "tidak dikenali" in budi.locator(".lm-error").inner_text()
        assert budi.locator(".lm-kode").inner_text().strip() == code_budi
        screenshot(budi, "kode-salah")
    finally:
        for ctx in contexts:
            ctx.close()


def test_a_forged_participant_header_cannot_read_another_participants_answers(
        labmutu_server, browser):
    write_notebook(labmutu_server.workspace / "uji" / "peserta.ipynb", CELLS)
    (labmutu_server.workspace / "jawaban" / "P-ZZZZZZ").mkdir(parents=True, exist_ok=True)
    from labmutu.answers import AnswerStore

    AnswerStore(labmutu_server.workspace / "jawaban" / "P-ZZZZZZ" / "uji_peserta.json",
                "uji_peserta").save({"catatan": "rahasia"})
    ctx = browser.new_context(extra_http_headers={"X-Labmutu-Peserta": "P-ZZZZZZ"})
    try:
        pg = ctx.new_page()
        pg.goto(labmutu_server.render_url("uji/peserta.ipynb"))
        wait_for_voila_ready(pg)
        assert pg.get_by_role("textbox").input_value() == ""
    finally:
        ctx.close()
