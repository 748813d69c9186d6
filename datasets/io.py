"""Reading school data files the way trainers actually have them.

CSV with comma, semicolon or tab, decimal comma, UTF-8 with or without BOM (Excel's
"CSV UTF-8"), and XLSX (one sheet per table, or the first sheet). Every cell is read as text
first, indexed by its spreadsheet line number (the header is line 1), so validation can point at
the exact row and column of a bad value; ``coerce`` then converts to the contract's types.

A file in another encoding (Excel's "CSV (Comma delimited)" is Windows-1252, "Unicode Text" is
UTF-16) is refused with a message that says how to save it as UTF-8, rather than decoded by
guess: a wrong guess would silently change school names. Files that cannot be read at all
(missing, unreadable, empty, header only, binary, damaged XLSX) raise ``LabMutuError``.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from labmutu.datasets.schema import TABLES, Column, Table
from labmutu.errors import LabMutuError

SEPARATORS = (",", ";", "\t")
TRUE_WORDS = frozenset({"true", "ya", "benar", "1", "1.0"})
FALSE_WORDS = frozenset({"false", "tidak", "salah", "0", "0.0"})
EMPTY_WORDS = frozenset({"", "nan", "na", "n/a", "null", "none", "-"})
EXTENSIONS = (".csv", ".xlsx")
SAVE_AS_UTF8 = ("Buka file di Excel/LibreOffice lalu simpan ulang sebagai 'CSV UTF-8 (Comma delimited)' "
                "atau sebagai XLSX, lalu coba lagi.")
_THOUSANDS = r"-?\d{1,3}(?:\.\d{3})+"


@dataclass
class RawTable:
    """One table as read from a file: every cell as text, plus what went wrong while reading.

    Attributes:
        name: the contract table it holds, or None when it cannot be told.
        path: the file.
        frame: cells as text; index = spreadsheet line number.
        sheet: the XLSX sheet, None for CSV.
        separator: the CSV separator found.
        broken_rows: (line, message) for rows that could not be split into the header's columns;
            they are left out of ``frame``.
    """

    name: str | None
    path: Path
    frame: pd.DataFrame
    sheet: str | None = None
    separator: str = ","
    broken_rows: list[tuple[int, str]] = field(default_factory=list)

    @property
    def label(self) -> str:
        """How a person names it: ``sekolah.csv`` or ``data.xlsx (lembar sekolah)``."""
        return f"{self.path.name} (lembar {self.sheet})" if self.sheet else self.path.name


def read_table(path, table: str | None = None) -> pd.DataFrame:
    """One table from a CSV or XLSX file, every cell as text.

    The index is the spreadsheet line number (header = line 1); ``frame.attrs`` holds
    ``file``, ``table`` and ``separator``. For an XLSX, the sheet named ``table`` is read, else
    the first sheet.

    Raises:
        LabMutuError: the file cannot be read as a table, or a row is cut or has extra cells.
    """
    raw = read_raw(path, table)
    if raw.broken_rows:
        line, message = raw.broken_rows[0]
        more = f" (dan {len(raw.broken_rows) - 1} baris lain)" if len(raw.broken_rows) > 1 else ""
        raise LabMutuError(f"{raw.label}, baris {line}: {message}{more}",
                           "Perbaiki baris itu; jalankan 'labmutu data validate' untuk daftar lengkap.")
    frame = raw.frame
    frame.attrs.update(file=raw.label, table=raw.name, separator=raw.separator)
    return frame


def read_raw(path, table: str | None = None) -> RawTable:
    """Like ``read_table`` but keeps broken rows aside instead of raising (for validation)."""
    sheets = read_sheets(path, table)
    if table is None or sheets[0].sheet is None:
        return sheets[0]
    for raw in sheets:
        if raw.sheet.strip().lower() == table:
            return raw
    if len(sheets) == 1 and sheets[0].sheet.strip().lower() not in TABLES:
        sheets[0].name = table  # the first sheet, whatever its name
        return sheets[0]
    raise LabMutuError(f"{Path(path).name} tidak punya lembar bernama '{table}'.",
                       f"Beri nama lembar sesuai tabelnya: {', '.join(TABLES)}.")


def read_sheets(path, table: str | None = None) -> list[RawTable]:
    """Every table in a file: one for a CSV; for an XLSX, each sheet named after a contract
    table, or else the first sheet.

    Raises:
        LabMutuError: the file is missing, unreadable, empty, binary, in another encoding,
            or holds no data rows.
    """
    path = Path(path)
    data = _read_bytes(path)
    if data[:4] == b"PK\x03\x04":
        return _read_xlsx(path)
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise LabMutuError(f"{path.name} adalah file Excel lama (.xls) yang tidak didukung.",
                           "Buka di Excel/LibreOffice lalu simpan sebagai XLSX atau 'CSV UTF-8'.")
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        raise LabMutuError(f"{path.name} bukan file XLSX yang utuh (rusak atau terpotong).",
                           "Simpan ulang dari Excel/LibreOffice sebagai XLSX, atau sebagai 'CSV UTF-8'.")
    return [_read_csv(path, data, table)]


def _read_bytes(path: Path) -> bytes:
    if not path.exists():
        raise LabMutuError(f"File {path} tidak ditemukan.", "Periksa nama dan lokasi file (huruf besar-kecil berpengaruh).")
    if path.is_dir():
        raise LabMutuError(f"{path} adalah folder, bukan file.",
                           "Sebutkan satu file CSV/XLSX, atau pakai load_dataset/validate untuk satu folder.")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise LabMutuError(f"File {path.name} tidak bisa dibaca ({exc.strerror}).",
                           "Periksa izin file, tutup file itu di Excel bila sedang terbuka, lalu coba lagi.") from exc
    if not data.strip():
        raise LabMutuError(f"File {path.name} kosong.",
                           "Isi file dengan baris judul kolom dan data (lihat KAMUS_DATA.md), lalu coba lagi.")
    return data


def _decode(path: Path, data: bytes) -> str:
    sample = data[:8192]
    if sample[:2] in (b"\xff\xfe", b"\xfe\xff") or (
            len(sample) > 8 and sample.count(b"\x00") * 3 > len(sample) and _utf16_text(sample)):
        raise LabMutuError(f"File {path.name} tersimpan sebagai UTF-16 ('Unicode Text'), bukan UTF-8.", SAVE_AS_UTF8)
    if b"\x00" in sample or sum(b < 9 or 13 < b < 32 for b in sample) > len(sample) // 50:
        raise LabMutuError(f"File {path.name} bukan file teks CSV (isinya data biner).",
                           "Pastikan file yang dipilih benar. " + SAVE_AS_UTF8)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        raise LabMutuError(
            f"File {path.name} bukan UTF-8: huruf di baris {line} tidak terbaca "
            "(kemungkinan tersimpan sebagai ANSI/Windows-1252, misalnya huruf é atau ü).", SAVE_AS_UTF8) from exc


def _utf16_text(sample: bytes) -> bool:
    for enc in ("utf-16-le", "utf-16-be"):
        try:
            text = sample[: len(sample) // 2 * 2].decode(enc)
        except UnicodeDecodeError:
            continue
        if sum(ch.isprintable() or ch in "\r\n\t" for ch in text) > 0.95 * len(text):
            return True
    return False


def _header_names(cells: list[str]) -> list[str]:
    names = [re.sub(r"\s+", "_", c.strip().lower()) for c in cells]
    return [n or f"(kolom {i} tanpa judul)" for i, n in enumerate(names, start=1)]


def _read_csv(path: Path, data: bytes, table: str | None) -> RawTable:
    text = _decode(path, data)
    first = next((ln for ln in text.splitlines() if ln.strip()), "")
    sep = max(SEPARATORS, key=first.count)
    parsed = _parse_fast(data, first, sep) if text.startswith(first) else None
    header, frame, broken = parsed or _parse_exact(path, text, sep)
    if not header or (len(header) < 2 and header[0].strip().lower() not in _all_columns()):
        raise LabMutuError(f"File {path.name} tidak punya baris judul kolom yang bisa dibaca.",
                           "Baris pertama harus berisi nama kolom dipisah koma atau titik koma, "
                           "misalnya: npsn,nama,jenjang,... (lihat KAMUS_DATA.md).")
    names = _header_names(header)
    frame.columns = names
    if frame.empty and not broken:
        raise LabMutuError(f"File {path.name} hanya berisi baris judul, tanpa data.",
                           "Isi minimal satu baris data di bawah judul kolom.")
    return RawTable(table or table_for(path.stem, names), path, frame, separator=sep, broken_rows=broken)


def _width_problem(found: int, width: int) -> str:
    return (f"baris ini berisi {found} kolom, padahal judulnya {width} kolom "
            "(file terpotong, atau ada koma/titik koma di dalam nilai tanpa tanda kutip).")


def _parse_fast(data: bytes, first: str, sep: str):
    """Parses with pyarrow (seconds for a national file, where the csv module takes minutes).

    Returns (header, cells, broken rows), or None when the file needs the exact parser: a value
    spanning lines makes pyarrow's row count differ from the line count.
    """
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.csv as pacsv

    header = next(csv.reader([first], delimiter=sep))
    if len(header) < 2:
        return None
    aside: list[tuple[int, str]] = []

    def keep_aside(row) -> str:
        aside.append((row.number, row.text))
        return "skip"

    keys = [str(i) for i in range(len(header))]
    try:
        table = pacsv.read_csv(
            pa.BufferReader(data[3:] if data.startswith(b"\xef\xbb\xbf") else data),
            read_options=pacsv.ReadOptions(column_names=keys, skip_rows=1, use_threads=False),
            parse_options=pacsv.ParseOptions(delimiter=sep, newlines_in_values=True, ignore_empty_lines=False,
                                             invalid_row_handler=keep_aside),
            convert_options=pacsv.ConvertOptions(column_types=dict.fromkeys(keys, pa.string()),
                                                 strings_can_be_null=False, quoted_strings_can_be_null=False))
    except (pa.ArrowInvalid, ValueError):
        return None
    if any(n is None or "\n" in t or "\r" in t for n, t in aside) or any(
            pc.any(pc.match_substring_regex(col, "[\r\n]")).as_py() for col in table.columns):
        return None
    frame = table.to_pandas()
    frame.columns = range(len(header))
    lines = np.arange(2, 2 + table.num_rows + len(aside))
    frame.index = pd.Index(lines[~np.isin(lines, [n for n, _ in aside])], name="baris")
    width = len(header)
    while width > 1 and not header[width - 1].strip() and frame[width - 1].str.strip().eq("").all():
        width -= 1
    frame = frame.iloc[:, :width]
    extra, extra_lines, broken = [], [], []
    for number, text in aside:
        cells = next(csv.reader([text], delimiter=sep), [])
        if not "".join(cells).strip():
            continue
        if len(cells) > width and not "".join(cells[width:]).strip():
            cells = cells[:width]
        if len(cells) == width:
            extra.append(cells)
            extra_lines.append(number)
        else:
            broken.append((number, _width_problem(len(cells), width)))
    if extra:
        frame = pd.concat([frame, _frame(width, extra, extra_lines)]).sort_index()
    maybe_blank = frame[0].str.strip().eq("")
    if maybe_blank.any():
        blank = maybe_blank.copy()
        for k in range(1, width):
            blank &= frame[k].str.strip().eq("")
        frame = frame[~blank]
    return header[:width], frame, broken


def _parse_exact(path: Path, text: str, sep: str):
    """Parses with the csv module, line by line: slower, but knows where every record starts."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep)
    header, records, broken = None, [], []
    previous_end = 0
    try:
        for row in reader:
            start, previous_end = previous_end + 1, reader.line_num
            if not "".join(row).strip():
                continue
            if header is None:
                header = row
                continue
            records.append((start, reader.line_num, row))
    except csv.Error as exc:
        raise LabMutuError(f"File {path.name} tidak bisa dibaca sebagai CSV di sekitar baris {reader.line_num} ({exc}).",
                           SAVE_AS_UTF8) from exc
    if header is None:
        return [], _frame(0, [], []), []
    width = _trimmed_width(header, [r for _, _, r in records])
    body, lines = [], []
    for start, end, row in records:
        cells = row if len(row) <= width or "".join(row[width:]).strip() else row[:width]
        if len(cells) != width:
            broken.append((start, _width_problem(len(cells), width)))
        elif end != start or any("\n" in c or "\r" in c for c in cells):
            broken.append((start, f"tanda kutip (\") di baris ini tidak ditutup sampai baris {end}."))
        else:
            body.append(cells)
            lines.append(start)
    return header[:width], _frame(width, body, lines), broken


