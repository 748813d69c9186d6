"""The one-school API a widget calls: every step, fixed draws across attempts, and speed."""

from __future__ import annotations

import time

from labmutu.simulations.records import Rencana, RencanaKegiatan
from labmutu.simulations.sekolah import SimulasiSekolah

LITERASI = "92679372"   # case 1: literacy low and falling
HONOR = "92691766"      # case 4: honor 28 % of the allocation


def test_steps_of_one_school(sampel):
    sim = SimulasiSekolah(sampel("sekolah-latihan"), LITERASI, seed=7)
    rapor = sim.rapor()
    assert len(rapor) == 15 and rapor.set_index("kode_indikator").loc["A.1", "capaian"] == "Kurang"
    first = sim.prioritas().head(2)
    assert set(first["kode_indikator"]) == {"A.1", "D.1"} and (first["warna"] == "merah").all()
    assert set(sim.akar_masalah()["akar"]) >= {"D.1", "literasi_kelas"}
    plan = sim.rekomendasi()
    assert 1 <= len(plan.kegiatan) <= 5 and sim.periksa(plan) == []
    assert list(sim.standar().set_index("kode_indikator").loc["A.1", ["standar"]]) == [70.0]


def test_case_4_honor_breaks_the_2025_cap(sampel):
    sim = SimulasiSekolah(sampel("sekolah-latihan"), HONOR, seed=7)
    keep_honor = Rencana.dari_kode(["K01"])
    assert [p.aturan for p in sim.periksa(keep_honor)] == ["honor_melebihi_batas"]
    assert sim.periksa(sim.rekomendasi()) == []


def test_every_attempt_meets_the_same_luck(sampel):
    sim = SimulasiSekolah(sampel("sekolah-latihan"), LITERASI, seed=7, tahun=2)
    a = sim.jalankan(Rencana.dari_kode(["K10"]))
    b = sim.jalankan(Rencana.dari_kode(["K10", "K07"]))
    again = sim.jalankan(Rencana.dari_kode(["K10"]))
    assert a.sama(again) and not a.sama(b)
    for x, y in zip(a.tahun, b.tahun):
        assert (x.guncangan == y.guncangan).all()


def test_report_of_a_year(sampel):
    sim = SimulasiSekolah(sampel("sekolah-latihan"), LITERASI, seed=7)
    plan = Rencana(kegiatan=(RencanaKegiatan("K07"), RencanaKegiatan("K01", 2, "")))
    rep = sim.laporan(sim.jalankan(plan))
    assert rep.tahun == 2025 and list(rep.kegiatan["kode"]) == ["K01", "K07"]
    assert (rep.kegiatan["belanja"] <= rep.kegiatan["anggaran"]).all()
    assert rep.kegiatan.set_index("kode").loc["K01", "status"].startswith("dampak baru terlihat")
    assert rep.realisasi["realisasi"].sum() <= rep.rkas.alokasi
    assert set(rep.bukti["kode_kegiatan"]) == {"K01", "K07"}
    assert list(rep.siplah["kode_kegiatan"]) == ["K07"]
    assert len(rep.evaluasi) == 15 and rep.pelanggaran == []


def test_comparison_with_other_policies(sampel):
    sim = SimulasiSekolah(sampel("sekolah-latihan"), LITERASI, seed=7)
    table = sim.bandingkan(sim.jalankan(Rencana.dari_kode(["K10"])))
    assert {"nilai_rencana", "nilai_pbd", "nilai_acak", "nilai_tanpa", "selisih_tanpa"} <= set(table.columns)
    # Same draws: with no activities the plan's school is the "tanpa" run exactly.
    empty = sim.bandingkan(sim.jalankan(Rencana()))
    assert (empty["selisih_tanpa"] == 0).all()


def test_one_full_cycle_is_fast_enough_for_a_widget(sampel):
    sim = SimulasiSekolah(sampel("belitung"), "92679061", seed=1)
    plan = sim.rekomendasi()
    sim.jalankan(plan)
    start = time.perf_counter()
    for _ in range(20):
        sim.laporan(sim.jalankan(plan))
    assert (time.perf_counter() - start) / 20 < 0.05


def test_strengths_and_weaknesses_of_the_current_rapor(sampel):
    sim = SimulasiSekolah(sampel("sekolah-latihan"), "92696654", seed=1)  # case 7: almost all Baik
    strengths, weaknesses = sim.kekuatan_kelemahan()
    assert len(strengths) >= 10 and not set(strengths) & set(weaknesses)


def test_checks_after_a_run_still_concern_the_first_year(sampel):
    sim = SimulasiSekolah(sampel("sekolah-latihan"), "92694300", seed=0, tahun=2)  # case 5: no BOSP
    plan = Rencana.dari_kode(["K07"])
    before = [p.aturan for p in sim.periksa(plan)]
    sim.jalankan(plan)
    assert [p.aturan for p in sim.periksa(plan)] == before == ["tidak_menerima_bosp"]


def test_each_school_meets_its_own_luck(sampel):
    data = sampel("sekolah-latihan")
    a = SimulasiSekolah(data, LITERASI, seed=3, tahun=3).jalankan()
    b = SimulasiSekolah(data, HONOR, seed=3, tahun=3).jalankan()
    again = SimulasiSekolah(data, LITERASI, seed=3, tahun=3).jalankan()
    assert a.sama(again)
    assert a.rng_state != b.rng_state  # different schools, different draws for the same seed
