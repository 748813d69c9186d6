"""RKAS rules: every rule broken is named with an Indonesian message; caps by year; vectorised = scalar."""

from __future__ import annotations

import numpy as np
import pytest

from labmutu.simulations import rkas
from labmutu.simulations.catalog import katalog
from labmutu.simulations.rkas import BarisRkas, Rkas, batas_honor, periksa_rkas, susun_rkas

ALOKASI = 100_000_000


def _rkas(*lines, jenjang="SD", status="Negeri", alokasi=ALOKASI, tahun=2025):
    return Rkas("90000001", tahun, jenjang, status, alokasi, tuple(BarisRkas(*line) for line in lines))


def _rules(plan):
    return [p.aturan for p in periksa_rkas(plan)]


def test_compliant_plan_has_no_violation():
    plan = _rkas(("RUTIN", "Honor", "k12_honor", 20_000_000, 1), ("K01", "IHT", "k06_profesi_ptk", 5_000_000, 1),
                 ("RUTIN", "Daya", "k07_daya_jasa", 25_000_000, 1), ("K07", "Pojok baca", "k02_perpustakaan", 50_000_000, 2))
    assert periksa_rkas(plan) == []


@pytest.mark.parametrize("line, rule, words", [
    (("RUTIN", "x", "k13_lain", 1_000, 1), "komponen_tidak_dikenal", "12 komponen BOSP"),
    (("RUTIN", "x", "k07_daya_jasa", -1_000, 1), "nilai_negatif", "negatif"),
    (("RUTIN", "x", "k07_daya_jasa", 1_000, 3), "semester_tidak_sah", "semester 3"),
    (("K99", "x", "k03_pembelajaran", 1_000, 1), "kegiatan_tidak_dikenal", "tidak ada di katalog"),
    (("K01", "x", "k03_pembelajaran", 1_000, 1), "komponen_tidak_sesuai", "seharusnya ke komponen k06_profesi_ptk"),
    (("RUTIN", "x", "k10_kompetensi_keahlian", 1_000, 1), "komponen_khusus_smk", "hanya untuk SMK"),
])
def test_each_line_rule_is_named(line, rule, words):
    out = periksa_rkas(_rkas(line))
    assert [p.aturan for p in out] == [rule]
    assert words in out[0].pesan


def test_smk_may_use_components_10_and_11():
    assert _rules(_rkas(("K30", "UKK", "k10_kompetensi_keahlian", 1_000, 2), jenjang="SMK")) == []


def test_duplicate_activity_is_named():
    out = _rules(_rkas(("K01", "IHT", "k06_profesi_ptk", 1_000, 1), ("K01", "IHT", "k06_profesi_ptk", 1_000, 2)))
    assert out == ["kegiatan_ganda"]


def test_total_at_and_above_the_allocation():
    assert _rules(_rkas(("RUTIN", "x", "k03_pembelajaran", 50_000_000, 1),
                        ("RUTIN", "x", "k03_pembelajaran", 50_000_000, 2))) == []
    out = periksa_rkas(_rkas(("RUTIN", "x", "k03_pembelajaran", 50_000_000, 1),
                             ("RUTIN", "x", "k03_pembelajaran", 50_001_000, 2)))
    assert [p.aturan for p in out] == ["total_melebihi_alokasi"]
    assert "Rp 100.001.000 melebihi alokasi BOSP Rp 100.000.000" in out[0].pesan


def test_school_without_allocation_may_not_plan_bosp_spending():
    out = periksa_rkas(_rkas(("K01", "IHT", "k06_profesi_ptk", 1_000, 1), alokasi=0))
    assert [p.aturan for p in out] == ["tidak_menerima_bosp"]
    assert "sumber dana lain" in out[0].pesan