def _trimmed_width(header: list[str], rows: list[list[str]]) -> int:
    """Header width without trailing untitled columns that are empty everywhere (Excel leaves them)."""
    width = len(header)
    while width > 1 and not header[width - 1].strip() and not any(
            len(r) >= width and r[width - 1].strip() for r in rows):
        width -= 1
    return width


def _frame(width: int, body: list[list[str]], lines: list[int]) -> pd.DataFrame:
    """Text cells as a frame with columns 0..width-1, indexed by line number."""
    columns = list(zip(*body)) if body else [()] * width
    frame = pd.DataFrame({i: pd.Series(col, dtype="str") for i, col in enumerate(columns)})
    frame.index = pd.Index(lines, dtype="int64", name="baris")
    return frame


def _read_xlsx(path: Path) -> list[RawTable]:
    import openpyxl  # imported here: CSV-only users never pay for it

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # a damaged zip raises one of many types
        raise LabMutuError(f"File {path.name} tidak bisa dibuka sebagai XLSX (rusak atau terpotong).",
                           "Buka di Excel/LibreOffice lalu simpan ulang sebagai XLSX atau 'CSV UTF-8'.") from exc
    try:
        named = [ws for ws in book.worksheets if ws.title.strip().lower() in TABLES]
        return [_read_sheet(path, ws, ws.title.strip().lower() if named else None)
                for ws in (named or book.worksheets[:1])]
    finally:
        book.close()


