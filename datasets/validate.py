"""Validating school data against the contract: every problem at once, in Indonesian.

``validate(path)`` takes a file or a folder and returns a ``Report`` listing each problem with
its file, row (the line number a spreadsheet shows; the header is line 1), column, what is wrong
and how to fix it. Column checks (type, range, allowed values, pattern, empty, unique) come from
pandera schemas built from ``schema.TABLES``, run with ``lazy=True``; the rules that span columns
or tables (kab/kota codes, 3T flag, damage class, BOSP totals, capaian) are checked here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import pandera.pandas as pa

from labmutu.datasets import reference, rules
from labmutu.datasets.loaders import RawTable, find_files, parse_column, read_raw
from labmutu.datasets.schema import KOMPONEN_BANGUNAN, KOMPONEN_BOSP, TABLES, Column, Table
from labmutu.errors import LabMutuError

MAX_PER_KIND = 20  # rows shown per (file, column, kind of problem); the rest are counted


@dataclass(frozen=True)
class Problem:
    """One thing wrong in the data, as a trainer reads it."""

    file: str
    row: int | None
    column: str | None
    message: str
    hint: str = ""
    kind: str = ""

    def format(self) -> str:
        where = self.file
        if self.row is not None:
            where += f", baris {self.row}"
        if self.column:
            where += f", kolom {self.column}"
        return f"{where}: {self.message}" + (f" Perbaikan: {self.hint}" if self.hint else "")


@dataclass
class Report:
    """The outcome of a validation: problems (errors) and warnings."""

    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    checked: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def format(self) -> str:
        lines = []
        if self.ok:
            lines.append(f"Data valid: {', '.join(self.checked)} sesuai kamus data Lab Mutu.")
        else:
            lines.append(f"Ditemukan {len(self.problems)} masalah di {', '.join(self.checked) or 'data'}:")
            lines += _capped(self.problems)
        if self.warnings:
            lines.append("Peringatan (tidak menggagalkan pemeriksaan):")
            lines += _capped(self.warnings)
        return "\n".join(lines)


def _capped(problems: list[Problem]) -> list[str]:
    out, seen = [], {}
    for p in problems:
        key = (p.file, p.column, p.kind or p.message)
        seen[key] = seen.get(key, 0) + 1
        if seen[key] <= MAX_PER_KIND:
            out.append("- " + p.format())
    for (file, column, _), n in seen.items():
        if n > MAX_PER_KIND:
            out.append(f"- {file}{', kolom ' + column if column else ''}: … dan {n - MAX_PER_KIND} baris lain "
                       "dengan masalah yang sama.")
    return out


def validate(path) -> Report:
    """Validates one data file or a folder of them.

    Raises:
        LabMutuError: the path does not exist.
    """
    path = Path(path)
    report = Report()
    if not path.exists():
        raise LabMutuError(f"{path} tidak ditemukan.", "Periksa nama dan lokasi file atau folder.")
    files = find_files(path) if path.is_dir() else [path]
    if path.is_dir() and not files:
        report.problems.append(Problem(path.name, None, None, "Folder ini tidak berisi file CSV atau XLSX.",
                                       "Taruh sekolah.csv (dan tabel lain) di folder ini."))
        return report
    typed: dict[str, tuple[RawTable, pd.DataFrame]] = {}
    for f in files:
        try:
            raws = read_raw(f)
        except LabMutuError as exc:
            report.problems.append(Problem(f.name, None, None, exc.message, exc.hint, kind="file"))
            continue
        for raw in raws:
            report.checked.append(raw.label)
            if raw.name not in TABLES:
                report.problems.append(Problem(raw.label, None, None,
                                               "Tidak dikenali sebagai tabel Lab Mutu.",
                                               f"Beri nama file sesuai tabelnya: {', '.join(TABLES)} (.csv/.xlsx).",
                                               kind="table"))
                continue
            df = _check_table(raw, TABLES[raw.name], report)
            if df is not None:
                typed[raw.name] = (raw, df)
    _cross_checks(typed, report)
    report.problems.sort(key=lambda p: (p.file, p.row or 0))
    return report


def _check_table(raw: RawTable, table: Table, report: Report) -> pd.DataFrame | None:
    label, frame = raw.label, raw.frame
    add = report.problems.append
    for line, found in raw.broken_rows:
        add(Problem(label, line, None, f"Baris ini berisi {found} kolom, padahal judulnya {frame.shape[1]} kolom "
                    "(file terpotong atau ada pemisah berlebih).",
                    "Lengkapi atau hapus baris ini; pastikan nilai yang memuat koma diberi tanda kutip.", kind="broken"))
    if frame.empty:
        add(Problem(label, None, None, "Hanya ada baris judul, tidak ada data.", "Isi minimal satu baris data."))
        return None
    missing = [c for c in table.column_names if c not in frame.columns]
    for c in missing:
        add(Problem(label, None, c, "Kolom wajib tidak ada.",
                    f"Tambahkan kolom '{c}' (lihat KAMUS_DATA.md); periksa ejaan judul kolom.", kind="missing"))
    extra = [c for c in frame.columns if c not in table.column_names]
    for c in extra:
        report.warnings.append(Problem(label, None, c, "Kolom ini tidak dikenal dan akan diabaikan.",
                                       "Hapus kolom itu atau perbaiki ejaannya."))
    dupes = frame.columns[frame.columns.duplicated()].unique()
    for c in dupes:
        add(Problem(label, None, c, "Judul kolom ini muncul dua kali.", "Hapus atau ganti nama salah satunya."))
    if len(dupes):
        frame = frame.loc[:, ~frame.columns.duplicated()]
    df = pd.DataFrame(index=frame.index)
    type_errors: set[tuple[int, str]] = set()
    for column in table.columns:
        if column.name not in frame:
            continue
        values, bad = parse_column(frame[column.name], column.dtype, raw.separator)
        for line in bad[bad].index:
            type_errors.add((int(line), column.name))
            add(Problem(label, int(line), column.name, f"Nilai '{frame.at[line, column.name]}' bukan {_type_word(column)}.",
                        _type_hint(column), kind="type"))
        df[column.name] = values
    _pandera(label, table, df, report, type_errors)
    return df


def _type_word(c: Column) -> str:
    return {"int": "bilangan bulat", "float": "angka", "bool": "ya/tidak (true/false)"}.get(c.dtype, "teks")


def _type_hint(c: Column) -> str:
    if c.dtype == "bool":
        return "Isi dengan true atau false (boleh juga ya/tidak)."
    if c.dtype == "int":
        return "Isi dengan bilangan bulat tanpa satuan atau titik ribuan, misalnya 120."
    return "Isi dengan angka; pakai titik atau koma desimal, tanpa satuan (misalnya 65,5)."


def _pandera_schema(table: Table, present: list[str]) -> pa.DataFrameSchema:
    cols = {}
    for c in table.columns:
        if c.name not in present:
            continue
        checks = []
        if c.min is not None:
            checks.append(pa.Check.ge(c.min, name=f"min:{c.min}"))
        if c.max is not None:
            checks.append(pa.Check.le(c.max, name=f"max:{c.max}"))
        if c.choices:
            checks.append(pa.Check.isin(list(c.choices), name="choices"))
        if c.pattern:
            checks.append(pa.Check.str_matches(c.pattern, name="pattern"))
        cols[c.name] = pa.Column(None, checks=checks, nullable=c.nullable, unique=c.unique)
    return pa.DataFrameSchema(cols)


def _pandera(label: str, table: Table, df: pd.DataFrame, report: Report,
             type_errors: set[tuple[int, str]]) -> None:
    schema = _pandera_schema(table, list(df.columns))
    try:
        schema.validate(df, lazy=True)
    except pa.errors.SchemaErrors as exc:
        cases = exc.failure_cases
        seen = set()
        for case in cases.itertuples():
            column = case.column
            check = _check_kind(str(case.check))
            line = None if pd.isna(case.index) else int(case.index)
            if (line, column, check) in seen or (check == "not_nullable" and (line, column) in type_errors):
                continue
            seen.add((line, column, check))
            report.problems.append(_explain(label, table.column(column), check, case.failure_case, line))
    key = [k for k in table.key if k in df]
    if len(table.key) > 1 and len(key) == len(table.key):
        dup = df.duplicated(key, keep="first") & df[key].notna().all(axis=1)
        for line in dup[dup].index:
            report.problems.append(Problem(label, int(line), ", ".join(key),
                                           f"Kombinasi {', '.join(key)} sudah muncul di baris sebelumnya.",
                                           "Hapus baris ganda atau perbaiki nilainya.", kind="dupkey"))


def _check_kind(check: str) -> str:
    for prefix, kind in (("greater_than_or_equal_to", "min:"), ("less_than_or_equal_to", "max:"),
                         ("isin", "choices"), ("str_matches", "pattern")):
        if check.startswith(prefix):
            return kind
    return check


def _explain(label: str, c: Column, check: str, value, line) -> Problem:
    shown = "" if value is None or (isinstance(value, float) and np.isnan(value)) else str(value)
    if check == "not_nullable":
        return Problem(label, line, c.name, "Nilai kosong, padahal wajib diisi.",
                       f"Isi kolom {c.name} ({c.description}).", kind=check)
    if check == "field_uniqueness":
        return Problem(label, line, c.name, f"Nilai '{shown}' muncul lebih dari sekali; {c.name} harus unik.",
                       "Hapus baris ganda atau perbaiki nilainya (setiap sekolah satu NPSN).", kind=check)
    if check.startswith(("min:", "max:")):
        unit = f" {c.unit}" if c.unit else ""
        return Problem(label, line, c.name, f"Nilai {shown} di luar rentang {_n(c.min)}–{_n(c.max)}{unit}.",
                       f"Periksa nilai {c.name}; nilai negatif atau terlalu besar biasanya salah ketik.", kind="range")
    if check == "choices":
        return Problem(label, line, c.name, f"Nilai '{shown}' tidak dikenal.",
                       f"Pilih salah satu: {', '.join(c.choices)} (perhatikan huruf besar-kecil).", kind=check)
    if check == "pattern":
        if c.pattern == r"^\d{8}$":
            return Problem(label, line, c.name, f"NPSN '{shown}' harus tepat 8 angka (sekarang {len(shown)} karakter).",
                           "Periksa NPSN; jika Excel menghapus angka 0 di depan, format kolom sebagai Teks.", kind=check)
        return Problem(label, line, c.name, f"Nilai '{shown}' tidak sesuai format {c.description}.",
                       "Lihat format yang benar di KAMUS_DATA.md.", kind=check)
    return Problem(label, line, c.name, f"Nilai '{shown}' tidak lolos pemeriksaan {check}.", "", kind=check)


def _n(x) -> str:
    return "…" if x is None else (f"{x:,.0f}".replace(",", ".") if float(x).is_integer() else str(x).replace(".", ","))


def _cross_checks(typed: dict[str, tuple[RawTable, pd.DataFrame]], report: Report) -> None:
    add = report.problems.append
    if "sekolah" in typed:
        raw, s = typed["sekolah"]
        kab = reference.kabupaten_kota().set_index("kode_kabkota")
        if "kode_kabkota" in s:
            known = s["kode_kabkota"].isin(kab.index) | s["kode_kabkota"].isna()
            for line in s.index[~known]:
                add(Problem(raw.label, int(line), "kode_kabkota", f"Kode kab/kota '{s.at[line, 'kode_kabkota']}' tidak ada "
                            "dalam daftar 514 kab/kota Kemendagri.", "Pakai kode 4 digit, misalnya 5312 untuk Kab. Sumba Barat.",
                            kind="kabkota"))
            ok = s["kode_kabkota"].isin(kab.index)
            if "kode_provinsi" in s:
                expect = s.loc[ok, "kode_kabkota"].map(kab["kode_provinsi"])
                wrong = expect.ne(s.loc[ok, "kode_provinsi"]) & s.loc[ok, "kode_provinsi"].notna()
                for line in wrong[wrong].index:
                    add(Problem(raw.label, int(line), "kode_provinsi", f"Kode provinsi '{s.at[line, 'kode_provinsi']}' tidak "
                                f"cocok dengan kab/kota {s.at[line, 'kode_kabkota']} (seharusnya {expect[line]}).",
                                "Dua angka pertama kode kab/kota adalah kode provinsinya.", kind="prov"))
            if "daerah_3t" in s:
                expect3 = s.loc[ok, "kode_kabkota"].map(kab["daerah_3t"])
                wrong = s.loc[ok, "daerah_3t"].notna() & expect3.ne(s.loc[ok, "daerah_3t"].astype(object))
                for line in wrong[wrong].index:
                    add(Problem(raw.label, int(line), "daerah_3t", f"Tanda 3T '{raw.frame.at[line, 'daerah_3t']}' tidak sesuai "
                                f"Perpres 63/2020 untuk kab/kota {s.at[line, 'kode_kabkota']} (seharusnya "
                                f"{'true' if expect3[line] else 'false'}).", "Ikuti daftar 62 daerah tertinggal.", kind="3t"))
        npsn = set(s["npsn"].dropna()) if "npsn" in s else set()
        for name, (other_raw, df) in typed.items():
            if name == "sekolah" or "npsn" not in df:
                continue
            unknown = df["npsn"].notna() & ~df["npsn"].isin(npsn)
            for line in unknown[unknown].index:
                add(Problem(other_raw.label, int(line), "npsn", f"NPSN {df.at[line, 'npsn']} tidak ada di tabel sekolah.",
                            "Tambahkan sekolahnya ke sekolah.csv atau hapus baris ini.", kind="orphan"))
    _rule_checks(typed, report)


def _rule_checks(typed: dict[str, tuple[RawTable, pd.DataFrame]], report: Report) -> None:
    add = report.problems.append
    if "indikator" in typed:
        raw, df = typed["indikator"]
        if {"nilai", "capaian"} <= set(df) and len(df):
            ok = df["nilai"].notna() & df["capaian"].notna()
            expect = pd.Series(rules.capaian(df["nilai"].fillna(0).astype(float)), index=df.index)
            wrong = ok & expect.ne(df["capaian"])
            for line in wrong[wrong].index:
                add(Problem(raw.label, int(line), "capaian", f"Capaian '{df.at[line, 'capaian']}' tidak sesuai nilai "
                            f"{df.at[line, 'nilai']} (seharusnya {expect[line]}).",
                            "Baik > 70, Sedang 40–70, Kurang < 40.", kind="capaian"))
    if "bangunan" in typed:
        raw, df = typed["bangunan"]
        cols = [f"rusak_{k}" for k in KOMPONEN_BANGUNAN]
        if set(cols) | {"kerusakan_persen", "kelas_kerusakan"} <= set(df) and len(df):
            full = df[cols].notna().all(axis=1) & df["kerusakan_persen"].notna()
            r = df.loc[full, cols].astype(float).to_numpy()
            total = pd.Series(rules.building_damage(r), index=df.index[full])
            off = (total - df.loc[full, "kerusakan_persen"].astype(float)).abs() > 0.05
            for line in off[off].index:
                add(Problem(raw.label, int(line), "kerusakan_persen", f"Kerusakan {df.at[line, 'kerusakan_persen']} % tidak sama "
                            f"dengan jumlah bobot × kerusakan komponen ({total[line]} %).",
                            "Hitung ulang: jumlah (bobot komponen × kerusakan komponen) / 100.", kind="damage"))
            kelas = pd.Series(rules.damage_class(df.loc[full, "kerusakan_persen"].astype(float),
                                                 rules.structural_damage(r)), index=df.index[full])
            wrong = df.loc[full, "kelas_kerusakan"].notna() & kelas.ne(df.loc[full, "kelas_kerusakan"])
            for line in wrong[wrong].index:
                add(Problem(raw.label, int(line), "kelas_kerusakan", f"Kelas '{df.at[line, 'kelas_kerusakan']}' tidak sesuai "
                            f"kerusakan {df.at[line, 'kerusakan_persen']} % (seharusnya {kelas[line]}).",
                            "Ringan ≤ 30 %, Sedang > 30–45 %, Berat > 45 % atau kerusakan struktur > 30 %.", kind="kelas"))
    if "keuangan" in typed:
        raw, df = typed["keuangan"]
        parts = list(KOMPONEN_BOSP)
        if set(parts) | {"total_realisasi", "alokasi_bosp"} <= set(df) and len(df):
            full = df[parts + ["total_realisasi", "alokasi_bosp"]].notna().all(axis=1)
            d = df[full]
            sums = d[parts].astype("int64").sum(axis=1)
            for line in d.index[sums.ne(d["total_realisasi"].astype("int64"))]:
                add(Problem(raw.label, int(line), "total_realisasi", f"Total realisasi {d.at[line, 'total_realisasi']:,.0f} tidak sama "
                            f"dengan jumlah 12 komponen ({sums[line]:,.0f}).".replace(",", "."),
                            "Jumlahkan ulang k01 sampai k12.", kind="sum"))
            over = d["total_realisasi"].astype("int64") > d["alokasi_bosp"].astype("int64")
            for line in d.index[over]:
                add(Problem(raw.label, int(line), "total_realisasi", "Realisasi melebihi alokasi BOSP.",
                            "Belanja BOSP tidak boleh melebihi alokasi; periksa angka realisasi.", kind="over"))
