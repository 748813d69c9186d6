"""Modules 02 and 03 driven as a trainee would, without a browser: checks, budget, RKAS, saved answers."""

from __future__ import annotations

import html

import ipywidgets as w
import pytest

from labmutu.datasets import samples
from labmutu.errors import LabMutuError
from labmutu.server import participant
from labmutu.simulations.records import Rencana, RencanaKegiatan
from labmutu.simulations.rkas import batas_honor_rp
from labmutu.simulations.sekolah import SimulasiSekolah
from labmutu.widgets.activity_catalog import filter_rows
from labmutu.widgets.budget import budget_summary
from labmutu.widgets.format import persen, rupiah
from labmutu.widgets.modul_penetapan import PenetapanApp
from labmutu.widgets.modul_perencanaan import HONOR_NO, HONOR_YES, PerencanaanApp
from labmutu.widgets.perencanaan import plan_from_answers, root_causes
from labmutu.widgets.school_choice import working
from labmutu.widgets.session import ModuleSession, saved_answers
from labmutu.widgets.standar_form import StandarForm

LITERASI = "92679372"   # sekolah-latihan case 1: literacy low and falling, every indicator below 70
HONOR = "92691766"      # case 4: honor 28 % of the allocation, above the 2025 cap of 20 %
BAIK = "92696654"       # case 7: SMK, every indicator at or above 70
MIXED = "92679667"      # case 2: numeracy low, one indicator already above 70


@pytest.fixture
def workspace(tmp_path, monkeypatch):
    """A fresh participant workspace: every ModuleSession and saved_answers reads and writes here."""
    monkeypatch.setenv("LABMUTU_WORKSPACE", str(tmp_path))
    monkeypatch.delenv(participant.ENV, raising=False)
    return tmp_path


def fresh_sim(npsn: str, sample: str = "sekolah-latihan") -> SimulasiSekolah:
    """An engine simulation built independently of the widgets' cache."""
    data = {t: samples.load(sample, t) for t in ("sekolah", "indikator", "keuangan", "sarpras")}
    return SimulasiSekolah(data, npsn, seed=0)


def add(app: PerencanaanApp, *codes: str) -> None:
    for code in codes:
        app.catalog.pick.value = code
        app.catalog.add_button.click()


def message_of(form: StandarForm, code: str) -> str:
    return form.messages[code].value


# -- module 02 -------------------------------------------------------------------------------------
def test_standar_form_checks_targets_at_and_around_the_snp_floor():
    form = StandarForm()
    form.show(fresh_sim(LITERASI).standar())
    assert form.nilai["D.4"] == pytest.approx(60.65) and form.horizon == 1
    form.inputs["D.4"].value = 69.99
    assert "di bawah standar minimal SNP" in message_of(form, "D.4")
    form.inputs["D.4"].value = 70.0  # exactly the floor, 9,35 points away: allowed and reachable in a year
    assert "Sesuai" in message_of(form, "D.4") and form.targets["D.4"] == 70.0
    assert form.needed["D.4"].value == "1"
    form.inputs["A.1"].value = 70.0  # 36,2 -> 70 needs four years at 10 points a year
    assert "tidak terjangkau dalam 1 tahun" in message_of(form, "A.1") and "sekitar 4 tahun" in message_of(form, "A.1")
    form.horizon_choice.value = 3
    assert "tidak terjangkau dalam 3 tahun" in message_of(form, "A.1")
    form.horizon_choice.value = 4
    assert "Sesuai" in message_of(form, "A.1") and form.horizon == 4
    assert "target belum sesuai" in form.summary.value and "A.1" not in form.summary.value.split("</b>")[1]


def test_school_above_the_floor_may_not_set_a_target_below_its_score():
    form = StandarForm()
    form.show(fresh_sim(BAIK).standar())
    code, now = max(form.nilai.items(), key=lambda kv: kv[1])
    assert now >= 70
    form.inputs[code].value = now - 1
    assert "lebih rendah dari capaian sekarang" in message_of(form, code)
    form.inputs[code].value = min(100.0, now + 5)
    assert "Sesuai" in message_of(form, code)
    form.fill_button.click()  # proposed standards: score + 5 above the floor, SNP below it
    standar = fresh_sim(BAIK).standar().set_index("kode_indikator")["standar"]
    assert form.targets == {k: round(float(v), 2) for k, v in standar.items()}


