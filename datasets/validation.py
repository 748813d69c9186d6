"""Validating school data against the contract: every problem at once, in Indonesian.

``validate(path)`` takes a CSV/XLSX file or a folder and returns a ``Report``: each problem with
its file, row (the line number a spreadsheet shows; the header is line 1), column, what is wrong
and how to fix it. Column checks (type, range, allowed values, pattern, empty, unique) run as
pandera schemas built from ``schema.TABLES`` with ``lazy=True``. Cells are parsed by
``io.parse_column`` first, because pandera's own coercion reads neither a decimal comma nor
ya/tidak; a cell that does not parse is reported here and not again by pandera. The rules that
span columns or tables (kab/kota codes, 3T flag, NPSN in sekolah, capaian, building damage,
BOSP totals) come after. ``Report.format`` shows at most ``MAX_PER_KIND`` rows of one kind of
problem in one column, so a systematic error in a national file stays readable.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import pandera.pandas as pa
import pyarrow.compute as pc
from pyarrow import array as pa_array

from labmutu.datasets import reference, rules
from labmutu.datasets.io import RawTable, find_tables, parse_column, read_sheets
from labmutu.datasets.schema import KOMPONEN_BANGUNAN, KOMPONEN_BOSP, TABLES, Column, Table
from labmutu.errors import LabMutuError

MAX_PER_KIND = 20
DAMAGE_TOLERANCE = 0.05  # percentage points; the generator rounds to 2 decimals
PANDERA_DTYPE = {"int": "Int64", "float": "float64", "bool": "boolean", "str": "str", "category": "str"}
TYPE_WORD = {"int": "bilangan bulat", "float": "angka", "bool": "true/false (ya/tidak)"}
TYPE_HINT = {
    "int": "Isi dengan bilangan bulat tanpa satuan, misalnya 120 (titik ribuan boleh: 1.250.000).",
    "float": "Isi dengan angka tanpa satuan atau tanda %; koma atau titik desimal boleh, misalnya 65,5.",
    "bool": "Isi dengan true atau false (boleh juga ya/tidak, 1/0).",
}


@dataclass(frozen=True)
class Problem:
    """One thing wrong in the data, as a trainer reads it."""

    file: str
    row: int | None
    column: str | None
    message: str
    hint: str = ""
    kind: str = ""

    @property
    def where(self) -> str:
        parts = ([f"baris {self.row}"] if self.row is not None else []) + (
            [f"kolom {self.column}"] if self.column else [])
        return ", ".join(parts)

    def format(self) -> str:
        """One self-contained line: file, row, column, problem and fix."""
        where = ", ".join(p for p in (self.file, self.where) if p)
        return f"{where}: {self.message}" + (f" Perbaikan: {self.hint}" if self.hint else "")


@dataclass
class Report:
    """The outcome of a validation: problems (the data cannot be used) and warnings."""

    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    files: dict[str, int] = field(default_factory=dict)  # label -> data rows read

    @property
    def ok(self) -> bool:
        return not self.problems

    def format(self) -> str:
        """The report as Indonesian text, grouped by file and by kind of problem."""
        if self.ok:
            lines = [f"Data valid: {len(self.files)} tabel sesuai kamus data Lab Mutu."]
            lines += [f"  {f}: {_angka(n)} baris" for f, n in self.files.items()]
        else:
            n_files = len({p.file for p in self.problems})
            lines = [f"Ditemukan {_angka(len(self.problems))} masalah di {n_files} file. "
                     "Perbaiki, lalu jalankan pemeriksaan lagi."]
            lines += _grouped(self.problems)
        if self.warnings:
            lines += ["", "Peringatan (tidak menggagalkan pemeriksaan):"] + _grouped(self.warnings)
        return "\n".join(lines)


def _grouped(problems: list[Problem]) -> list[str]:
    by_file: dict[str, dict[tuple, list[Problem]]] = {}
    for p in problems:
        by_file.setdefault(p.file, {}).setdefault((p.column, p.kind or p.message), []).append(p)
    lines = []
    for file, groups in by_file.items():
        total = sum(map(len, groups.values()))
        lines += ["", f"{file} ({_angka(total)} masalah):"]
        for group in groups.values():
            for p in group[:MAX_PER_KIND]:
                lines.append(f"  - {p.where + ': ' if p.where else ''}{p.message}")
            if len(group) > MAX_PER_KIND:
                lines.append(f"    … dan {_angka(len(group) - MAX_PER_KIND)} baris lain dengan masalah yang sama"
                             f"{' di kolom ' + group[0].column if group[0].column else ''}.")
            if group[0].hint:
                lines.append(f"    Perbaikan: {group[0].hint}")
    return lines


def validate(path) -> Report:
    """Validates one data file, or a folder of them (``sekolah`` required in a folder)."""
    path = Path(path)
    report = Report()
    if not path.exists():
        report.problems.append(Problem(str(path), None, None, "File atau folder ini tidak ditemukan.",
                                       "Periksa nama dan lokasinya (huruf besar-kecil berpengaruh).", "path"))
        return report
    raws = _folder_tables(path, report) if path.is_dir() else _file_tables(path, report)
    typed = {}
    for name, raw in raws.items():
        df = _check_table(raw, TABLES[name], report)
        if df is not None:
            typed[name] = (raw.label, df)
    _check_sekolah(typed, report)
    _check_npsn(typed, report, whole_folder=path.is_dir())
    _check_rules(typed, report)
    # files in the order their problems were found: unreadable files, then the contract's table order
    order = {f: i for i, f in enumerate(dict.fromkeys(p.file for p in report.problems))}
    report.problems.sort(key=lambda p: (order[p.file], -1 if p.row is None else p.row))
    return report


def _folder_tables(folder: Path, report: Report) -> dict[str, RawTable]:
    found, failures, unknown = find_tables(folder)
    for path, exc in failures:
        report.problems.append(Problem(path.name, None, None, exc.message, exc.hint, "file"))
    for raw in unknown:
        report.warnings.append(Problem(raw.label, None, None, "Tidak dikenali sebagai tabel Lab Mutu; dilewati.",
                                       f"Beri nama file sesuai tabelnya: {', '.join(TABLES)} (.csv/.xlsx)."))
    if not (found or failures or unknown):
        report.problems.append(Problem(folder.name or str(folder), None, None,
                                       "Folder ini tidak berisi file CSV atau XLSX.",
                                       "Taruh sekolah.csv (dan tabel lain: indikator.csv, ...) di folder ini.", "path"))
    elif "sekolah" not in found and not any(p.stem.lower() == "sekolah" for p, _ in failures):
        report.problems.append(Problem(folder.name or str(folder), None, None, "Tabel sekolah tidak ada di folder ini.",
                                       "Tambahkan sekolah.csv atau sekolah.xlsx; tabel lain merujuk NPSN di sana.",
                                       "path"))
    for name, same in found.items():
        if len(same) > 1:
            report.problems.append(Problem(same[1].label, None, None,
                                           f"Tabel {name} ada lebih dari sekali: {', '.join(r.label for r in same)}.",
                                           "Simpan hanya satu file untuk setiap tabel; hanya yang pertama diperiksa.",
                                           "table"))
    return {name: found[name][0] for name in TABLES if name in found}


def _file_tables(path: Path, report: Report) -> dict[str, RawTable]:
    try:
        sheets = read_sheets(path)
    except LabMutuError as exc:
        report.problems.append(Problem(path.name, None, None, exc.message, exc.hint, "file"))
        return {}
    out = {}
    for raw in sheets:
        if raw.name is None:
            report.problems.append(Problem(raw.label, None, None, "Tidak dikenali sebagai tabel Lab Mutu.",
                                           f"Beri nama file sesuai tabelnya: {', '.join(TABLES)} (.csv/.xlsx), "
                                           "atau perbaiki judul kolomnya.", "table"))
        else:
            out[raw.name] = raw
    return out


@functools.cache
def pandera_schema(table_name: str) -> tuple[pa.DataFrameSchema, dict[str, list[str]]]:
    """The pandera schema of a contract table, and the kind of each column's checks in order."""
    table = TABLES[table_name]
    columns, kinds = {}, {}
    for c in table.columns:
        checks, names = [], []
        if c.min is not None and c.max is not None:
            checks.append(pa.Check.in_range(c.min, c.max))
        elif c.min is not None:
            checks.append(pa.Check.ge(c.min))
        elif c.max is not None:
            checks.append(pa.Check.le(c.max))
        names += ["range"] * len(checks)
        if c.choices:
            checks.append(pa.Check.isin(list(c.choices)))
            names.append("choices")
        if c.pattern:
            checks.append(pa.Check.str_matches(c.pattern))
            names.append("pattern")
        columns[c.name] = pa.Column(PANDERA_DTYPE[c.dtype], checks, nullable=c.nullable, unique=c.unique,
                                    required=False)
        kinds[c.name] = names
    return pa.DataFrameSchema(columns, name=table_name), kinds


