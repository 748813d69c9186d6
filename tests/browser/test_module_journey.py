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
from labmutu.server.testing import LabMutuServer, free_port
from labmutu.simulations import cycle
from labmutu.simulations.pemetaan import pemetaan

pytestmark = pytest.mark.browser

SCHOOL = "SD Negeri 1 Belitung (92679372)"
NPSN = "92679372"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """A server of the journey's own: its workspace holds only this trainee's work."""
    tmp = tmp_path_factory.mktemp("perjalanan")
    (tmp / "workspace").mkdir()
    srv = LabMutuServer(workspace=tmp / "workspace", port=free_port(), log_path=tmp / "server.log").start()
    yield srv
    leftovers = srv.stop()
    assert not leftovers, srv.log_tail()


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


def _sim():
    from labmutu.widgets.school_choice import simulation

    return simulation("sekolah-latihan", NPSN)


def test_02_penetapan_targets_checked_live_and_kept(server, page, request_log, screenshot):
    open_module(page, server, "02_penetapan_standar")
    screenshot(page, "awal")
    assert "SD Negeri 1 Belitung" in body_text(page)  # the school chosen in module 01
    a1 = page.get_by_label("A.1", exact=True)
    a1.fill("60")
    a1.press("Tab")
    settle(page)
    assert "di bawah standar minimal SNP" in body_text(page)
    a1.fill("70")
    a1.press("Tab")
    settle(page)
    assert "tidak terjangkau dalam 1 tahun" in body_text(page)
    choose(page, "Jangka waktu", "4 tahun")
    text = body_text(page)
    assert "Target A.1 Kemampuan literasi" not in text  # reachable in 4 years: no message left for A.1
    standar = _sim().standar()
    below = standar.loc[standar["nilai"] < 70, "kode_indikator"].astype(str).tolist()
    question(page, "q1_naik_ke_snp").locator("select").select_option(label=[f"{c} {INDIKATOR[c]}" for c in below])
    settle(page)
    assert "Tepat" in check(page, "q1_naik_ke_snp")
    answers = saved(server, "02_penetapan_standar")
    assert answers["target"]["A.1"] == 70 and answers["jangka_tahun"] == 4

    page.reload()
    open_module(page, server, "02_penetapan_standar")
    assert page.get_by_label("A.1", exact=True).input_value() in ("70", "70.0")
    assert selected_text(page.get_by_label("Jangka waktu", exact=True)) == "4 tahun"
    screenshot(page)
    assert_clean(page, request_log)


def test_03_perencanaan_plan_budget_rkas_rules(server, page, request_log, screenshot):
    open_module(page, server, "03_perencanaan_peningkatan")
    assert "SD Negeri 1 Belitung" in body_text(page)
    sim = _sim()
    page.locator(".lm-isi-rekomendasi").click()
    settle(page)
    advised = sim.rekomendasi()
    codes = [k.kode for k in advised.kegiatan]
    for code in codes:
        assert page.locator(f".lm-kegiatan-{code}").count() == 1
    assert saved(server, "03_perencanaan_peningkatan")["rencana"] == codes

    honor = page.locator(".lm-honor input")
    honor.fill("900000000")
    honor.press("Tab")
    settle(page)
    assert page.locator(".lm-pelanggaran").count() >= 1
    assert "honor" in page.locator(".lm-kepatuhan").inner_text().lower()
    answer_radio(page, "q2_honor_patuh", "Tidak, honor melebihi batas")
    assert "Tepat" in check(page, "q2_honor_patuh")
    page.locator(".lm-honor-ke-batas").click()
    settle(page)
    assert page.locator(".lm-pelanggaran[data-aturan=honor_melebihi_batas]").count() == 0
    moved = []
    for code in codes:  # semester 1 may now spend more than tahap 1: move activities to semester 2
        if page.locator(".lm-pelanggaran").count() == 0:
            break
        assert page.locator(".lm-pelanggaran").get_attribute("data-aturan").startswith("semester") or \
            "tahap 1" in page.locator(".lm-kepatuhan").inner_text(), page.locator(".lm-kepatuhan").inner_text()
        page.locator(f".lm-kegiatan-{code}").get_by_text("Semester 2", exact=True).click()
        settle(page)
        moved.append(code)
    assert page.locator(".lm-pelanggaran").count() == 0, page.locator(".lm-kepatuhan").inner_text()
    assert page.locator(".lm-patuh").count() >= 1
    semester = saved(server, "03_perencanaan_peningkatan")["semester"]
    assert all(semester[c] == 2 for c in moved)

    first = sim.prioritas().iloc[0]["kode_indikator"]
    question(page, "q1_prioritas_pertama").locator("select").select_option(label=f"{first} {INDIKATOR[first]}")
    settle(page)
    assert "Tepat" in check(page, "q1_prioritas_pertama")

    page.reload()
    open_module(page, server, "03_perencanaan_peningkatan")
    for code in codes:
        assert page.locator(f".lm-kegiatan-{code}").count() == 1
    assert page.locator(".lm-pelanggaran").count() == 0
    assert selected_text(question(page, "q1_prioritas_pertama").locator("select")).startswith(first)
    screenshot(page)
    assert_clean(page, request_log)