def test_penetapan_questions_follow_the_school(workspace):
    app = PenetapanApp()
    app.q_raise.check_button.click()
    assert "kosong" in app.q_raise.feedback.value
    app.chooser.picker.select(MIXED)
    standar = fresh_sim(MIXED).standar()
    below = tuple(standar.loc[standar.nilai < 70, "kode_indikator"])
    assert len(below) == 14
    app.q_raise.answer.value = below[:-1]
    app.q_raise.check_button.click()
    feedback = app.q_raise.feedback.value
    assert "Belum tepat" in feedback and "1 indikator di bawah SNP belum dipilih" in feedback
    app.q_raise.answer.value = below
    app.q_raise.check_button.click()
    assert "Tepat" in app.q_raise.feedback.value
    app.chooser.picker.select(LITERASI)  # lowest is D.2 at 33,00: (70 - 33) / 10 -> 4 years
    app.q_years.answer.value = 3
    app.q_years.check_button.click()
    assert "Belum tepat" in app.q_years.feedback.value
    app.q_years.answer.value = 4
    app.q_years.check_button.click()
    assert "Tepat" in app.q_years.feedback.value and "D.2" in app.q_years.feedback.value


def test_penetapan_saves_targets_and_restores_them(workspace):
    app = PenetapanApp()
    app.chooser.picker.select(LITERASI)
    assert "target" not in saved_answers("02_penetapan_standar") or not saved_answers("02_penetapan_standar")["target"]
    app.form.inputs["A.1"].value = 70.0
    app.form.horizon_choice.value = 4
    app.q_reason.answer.value = "A.1 naik ke SNP dalam empat tahun"
    saved = saved_answers("02_penetapan_standar")
    assert saved["target"]["A.1"] == 70.0 and saved["target"]["D.4"] == 60.65 and len(saved["target"]) == 15
    assert saved["jangka_tahun"] == 4 and saved["npsn"] == LITERASI
    again = PenetapanApp()
    assert again.chooser.value == ("sekolah-latihan", LITERASI)
    assert again.form.targets == saved["target"] and again.form.horizon == 4
    assert "Sesuai" in again.form.messages["A.1"].value
    assert again.q_reason.answer.value == "A.1 naik ke SNP dalam empat tahun"


# -- module 03 -------------------------------------------------------------------------------------
def test_root_causes_follow_the_chosen_priorities():
    sim = fresh_sim(LITERASI)
    pbd = list(sim.prioritas()["kode_indikator"].head(3))
    mine = root_causes(sim, pbd)
    assert mine.equals(sim.akar_masalah())
    other = root_causes(sim, ["D.4"])
    assert other.iloc[0]["akar"] != mine.iloc[0]["akar"] and "D.4" in set(other["akar"])


def test_priorities_and_first_priority_question(workspace):
    app = PerencanaanApp()
    app.chooser.picker.select(LITERASI)
    assert "Urutan PBD" not in app.priorities.table.value
    app.priorities.reveal.value = True
    assert "Urutan PBD" in app.priorities.table.value and "warna merah" in app.priorities.table.value
    app.priorities.choices[0].value = "D.1"
    app.priorities.choices[1].value = "D.1"
    assert app.priorities.value == ["D.1"] and "lebih dari sekali" in app.priorities.message.value
    assert "Kualitas pembelajaran" in app.causes.table.value and "bahan bacaan" not in app.causes.table.value
    app.priorities.use_pbd.click()
    assert app.priorities.value == list(fresh_sim(LITERASI).prioritas()["kode_indikator"].head(3))
    assert app.priorities.value[:2] == ["D.1", "A.1"]  # both merah; D.1 in the lower national quintile
    assert "Strategi pembelajaran literasi di kelas" in app.causes.table.value
    app.q_first.answer.value = "A.1"
    app.q_first.check_button.click()
    assert "Belum tepat" in app.q_first.feedback.value
    app.q_first.answer.value = "D.1"
    app.q_first.check_button.click()
    assert "Tepat" in app.q_first.feedback.value and "warna merah" in app.q_first.feedback.value


