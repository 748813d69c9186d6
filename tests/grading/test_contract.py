"""The answers-file contract: what hidden tests accept, and how every bad file scores 0 quietly."""

import json
import os

import pytest

from labmutu.answers import AnswerStore
from labmutu.grading import scoring
from labmutu.grading.contract import ANSWERS_FILE, MAX_BYTES, is_answered, item_value, read_answers

GOOD = {"pilihan": "Kurang", "banyak": ["A.1", "D.1"], "angka": 15.8, "urut": ["a", "b"], "teks": "dua kata"}


@pytest.fixture
def folder(tmp_path, monkeypatch):
    """An assignment folder ``01_tugas`` as the working directory, like a kernel under nbgrader."""
    path = tmp_path / "01_tugas"
    path.mkdir()
    monkeypatch.chdir(path)
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    return path


def test_answers_written_by_the_app_store_are_read_back(folder):
    AnswerStore(folder / ANSWERS_FILE, "01_tugas").save(GOOD)
    answers = read_answers()
    assert answers.values == GOOD and answers.problem == ""


@pytest.mark.parametrize("content, problem", [
    (None, "belum ada"),
    (b'{"format": "labmutu-jawaban", "versi": 1, "modul": "01_tugas", "jawaban": {"pilihan": "Ku', "rusak"),
    (b"\xff\xfe\x00", "rusak"),
    (b"[1, 2, 3]", "bukan berkas jawaban"),
    (json.dumps({"format": "lain", "versi": 1, "modul": "01_tugas", "jawaban": {}}).encode(), "bukan berkas jawaban"),
    (json.dumps({"format": "labmutu-jawaban", "versi": 9, "modul": "01_tugas", "jawaban": {}}).encode(), "Versi"),
    (json.dumps({"format": "labmutu-jawaban", "versi": 1, "modul": "02_lain", "jawaban": GOOD}).encode(),
     "tugas lain"),
    (json.dumps({"format": "labmutu-jawaban", "versi": 1, "modul": "01_tugas", "jawaban": [1]}).encode(),
     "tidak berbentuk"),
    (b"[" * 100_000 + b"]" * 100_000, "rusak"),
])
def test_unusable_files_give_no_answers_and_a_reason(folder, content, problem):
    if content is not None:
        (folder / ANSWERS_FILE).write_bytes(content)
    answers = read_answers()
    assert answers.values == {} and problem in answers.problem


def test_a_link_a_folder_a_pipe_and_a_huge_file_are_refused(folder, tmp_path):
    secret = tmp_path / "rahasia.json"
    AnswerStore(secret, "01_tugas").save(GOOD)
    os.symlink(secret, folder / ANSWERS_FILE)
    assert "tautan" in read_answers().problem
    os.unlink(folder / ANSWERS_FILE)
    (folder / ANSWERS_FILE).mkdir()
    assert read_answers().values == {}
    (folder / ANSWERS_FILE).rmdir()
    os.mkfifo(folder / ANSWERS_FILE)  # opening must not block the grader
    assert "bukan berkas biasa" in read_answers().problem
    os.unlink(folder / ANSWERS_FILE)
    (folder / ANSWERS_FILE).write_bytes(b" " * (MAX_BYTES + 1))
    assert "terlalu besar" in read_answers().problem


@pytest.mark.parametrize("kind, good, bad", [
    ("choice", "Kurang", ["", "  ", 3, None, ["Kurang"], {"$ne": 1}]),
    ("choices", ["A.1"], ["A.1", [1], ["A.1", "A.1"], None]),
    ("number", 15.8, [True, "15,8", float("nan"), float("inf"), None, [15.8]]),
    ("order", ["a", "b"], [[], ["a", "a"], "ab", [1, 2]]),
])
def test_each_item_shape_is_checked_on_its_own(kind, good, bad):
    assert item_value({"k": good}, "k", kind) == good
    for value in bad:
        assert item_value({"k": value}, "k", kind) is None, value


def test_free_text_counts_as_answered_only_with_words():
    assert is_answered({"k": "satu"}, "k", "text")
    assert not is_answered({"k": "   "}, "k", "text") and not is_answered({}, "k", "text")


def test_scores_with_partial_credit(folder):
    AnswerStore(folder / ANSWERS_FILE, "01_tugas").save(
        {"a": "Kurang", "b": ["A.1", "D.1", "A.2"], "c": 15.6, "d": ["x", "z", "y"], "e": 15.8})
    assert scoring.choice("a", "Kurang", points=2) == 2.0
    assert scoring.choice("a", "Sedang", points=2) == 0.0
    # two right, one wrong, of three right options: (2 - 1) / 3 of 3 points
    assert scoring.choices("b", ["A.1", "D.1", "D.2"], points=3) == 1.0
    assert scoring.number("c", 15.8, points=2, tolerance=0.01, half_tolerance=0.5) == 1.0
    assert scoring.number("e", 15.8, points=2, tolerance=0.01) == 2.0
    assert scoring.number("c", 15.8, points=2, tolerance=0.01) == 0.0
    assert scoring.order("d", ["x", "y", "z"], points=3) == 1.0
    assert scoring.choice("tidak_ada", "Kurang", points=1) == 0.0


def test_scores_never_leave_zero_to_points(folder):
    AnswerStore(folder / ANSWERS_FILE, "01_tugas").save({"b": ["X", "Y", "Z"]})
    assert scoring.choices("b", ["A"], points=2) == 0.0


def test_require_fails_under_nbgrader_and_is_silent_in_the_app(folder, monkeypatch):
    with pytest.raises(scoring.UnansweredItem, match="belum ada"):
        scoring.require("a", "choice")
    AnswerStore(folder / ANSWERS_FILE, "01_tugas").save({"a": "Kurang", "b": 3})
    scoring.require("a", "choice")
    with pytest.raises(scoring.UnansweredItem, match="'b' belum dijawab"):
        scoring.require("b", "choice")
    monkeypatch.delenv("NBGRADER_EXECUTION")
    scoring.require("tidak_ada", "choice")  # Voilà runs every cell: nothing may fail there


def test_scoring_a_damaged_file_writes_nothing_to_stderr(folder, capfd):
    (folder / ANSWERS_FILE).write_bytes(b'{"format": "labmutu-jawaban", "versi"')
    assert scoring.choice("a", "Kurang", points=1) == 0.0
    assert scoring.number("c", 1.0, points=1) == 0.0
    out, err = capfd.readouterr()
    assert out == "" and err == ""
    assert (folder / ANSWERS_FILE).exists()  # the grader reads, never moves or repairs
