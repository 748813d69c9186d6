"""The assignment app: inputs, autosave to the answers file, and what grading mode shows."""

import json

import pytest

from labmutu.grading.app import Assignment
from labmutu.grading.contract import ANSWERS_FILE, read_answers
from labmutu.grading.inputs import NumberInput, OrderInput, parse_number


@pytest.mark.parametrize("text, value", [
    ("36,2", 36.2), ("36.2", 36.2), (" -1,4 ", -1.4), ("1.234,5", 1234.5), ("1,234.5", 1234.5),
    ("52.000.000", 52_000_000), ("Rp 23.478.400", 23_478_400), ("1.000", 1000), ("7", 7.0), ("15 %", 15.0),
    ("", None), ("tujuh", None), ("1,2,3,x", None), ("inf", None), ("1e400", None),
])
def test_numbers_typed_the_indonesian_or_english_way(text, value):
    assert parse_number(text) == value


def test_number_input_keeps_the_last_good_number_and_says_why():
    box = NumberInput("poin")
    box.text.value = "15,8"
    assert box.value == 15.8 and box.note.value == ""
    box.text.value = "lima belas"
    assert box.value == 15.8 and "Tulis angka" in box.note.value
    box.value = 41.2  # restoring a saved answer shows it
    assert box.text.value == "41,2"


def test_order_input_is_an_answer_only_when_complete_and_without_repeats():
    order = OrderInput(["Benahi", "Identifikasi", "Refleksi"])
    a, b, c = order.positions
    a.value, b.value = "Identifikasi", "Refleksi"
    assert order.value == []
    c.value = "Identifikasi"
    assert order.value == []
    c.value = "Benahi"
    assert order.value == ["Identifikasi", "Refleksi", "Benahi"]
    order.value = ["Refleksi", "Benahi", "Identifikasi"]
    assert [p.value for p in order.positions] == ["Refleksi", "Benahi", "Identifikasi"]


@pytest.fixture
def app_folder(tmp_path, monkeypatch):
    folder = tmp_path / "tugas" / "kursus-uji" / "01_tugas"
    folder.mkdir(parents=True)
    monkeypatch.chdir(folder)
    monkeypatch.delenv("NBGRADER_EXECUTION", raising=False)
    return folder


def test_answers_are_saved_beside_the_notebook_as_they_change(app_folder):
    tugas = Assignment("01_tugas")
    choice = tugas.single_choice("capaian", "Kategori A.1?", ["Baik", "Sedang", "Kurang"])
    many = tugas.multiple_choice("kurang", "Indikator Kurang?", ["A.1", "A.2", "D.1"])
    number = tugas.number("turun", "Penurunan?", unit="poin")
    order = tugas.order("urut", "Urutkan", ["b", "a"])
    text = tugas.free_text("refleksi", "Refleksi?", min_words=3)
    assert tugas.unanswered() == ["capaian", "kurang", "turun", "urut", "refleksi"]
    choice.answer.value = "Kurang"
    many.answer.value = ("A.1", "D.1")
    number.answer.text.value = "15,8"
    order.answer.positions[0].value, order.answer.positions[1].value = "a", "b"
    text.answer.value = "dua kata saja"
    saved = read_answers(app_folder, "01_tugas")
    assert saved.values == {"capaian": "Kurang", "kurang": ["A.1", "D.1"], "turun": 15.8, "urut": ["a", "b"],
                            "refleksi": "dua kata saja"}
    assert tugas.unanswered() == []
    again = Assignment("01_tugas")  # reopening the page restores every answer
    assert again.single_choice("capaian", "?", ["Baik", "Sedang", "Kurang"]).answer.value == "Kurang"
    assert again.number("turun", "?").answer.text.value == "15,8"


def test_periksa_says_saved_or_incomplete_and_never_right_or_wrong(app_folder):
    tugas = Assignment("01_tugas")
    form = tugas.single_choice("capaian", "Kategori A.1?", ["Baik", "Sedang", "Kurang"])
    form.answer.value = "Baik"
    form.check_button.click()
    assert "Tersimpan" in form.feedback.value and "Tepat" not in form.feedback.value
    text = tugas.free_text("refleksi", "Refleksi?", min_words=5)
    text.answer.value = "terlalu pendek"
    text.check_button.click()
    assert "2 kata" in text.feedback.value


def test_grading_mode_shows_saved_answers_as_escaped_html_without_widgets(app_folder, monkeypatch):
    (app_folder / ANSWERS_FILE).write_text(json.dumps({
        "format": "labmutu-jawaban", "versi": 1, "modul": "01_tugas",
        "jawaban": {"capaian": "<script>alert(1)</script>", "refleksi": "baris 1\nbaris 2"}}), encoding="utf-8")
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    tugas = Assignment("01_tugas")
    shown = tugas.single_choice("capaian", "Kategori A.1?", ["Baik"]).data
    assert "&lt;script&gt;" in shown and "<script>" not in shown
    assert "belum dijawab" in tugas.number("turun", "Penurunan?").data
    assert "baris 1\nbaris 2" in tugas.free_text("refleksi", "Refleksi?").data
    assert tugas.submit_panel() is None
    assert tugas.unanswered() == ["turun"]
