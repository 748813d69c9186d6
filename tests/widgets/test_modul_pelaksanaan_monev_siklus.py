"""Modules 04, 05 and 06 driven as a trainee would, without a browser, against the engine's numbers."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from labmutu.server import participant
from labmutu.simulations.records import Rencana, RencanaKegiatan
from labmutu.simulations.sekolah import SimulasiSekolah
from labmutu.widgets import modul_monev, modul_pelaksanaan, modul_siklus, siklus_data
from labmutu.widgets.modul_monev import MonevApp
from labmutu.widgets.modul_pelaksanaan import PelaksanaanApp
from labmutu.widgets.modul_siklus import SiklusApp
from labmutu.widgets.session import ModuleSession
from labmutu.widgets.siklus_data import DEFAULT_NPSN, DEFAULT_SAMPLE, DEFAULT_SEED, load_tables
from labmutu.widgets.timeline import jadwal, kejadian_html, realisasi_html
from labmutu.workspace import module_notebooks, shipped_modules_dir

OTHER_SCHOOL = "92679667"  # SD Negeri 2 Belitung


@pytest.fixture
def workspace(tmp_path, monkeypatch):
    """An empty workspace: every module's answers go to ``tmp_path/jawaban``."""
    monkeypatch.setenv("LABMUTU_WORKSPACE", str(tmp_path))
    monkeypatch.delenv(participant.ENV, raising=False)
    (tmp_path / "jawaban").mkdir()
    return tmp_path


def saved(workspace, module: str) -> dict:
    return json.loads((workspace / "jawaban" / f"{module}.json").read_text(encoding="utf-8"))["jawaban"]


def engine(tahun: int = 1) -> SimulasiSekolah:
    return SimulasiSekolah(load_tables(DEFAULT_SAMPLE), DEFAULT_NPSN, seed=DEFAULT_SEED, tahun=tahun)


def check(form, value) -> str:
    form.answer.value = value
    form.check_button.click()
    return form.feedback.value


# -- module 04 --------------------------------------------------------------------------------------
def test_running_the_year_shows_the_engines_realisasi_exactly(workspace):
    app = PelaksanaanApp()
    assert "Rencana belum dibuat di modul 03; dipakai rencana usulan aturan PBD" in app.source.value
    assert "1. Pemetaan mutu" not in app.stepper.value and "aria-current" in app.stepper.value
    app.run_button.click()
    sim = engine()
    assert app.current_plan() == sim.rekomendasi()
    expected = sim.laporan(sim.jalankan(sim.rekomendasi()))
    pd.testing.assert_frame_equal(app.report.realisasi, expected.realisasi)
    pd.testing.assert_frame_equal(app.report.kegiatan, expected.kegiatan)
    assert app.timeline.spending.value == realisasi_html(expected.realisasi)
    for amount in expected.realisasi.loc[expected.realisasi["rencana"] > 0, "realisasi"]:
        assert f"{amount:,}".replace(",", ".") in app.timeline.spending.value
    assert expected.guncangan == ["Mutasi guru"] and "Mutasi guru" in app.timeline.events.value
    assert bytes(app.timeline.image.value).startswith(b"\x89PNG")
    assert saved(workspace, modul_pelaksanaan.MODULE)["sudah_dijalankan"] is True
    assert "lm-jalankan" in app.run_button._dom_classes


def test_involvement_and_persons_in_charge_change_completion(workspace):
    app = PelaksanaanApp()
    app.run_button.click()
    before = app.report.kegiatan.set_index("kode")["keterlaksanaan"]
    for key, box in app.people.items():
        box.value = key == "kepala_sekolah"
    first = app.start.rencana.kegiatan[0].kode
    app.persons[first][1].value = ""
    assert "Tekan <b>Jalankan satu tahun</b> lagi" in app.status.value
    app.run_button.click()
    after = app.report.kegiatan.set_index("kode")["keterlaksanaan"]
    assert (after < before).all()
    answers = saved(workspace, modul_pelaksanaan.MODULE)
    assert answers["keterlibatan"] == ["kepala_sekolah"] and answers["penanggung_jawab"][first] == ""
    assert answers["dijalankan"]["keterlibatan"] == ["kepala_sekolah"]