@pytest.mark.parametrize("status, cap", [("Negeri", 20_000_000), ("Swasta", 40_000_000)])
def test_honor_cap_2025_at_and_above(status, cap):
    at = _rkas(("RUTIN", "Honor", "k12_honor", cap // 2, 1), ("RUTIN", "Honor", "k12_honor", cap // 2, 2), status=status)
    assert _rules(at) == []
    above = _rkas(("RUTIN", "Honor", "k12_honor", cap // 2, 1), ("RUTIN", "Honor", "k12_honor", cap // 2 + 1_000, 2),
                  status=status)
    out = periksa_rkas(above)
    assert [p.aturan for p in out] == ["honor_melebihi_batas"]
    assert f"melebihi batas {cap * 100 // ALOKASI} %" in out[0].pesan and status.lower() in out[0].pesan


def test_honor_paid_through_an_activity_counts_toward_the_cap():
    plan = _rkas(("RUTIN", "Honor", "k12_honor", 15_000_000, 1), ("K36", "Guru pendamping", "k12_honor", 6_000_000, 2))
    assert _rules(plan) == ["honor_melebihi_batas"]


@pytest.mark.parametrize("tahun, negeri, swasta", [(2019, 15, 15), (2020, 50, 50), (2022, 50, 50), (2023, 50, 50),
                                                   (2024, 50, 50), (2025, 20, 40), (2030, 20, 40)])
def test_honor_caps_selectable_by_year(tahun, negeri, swasta):
    assert batas_honor(tahun, "Negeri") == negeri and batas_honor(tahun, "Swasta") == swasta


def test_same_honor_legal_under_the_old_rule_breaks_the_2025_rule():
    lines = (("RUTIN", "Honor", "k12_honor", 14_000_000, 1), ("RUTIN", "Honor", "k12_honor", 14_000_000, 2))
    assert _rules(_rkas(*lines, tahun=2024)) == []
    assert _rules(_rkas(*lines, tahun=2025)) == ["honor_melebihi_batas"]


def test_semester_1_may_spend_tahap_1_and_no_more():
    assert _rules(_rkas(("RUTIN", "x", "k03_pembelajaran", 50_000_000, 1))) == []
    out = periksa_rkas(_rkas(("RUTIN", "x", "k03_pembelajaran", 50_001_000, 1)))
    assert [p.aturan for p in out] == ["tahap_1_terlampaui"]
    assert "dana tahap 1 Rp 50.000.000 (50 % alokasi" in out[0].pesan
    # Three tranches before 2023: 30 % + 40 % were in hand by June.
    assert _rules(_rkas(("RUTIN", "x", "k03_pembelajaran", 70_000_000, 1), tahun=2022)) == []


def test_a_plan_breaking_everything_gets_every_violation_at_once():
    plan = _rkas(("RUTIN", "x", "k13_lain", 1_000, 1), ("RUTIN", "x", "k07_daya_jasa", -1_000, 3),
                 ("K99", "x", "k03_pembelajaran", 1_000, 1), ("K01", "x", "k03_pembelajaran", 1_000, 1),
                 ("K01", "x", "k06_profesi_ptk", 1_000, 1), ("K31", "x", "k11_keterserapan_lulusan", 1_000, 1),
                 ("RUTIN", "Honor", "k12_honor", 60_000_000, 1), ("RUTIN", "x", "k03_pembelajaran", 50_000_000, 2))
    assert sorted(set(_rules(plan))) == sorted(set(rkas.ATURAN) - {"tidak_menerima_bosp"})


def test_susun_rkas_splits_routine_over_semesters_and_charges_catalog_components():
    plan = susun_rkas("90000001", 2025, "SD", "Negeri", ALOKASI, [1_001_000] + [0] * 11, [("K07", 2, 3_000_000)])
    assert [(b.komponen, b.jumlah, b.semester) for b in plan.baris] == [
        ("k01_ppdb", 500_500, 1), ("k01_ppdb", 500_500, 2), ("k02_perpustakaan", 3_000_000, 2)]
    assert plan.total == 4_001_000 and plan.semester_1 == 500_500
    assert plan.per_komponen()["k02_perpustakaan"] == 3_000_000


def test_vectorised_check_agrees_with_the_line_by_line_check():
    kat = katalog()
    rng = np.random.default_rng(5)
    n = 300
    alokasi = rng.integers(0, 3, n) * rng.integers(20, 200, n) * 1_000_000
    status = np.where(rng.random(n) < 0.3, "Swasta", "Negeri")
    jenjang = np.where(rng.random(n) < 0.2, "SMK", "SD")
    rutin = (rng.integers(0, 12, (n, 12)) * 1_000_000).astype(np.int64)
    chosen = rng.random((n, len(kat))) < 0.1
    semester = np.where(chosen, rng.integers(1, 3, (n, len(kat))), 0)
    cost = rng.integers(1, 20, (n, len(kat))) * 1_000_000
    rows, ks = np.nonzero(chosen)
    ok = rkas.patuh(alokasi, rutin, rows, ks, semester[rows, ks], cost[rows, ks], jenjang == "SMK", 2025,
                    status == "Swasta", kat)
    for i in range(n):
        items = [(kat.kode[k], int(semester[i, k]), int(cost[i, k])) for k in np.flatnonzero(chosen[i])]
        plan = susun_rkas(str(i), 2025, jenjang[i], status[i], int(alokasi[i]), rutin[i], items, kat)
        assert ok[i] == (periksa_rkas(plan, kat) == []), (i, periksa_rkas(plan, kat))
    assert 0 < ok.sum() < n


def test_rupiah_format():
    assert rkas.rupiah(1234567) == "Rp 1.234.567" and rkas.rupiah(-5000) == "-Rp 5.000"
