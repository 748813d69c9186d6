"""Modules 00 and 01 driven as a trainee would, without a browser: answers checked and saved."""

from __future__ import annotations

import json

import pytest

from labmutu.widgets.modul_pemetaan import PemetaanApp
from labmutu.widgets.modul_pengantar import PengantarApp
from labmutu.widgets.session import ModuleSession


@pytest.fixture
def session_path(tmp_path):
    return tmp_path / "jawaban.json"


def test_pengantar_quiz_gives_feedback_and_switches_cycle_order(session_path):
    app = PengantarApp(ModuleSession("00_pengantar_spmp", session_path))
    q1 = app.questions[0]
    q1.answer.value = "BAN-S/M"
    q1.check_button.click()
    assert "Belum tepat" in q1.feedback.value and "SPME" in q1.feedback.value
    q1.answer.value = "Satuan pendidikan (dan pemerintah daerah)"
    q1.check_button.click()
    assert "Tepat" in q1.feedback.value
    assert "1. Pemetaan mutu" in app.stepper.value
    app.cycle_choice.value = "resmi-2025"
    assert "1. Penetapan standar" in app.stepper.value
    saved = json.loads(session_path.read_text(encoding="utf-8"))["jawaban"]
    assert saved["q1_pelaksana_spmi"] == "Satuan pendidikan (dan pemerintah daerah)"


def test_pemetaan_questions_follow_the_chosen_school(session_path):
    app = PemetaanApp(ModuleSession("01_pemetaan_mutu", session_path))
    app.q_red.check_button.click()
    assert "Pilih sekolah dulu" in app.q_red.feedback.value or "kosong" in app.q_red.feedback.value
    first = app.sekolah.npsn[0]  # "Literasi rendah dan menurun"
    app.picker.select(first)
    assert "Kemampuan literasi" in app.rapor.table.value and "SD Negeri 1 Belitung" in app.summary.value
    rapor = app.current_rapor()
    app.q_red.answer.value = int((rapor.capaian == "Kurang").sum())
    app.q_red.check_button.click()
    assert "Tepat" in app.q_red.feedback.value
    app.q_lowest.answer.value = str(rapor.loc[rapor.nilai.idxmax(), "kode_indikator"])
    app.q_lowest.check_button.click()
    assert "Belum tepat" in app.q_lowest.feedback.value


def test_pemetaan_tie_accepts_either_lowest_indicator(session_path):
    app = PemetaanApp(ModuleSession("01_pemetaan_mutu", session_path))
    app.picker.select(app.sekolah.npsn[7])  # "Dua prioritas seri": A.1 and A.2 both 35
    for code in ("A.1", "A.2"):
        app.q_lowest.answer.value = code
        app.q_lowest.check_button.click()
        assert "Tepat" in app.q_lowest.feedback.value


def test_pemetaan_restores_dataset_school_and_answers(session_path):
    app = PemetaanApp(ModuleSession("01_pemetaan_mutu", session_path))
    app.sample.value = "sumba-barat"
    npsn = app.sekolah.npsn[5]
    app.picker.select(npsn)
    app.q_reflect.answer.value = "Kekuatan iklim kebinekaan"
    again = PemetaanApp(ModuleSession("01_pemetaan_mutu", session_path))
    assert again.sample.value == "sumba-barat" and again.picker.value == npsn
    assert again.q_reflect.answer.value == "Kekuatan iklim kebinekaan"
    assert "Sumba Barat" in again.peta.caption.value or again.peta.image.value