def test_same_seed_on_a_second_instance_shows_identical_results(workspace):
    app = PelaksanaanApp()
    app.people["komite"].value = False
    app.run_button.click()
    app.people["guru"].value = False  # changed after the run: the reload shows the run, not this
    again = PelaksanaanApp()
    assert again.report is not None and again.seed == app.seed == DEFAULT_SEED
    pd.testing.assert_frame_equal(again.report.realisasi, app.report.realisasi)
    pd.testing.assert_frame_equal(again.report.kegiatan, app.report.kegiatan)
    pd.testing.assert_frame_equal(again.report.evaluasi, app.report.evaluasi)
    for part in ("events", "activities", "spending", "evidence", "purchases"):
        assert getattr(again.timeline, part).value == getattr(app.timeline, part).value
    assert bytes(again.timeline.image.value) == bytes(app.timeline.image.value)
    assert not again.people["komite"].value and not again.people["guru"].value
    assert "Tekan <b>Jalankan satu tahun</b> lagi" in again.status.value


def test_module_03_plan_is_used_when_present(workspace):
    third = ModuleSession(siklus_data.MODUL_PERENCANAAN)
    third.set("npsn", DEFAULT_NPSN)
    third.set("rencana", ["K10", "K07", "K99"])
    third.set("semester", {"K10": 2})
    third.set("prioritas", ["A.1", "D.1"])
    app = PelaksanaanApp()
    assert "Rencana dari modul 03 dipakai: K10, K07." in app.source.value
    assert [(k.kode, k.semester) for k in app.start.rencana.kegiatan] == [("K10", 2), ("K07", 1)]
    app.run_button.click()
    assert list(app.report.kegiatan["kode"]) == ["K07", "K10"]
    assert SiklusApp().plan_select.value == ("K07", "K10")
    assert MonevApp().prioritas == ("A.1", "D.1")


def test_module_03_plan_of_another_school_is_not_used(workspace):
    third = ModuleSession(siklus_data.MODUL_PERENCANAAN)
    third.set("npsn", OTHER_SCHOOL)
    third.set("rencana", ["K10"])
    app = PelaksanaanApp()
    assert "dibuat untuk sekolah lain" in app.source.value
    assert app.start.rencana == engine().rekomendasi()


def test_pelaksanaan_checkers_accept_the_right_answer_and_reject_a_wrong_one(workspace):
    app = PelaksanaanApp()
    assert "Jalankan satu tahun</b> dulu" in check(app.q_shocks, ("Mutasi guru",))
    app.run_button.click()
    sim = engine()
    rep = sim.laporan(sim.jalankan(sim.rekomendasi()))
    assert "Tepat" in check(app.q_shocks, ("Mutasi guru",))
    assert "Belum tepat" in check(app.q_shocks, (modul_pelaksanaan.TIDAK_ADA,))
    assert "tidak dapat dipilih bersama" in check(app.q_shocks, ("Mutasi guru", modul_pelaksanaan.TIDAK_ADA))
    done = rep.kegiatan.set_index("kode")["keterlaksanaan"]
    assert "Tepat" in check(app.q_lowest, done.idxmin())
    assert "Belum tepat" in check(app.q_lowest, done.idxmax())
    share = round(rep.kegiatan["belanja"].sum() / rep.kegiatan["anggaran"].sum() * 100, 1)
    assert "Tepat" in check(app.q_spent, share)
    assert "Belum tepat" in check(app.q_spent, share - 5)
    assert "Belum tepat" in check(app.q_reflect, "terlalu pendek")
    assert "Tersimpan" in check(app.q_reflect, " ".join(["kata"] * 25))


def test_timeline_moves_semester_2_when_tahap_2_is_late():
    sim = SimulasiSekolah(load_tables(DEFAULT_SAMPLE), DEFAULT_NPSN, seed=4)  # seed 4: tahap 2 terlambat
    rep = sim.laporan(sim.jalankan(Rencana(kegiatan=(RencanaKegiatan("K01", 2), RencanaKegiatan("K07", 1)))))
    assert "Dana tahap 2 terlambat" in rep.guncangan
    params = sim.model.params
    plan = jadwal(rep.kegiatan, sim.katalog, params, terlambat=True).set_index("kode")
    assert (plan.at["K01", "mulai_rencana"], plan.at["K01", "mulai_nyata"]) == (8, 10)
    assert plan.at["K07", "mulai_rencana"] == plan.at["K07", "mulai_nyata"] == 2
    text = kejadian_html(rep.guncangan, params, plan.reset_index())
    assert "mulai Oktober" in text and "(K01)" in text