def test_adding_activities_updates_budget_totals_and_honor_share_exactly(workspace):
    app = PerencanaanApp()
    app.chooser.picker.select(LITERASI)
    sim = fresh_sim(LITERASI)
    empty = sim.rkas(Rencana())
    assert app.budget.summary.total == empty.total and app.budget.summary.kegiatan == 0
    add(app, "K01", "K07")
    expected = sim.rkas(Rencana.dari_kode(["K01", "K07"]))
    got = app.budget.summary
    cost = sim.model.biaya[0, [sim.katalog.indeks("K01"), sim.katalog.indeks("K07")]].sum()
    assert got.total == expected.total == empty.total + cost
    assert got.kegiatan == cost and got.honor == expected.honor and got.semester_1 == expected.semester_1
    assert got.porsi_honor == pytest.approx(expected.honor / expected.alokasi * 100)
    assert got == budget_summary(expected)
    assert rupiah(expected.total) in app.budget.value and persen(got.porsi_honor) in app.budget.value
    assert rupiah(expected.total) in app.rkas_table.table.value and "K07 Pojok baca" in app.rkas_table.table.value
    add(app, "K36")  # an honor activity raises the honor share
    with_honor = sim.rkas(Rencana.dari_kode(["K01", "K07", "K36"]))
    assert app.budget.summary.honor == with_honor.honor > expected.honor
    app.plan.list_box.children[0].remove_button.click()  # K01 out
    assert app.plan.codes == ["K07", "K36"]
    assert app.budget.summary.total == sim.rkas(Rencana.dari_kode(["K07", "K36"])).total


def test_plan_limits_and_catalog_filters(workspace):
    app = PerencanaanApp()
    app.chooser.picker.select(LITERASI)
    app.catalog.akar.value = "bahan_bacaan"
    shown = [v for _, v in app.catalog.pick.options]
    assert shown and all("bahan_bacaan" in app.catalog.rows.set_index("kode").at[c, "akar"] for c in shown)
    assert set(shown) == set(filter_rows(app.catalog.rows, akar="bahan_bacaan")["kode"])
    app.catalog.akar.value = ""
    add(app, "K01", "K01")
    assert app.plan.codes == ["K01"] and "sudah ada" in app.plan.message.value
    add(app, "K02", "K03", "K04", "K05", "K06")
    assert len(app.plan.codes) == 5 and "Hapus satu kegiatan" in app.plan.message.value


def test_plan_breaking_rules_shows_each_violation_message(workspace):
    app = PerencanaanApp()
    app.chooser.picker.select(HONOR)
    sim = fresh_sim(HONOR)
    add(app, "K01")
    [violation] = sim.periksa(Rencana.dari_kode(["K01"]))
    assert violation.aturan == "honor_melebihi_batas"
    assert html.escape(violation.pesan) in app.rkas_table.compliance.value
    assert "data-aturan='honor_melebihi_batas'" in app.rkas_table.compliance.value
    app.q_honor.answer.value = HONOR_YES
    app.q_honor.check_button.click()
    assert "Belum tepat" in app.q_honor.feedback.value
    app.q_honor.answer.value = HONOR_NO
    app.q_honor.check_button.click()
    assert "Tepat" in app.q_honor.feedback.value

    app.honor_cap_button.click()
    cap = int(batas_honor_rp([sim.model.awal.alokasi[0]], 2025, [False])[0])
    assert app.honor.value == cap and app.budget.summary.honor == cap
    assert sim.periksa(Rencana.dari_kode(["K01"], honor=cap)) == [] == app.rkas_table.violations
    assert "lm-patuh" in app.rkas_table.compliance.value
    app.q_honor.answer.value = HONOR_YES
    app.q_honor.check_button.click()
    assert "Tepat" in app.q_honor.feedback.value

    add(app, "K30")  # SMK only, at an SMP
    smk = [v for v in sim.periksa(Rencana.dari_kode(["K01", "K30"], honor=cap)) if v.aturan == "komponen_khusus_smk"]
    assert smk and html.escape(smk[0].pesan) in app.rkas_table.compliance.value


def test_semester_choice_moves_spending_out_of_tahap_1(workspace):
    app = PerencanaanApp()
    app.chooser.picker.select(LITERASI)
    add(app, "K01", "K07", "K10", "K36")
    assert "tahap_1_terlampaui" in [v.aturan for v in app.rkas_table.violations]
    for row in app.plan.list_box.children:
        row.toggle.value = 2
    plan = Rencana(kegiatan=tuple(RencanaKegiatan(c, 2) for c in ("K01", "K07", "K10", "K36")),
                   honor=app.last_honor())
    assert app.current_plan() == plan
    assert app.rkas_table.violations == fresh_sim(LITERASI).periksa(plan)
    assert "tahap_1_terlampaui" not in [v.aturan for v in app.rkas_table.violations]


