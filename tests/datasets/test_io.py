"""Reading data files: text first with spreadsheet line numbers, then the contract's types."""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from labmutu.datasets import samples
from labmutu.datasets.io import coerce, load_dataset, parse_column, read_raw, read_table
from labmutu.datasets.schema import TABLES
from labmutu.errors import LabMutuError


def test_cells_stay_text_indexed_by_spreadsheet_line(data):
    data.set_cell("sekolah", 2, "npsn", "01234567")
    df = read_table(data.file("sekolah"))
    assert df.index.tolist() == [2, 3, 4, 5] and df.index.name == "baris"
    assert df.at[2, "npsn"] == "01234567" and df.at[3, "guru"] == "16"
    assert df.attrs == {"file": "sekolah.csv", "table": "sekolah", "separator": ","}
    typed = coerce(df, "sekolah")
    assert typed.at[2, "npsn"] == "01234567"


def test_blank_lines_keep_later_line_numbers(data):
    text = data.file("sekolah").read_text(encoding="utf-8").splitlines()
    data.file("sekolah").write_text("\n".join(text[:2] + ["", ",,,,,,,,,,,,"] + text[2:]) + "\n", encoding="utf-8")
    df = read_table(data.file("sekolah"))
    assert df.index.tolist() == [2, 5, 6, 7]


def test_coerce_gives_the_contract_types(data):
    tables = {t: coerce(read_table(data.file(t)), t) for t in TABLES}
    s, b = tables["sekolah"], tables["bangunan"]
    assert s["peserta_didik"].dtype == "int64" and s["lat"].dtype == "float64"
    assert s["daerah_3t"].dtype == bool and s["daerah_3t"].tolist() == [True, True, False, False]
    assert list(s["jenjang"].cat.categories) == ["SD", "SMP", "SMA", "SMK", "SLB"]
    assert b["tahun_rehab_terakhir"].dtype == "Int64" and b["tahun_rehab_terakhir"].isna().sum() == 2
    assert tables["indikator"]["perubahan"].isna().sum() == 8


@pytest.mark.parametrize("words, expected", [
    (["true", "false"], [True, False]), (["ya", "tidak"], [True, False]), (["1", "0"], [True, False]),
    (["TRUE", "Salah"], [True, False]), (["Ya", "BENAR"], [True, True]),
])
def test_boolean_words(words, expected):
    values, bad = parse_column(pd.Series(words, dtype="str"), TABLES["sekolah"].column("daerah_3t"))
    assert values.tolist() == expected and not bad.any()


@pytest.mark.parametrize("column, text, value", [
    ("nilai", "65,5", 65.5), ("nilai", "65.5", 65.5), ("nilai", " 70 ", 70.0),
    ("alokasi_bosp", "210.600.000", 210_600_000), ("alokasi_bosp", "1.250", 1250),
    ("lat", "-9,6412", -9.6412), ("satuan_biaya", "1.170.000", 1_170_000),
])
def test_numbers_the_indonesian_way(column, text, value):
    table = next(t for t in TABLES.values() if column in t.column_names)
    values, bad = parse_column(pd.Series([text], dtype="str"), table.column(column))
    assert values.iloc[0] == value and not bad.any()


@pytest.mark.parametrize("column, text", [("guru", "12,5"), ("guru", "dua"), ("nilai", "65%"), ("daerah_3t", "t")])
def test_unreadable_cells_are_flagged_not_guessed(column, text):
    table = next(t for t in TABLES.values() if column in t.column_names)
    values, bad = parse_column(pd.Series([text], dtype="str"), table.column(column))
    assert bad.iloc[0] and pd.isna(values.iloc[0])


def test_category_any_letter_case(data):
    data.set_cell("sekolah", 2, "status", "negeri")
    data.set_cell("sekolah", 3, "jenjang", " smp ")
    s = coerce(read_table(data.file("sekolah")), "sekolah")
    assert s.at[2, "status"] == "Negeri" and s.at[3, "jenjang"] == "SMP"


def test_semicolon_decimal_comma_bom_read_like_comma(data):
    comma = coerce(read_table(data.file("keuangan")), "keuangan")
    text = data.file("keuangan").read_text(encoding="utf-8")
    rows = [r.split(",") for r in text.splitlines()]
    semi = "\r\n".join(";".join(c.replace(".", ",") if c[:1].isdigit() else c for c in r) for r in rows)
    data.file("keuangan").write_bytes(b"\xef\xbb\xbf" + semi.encode("utf-8"))
    df = read_table(data.file("keuangan"))
    assert df.attrs["separator"] == ";" and df.columns[0] == "npsn"
    pd.testing.assert_frame_equal(coerce(df, "keuangan"), comma, check_like=False)


