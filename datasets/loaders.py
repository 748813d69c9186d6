"""Reading school data files the way trainers actually have them.

CSV with comma or semicolon, decimal comma, UTF-8 with or without BOM (Excel's "CSV UTF-8"),
and XLSX. Everything is read as text first so that validation can point at the exact row and
column of a bad value; ``coerce`` then converts to the contract's types. Files that cannot be
read at all (empty, binary, another encoding, a folder) raise ``LabMutuError`` with a message
that says what to do.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from labmutu.datasets.schema import TABLES, Table
from labmutu.errors import LabMutuError

SEPARATORS = (",", ";", "\t")
TRUE = {"true", "ya", "1", "y", "benar"}
FALSE = {"false", "tidak", "0", "t", "salah"}
SAVE_AS_UTF8 = ("Buka file di Excel/LibreOffice lalu simpan ulang sebagai 'CSV UTF-8 (dipisah koma)', "
                "atau simpan sebagai XLSX.")


@dataclass
class RawTable:
    """A table as read from a file: all cells as text, plus what was found while reading."""

    name: str
    path: Path
    frame: pd.DataFrame
    separator: str = ","
    sheet: str | None = None
    broken_rows: list[tuple[int, int]] = field(default_factory=list)  # (line, fields found)

    @property
    def label(self) -> str:
        return f"{self.path.name} (lembar {self.sheet})" if self.sheet else self.path.name


def table_name_for(path: Path, columns: list[str] | None = None) -> str | None:
    """The contract table a file holds: by file name (``sekolah.csv``), else by its columns."""
    stem = path.stem.lower().strip()
    if stem in TABLES:
        return stem
    if columns:
        shared = {"npsn", "tahun", "peserta_didik", "tahun_rehab_terakhir"}

        def score(t):
            return len((set(t.column_names) - shared) & set(columns))

        best = max(TABLES.values(), key=score)
        if score(best) >= 1:
            return best.name
    return None


def read_raw(path, table: str | None = None) -> list[RawTable]:
    """Reads a CSV or XLSX file into text tables (an XLSX may hold one table per sheet).

    Raises:
        LabMutuError: the file is missing, empty, binary, in another encoding, or not a table.
    """
    path = Path(path)
    if not path.exists():
        raise LabMutuError(f"File {path} tidak ditemukan.", "Periksa nama dan lokasi file.")
    if path.is_dir():
        raise LabMutuError(f"{path} adalah folder, bukan file.", "Sebutkan file CSV/XLSX, atau pakai folder dengan validate.")
    data = path.read_bytes()
    if not data.strip():
        raise LabMutuError(f"File {path.name} kosong.", "Isi file dengan baris judul kolom dan data, lalu coba lagi.")
    if data[:4] == b"PK\x03\x04":
        return _read_xlsx(path, table)
    if path.suffix.lower() in (".xls", ".xlsx", ".xlsm"):
        raise LabMutuError(f"File {path.name} bukan file XLSX yang utuh.",
                           "Simpan ulang dari Excel sebagai XLSX (Excel Workbook) atau CSV UTF-8.")
    text = _decode(path, data)
    return [_read_csv_text(path, text, table)]


def _decode(path: Path, data: bytes) -> str:
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        raise LabMutuError(f"File {path.name} tersimpan sebagai UTF-16 ('Unicode Text'), bukan UTF-8.", SAVE_AS_UTF8)
    sample = data[:8192]
    if b"\x00" in sample or sum(b < 9 or 13 < b < 32 for b in sample) > len(sample) // 20:
        raise LabMutuError(f"File {path.name} bukan file teks CSV (isinya data biner).",
                           "Pastikan file yang dipilih benar; " + SAVE_AS_UTF8)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        raise LabMutuError(
            f"File {path.name} bukan UTF-8: ada huruf yang tidak terbaca di baris {line} "
            f"(mungkin tersimpan sebagai ANSI/Windows-1252).", SAVE_AS_UTF8) from exc


def _read_csv_text(path: Path, text: str, table: str | None) -> RawTable:
    lines = text.splitlines()
    header_line = next((ln for ln in lines if ln.strip()), "")
    sep = max(SEPARATORS, key=header_line.count)
    rows = list(csv.reader(io.StringIO(text), delimiter=sep))
    while rows and not any(c.strip() for c in rows[-1]):
        rows.pop()
    header = [h.strip() for h in rows[0]]
    if len(header) < 2 or not any(h for h in header):
        raise LabMutuError(f"File {path.name} tidak punya baris judul kolom yang bisa dibaca.",
                           "Baris pertama harus berisi nama kolom dipisah koma atau titik koma, "
                           "misalnya: npsn,nama,jenjang,...")
    body, broken, line_numbers = [], [], []
    for i, row in enumerate(rows[1:], start=2):
        if not any(c.strip() for c in row):
            continue
        line_numbers.append(i)
        if len(row) != len(header):
            broken.append((i, len(row)))
            row = (row + [""] * len(header))[:len(header)]
        body.append(row)
    frame = pd.DataFrame(body, columns=header, dtype=object)
    frame.index = pd.Index(line_numbers, dtype=int)
    name = table or table_name_for(path, header)
    return RawTable(name, path, frame, separator=sep, broken_rows=broken)


def _read_xlsx(path: Path, table: str | None) -> list[RawTable]:
    import openpyxl

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a damaged zip
        raise LabMutuError(f"File {path.name} tidak bisa dibuka sebagai XLSX (rusak atau terpotong).",
                           "Buka di Excel/LibreOffice lalu simpan ulang sebagai XLSX.") from exc
    sheets = [ws for ws in book.worksheets if ws.title.lower() in TABLES] or book.worksheets[:1]
    out = []
    for ws in sheets:
        values = [["" if v is None else _cell_text(v) for v in row] for row in ws.iter_rows(values_only=True)]
        values = [r for r in values if any(c.strip() for c in r)]
        if not values:
            raise LabMutuError(f"Lembar {ws.title} di {path.name} kosong.", "Isi lembar dengan judul kolom dan data.")
        header = [h.strip() for h in values[0]]
        width = max(i + 1 for i, h in enumerate(header) if h) if any(header) else 0
        frame = pd.DataFrame([r[:width] + [""] * (width - len(r[:width])) for r in values[1:]],
                             columns=header[:width], dtype=object)
        frame.index = pd.RangeIndex(2, 2 + len(frame))
        name = table or (ws.title.lower() if ws.title.lower() in TABLES else table_name_for(path, header))
        out.append(RawTable(name, path, frame, sheet=ws.title))
    book.close()
    return out


def _cell_text(v) -> str:
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


def parse_column(values: pd.Series, dtype: str, separator: str = ",") -> tuple[pd.Series, pd.Series]:
    """Converts text cells to a contract type.

    Returns:
        (converted values, mask of non-empty cells that could not be converted).
    """
    text = values.astype(str).str.strip()
    empty = text.eq("") | text.str.lower().isin(["nan", "na", "null", "none", "-"])
    if dtype in ("str", "category"):
        return text.where(~empty, None), pd.Series(False, index=values.index)
    if dtype == "bool":
        low = text.str.lower()
        out = pd.Series(np.where(low.isin(TRUE), True, np.where(low.isin(FALSE), False, None)),
                        index=values.index, dtype=object)
        return out.where(~empty, None), ~empty & out.isna()
    cleaned = text
    if separator == ";" or text.str.fullmatch(r"-?\d+,\d+").any():
        thousands = text.str.fullmatch(r"-?\d{1,3}(\.\d{3})+")
        cleaned = text.where(~thousands, text.str.replace(".", "", regex=False))
        cleaned = cleaned.str.replace(",", ".", regex=False)
    number = pd.to_numeric(cleaned.where(~empty, None), errors="coerce")
    bad = ~empty & number.isna()
    if dtype == "int":
        fractional = number.notna() & (number % 1 != 0)
        bad |= fractional
        number = number.where(~fractional)
    return number, bad


def coerce(raw: RawTable) -> pd.DataFrame:
    """The table with the contract's types; unconvertible cells become missing values."""
    table: Table | None = TABLES.get(raw.name)
    df = raw.frame.copy()
    if table is None:
        return df
    for column in table.columns:
        if column.name in df:
            df[column.name] = parse_column(df[column.name], column.dtype, raw.separator)[0]
            if column.dtype == "int":
                df[column.name] = df[column.name].astype("Int64")
    return df


def read_table(path, table: str | None = None) -> pd.DataFrame:
    """One table from a CSV or XLSX file, typed by the contract (first table of an XLSX)."""
    return coerce(read_raw(path, table)[0])


def find_files(folder: Path) -> list[Path]:
    """The data files in a folder: CSV and XLSX, in name order."""
    return sorted(p for p in Path(folder).iterdir()
                  if p.is_file() and p.suffix.lower() in (".csv", ".xlsx") and not p.name.startswith((".", "~$")))


def load_dataset(folder) -> dict[str, pd.DataFrame]:
    """Every contract table found in a folder (``sekolah`` required), typed.

    Raises:
        LabMutuError: the folder is missing or holds no ``sekolah`` table.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise LabMutuError(f"Folder data {folder} tidak ditemukan.", "Periksa nama folder.")
    tables = {}
    for path in find_files(folder):
        for raw in read_raw(path):
            if raw.name in TABLES:
                tables[raw.name] = coerce(raw)
    if "sekolah" not in tables:
        raise LabMutuError(f"Folder {folder} tidak berisi tabel sekolah (sekolah.csv atau sekolah.xlsx).",
                           "Bangkitkan data dengan 'labmutu data generate' atau salin sampel dari Lab Mutu.")
    return tables