def _check_table(raw: RawTable, table: Table, report: Report) -> pd.DataFrame | None:
    label, frame = raw.label, raw.frame
    add = report.problems.append
    report.files[label] = len(frame)
    for line, message in raw.broken_rows:
        add(Problem(label, line, None, message[0].upper() + message[1:],
                    "Lengkapi atau hapus baris ini; beri tanda kutip pada nilai yang memuat koma/titik koma.", "broken"))
    doubled = list(dict.fromkeys(frame.columns[frame.columns.duplicated()]))
    for c in doubled:
        add(Problem(label, None, c, "Judul kolom ini muncul dua kali.", "Hapus atau ganti nama salah satunya.", "header"))
    frame = frame.loc[:, ~frame.columns.duplicated()]
    missing = [c for c in table.column_names if c not in frame.columns]
    if len(missing) == 1:
        add(Problem(label, None, missing[0], "Kolom wajib ini tidak ada.",
                    f"Tambahkan kolom '{missing[0]}' ({table.column(missing[0]).description}); periksa ejaan "
                    "judul kolom.", "missing"))
    elif missing:
        add(Problem(label, None, ", ".join(missing), f"{len(missing)} kolom wajib ini tidak ada.",
                    "Tambahkan kolom-kolom itu (lihat KAMUS_DATA.md); periksa ejaan judul kolom dan pemisahnya "
                    "(koma atau titik koma).", "missing"))
    for c in frame.columns:
        if c not in table.column_names:
            report.warnings.append(Problem(label, None, c, "Kolom ini tidak ada di kamus data dan diabaikan.",
                                           "Hapus kolom itu, atau perbaiki ejaannya bila maksudnya kolom lain.",
                                           "extra"))
    if frame.empty:
        return None
    df = pd.DataFrame(index=frame.index)
    unreadable = set()
    for column in table.columns:
        if column.name not in frame:
            continue
        values, bad = parse_column(frame[column.name], column)
        for line, text in frame.loc[bad.to_numpy(), column.name].items():
            unreadable.add((line, column.name))
            add(Problem(label, int(line), column.name, f"Nilai '{text}' bukan {TYPE_WORD[column.dtype]}.",
                        TYPE_HINT[column.dtype], "type"))
        df[column.name] = values
    _run_pandera(label, table, df, report, unreadable)
    _check_key(label, table, df, report)
    return df


