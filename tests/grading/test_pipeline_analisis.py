"""analisis-data-mutu end to end: code exercises, seven trainees, exact scores, feedback without the key.

    benar     the source solutions
    kosong    the released notebook, submitted as fetched
    sebagian  one function per assignment written wrongly
    ubah_uji  nothing written, every test cell rewritten to ``pass`` (points 1000), one deleted
    rusak     the notebook file cut in half
    macet     right, except one function that never returns (in 04 it even ignores interrupts)
    intip     right, plus code that hooks every cell and prints every notebook and gradebook it
              can reach, to copy the hidden tests into its own feedback
"""

from __future__ import annotations

import re
import shutil

import nbformat
import pytest
from trainees import edit_notebook, hidden_lines, nbgrader, trainer

from labmutu.grading.course import load_course
from labmutu.grading.preprocessors import leak_forms

pytestmark = pytest.mark.pipeline

COURSE = "analisis-data-mutu"
ASSIGNMENTS = ["01_capaian_indikator", "02_indikator_prioritas", "03_kesenjangan_3t", "04_peta_mutu"]
NAMES = ["benar", "kosong", "sebagian", "ubah_uji", "rusak", "macet", "intip"]

WRONG = {  # sebagian: one solution cell per assignment, written wrongly
    "01_capaian_indikator": ("jawaban_rata_rata", "def rata_rata_per_indikator(indikator, tahun):\n"
                             "    return indikator.groupby('kode_indikator', observed=True)['nilai'].mean().round(2)"),
    "02_indikator_prioritas": ("jawaban_sekolah_prioritas", "def sekolah_dengan_prioritas(indikator, sekolah, kode, tahun):\n"
                               "    return [row.nama for row in sekolah.itertuples()]"),
    "03_kesenjangan_3t": ("jawaban_kesenjangan", "def kesenjangan_3t(data, kode, tahun):\n"
                          "    d = data[(data['kode_indikator'] == kode) & (data['tahun'] == tahun)]\n"
                          "    return round(d[d['daerah_3t']]['nilai'].mean() - d[~d['daerah_3t']]['nilai'].mean(), 2)"),
    "04_peta_mutu": ("jawaban_terendah", "def jenjang_terendah(peta):\n    return str(peta['rata_rata'].idxmax())"),
}
LOOP = "    while True:\n        pass"
STUBBORN = "    import time\n    while True:\n        try:\n            time.sleep(1)\n        except KeyboardInterrupt:\n            pass"
ENDLESS = {  # macet: the function that never returns
    "01_capaian_indikator": ("jawaban_rata_rata", "def rata_rata_per_indikator(indikator, tahun):\n" + LOOP),
    "02_indikator_prioritas": ("jawaban_sekolah_prioritas",
                               "def sekolah_dengan_prioritas(indikator, sekolah, kode, tahun):\n" + LOOP),
    "03_kesenjangan_3t": ("jawaban_terbesar", "def kesenjangan_terbesar(data, tahun):\n" + LOOP),
    "04_peta_mutu": ("jawaban_terendah", "def jenjang_terendah(peta):\n" + STUBBORN),
}
PEEK = ("import glob, os\nfrom IPython import get_ipython\n_dilihat = []\n"
        "get_ipython().events.register('pre_run_cell', lambda info: (_dilihat.append(info.raw_cell), "
        "print(info.raw_cell)))\n"
        "for path in (glob.glob('*.ipynb') + glob.glob('../../../source/*/*.ipynb')\n"
        "             + glob.glob(f'/proc/{os.getppid()}/cwd/**/*', recursive=True)):\n"
        "    try:\n        print(open(path, errors='replace').read()[:200000])\n    except Exception:\n        pass")
PEEK_AFTER = "print('\\n'.join(_dilihat))"

