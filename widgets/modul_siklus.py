"""Module 06, Simulasi siklus: three full cycles of one school with the trainee's own plan.

The trainee starts from the plan of module 03 (else the PBD rule), may change its activities,
and runs three cycles: the same plan every year, with the keterlibatan and penanggung jawab of
module 04. The plan is then compared with the PBD rule (which plans again each year), random
activities and no activities under the same random draws, and each year's report (shocks,
pelaksanaan, monev) can be read one by one.

Saved answers: ``seed``, ``rencana`` (activity codes chosen), ``sudah_dijalankan``,
``dijalankan`` (school, seed and plan of the last run: a reload runs it again), ``tahun_laporan``,
``q1_unggul_acak``, ``q2_unggul_tanpa``, ``q3_nasib_sama``, ``q4_refleksi_siklus``.

CSS classes for browser tests: ``lm-rencana-kegiatan``, ``lm-pakai-pbd``, ``lm-periksa-rkas``,
``lm-jalankan-siklus``, ``lm-progress``, ``lm-status``, ``lm-bandingkan``, ``lm-tahun-laporan``,
plus those of the monev dashboard and the timeline.
"""

from __future__ import annotations

import html
import logging
import time

import ipywidgets as w

from labmutu.simulations import cycle
from labmutu.simulations.records import Rencana
from labmutu.simulations.sekolah import SimulasiSekolah
from labmutu.widgets.answer_form import AnswerForm, Feedback, free_text, single_choice
from labmutu.widgets.counterfactual import SAMA_NASIB, CounterfactualView
from labmutu.widgets.format import angka, selisih
from labmutu.widgets.lean import HTML
from labmutu.widgets.monev import MonevDashboard, riwayat, target_tahunan
from labmutu.widgets.progress import Progress
from labmutu.widgets.session import ModuleSession
from labmutu.widgets.siklus_data import (build_plan, error_html, load_tables, module_seed, rencana_dari_json,
                                         rencana_ke_json, resolve_school, run_of_module_04, school_html,
                                         starting_point)
from labmutu.widgets.stepper import CycleStepper
from labmutu.widgets.timeline import Timeline

MODULE = "06_simulasi_siklus"
TAHUN = 3
BELUM = Feedback(False, "Tekan tombol <b>Jalankan tiga siklus</b> dulu, lalu baca perbandingannya.")
YA, TIDAK = "Ya, rata-ratanya lebih tinggi", "Tidak, sama atau lebih rendah"
log = logging.getLogger("labmutu.widgets")