def _run_pandera(label: str, table: Table, df: pd.DataFrame, report: Report, unreadable: set) -> None:
    schema, kinds = pandera_schema(table.name)
    try:
        schema.validate(df, lazy=True)
    except pa.errors.SchemaErrors as exc:
        cases = exc.failure_cases
    else:
        return
    uniques: dict[tuple[str, object], list[int]] = {}
    columns = {c.name: c for c in table.columns}
    for case in cases.itertuples(index=False):
        column, check, line = case.column, str(case.check), case.index
        line = None if line is None or pd.isna(line) else int(line)
        if (line, column) in unreadable:
            continue
        c = columns[column]
        if check == "field_uniqueness":
            uniques.setdefault((column, case.failure_case), []).append(line)
            continue
        number = case.check_number
        kind = check if number is None or pd.isna(number) else kinds[column][int(number)]
        report.problems.append(_explain(label, c, kind, case.failure_case, line))
    for (column, value), lines in uniques.items():
        first, *later = sorted(lines)
        for line in later:
            report.problems.append(Problem(
                label, line, column, f"Nilai '{value}' sudah dipakai di baris {first}; {column} harus unik.",
                "Hapus baris ganda, atau perbaiki nilainya (setiap sekolah satu NPSN).", "unique"))


def _explain(label: str, c: Column, kind: str, value, line: int | None) -> Problem:
    shown = "" if value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value)) else str(value)
    if kind == "not_nullable":
        return Problem(label, line, c.name, "Nilai kosong, padahal wajib diisi.",
                       f"Isi kolom {c.name}: {c.description}.", kind)
    if kind == "range":
        return Problem(label, line, c.name, f"Nilai {_angka(value)} di luar rentang {_range(c)}.",
                       f"Periksa {c.name} ({c.description}); nilai negatif atau terlalu besar biasanya salah ketik.",
                       kind)
    if kind == "choices":
        return Problem(label, line, c.name, f"Nilai '{shown}' tidak dikenal untuk {c.name}.",
                       f"Pilih salah satu: {', '.join(c.choices)}.", kind)
    if kind == "pattern" and c.name == "npsn":
        what = "berisi selain angka" if not shown.isdigit() else f"{len(shown)} angka"
        return Problem(label, line, c.name, f"NPSN '{shown}' harus tepat 8 angka (sekarang {what}).",
                       "Periksa NPSN; bila Excel menghapus angka 0 di depan, format kolomnya sebagai Teks.", kind)
    if kind == "pattern":
        digits = re.fullmatch(r"\^\\d\{(\d+)\}\$", c.pattern)
        rule = f"harus tepat {digits.group(1)} angka" if digits else "tidak sesuai format"
        return Problem(label, line, c.name, f"Nilai '{shown}' {rule} ({c.description}).",
                       "Lihat kode yang benar di KAMUS_DATA.md; bila angka 0 di depan hilang, format kolomnya sebagai Teks.",
                       kind)
    return Problem(label, line, c.name, f"Kolom {c.name} tidak lolos pemeriksaan {kind}.",
                   "Laporkan ke pengelola Lab Mutu beserta file ini.", kind)


