"""Module 04, Pelaksanaan peningkatan: run one school year of the plan and read what happened.

The plan comes from module 03 (else the PBD rule) and the targets from module 02. The trainee
decides who takes part (keterlibatan) and who is in charge of each activity (penanggung jawab),
both of which change how fully activities happen, then presses "Jalankan satu tahun". The page
shows the year's shocks, the timeline, realisasi per BOSP component, evidence and SIPLah lines,
and asks about them.

Saved answers: ``seed``, ``keterlibatan`` (list), ``penanggung_jawab`` (code -> name, "" none),
``sudah_dijalankan``, ``dijalankan`` (school, seed and plan of the last run: a reload runs exactly
that again and module 05 evaluates it), ``q1_guncangan``, ``q2_keterlaksanaan_terendah``,
``q3_persen_belanja_kegiatan``, ``q4_refleksi_pelaksanaan``.

CSS classes for browser tests: ``lm-keterlibatan``, ``lm-penanggung-jawab``, ``lm-jalankan``,
``lm-progress``, ``lm-status``, ``lm-sumber-rencana``, ``lm-timeline`` (image), and in the HTML
``lm-kejadian``, ``lm-kegiatan``, ``lm-realisasi``, ``lm-bukti``, ``lm-siplah``.
"""

from __future__ import annotations

import html
import logging
import time
from dataclasses import replace

import ipywidgets as w

from labmutu.simulations import cycle
from labmutu.simulations.records import Rencana
from labmutu.simulations.sekolah import LaporanTahun, SimulasiSekolah
from labmutu.widgets.answer_form import AnswerForm, Feedback, free_text
from labmutu.widgets.format import persen, rupiah
from labmutu.widgets.lean import HTML
from labmutu.widgets.progress import Progress
from labmutu.widgets.session import ModuleSession
from labmutu.widgets.siklus_data import (PEMANGKU_LABEL, PJ_PILIHAN, error_html, load_tables, module_seed,
                                         rencana_dari_json, rencana_ke_json, resolve_school, school_html,
                                         starting_point)
from labmutu.widgets.stepper import CycleStepper
from labmutu.widgets.timeline import BANJIR_S2, Timeline

MODULE = "04_pelaksanaan_peningkatan"
TIDAK_ADA = "Tidak ada kejadian"
PILIHAN_KEJADIAN = ("Banjir/longsor", "Mutasi guru", "Dana tahap 2 terlambat", TIDAK_ADA)
BELUM = Feedback(False, "Tekan tombol <b>Jalankan satu tahun</b> dulu, lalu baca hasilnya.")
log = logging.getLogger("labmutu.widgets")