# Automatic points per test cell (the source's own numbers), then who loses which.
POINTS = {
    "01_capaian_indikator": {"uji_rapor_2024": 1, "uji_rata_rata_2024": 2, "uji_rata_rata_tahun_lain": 1,
                             "uji_persen_kolom": 1, "uji_persen_jumlah": 1, "uji_persen_kurang_a1": 1},
    "02_indikator_prioritas": {"uji_prioritas_sd1": 2, "uji_prioritas_seri": 2, "uji_prioritas_n": 1,
                               "uji_sekolah_prioritas_a1": 2},
    "03_kesenjangan_3t": {"uji_gabung": 1, "uji_kesenjangan_a1": 2, "uji_kesenjangan_a2_2022": 1, "uji_terbesar": 1},
    "04_peta_mutu": {"uji_peta_kolom": 1, "uji_peta_sd": 2, "uji_peta_persen": 1, "uji_terendah": 1},
}
FAILS = {
    "sebagian": {"01_capaian_indikator": {"uji_rata_rata_2024", "uji_rata_rata_tahun_lain"},
                 "02_indikator_prioritas": {"uji_sekolah_prioritas_a1"},
                 "03_kesenjangan_3t": {"uji_kesenjangan_a1", "uji_kesenjangan_a2_2022", "uji_terbesar"},
                 "04_peta_mutu": {"uji_terendah"}},
    "macet": {"01_capaian_indikator": {"uji_rata_rata_2024", "uji_rata_rata_tahun_lain"},
              "02_indikator_prioritas": {"uji_sekolah_prioritas_a1"},
              "03_kesenjangan_3t": {"uji_terbesar"}, "04_peta_mutu": {"uji_terendah"}},
}
WRITTEN = {"01_capaian_indikator": "jawaban_tafsiran", "02_indikator_prioritas": "jawaban_alasan",
           "03_kesenjangan_3t": "jawaban_tafsiran", "04_peta_mutu": "jawaban_tafsiran"}


def expected(name: str, assignment: str) -> dict:
    """(auto score, needs manual grade) for every graded cell of one trainee's submission."""
    points = POINTS[assignment]
    if name in ("kosong", "ubah_uji", "rusak"):
        auto = {cell: (0.0, False) for cell in points}
        return {**auto, WRITTEN[assignment]: (0.0, False)}  # unchanged answer cell: "No response"
    failing = FAILS.get(name, {}).get(assignment, set())
    auto = {cell: (0.0 if cell in failing else float(p), False) for cell, p in points.items()}
    return {**auto, WRITTEN[assignment]: (None, True)}  # a written answer: for the trainer


def solution_text(source: str) -> str:
    return "\n".join(line for line in source.splitlines() if "BEGIN SOLUTION" not in line and "END SOLUTION" not in line)


def write_code(course, assignment: str, replace: dict | None = None, extra_first: str = "", extra_last: str = ""):
    """An edit that puts the source solutions (some replaced) into the trainee's notebook."""
    source = nbformat.read(course.source_dir / assignment / f"{assignment}.ipynb", as_version=4)
    answers = {c.metadata.nbgrader["grade_id"]: solution_text(c.source) for c in source.cells
               if c.metadata.get("nbgrader", {}).get("solution")}
    answers.update(replace or {})

    def edit(nb):
        for cell in nb.cells:
            gid = cell.metadata.get("nbgrader", {}).get("grade_id")
            if gid in answers:
                cell.source = answers[gid]
        if extra_first:
            nb.cells.insert(2, nbformat.v4.new_code_cell(extra_first))
        if extra_last:
            nb.cells.insert(len(nb.cells) - 2, nbformat.v4.new_code_cell(extra_last))
    return edit


def tamper(nb) -> None:
    tests = [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade")
             and not c.metadata.nbgrader.get("solution")]
    for cell in tests:
        cell.source = "pass"
        cell.metadata.nbgrader["points"] = 1000
    nb.cells.remove(tests[-1])


@pytest.fixture(scope="module")
def run(make_course, make_trainee):
    root = make_course(COURSE)
    built = trainer(root, "build", "--periksa")
    course = load_course(root)
    trainer(root, "release")
    trainees = {name: make_trainee(name, course.exchange) for name in NAMES}
    said = {}
    for name, t in trainees.items():
        t.landing()
        for assignment in ASSIGNMENTS:
            folder = t.folder(course.course_id, assignment)
            edits = {
                "benar": write_code(course, assignment),
                "sebagian": write_code(course, assignment, dict([WRONG[assignment]])),
                "ubah_uji": tamper,
                "macet": write_code(course, assignment, dict([ENDLESS[assignment]])),
                "intip": write_code(course, assignment, extra_first=PEEK, extra_last=PEEK_AFTER),
            }
            if name in edits:
                edit_notebook(folder, edits[name])
            if name == "rusak":
                path = next(folder.glob("*.ipynb"))
                path.write_text(path.read_text(encoding="utf-8")[:3000], encoding="utf-8")
            app = t.open_app_panel(folder)
            said[(name, assignment)] = t.press_kumpulkan(app)
    trainer(root, "collect")
    graded = trainer(root, "grade", "--batas-waktu", "5", check=False)
    yield {"root": root, "course": course, "trainees": trainees, "said": said, "grade": graded, "build": built}


