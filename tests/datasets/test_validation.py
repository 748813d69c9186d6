"""``validate`` in process: the Report API, the pandera schemas, and how problems are counted."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
import pytest

from labmutu.datasets.schema import TABLES
from labmutu.datasets.validation import MAX_PER_KIND, Problem, Report, pandera_schema, validate


def test_the_hand_made_dataset_is_valid(data):
    report = validate(data.path)
    assert report.ok and report.problems == [] and report.warnings == []
    assert report.files == {"bangunan.csv": 5, "indikator.csv": 16, "keuangan.csv": 4, "sarpras.csv": 4,
                            "sekolah.csv": 4, "standar_snp.csv": 4}


@pytest.mark.parametrize("name", sorted(TABLES))
def test_pandera_schema_follows_the_contract(name):
    schema, kinds = pandera_schema(name)
    assert isinstance(schema, pa.DataFrameSchema) and list(schema.columns) == TABLES[name].column_names
    for c in TABLES[name].columns:
        col = schema.columns[c.name]
        assert col.nullable == c.nullable and col.unique == c.unique and not col.required
        assert kinds[c.name].count("range") == (c.min is not None or c.max is not None)
        assert ("choices" in kinds[c.name]) == bool(c.choices) and ("pattern" in kinds[c.name]) == bool(c.pattern)


def test_problem_has_file_row_column_message_hint(data):
    data.set_cell("sekolah", 3, "rombel", "-2")
    (p,) = validate(data.path).problems
    assert (p.file, p.row, p.column) == ("sekolah.csv", 3, "rombel")
    assert p.message == "Nilai -2 di luar rentang 0–200 rombel." and p.hint
    assert p.format().startswith("sekolah.csv, baris 3, kolom rombel: Nilai -2") and "Perbaikan:" in p.format()


def test_one_typo_is_one_problem(data):
    """A value that does not parse is not reported again as empty, nor by the rules that use it."""
    data.set_cell("indikator", 4, "nilai", "tiga puluh")
    data.set_cell("bangunan", 2, "rusak_pondasi", "lima puluh")
    data.set_cell("keuangan", 2, "k03_pembelajaran", "")
    report = validate(data.path)
    assert [(p.file, p.row, p.column, p.kind) for p in report.problems] == [
        ("indikator.csv", 4, "nilai", "type"),
        ("bangunan.csv", 2, "rusak_pondasi", "type"),
        ("keuangan.csv", 2, "k03_pembelajaran", "not_nullable"),
    ]


def test_out_of_range_value_is_not_blamed_on_its_total(data):
    data.set_cell("bangunan", 4, "rusak_dinding", "120")
    assert [(p.row, p.column) for p in validate(data.path).problems] == [(4, "rusak_dinding")]


def test_every_duplicate_points_at_the_first(data):
    rows = data.rows("sekolah")
    data.write_rows("sekolah", rows + [rows[1], rows[1]])
    report = validate(data.path)
    dup = [p for p in report.problems if p.kind == "unique"]
    assert [(p.row, p.message) for p in dup] == [
        (6, "Nilai '95312001' sudah dipakai di baris 2; npsn harus unik."),
        (7, "Nilai '95312001' sudah dipakai di baris 2; npsn harus unik."),
    ]


def test_key_of_standar_snp_is_checked_although_npsn_is_not_marked_unique(data):
    rows = data.rows("standar_snp")
    data.write_rows("standar_snp", rows + [rows[2]])
    (p,) = validate(data.path).problems
    assert (p.file, p.row, p.column, p.kind) == ("standar_snp.csv", 6, "npsn", "key")


def test_boundaries_are_inclusive(data):
    data.set_cell("sekolah", 2, "guru", "400")
    data.set_cell("sekolah", 3, "lat", "-11.5")
    data.set_cell("indikator", 2, "nilai", "0")
    data.set_cell("indikator", 4, "perubahan", "-100")
    assert validate(data.path).ok


def test_single_file_is_checked_without_cross_table_npsn(data):
    data.set_cell("indikator", 2, "npsn", "95312999")
    report = validate(data.file("indikator"))
    assert report.ok and "NPSN belum dicocokkan" in report.warnings[0].message
    assert not validate(data.path).ok


def test_unknown_file_in_folder_is_a_warning_and_unknown_single_file_a_problem(data):
    (data.path / "catatan.csv").write_text("tanggal,isi\n2024-01-01,rapat\n", encoding="utf-8")
    report = validate(data.path)
    assert report.ok and report.warnings[0].file == "catatan.csv"
    report = validate(data.path / "catatan.csv")
    assert not report.ok and "Tidak dikenali" in report.problems[0].message


def test_file_named_otherwise_is_recognised_by_its_columns(data):
    data.file("sekolah").rename(data.path / "Data Sekolah 2024.csv")
    report = validate(data.path)
    assert report.ok and "Data Sekolah 2024.csv" in report.files


def test_capaian_at_the_thresholds(data):
    for line, nilai, capaian in ((2, "70.01", "Baik"), (3, "70", "Sedang"), (4, "40", "Sedang"), (5, "39.99", "Kurang")):
        data.set_cell("indikator", line, "nilai", nilai)
        data.set_cell("indikator", line, "capaian", capaian)
    assert validate(data.path).ok
    data.set_cell("indikator", 3, "capaian", "Baik")
    (p,) = validate(data.path).problems
    assert p.message == "Capaian 'Baik' tidak sesuai nilai 70 (seharusnya Sedang)."


def test_structural_damage_makes_a_block_berat(data):
    """Structure at 40 %, the rest intact: total 0.4 × 47.66 = 19.06 % but structural > 30 % -> Berat."""
    structure = {"rusak_rangka_atap", "rusak_kolom_ring_balok", "rusak_struktur_lantai", "rusak_pondasi",
                 "rusak_sloof"}
    rows = data.rows("bangunan")
    header = rows[0]
    rows[4] = [("40" if h in structure else "0") if h.startswith("rusak_") else v for h, v in zip(header, rows[4])]
    rows[4][header.index("kerusakan_persen")] = "19.06"
    rows[4][header.index("kelas_kerusakan")] = "Ringan"
    data.write_rows("bangunan", rows)
    (p,) = validate(data.path).problems
    assert (p.row, p.column) == (5, "kelas_kerusakan") and "seharusnya Berat" in p.message


def test_damage_total_tolerates_rounding(data):
    data.set_cell("bangunan", 3, "kerusakan_persen", "36.6")  # 36.64 computed; 0.04 off is fine
    assert validate(data.path).ok
    data.set_cell("bangunan", 3, "kerusakan_persen", "36.5")
    assert [p.column for p in validate(data.path).problems] == ["kerusakan_persen"]


def test_porsi_honor_and_realisation_equal_to_allocation(data):
    data.set_cell("keuangan", 4, "porsi_honor_persen", "12")
    (p,) = validate(data.path).problems
    assert p.column == "porsi_honor_persen" and "(9,09 %)" in p.message


def test_report_caps_each_kind_of_problem(data):
    rows = data.rows("indikator")
    extra = [[f"9531{i:04d}", "2024", "A.1", "150", "Baik", ""] for i in range(100)]
    data.write_rows("indikator", rows + extra)
    report = validate(data.path)
    ranges = [p for p in report.problems if p.kind == "range"]
    orphans = [p for p in report.problems if p.kind == "orphan"]
    assert len(ranges) == 100 and len(orphans) == 100
    text = report.format()
    assert text.startswith("Ditemukan 200 masalah di 1 file.")
    assert text.count("di luar rentang") == MAX_PER_KIND and text.count("tidak ada di tabel sekolah") == MAX_PER_KIND
    assert "… dan 80 baris lain dengan masalah yang sama di kolom nilai." in text
    assert text.count("Perbaikan:") == 2


def test_report_groups_by_file_in_row_order():
    report = Report(problems=[
        Problem("b.csv", 9, "x", "Sembilan.", "Perbaiki x."),
        Problem("a.csv", None, "y", "Kolom hilang.", "Tambahkan y.", "missing"),
        Problem("b.csv", 2, "x", "Dua.", "Perbaiki x."),
    ], files={"a.csv": 3, "b.csv": 4})
    assert not report.ok
    assert report.format() == "\n".join([
        "Ditemukan 3 masalah di 2 file. Perbaiki, lalu jalankan pemeriksaan lagi.",
        "", "b.csv (2 masalah):", "  - baris 9, kolom x: Sembilan.", "    Perbaikan: Perbaiki x.",
        "  - baris 2, kolom x: Dua.", "    Perbaikan: Perbaiki x.",
        "", "a.csv (1 masalah):", "  - kolom y: Kolom hilang.", "    Perbaikan: Tambahkan y.",
    ])


def test_validate_sorts_problems_by_file_then_row(data):
    data.set_cell("sekolah", 5, "guru", "-1")
    data.set_cell("sekolah", 2, "rombel", "-1")
    data.drop_column("sekolah", "akreditasi")
    report = validate(data.path)
    assert [(p.row, p.column) for p in report.problems] == [(None, "akreditasi"), (2, "rombel"), (5, "guru")]


def test_valid_report_lists_tables_and_rows(data):
    text = validate(data.path).format()
    assert text.splitlines()[0] == "Data valid: 6 tabel sesuai kamus data Lab Mutu."
    assert "  indikator.csv: 16 baris" in text


def test_nothing_is_written_to_the_data_folder(data):
    before = {p.name: p.read_bytes() for p in data.path.iterdir()}
    data_report = validate(data.path)
    assert data_report.ok and {p.name: p.read_bytes() for p in data.path.iterdir()} == before


def test_typed_values_reach_pandera_with_contract_dtypes(data):
    """The dtype check is real: a column handed over untyped is reported, not silently passed."""
    schema, _ = pandera_schema("sekolah")
    df = pd.DataFrame({"guru": ["10"]}, index=[2])
    with pytest.raises(pa.errors.SchemaErrors) as err:
        schema.validate(df, lazy=True)
    assert "dtype('Int64')" in err.value.failure_cases["check"].tolist()


def test_many_missing_columns_are_one_problem(data):
    data.write_rows("sekolah", [r[:3] for r in data.rows("sekolah")])
    (p,) = [p for p in validate(data.path).problems if p.file == "sekolah.csv"]
    assert p.column.startswith("status, kode_kabkota") and p.message == "10 kolom wajib ini tidak ada."