class PelaksanaanApp(w.VBox):
    """The whole module 04 page; choices and answers are saved as they change."""

    def __init__(self, session: ModuleSession | None = None) -> None:
        self.session = session or ModuleSession(MODULE)
        s = self.session
        self.sample, self.npsn = resolve_school(s)
        self.seed = module_seed(s)
        self.sim = SimulasiSekolah(load_tables(self.sample), self.npsn, seed=self.seed, tahun=1)
        self.start = starting_point(self.sim, self.npsn)
        self.report: LaporanTahun | None = None
        self.ran_plan: Rencana | None = None
        self.seconds = 0.0
        steps = cycle.get()
        self.stepper = CycleStepper(steps.labels, current=steps.steps.index("pelaksanaan"))
        self.source = HTML(self._source_html())
        self.source.add_class("lm-sumber-rencana")
        self.people = self._people_boxes(s.get("keterlibatan"))
        self.people_box = w.VBox(list(self.people.values()))
        self.people_box.add_class("lm-keterlibatan")
        self.persons = self._pj_dropdowns(s.get("penanggung_jawab"))
        self.persons_box = w.VBox([w.HBox([HTML(f"<span style='display:inline-block;width:420px'>{html.escape(label)}"
                                                  "</span>"), dd]) for label, dd in self.persons.values()])
        self.persons_box.add_class("lm-penanggung-jawab")
        self.run_button = w.Button(description="Jalankan satu tahun", icon="play", button_style="success",
                                   tooltip="Jalankan tahun anggaran dengan rencana dan pilihan di atas",
                                   layout=w.Layout(width="220px"))
        self.run_button.add_class("lm-jalankan")
        self.progress = Progress()
        self.status = HTML()
        self.status.add_class("lm-status")
        self.timeline = Timeline()
        self._build_questions()
        for box in self.people.values():
            box.observe(self._on_people_change, names="value")
        for _, dd in self.persons.values():
            dd.observe(self._on_person_change, names="value")
        self.run_button.on_click(self._on_run_button_click)
        super().__init__([
            s.notice, self.stepper,
            HTML("<h3>1. Sekolah dan rencana</h3>"), HTML(school_html(self.sample, self.npsn)), self.source,
            HTML("<h3>2. Siapa terlibat dan siapa penanggung jawab</h3>"
                   "<p>Keterlibatan warga sekolah dan penanggung jawab yang jelas membuat kegiatan lebih "
                   "lengkap terlaksana.</p><b>Yang terlibat dalam pelaksanaan:</b>"), self.people_box,
            HTML("<b>Penanggung jawab tiap kegiatan:</b>"), self.persons_box,
            HTML("<h3>3. Jalankan satu tahun anggaran</h3>"), self.run_button, self.progress, self.status,
            self.timeline,
            HTML("<h3>4. Pertanyaan</h3>"), *self.questions,
        ])
        self._restore_run()

    # -- building ------------------------------------------------------------------------------
    def _source_html(self) -> str:
        lines = self.sim.rkas(self.start.rencana).baris
        rows = "".join(f"<li>{html.escape(b.kode)} {html.escape(b.uraian)}: semester {b.semester}, "
                       f"{rupiah(b.jumlah)}</li>" for b in lines if b.kode != "RUTIN")
        problems = self.sim.periksa(self.start.rencana)
        warn = "".join(f"<li>{html.escape(p.pesan)}</li>" for p in problems)
        warn = f"<p style='color:#b03a2e'>RKAS rencana ini melanggar aturan:</p><ul>{warn}</ul>" if warn else ""
        return (f"<p><b>{html.escape(self.start.pesan_rencana)}</b> {html.escape(self.start.pesan_target)}</p>"
                f"<ul>{rows or '<li>Tidak ada kegiatan peningkatan.</li>'}</ul>{warn}")

    def _people_boxes(self, saved) -> dict[str, w.Checkbox]:
        chosen = set(saved) if isinstance(saved, list) else set(self.start.rencana.keterlibatan)
        return {key: w.Checkbox(description=label, value=key in chosen, indent=False)
                for key, label in PEMANGKU_LABEL.items()}

    def _pj_dropdowns(self, saved) -> dict[str, tuple[str, w.Dropdown]]:
        saved = saved if isinstance(saved, dict) else {}
        out = {}
        for item in self.start.rencana.kegiatan:
            value = saved.get(item.kode, item.penanggung_jawab)
            options = list(PJ_PILIHAN)
            if value not in {v for _, v in options}:
                options.insert(0, (value, value))
            name = self.sim.katalog.kegiatan.at[self.sim.katalog.indeks(item.kode), "nama"]
            out[item.kode] = (f"{item.kode} {name}", w.Dropdown(options=options, value=value,
                                                                layout=w.Layout(width="220px")))
        return out

    def _build_questions(self) -> None:
        s = self.session
        codes = [(label, code) for code, (label, _) in self.persons.items()]
        self.q_shocks = AnswerForm(
            "q1_guncangan", "1. Kejadian apa saja yang <b>terjadi</b> di sekolah ini tahun ini? (Tahan Ctrl atau "
            "Cmd untuk memilih lebih dari satu.)",
            w.SelectMultiple(options=PILIHAN_KEJADIAN, value=(), rows=4), self._check_shocks, s)
        self.q_lowest = AnswerForm(
            "q2_keterlaksanaan_terendah", "2. Kegiatan mana yang <b>keterlaksanaannya paling rendah</b>?",
            w.Dropdown(options=[("(pilih)", "")] + codes, value="", layout=w.Layout(width="520px")),
            self._check_lowest, s)
        self.q_spent = AnswerForm(
            "q3_persen_belanja_kegiatan", "3. Berapa <b>persen anggaran kegiatan peningkatan</b> yang benar-benar "
            "dibelanjakan? (Jumlahkan kolom Belanja dan kolom Anggaran di tabel Keterlaksanaan kegiatan, lalu "
            "bagi; jawab dalam persen, satu angka desimal.)",
            w.BoundedFloatText(min=0, max=100, step=0.1, value=0), self._check_spent, s)
        self.q_reflect = free_text(
            "q4_refleksi_pelaksanaan", "4. Kejadian atau kendala apa yang paling mengganggu pelaksanaan di sekolah "
            "ini, dan apa yang akan TPMPS lakukan tahun depan untuk mengantisipasinya (misalnya jadwal kegiatan, "
            "penanggung jawab, atau keterlibatan warga sekolah)?", min_words=20,
            placeholder="Kendala: … Antisipasi: …", session=s)
        self.questions = [self.q_shocks, self.q_lowest, self.q_spent, self.q_reflect]

    # -- running -------------------------------------------------------------------------------
    def current_plan(self) -> Rencana:
        """The plan with the keterlibatan and penanggung jawab chosen on the page."""
        people = tuple(key for key, box in self.people.items() if box.value)
        items = tuple(replace(k, penanggung_jawab=self.persons[k.kode][1].value) for k in self.start.rencana.kegiatan)
        return replace(self.start.rencana, kegiatan=items, keterlibatan=people)

    def run(self, plan: Rencana) -> None:
        """Runs the year with ``plan``, shows the report and saves what was run."""
        started = time.perf_counter()
        self.run_button.disabled = True
        self.progress.start(3, "Menghitung… menjalankan satu tahun anggaran")
        try:
            hasil = self.sim.jalankan(plan)
            self.progress.advance("Menghitung… menyusun laporan pelaksanaan")
            report = self.sim.laporan(hasil)
            self.progress.advance("Menggambar linimasa kegiatan…")
            self.timeline.show(report, self.sim.katalog, self.sim.model.params)
        except Exception as exc:  # a trainee sees a message, never a traceback
            log.exception("pelaksanaan gagal")
            self.progress.finish()
            self.status.value = error_html(exc)
            return
        finally:
            self.run_button.disabled = False
        self.report, self.ran_plan = report, plan
        self.seconds = time.perf_counter() - started
        self.session.set("dijalankan", {"sampel": self.sample, "npsn": self.npsn, "seed": self.seed,
                                        **rencana_ke_json(plan)})
        self.session.set("sudah_dijalankan", True)
        self.progress.finish()
        self.status.value = (f"<p>Tahun anggaran {report.tahun} selesai dijalankan. Baca kejadian, linimasa, dan "
                             "tabel di bawah, lalu jawab pertanyaan di bagian 4.</p>" + self._stale_note())

    def _restore_run(self) -> None:
        saved = self.session.get("dijalankan")
        if not self.session.get("sudah_dijalankan") or not isinstance(saved, dict):
            return
        plan = rencana_dari_json(saved)
        same = (saved.get("sampel"), saved.get("npsn"), saved.get("seed")) == (self.sample, self.npsn, self.seed)
        if plan is not None and same:
            self.run(plan)

    def _stale_note(self) -> str:
        if self.ran_plan is None or self.ran_plan == self.current_plan():
            return ""
        return ("<p style='color:#9a7d0a'>Hasil di bawah berasal dari pilihan atau rencana saat terakhir "
                "dijalankan. Tekan <b>Jalankan satu tahun</b> lagi untuk melihat akibat pilihan yang sekarang.</p>")

    # -- checks --------------------------------------------------------------------------------
    def _check_shocks(self, value) -> Feedback:
        if self.report is None:
            return BELUM
        happened = {g for g in self.report.guncangan if g != BANJIR_S2} or {TIDAK_ADA}
        chosen = set(value)
        if chosen == happened:
            return Feedback(True, "Kejadian seperti ini di luar kendali sekolah, tetapi dampaknya bisa dikurangi "
                                  "dengan jadwal dan penanggung jawab yang baik.")
        if TIDAK_ADA in chosen and len(chosen) > 1:
            return Feedback(False, f"“{TIDAK_ADA}” tidak dapat dipilih bersama kejadian lain.")
        parts = []
        if happened - chosen:
            parts.append("ada kejadian yang terlewat")
        if chosen - happened:
            parts.append("ada pilihan yang tidak terjadi tahun ini")
        return Feedback(False, " dan ".join(parts).capitalize() + ". Baca bagian “Kejadian tahun ini” dan linimasa.")

    def _check_lowest(self, value: str) -> Feedback:
        if self.report is None:
            return BELUM
        done = self.report.kegiatan.set_index("kode")["keterlaksanaan"]
        if done.empty:
            return Feedback(False, "Rencana ini tidak memuat kegiatan peningkatan.")
        if value not in done.index:
            return Feedback(False, "Kegiatan itu tidak ada di tahun yang dijalankan.")
        if done[value] == done.min():
            return Feedback(True, f"Keterlaksanaannya {persen(100 * done[value], 0)}. Cari tahu penyebabnya: "
                                  "kejadian, semester, atau penanggung jawab?")
        return Feedback(False, f"Keterlaksanaan {value} adalah {persen(100 * done[value], 0)}; masih ada yang lebih "
                               "rendah. Lihat kolom Keterlaksanaan.")

    def _check_spent(self, value: float) -> Feedback:
        if self.report is None:
            return BELUM
        k = self.report.kegiatan
        if k.empty or k["anggaran"].sum() <= 0:
            return Feedback(False, "Rencana ini tidak memuat anggaran kegiatan peningkatan.")
        share = round(k["belanja"].sum() / k["anggaran"].sum() * 100, 1)
        if abs(value - share) <= 0.5:
            return Feedback(True, f"{rupiah(k['belanja'].sum())} dari {rupiah(k['anggaran'].sum())}, yaitu "
                                  f"{persen(share, 1)}. Sisa anggaran kegiatan yang tidak terbelanjakan perlu "
                                  "dilaporkan beserta alasannya.")
        return Feedback(False, "Belum sesuai. Jumlah Belanja dibagi jumlah Anggaran, lalu dikali 100.")

    # -- events --------------------------------------------------------------------------------
    def _on_run_button_click(self, _button: w.Button) -> None:
        self.run(self.current_plan())

    def _on_people_change(self, _change: dict) -> None:
        self.session.set("keterlibatan", [key for key, box in self.people.items() if box.value])
        self._after_choice()

    def _on_person_change(self, _change: dict) -> None:
        self.session.set("penanggung_jawab", {code: dd.value for code, (_, dd) in self.persons.items()})
        self._after_choice()

    def _after_choice(self) -> None:
        if self.report is not None:
            self.status.value = f"<p>Tahun anggaran {self.report.tahun} sudah dijalankan.</p>" + self._stale_note()
