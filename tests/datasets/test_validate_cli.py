"""``labmutu data validate`` and ``info`` through the real command line.

Each malformed case starts from the valid hand-made dataset (conftest.py) and breaks one thing;
the report must name the file, the spreadsheet row and the column in Indonesian, say how to fix
it, exit 1, and never show a traceback.
"""

from __future__ import annotations

import subprocess
import sys
import time

import numpy as np
import pandas as pd
import pytest

from labmutu.datasets import reference, samples


def run(*args) -> subprocess.CompletedProcess:
    out = subprocess.run([sys.executable, "-m", "labmutu", "data", *map(str, args)],
                         capture_output=True, text=True, timeout=300)
    assert "Traceback" not in out.stdout + out.stderr
    return out


def section(report: str, file: str) -> str:
    """The part of a report about one file (from its header line to the next blank line)."""
    start = report.index(f"\n{file} (")
    end = report.find("\n\n", start + 1)
    return report[start:end if end > 0 else None]


def _text(d, table: str) -> str:
    return d.file(table).read_text(encoding="utf-8")


def _duplicate_npsn(d):
    rows = d.rows("sekolah")
    rows[2][0] = rows[1][0]
    d.write_rows("sekolah", rows)


def _header_only(d):
    d.file("sekolah").write_text(_text(d, "sekolah").splitlines()[0] + "\n", encoding="utf-8")


def _truncated(d):
    text = _text(d, "indikator")  # last line: 91902002,2024,A.2,30,Kurang,0 -> 91902002,2024,A
    d.file("indikator").write_text(text[: text.rindex(".2,30,Kurang")], encoding="utf-8")


def _cp1252(d):
    d.file("sekolah").write_bytes(_text(d, "sekolah").replace("Loli", "Lolí").encode("cp1252"))


def _utf16(d):
    d.file("sekolah").write_bytes(_text(d, "sekolah").encode("utf-16"))


def _xlsx_with_errors(d):
    d.set_cell("sekolah", 4, "guru", "-12")
    d.set_cell("indikator", 3, "capaian", "Baik")
    d.to_xlsx("data-sekolah.xlsx")


def _unquoted_comma(d):
    d.file("sekolah").write_text(_text(d, "sekolah").replace("SD Negeri 1 Tanjung Pandan", "SD Negeri 1, Tanjung Pandan"),
                                 encoding="utf-8")


def _sekolah_twice(d):
    d.to_xlsx("sekolah.xlsx", ["sekolah"])
    d.reset("sekolah")


