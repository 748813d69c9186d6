"""App assignments are written from the course spec; the keys agree with the shipped data."""

import json

import nbformat
import pytest

from labmutu.errors import LabMutuError
from labmutu.grading import builder
from labmutu.grading.course import shipped_courses_dir

BIMTEK = shipped_courses_dir() / "bimtek-spmi-sekolah"
SPEC = builder.load_spec(BIMTEK / "spesifikasi.py")


def test_one_assignment_per_module_01_to_06():
    assert [a.name[:2] for a in SPEC] == ["01", "02", "03", "04", "05", "06"]
    assert all(any(isinstance(p, builder.Reflection) for p in a.parts) for a in SPEC)


@pytest.mark.parametrize("assignment", SPEC, ids=lambda a: a.name)
def test_committed_source_notebook_is_the_spec_output(assignment):
    path = BIMTEK / "source" / assignment.name / f"{assignment.name}.ipynb"
    assert path.read_text(encoding="utf-8") == nbformat.writes(builder.build_notebook(assignment)) + "\n"


@pytest.mark.parametrize("assignment", SPEC, ids=lambda a: a.name)
def test_every_auto_item_has_one_graded_cell_and_every_reflection_a_rubric_task(assignment):
    nb = builder.build_notebook(assignment)
    graded = {c.metadata.nbgrader["grade_id"]: c for c in nb.cells if c.metadata.nbgrader.get("grade")}
    tasks = {c.metadata.nbgrader["grade_id"]: c for c in nb.cells if c.metadata.nbgrader.get("task")}
    for item in assignment.items:
        if isinstance(item, builder.Reflection):
            task = tasks[f"rubrik_{item.key}"]
            assert task.cell_type == "markdown" and task.metadata.nbgrader["points"] == item.points
            assert "Rubrik" in task.source
        else:
            cell = graded[f"uji_{item.key}"]
            assert cell.metadata.nbgrader["points"] == item.points
            visible = cell.source.split("### BEGIN HIDDEN TESTS")[0]
            hidden = cell.source.split("### BEGIN HIDDEN TESTS")[1]
            assert "scoring.require" in visible and "scoring." in hidden
            assert json.dumps(item.answer if not isinstance(item.answer, tuple) else list(item.answer),
                              ensure_ascii=False)[:20] not in visible
    assert all(c.metadata.nbgrader["locked"] for c in nb.cells)
    assert not any(c.metadata.nbgrader.get("solution") for c in nb.cells)  # app notebooks: no code to write


def test_app_cells_only_ask_and_the_key_lives_in_hidden_regions():
    for assignment in SPEC:
        nb = builder.build_notebook(assignment)
        for cell in nb.cells:
            if cell.metadata.nbgrader["grade_id"].startswith(("butir_", "aplikasi", "profil_", "kumpulkan")):
                assert "scoring" not in cell.source and "HIDDEN" not in cell.source


def test_a_bad_spec_reports_every_problem_at_once():
    bad = builder.AppAssignment("01 Salah", "x", "x", "x", ("x",), 1, parts=(
        builder.Choice("a", "?", ("Ya", "Tidak"), "Mungkin"),
        builder.Choice("a", "?", ("Ya",), "Ya", points=0),
        builder.Choices("Besar", "?", ("p", "q"), ()),
        builder.Order("urut", "?", ("a", "b"), ("a", "c")),
    ))
    with pytest.raises(LabMutuError) as err:
        builder.build_notebook(bad)
    text = err.value.message
    for fragment in ("nama tugas", "jawaban 'Mungkin'", "kunci harus unik", "poin harus", "bagian dari pilihan",
                     "urutan jawaban"):
        assert fragment in text, fragment


def _latest(sample, npsn, code):
    from labmutu.datasets import samples

    ind = samples.load(sample, "indikator")
    rows = ind[(ind.npsn == npsn) & (ind.kode_indikator == code)].set_index("tahun")
    return rows


def test_keys_taken_from_the_sample_data_still_match_it():
    from labmutu.datasets import samples

    items = {i.key: i for a in SPEC for i in a.items}
    a1 = _latest("sekolah-latihan", "92679372", "A.1")
    assert a1.loc[2024, "capaian"] == items["capaian_a1"].answer
    assert round(a1.loc[2022, "nilai"] - a1.loc[2024, "nilai"], 2) == items["turun_a1_dua_tahun"].answer
    assert round(a1.loc[2024, "perubahan"], 2) == -8.30
    assert round(a1.loc[2024, "nilai"] + 5, 2) == items["target_a1_2025"].answer
    kurang = samples.load("sekolah-latihan", "indikator")
    kurang = kurang[(kurang.npsn == "92679372") & (kurang.tahun == 2024) & (kurang.capaian == "Kurang")]
    assert {c.split()[0] for c in items["indikator_kurang"].answer} == set(kurang.kode_indikator.astype(str))
    keu = samples.load("sekolah-latihan", "keuangan").set_index("npsn")
    assert keu.loc["92691766", "alokasi_bosp"] * 20 // 100 == items["batas_honor_smp"].answer
    assert keu.loc["92691766", "porsi_honor_persen"] == 28.0
    assert keu.loc["92679372", "alokasi_bosp"] // 2 == items["belanja_semester_1"].answer
