"""The generator: real counts and geography, fictional identities, calibration, determinism."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from labmutu.datasets import reference, rules
from labmutu.datasets.gen_indikator import LITERASI, NUMERASI_FINAL
from labmutu.datasets.gen_keuangan import COMPONENTS, SATUAN_MAX, SATUAN_MIN
from labmutu.datasets.generate import generate
from labmutu.datasets.schema import KOMPONEN_BANGUNAN, TABLES
from labmutu.datasets.writer import write_dataset
from labmutu.errors import LabMutuError


@pytest.fixture(scope="module")
def ntt():
    return generate("53", random_state=4)


@pytest.fixture(scope="module")
def nasional():
    return generate("nasional", random_state=1)


def test_every_table_follows_the_contract_columns(ntt):
    assert list(ntt) == list(TABLES)
    for name, table in TABLES.items():
        assert list(ntt[name].columns) == table.column_names, name


def test_counts_per_jenjang_and_status_are_the_real_ones(ntt):
    counts = reference.sekolah_per_kabkota().set_index("kode_kabkota")
    s = ntt["sekolah"]
    for kode in ("5312", "5371"):
        got = s[s.kode_kabkota == kode].groupby(["jenjang", "status"]).size()
        for j in ("SD", "SMP", "SMA", "SMK", "SLB"):
            for status in ("Negeri", "Swasta"):
                assert got.get((j, status), 0) == counts.loc[kode, f"{j.lower()}_{status.lower()}"]


def test_national_run_covers_the_country(nasional):
    s = nasional["sekolah"]
    assert len(s) == reference.sekolah_per_kabkota()[reference.COUNT_COLUMNS].to_numpy().sum() == 215_372
    assert s.kode_kabkota.nunique() == 514 and s.kode_provinsi.nunique() == 38
    assert set(s.loc[s.daerah_3t, "kode_kabkota"]) == set(reference.daerah_tertinggal().kode_kabkota)
    assert s.npsn.is_unique and s.npsn.str.fullmatch(r"9\d{7}").all()


def test_schools_sit_near_their_kabkota_centroid(ntt):
    kab = reference.kabupaten_kota().set_index("kode_kabkota")
    s = ntt["sekolah"].merge(kab[["lat", "lon"]].add_suffix("_pusat"), left_on="kode_kabkota", right_index=True)
    assert (s.lat - s.lat_pusat).abs().max() < 0.7 and (s.lon - s.lon_pusat).abs().max() < 0.7
    assert s.kode_provinsi.eq("53").all()


def test_literacy_and_numeracy_are_calibrated_to_2024(nasional):
    ind = nasional["indikator"].merge(nasional["sekolah"][["npsn", "jenjang"]])
    final = ind[ind.tahun == 2024].groupby(["kode_indikator", "jenjang"], observed=True).nilai.mean()
    for j in ("SD", "SMP", "SMA", "SMK"):
        assert final[("A.1", j)] == pytest.approx(LITERASI[j][2], abs=1.0)
        assert final[("A.2", j)] == pytest.approx(NUMERASI_FINAL[j], abs=1.0)


def test_3t_schools_are_lower_and_more_spread(nasional):
    ind = nasional["indikator"].merge(nasional["sekolah"][["npsn", "daerah_3t"]])
    a1 = ind[(ind.tahun == 2024) & (ind.kode_indikator == "A.1")].groupby("daerah_3t").nilai.agg(["mean", "std"])
    gap = a1.loc[False, "mean"] - a1.loc[True, "mean"]
    assert 7 < gap < 13
    assert a1.loc[True, "std"] > 1.15 * a1.loc[False, "std"]


def test_indicators_follow_the_causal_story(ntt):
    ind = ntt["indikator"]
    wide = ind[ind.tahun == 2024].pivot(index="npsn", columns="kode_indikator", values="nilai")
    corr = wide.corr()
    assert corr.loc["D.1", "A.1"] > 0.35 and corr.loc["D.3", "D.2"] > 0.35
    assert corr.loc["D.1", "A.1"] > corr.loc["D.8", "A.1"] + 0.1


def test_capaian_and_change_are_derived_from_values(ntt):
    ind = ntt["indikator"]
    assert (ind.capaian.astype(str).to_numpy() == rules.capaian(ind.nilai)).all()
    assert ind.nilai.between(0, 100).all()
    first = ind.tahun == ind.tahun.min()
    assert ind.loc[first, "perubahan"].isna().all() and ind.loc[~first, "perubahan"].notna().all()
    one = ind[(ind.npsn == ind.npsn.iloc[0]) & (ind.kode_indikator == "A.1")].sort_values("tahun")
    assert one.perubahan.iloc[1] == pytest.approx(one.nilai.iloc[1] - one.nilai.iloc[0], abs=0.011)
    assert sorted(ind.tahun.unique()) == [2022, 2023, 2024]


def test_building_damage_follows_the_official_rule(ntt):
    b = ntt["bangunan"]
    rusak = b[[f"rusak_{k}" for k in KOMPONEN_BANGUNAN]].to_numpy()
    expected = rusak @ np.array(list(KOMPONEN_BANGUNAN.values())) / 100
    assert np.abs(b.kerusakan_persen - expected).max() <= 0.005 + 1e-9
    assert set(b.kelas_kerusakan) == {"Ringan", "Sedang", "Berat"}
    assert (b.loc[b.kerusakan_persen > 45, "kelas_kerusakan"] == "Berat").all()
    assert (b.loc[b.kelas_kerusakan == "Ringan", "kerusakan_persen"] <= 30).all()


def test_rules_at_the_thresholds():
    assert list(rules.capaian([70.0, 70.01, 40.0, 39.99])) == ["Sedang", "Baik", "Sedang", "Kurang"]
    assert list(rules.damage_class([30.0, 30.01, 45.0, 45.01, 10.0], [0, 0, 0, 0, 30.01])) == \
        ["Ringan", "Sedang", "Sedang", "Berat", "Berat"]


def test_electricity_and_internet_shares(nasional):
    sp = nasional["sarpras"]
    assert 0.73 < (sp.daya_listrik_va < 2200).mean() < 0.79
    assert (sp.siap_ifp == ((sp.daya_listrik_va >= 2200) & (sp.internet != "Tidak ada"))).all()
    t3 = nasional["sekolah"].daerah_3t.to_numpy()
    none = sp.internet.eq("Tidak ada").to_numpy()
    assert none[t3].mean() > 2 * none[~t3].mean()


def test_bosp_allocation_and_realisation(ntt):
    k = ntt["keuangan"].merge(ntt["sekolah"][["npsn", "jenjang", "status", "daerah_3t"]])
    lo, hi = k.jenjang.map(SATUAN_MIN), k.jenjang.map(SATUAN_MAX)
    assert k.satuan_biaya.between(lo, hi).all()
    layak = (k.peserta_didik >= 60) | (k.jenjang == "SLB") | k.daerah_3t
    assert (k.layak_bosp == layak).all()
    assert (k.alokasi_bosp == np.where(layak, k.satuan_biaya * k.peserta_didik, 0)).all()
    assert (k[list(COMPONENTS)].sum(axis=1) == k.total_realisasi).all()
    assert (k.total_realisasi <= k.alokasi_bosp).all()
    honor = k.groupby("status").porsi_honor_persen.mean()
    assert 10 < honor["Negeri"] < 18 and 22 < honor["Swasta"] < 36
    assert (k.loc[k.jenjang != "SMK", ["k10_kompetensi_keahlian", "k11_keterserapan_lulusan"]] == 0).all().all()


def test_pmp_scores_in_range(ntt):
    snp = ntt["standar_snp"]
    assert snp.drop(columns=["npsn", "tahun"]).stack().between(0, 7).all()


def test_a_kabkota_is_the_same_alone_or_with_its_province(ntt):
    alone = generate("5312", random_state=4)
    for name in ("sekolah", "keuangan", "indikator"):
        sub = ntt[name][ntt[name].npsn.isin(alone["sekolah"].npsn)].reset_index(drop=True)
        pd.testing.assert_frame_equal(sub, alone[name])


def test_same_seed_same_bytes_other_seed_other_data(tmp_path):
    a = write_dataset(generate("19", 11), tmp_path / "a", {"judul": "x"})
    b = write_dataset(generate("19", 11), tmp_path / "b", {"judul": "x"})
    c = write_dataset(generate("19", 12), tmp_path / "c", {"judul": "x"})
    for f in sorted(a.iterdir()):
        assert f.read_bytes() == (b / f.name).read_bytes(), f.name
    assert (a / "indikator.csv").read_bytes() != (c / "indikator.csv").read_bytes()


@pytest.mark.parametrize("kwargs", [{"random_state": -1}, {"random_state": 1.5}, {"n_tahun": 2},
                                    {"tahun_akhir": 1990}, {"wilayah": "Atlantis"}])
def test_bad_arguments_are_explained_in_indonesian(kwargs):
    args = {"wilayah": "5312", "random_state": 0} | kwargs
    with pytest.raises(LabMutuError) as err:
        generate(**args)
    assert any(w in str(err.value) for w in ("harus", "tidak ditemukan"))