# (id, how to break the dataset, file named in the report, texts expected in that file's section)
CASES = [
    ("kolom hilang", lambda d: d.drop_column("sekolah", "jenjang"), "sekolah.csv",
     ["kolom jenjang: Kolom wajib ini tidak ada", "Tambahkan kolom 'jenjang'"]),
    ("tipe salah", lambda d: d.set_cell("sekolah", 3, "peserta_didik", "seratus"), "sekolah.csv",
     ["baris 3, kolom peserta_didik: Nilai 'seratus' bukan bilangan bulat"]),
    ("di luar rentang", lambda d: d.set_cell("indikator", 5, "nilai", "130.5"), "indikator.csv",
     ["baris 5, kolom nilai: Nilai 130,5 di luar rentang 0–100"]),
    ("jumlah negatif", lambda d: d.set_cell("sekolah", 2, "guru", "-4"), "sekolah.csv",
     ["baris 2, kolom guru: Nilai -4 di luar rentang 0–400 orang"]),
    ("NPSN ganda", _duplicate_npsn, "sekolah.csv",
     ["baris 3, kolom npsn: Nilai '95312001' sudah dipakai di baris 2"]),
    ("NPSN 7 angka", lambda d: d.set_cell("sekolah", 4, "npsn", "9190200"), "sekolah.csv",
     ["baris 4, kolom npsn: NPSN '9190200' harus tepat 8 angka (sekarang 7 angka)"]),
    ("NPSN berhuruf", lambda d: d.set_cell("sekolah", 5, "npsn", "9190200A"), "sekolah.csv",
     ["baris 5, kolom npsn: NPSN '9190200A' harus tepat 8 angka (sekarang berisi selain angka)"]),
    ("kode kab/kota tak dikenal", lambda d: d.set_cell("sekolah", 2, "kode_kabkota", "5399"), "sekolah.csv",
     ["baris 2, kolom kode_kabkota: Kode kab/kota '5399' tidak ada"]),
    ("provinsi tak cocok", lambda d: d.set_cell("sekolah", 4, "kode_provinsi", "53"), "sekolah.csv",
     ["baris 4, kolom kode_provinsi: Kode provinsi '53' tidak cocok dengan kab/kota 1902 (seharusnya 19)"]),
    ("jenjang tak dikenal", lambda d: d.set_cell("sekolah", 2, "jenjang", "SMU"), "sekolah.csv",
     ["baris 2, kolom jenjang: Nilai 'SMU' tidak dikenal", "SD, SMP, SMA, SMK, SLB"]),
    ("tanda 3T salah", lambda d: d.set_cell("sekolah", 4, "daerah_3t", "ya"), "sekolah.csv",
     ["baris 4, kolom daerah_3t: Tanda 3T 'true' tidak sesuai Perpres 63/2020", "(seharusnya false)"]),
    ("boolean tak terbaca", lambda d: d.set_cell("sarpras", 3, "siap_ifp", "mungkin"), "sarpras.csv",
     ["baris 3, kolom siap_ifp: Nilai 'mungkin' bukan true/false"]),
    ("nilai wajib kosong", lambda d: d.set_cell("sekolah", 5, "nama", ""), "sekolah.csv",
     ["baris 5, kolom nama: Nilai kosong, padahal wajib diisi"]),
    ("file kosong", lambda d: d.file("sekolah").write_text("", encoding="utf-8"), "sekolah.csv",
     ["File sekolah.csv kosong"]),
    ("hanya judul", _header_only, "sekolah.csv", ["hanya berisi baris judul, tanpa data"]),
    ("biner", lambda d: d.file("sekolah").write_bytes(bytes(range(256)) * 40), "sekolah.csv",
     ["bukan file teks CSV (isinya data biner)"]),
    ("ANSI/Windows-1252", _cp1252, "sekolah.csv", ["bukan UTF-8: huruf di baris 3", "CSV UTF-8"]),
    ("UTF-16", _utf16, "sekolah.csv", ["UTF-16", "CSV UTF-8"]),
    ("file terpotong", _truncated, "indikator.csv", ["baris 17: Baris ini berisi 3 kolom, padahal judulnya 6 kolom", "terpotong"]),
    ("koma tanpa tanda kutip", _unquoted_comma, "sekolah.csv", ["baris 4: Baris ini berisi 14 kolom"]),
    ("NPSN indikator tak ada di sekolah", lambda d: d.set_cell("indikator", 7, "npsn", "95312999"), "indikator.csv",
     ["baris 7, kolom npsn: NPSN 95312999 tidak ada di tabel sekolah"]),
    ("capaian tak cocok", lambda d: d.set_cell("indikator", 8, "capaian", "Baik"), "indikator.csv",
     ["baris 8, kolom capaian: Capaian 'Baik' tidak sesuai nilai 40 (seharusnya Sedang)"]),
    ("kunci indikator ganda", lambda d: d.set_cell("indikator", 4, "kode_indikator", "A.1"), "indikator.csv",
     ["baris 4, kolom npsn, tahun, kode_indikator: Kombinasi npsn, tahun, kode_indikator ini sudah ada di baris 2"]),
    ("kelas kerusakan salah", lambda d: d.set_cell("bangunan", 3, "kelas_kerusakan", "Ringan"), "bangunan.csv",
     ["baris 3, kolom kelas_kerusakan: Kelas 'Ringan' tidak sesuai kerusakan 36,64 % (seharusnya Sedang)"]),
    ("kerusakan tak sesuai bobot", lambda d: d.set_cell("bangunan", 4, "kerusakan_persen", "25"), "bangunan.csv",
     ["baris 4, kolom kerusakan_persen: Kerusakan 25 % tidak sama dengan jumlah bobot", "(20 %)"]),
    ("realisasi melebihi alokasi", lambda d: d.set_cell("keuangan", 4, "alokasi_bosp", "290000000"), "keuangan.csv",
     ["baris 4, kolom total_realisasi: Realisasi Rp 297.000.000 melebihi alokasi BOSP Rp 290.000.000"]),
    ("total tak sama komponen", lambda d: d.set_cell("keuangan", 2, "k01_ppdb", "5000000"), "keuangan.csv",
     ["baris 2, kolom total_realisasi: Total realisasi Rp 209.484.000 tidak sama dengan jumlah 12 komponen "
      "(Rp 210.484.000)"]),
    ("alokasi tak sesuai satuan biaya", lambda d: d.set_cell("keuangan", 5, "layak_bosp", "true"), "keuangan.csv",
     ["baris 5, kolom alokasi_bosp: Alokasi Rp 0 tidak sama dengan satuan biaya × peserta didik (Rp 90.750.000)"]),
    ("siap IFP salah", lambda d: d.set_cell("sarpras", 2, "siap_ifp", "true"), "sarpras.csv",
     ["baris 2, kolom siap_ifp: siap_ifp 'true' tidak sesuai daya 450 VA"]),
    ("jumlah blok tak cocok", lambda d: d.set_cell("sarpras", 4, "jumlah_blok", "3"), "sarpras.csv",
     ["baris 4, kolom jumlah_blok: jumlah_blok 3 tidak sama dengan hitungan dari bangunan.csv (2)"]),
    ("XLSX bermasalah", _xlsx_with_errors, "data-sekolah.xlsx (lembar sekolah)",
     ["baris 4, kolom guru: Nilai -12 di luar rentang"]),
    ("XLSX rusak", lambda d: (d.path / "sekolah.xlsx").write_bytes(b"PK\x03\x04" + b"\x00" * 200), "sekolah.xlsx",
     ["tidak bisa dibuka sebagai XLSX"]),
    ("Excel lama .xls", lambda d: (d.path / "keuangan.xlsx").write_bytes(
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 500), "keuangan.xlsx", ["file Excel lama (.xls)"]),
    ("tabel sekolah dua kali", _sekolah_twice, "sekolah.xlsx (lembar sekolah)",
     ["Tabel sekolah ada lebih dari sekali: sekolah.csv, sekolah.xlsx (lembar sekolah)"]),
    ("folder tanpa sekolah", lambda d: d.file("sekolah").unlink(), "data", ["Tabel sekolah tidak ada di folder ini"]),
]