@functools.cache
def _range(c: Column) -> str:
    low, high = ("…" if x is None else _angka(x) for x in (c.min, c.max))
    return f"{low}–{high}" + (f" {c.unit}" if c.unit else "")


def _check_key(label: str, table: Table, df: pd.DataFrame, report: Report) -> None:
    key = list(table.key)
    if not key or not set(key) <= set(df) or (len(key) == 1 and table.column(key[0]).unique):
        return  # a single unique column is already checked by pandera
    complete = df[key].notna().all(axis=1)
    dup = df.duplicated(key, keep="first") & complete
    if not dup.any():
        return
    lines = pd.Series(df.index, index=df.index)
    first = lines[complete].groupby([df.loc[complete, k].astype(str) for k in key]).transform("min")
    for line in df.index[dup]:
        report.problems.append(Problem(label, int(line), ", ".join(key),
                                       f"Kombinasi {', '.join(key)} ini sudah ada di baris {first[line]}.",
                                       "Hapus baris ganda, atau perbaiki nilainya.", "key"))


def _check_sekolah(typed: dict, report: Report) -> None:
    if "sekolah" not in typed:
        return
    label, s = typed["sekolah"]
    add = report.problems.append
    if "kode_kabkota" not in s:
        return
    kab = reference.kabupaten_kota().set_index("kode_kabkota")
    code = s["kode_kabkota"]
    wellformed = code.notna() & code.astype(str).str.fullmatch(r"\d{4}")
    for line in s.index[wellformed & ~code.isin(kab.index)]:
        add(Problem(label, int(line), "kode_kabkota", f"Kode kab/kota '{code[line]}' tidak ada dalam daftar 514 "
                    "kab/kota Kemendagri.", "Pakai kode 4 digit Kemendagri, misalnya 5312 untuk Kab. Sumba Barat "
                    "atau 1902 untuk Kab. Belitung.", "kabkota"))
    known = code.isin(kab.index)
    if "kode_provinsi" in s:
        expected = code[known].map(kab["kode_provinsi"])
        given = s.loc[known, "kode_provinsi"]
        for line in given.index[given.notna() & given.ne(expected)]:
            add(Problem(label, int(line), "kode_provinsi", f"Kode provinsi '{given[line]}' tidak cocok dengan kab/kota "
                        f"{code[line]} (seharusnya {expected[line]}).",
                        "Dua angka pertama kode kab/kota adalah kode provinsinya.", "provinsi"))
    if "daerah_3t" in s:
        expected = code[known].map(kab["daerah_3t"]).astype(bool)
        given = s.loc[known, "daerah_3t"]
        for line in given.index[given.notna() & given.ne(expected).fillna(False)]:
            add(Problem(label, int(line), "daerah_3t", f"Tanda 3T '{str(given[line]).lower()}' tidak sesuai Perpres "
                        f"63/2020 untuk kab/kota {code[line]} (seharusnya {str(expected[line]).lower()}).",
                        "Ikuti daftar 62 daerah tertinggal Perpres 63/2020 (lihat data referensi Lab Mutu).", "3t"))