def _gradebook(course):
    from nbgrader.api import Gradebook

    return Gradebook(course.db_url, course.course_id)


def test_sources_pass_and_blank_releases_fail_with_stock_nbgrader(run):
    course = run["course"]
    assert "Diperiksa 4 tugas" in run["build"].stdout
    for assignment in ASSIGNMENTS:
        nb = f"{assignment}.ipynb"
        passed = nbgrader("validate", str(course.source_dir / assignment / nb), cwd=course.root)
        assert "Success! Your notebook passes all the tests." in passed.stdout, passed.stdout
        blank = nbgrader("validate", "--invert", str(course.release_dir / assignment / nb), cwd=course.root)
        assert "Success! The notebook does not pass any tests." in blank.stdout, blank.stdout


def test_released_notebooks_load_data_through_the_package_only(run):
    for assignment in ASSIGNMENTS:
        text = (run["course"].release_dir / assignment / f"{assignment}.ipynb").read_text(encoding="utf-8")
        assert "from labmutu.datasets import samples" in text
        assert "../" not in text and "sys.path" not in text
        assert "BEGIN SOLUTION" not in text and "HIDDEN" not in text
        assert "TULIS KODE ANDA DI SINI" in text


def test_every_submission_is_graded_and_the_button_confirmed(run):
    out = run["grade"]
    assert out.returncode == 0, out.stdout + out.stderr
    assert f"{len(NAMES) * len(ASSIGNMENTS)} kiriman dinilai" in out.stdout
    assert "dinilai sebagai notebook kosong" in out.stdout  # the broken notebook, said once per assignment
    assert all("Terkumpul" in text for text in run["said"].values())


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_every_score_exactly(run, assignment):
    with _gradebook(run["course"]) as gb:
        for name in NAMES:
            notebook = gb.find_submission_notebook(assignment, assignment, name)
            got = {g.cell.name: (g.auto_score, g.needs_manual_grade) for g in notebook.grades}
            assert got == expected(name, assignment), name


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_an_endless_loop_is_stopped_at_the_time_limit(run, assignment):
    page = (run["course"].autograded_dir / "macet" / assignment / f"{assignment}.ipynb").read_text(encoding="utf-8")
    assert "BatasWaktu" in page or "CellTimeoutError" in page


@pytest.fixture(scope="module")
def released(run):
    return trainer(run["root"], "feedback")


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_feedback_never_shows_a_hidden_test_even_to_a_trainee_who_tries(run, released, assignment):
    course = run["course"]
    assert "Ditahan" not in released.stderr
    secret = hidden_lines(course.source_dir / assignment / f"{assignment}.ipynb")
    assert len(secret) >= 3
    for name, t in run["trainees"].items():
        page = (course.feedback_dir / name / assignment / f"{assignment}.html").read_text(encoding="utf-8")
        for line in secret:
            for form in leak_forms(line):
                assert form not in page, (name, line)
        assert re.search(r"Nilai: [\d,]+ dari \d+", page)
    peek = (course.feedback_dir / "intip" / assignment / f"{assignment}.html").read_text(encoding="utf-8")
    assert "disembunyikan karena memuat isi uji tersembunyi" in peek


def test_the_trainee_sees_the_score_in_the_app(run, released):
    t = run["trainees"]["sebagian"]
    folder = t.folder(run["course"].course_id, "01_capaian_indikator")
    shown = t.see_feedback(t.open_app_panel(folder))
    assert "Nilai: 4 dari 9" in shown
    assert t.landing()["01_capaian_indikator"].label == "Dinilai: 4 dari 9"


def test_grading_again_without_new_submissions_does_nothing(run):
    out = trainer(run["root"], "grade")
    assert "Tidak ada kiriman baru" in out.stdout