# -- module 05 --------------------------------------------------------------------------------------
def test_monev_evaluates_the_year_run_in_module_04(workspace):
    fourth = PelaksanaanApp()
    fourth.people["orang_tua"].value = False
    fourth.run_button.click()
    app = MonevApp()
    assert "tahun yang Anda jalankan di modul 04" in app.source.value
    pd.testing.assert_frame_equal(app.report.kegiatan, fourth.report.kegiatan)
    pd.testing.assert_frame_equal(app.report.evaluasi, fourth.report.evaluasi)
    assert "aria-current" in app.stepper.value and bytes(app.dashboard.trend.value).startswith(b"\x89PNG")
    history = app.history
    assert sorted(history["tahun"].unique()) == [2022, 2023, 2024, 2025]
    assert not history.loc[history["tahun"] == 2024, "simulasi"].any()


def test_monev_without_module_04_says_so_and_uses_module_02_targets(workspace):
    second = ModuleSession(siklus_data.MODUL_PENETAPAN)
    second.set("npsn", DEFAULT_NPSN)
    second.set("target", {"A.1": 50.0, "D.1": 70.0})
    second.set("jangka_tahun", 2)
    app = MonevApp()
    assert "Modul 04 belum dijalankan" in app.source.value and "berjangka 2 tahun" in app.source.value
    ev = app.report.evaluasi.set_index("kode_indikator")
    start = engine().rapor().set_index("kode_indikator")["nilai"]
    assert ev.at["A.1", "target"] == round(start["A.1"] + (50.0 - start["A.1"]) / 2, 2)
    assert ev.at["D.1", "target"] == round(start["D.1"] + (70.0 - start["D.1"]) / 2, 2)
    assert f"{ev.at['A.1', 'target']:.2f}".replace(".", ",") in app.dashboard.targets.value


def test_monev_checkers_accept_the_right_answer_and_reject_a_wrong_one(workspace):
    app = MonevApp()
    sim = engine()
    rep = sim.laporan(sim.jalankan(sim.rekomendasi()))
    ev = rep.evaluasi.set_index("kode_indikator")
    prio = tuple(sim.prioritas().head(3)["kode_indikator"].astype(str))
    assert app.prioritas == prio
    reached = tuple(c for c in prio if ev.at[c, "tercapai"]) or (modul_monev.TIDAK_ADA,)
    wrong = tuple(c for c in prio if not ev.at[c, "tercapai"]) or (modul_monev.TIDAK_ADA,)
    assert "Tepat" in check(app.q_reached, reached)
    assert "Belum tepat" in check(app.q_reached, wrong)
    gap = float(ev.at[prio[0], "selisih"])
    assert "Tepat" in check(app.q_gap, gap)
    assert "Tandanya terbalik" in check(app.q_gap, -gap)
    power = rep.kegiatan.set_index("kode")["daya_efek"]
    assert "Tepat" in check(app.q_best, power.idxmax())
    assert "Belum tepat" in check(app.q_best, power.idxmin())


# -- module 06 --------------------------------------------------------------------------------------
def test_counterfactual_with_the_pbd_plan_gives_identical_rows(workspace):
    app = SiklusApp()
    app.plan_select.value = ("K36",)
    app.use_pbd.click()
    sim = engine(modul_siklus.TAHUN)
    assert app.current_plan() == sim.rekomendasi()
    app.run_button.click()
    table = app.table
    pd.testing.assert_frame_equal(table, sim.bandingkan(sim.jalankan(sim.rekomendasi())))
    first = table[table["tahun"] == table["tahun"].min()]
    assert (first["nilai_rencana"] == first["nilai_pbd"]).all() and (first["selisih_pbd"] == 0).all()
    summary = app.compare.summary.set_index("skenario")
    assert summary.at["pbd", "unggul_rencana"] == 0 and summary.at["tanpa", "unggul_rencana"] > 0
    assert "bukan keberuntungan" in app.compare.explanation.value
    assert [r.tahun for r in app.reports] == [2025, 2026, 2027]


def test_a_different_plan_differs_from_pbd_on_the_same_luck(workspace):
    app = SiklusApp()
    app.plan_select.value = ("K36",)
    app.run_button.click()
    sim = engine(modul_siklus.TAHUN)
    pbd = sim.jalankan(kebijakan="pbd")
    assert not (app.table["selisih_pbd"] == 0).all()
    for mine, theirs in zip(app.hasil.tahun, pbd.tahun):
        assert (mine.guncangan == theirs.guncangan).all()