def _check_npsn(typed: dict, report: Report, whole_folder: bool) -> None:
    others = [name for name, (_, df) in typed.items() if name != "sekolah" and "npsn" in df]
    if not others:
        return
    if "sekolah" not in typed or "npsn" not in typed["sekolah"][1]:
        if not whole_folder:
            report.warnings.append(Problem(typed[others[0]][0], None, "npsn", "NPSN belum dicocokkan dengan tabel "
                                           "sekolah karena hanya satu file yang diperiksa.",
                                           "Periksa seluruh folder data agar NPSN ikut dicocokkan.", "orphan"))
        return
    schools = pa_array(typed["sekolah"][1]["npsn"].dropna().unique())
    for name in others:
        label, df = typed[name]
        known = pc.is_in(pa_array(df["npsn"]), value_set=schools).to_numpy(zero_copy_only=False)
        orphan = df["npsn"].notna() & ~known  # pyarrow: pandas' isin is slow for 9 million NPSN
        for line in df.index[orphan]:
            report.problems.append(Problem(label, int(line), "npsn", f"NPSN {df.at[line, 'npsn']} tidak ada di tabel "
                                           "sekolah.", "Tambahkan sekolahnya ke tabel sekolah, atau hapus/perbaiki "
                                           "baris ini.", "orphan"))


def _check_rules(typed: dict, report: Report) -> None:
    # A rule is checked only on rows whose cells passed the column checks: a typo is reported
    # once, where it is, not again as a broken total.
    flagged: dict[tuple[str, str], set[int]] = {}
    for p in report.problems:
        flagged.setdefault((p.file, p.column), set()).add(p.row)

    def complete(label, df, columns):
        if not set(columns) <= set(df):
            return None
        ok = df[columns].notna().all(axis=1)
        for c in columns:
            ok &= ~df.index.isin(list(flagged.get((label, c), ())))
        return df.loc[ok, columns]

    def flag(label, mask, column, message, hint, kind):
        for line in mask.index[mask.fillna(False).to_numpy(dtype=bool)]:
            report.problems.append(Problem(label, int(line), column, message(line), hint, kind))

    if "indikator" in typed:
        label, df = typed["indikator"]
        d = complete(label, df, ["nilai", "capaian"])
        if d is not None:
            expected = pd.Series(rules.capaian(d["nilai"]), index=d.index)
            flag(label, expected.ne(d["capaian"]), "capaian",
                 lambda i: f"Capaian '{d.at[i, 'capaian']}' tidak sesuai nilai {_angka(d.at[i, 'nilai'])} "
                           f"(seharusnya {expected[i]}).",
                 "Capaian: Baik bila nilai > 70, Sedang 40–70, Kurang < 40.", "capaian")
    if "bangunan" in typed:
        label, df = typed["bangunan"]
        parts = [f"rusak_{k}" for k in KOMPONEN_BANGUNAN]
        d = complete(label, df, parts + ["kerusakan_persen", "kelas_kerusakan"])
        if d is not None:
            r = d[parts].to_numpy(dtype=float)
            total = pd.Series(rules.building_damage(r), index=d.index)
            flag(label, (total - d["kerusakan_persen"]).abs() > DAMAGE_TOLERANCE, "kerusakan_persen",
                 lambda i: f"Kerusakan {_angka(d.at[i, 'kerusakan_persen'])} % tidak sama dengan jumlah bobot × "
                           f"kerusakan komponen ({_angka(total[i])} %).",
                 "Hitung ulang: jumlah (bobot komponen × kerusakan komponen) / 100; bobot ada di KAMUS_DATA.md.",
                 "damage")
            structural = rules.structural_damage(r)
            kelas = pd.Series(rules.damage_class(d["kerusakan_persen"], structural), index=d.index)
            flag(label, kelas.ne(d["kelas_kerusakan"]), "kelas_kerusakan",
                 lambda i: f"Kelas '{d.at[i, 'kelas_kerusakan']}' tidak sesuai kerusakan "
                           f"{_angka(d.at[i, 'kerusakan_persen'])} % (seharusnya {kelas[i]}).",
                 "Ringan ≤ 30 %, Sedang > 30–45 %, Berat > 45 % atau kerusakan komponen struktur > 30 %.", "kelas")
    if "sarpras" in typed:
        label, df = typed["sarpras"]
        d = complete(label, df, ["daya_listrik_va", "internet", "siap_ifp"])
        if d is not None:
            expected = (d["daya_listrik_va"] >= 2200) & (d["internet"] != "Tidak ada")
            flag(label, expected.ne(d["siap_ifp"]), "siap_ifp",
                 lambda i: f"siap_ifp '{str(d.at[i, 'siap_ifp']).lower()}' tidak sesuai daya "
                           f"{_angka(d.at[i, 'daya_listrik_va'])} VA dan internet '{d.at[i, 'internet']}'.",
                 "siap_ifp = true hanya bila daya ≥ 2.200 VA dan internet bukan 'Tidak ada'.", "ifp")
        counts = ["jumlah_blok", "blok_rusak_sedang", "blok_rusak_berat"]
        d = complete(label, df, ["npsn"] + counts)
        blocks = complete(typed["bangunan"][0], typed["bangunan"][1], ["npsn", "kelas_kerusakan"]) \
            if "bangunan" in typed else None
        if d is not None and blocks is not None:
            kelas = blocks["kelas_kerusakan"]
            per_school = pd.DataFrame({"npsn": blocks["npsn"], "jumlah_blok": 1, "blok_rusak_sedang": kelas == "Sedang",
                                       "blok_rusak_berat": kelas == "Berat"}).groupby("npsn").sum()
            for c in counts:
                expected = d["npsn"].map(per_school[c]).fillna(0).astype(int)
                flag(label, expected.ne(d[c]), c,
                     lambda i, c=c, e=expected: f"{c} {_angka(d.at[i, c])} tidak sama dengan hitungan dari "
                                                f"bangunan.csv ({_angka(e[i])}).",
                     "Samakan ringkasan sarpras dengan baris-baris blok sekolah itu di tabel bangunan.", "blok")
    if "keuangan" in typed:
        _check_keuangan(*typed["keuangan"], complete, flag)