def _read_sheet(path: Path, ws, table: str | None) -> RawTable:
    header, body, lines = None, [], []
    for line, row in enumerate(ws.iter_rows(min_row=1, values_only=True), start=1):
        cells = ["" if v is None else _cell_text(v) for v in row]
        if not any(c.strip() for c in cells):
            continue
        if header is None:
            header = cells
            continue
        body.append(cells)
        lines.append(line)
    if header is None:
        raise LabMutuError(f"Lembar {ws.title} di {path.name} kosong.",
                           "Isi lembar dengan baris judul kolom dan data (lihat KAMUS_DATA.md).")
    width = _trimmed_width(header, body)
    body = [(r + [""] * width)[:width] for r in body]
    names = _header_names(header[:width])
    frame = _frame(width, body, lines)
    frame.columns = names
    if frame.empty:
        raise LabMutuError(f"Lembar {ws.title} di {path.name} hanya berisi baris judul, tanpa data.",
                           "Isi minimal satu baris data di bawah judul kolom.")
    return RawTable(table or table_for(path.stem, names), path, frame, sheet=ws.title)


def _cell_text(v) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    if hasattr(v, "isoformat"):
        return v.isoformat()
    return str(v)


def _all_columns() -> set[str]:
    return {c for t in TABLES.values() for c in t.column_names}


