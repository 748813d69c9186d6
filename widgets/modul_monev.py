"""Module 05, Pemantauan dan evaluasi: the year run in module 04, measured against the targets.

The year is the one the trainee ran in module 04 (same school, seed, plan, keterlibatan and
penanggung jawab, saved there as ``dijalankan``), so both pages tell the same story; the targets
are module 02's where set. Without a module 04 run, the plan of module 03 (else the PBD rule)
is run with the default choices, and the page says so. The dashboard shows tiles, the trend of
the priority indicators (data years and the starting year included), target vs result and
which activities worked; three questions and a reflection follow.

Saved answers: ``seed``, ``q1_prioritas_tercapai``, ``q2_selisih_prioritas_pertama``,
``q3_kegiatan_paling_berhasil``, ``q4_refleksi_monev``.

CSS classes for browser tests: ``lm-sumber-monev``, ``lm-monev-kpi``, ``lm-tren`` (image), and in
the HTML ``lm-kpi``, ``lm-target``, ``lm-efek``.
"""

from __future__ import annotations

import html
import logging
from dataclasses import replace

import ipywidgets as w

from labmutu.datasets.schema import INDIKATOR
from labmutu.simulations import cycle
from labmutu.simulations.records import Rencana
from labmutu.simulations.sekolah import LaporanTahun, SimulasiSekolah
from labmutu.widgets.answer_form import AnswerForm, Feedback, free_text
from labmutu.widgets.format import angka, selisih
from labmutu.widgets.lean import HTML
from labmutu.widgets.monev import MonevDashboard, riwayat
from labmutu.widgets.session import ModuleSession
from labmutu.widgets.siklus_data import (error_html, load_tables, module_seed, resolve_school, run_of_module_04,
                                         school_html, starting_point)
from labmutu.widgets.stepper import CycleStepper

MODULE = "05_pemantauan_evaluasi"
TIDAK_ADA = "tidak_ada"
log = logging.getLogger("labmutu.widgets")