def test_header_names_are_forgiving_and_excel_trailing_columns_dropped(data):
    rows = data.rows("sekolah")
    rows[0] = [c.upper() if c == "npsn" else c.replace("_", " ").title() if c == "kode_kabkota" else c for c in rows[0]]
    data.write_rows("sekolah", [r + ["", ""] for r in rows])
    df = read_table(data.file("sekolah"))
    assert list(df.columns) == TABLES["sekolah"].column_names


def test_xlsx_sheet_by_table_name_or_first_sheet(data):
    book_path = data.to_xlsx("data.xlsx", ["sekolah", "indikator"])
    df = read_table(book_path, "indikator")
    assert len(df) == 16 and df.attrs["file"] == "data.xlsx (lembar indikator)"
    assert read_table(book_path).attrs["table"] == "sekolah"
    with pytest.raises(LabMutuError, match="tidak punya lembar bernama 'keuangan'"):
        read_table(book_path, "keuangan")
    single = openpyxl.Workbook()
    single.active.title = "Sheet1"
    for r in data.rows("sarpras"):
        single.active.append(r)
    single.save(data.path / "ringkasan.xlsx")
    df = read_table(data.path / "ringkasan.xlsx", "sarpras")
    assert len(df) == 4 and df.attrs["table"] == "sarpras"


def test_xlsx_numbers_and_blank_rows_keep_excel_row_numbers(data):
    book = openpyxl.Workbook()
    ws = book.active
    ws.append([])
    ws.append(TABLES["sekolah"].column_names)
    rows = data.rows("sekolah")[1:]
    ws.append([int(rows[0][0])] + rows[0][1:6] + [True, -9.6412, 119.4133, 180, 10, 6, "B"])
    ws.append([])
    ws.append(rows[1])
    book.save(data.path / "sekolah.xlsx")
    df = read_table(data.path / "sekolah.xlsx")
    assert df.index.tolist() == [3, 5] and df.at[3, "npsn"] == "95312001" and df.at[3, "daerah_3t"] == "true"
    assert coerce(df, "sekolah").at[3, "lat"] == -9.6412


def test_load_dataset_matches_the_shipped_sample_loader():
    tables = load_dataset(samples.sample_dir("sekolah-latihan"))
    assert list(tables) == list(TABLES)
    for name, df in tables.items():
        expected = samples.load("sekolah-latihan", name)
        assert list(df.columns) == list(expected.columns)
        for c in df.columns:
            assert df[c].astype(object).where(df[c].notna(), None).tolist() == \
                expected[c].astype(object).where(expected[c].notna(), None).tolist(), (name, c)


def test_load_dataset_optional_tables_and_required_sekolah(data):
    for t in ("bangunan", "keuangan"):
        data.file(t).unlink()
    tables = load_dataset(data.path)
    assert set(tables) == {"sekolah", "indikator", "standar_snp", "sarpras"}
    assert tables["sekolah"].index.tolist() == [0, 1, 2, 3]
    data.file("sekolah").unlink()
    with pytest.raises(LabMutuError, match="tidak berisi tabel sekolah"):
        load_dataset(data.path)


def test_load_dataset_refuses_a_table_twice_and_bad_cells(data):
    data.to_xlsx("sekolah.xlsx", ["sekolah"])
    data.reset("sekolah")
    with pytest.raises(LabMutuError, match="Tabel sekolah ada lebih dari sekali"):
        load_dataset(data.path)
    (data.path / "sekolah.xlsx").unlink()
    data.set_cell("indikator", 6, "nilai", "enam puluh")
    with pytest.raises(LabMutuError, match="indikator.csv: .*baris 6 kolom nilai: 'enam puluh'") as err:
        load_dataset(data.path)
    assert "labmutu data validate" in err.value.hint


@pytest.mark.parametrize("content, message", [
    (b"", "kosong"),
    (b"   \n\n", "kosong"),
    (b"npsn,nama,jenjang\n", "hanya berisi baris judul"),
    (bytes(range(256)) * 8, "data biner"),
    ("npsn,nama\n95312001,SD Negeri 1\n".encode("utf-16"), "UTF-16"),
    ("npsn,nama\n95312001,SD Negeri 1\n".encode("utf-16-le"), "UTF-16"),
    ("npsn,nama\n95312001,SD Négeri 1\n".encode("cp1252"), "bukan UTF-8: huruf di baris 2"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "Excel lama"),
    (b"PK\x03\x04" + b"\x00" * 100, "tidak bisa dibuka sebagai XLSX"),
    (b"npsn,nama\n95312001,SD 1\n95312002\n", "baris 3: baris ini berisi 1 kolom, padahal judulnya 2"),
    (b'npsn,nama\n95312001,"SD 1\n95312002,SD 2\n', "tanda kutip"),
])
def test_unreadable_files_raise_an_indonesian_error(tmp_path, content, message):
    path = tmp_path / "sekolah.csv"
    path.write_bytes(content)
    with pytest.raises(LabMutuError, match=message) as err:
        read_table(path)
    assert err.value.hint