def table_for(stem: str, columns: list[str]) -> str | None:
    """The contract table a file holds: by its name (``sekolah.csv``), else by its columns
    (at least half of a table's columns present)."""
    name = stem.strip().lower()
    if name in TABLES:
        return name
    present = set(columns)
    score = {t.name: len(present & set(t.column_names)) / len(t.columns) for t in TABLES.values()}
    best = max(score, key=score.get)
    return best if score[best] >= 0.5 else None


def parse_column(text: pd.Series, column: Column) -> tuple[pd.Series, pd.Series]:
    """Converts one column of text cells to the contract's type.

    Numbers accept a decimal comma (``65,5``) and dots as thousands separators (``1.250.000``);
    booleans accept true/false, ya/tidak, benar/salah, 1/0; a category accepts any letter case.

    Returns:
        (values, bad): the converted values (missing where empty or unreadable) and a mask of
        the non-empty cells that could not be converted.
    """
    text = text.astype("str").str.strip()
    empty = text.str.lower().isin(EMPTY_WORDS)
    no_bad = pd.Series(False, index=text.index)
    if column.dtype == "str":
        return text.where(~empty), no_bad
    if column.dtype == "category":
        canonical = {c.lower(): c for c in column.choices}
        odd = text[~(empty | text.isin(column.choices))].unique()
        fix = {u: canonical[u.lower()] for u in odd if u.lower() in canonical}
        # unknown labels stay as written, so validation can show them
        return (text.replace(fix) if fix else text).where(~empty), no_bad
    if column.dtype == "bool":
        low = text.str.lower()
        values = pd.Series(pd.NA, index=text.index, dtype="boolean")
        values[low.isin(TRUE_WORDS)] = True
        values[low.isin(FALSE_WORDS)] = False
        return values.where(~empty, pd.NA), ~empty & values.isna()
    number = _to_float(_numeric_text(text, column.dtype).where(~empty))
    bad = ~empty & number.isna()
    if column.dtype == "int":
        fractional = number.notna() & (number % 1 != 0)
        bad |= fractional
        return number.where(~fractional).astype("Int64"), bad
    return number, bad


