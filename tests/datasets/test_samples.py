"""The shipped samples are the generator's output at their documented seeds, byte for byte."""

from __future__ import annotations

import subprocess
import sys

import pandas as pd
import pytest

from labmutu.datasets import samples
from labmutu.datasets.schema import TABLES


@pytest.mark.parametrize("name", sorted(samples.SAMPLES))
def test_shipped_sample_regenerates_identically(name, tmp_path):
    fresh = samples.write(name, tmp_path)
    shipped = samples.sample_dir(name)
    names = sorted(p.name for p in fresh.iterdir())
    assert names == sorted(p.name for p in shipped.iterdir())
    for f in names:
        assert (fresh / f).read_bytes() == (shipped / f).read_bytes(), (
            f"{name}/{f} berbeda dari hasil generator; jalankan python -m labmutu.datasets.samples")


def test_two_whole_kabkota_one_3t_one_not():
    sb = pd.read_csv(samples.sample_dir("sumba-barat") / "sekolah.csv", dtype={"npsn": str})
    bl = pd.read_csv(samples.sample_dir("belitung") / "sekolah.csv", dtype={"npsn": str})
    assert sb.daerah_3t.all() and not bl.daerah_3t.any()
    assert len(sb) == 142 and len(bl) == 163


def _latihan(table):
    return pd.read_csv(samples.sample_dir("sekolah-latihan") / f"{table}.csv", dtype={"npsn": str})


def test_latihan_cases_show_their_problem():
    s, ind, k, sp = _latihan("sekolah"), _latihan("indikator"), _latihan("keuangan"), _latihan("sarpras")
    assert len(s) == 10 and list(s.columns) == TABLES["sekolah"].column_names
    npsn = s.npsn.tolist()

    def series(i, code):
        rows = ind[(ind.npsn == npsn[i]) & (ind.kode_indikator == code)].sort_values("tahun")
        return rows.nilai.tolist(), rows.capaian.tolist()

    a1, cat = series(0, "A.1")
    assert cat[-1] == "Kurang" and a1[0] > a1[1] > a1[2]
    assert series(1, "A.1")[1][-1] == "Baik" and series(1, "A.2")[1][-1] == "Sedang"
    assert sp.loc[2, "blok_rusak_berat"] >= 1 and not sp.loc[2, "siap_ifp"] and sp.loc[2, "daya_listrik_va"] < 2200
    assert k.loc[3, "porsi_honor_persen"] == 28.0
    assert not k.loc[4, "layak_bosp"] and k.loc[4, "alokasi_bosp"] == 0 and s.loc[4, "peserta_didik"] < 60
    assert series(5, "D.4")[1][-1] == "Kurang" and series(5, "A.1")[1][-1] == "Sedang"
    final6 = ind[(ind.npsn == npsn[6]) & (ind.tahun == 2024)]
    assert (final6.capaian == "Baik").mean() > 0.8
    assert series(7, "A.1")[0][-1] == series(7, "A.2")[0][-1] < 40
    assert k.loc[8, "layak_bosp"] and s.loc[8, "jenjang"] == "SLB" and s.loc[8, "peserta_didik"] < 60
    a2 = series(9, "A.2")[0]
    assert a2[-1] - a2[-2] >= 25
    negeri = (s.status == "Negeri") & (s.index != 3)
    assert (k.loc[negeri, "porsi_honor_persen"] <= 20).all()
    assert (k.total_realisasi <= k.alokasi_bosp).all()


def test_latihan_readme_names_every_school():
    text = (samples.sample_dir("sekolah-latihan") / "README.md").read_text(encoding="utf-8")
    for npsn in _latihan("sekolah").npsn:
        assert npsn in text


def test_every_sample_has_its_dictionary():
    for name in samples.SAMPLES:
        text = (samples.sample_dir(name) / "KAMUS_DATA.md").read_text(encoding="utf-8")
        for table in TABLES.values():
            assert f"`{table.name}`" in text
            for column in table.column_names:
                assert f"`{column}`" in text
        assert "asumsi pelatihan" in text


def test_cli_generate_is_deterministic_and_explains_errors(tmp_path):
    def gen(seed, out, wilayah="5312"):
        return subprocess.run([sys.executable, "-m", "labmutu", "data", "generate", "--wilayah", wilayah,
                               "--seed", str(seed), "--out", str(out)], capture_output=True, text=True)

    first, second = gen(3, tmp_path / "a"), gen(3, tmp_path / "b")
    assert first.returncode == 0 and "142 sekolah" in first.stdout
    for f in (tmp_path / "a").iterdir():
        assert f.read_bytes() == (tmp_path / "b" / f.name).read_bytes()
    bad = gen(3, tmp_path / "c", wilayah="Sumba Barrat")
    assert bad.returncode != 0 and "tidak ditemukan" in bad.stderr and "Sumba Barat" in bad.stderr
    assert "Traceback" not in bad.stderr + bad.stdout
