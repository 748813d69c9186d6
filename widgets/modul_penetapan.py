"""Module 02, Penetapan standar: set a target per indicator against the SNP floor, answer questions.

The page starts on the school chosen in module 01 (``chosen_school``). Saved answers:
``sampel``, ``npsn``, ``target`` (indicator code -> number, all indicators of the school, saved
when the trainee changes a target), ``jangka_tahun`` (the horizon of the targets, 1–5 years),
and the questions ``q1_naik_ke_snp`` (list of codes), ``q2_tahun_terlama`` (years) and
``q3_alasan_target`` (free text). Later modules read ``target`` with
``saved_answers("02_penetapan_standar")["target"]``.

CSS classes for browser tests: those of ``SchoolChooser`` (``lm-pilih-data``, ``lm-status``) and
``StandarForm`` (``lm-target``, ``lm-jangka-waktu``, ``lm-isi-usulan``, ``lm-pesan-target``,
``lm-ringkasan-target``); the questions carry ``lm-question`` (AnswerForm).
"""

from __future__ import annotations

import html

import ipywidgets as w
import pandas as pd

from labmutu.datasets.schema import INDIKATOR
from labmutu.simulations import cycle
from labmutu.simulations.penetapan import tahun_capai
from labmutu.simulations.sekolah import SimulasiSekolah
from labmutu.widgets.answer_form import AnswerForm, Feedback, free_text
from labmutu.widgets.format import angka
from labmutu.widgets.lean import HTML
from labmutu.widgets.school_choice import SchoolChooser, simulation, working
from labmutu.widgets.session import ModuleSession, chosen_school
from labmutu.widgets.standar_form import StandarForm
from labmutu.widgets.stepper import CycleStepper

MODULE = "02_penetapan_standar"
DEFAULT_SAMPLE = "sekolah-latihan"


