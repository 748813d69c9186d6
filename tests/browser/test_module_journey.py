"""A trainee's journey through the modules, in order, in a real browser against ``labmutu serve``.

One server and one workspace for the whole file, so what a trainee chose in one module is what
the next module starts from. Each module: open it, work as a trainee would, check what is shown,
reload, find the work still there, take a screenshot, and check that the page shows no
traceback and that no request left 127.0.0.1.
"""

from __future__ import annotations

import json

import pytest
from journey import (answer_radio, answer_text, assert_clean, body_text, check, choose, open_module, question,
                     selected_text, settle)

from labmutu.datasets import samples
from labmutu.datasets.schema import INDIKATOR
from labmutu.simulations import cycle
from labmutu.simulations.pemetaan import pemetaan

pytestmark = pytest.mark.browser

SCHOOL = "SD Negeri 1 Belitung (92679372)"
NPSN = "92679372"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    from conftest import _start, _stop

    srv = _start(tmp_path_factory.mktemp("perjalanan"), [])
    yield srv
    _stop(srv)


@pytest.fixture(scope="module")
def trainee(browser):
    """One participant for the whole journey: one browser context (one participant code)."""
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, locale="id-ID")
    requests: list[str] = []
    ctx.on("request", lambda req: requests.append(req.url))
    yield ctx, requests
    ctx.close()


@pytest.fixture
def page(trainee):
    ctx, requests = trainee
    requests.clear()
    pg = ctx.new_page()
    yield pg
    pg.close()


@pytest.fixture
def request_log(trainee):
    return trainee[1]


def saved(server, module: str) -> dict:
    """The participant's saved answers of a module (``jawaban/<kode peserta>/<module>.json``)."""
    found = list((server.workspace / "jawaban").rglob(f"{module}.json"))
    assert len(found) <= 1, found
    return json.loads(found[0].read_text(encoding="utf-8"))["jawaban"] if found else {}


def rapor_of(npsn: str):
    rows = pemetaan(samples.load("sekolah-latihan", "sekolah"), samples.load("sekolah-latihan", "indikator"))
    return rows[rows["npsn"] == npsn]


def test_00_pengantar_quiz_and_cycle_orders(server, page, request_log, screenshot):
    open_module(page, server, "00_pengantar_spmp")
    text = body_text(page)
    assert "Tujuan" in text and "Waktu" in text and "1. Pemetaan mutu" in text
    choose(page, "Urutan siklus", cycle.CYCLES["resmi-2025"].title)
    assert "1. Penetapan standar" in body_text(page)
    answer_radio(page, "q1_pelaksana_spmi", "BAN-S/M")
    assert "Belum tepat" in check(page, "q1_pelaksana_spmi")
    answer_radio(page, "q1_pelaksana_spmi", "Satuan pendidikan (dan pemerintah daerah)")
    assert "Tepat" in check(page, "q1_pelaksana_spmi")
    assert saved(server, "00_pengantar_spmp")["q1_pelaksana_spmi"] == "Satuan pendidikan (dan pemerintah daerah)"
    page.reload()
    open_module(page, server, "00_pengantar_spmp")
    radio = question(page, "q1_pelaksana_spmi").get_by_label("Satuan pendidikan (dan pemerintah daerah)")
    assert radio.is_checked()
    screenshot(page)
    assert_clean(page, request_log)


def test_01_pemetaan_choose_school_read_rapor_answer(server, page, request_log, screenshot):
    open_module(page, server, "01_pemetaan_mutu")
    choose(page, "Sekolah", SCHOOL)
    text = body_text(page)
    assert "Rapor Pendidikan SD Negeri 1 Belitung" in text
    rapor = rapor_of(NPSN)
    lowest = rapor.loc[rapor["nilai"].idxmin(), "kode_indikator"]
    assert f"{rapor['nilai'].min():.2f}".replace(".", ",") in text
    question(page, "q1_indikator_terendah").locator("select").select_option(label=f"{lowest} {INDIKATOR[lowest]}")
    settle(page)
    assert "Tepat" in check(page, "q1_indikator_terendah")
    answer_text(page, "q2_jumlah_merah", str(int((rapor["capaian"] == "Kurang").sum())))
    assert "Tepat" in check(page, "q2_jumlah_merah")
    answer_text(page, "q3_kekuatan_kelemahan", "Kekuatan: iklim keamanan baik dan partisipasi warga tinggi. "
                "Kelemahan: literasi dan refleksi guru rendah. Dugaan penyebab: pembelajaran belum berdiferensiasi.")
    answers = saved(server, "01_pemetaan_mutu")
    assert answers["npsn"] == NPSN and answers["q1_indikator_terendah"] == lowest

    page.reload()
    open_module(page, server, "01_pemetaan_mutu")
    school = page.get_by_label("Sekolah", exact=True)
    assert selected_text(school) == SCHOOL
    chosen = question(page, "q1_indikator_terendah").locator("select")
    assert selected_text(chosen) == f"{lowest} {INDIKATOR[lowest]}"
    assert "Kekuatan: iklim keamanan" in question(page, "q3_kekuatan_kelemahan").locator("textarea").input_value()
    assert page.locator(".lm-peta img, img").count() >= 1
    screenshot(page)
    assert_clean(page, request_log)