def test_04_pelaksanaan_runs_the_year_of_module_03s_plan(server, page, request_log, screenshot):
    from labmutu.widgets.modul_pelaksanaan import PILIHAN_KEJADIAN, TIDAK_ADA

    open_module(page, server, "04_pelaksanaan_peningkatan")
    assert "modul 03" in page.locator(".lm-sumber-rencana").inner_text()
    page.locator(".lm-keterlibatan").get_by_text("Komite sekolah", exact=False).first.click()
    settle(page)
    page.locator(".lm-jalankan").click()
    page.locator(".lm-realisasi").wait_for(timeout=60_000)
    settle(page)
    realisasi = page.locator(".lm-realisasi").inner_text()
    assert "Rp" in realisasi and page.locator(".lm-timeline img, img.lm-timeline").count() >= 1
    headlines = page.locator(".lm-kejadian li b").all_inner_texts()
    happened = [o for o in PILIHAN_KEJADIAN if any(h.startswith(o) for h in headlines)] or [TIDAK_ADA]
    question(page, "q1_guncangan").locator("select").select_option(label=happened)
    settle(page)
    assert "Tepat" in check(page, "q1_guncangan")
    assert saved(server, "04_pelaksanaan_peningkatan")["sudah_dijalankan"] is True

    page.reload()
    open_module(page, server, "04_pelaksanaan_peningkatan")
    page.locator(".lm-realisasi").wait_for(timeout=60_000)
    assert page.locator(".lm-realisasi").inner_text() == realisasi  # the same year, shown again
    assert page.locator(".lm-kejadian li b").all_inner_texts() == headlines
    screenshot(page)
    assert_clean(page, request_log)


def table_rows(page, selector: str) -> list[list[str]]:
    """The body cells of an HTML table on the page, as text."""
    return [row.locator("td").all_inner_texts() for row in page.locator(f"{selector} tbody tr").all()]


def number(text: str) -> float:
    return float(text.replace("\xa0", "").replace(" ", "").replace("%", "").replace(".", "").replace(",", "."))


