"""``labmutu data validate`` on malformed files: non-zero exit, Indonesian row/column messages,
never a traceback. Each case starts from the valid "sekolah latihan" sample and breaks one thing."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from labmutu.datasets import samples

SAMPLE = samples.sample_dir("sekolah-latihan")


def run(*args) -> subprocess.CompletedProcess:
    out = subprocess.run([sys.executable, "-m", "labmutu", "data", *map(str, args)],
                         capture_output=True, text=True, timeout=120)
    assert "Traceback" not in out.stdout + out.stderr
    return out


@pytest.fixture
def folder(tmp_path) -> Path:
    dst = tmp_path / "data"
    shutil.copytree(SAMPLE, dst)
    return dst


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def test_shipped_samples_are_valid():
    for name in samples.SAMPLES:
        out = run("validate", samples.sample_dir(name))
        assert out.returncode == 0 and "Data valid" in out.stdout


# Each case: (id, how to break the sekolah-latihan folder, text expected in the report).
def _missing_column(f):
    rows = [ln.split(",") for ln in lines(f / "sekolah.csv")]
    (f / "sekolah.csv").write_text("\n".join(",".join(r[:2] + r[3:]) for r in rows) + "\n", encoding="utf-8")


def _set_cell(table, line, column, value):
    def apply(f):
        path = f / f"{table}.csv"
        rows = lines(path)
        header = rows[0].split(",")
        cells = rows[line - 1].split(",")
        cells[header.index(f'"{column}"') if f'"{column}"' in header else header.index(column)] = value
        rows[line - 1] = ",".join(cells)
        path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return apply


def _duplicate_npsn(f):
    rows = lines(f / "sekolah.csv")
    first = rows[1].split(",")[0]
    second = rows[2].split(",")
    second[0] = first
    rows[2] = ",".join(second)
    (f / "sekolah.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")


def _header_only(f):
    (f / "sekolah.csv").write_text(lines(f / "sekolah.csv")[0] + "\n", encoding="utf-8")


def _truncated(f):
    text = (f / "indikator.csv").read_text(encoding="utf-8")
    (f / "indikator.csv").write_text(text[: len(text) // 2 - 7], encoding="utf-8")


def _latin1(f):
    text = (f / "sekolah.csv").read_text(encoding="utf-8").replace("Belitung", "Belitúng", 1)
    (f / "sekolah.csv").write_bytes(text.encode("cp1252"))


def _utf16(f):
    (f / "sekolah.csv").write_bytes((f / "sekolah.csv").read_text(encoding="utf-8").encode("utf-16"))


def _orphan_npsn(f):
    edit(f / "keuangan.csv", lines(f / "keuangan.csv")[1].split(",")[0], '"99999999"')


def _wrong_damage_class(f):
    path = f / "bangunan.csv"
    rows = lines(path)
    line = next(i for i, r in enumerate(rows) if r.endswith(('"Ringan",', '"Ringan"')) or ',"Ringan",' in r)
    rows[line] = rows[line].replace('"Ringan"', '"Berat"')
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")


def _xlsx_with_errors(f):
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "sekolah"
    rows = [ln.replace('"', "").split(",") for ln in lines(f / "sekolah.csv")]
    rows[3][10] = "-12"  # guru negative on line 4
    for r in rows:
        ws.append(r)
    for p in f.glob("*.csv"):
        p.unlink()
    book.save(f / "sekolah.xlsx")


CASES = [
    ("kolom hilang", _missing_column, ["kolom jenjang", "Kolom wajib tidak ada"]),
    ("tipe salah", _set_cell("sekolah", 3, "peserta_didik", "seratus"), ["baris 3, kolom peserta_didik", "bukan bilangan bulat"]),
    ("di luar rentang", _set_cell("indikator", 5, "nilai", "130.5"), ["baris 5, kolom nilai", "di luar rentang"]),
    ("jumlah negatif", _set_cell("sekolah", 2, "guru", "-4"), ["baris 2, kolom guru", "di luar rentang"]),
    ("NPSN ganda", _duplicate_npsn, ["baris 3, kolom npsn", "lebih dari sekali"]),
    ("NPSN 7 digit", _set_cell("sekolah", 4, "npsn", '"9267937"'), ["baris 4, kolom npsn", "tepat 8 angka"]),
    ("NPSN berhuruf", _set_cell("sekolah", 5, "npsn", '"9267A372"'), ["baris 5, kolom npsn", "8 angka"]),
    ("kode kab/kota tak dikenal", _set_cell("sekolah", 2, "kode_kabkota", '"1999"'), ["baris 2, kolom kode_kabkota", "tidak ada"]),
    ("provinsi tak cocok", _set_cell("sekolah", 2, "kode_provinsi", '"53"'), ["baris 2, kolom kode_provinsi", "seharusnya 19"]),
    ("jenjang tak dikenal", _set_cell("sekolah", 2, "jenjang", '"SMU"'), ["baris 2, kolom jenjang", "SD, SMP, SMA, SMK, SLB"]),
    ("tanda 3T salah", _set_cell("sekolah", 2, "daerah_3t", "true"), ["baris 2, kolom daerah_3t", "Perpres 63/2020"]),
    ("boolean tak terbaca", _set_cell("sekolah", 2, "daerah_3t", "mungkin"), ["baris 2, kolom daerah_3t", "true atau false"]),
    ("nilai wajib kosong", _set_cell("sekolah", 6, "nama", ""), ["baris 6, kolom nama", "kosong"]),
    ("file kosong", lambda f: (f / "sekolah.csv").write_text("", encoding="utf-8"), ["sekolah.csv", "kosong"]),
    ("hanya judul", _header_only, ["sekolah.csv", "Hanya ada baris judul"]),
    ("biner", lambda f: (f / "sekolah.csv").write_bytes(bytes(range(256)) * 40), ["sekolah.csv", "biner"]),
    ("ANSI/latin-1", _latin1, ["sekolah.csv", "bukan UTF-8", "baris"]),
    ("UTF-16", _utf16, ["sekolah.csv", "UTF-16"]),
    ("file terpotong", _truncated, ["indikator.csv", "terpotong"]),
    ("NPSN yatim", _orphan_npsn, ["keuangan.csv, baris 2, kolom npsn", "tidak ada di tabel sekolah"]),
    ("capaian tak cocok", _set_cell("indikator", 2, "capaian", '"Baik"'), ["baris 2, kolom capaian", "seharusnya"]),
    ("kelas kerusakan salah", _wrong_damage_class, ["kolom kelas_kerusakan", "seharusnya Ringan"]),
    ("realisasi > alokasi", _set_cell("keuangan", 2, "alokasi_bosp", "1000"), ["baris 2, kolom total_realisasi", "melebihi alokasi"]),
    ("jumlah komponen", _set_cell("keuangan", 3, "k01_ppdb", "1"), ["baris 3, kolom total_realisasi", "jumlah 12 komponen"]),
    ("kunci ganda indikator", lambda f: edit(f / "indikator.csv", ',"A.2",', ',"A.1",'), ["kolom npsn, tahun, kode_indikator", "sudah muncul"]),
    ("XLSX bermasalah", _xlsx_with_errors, ["sekolah.xlsx (lembar sekolah), baris 4, kolom guru", "di luar rentang"]),
    ("XLSX rusak", lambda f: (f / "sekolah.xlsx").write_bytes(b"PK\x03\x04" + b"\x00" * 200), ["sekolah.xlsx", "XLSX"]),
]


@pytest.mark.parametrize("name, breaker, expected", CASES, ids=[c[0] for c in CASES])
def test_malformed_input_is_reported_with_row_and_column(folder, name, breaker, expected):
    breaker(folder)
    out = run("validate", folder)
    assert out.returncode == 1, out.stdout
    for text in expected:
        assert text in out.stdout, f"{text!r} tidak ada di:\n{out.stdout}"
    assert "Perbaikan:" in out.stdout


def test_every_problem_at_once(folder):
    _set_cell("sekolah", 2, "guru", "-1")(folder)
    _set_cell("sekolah", 3, "jenjang", "TK")(folder)
    _set_cell("indikator", 4, "nilai", "abc")(folder)
    out = run("validate", folder)
    assert out.returncode == 1 and "Ditemukan 3 masalah" in out.stdout
    assert "baris 2, kolom guru" in out.stdout and "baris 3, kolom jenjang" in out.stdout
    assert "indikator.csv, baris 4, kolom nilai" in out.stdout


def test_semicolon_decimal_comma_and_bom_are_valid(folder):
    text = (folder / "indikator.csv").read_text(encoding="utf-8")
    rows = [ln.split(",") for ln in text.splitlines()]
    (folder / "indikator.csv").write_bytes(
        ("\n".join(";".join(c.replace(".", ",") if c[:1].isdigit() or c[:1] == "-" else c for c in r)
                   for r in rows) + "\n").encode("utf-8-sig"))
    out = run("validate", folder)
    assert out.returncode == 0, out.stdout


def test_valid_xlsx_with_one_sheet_per_table(folder):
    book = openpyxl.Workbook()
    book.remove(book.active)
    for table in ("sekolah", "sarpras"):
        ws = book.create_sheet(table)
        for ln in lines(folder / f"{table}.csv"):
            ws.append(ln.replace('"', "").split(","))
    for p in folder.glob("*.csv"):
        p.unlink()
    book.save(folder / "data-sekolah.xlsx")
    out = run("validate", folder)
    assert out.returncode == 0, out.stdout


def test_missing_path_and_empty_folder(tmp_path):
    out = run("validate", tmp_path / "tidak-ada")
    assert out.returncode != 0 and "tidak ditemukan" in out.stdout + out.stderr
    out = run("validate", tmp_path)
    assert out.returncode == 1 and "tidak berisi file CSV atau XLSX" in out.stdout


def test_long_reports_stay_readable(tmp_path, folder):
    path = folder / "indikator.csv"
    rows = lines(path)
    path.write_text("\n".join([rows[0]] + [r.replace(',"Kurang",', ',"Baik",').replace(',"Sedang",', ',"Baik",')
                                           for r in rows[1:]]) + "\n", encoding="utf-8")
    out = run("validate", folder)
    assert out.returncode == 1 and "baris lain dengan masalah yang sama" in out.stdout
    assert len(out.stdout.splitlines()) < 60


def test_info_summarises_a_dataset():
    out = run("info", samples.sample_dir("sumba-barat"))
    assert out.returncode == 0
    assert "142" in out.stdout and "Nusa Tenggara Timur" in out.stdout and "2022, 2023, 2024" in out.stdout
