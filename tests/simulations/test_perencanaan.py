"""PBD: the priority rule on constructed ties, refleksi and benahi by hand, the greedy budget rules."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from labmutu.datasets.schema import INDIKATOR
from labmutu.simulations.catalog import katalog, peta_akar_masalah
from labmutu.simulations.inputs import siapkan
from labmutu.simulations.model import SpmiModel
from labmutu.simulations.perencanaan import pilih_kegiatan, prioritas, refleksi, skor_kegiatan, urutan_prioritas
from labmutu.simulations.records import Parameter, Peta

KODE = tuple(INDIKATOR)


def _rapor(rows):
    """rows: (kode, nilai, kuintil_nasional, kuintil_provinsi, perubahan)."""
    return pd.DataFrame(rows, columns=["kode_indikator", "nilai", "kuintil_nasional", "kuintil_provinsi", "perubahan"])


def _order(rows):
    return list(prioritas(_rapor(rows))["kode_indikator"])


def test_merah_before_kuning_before_hijau():
    assert _order([("D.1", 75.0, 1, 1, -9), ("A.1", 55.0, 1, 1, 0), ("A.2", 35.0, 5, 5, 9)]) == ["A.2", "A.1", "D.1"]


def test_colour_boundaries_decide_the_colour():
    # 40.00 is Sedang (kuning), 39.99 Kurang (merah); 70.00 Sedang, 70.01 Baik.
    assert _order([("A.1", 40.0, 1, 1, 0), ("A.2", 39.99, 5, 5, 0)]) == ["A.2", "A.1"]
    assert _order([("A.1", 70.01, 1, 1, -5), ("A.2", 70.0, 5, 5, 5)]) == ["A.2", "A.1"]


def test_colour_tie_goes_to_the_lower_national_quintile():
    assert _order([("A.1", 50.0, 3, 1, -5), ("A.2", 60.0, 2, 5, 5)]) == ["A.2", "A.1"]


def test_then_to_the_lower_provincial_quintile():
    assert _order([("A.1", 50.0, 2, 3, -5), ("A.2", 60.0, 2, 2, 5)]) == ["A.2", "A.1"]


def test_then_the_largest_fall_or_smallest_rise():
    out = _order([("A.1", 50.0, 2, 2, 3.0), ("A.2", 60.0, 2, 2, -1.0), ("A.3", 50.0, 2, 2, -6.5),
                  ("D.1", 50.0, 2, 2, 0.5)])
    assert out == ["A.3", "A.2", "D.1", "A.1"]


def test_unknown_change_counts_as_no_change():
    assert _order([("A.1", 50.0, 2, 2, 0.01), ("A.2", 50.0, 2, 2, np.nan), ("A.3", 50.0, 2, 2, -0.01)]) == \
        ["A.3", "A.2", "A.1"]


def test_then_the_lower_score_then_the_code_order():
    assert _order([("D.4", 55.0, 2, 2, -1), ("D.3", 54.0, 2, 2, -1)]) == ["D.3", "D.4"]
    assert _order([("D.4", 55.0, 2, 2, -1), ("A.3", 55.0, 2, 2, -1)]) == ["A.3", "D.4"]


def test_reasons_name_the_deciding_criterion():
    r = prioritas(_rapor([("A.1", 50.0, 3, 1, -5), ("A.2", 60.0, 2, 5, 5), ("D.1", 20.0, 5, 5, 0)]))
    assert list(r["urutan"]) == [1, 2, 3]
    assert r["alasan"][0] == "warna merah" and "kuintil nasional" in r["alasan"][2]


def test_engine_order_equals_the_table_order():
    rng = np.random.default_rng(1)
    n = 400
    nilai = np.round(rng.choice([35.0, 55.0, 75.0], (n, 15)) + rng.choice([0.0, 0.5], (n, 15)), 2)
    peta = Peta(nilai=nilai, capaian=((nilai > 70).astype(np.int8) + (nilai >= 40)),
                perubahan=rng.choice([-2.0, 0.0, 1.5, np.nan], (n, 15)),
                kuintil_provinsi=rng.integers(1, 3, (n, 15)).astype(np.int8),
                kuintil_nasional=rng.integers(1, 3, (n, 15)).astype(np.int8))
    cand = Parameter().indikator_prioritas
    got = urutan_prioritas(peta, cand)
    cols = [KODE.index(c) for c in cand]
    for i in range(0, n, 13):
        rows = [(KODE[c], nilai[i, c], peta.kuintil_nasional[i, c], peta.kuintil_provinsi[i, c], peta.perubahan[i, c])
                for c in cols]
        assert [KODE[c] for c in got[i]] == _order(rows)


def test_root_cause_map_of_literacy():
    causes = peta_akar_masalah("A.1")
    assert {"D.1", "D.2", "C.3", "bahan_bacaan", "literasi_kelas"} <= set(causes["akar"])
    assert causes["pengaruh"].is_monotonic_decreasing


def test_refleksi_and_scores_by_hand():
    kat = katalog()
    p = Parameter(n_prioritas=1, bobot_prioritas=(1.0,))
    prio = np.array([[KODE.index("A.1")]])
    nilai = np.full((1, 15), 50.0)
    standar = np.full((1, 15), 70.0)
    akar = refleksi(prio, nilai, standar, np.array([0.0]), kat, p)[:, 0]
    w = dict(zip(kat.simpul, akar))
    need = (70 - 50) / 100 + 0.05  # distance to the standard plus the base need
    assert w["D.1"] == pytest.approx(need * 0.4)                       # D.1 -> A.1
    assert w["D.2"] == pytest.approx(need * 0.4 * 0.4)                 # D.2 -> D.1 -> A.1
    assert w["C.3"] == pytest.approx(need * (0.3 + 0.2 * 0.4) * 0.4)   # C.3 -> D.1 and C.3 -> D.2 -> D.1
    assert w["literasi_kelas"] == pytest.approx(0.5 * 0.5) and w["bahan_bacaan"] == pytest.approx(0.5 * 0.3)
    assert w["sarpras"] == 0.0 and w["numerasi_kelas"] == 0.0           # no damage; numeracy does not drive A.1
    score = dict(zip(kat.kode, skor_kegiatan(akar[:, None], kat)[:, 0]))
    assert score["K07"] == pytest.approx(6 * 0.15)                     # bahan_bacaan: 6 points
    assert score["K10"] == pytest.approx(3 * 0.25)                     # literasi_kelas: 3, numerasi_kelas: 0
    assert score["K04"] == pytest.approx(3 * need * 0.16 + 1 * need * 0.4)


def _pick(keys: dict, costs: dict, sisa, sisa1=None, room=10**12, maks=5):
    kat = katalog()
    K = len(kat)
    key = np.full((1, K), np.inf)
    cost = np.full((1, K), 10**9, dtype=np.int64)
    for code, v in keys.items():
        key[0, kat.indeks(code)] = v
        cost[0, kat.indeks(code)] = costs[code]
    chosen, sem = pilih_kegiatan(key, np.isfinite(key), cost, np.array([sisa]),
                                 np.array([sisa if sisa1 is None else sisa1]), np.array([room]), kat, maks)
    return {kat.kode[k]: int(sem[0, k]) for k in np.flatnonzero(chosen[0])}


def test_greedy_takes_best_first_and_skips_what_no_longer_fits():
    assert _pick({"K01": 1, "K02": 2, "K03": 3}, {"K01": 5, "K02": 3, "K03": 4}, sisa=8) == {"K01": 1, "K02": 1}
    assert _pick({"K01": 1, "K02": 2, "K03": 3}, {"K01": 5, "K02": 9, "K03": 3}, sisa=8) == {"K01": 1, "K03": 1}


def test_greedy_respects_the_maximum_number_of_activities():
    assert _pick({"K01": 1, "K02": 2, "K03": 3}, {"K01": 1, "K02": 1, "K03": 1}, sisa=8, maks=2) == {"K01": 1, "K02": 1}


def test_tahap_1_pushes_activities_to_semester_2():
    # Both prefer semester 1; only 6 of the 10 fit before July.
    assert _pick({"K01": 1, "K02": 2}, {"K01": 5, "K02": 4}, sisa=10, sisa1=6) == {"K01": 1, "K02": 2}


def test_honor_activity_needs_room_under_the_cap():
    assert _pick({"K36": 1, "K01": 2}, {"K36": 5, "K01": 2}, sisa=100, room=4) == {"K01": 1}
    assert _pick({"K36": 1, "K01": 2}, {"K36": 5, "K01": 2}, sisa=100, room=5) == {"K36": 1, "K01": 1}


def test_pbd_plans_respect_prerequisites(buat_data, sekolah):
    data = buat_data(sekolah("90000001", nilai=35.0, kerusakan=0.0, daya=0),
                     sekolah("90000002", nilai=35.0, kerusakan=60.0, siap_ifp=False),
                     sekolah("90000003", nilai=35.0, jenjang="SMK", siap_ifp=True, daya=2200, alokasi=10**10))
    kat = katalog()
    h = SpmiModel(data, seed=1, params=Parameter(maks_kegiatan=36)).run(1)
    table = h.kegiatan()
    syarat = dict(zip(kat.kode, kat.syarat))
    by_school = table.groupby("npsn")["kode_kegiatan"].apply(set)
    assert not {k for k in by_school["90000001"] if syarat[k] in ("rusak", "smk", "listrik", "siap_ifp")}
    assert not {k for k in by_school["90000002"] if syarat[k] in ("smk", "siap_ifp")}
    assert {"K30", "K31"} & by_school["90000003"]


def test_schools_with_the_same_facts_get_the_same_priorities(buat_data, sekolah):
    data = buat_data(*(sekolah(f"9000000{i}", nilai={"A.1": 35.0, "A.2": 35.0}) for i in range(3)))
    awal = siapkan(data)
    h = SpmiModel(awal, seed=0).run(1)
    assert len({tuple(r) for r in h.tahun[0].prioritas}) == 1