class PenetapanApp(w.VBox):
    """The whole module 02 page; the school, targets and answers are saved as they change."""

    def __init__(self, session: ModuleSession | None = None) -> None:
        self.session = session or ModuleSession(MODULE)
        s = self.session
        steps = cycle.get().steps
        self.stepper = CycleStepper(cycle.get().labels, current=steps.index("penetapan"))
        sample, npsn = chosen_school(s, DEFAULT_SAMPLE)
        self.chooser = SchoolChooser(sample, npsn, DEFAULT_SAMPLE)
        self.summary = HTML()
        self.sim: SimulasiSekolah | None = None
        self.form = StandarForm()
        self.q_raise = AnswerForm(
            "q1_naik_ke_snp", "1. Indikator mana saja yang <b>harus dinaikkan</b> agar sekolah ini mencapai "
            "standar minimal (SNP)? Pilih semuanya (tahan Ctrl atau Shift untuk memilih lebih dari satu).",
            w.SelectMultiple(options=[(f"{k} {v}", k) for k, v in INDIKATOR.items()], value=(), rows=8,
                             layout=w.Layout(width="480px")),
            self._check_raise, s)
        self.q_years = AnswerForm(
            "q2_tahun_terlama", "2. Bila sebuah indikator naik paling banyak 10 poin per tahun, berapa tahun "
            "<b>paling sedikit</b> yang dibutuhkan indikator <b>terendah</b> sekolah ini untuk mencapai SNP? "
            "(Isi 0 bila semua indikator sudah mencapai SNP.)",
            w.BoundedIntText(min=0, max=20, value=0), self._check_years, s)
        self.q_reason = free_text(
            "q3_alasan_target", "3. Jelaskan target yang Anda tetapkan: untuk indikator di bawah SNP, berapa lama "
            "sampai mencapai SNP dan mengapa; untuk indikator yang sudah di atas SNP, standar internal apa yang "
            "Anda pilih.", min_words=15,
            placeholder="Di bawah SNP: … Jangka waktu: … Standar internal di atas SNP: …", session=s)
        self._loading = False
        self.chooser.observe(self._on_chooser_value_change, names="value")
        self.form.observe(self._on_form_change, names=["targets", "horizon"])
        super().__init__([
            s.notice, self.stepper,
            HTML("<h3>1. Pilih data dan sekolah</h3>"), self.chooser,
            HTML("<h3>2. Tetapkan target setiap indikator</h3>"), self.summary,
            HTML("<p>Standar minimal (SNP) pada skala Rapor adalah <b>70</b>, batas bawah kategori Baik "
                   "(asumsi pelatihan). Sekolah di bawah SNP memakai SNP sebagai standar; sekolah yang sudah "
                   "di atasnya boleh menetapkan standar internal yang lebih tinggi. Target harus terjangkau: "
                   "paling banyak sekitar 10 poin per tahun (asumsi pelatihan).</p>"),
            self.form,
            HTML("<h3>3. Pertanyaan</h3>"), self.q_raise, self.q_years, self.q_reason,
        ])
        saved = s.get("target") if s.get("npsn") == npsn else None
        self._show_school(saved or None, int(s.get("jangka_tahun", 1) or 1))

    # -- data ---------------------------------------------------------------------------------
    def current_standar(self) -> pd.DataFrame:
        """The chosen school's standards (empty while no school is chosen)."""
        return self.sim.standar() if self.sim is not None else pd.DataFrame()

    def _show_school(self, targets: dict | None = None, horizon: int = 1) -> None:
        sample, npsn = self.chooser.value
        self.sim, standar = None, pd.DataFrame()
        with working(self.chooser.status):
            if npsn:
                self.sim = simulation(sample, npsn)
                standar = self.sim.standar()
        self._loading = True
        try:
            self.form.show(standar, targets, horizon)
        finally:
            self._loading = False
        self.summary.value = self._summary_html(standar)

    def _summary_html(self, standar: pd.DataFrame) -> str:
        row = self.chooser.school_row()
        if row is None or standar.empty:
            return "<p>Belum ada sekolah yang dipilih. Pilih sekolah di bagian 1.</p>"
        below = int((standar["nilai"] < self.form.params.batas_snp).sum())
        return (f"<p><b>{html.escape(str(row['nama']))}</b> ({row['jenjang']} {row['status']}). "
                f"{below} dari {len(standar)} indikator masih di bawah SNP.</p>")

    # -- checks -------------------------------------------------------------------------------
    def _check_raise(self, value) -> Feedback:
        standar = self.current_standar()
        if standar.empty:
            return Feedback(False, "Pilih sekolah dulu di bagian 1.")
        floor = self.form.params.batas_snp
        below = set(standar.loc[standar["nilai"] < floor, "kode_indikator"].astype(str))
        chosen = set(value)
        if chosen == below:
            return Feedback(True, f"Tepat: {len(below)} indikator bernilai di bawah {angka(floor, 0)}. "
                                  "Untuk indikator ini SNP menjadi standarnya.")
        parts = []
        if chosen - below:
            parts.append(f"{len(chosen - below)} pilihan sudah mencapai SNP")
        if below - chosen:
            parts.append(f"{len(below - chosen)} indikator di bawah SNP belum dipilih")
        return Feedback(False, "; ".join(parts) + ". Bandingkan kolom Nilai dengan kolom SNP.")

    def _check_years(self, value: int) -> Feedback:
        standar = self.current_standar()
        if standar.empty:
            return Feedback(False, "Pilih sekolah dulu di bagian 1.")
        p = self.form.params
        lowest = standar.loc[standar["nilai"].idxmin()]
        need = tahun_capai(float(lowest["nilai"]), p.batas_snp, p)
        if value == need:
            return Feedback(True, f"Indikator terendah {lowest['kode_indikator']} bernilai "
                                  f"{angka(lowest['nilai'], 2)}; perlu {need} tahun. Target tahun ini cukup satu langkah menuju SNP.")
        return Feedback(False, f"Cari indikator dengan nilai terendah, hitung selisihnya dengan "
                               f"{angka(p.batas_snp, 0)}, lalu bagi dengan {angka(p.laju_maks, 0)} "
                               "dan bulatkan ke atas.")

    # -- events -------------------------------------------------------------------------------
    def _on_chooser_value_change(self, change: dict) -> None:
        sample, npsn = change["new"]
        self.session.set("sampel", sample)
        self.session.set("npsn", npsn)
        self.session.set("target", {})
        self._show_school(None, self.form.horizon)

    def _on_form_change(self, _change: dict) -> None:
        if self._loading or self.sim is None:
            return
        self.session.set("target", dict(self.form.targets))
        self.session.set("jangka_tahun", int(self.form.horizon))