def _to_float(text: pd.Series) -> pd.Series:
    """Text to float64, missing where unreadable; pyarrow's cast first because it is fast."""
    import pyarrow as pa
    import pyarrow.compute as pc

    try:
        values = pc.cast(pa.array(text, from_pandas=True), pa.float64())
    except (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError):
        return pd.to_numeric(text, errors="coerce").astype("float64")
    return pd.Series(values.to_numpy(zero_copy_only=False), index=text.index, dtype="float64")


def _numeric_text(text: pd.Series, dtype: str) -> pd.Series:
    if text.str.contains(",", regex=False).any():
        # decimal comma: dots are thousands separators (1.250,5 -> 1250.5)
        thousands = text.str.fullmatch(_THOUSANDS + r"(?:,\d*)?")
        text = text.where(~thousands, text.str.replace(".", "", regex=False))
        return text.str.replace(",", ".", regex=False)
    # no comma anywhere: a dot is a decimal point, except in 1.250.000 (or 1.250 in a whole-number column)
    pattern = _THOUSANDS if dtype == "int" else r"-?\d{1,3}(?:\.\d{3}){2,}"
    thousands = text.str.fullmatch(pattern)
    return text.where(~thousands, text.str.replace(".", "", regex=False))


def coerce(df: pd.DataFrame, table: str | Table) -> pd.DataFrame:
    """A text table converted to the contract's types.

    str stays text (an NPSN keeps its leading zeros), int becomes ``int64`` (``Int64`` when a
    value is missing), float ``float64``, bool ``bool`` (``boolean`` when missing), category a
    pandas category with the contract's choices. Columns outside the contract stay text.

    Raises:
        LabMutuError: a required column is missing, or a cell cannot be converted.
    """
    table = TABLES[table] if isinstance(table, str) else table
    label = df.attrs.get("file", f"tabel {table.name}")
    missing = [c for c in table.column_names if c not in df.columns]
    if missing:
        raise LabMutuError(f"{label}: kolom {', '.join(missing)} tidak ada.",
                           "Tambahkan kolom itu (lihat KAMUS_DATA.md) atau periksa ejaan judul kolom.")
    out = df.copy()
    bad_cells = []
    for column in table.columns:
        values, bad = parse_column(df[column.name], column)
        if column.dtype == "str":
            values = values.astype(object).where(values.notna(), None)
        elif column.dtype == "category":
            bad = values.notna() & ~values.isin(column.choices)
            values = pd.Categorical(values, categories=list(column.choices))
        elif column.dtype == "int" and not values.isna().any():
            values = values.astype("int64")
        elif column.dtype == "bool" and not values.isna().any():
            values = values.astype(bool)
        bad_cells += [(line, column.name, df.at[line, column.name]) for line in bad[bad].index[:3]]
        out[column.name] = values
    if bad_cells:
        shown = "; ".join(f"baris {line} kolom {col}: '{val}'" for line, col, val in sorted(bad_cells)[:5])
        raise LabMutuError(f"{label}: ada nilai yang tidak sesuai tipe kolomnya ({shown}).",
                           "Jalankan 'labmutu data validate' pada file/folder ini untuk daftar lengkap dan "
                           "cara memperbaikinya.")
    return out[table.column_names + [c for c in df.columns if c not in table.column_names]]


