"""Module 01, Pemetaan mutu: choose a school, read its rapor, see the peta mutu, answer questions.

Quintiles compare the school with the other schools of the same jenjang in the chosen dataset.
"""

from __future__ import annotations

import ipywidgets as w
import pandas as pd

from labmutu.datasets import samples
from labmutu.datasets.schema import INDIKATOR
from labmutu.simulations import cycle
from labmutu.simulations.pemetaan import kekuatan_kelemahan, pemetaan
from labmutu.widgets.answer_form import AnswerForm, Feedback, free_text
from labmutu.widgets.lean import HTML
from labmutu.widgets.peta import PetaMutu
from labmutu.widgets.picker import SchoolPicker
from labmutu.widgets.rapor import RaporCard
from labmutu.widgets.session import ModuleSession
from labmutu.widgets.stepper import CycleStepper

MODULE = "01_pemetaan_mutu"
DEFAULT_SAMPLE = "sekolah-latihan"


class PemetaanApp(w.VBox):
    """The whole module 01 page; answers (dataset, school, questions) are saved as they change."""

    def __init__(self, session: ModuleSession | None = None) -> None:
        self.session = session or ModuleSession(MODULE)
        s = self.session
        self.stepper = CycleStepper(cycle.get().labels, current=0)
        self.sample = w.Dropdown(description="Data", options=[(v.judul, k) for k, v in samples.SAMPLES.items()],
                                 value=s.get("sampel", DEFAULT_SAMPLE), style={"description_width": "90px"},
                                 layout=w.Layout(width="520px"))
        self.picker_box = w.VBox()
        self.rapor = RaporCard()
        self.summary = HTML()
        self.map_indicator = w.Dropdown(description="Indikator peta",
                                        options=[(f"{k} {v}", k) for k, v in INDIKATOR.items()],
                                        value="A.1", style={"description_width": "110px"})
        self.peta = PetaMutu()
        self.q_lowest = AnswerForm(
            "q1_indikator_terendah", "1. Indikator mana yang <b>nilainya paling rendah</b> di sekolah pilihan Anda?",
            w.Dropdown(options=[("(pilih)", "")] + [(f"{k} {v}", k) for k, v in INDIKATOR.items()], value=""),
            self._check_lowest, s)
        self.q_red = AnswerForm(
            "q2_jumlah_merah", "2. Berapa indikator yang berwarna <b>merah (Kurang)</b> di rapor sekolah ini?",
            w.BoundedIntText(min=0, max=len(INDIKATOR), value=0), self._check_red, s)
        self.q_reflect = free_text(
            "q3_kekuatan_kelemahan", "3. Tuliskan dua <b>kekuatan</b> dan dua <b>kelemahan</b> sekolah ini, "
            "dan dugaan Anda tentang penyebab kelemahannya.", min_words=15,
            placeholder="Kekuatan: … Kelemahan: … Dugaan penyebab: …", session=s)
        self.sample.observe(self._on_sample_change, names="value")
        self.map_indicator.observe(self._on_map_indicator_change, names="value")
        super().__init__([
            s.notice, self.stepper,
            HTML("<h3>1. Pilih data dan sekolah</h3>"), self.sample, self.picker_box,
            HTML("<h3>2. Rapor sekolah</h3>"), self.summary, self.rapor,
            HTML("<h3>3. Peta mutu</h3>"), self.map_indicator, self.peta,
            HTML("<h3>4. Pertanyaan</h3>"), self.q_lowest, self.q_red, self.q_reflect,
        ])
        self._load(self.sample.value, s.get("npsn", ""))

    # -- data ---------------------------------------------------------------------------------
    def _load(self, name: str, npsn: str = "") -> None:
        self.sekolah = samples.load(name, "sekolah")
        self.peta_rows = pemetaan(self.sekolah, samples.load(name, "indikator"))
        self.picker = SchoolPicker(self.sekolah, value=npsn)
        self.picker.observe(self._on_picker_value_change, names="value")
        self.picker_box.children = [self.picker]
        self._show_school()
        self._show_map()

    def current_rapor(self) -> pd.DataFrame:
        return self.peta_rows[self.peta_rows["npsn"] == self.picker.value]

    def _show_school(self) -> None:
        rows = self.current_rapor()
        if rows.empty:
            self.summary.value = ""
            self.rapor.show(rows)
            return
        school = self.sekolah.set_index("npsn").loc[self.picker.value]
        strengths, weaknesses = kekuatan_kelemahan(rows)
        self.summary.value = (
            f"<p><b>{school['nama']}</b> ({school['jenjang']} {school['status']}"
            f"{', daerah 3T' if school['daerah_3t'] else ''}), {int(school['peserta_didik'])} peserta didik. "
            f"Tahun {int(rows['tahun'].iloc[0])}. Kuintil dibandingkan dengan sekolah {school['jenjang']} "
            f"lain dalam data ini.</p>")
        self.rapor.show(rows, f"Rapor Pendidikan {school['nama']}")

    def _show_map(self) -> None:
        code = self.map_indicator.value
        points = self.peta_rows[self.peta_rows["kode_indikator"] == code].merge(
            self.sekolah[["npsn", "lat", "lon", "daerah_3t"]], on="npsn")
        self.peta.show(points, f"{code} {INDIKATOR[code]}: {samples.SAMPLES[self.sample.value].judul}")

    # -- checks -------------------------------------------------------------------------------
    def _check_lowest(self, value: str) -> Feedback:
        rows = self.current_rapor()
        if rows.empty:
            return Feedback(False, "Pilih sekolah dulu di bagian 1.")
        lowest = rows.loc[rows["nilai"].idxmin()]
        if value in set(rows.loc[rows["nilai"] == lowest["nilai"], "kode_indikator"].astype(str)):
            return Feedback(True, f"Nilainya {lowest['nilai']:.2f}".replace(".", ",") + " – yang terendah di rapor ini.")
        chosen = rows[rows["kode_indikator"] == value]
        if chosen.empty:
            return Feedback(False, "Indikator itu tidak ada di rapor sekolah ini.")
        return Feedback(False, f"Nilai {value} adalah {chosen['nilai'].iloc[0]:.2f}".replace(".", ",")
                        + "; masih ada yang lebih rendah. Urutkan kolom Nilai di rapor.")

    def _check_red(self, value: int) -> Feedback:
        rows = self.current_rapor()
        if rows.empty:
            return Feedback(False, "Pilih sekolah dulu di bagian 1.")
        red = int((rows["capaian"] == "Kurang").sum())
        if value == red:
            return Feedback(True, "Tepat. Indikator merah adalah kandidat prioritas di tahap perencanaan.")
        return Feedback(False, "Hitung lagi sel Capaian yang berwarna merah (Kurang, nilai di bawah 40).")

    # -- events -------------------------------------------------------------------------------
    def _on_sample_change(self, change: dict) -> None:
        self.session.set("sampel", change["new"])
        self.session.set("npsn", "")
        self._load(change["new"])

    def _on_picker_value_change(self, change: dict) -> None:
        self.session.set("sampel", self.sample.value)  # later modules start from this school
        self.session.set("npsn", change["new"])
        self._show_school()

    def _on_map_indicator_change(self, _change: dict) -> None:
        self._show_map()
