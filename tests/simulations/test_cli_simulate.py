"""``labmutu simulate`` through the real command: files written, same seed same file, Indonesian errors."""

from __future__ import annotations

import subprocess
import sys

import pandas as pd
import pytest

from labmutu.datasets.samples import sample_dir


def run(*args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "labmutu", "simulate", *map(str, args)], capture_output=True,
                          text=True, timeout=300)


def test_writes_csv_one_row_per_school_and_year(tmp_path):
    out = run("--data", sample_dir("sumba-barat"), "--tahun", 3, "--seed", 42, "--kebijakan", "pbd",
              "--out", tmp_path / "hasil.csv")
    assert out.returncode == 0, out.stderr
    assert "Selesai: 142 sekolah x 3 tahun (2025-2027)" in out.stdout
    table = pd.read_csv(tmp_path / "hasil.csv", dtype={"npsn": str})
    assert len(table) == 142 * 3 and set(table["tahun"]) == {2025, 2026, 2027}
    assert {"npsn", "rkas_patuh", "prioritas_1", "realisasi_total", "A.1", "E.5"} <= set(table.columns)
    assert (table["realisasi_total"] <= table["alokasi_bosp"]).all()


def test_same_seed_same_file_and_parquet_matches_csv(tmp_path):
    args = ("--data", sample_dir("belitung"), "--tahun", 2, "--seed", 5, "--kebijakan", "acak")
    assert run(*args, "--out", tmp_path / "a.csv").returncode == 0
    assert run(*args, "--out", tmp_path / "b.csv").returncode == 0
    assert (tmp_path / "a.csv").read_bytes() == (tmp_path / "b.csv").read_bytes()
    assert run(*args, "--out", tmp_path / "c.parquet").returncode == 0
    csv = pd.read_csv(tmp_path / "a.csv", dtype={"npsn": str})
    parquet = pd.read_parquet(tmp_path / "c.parquet")
    assert csv["A.1"].tolist() == parquet["A.1"].tolist()


def test_other_tables_and_cycle_orders(tmp_path):
    out = run("--data", sample_dir("sekolah-latihan"), "--tahun", 1, "--siklus", "permendikbud-28-2016",
              "--tabel", "kegiatan", "--out", tmp_path / "k.csv")
    assert out.returncode == 0, out.stderr
    assert {"kode_kegiatan", "belanja", "keterlaksanaan"} <= set(pd.read_csv(tmp_path / "k.csv").columns)


@pytest.mark.parametrize("args, words", [
    (("--data", "/tidak/ada", "--out", "x.csv"), "Folder data /tidak/ada tidak ditemukan"),
    (("--data", "SAMPLE", "--out", "hasil.txt"), "harus berakhiran .csv atau .parquet"),
    (("--data", "SAMPLE", "--tahun", 0, "--out", "x.csv"), "--tahun 0 tidak sah"),
    (("--data", "SAMPLE", "--seed", -3, "--out", "x.csv"), "--seed -3 tidak sah"),
    (("--data", "SAMPLE", "--out", "/tidak/ada/x.csv"), "untuk berkas hasil tidak ada"),
    (("--data", "SAMPLE", "--kebijakan", "asal", "--out", "x.csv"), "pilihan tidak dikenal"),
])
def test_errors_are_indonesian_without_traceback(tmp_path, args, words):
    args = [str(sample_dir("sekolah-latihan")) if a == "SAMPLE" else a for a in args]
    args = [str(tmp_path / a) if str(a) in ("x.csv", "hasil.txt") else a for a in args]
    out = run(*args)
    assert out.returncode == 2
    assert words in out.stderr and "Traceback" not in out.stderr
    assert not list(tmp_path.iterdir())
