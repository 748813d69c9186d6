"""Pelaksanaan and monev on one hand-built school with hand-set draws: every number by hand."""

from __future__ import annotations

import numpy as np
import pytest

from labmutu.datasets.schema import INDIKATOR, KOMPONEN_BOSP
from labmutu.simulations.catalog import katalog
from labmutu.simulations.inputs import Undian, siapkan
from labmutu.simulations.monev import evaluasi
from labmutu.simulations.pelaksanaan import baris_siplah, bukti, laksanakan
from labmutu.simulations.perencanaan import syarat_terpenuhi
from labmutu.simulations.records import Parameter, RencanaTahun

KODE = tuple(INDIKATOR)
KOMP = tuple(KOMPONEN_BOSP)
KAT = katalog()
K = len(KAT)
CALM = Parameter(tren=0.0, sd_proses=0.0, sd_ukur=0.0)


def _awal(buat_data, sekolah, **kw):
    return siapkan(buat_data(sekolah("90000001", **kw)))


def _plan(items: dict, *, rutin=None, keterlibatan=1.0, pj=True):
    """items: code -> (semester, cost)."""
    dipilih = np.zeros((1, K), dtype=bool)
    semester = np.zeros((1, K), dtype=np.int8)
    biaya = np.zeros((1, K), dtype=np.int64)
    for code, (sem, cost) in items.items():
        k = KAT.indeks(code)
        dipilih[0, k], semester[0, k], biaya[0, k] = True, sem, cost
    r = np.zeros((1, 12), dtype=np.int64) if rutin is None else np.array([rutin], dtype=np.int64)
    return RencanaTahun(prioritas=np.zeros((1, 3), dtype=np.int64), akar=np.zeros((len(KAT.simpul), 1)),
                        dipilih=dipilih, semester=semester, pj=dipilih & pj,
                        keterlibatan=np.array([keterlibatan]), biaya=biaya, rutin=r, patuh=np.array([True]))


def _draws(u=1.0, z_efek=0.0, shocks=(0.99, 0.99, 0.99, 0.99)):
    return Undian(z_proses=np.zeros((1, 15)), z_ukur=np.zeros((1, 15)), u_laksana=np.full((1, K), u),
                  z_efek=np.full((1, K), z_efek), u_guncangan=np.array([shocks]), benih_acak=0)


def test_completion_and_spending_by_hand(buat_data, sekolah):
    awal = _awal(buat_data, sekolah, alokasi=100_000_000)
    plan = _plan({"K07": (1, 6_000_000)}, keterlibatan=0.8)
    out = laksanakan(plan, awal, _draws(u=0.5), KAT, CALM)
    # (0.5 + 0.5 × 0.8) × 1 × 1 × 1 × (0.85 + 0.15 × 0.5) = 0.9 × 0.925
    assert out.keterlaksanaan.tolist() == [pytest.approx(0.8325)]
    assert out.belanja.tolist() == [4_995_000]  # floor(6.000.000 × 0,8325 / 1000) × 1000
    assert out.realisasi[0, KOMP.index("k02_perpustakaan")] == 4_995_000
    assert out.efektif.tolist() == [pytest.approx(4_995_000 / 6_000_000)]


def test_no_person_in_charge_lowers_completion(buat_data, sekolah):
    awal = _awal(buat_data, sekolah)
    out = laksanakan(_plan({"K07": (1, 1_000_000)}, pj=False), awal, _draws(), KAT, CALM)
    assert out.keterlaksanaan.tolist() == [pytest.approx(0.85)]


def test_cash_runs_out_routine_first_then_semester_1_then_semester_2(buat_data, sekolah):
    awal = _awal(buat_data, sekolah, alokasi=10_000_000)
    rutin = [0, 0, 6_000_000] + [0] * 9
    plan = _plan({"K01": (2, 3_000_000), "K07": (1, 3_000_000)}, rutin=rutin)
    out = laksanakan(plan, awal, _draws(), KAT, CALM)
    spent = dict(zip([KAT.kode[k] for k in out.kegiatan], out.belanja.tolist()))
    assert spent == {"K01": 1_000_000, "K07": 3_000_000}
    assert out.realisasi.sum() == 10_000_000
    assert out.efektif[list(out.kegiatan).index(KAT.indeks("K01"))] == pytest.approx(1 / 3)


def test_shocks_by_threshold(buat_data, sekolah):
    plan = _plan({"K07": (1, 1_000_000), "K01": (2, 1_000_000)})
    calm = laksanakan(plan, _awal(buat_data, sekolah), _draws(shocks=(0.05, 0.2, 0.5, 0.2)), KAT, CALM)
    assert not (calm.bencana[0] or calm.mutasi[0] or calm.terlambat[0])
    # The same draws in a 3T school: 0,05 < 6 % (banjir/longsor) and 0,2 < 25 % (tahap 2 late).
    hit = laksanakan(plan, _awal(buat_data, sekolah, t3=True), _draws(shocks=(0.05, 0.2, 0.05, 0.2)), KAT, CALM)
    assert hit.bencana[0] and not hit.bencana_semester2[0] and hit.mutasi[0] and hit.terlambat[0]
    done = dict(zip([KAT.kode[k] for k in hit.kegiatan], hit.keterlaksanaan.tolist()))
    assert done == {"K07": pytest.approx(0.5), "K01": pytest.approx(0.8)}  # disaster in sem 1, late tahap 2