@pytest.mark.parametrize("name, breaker, file, expected", CASES, ids=[c[0] for c in CASES])
def test_malformed_input_is_reported_with_file_row_and_column(data, name, breaker, file, expected):
    breaker(data)
    out = run("validate", data.path)
    assert out.returncode == 1, out.stdout + out.stderr
    assert out.stdout.startswith("Ditemukan "), out.stdout
    part = section(out.stdout, file)
    for text in expected:
        assert text in part, f"{text!r} tidak ada di:\n{out.stdout}"
    assert "Perbaikan:" in part


def test_xlsx_errors_name_the_sheet_and_excel_row(data):
    _xlsx_with_errors(data)
    out = run("validate", data.path)
    assert "baris 3, kolom capaian: Capaian 'Baik' tidak sesuai nilai 38,5 (seharusnya Kurang)" in section(
        out.stdout, "data-sekolah.xlsx (lembar indikator)")


def test_every_problem_at_once(data):
    data.set_cell("sekolah", 2, "guru", "-1")
    data.set_cell("sekolah", 3, "jenjang", "TK")
    data.set_cell("indikator", 4, "nilai", "abc")
    data.set_cell("keuangan", 3, "tahun", "dua ribu")
    out = run("validate", data.path)
    assert out.returncode == 1 and out.stdout.startswith("Ditemukan 4 masalah di 3 file.")
    sekolah = section(out.stdout, "sekolah.csv")
    assert "baris 2, kolom guru" in sekolah and "baris 3, kolom jenjang" in sekolah
    assert "baris 4, kolom nilai: Nilai 'abc' bukan angka" in section(out.stdout, "indikator.csv")
    assert "baris 3, kolom tahun" in section(out.stdout, "keuangan.csv")


@pytest.mark.parametrize("target", ["folder", "file"])
def test_valid_dataset_exits_zero(data, target):
    out = run("validate", data.path if target == "folder" else data.file("sekolah"))
    assert out.returncode == 0, out.stdout
    assert out.stdout.startswith("Data valid:") and "sekolah.csv: 4 baris" in out.stdout


def test_semicolon_and_decimal_comma_are_valid(data):
    for table in ("indikator", "bangunan", "keuangan", "sekolah"):
        rows = data.rows(table)
        text = "\n".join(";".join(_decimal_comma(c) for c in r) for r in rows) + "\n"
        data.file(table).write_text(text, encoding="utf-8")
    assert ";119,4133;" in _text(data, "sekolah") and ";36,64;" in _text(data, "bangunan")
    assert ";A.1;" in _text(data, "indikator")
    out = run("validate", data.path)
    assert out.returncode == 0, out.stdout


def _decimal_comma(cell: str) -> str:
    return cell.replace(".", ",") if cell.replace(".", "").lstrip("-").isdigit() else cell