def test_05_monev_evaluates_module_04s_year(server, page, request_log, screenshot):
    open_module(page, server, "05_pemantauan_evaluasi")
    source = page.locator(".lm-sumber-monev").inner_text()
    assert "modul 04" in source and "modul 02" in source and "modul 03" in source
    assert page.locator(".lm-kpi").count() >= 4 and page.locator(".lm-tren img, img.lm-tren").count() >= 1
    targets = table_rows(page, ".lm-target")
    assert targets and all(r[6] in ("Tercapai", "Belum tercapai") for r in targets)
    for row in targets:  # the verdict agrees with the numbers shown
        assert (number(row[4]) >= number(row[3])) == (row[6] == "Tercapai")
        assert abs(number(row[4]) - number(row[3]) - number(row[5])) < 0.011
    reached = [f"{r[0]} {r[1]}" for r in targets if r[6] == "Tercapai"]
    q1 = question(page, "q1_prioritas_tercapai").locator("select")
    q1.select_option(label=reached or [q1.locator("option").last.inner_text()])
    settle(page)
    assert "Tepat" in check(page, "q1_prioritas_tercapai")
    answer_text(page, "q2_selisih_prioritas_pertama", targets[0][5].replace("+", "").replace(",", "."))
    assert "Tepat" in check(page, "q2_selisih_prioritas_pertama")
    effects = table_rows(page, ".lm-efek")
    best = max(effects, key=lambda r: number(r[3]))
    question(page, "q3_kegiatan_paling_berhasil").locator("select").select_option(label=f"{best[0]} {best[1]}")
    settle(page)
    assert "Tepat" in check(page, "q3_kegiatan_paling_berhasil")

    page.reload()
    open_module(page, server, "05_pemantauan_evaluasi")
    assert table_rows(page, ".lm-target") == targets
    assert selected_text(question(page, "q3_kegiatan_paling_berhasil").locator("select")).startswith(best[0])
    screenshot(page)
    assert_clean(page, request_log)


def run_cycles(page) -> dict[str, list[str]]:
    page.locator(".lm-jalankan-siklus").click()
    settle(page)
    page.locator("table.lm-bandingkan").wait_for(timeout=90_000)
    return {r[0]: r[1:] for r in table_rows(page, "table.lm-bandingkan")}


def test_06_three_cycles_against_alternatives_on_the_same_draws(server, page, request_log, screenshot):
    from labmutu.widgets.modul_siklus import TIDAK, YA

    open_module(page, server, "06_simulasi_siklus")
    assert "Rencana dari modul 03 dipakai" in body_text(page)
    first = run_cycles(page)
    assert list(first) == ["Rencana Anda", "Rencana aturan PBD", "Kegiatan acak", "Tanpa kegiatan"]
    mine = number(first["Rencana Anda"][-3])
    for name, row in first.items():  # "unggul" is the trainee's mean minus the row's mean, as shown
        if name != "Rencana Anda":
            assert abs(mine - number(row[-3]) - number(row[-1])) < 0.011, (name, row)
    assert "bukan keberuntungan" in page.locator(".lm-bandingkan").first.inner_text()
    lead_random = number(first["Kegiatan acak"][-1])
    answer_radio(page, "q1_unggul_acak", YA if lead_random > 0 else TIDAK)
    assert "Tepat" in check(page, "q1_unggul_acak")
    answer_text(page, "q2_unggul_tanpa", first["Tanpa kegiatan"][-1].replace("+", "").replace(",", "."))
    assert "Tepat" in check(page, "q2_unggul_tanpa")

    # A different plan on the same draws: only the trainee's row moves.
    plan = page.locator(".lm-rencana-kegiatan select")
    chosen = plan.evaluate("s => Array.from(s.selectedOptions).map(o => o.text)")
    plan.select_option(label=[t.replace("\xa0", " ") for t in chosen[:2]])
    settle(page)
    second = run_cycles(page)
    assert second["Tanpa kegiatan"][:-1] == first["Tanpa kegiatan"][:-1]
    assert second["Kegiatan acak"][:-1] == first["Kegiatan acak"][:-1]
    assert second["Rencana aturan PBD"][:-1] == first["Rencana aturan PBD"][:-1]
    assert second["Rencana Anda"] != first["Rencana Anda"]
    assert len(saved(server, "06_simulasi_siklus")["rencana"]) == 2

    page.reload()
    open_module(page, server, "06_simulasi_siklus")
    page.locator("table.lm-bandingkan").wait_for(timeout=90_000)
    assert {r[0]: r[1:] for r in table_rows(page, "table.lm-bandingkan")} == second
    screenshot(page)
    assert_clean(page, request_log)