def _monev(awal, plan, draws, params=CALM, benar=50.0, tertunda=0.0):
    pel = laksanakan(plan, awal, draws, KAT, params)
    ok = syarat_terpenuhi(awal, awal.kerusakan, KAT)
    b = np.full((1, 15), benar)
    return evaluasi(b, np.full((1, 15), tertunda), awal.kerusakan, np.full((1, 15), 52.0), plan, pel, ok, draws,
                    KAT, params)


def test_effect_reaches_indicators_through_the_root_cause_map(buat_data, sekolah):
    awal = _awal(buat_data, sekolah, alokasi=100_000_000)
    ev = _monev(awal, _plan({"K07": (1, 1_000_000)}), _draws())
    # Pojok baca: bahan_bacaan +6; bahan_bacaan -> A.1 0,3 and -> A.2 0,05; shows in September.
    assert ev.nilai[0, KODE.index("A.1")] == 51.8 and ev.nilai[0, KODE.index("A.2")] == 50.3
    assert ev.nilai[0, KODE.index("D.1")] == 50.0
    assert ev.selisih_target[0, 0] == -0.2 and not ev.tercapai[0, 0]  # target 52


def test_semester_2_effects_wait_for_next_year(buat_data, sekolah):
    awal = _awal(buat_data, sekolah, alokasi=100_000_000)
    ev = _monev(awal, _plan({"K07": (2, 1_000_000)}), _draws())
    assert ev.nilai[0, KODE.index("A.1")] == 50.0
    assert ev.tertunda[0, KODE.index("A.1")] == pytest.approx(1.8)
    later = _monev(awal, _plan({}), _draws(), tertunda=0.0)
    assert later.nilai[0, 0] == 50.0
    carried = evaluasi(np.full((1, 15), 50.0), ev.tertunda, awal.kerusakan, np.full((1, 15), 52.0), _plan({}),
                       laksanakan(_plan({}), awal, _draws(), KAT, CALM), syarat_terpenuhi(awal, awal.kerusakan, KAT),
                       _draws(), KAT, CALM)
    assert carried.nilai[0, KODE.index("A.1")] == 51.8


def test_gains_shrink_near_the_top(buat_data, sekolah):
    awal = _awal(buat_data, sekolah, alokasi=100_000_000)
    ev = _monev(awal, _plan({"K07": (1, 1_000_000)}), _draws(), benar=80.0)
    assert ev.nilai[0, KODE.index("A.1")] == 80.9  # (100 - 80) / 40 = half of 1,8


def test_effect_uncertainty_scales_the_effect(buat_data, sekolah):
    awal = _awal(buat_data, sekolah, alokasi=100_000_000)
    ev = _monev(awal, _plan({"K07": (1, 1_000_000)}), _draws(z_efek=-1.0))
    assert ev.daya_efek.tolist() == [pytest.approx(0.5)]  # 1 + 0,5 × (-1)
    assert ev.nilai[0, KODE.index("A.1")] == 50.9
    none = _monev(awal, _plan({"K07": (1, 1_000_000)}), _draws(z_efek=-3.0))
    assert none.daya_efek.tolist() == [0.0]


def test_teacher_transfer_and_disaster(buat_data, sekolah):
    awal = _awal(buat_data, sekolah, alokasi=100_000_000, kerusakan=20.0)
    ev = _monev(awal, _plan({"K01": (1, 1_000_000), "K27": (1, 1_000_000)}), _draws(shocks=(0.01, 0.9, 0.01, 0.9)))
    strength = dict(zip([KAT.kode[k] for k in (KAT.indeks("K01"), KAT.indeks("K27"))], ev.daya_efek.tolist()))
    assert strength == {"K01": pytest.approx(0.7), "K27": pytest.approx(1.0)}  # K01 is teacher-centred
    # The disaster struck semester 2 (u = 0,9 >= 0,5), so both semester 1 activities ran in full.
    # C.3: +3 × 0,7 from K01, -2 for the transfer. Damage: 20 - 5 (K27 sarpras +5) + 10 (disaster).
    assert ev.nilai[0, KODE.index("C.3")] == pytest.approx(50.0 + 3 * 0.7 - 2.0)
    assert ev.kerusakan[0] == pytest.approx(20.0 - 5.0 + 10.0)
    # D.4: sarpras -> D.4 0,15 (5 × 0,15) minus 2 for the disaster.
    assert ev.nilai[0, KODE.index("D.4")] == pytest.approx(50.0 + 5 * 0.15 - 2.0)


def test_unmet_prerequisite_gives_no_effect(buat_data, sekolah):
    awal = _awal(buat_data, sekolah, alokasi=100_000_000, kerusakan=0.0)
    ev = _monev(awal, _plan({"K27": (1, 1_000_000)}), _draws())
    assert ev.daya_efek.tolist() == [0.0] and ev.kerusakan[0] == 0.0


def test_evidence_and_siplah_lines():
    docs = bukti("K01", 0.7, 2, KAT)
    assert [(d["jenis_bukti"], d["ada"]) for d in docs] == [("daftar hadir", True), ("foto", True),
                                                             ("hasil evaluasi", False)]
    assert docs[0]["bulan"] == "Februari"
    lines = baris_siplah("K07", 3_000_000, 1.2, 2, KAT)
    assert lines == [{"kode_kegiatan": "K07", "barang": "Paket buku bacaan berjenjang (30 judul)", "jumlah": 3,
                      "harga_satuan": 900_000, "total": 2_700_000, "komponen": "k02_perpustakaan",
                      "bulan": "Februari", "penyedia": "Penyedia SIPLah (fiktif)", "status": "diterima"}]
    assert baris_siplah("K01", 3_000_000, 1.0, 2, KAT) == []