def test_bom_and_windows_line_endings_are_valid(data):
    for table in ("sekolah", "keuangan"):
        data.file(table).write_bytes(b"\xef\xbb\xbf" + _text(data, table).replace("\n", "\r\n").encode())
    out = run("validate", data.path)
    assert out.returncode == 0, out.stdout


def test_valid_xlsx_one_sheet_per_table(data):
    data.to_xlsx("data-sekolah.xlsx")
    out = run("validate", data.path)
    assert out.returncode == 0, out.stdout
    assert "data-sekolah.xlsx (lembar keuangan): 4 baris" in out.stdout


def test_unknown_column_is_only_a_warning(data):
    rows = data.rows("sekolah")
    data.write_rows("sekolah", [r + (["catatan"] if i == 0 else ["-"]) for i, r in enumerate(rows)])
    out = run("validate", data.path)
    assert out.returncode == 0, out.stdout
    assert "Peringatan" in out.stdout and "kolom catatan: Kolom ini tidak ada di kamus data" in out.stdout


def test_missing_path_and_folder_without_tables(tmp_path):
    out = run("validate", tmp_path / "tidak-ada")
    assert out.returncode == 1 and "tidak-ada" in out.stdout and "tidak ditemukan" in out.stdout
    (tmp_path / "kosong").mkdir()
    (tmp_path / "kosong" / "catatan.txt").write_text("bukan data", encoding="utf-8")
    out = run("validate", tmp_path / "kosong")
    assert out.returncode == 1 and "Folder ini tidak berisi file CSV atau XLSX" in out.stdout


@pytest.mark.parametrize("name", sorted(samples.SAMPLES))
def test_every_shipped_sample_validates_clean(name):
    out = run("validate", samples.sample_dir(name))
    assert out.returncode == 0, out.stdout
    assert out.stdout.startswith("Data valid: 6 tabel")


def test_national_size_sekolah_with_a_systematic_error_stays_readable(tmp_path):
    """215.372 schools (the national count) over all 514 kab/kota, every guru count negative."""
    kab = reference.kabupaten_kota()
    n = 215_372
    k = kab.iloc[np.arange(n) % len(kab)].reset_index(drop=True)
    df = pd.DataFrame({
        "npsn": [str(90_000_000 + i) for i in range(n)], "nama": [f"SD Negeri {i}" for i in range(n)],
        "jenjang": "SD", "status": "Negeri", "kode_kabkota": k.kode_kabkota, "kode_provinsi": k.kode_provinsi,
        "daerah_3t": k.daerah_3t.map({True: "true", False: "false"}), "lat": -2.5, "lon": 110.0,
        "peserta_didik": 200, "guru": -1, "rombel": 6, "akreditasi": "B"})
    df.to_csv(tmp_path / "sekolah.csv", index=False)
    started = time.perf_counter()
    out = run("validate", tmp_path)
    took = time.perf_counter() - started
    assert out.returncode == 1
    lines = out.stdout.splitlines()
    assert len(lines) < 40, out.stdout
    assert "Ditemukan 215.372 masalah" in lines[0]
    assert "… dan 215.352 baris lain dengan masalah yang sama di kolom guru." in out.stdout
    assert took < 60, f"validasi nasional butuh {took:.0f} detik"


def test_info_summarises_a_folder(data):
    out = run("info", data.path)
    assert out.returncode == 0, out.stderr
    assert " ".join(out.stdout.split()[4:10]) == "sekolah 4 baris indikator 16 baris"
    for text in (                 "Wilayah: 2 provinsi (Kepulauan Bangka Belitung, Nusa Tenggara Timur), 2 kab/kota",
                 "5312 Kab. Sumba Barat", "SD          2 / 0", "SMA         0 / 1",
                 "Sekolah di daerah 3T: 2 dari 4 (50,0 %)", "Tahun indikator: 2023, 2024"):
        assert text in out.stdout, f"{text!r} tidak ada di:\n{out.stdout}"


def test_info_on_a_shipped_sample_and_on_bad_data(data):
    out = run("info", samples.sample_dir("sumba-barat"))
    assert out.returncode == 0 and "142" in out.stdout and "Sekolah di daerah 3T: 142 dari 142" in out.stdout
    data.set_cell("sekolah", 3, "guru", "banyak")
    out = run("info", data.path)
    assert out.returncode != 0 and "baris 3 kolom guru: 'banyak'" in out.stderr
    assert "labmutu data validate" in out.stderr


def test_help_is_indonesian():
    for command in ("validate", "info"):
        out = run(command, "--help")
        assert out.returncode == 0 and "cara pakai:" in out.stdout and "Contoh" in out.stdout