def data_files(folder) -> list[Path]:
    """The CSV and XLSX files of a folder, in name order (Excel lock files and hidden files skipped)."""
    return sorted((p for p in Path(folder).iterdir()
                   if p.is_file() and p.suffix.lower() in EXTENSIONS and not p.name.startswith((".", "~$"))),
                  key=lambda p: p.name.lower())


def find_tables(folder) -> tuple[dict[str, list[RawTable]], list[tuple[Path, LabMutuError]], list[RawTable]]:
    """Reads every data file of a folder and sorts what it found by contract table.

    Returns:
        (tables, failures, unknown): the raw tables found for each contract table (more than
        one means the folder holds the same table twice), the files that could not be read with
        the reason, and the tables that match no contract table.
    """
    found: dict[str, list[RawTable]] = {}
    failures, unknown = [], []
    for path in data_files(folder):
        try:
            sheets = read_sheets(path)
        except LabMutuError as exc:
            failures.append((path, exc))
            continue
        for raw in sheets:
            if raw.name in TABLES:
                found.setdefault(raw.name, []).append(raw)
            else:
                unknown.append(raw)
    return found, failures, unknown


def load_dataset(folder) -> dict[str, pd.DataFrame]:
    """Every contract table in a folder, typed by ``coerce``; ``sekolah`` is required.

    A table is ``<table>.csv`` or ``<table>.xlsx``, or a sheet named after it in any XLSX of the
    folder. Missing optional tables are simply absent from the result. The tables come back
    with a plain 0..n-1 index, like ``samples.load``. This checks types only: run
    ``validation.validate`` first to check ranges, codes and rules.

    Raises:
        LabMutuError: the folder is missing, holds no ``sekolah``, holds a table twice, or a file
            cannot be read or typed.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise LabMutuError(f"Folder data {folder} tidak ditemukan.",
                           "Periksa nama folder; buat data dengan 'labmutu data generate' bila belum ada.")
    found, failures, _ = find_tables(folder)
    if failures:
        path, exc = failures[0]
        raise LabMutuError(exc.message, exc.hint) from exc
    if "sekolah" not in found:
        raise LabMutuError(f"Folder {folder} tidak berisi tabel sekolah (sekolah.csv atau sekolah.xlsx).",
                           "Tambahkan sekolah.csv, atau bangkitkan data dengan 'labmutu data generate'.")
    tables = {}
    for name in TABLES:
        raws = found.get(name, [])
        if len(raws) > 1:
            raise LabMutuError(f"Tabel {name} ada lebih dari sekali: {', '.join(r.label for r in raws)}.",
                               "Simpan hanya satu file untuk setiap tabel di folder ini.")
        if raws:
            raw = raws[0]
            if raw.broken_rows:
                line, message = raw.broken_rows[0]
                raise LabMutuError(f"{raw.label}, baris {line}: {message}",
                                   "Perbaiki baris itu; jalankan 'labmutu data validate' untuk daftar lengkap.")
            raw.frame.attrs["file"] = raw.label
            tables[name] = coerce(raw.frame, name).reset_index(drop=True)
    return tables
