"""Pemetaan mutu on hand-built schools: thresholds, directions, quintiles, PMP, region shares."""

from __future__ import annotations

import numpy as np
import pandas as pd

from labmutu.simulations.pemetaan import (arah_perubahan, gap_3t, kategori_pmp, kekuatan_kelemahan, kuintil,
                                          pemetaan, peta_mutu)


def _schools(n, kab="1902", t3=False):
    return pd.DataFrame({"npsn": [f"9000000{i}" for i in range(n)], "jenjang": "SD", "kode_kabkota": kab,
                         "kode_provinsi": kab[:2], "daerah_3t": t3})


def _indicators(npsn, values, code="A.1", tahun=2024, change=np.nan):
    return pd.DataFrame({"npsn": npsn, "tahun": tahun, "kode_indikator": code, "nilai": values,
                         "capaian": "", "perubahan": change})


def test_capaian_at_and_around_every_threshold():
    s = _schools(6)
    ind = _indicators(s.npsn, [39.99, 40.0, 40.01, 69.99, 70.0, 70.01])
    p = pemetaan(s, ind)
    assert list(p.capaian) == ["Kurang", "Sedang", "Sedang", "Sedang", "Sedang", "Baik"]
    assert list(p.warna) == ["merah", "kuning", "kuning", "kuning", "kuning", "hijau"]


def test_direction_of_change():
    assert list(arah_perubahan([np.nan, 0.0, 0.004, 0.01, -0.01, 16.67])) == \
        ["", "Tetap", "Tetap", "Naik", "Turun", "Naik"]


def test_quintiles_by_hand_and_ties_share_a_quintile():
    values = pd.Series([10.0, 20, 30, 40, 50, 60, 70, 80, 90, 100])
    assert list(kuintil(values)) == [1, 1, 2, 2, 3, 3, 4, 4, 5, 5]
    tied = pd.Series([35.0, 35.0, 80.0, 90.0, 10.0])
    q = kuintil(tied)
    assert q[0] == q[1]


def test_quintiles_within_province_and_nation():
    a, b = _schools(5, "1902"), _schools(5, "5312", t3=True)
    b["npsn"] = [f"9100000{i}" for i in range(5)]
    s = pd.concat([a, b], ignore_index=True)
    ind = _indicators(s.npsn, [10, 20, 30, 40, 50, 60, 70, 80, 90, 100])
    p = pemetaan(s, ind).set_index("npsn")
    assert p.loc["91000000", "kuintil_provinsi"] == 1 and p.loc["91000000", "kuintil_nasional"] == 3
    assert p.loc["90000004", "kuintil_provinsi"] == 5 and p.loc["90000004", "kuintil_nasional"] == 3


def test_strengths_and_weaknesses():
    rapor = pd.DataFrame({"kode_indikator": ["A.1", "A.2", "D.1", "D.4"], "nilai": [75, 35, 55, 80],
                          "capaian": ["Baik", "Kurang", "Sedang", "Baik"], "arah": ["Naik", "Turun", "Turun", "Tetap"],
                          "perubahan": [1, -3, -5, 0]})
    strengths, weaknesses = kekuatan_kelemahan(rapor)
    assert strengths == ["D.4", "A.1"] and weaknesses == ["A.2", "D.1"]


def test_pmp_categories_at_the_cut_offs():
    assert list(kategori_pmp([0, 2.04, 2.05, 3.70, 3.71, 5.06, 5.07, 6.66, 6.67, 7])) == [
        "Menuju SNP 1", "Menuju SNP 1", "Menuju SNP 2", "Menuju SNP 2", "Menuju SNP 3", "Menuju SNP 3",
        "Menuju SNP 4", "Menuju SNP 4", "SNP", "SNP"]


def test_peta_mutu_shares_and_3t_gap():
    a, b = _schools(4, "1902"), _schools(2, "5312", t3=True)
    b["npsn"] = ["91000000", "91000001"]
    s = pd.concat([a, b], ignore_index=True)
    p = pemetaan(s, _indicators(s.npsn, [80, 75, 50, 30, 45, 35]))
    peta = peta_mutu(p, s, "A.1").set_index("kode_kabkota")
    assert peta.loc["1902", ["persen_Baik", "persen_Sedang", "persen_Kurang"]].tolist() == [50.0, 25.0, 25.0]
    assert peta.loc["5312", "persen_Kurang"] == 50.0 and bool(peta.loc["5312", "daerah_3t"])
    assert peta.loc["1902", "rata_rata"] == 58.75
    gap = gap_3t(p, s).set_index("kode_indikator")
    assert gap.loc["A.1", "selisih"] == 58.75 - 40.0


def test_capaian_codes_at_and_around_every_threshold():
    from labmutu.simulations.pemetaan import capaian_kode

    assert list(capaian_kode([0, 39.99, 40.0, 40.01, 69.99, 70.0, 70.01, 100])) == [0, 0, 1, 1, 1, 1, 2, 2]


def test_engine_map_equals_the_table_map_on_a_sample(sampel):
    from labmutu.simulations.inputs import siapkan
    from labmutu.simulations.pemetaan import CAPAIAN_KODE, petakan

    data = sampel("belitung")
    awal = siapkan(data)
    peta = petakan(awal.nilai, awal.nilai_lalu, awal)
    table = pemetaan(data["sekolah"], data["indikator"])
    table = table.set_index(["npsn", "kode_indikator"])
    codes = list(table.index.get_level_values(1).unique())
    for i in range(0, len(awal), 7):
        rows = table.loc[awal.npsn[i]]
        for c, code in enumerate(["A.1", "A.2", "A.3", "C.3", "D.1", "D.2", "D.3", "D.4", "D.6", "D.8", "D.10",
                                  "E.1", "E.2", "E.3", "E.5"]):
            assert code in codes
            row = rows.loc[code]
            assert CAPAIAN_KODE[peta.capaian[i, c]] == row["capaian"]
            assert peta.kuintil_provinsi[i, c] == row["kuintil_provinsi"]
            assert peta.kuintil_nasional[i, c] == row["kuintil_nasional"]
            assert peta.perubahan[i, c] == row["perubahan"] or (np.isnan(row["perubahan"]))


def test_quintile_boundaries_are_frozen_at_the_start(buat_data, sekolah):
    from labmutu.simulations.inputs import ke_seratus, siapkan

    data = buat_data(*(sekolah(f"9000000{i}", nilai=v) for i, v in enumerate([10.0, 20, 30, 40, 50])))
    awal = siapkan(data)
    values = np.array([[5.0], [10.0], [25.0], [50.0], [99.0]]).repeat(15, axis=1)
    q = awal.nasional.kuintil(ke_seratus(values), awal.grup_nasional)[:, 0]
    # 5 is below all (rank 0.5 of 5 -> 10 % -> 1); 10 ties the lowest (rank 1 -> 20 % -> 1);
    # 25 sits between 20 and 30 (rank 2.5 -> 50 % -> 3); 50 ties the top (100 % -> 5); 99 -> (5.5/5) -> 5.
    assert list(q) == [1, 1, 3, 5, 5]
