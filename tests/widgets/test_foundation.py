"""Shared widget pieces: Indonesian formatting, stepper, answer forms, autosave session."""

import json

import pytest
import traitlets

from labmutu.widgets import answer_form
from labmutu.widgets.format import angka, persen, rupiah, selisih
from labmutu.widgets.session import ModuleSession
from labmutu.widgets.stepper import CycleStepper


def test_rupiah_uses_dots_for_thousands_and_no_decimals():
    assert rupiah(1234567) == "Rp 1.234.567"
    assert rupiah(999.6) == "Rp 1.000"
    assert rupiah(0) == "Rp 0"
    assert rupiah(float("nan")) == "-"


def test_numbers_use_decimal_comma_and_signed_changes():
    assert angka(71.756) == "71,8"
    assert angka(1234.5, 2) == "1.234,50"
    assert persen(20) == "20,0 %"
    assert selisih(3.24) == "+3,2" and selisih(-1) == "-1,0" and selisih(0) == "0,0"


def test_stepper_marks_done_current_and_todo_steps():
    stepper = CycleStepper(["Pemetaan mutu", "Penetapan standar", "Perencanaan"], current=1)
    assert stepper.value.count("data-state='done'") == 1
    assert 'aria-current="step"' in stepper.value and "2. Penetapan standar" in stepper.value
    stepper.current = 2
    assert stepper.value.count("data-state='done'") == 2
    with pytest.raises(traitlets.TraitError):
        stepper.current = 3


def test_single_choice_gives_hint_for_wrong_and_confirms_right(tmp_path):
    form = answer_form.single_choice(
        "q1", "Warna untuk capaian Kurang?", ["Hijau", "Kuning", "Merah"], "Merah",
        {"Kuning": "Kuning berarti Sedang.", "Merah": "Merah berarti Kurang."})
    form.check_button.click()
    assert "masih kosong" in form.feedback.value and form.result.benar is False
    form.answer.value = "Kuning"
    form.check_button.click()
    assert form.result.benar is False and "Kuning berarti Sedang" in form.feedback.value
    form.answer.value = "Merah"
    assert form.feedback.value == ""  # stale feedback cleared on change
    form.check_button.click()
    assert form.result.benar is True and "Tepat" in form.feedback.value


def test_multiple_choice_counts_right_wrong_and_missing():
    form = answer_form.multiple_choice("q", "Pilih", ["a", "b", "c", "d"], ["a", "b"])
    form.answer.value = ("a", "c")
    form.check_button.click()
    assert form.result.pesan == "1 pilihan tepat, 1 pilihan kurang tepat, 1 pilihan tepat belum dipilih."
    form.answer.value = ("a", "b")
    form.check_button.click()
    assert form.result.benar is True


def test_free_text_requires_substance_and_is_not_auto_graded():
    form = answer_form.free_text("refleksi", "Apa akar masalahnya?", min_words=5)
    form.answer.value = "guru kurang"
    form.check_button.click()
    assert form.result.benar is False and "2 kata" in form.result.pesan
    form.answer.value = "guru jarang merefleksikan pembelajaran bersama rekan"
    form.check_button.click()
    assert form.result.benar is None


def test_session_saves_on_change_and_restores_on_reopen(tmp_path):
    path = tmp_path / "jawaban" / "01.json"
    session = ModuleSession("01", path)
    form = answer_form.multiple_choice("prioritas", "Pilih", ["A.1", "A.2", "D.1"], ["A.1"], session)
    form.answer.value = ("A.1", "D.1")
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert saved["jawaban"] == {"prioritas": ["A.1", "D.1"]}

    reopened = ModuleSession("01", path)
    form2 = answer_form.multiple_choice("prioritas", "Pilih", ["A.1", "A.2", "D.1"], ["A.1"], reopened)
    assert form2.answer.value == ("A.1", "D.1")


def test_session_ignores_a_saved_value_the_widget_no_longer_accepts(tmp_path):
    path = tmp_path / "m.json"
    ModuleSession("m", path).set("pilih", "Opsi lama")
    form = answer_form.single_choice("pilih", "?", ["Baru 1", "Baru 2"], "Baru 1", session=ModuleSession("m", path))
    assert form.answer.value is None


def test_session_reports_recovery_from_a_damaged_file(tmp_path):
    path = tmp_path / "m.json"
    session = ModuleSession("m", path)
    session.set("a", 1)
    session.set("a", 2)
    path.write_text("{broken", encoding="utf-8")
    again = ModuleSession("m", path)
    assert again.get("a") == 1 and "dipulihkan" in again.notice.value


def test_session_default_path_follows_workspace_env(tmp_path, monkeypatch):
    monkeypatch.setenv("LABMUTU_WORKSPACE", str(tmp_path))
    ModuleSession("02_penetapan").set("x", 1)
    assert (tmp_path / "jawaban" / "02_penetapan.json").is_file()


def test_session_keeps_each_participant_apart_on_a_shared_server(tmp_path, monkeypatch):
    monkeypatch.setenv("LABMUTU_WORKSPACE", str(tmp_path))
    monkeypatch.setenv("HTTP_X_LABMUTU_PESERTA", "P-7K3M9Q")
    ModuleSession("01").set("x", "milik 7K3M9Q")
    monkeypatch.setenv("HTTP_X_LABMUTU_PESERTA", "P-ABCDEF")
    assert ModuleSession("01").get("x") is None
    assert (tmp_path / "jawaban" / "P-7K3M9Q" / "01.json").is_file()


def test_session_ignores_a_participant_code_that_could_escape_the_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("LABMUTU_WORKSPACE", str(tmp_path))
    monkeypatch.setenv("HTTP_X_LABMUTU_PESERTA", "../../etc")
    ModuleSession("01").set("x", 1)
    assert (tmp_path / "jawaban" / "01.json").is_file()
