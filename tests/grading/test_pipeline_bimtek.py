"""bimtek-spmi-sekolah end to end: build, validate both ways, release, seven trainees, grade, feedback, export.

The trainees answer every assignment through the app's widgets and press the app's Kumpulkan
button; the trainer runs ``labmutu course ...``; every automatic score is asserted exactly against
the rule each item states, and no feedback page holds a line of a hidden test.

    benar      every answer right
    kosong     opens each app and submits without answering
    sebagian   some right, some half right, some wrong
    ubah_uji   the sebagian answers, and a notebook edited to cheat: test cells rewritten (points
               1000, source "1000"), one test cell deleted, a code cell that patches the scorer
    rusak      answers file cut in half: the button refuses it; submitted with stock nbgrader
    tipe_salah answers file edited by hand: every other item has a value of the wrong shape
    macet      right answers, and a notebook with an endless loop that ignores interrupts
"""

from __future__ import annotations

import csv
import json
import re
import shutil

import nbformat
import pytest
from trainees import edit_notebook, hidden_lines, nbgrader, trainer, write_raw_answers

from labmutu.grading import builder
from labmutu.grading.course import load_course, shipped_courses_dir

pytestmark = pytest.mark.pipeline

COURSE = "bimtek-spmi-sekolah"
SPEC = builder.load_spec(shipped_courses_dir() / COURSE / "spesifikasi.py")
NAMES = ["benar", "kosong", "sebagian", "ubah_uji", "rusak", "tipe_salah", "macet"]


def right(item):
    return builder.solution_answers(builder.AppAssignment("x", "", "", "", (), 1, (item,)))[item.key]


def half_right(item):
    """An answer worth part (or none) of the points, per the item's rule."""
    if isinstance(item, builder.Choice):
        return next(o for o in item.options if o != item.answer)
    if isinstance(item, builder.Choices):
        wrong = [o for o in item.options if o not in item.answer][:1]
        return list(item.answer[:-1]) + wrong
    if isinstance(item, builder.Number):
        return item.answer + (item.half_tolerance * 0.8 if item.half_tolerance else 1.0)
    if isinstance(item, builder.Order):
        return [item.answer[1], item.answer[0], *item.answer[2:]]
    return "terlalu singkat"


def wrong_shape(value):
    return {str: lambda v: [v], float: lambda v: f"{v:g}".replace(".", ","), int: lambda v: str(v),
            list: lambda v: ", ".join(v)}[type(value)](value)


def expected(item, value) -> float:
    """The score the item's rule gives ``value`` (written from the rules, not from the scorer)."""
    if value is None:
        return 0.0
    if isinstance(item, builder.Choice):
        return float(item.points) if value == item.answer else 0.0
    if isinstance(item, builder.Choices):
        if not isinstance(value, list):
            return 0.0
        hits, misses = len(set(value) & set(item.answer)), len(set(value) - set(item.answer))
        return round(max(0.0, item.points * (hits - misses) / len(item.answer)), 2)
    if isinstance(item, builder.Number):
        if not isinstance(value, (int, float)):
            return 0.0
        gap = abs(value - item.answer)
        if gap <= item.tolerance + 1e-9:
            return float(item.points)
        return item.points / 2 if item.half_tolerance and gap <= item.half_tolerance + 1e-9 else 0.0
    if isinstance(item, builder.Order):
        if not isinstance(value, list):
            return 0.0
        return round(item.points * sum(a == b for a, b in zip(value, item.answer)) / len(item.answer), 2)
    raise AssertionError(item)


def plan(assignment) -> dict[str, dict]:
    """What each trainee's answers file holds for one assignment (key -> value)."""
    auto = [i for i in assignment.items if not isinstance(i, builder.Reflection)]
    reflect = [i for i in assignment.items if isinstance(i, builder.Reflection)]
    good = {i.key: right(i) for i in assignment.items}
    partial = {i.key: (right(i) if n % 3 == 0 else half_right(i)) for n, i in enumerate(auto)}
    partial.update({i.key: "terlalu singkat" for i in reflect})
    shapes = {i.key: (right(i) if n % 2 == 0 else wrong_shape(right(i))) for n, i in enumerate(auto)}
    return {"benar": good, "kosong": {}, "sebagian": partial, "ubah_uji": partial, "rusak": {},
            "tipe_salah": shapes, "macet": good}