def test_siklus_checkers_use_the_real_numbers(workspace):
    app = SiklusApp()
    assert "Jalankan tiga siklus</b> dulu" in check(app.q_none, 1.0)
    app.run_button.click()
    sim = engine(modul_siklus.TAHUN)
    table = sim.bandingkan(sim.jalankan(sim.rekomendasi()))
    last = table[(table["tahun"] == 2027) & table["kode_indikator"].astype(str).isin(app.start.prioritas)]
    lead_random = round(last["nilai_rencana"].mean() - last["nilai_acak"].mean(), 2)
    lead_none = round(last["nilai_rencana"].mean() - last["nilai_tanpa"].mean(), 2)
    right, wrong = (modul_siklus.YA, modul_siklus.TIDAK) if lead_random > 0 else (modul_siklus.TIDAK, modul_siklus.YA)
    assert "Tepat" in check(app.q_random, right)
    assert "Belum tepat" in check(app.q_random, wrong)
    assert "Tepat" in check(app.q_none, lead_none)
    assert "Belum tepat" in check(app.q_none, lead_none + 1)
    good = app.q_luck.answer.options[0]
    assert "Tepat" in check(app.q_luck, good)
    assert "Belum tepat" in check(app.q_luck, app.q_luck.answer.options[1])


def test_answers_and_runs_are_restored_on_a_new_instance(workspace):
    fourth = PelaksanaanApp()
    fourth.q_reflect.answer.value = "Mutasi guru mengganggu komunitas belajar"
    fourth.q_shocks.answer.value = ("Mutasi guru",)
    fifth = MonevApp()
    fifth.q_gap.answer.value = -1.25
    sixth = SiklusApp()
    sixth.plan_select.value = ("K07", "K10")
    sixth.run_button.click()
    sixth.year.value = 2026
    sixth.q_luck.answer.value = sixth.q_luck.answer.options[0]
    again4, again5, again6 = PelaksanaanApp(), MonevApp(), SiklusApp()
    assert again4.report is None  # never run: nothing to restore
    assert again4.q_reflect.answer.value == "Mutasi guru mengganggu komunitas belajar"
    assert again4.q_shocks.answer.value == ("Mutasi guru",)
    assert again5.q_gap.answer.value == -1.25
    assert again6.plan_select.value == ("K07", "K10") and again6.year.value == 2026
    pd.testing.assert_frame_equal(again6.table, sixth.table)
    assert again6.dashboard.targets.value == sixth.dashboard.targets.value
    assert again6.q_luck.answer.value == sixth.q_luck.answer.options[0]
    assert saved(workspace, modul_siklus.MODULE)["seed"] == DEFAULT_SEED


def test_saved_plans_in_any_accepted_form_round_trip():
    entries = siklus_data.plan_entries(["K01", ["K07", 2], {"kode": "K10", "semester": 3, "penanggung_jawab": ""}, 5])
    assert entries == [{"kode": "K01", "semester": 0, "penanggung_jawab": None},
                       {"kode": "K07", "semester": 2, "penanggung_jawab": None},
                       {"kode": "K10", "semester": 0, "penanggung_jawab": ""}]
    plan = Rencana(kegiatan=(RencanaKegiatan("K07", 2, ""),), keterlibatan=("guru",), honor=1_000, target={"A.1": 45.0})
    assert siklus_data.rencana_dari_json(json.loads(json.dumps(siklus_data.rencana_ke_json(plan)))) == plan
    assert siklus_data.rencana_dari_json({"kegiatan": [{"kode": "K01"}], "keterlibatan": ["raja"]}) is None


def test_new_module_notebooks_are_shipped_and_executed():
    stems = {p.stem for p in module_notebooks(shipped_modules_dir())}
    assert {"04_pelaksanaan_peningkatan", "05_pemantauan_evaluasi", "06_simulasi_siklus"} <= stems
    for module in (modul_pelaksanaan, modul_monev, modul_siklus):
        path = shipped_modules_dir() / f"{module.MODULE}.ipynb"
        assert f"from labmutu.widgets.{module.__name__.rsplit('.', 1)[1]} import" in path.read_text(encoding="utf-8")