def _check_keuangan(label: str, df: pd.DataFrame, complete, flag) -> None:
    parts = list(KOMPONEN_BOSP)
    d = complete(label, df, parts + ["total_realisasi", "alokasi_bosp"])
    if d is not None:
        total = d[parts].astype("int64").sum(axis=1)
        flag(label, total.ne(d["total_realisasi"]), "total_realisasi",
             lambda i: f"Total realisasi {_rp(d.at[i, 'total_realisasi'])} tidak sama dengan jumlah 12 komponen "
                       f"({_rp(total[i])}).", "Jumlahkan ulang k01_ppdb sampai k12_honor.", "sum")
        flag(label, d["total_realisasi"] > d["alokasi_bosp"], "total_realisasi",
             lambda i: f"Realisasi {_rp(d.at[i, 'total_realisasi'])} melebihi alokasi BOSP "
                       f"{_rp(d.at[i, 'alokasi_bosp'])}.",
             "Belanja BOSP tidak boleh melebihi alokasinya; periksa angka realisasi dan alokasi.", "over")
    d = complete(label, df, ["satuan_biaya", "peserta_didik", "layak_bosp", "alokasi_bosp"])
    if d is not None:
        expected = (d["satuan_biaya"] * d["peserta_didik"]).where(d["layak_bosp"].astype(bool), 0)
        flag(label, expected.ne(d["alokasi_bosp"]), "alokasi_bosp",
             lambda i: f"Alokasi {_rp(d.at[i, 'alokasi_bosp'])} tidak sama dengan satuan biaya × peserta didik "
                       f"({_rp(expected[i])}).",
             "Alokasi = satuan_biaya × peserta_didik bila layak_bosp true, dan 0 bila false.", "alokasi")
    d = complete(label, df, ["k12_honor", "alokasi_bosp", "porsi_honor_persen"])
    if d is not None:
        alokasi = d["alokasi_bosp"].astype(float)
        expected = (d["k12_honor"] / alokasi.where(alokasi > 0) * 100).round(2).fillna(0.0)
        flag(label, (expected - d["porsi_honor_persen"]).abs() > DAMAGE_TOLERANCE, "porsi_honor_persen",
             lambda i: f"Porsi honor {_angka(d.at[i, 'porsi_honor_persen'])} % tidak sesuai k12_honor / alokasi "
                       f"({_angka(expected[i])} %).", "Porsi honor = k12_honor / alokasi_bosp × 100 (0 bila alokasi 0).",
             "honor")


def _angka(x) -> str:
    """A number the Indonesian way: 1.250.000 and 65,5."""
    try:
        v = float(x)
    except (TypeError, ValueError):
        return str(x)
    if v.is_integer():
        return f"{v:,.0f}".replace(",", ".")
    return f"{v:,.2f}".rstrip("0").replace(",", "_").replace(".", ",").replace("_", ".")


def _rp(x) -> str:
    return "Rp " + _angka(x)
