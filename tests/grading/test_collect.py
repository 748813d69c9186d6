"""Collect from a world-writable inbound folder, and the clean copy made before grading."""

import json
import os

import nbformat
import pytest

from labmutu.grading.collect import collect
from labmutu.grading.course import init_course
from labmutu.grading.submissions import sanitize

STAMP_OLD = "2026-11-20 08:00:00.000000 UTC"
STAMP_NEW = "2026-11-21 09:30:00.000000 UTC"


@pytest.fixture
def course(tmp_path):
    course = init_course(tmp_path / "kursus")
    (course.source_dir / "01_tugas").mkdir()
    (course.exchange / course.course_id / "inbound").mkdir(parents=True)
    return course


def _submit(course, name, files):
    folder = course.exchange / course.course_id / "inbound" / name
    folder.mkdir()
    for rel, text in files.items():
        (folder / rel).write_text(text, encoding="utf-8")
    return folder


def test_newest_submission_wins_and_an_older_one_never_replaces_it(course):
    _submit(course, f"budi+01_tugas+{STAMP_OLD}+aaa", {"jawaban.json": "lama"})
    _submit(course, f"budi+01_tugas+{STAMP_NEW}+bbb", {"jawaban.json": "baru"})
    report = collect(course)
    assert report.collected == [("budi", "01_tugas", STAMP_NEW)]
    dest = course.submitted_dir / "budi" / "01_tugas"
    assert (dest / "jawaban.json").read_text() == "baru" and (dest / "timestamp.txt").read_text() == STAMP_NEW
    again = collect(course)
    assert again.collected == [] and again.unchanged == 1


def test_hostile_entries_are_skipped_with_reasons(course, tmp_path):
    secret = tmp_path / "rahasia.txt"
    secret.write_text("kunci")
    _submit(course, f"..+01_tugas+{STAMP_NEW}+x", {"a.txt": "x"})
    _submit(course, f"budi+01_tugas+kemarin+x", {"a.txt": "x"})
    _submit(course, "sembarang", {"a.txt": "x"})
    os.symlink(tmp_path, course.exchange / course.course_id / "inbound" / f"siti+01_tugas+{STAMP_NEW}+y")
    good = _submit(course, f"ani+01_tugas+{STAMP_NEW}+z", {"jawaban.json": "{}", "ipython_config.py": "x",
                                                             "sitecustomize.py": "x", "jawaban.json.bak": "x"})
    os.symlink(secret, good / "bocor.txt")
    os.mkfifo(good / "pipa")
    report = collect(course)
    assert report.collected == [("ani", "01_tugas", STAMP_NEW)]
    reasons = "\n".join(report.skipped)
    for fragment in ("nama peserta '..' tidak sah", "waktu kiriman tidak terbaca", "sembarang: nama kiriman",
                     "siti+01_tugas", "bukan folder kiriman"):
        assert fragment in reasons, fragment
    copied = sorted(p.name for p in (course.submitted_dir / "ani" / "01_tugas").iterdir())
    assert copied == ["jawaban.json", "timestamp.txt"]
    assert not (course.root / "01_tugas").exists()


def test_sanitize_keeps_sources_and_only_released_metadata(tmp_path):
    release = tmp_path / "release"
    release.mkdir()
    meta = {"grade": True, "grade_id": "uji_a", "locked": True, "points": 2, "schema_version": 3,
            "solution": False, "task": False, "checksum": "abc", "cell_type": "code"}
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("assert True", metadata={"nbgrader": meta})])
    nbformat.write(nb, release / "tugas.ipynb")
    sub = tmp_path / "sub"
    sub.mkdir()
    hostile = {"cells": [
        {"cell_type": "code", "source": "print(1)", "metadata": {"nbgrader": dict(meta, points=100, schema_version=99)},
         "outputs": [{"output_type": "stream", "name": "stdout", "text": "palsu"}]},
        {"cell_type": "code", "source": ["x = ", "2"], "metadata": {"nbgrader": {"grade_id": "ciptaan", "grade": True}}},
        {"cell_type": "markdown", "source": "catatan", "metadata": {"nbgrader": "bukan dict"}},
        {"cell_type": "code", "source": "dup", "metadata": {"nbgrader": dict(meta)}},
        {"cell_type": "widget", "source": "?"}, "bukan sel",
    ], "metadata": {"kernelspec": {"name": "bash"}}, "nbformat": 4, "nbformat_minor": 5}
    (sub / "tugas.ipynb").write_text(json.dumps(hostile))
    (sub / "lain.ipynb").write_text("{}")
    (sub / "data.csv").write_text("a,b\n")
    (sub / "modul.py").write_text("import os")
    notes = sanitize(sub, tmp_path / "bersih", release)
    clean = nbformat.read(tmp_path / "bersih" / "tugas.ipynb", as_version=4)
    assert [c.source for c in clean.cells] == ["print(1)", "x = 2", "catatan", "dup"]
    assert clean.cells[0].metadata.nbgrader == meta and clean.cells[0].outputs == []
    assert all("nbgrader" not in c.metadata for c in clean.cells[1:])
    assert sorted(p.name for p in (tmp_path / "bersih").iterdir()) == ["data.csv", "tugas.ipynb"]
    assert any("lain.ipynb" in n for n in notes)


def test_a_broken_or_missing_notebook_is_graded_as_the_blank_release(tmp_path):
    release = tmp_path / "release"
    release.mkdir()
    blank = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("# TULIS KODE ANDA DI SINI")])
    nbformat.write(blank, release / "tugas.ipynb")
    nbformat.write(blank, release / "kedua.ipynb")
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "tugas.ipynb").write_text('{"cells": [')
    notes = sanitize(sub, tmp_path / "bersih", release)
    for name in ("tugas.ipynb", "kedua.ipynb"):
        assert (tmp_path / "bersih" / name).read_bytes() == (release / name).read_bytes()
    assert "tugas.ipynb bukan notebook yang utuh" in notes[0] and "kedua.ipynb tidak ada" in notes[1]