def cheat(nb) -> None:
    tests = [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id", "").startswith("uji_")]
    for cell in tests[1:]:
        cell.source = "1000"
        cell.metadata["nbgrader"]["points"] = 1000
    nb.cells.remove(tests[0])
    nb.cells.insert(2, nbformat.v4.new_code_cell(
        "import labmutu.grading.scoring as s\n"
        "for name in ('choice', 'choices', 'number', 'order'):\n"
        "    setattr(s, name, lambda *a, points=1, **k: points)\n"
        "s.require = lambda *a, **k: None"))


def endless(nb) -> None:
    nb.cells.insert(3, nbformat.v4.new_code_cell(
        "import time\nwhile True:\n    try:\n        time.sleep(1)\n    except KeyboardInterrupt:\n        pass"))


@pytest.fixture(scope="module")
def run(make_course, make_trainee):
    """The whole workshop, once; the tests below read what happened."""
    root = make_course(COURSE)
    built = trainer(root, "build", "--periksa")
    course = load_course(root)
    trainer(root, "release")
    trainees = {name: make_trainee(name, course.exchange) for name in NAMES}
    seen = {"build": built.stdout, "landing_before": {}, "kumpulkan": {}, "landing_after": {}}
    for name, t in trainees.items():
        seen["landing_before"][name] = t.landing()
    for assignment in SPEC:
        answers = plan(assignment)
        for name, t in trainees.items():
            folder = t.folder(course.course_id, assignment.name)
            app = t.open_app(folder)
            if name == "macet":
                edit_notebook(folder, endless)
            if name == "ubah_uji":
                edit_notebook(folder, cheat)
            if name == "tipe_salah":
                write_raw_answers(folder, assignment.name, answers[name])
            else:
                t.answer(app, answers[name])
            if name == "rusak":
                t.answer(app, answers["benar"])
                text = (folder / "jawaban.json").read_text(encoding="utf-8")
                (folder / "jawaban.json").write_text(text[: len(text) // 2], encoding="utf-8")
            seen["kumpulkan"][(name, assignment.name)] = t.press_kumpulkan(app)
            if name == "rusak":  # the button refused; this trainee goes around the app
                with t.session(folder.parent.parent):
                    out = nbgrader("submit", assignment.name, f"--course={course.course_id}",
                                   f"--Exchange.root={course.exchange}", "--Exchange.path_includes_course=True",
                                   f"--student={name}", cwd=folder.parent.parent)
                assert out.returncode == 0, out.stderr
    for name, t in trainees.items():
        seen["landing_after"][name] = t.landing()
    seen["collect"] = trainer(root, "collect").stdout
    seen["grade"] = trainer(root, "grade", "--batas-waktu", "5", check=False)
    yield {"root": root, "course": course, "trainees": trainees, "seen": seen}


def _gradebook(course):
    from nbgrader.api import Gradebook

    return Gradebook(course.db_url, course.course_id)


def test_build_checked_sources_pass_and_blank_releases_fail(run):
    assert "Diperiksa 6 tugas" in run["seen"]["build"]


@pytest.mark.parametrize("assignment", SPEC, ids=lambda a: a.name)
def test_stock_nbgrader_validate_agrees_both_ways(run, assignment, tmp_path):
    course = run["course"]
    work = tmp_path / assignment.name
    shutil.copytree(course.source_dir / assignment.name, work)
    from labmutu.answers import AnswerStore

    AnswerStore(work / "jawaban.json", assignment.name).save(builder.solution_answers(assignment))
    nb = f"{assignment.name}.ipynb"
    passed = nbgrader("validate", str(work / nb), cwd=course.root)
    assert "Success! Your notebook passes all the tests." in passed.stdout, passed.stdout + passed.stderr
    blank = nbgrader("validate", "--invert", str(course.release_dir / assignment.name / nb), cwd=course.root)
    assert "Success! The notebook does not pass any tests." in blank.stdout, blank.stdout + blank.stderr


@pytest.mark.parametrize("assignment", SPEC, ids=lambda a: a.name)
def test_released_notebook_runs_every_cell_unanswered_as_voila_does(run, assignment, tmp_path):
    from nbclient import NotebookClient

    folder = tmp_path / "tugas" / COURSE / assignment.name
    shutil.copytree(run["course"].release_dir / assignment.name, folder)
    nb = nbformat.read(folder / f"{assignment.name}.ipynb", as_version=4)
    NotebookClient(nb, timeout=120, resources={"metadata": {"path": str(folder)}}).execute()
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs
              if o.output_type == "error" or o.get("name") == "stderr"]
    assert errors == []
    text = json.dumps(nb)
    assert "HIDDEN" not in text and "scoring.choice" not in text and "scoring.number" not in text


def test_the_landing_page_shows_each_state(run):
    before = run["seen"]["landing_before"]["benar"]
    assert sorted(before) == [a.name for a in SPEC]
    assert {s.state.value for s in before.values()} == {"belum dikerjakan"}
    after = run["seen"]["landing_after"]
    assert {s.state.value for s in after["benar"].values()} == {"dikumpulkan"}
    assert after["kosong"]["01_pemetaan_mutu"].label.startswith("Dikumpulkan ")


def test_the_button_confirms_with_a_time_and_refuses_a_damaged_file(run):
    said = run["seen"]["kumpulkan"]
    for (name, _), text in said.items():
        if name == "rusak":
            assert "Belum terkumpul" in text and "rusak" in text
        else:
            assert re.search(r"Terkumpul</b> pada \d\d-\d\d-\d{4} \d\d\.\d\d\.\d\d", text), text
    assert "5 butir belum dijawab" in said[("kosong", "01_pemetaan_mutu")]


def test_grading_finishes_without_failures(run):
    out = run["seen"]["grade"]
    assert out.returncode == 0, out.stdout + out.stderr
    assert f"{len(NAMES) * len(SPEC)} kiriman dinilai" in out.stdout


@pytest.mark.parametrize("assignment", SPEC, ids=lambda a: a.name)
def test_every_score_exactly(run, assignment):
    answers = plan(assignment)
    with _gradebook(run["course"]) as gb:
        for name in NAMES:
            notebook = gb.find_submission_notebook(assignment.name, assignment.name, name)
            got = {g.cell.name: (g.auto_score, g.needs_manual_grade) for g in notebook.grades}
            want = {}
            for item in assignment.items:
                if isinstance(item, builder.Reflection):
                    want[f"rubrik_{item.key}"] = (None, True)
                    continue
                value = None if name == "rusak" else answers[name].get(item.key)
                want[f"uji_{item.key}"] = (expected(item, value), False)
            assert got == want, name


def test_expected_totals_are_what_the_rules_say(run):
    """A few totals by hand, so the rule functions above are themselves checked."""
    with _gradebook(run["course"]) as gb:
        first = gb.find_submission_notebook("01_pemetaan_mutu", "01_pemetaan_mutu", "sebagian")
        # capaian_a1 right (1); arti_perubahan wrong (0); 15.8 + 0.4 within half tolerance (1 of 2);
        # indikator_kurang right (3)
        assert first.score == 5.0
        assert gb.find_submission_notebook("01_pemetaan_mutu", "01_pemetaan_mutu", "benar").score == 7.0
        # tipe_salah: items 1 and 3 right (1 + 2), items 2 and 4 of the wrong shape
        assert gb.find_submission_notebook("01_pemetaan_mutu", "01_pemetaan_mutu", "tipe_salah").score == 3.0


@pytest.fixture(scope="module")
def released(run):
    """The trainer grades the reflections of 'benar' in the gradebook, then releases feedback."""
    with _gradebook(run["course"]) as gb:
        for assignment in SPEC:
            for item in assignment.items:
                if isinstance(item, builder.Reflection):
                    grade = gb.find_grade(f"rubrik_{item.key}", assignment.name, assignment.name, "benar")
                    grade.manual_score = item.points - 1
                    grade.needs_manual_grade = False
        gb.db.commit()
    out = trainer(run["root"], "feedback")
    return out


def test_feedback_is_released_for_every_submission(run, released):
    assert f"{len(NAMES) * len(SPEC)} halaman umpan balik dibuat, {len(NAMES) * len(SPEC)} dibagikan" in released.stdout


@pytest.mark.parametrize("assignment", SPEC, ids=lambda a: a.name)
def test_feedback_holds_no_hidden_test_and_the_app_shows_the_score(run, released, assignment):
    course = run["course"]
    secret = hidden_lines(course.source_dir / assignment.name / f"{assignment.name}.ipynb")
    assert secret
    for name, t in run["trainees"].items():
        page = (course.feedback_dir / name / assignment.name / f"{assignment.name}.html").read_text(encoding="utf-8")
        for line in secret:
            assert line not in page, (name, line)
        assert "HIDDEN" not in page and "scoring.require" not in page
        # Reopening runs only the panel: 'macet' saved an endless loop into their own notebook.
        shown = t.see_feedback(t.open_app_panel(t.folder(course.course_id, assignment.name)))
        with _gradebook(course) as gb:
            total = gb.find_submission(assignment.name, name).score
        assert f"Nilai: {total:g}".replace(".", ",") + f" dari {assignment.points:g}" in shown, shown[:300]
        for line in secret:
            assert line not in shown
        assert t.landing()[assignment.name].state.value == "dinilai"


def test_export_has_every_item_with_indonesian_headers(run, released, tmp_path):
    out = trainer(run["root"], "export", "--keluar", str(tmp_path))
    assert "nilai.xlsx" in out.stdout
    with open(tmp_path / "nilai.csv", encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert [r["ID peserta"] for r in rows] == sorted(NAMES)
    from openpyxl import load_workbook

    book = load_workbook(tmp_path / "nilai.xlsx")
    assert book.sheetnames == ["Ringkasan", "Rincian"]
    header = [c.value for c in book["Ringkasan"][1]]
    with _gradebook(run["course"]) as gb:
        for row in book["Ringkasan"].iter_rows(min_row=2, values_only=True):
            record = dict(zip(header, row))
            name = record["ID peserta"]
            total = 0.0
            for assignment in SPEC:
                for item in assignment.items:
                    grade = gb.find_grade(("rubrik_" if isinstance(item, builder.Reflection) else "uji_") + item.key,
                                          assignment.name, assignment.name, name)
                    value = record[f"{assignment.name}: {item.key}"]
                    if grade.manual_score is None and grade.auto_score is None:
                        assert value is None
                    else:
                        assert value == pytest.approx(grade.score)
                        total += grade.score
            assert record["Total"] == pytest.approx(total)
            assert record["Nilai maksimum"] == sum(a.points for a in SPEC)
    csv_benar = next(r for r in rows if r["ID peserta"] == "benar")
    assert float(csv_benar["Total"]) == pytest.approx(
        sum(i.points for a in SPEC for i in a.items) - sum(1 for a in SPEC for i in a.items
                                                           if isinstance(i, builder.Reflection)))