class SiklusApp(w.VBox):
    """The whole module 06 page; plan, run and answers are saved as they change."""

    def __init__(self, session: ModuleSession | None = None) -> None:
        self.session = session or ModuleSession(MODULE)
        s = self.session
        self.sample, self.npsn = resolve_school(s)
        self.seed = module_seed(s)
        self.tables = load_tables(self.sample)
        self.sim = SimulasiSekolah(self.tables, self.npsn, seed=self.seed, tahun=TAHUN)
        self.start = starting_point(self.sim, self.npsn)
        self.rekomendasi = self.sim.rekomendasi()
        ran_04, _ = run_of_module_04(self.sample, self.npsn)
        self.base = ran_04 or self.start.rencana  # keterlibatan, penanggung jawab and honor
        self.reports, self.ran_plan, self.seconds = [], None, 0.0
        steps = cycle.get()
        self.stepper = CycleStepper(steps.labels, current=len(steps.steps) - 1)
        kat = self.sim.katalog
        self.plan_select = w.SelectMultiple(
            options=[(f"{code} {name}", code) for code, name in zip(kat.kode, kat.kegiatan["nama"])],
            value=self._initial_codes(s.get("rencana")), rows=12, layout=w.Layout(width="95%"))
        self.plan_select.add_class("lm-rencana-kegiatan")
        self.use_pbd = w.Button(description="Pakai rencana usulan PBD", icon="undo", layout=w.Layout(width="240px"))
        self.use_pbd.add_class("lm-pakai-pbd")
        self.rkas_check = HTML()
        self.rkas_check.add_class("lm-periksa-rkas")
        self.run_button = w.Button(description="Jalankan tiga siklus", icon="play", button_style="success",
                                   layout=w.Layout(width="220px"))
        self.run_button.add_class("lm-jalankan-siklus")
        self.progress = Progress()
        self.status = HTML()
        self.status.add_class("lm-status")
        self.compare = CounterfactualView()
        self.year = w.ToggleButtons(options=[], style={"button_width": "90px"})
        self.year.add_class("lm-tahun-laporan")
        self.dashboard = MonevDashboard()
        self.timeline = Timeline()
        self._build_questions()
        self.plan_select.observe(self._on_plan_select_change, names="value")
        self.use_pbd.on_click(self._on_use_pbd_click)
        self.run_button.on_click(self._on_run_button_click)
        self.year.observe(self._on_year_change, names="value")
        super().__init__([
            s.notice, self.stepper,
            HTML("<h3>1. Sekolah</h3>"), HTML(school_html(self.sample, self.npsn)),
            HTML("<h3>2. Rencana Anda</h3>"),
            HTML(f"<p>{html.escape(self.start.pesan_rencana)} Ubah pilihan kegiatan bila perlu (tahan Ctrl atau "
                   "Cmd untuk memilih lebih dari satu). Rencana yang sama dijalankan tiga tahun berturut-turut, "
                   "dengan keterlibatan dan penanggung jawab dari modul 04.</p>"),
            self.plan_select, self.use_pbd, self.rkas_check,
            HTML("<h3>3. Jalankan tiga siklus</h3>"), self.run_button, self.progress, self.status,
            HTML("<h3>4. Dibandingkan dengan rencana lain</h3>"), self.compare,
            HTML("<h3>5. Laporan per tahun</h3><p>Pilih tahun. Target tiap tahun di sini adalah target usulan "
                   "(naik sekitar 5 poin menuju standar), ditetapkan lagi setiap siklus dari hasil pengukuran "
                   "terakhir.</p>"), self.year, self.dashboard, self.timeline,
            HTML("<h3>6. Pertanyaan</h3>"), *self.questions,
        ])
        self._show_rkas_check()
        self._restore_run()

    # -- plan ----------------------------------------------------------------------------------
    def _initial_codes(self, saved) -> tuple[str, ...]:
        if not (isinstance(saved, list) and all(isinstance(c, str) for c in saved)):
            saved = [k.kode for k in self.start.rencana.kegiatan]
        return tuple(c for c in self.sim.katalog.kode if c in set(saved))  # catalog order, known codes only

    def current_plan(self) -> Rencana:
        """The chosen activities with the semesters of module 03 (else PBD, else the catalog's) and the
        keterlibatan, penanggung jawab and honor of module 04 (else module 03, else PBD)."""
        semesters = {k.kode: k.semester for k in self.start.rencana.kegiatan}
        persons = {k.kode: k.penanggung_jawab for k in self.base.kegiatan}
        entries = [{"kode": c, "semester": semesters.get(c, 0), "penanggung_jawab": persons.get(c)}
                   for c in self.sim.katalog.kode if c in set(self.plan_select.value)]
        return build_plan(entries, self.sim.katalog, self.rekomendasi, keterlibatan=self.base.keterlibatan,
                          honor=self.base.honor)

    def _show_rkas_check(self) -> None:
        problems = self.sim.periksa(self.current_plan())
        count = len(self.plan_select.value)
        text = f"<p>{count} kegiatan dipilih. "
        if problems:
            items = "".join(f"<li>{html.escape(p.pesan)}</li>" for p in problems)
            self.rkas_check.value = text + "RKAS rencana ini melanggar aturan:</p><ul style='color:#b03a2e'>" \
                                           f"{items}</ul>"
        else:
            self.rkas_check.value = text + "RKAS rencana ini memenuhi aturan BOSP.</p>"

    # -- running -------------------------------------------------------------------------------
    def run(self, plan: Rencana) -> None:
        """Runs three cycles with ``plan`` and the comparison scenarios, then shows the reports."""
        started = time.perf_counter()
        self.run_button.disabled = True
        self.progress.start(4, "Menghitung… menjalankan tiga siklus dengan rencana Anda")
        try:
            hasil = self.sim.jalankan(plan)
            self.progress.advance("Menghitung… menjalankan rencana PBD, kegiatan acak, dan tanpa kegiatan")
            table = self.sim.bandingkan(hasil)
            self.progress.advance("Menyusun laporan tiap tahun…")
            reports = [self.sim.laporan(hasil, i) for i in range(TAHUN)]
            awal = self.sim.rapor().set_index("kode_indikator")["nilai"].astype(float).to_dict()
            self.compare.show(table, self.start.prioritas, awal, int(self.sim.model.awal.tahun))
            self.progress.advance("Menggambar grafik…")
            self.history = riwayat(self.tables["indikator"], self.npsn, hasil)
            self.targets = target_tahunan(reports)
        except Exception as exc:  # a trainee sees a message, never a traceback
            log.exception("simulasi siklus gagal")
            self.progress.finish()
            self.status.value = error_html(exc)
            return
        finally:
            self.run_button.disabled = False
        self.hasil, self.table, self.reports, self.ran_plan = hasil, table, reports, plan
        self._fill_years()
        self.seconds = time.perf_counter() - started
        self.session.set("dijalankan", {"sampel": self.sample, "npsn": self.npsn, "seed": self.seed,
                                        **rencana_ke_json(plan)})
        self.session.set("sudah_dijalankan", True)
        self.progress.finish()
        self.status.value = self._status_html()

    def _fill_years(self) -> None:
        years = [r.tahun for r in self.reports]
        saved = self.session.get("tahun_laporan")
        self.year.unobserve(self._on_year_change, names="value")
        self.year.options = [(str(y), y) for y in years]
        self.year.value = saved if saved in years else years[0]
        self.year.observe(self._on_year_change, names="value")
        self._show_year()

    def _show_year(self) -> None:
        report = next(r for r in self.reports if r.tahun == self.year.value)
        self.dashboard.show(report, self.history, self.start.prioritas, self.targets)
        self.timeline.show(report, self.sim.katalog, self.sim.model.params)

    def _restore_run(self) -> None:
        saved = self.session.get("dijalankan")
        if not self.session.get("sudah_dijalankan") or not isinstance(saved, dict):
            return
        plan = rencana_dari_json(saved)
        if plan is not None and (saved.get("sampel"), saved.get("npsn"), saved.get("seed")) == (
                self.sample, self.npsn, self.seed):
            self.run(plan)

    def _status_html(self) -> str:
        text = (f"<p>Tiga siklus ({self.reports[0].tahun}–{self.reports[-1].tahun}) selesai dijalankan dengan "
                f"{len(self.ran_plan.kegiatan)} kegiatan.</p>")
        if self.ran_plan != self.current_plan():
            text += ("<p style='color:#9a7d0a'>Pilihan kegiatan sudah berubah sejak terakhir dijalankan. Tekan "
                     "<b>Jalankan tiga siklus</b> lagi untuk melihat hasil rencana yang sekarang.</p>")
        return text

    # -- questions -----------------------------------------------------------------------------
    def _build_questions(self) -> None:
        s = self.session
        self.q_random = AnswerForm(
            "q1_unggul_acak", "1. Pada pengukuran terakhir, apakah rencana Anda <b>mengungguli kegiatan acak</b> "
            "(rata-rata indikator prioritas)?", w.RadioButtons(options=[YA, TIDAK], value=None),
            self._check_random, s)
        self.q_none = AnswerForm(
            "q2_unggul_tanpa", "2. Berapa poin rencana Anda <b>unggul dibanding tanpa kegiatan</b> pada rata-rata "
            "indikator prioritas di pengukuran terakhir? (Negatif bila tertinggal; dua angka desimal.)",
            w.BoundedFloatText(min=-100, max=100, step=0.01, value=0), self._check_none, s)
        right = "Agar perbedaan hasil berasal dari rencana, bukan dari nasib"
        self.q_luck = single_choice(
            "q3_nasib_sama", "3. Mengapa keempat skenario dijalankan pada <b>kejadian acak yang sama</b>?",
            [right, "Agar simulasi lebih cepat", "Agar semua rencana pasti berhasil"], right,
            {right: SAMA_NASIB, "Agar simulasi lebih cepat": "Kecepatan bukan alasannya; pikirkan banjir, mutasi "
                                                            "guru, dan dana terlambat.",
             "Agar semua rencana pasti berhasil": "Tidak: rencana acak atau tanpa kegiatan tetap bisa tertinggal."},
            session=s)
        self.q_reflect = free_text(
            "q4_refleksi_siklus", "4. Setelah tiga siklus, apa satu hal yang akan Anda ubah pada cara sekolah Anda "
            "menyusun rencana, dan mengapa? Sebut angka dari hasil simulasi.", min_words=25,
            placeholder="Yang akan saya ubah: … karena hasil simulasi menunjukkan …", session=s)
        self.questions = [self.q_random, self.q_none, self.q_luck, self.q_reflect]

    def _lead(self, scenario: str) -> float | None:
        summary = self.compare.summary
        if not self.reports or summary.empty:
            return None
        return float(summary.set_index("skenario").at[scenario, "unggul_rencana"])

    def _check_random(self, value: str) -> Feedback:
        lead = self._lead("acak")
        if lead is None:
            return BELUM
        if (value == YA) == (lead > 0):
            return Feedback(True, f"Selisihnya {selisih(lead, 2)} poin terhadap kegiatan acak, pada kejadian acak "
                                  "yang sama.")
        return Feedback(False, "Bandingkan kolom Rata-rata pada baris Rencana Anda dan baris Kegiatan acak.")

    def _check_none(self, value: float) -> Feedback:
        lead = self._lead("tanpa")
        if lead is None:
            return BELUM
        if abs(value - lead) <= 0.01:
            return Feedback(True, f"Rencana Anda {angka(lead, 2)} poin di atas sekolah yang tidak berbuat apa-apa.")
        return Feedback(False, "Lihat kolom “Rencana Anda unggul” pada baris Tanpa kegiatan, atau kurangkan kedua "
                               "rata-rata.")

    # -- events --------------------------------------------------------------------------------
    def _on_plan_select_change(self, change: dict) -> None:
        self.session.set("rencana", list(change["new"]))
        self._show_rkas_check()
        if self.reports:
            self.status.value = self._status_html()

    def _on_use_pbd_click(self, _button: w.Button) -> None:
        self.plan_select.value = tuple(k.kode for k in self.rekomendasi.kegiatan)

    def _on_run_button_click(self, _button: w.Button) -> None:
        self.run(self.current_plan())

    def _on_year_change(self, change: dict) -> None:
        self.session.set("tahun_laporan", change["new"])
        self._show_year()