def test_plan_priorities_and_answers_are_restored_by_a_second_app(workspace):
    app = PerencanaanApp()
    app.chooser.sample.value = "belitung"
    npsn = app.chooser.sekolah.npsn.iloc[3]
    app.chooser.picker.select(npsn)
    app.priorities.use_pbd.click()
    add(app, "K07", "K01")
    app.plan.list_box.children[1].toggle.value = 2
    app.honor.value = 1_000_000
    app.q_reflect.answer.value = "Akar masalah literasi: strategi di kelas dan bahan bacaan"
    saved = saved_answers("03_perencanaan_peningkatan")
    assert saved["rencana"] == ["K07", "K01"] and saved["semester"] == {"K07": 1, "K01": 2}
    assert saved["prioritas"] == app.priorities.value and len(saved["prioritas"]) == 3
    assert saved["honor"] == 1_000_000
    assert plan_from_answers(saved) == app.current_plan()

    again = PerencanaanApp()
    assert again.chooser.value == ("belitung", npsn)
    assert again.priorities.value == saved["prioritas"] and again.plan.items == {"K07": 1, "K01": 2}
    assert again.honor.value == 1_000_000 and again.current_plan() == app.current_plan()
    assert again.budget.summary == app.budget.summary
    assert again.q_reflect.answer.value.startswith("Akar masalah literasi")


def test_recommendation_fills_a_compliant_plan(workspace):
    app = PerencanaanApp()
    app.chooser.picker.select(HONOR)
    app.recommend_button.click()
    rec = fresh_sim(HONOR).rekomendasi()
    assert app.current_plan().kegiatan == rec.kegiatan and app.honor.value == rec.honor
    assert app.rkas_table.violations == [] and saved_answers("03_perencanaan_peningkatan")["rencana"] == \
        [k.kode for k in rec.kegiatan]
    app.clear_button.click()
    assert app.plan.codes == [] and saved_answers("03_perencanaan_peningkatan")["rencana"] == []


def test_both_modules_start_on_the_school_of_module_01(workspace):
    first = ModuleSession("01_pemetaan_mutu")
    first.set("sampel", "sumba-barat")
    npsn = samples.load("sumba-barat", "sekolah").npsn.iloc[2]
    first.set("npsn", npsn)
    name = samples.load("sumba-barat", "sekolah").set_index("npsn").at[npsn, "nama"]
    penetapan, perencanaan = PenetapanApp(), PerencanaanApp()
    for app in (penetapan, perencanaan):
        assert app.chooser.value == ("sumba-barat", npsn) and app.chooser.picker.value == npsn
        assert html.escape(name) in app.summary.value
    assert len(penetapan.form.inputs) == 15 and penetapan.stepper.current == 1 and perencanaan.stepper.current == 2
    perencanaan.chooser.picker.select(samples.load("sumba-barat", "sekolah").npsn.iloc[4])
    assert PerencanaanApp().chooser.value[1] != npsn  # its own choice now wins over module 01's
    assert PenetapanApp().chooser.value == ("sumba-barat", npsn)


def test_changing_dataset_keeps_the_plan_and_clears_the_priorities(workspace):
    app = PerencanaanApp()
    app.chooser.picker.select(LITERASI)
    app.priorities.use_pbd.click()
    add(app, "K07")
    app.chooser.sample.value = "belitung"
    assert app.chooser.value == ("belitung", "") and app.sim is None and app.rkas is None
    assert app.plan.items == {"K07": 1} and saved_answers("03_perencanaan_peningkatan")["rencana"] == ["K07"]
    assert "Pilih sekolah dulu" in app.budget.value and app.priorities.value == []
    npsn = app.chooser.sekolah.npsn.iloc[0]
    app.chooser.picker.select(npsn)
    expected = fresh_sim(npsn, "belitung").rkas(Rencana.dari_kode(["K07"]))
    assert app.budget.summary == budget_summary(expected)
    assert saved_answers("03_perencanaan_peningkatan")["honor"] == app.last_honor()


def test_working_turns_errors_into_indonesian_messages():
    status = w.HTML()
    with working(status):
        assert "Menghitung" in status.value
    assert status.value == ""
    with working(status):
        raise LabMutuError("Sekolah '123' tidak ada.", "Pilih sekolah dari daftar.")
    assert "Sekolah &#x27;123&#x27; tidak ada. Pilih sekolah dari daftar." in status.value
    with working(status):
        raise ValueError("internal")
    assert "beri tahu pelatih" in status.value and "internal" not in status.value
