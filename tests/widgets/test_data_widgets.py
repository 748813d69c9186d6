"""School picker, rapor card and peta mutu, driven as a trainee would, without a browser."""

from __future__ import annotations

import pandas as pd
import pytest

from labmutu.datasets import samples
from labmutu.widgets.peta import PetaMutu, peta_png
from labmutu.widgets.picker import ALL, SchoolPicker
from labmutu.widgets.rapor import RaporCard, rapor_html


@pytest.fixture(scope="module")
def sekolah():
    return samples.load("sekolah-latihan", "sekolah")


def test_picker_narrows_down_and_reports_the_choice(sekolah):
    picker = SchoolPicker(sekolah)
    assert "10 sekolah" in picker.count.value and picker.value == ""
    picker.provinsi.value = "53"
    assert {o[0] for o in picker.kabkota.options} == {ALL, "Kab. Sumba Barat"}
    assert "2 sekolah" in picker.count.value
    picker.jenjang.value = "SLB"
    picker.school.value = picker.school.options[0][1]
    assert picker.value == sekolah.loc[sekolah.jenjang == "SLB", "npsn"].iloc[0]


def test_picker_explains_an_empty_result_and_clears_the_choice(sekolah):
    picker = SchoolPicker(sekolah, value=sekolah.npsn[0])
    assert picker.value == sekolah.npsn[0]
    picker.jenjang.value = "SMK"
    picker.daerah_3t.value = "Ya"
    assert "Tidak ada sekolah yang cocok" in picker.count.value and picker.value == ""


def test_picker_select_clears_hiding_filters(sekolah):
    picker = SchoolPicker(sekolah)
    picker.jenjang.value = "SD"
    picker.select(sekolah.npsn[6])  # the SMK
    assert picker.value == sekolah.npsn[6] and picker.jenjang.value == ALL


def test_rapor_card_colours_words_and_changes():
    rows = pd.DataFrame({"kode_indikator": ["A.1", "A.2", "D.4"], "nilai": [35.2, 55.0, 71.0],
                         "capaian": ["Kurang", "Sedang", "Baik"], "perubahan": [-8.3, 0.0, 2.5],
                         "kuintil_provinsi": [1, 3, 5], "kuintil_nasional": [1, 2, 4]})
    text = rapor_html(rows, "SD Contoh")
    assert "Kemampuan literasi" in text and "#b03a2e" in text and "#1e8449" in text
    assert "▼ −8,3" in text or "▼ -8,3" in text
    assert "35,20" in text and "Kuintil nasional" in text
    card = RaporCard()
    assert "Pilih sekolah" in card.table.value
    card.show(rows, "SD Contoh")
    assert card.table.value == text


def test_peta_mutu_draws_a_png_and_counts_categories():
    ind = samples.load("sumba-barat", "indikator")
    s = samples.load("sumba-barat", "sekolah")
    a1 = ind[(ind.tahun == 2024) & (ind.kode_indikator == "A.1")].merge(s)
    peta = PetaMutu()
    peta.show(a1, "Literasi")
    assert peta.image.value[:8] == b"\x89PNG\r\n\x1a\n" and len(peta.image.value) > 10_000
    counts = a1.capaian.astype(str).value_counts()
    assert f"Kurang {counts['Kurang']}" in peta.caption.value and "3T" in peta.caption.value
    assert peta_png(a1.iloc[:0], zoom=False)[:4] == b"\x89PNG"