class MonevApp(w.VBox):
    """The whole module 05 page; answers are saved as they change."""

    def __init__(self, session: ModuleSession | None = None) -> None:
        self.session = session or ModuleSession(MODULE)
        s = self.session
        self.sample, self.npsn = resolve_school(s)
        plan, seed = run_of_module_04(self.sample, self.npsn)
        if seed is not None and s.get("seed") != seed:
            s.set("seed", seed)
        self.seed = module_seed(s)
        steps = cycle.get()
        self.stepper = CycleStepper(steps.labels, current=steps.steps.index("monev"))
        self.source = HTML()
        self.source.add_class("lm-sumber-monev")
        self.dashboard = MonevDashboard()
        self.report: LaporanTahun | None = None
        self.prioritas: tuple[str, ...] = ()
        tables = load_tables(self.sample)
        try:
            self._evaluate(tables, plan)
        except Exception as exc:  # a trainee sees a message, never a traceback
            log.exception("monev gagal")
            self.source.value = error_html(exc)
        self._build_questions()
        super().__init__([
            s.notice, self.stepper,
            HTML("<h3>1. Sekolah dan tahun yang dipantau</h3>"), HTML(school_html(self.sample, self.npsn)),
            self.source,
            HTML("<h3>2. Dasbor pemantauan dan evaluasi</h3>"), self.dashboard,
            HTML("<h3>3. Pertanyaan</h3>"), *self.questions,
        ])

    # -- data ----------------------------------------------------------------------------------
    def _evaluate(self, tables: dict, plan: Rencana | None) -> None:
        self.sim = SimulasiSekolah(tables, self.npsn, seed=self.seed, tahun=1)
        start = starting_point(self.sim, self.npsn)
        if plan is None:
            plan = start.rencana
            where = (f"Modul 04 belum dijalankan untuk sekolah ini. {start.pesan_rencana} Pelaksanaan memakai "
                     "pilihan bawaan (kepala sekolah, guru, komite, dan orang tua terlibat; setiap kegiatan punya "
                     "penanggung jawab).")
        else:
            where = ("Tahun yang dipantau adalah tahun yang Anda jalankan di modul 04: rencana, keterlibatan, "
                     "penanggung jawab, dan kejadiannya sama.")
        # Targets do not change what a fixed plan does, only what it is measured against: module 02's
        # targets as they are now apply even when they were set after module 04 ran.
        plan = replace(plan, target=start.rencana.target)
        self.prioritas = start.prioritas
        self.hasil = self.sim.jalankan(plan)
        self.report = self.sim.laporan(self.hasil)
        self.history = riwayat(tables["indikator"], self.npsn, self.hasil)
        self.dashboard.show(self.report, self.history, self.prioritas)
        prio = ", ".join(f"{c} {INDIKATOR[c]}" for c in self.prioritas)
        self.source.value = (f"<p>{html.escape(where)}</p><p>{html.escape(start.pesan_target)}</p>"
                             f"<p>Indikator prioritas: <b>{html.escape(prio)}</b>"
                             f"{' (dari modul 03)' if start.dari_modul_03 else ''}. Hasil pengukuran "
                             f"{self.report.tahun} dibandingkan dengan target tahun itu.</p>")

    # -- questions -----------------------------------------------------------------------------
    def _build_questions(self) -> None:
        s = self.session
        options = [(f"{c} {INDIKATOR[c]}", c) for c in self.prioritas] + [("Tidak ada yang tercapai", TIDAK_ADA)]
        first = f"{self.prioritas[0]} {INDIKATOR[self.prioritas[0]]}" if self.prioritas else "prioritas pertama"
        kegiatan = self.report.kegiatan if self.report is not None else None
        activities = [] if kegiatan is None else [(f"{r.kode} {r.nama}", r.kode) for r in kegiatan.itertuples()]
        self.q_reached = AnswerForm(
            "q1_prioritas_tercapai", "1. Indikator prioritas mana yang <b>mencapai targetnya</b>? (Tahan Ctrl atau "
            "Cmd untuk memilih lebih dari satu.)", w.SelectMultiple(options=options, value=(), rows=len(options)),
            self._check_reached, s)
        self.q_gap = AnswerForm(
            "q2_selisih_prioritas_pertama", f"2. Berapa <b>selisih hasil terhadap target</b> (hasil − target) "
            f"untuk prioritas pertama, {html.escape(first)}? Jawab dengan dua angka desimal; negatif bila belum "
            "tercapai.", w.BoundedFloatText(min=-100, max=100, step=0.01, value=0), self._check_gap, s)
        self.q_best = AnswerForm(
            "q3_kegiatan_paling_berhasil", "3. Kegiatan mana yang <b>paling berhasil</b> (daya efeknya terbesar)?",
            w.Dropdown(options=[("(pilih)", "")] + activities, value="", layout=w.Layout(width="520px")),
            self._check_best, s)
        self.q_reflect = free_text(
            "q4_refleksi_monev", "4. Untuk target yang belum tercapai (atau, bila semua tercapai, untuk menjaga "
            "capaian), tuliskan tiga pertanyaan evaluasi yang akan Anda ajukan dan data yang menjawab "
            "masing-masing.", min_words=25, placeholder="Pertanyaan 1: … Data: …", session=s)
        self.questions = [self.q_reached, self.q_gap, self.q_best, self.q_reflect]

    def _missing(self) -> Feedback | None:
        if self.report is None:
            return Feedback(False, "Hasil pemantauan belum tersedia; muat ulang halaman.")
        return None

    def _check_reached(self, value) -> Feedback:
        if (problem := self._missing()) is not None:
            return problem
        ev = self.report.evaluasi.set_index("kode_indikator")
        reached = {c for c in self.prioritas if ev.at[c, "tercapai"]} or {TIDAK_ADA}
        chosen = set(value)
        if chosen == reached:
            return Feedback(True, "Bandingkan kolom Hasil dan Target: tercapai bila hasil sama dengan atau di atas "
                                  "target.")
        if TIDAK_ADA in chosen and len(chosen) > 1:
            return Feedback(False, "“Tidak ada yang tercapai” tidak dapat dipilih bersama indikator.")
        return Feedback(False, "Belum sesuai. Lihat kolom Keterangan di tabel Target dan hasil: tercapai bila hasil "
                               "sama dengan atau di atas target.")

    def _check_gap(self, value: float) -> Feedback:
        if (problem := self._missing()) is not None:
            return problem
        if not self.prioritas:
            return Feedback(False, "Belum ada indikator prioritas.")
        gap = float(self.report.evaluasi.set_index("kode_indikator").at[self.prioritas[0], "selisih"])
        if abs(value - gap) <= 0.01:
            state = "target tercapai" if gap >= 0 else "target belum tercapai"
            return Feedback(True, f"Selisihnya {selisih(gap, 2)} poin: {state}.")
        if abs(value + gap) <= 0.01 and gap:
            return Feedback(False, "Tandanya terbalik: hitung hasil dikurangi target.")
        return Feedback(False, "Belum sesuai. Hitung hasil dikurangi target untuk prioritas pertama.")

    def _check_best(self, value: str) -> Feedback:
        if (problem := self._missing()) is not None:
            return problem
        power = self.report.kegiatan.set_index("kode")["daya_efek"]
        if value not in power.index:
            return Feedback(False, "Kegiatan itu tidak ada di tahun yang dipantau.")
        if power[value] == power.max():
            return Feedback(True, f"Daya efeknya {angka(power[value], 2)}, yang terbesar. Kegiatan seperti ini "
                                  "layak dipertahankan.")
        return Feedback(False, f"Daya efek {value} adalah {angka(power[value], 2)}; ada yang lebih besar. Lihat "
                               "tabel Kegiatan mana yang berhasil?")