def test_damaged_xlsx_by_extension(tmp_path):
    (tmp_path / "sekolah.xlsx").write_text("npsn,nama\n1,2\n", encoding="utf-8")
    with pytest.raises(LabMutuError, match="bukan file XLSX yang utuh"):
        read_table(tmp_path / "sekolah.xlsx")


def test_paths_that_are_not_files(tmp_path):
    with pytest.raises(LabMutuError, match="tidak ditemukan"):
        read_table(tmp_path / "tidak-ada.csv")
    with pytest.raises(LabMutuError, match="adalah folder"):
        read_table(tmp_path)
    with pytest.raises(LabMutuError, match="Folder data .* tidak ditemukan"):
        load_dataset(tmp_path / "tidak-ada")
    with pytest.raises(LabMutuError, match="tidak berisi tabel sekolah"):
        load_dataset(tmp_path)


@contextlib.contextmanager
def without_read_rights():
    """Root reads any file: as root, the read runs with the effective user ``nobody``."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        yield
        return
    os.seteuid(65534)
    try:
        yield
    finally:
        os.seteuid(0)


def test_unreadable_file(data):
    read_table(data.file("sekolah"))  # every module the reader needs is imported now
    folder = Path(tempfile.mkdtemp(prefix="labmutu-izin-"))
    try:
        folder.chmod(0o755)  # nobody may enter the folder, not read the file
        path = folder / "sekolah.csv"
        shutil.copy(data.file("sekolah"), path)
        path.chmod(0)
        with without_read_rights(), pytest.raises(LabMutuError, match="tidak bisa dibaca"):
            read_table(path)
    finally:
        shutil.rmtree(folder)


def test_broken_rows_are_kept_aside_for_validation(tmp_path):
    path = tmp_path / "sekolah.csv"
    path.write_text("npsn,nama\n95312001,SD 1\n95312002,SD 2,lebih\n95312003,SD 3\n", encoding="utf-8")
    raw = read_raw(path)
    assert raw.frame.index.tolist() == [2, 4] and [line for line, _ in raw.broken_rows] == [3]


TRICKY = {
    "blank and separator-only lines": "npsn,nama\n95312001,SD 1\n\n,\n95312002,SD 2\n",
    "whitespace line": "npsn,nama\n95312001,SD 1\n   \n95312002,SD 2\n",
    "trailing Excel columns": "npsn;nama;;\n95312001;SD 1;;\n95312002;SD 2;;\n",
    "row shorter than Excel header": "npsn;nama;;\n95312001;SD 1\n95312002;SD 2;;\n",
    "extra empty cells": "npsn,nama\n95312001,SD 1,,\n95312002,SD 2\n",
    "too many and too few": "npsn,nama\n95312001,SD 1,x\n95312002\n95312003,SD 3\n",
    "quoted separators": 'npsn,nama\n95312001,"SD 1, Loli"\n95312002,"SD ""2"""\n',
    "CRLF and no final newline": "npsn,nama\r\n95312001,SD 1\r\n95312002,SD 2",
}


@pytest.mark.parametrize("text", TRICKY.values(), ids=TRICKY.keys())
def test_fast_and_exact_csv_parsers_agree(tmp_path, text):
    from labmutu.datasets import io as lio

    data = text.encode("utf-8")
    first = next(ln for ln in text.splitlines() if ln.strip())
    sep = max(lio.SEPARATORS, key=first.count)
    fast = lio._parse_fast(data, first, sep)
    exact = lio._parse_exact(tmp_path / "x.csv", text, sep)
    assert fast is not None
    assert fast[0] == exact[0] and fast[2] == exact[2]
    pd.testing.assert_frame_equal(fast[1], exact[1], check_index_type=False, check_column_type=False)


def test_line_numbers_deep_in_a_large_file(tmp_path):
    rows = [f"{90_000_000 + i},SD {i}" for i in range(200_000)]
    rows[70_000] = "90070000"  # line 70.002: cut short
    rows[150_000] = ""  # line 150.002: blank
    path = tmp_path / "sekolah.csv"
    path.write_text("npsn,nama\n" + "\n".join(rows) + "\n", encoding="utf-8")
    raw = read_raw(path)
    assert raw.broken_rows[0][0] == 70_002 and len(raw.broken_rows) == 1
    assert raw.frame.at[199_999 + 2, "npsn"] == "90199999" and raw.frame.at[70_003, "nama"] == "SD 70001"
    assert len(raw.frame) == 199_998 and 150_002 not in raw.frame.index


def test_xlsx_sheet_named_after_another_table_is_not_misread(data):
    book = data.to_xlsx("data.xlsx", ["sekolah"])
    with pytest.raises(LabMutuError, match="tidak punya lembar bernama 'sarpras'"):
        read_table(book, "sarpras")
