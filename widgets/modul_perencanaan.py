"""Module 03, Perencanaan peningkatan (PBD): priorities, root causes, activities, RKAS, questions.

The page starts on the school chosen in module 01 (``chosen_school``). Saved answers:
``sampel``, ``npsn``; ``prioritas`` (chosen priority indicator codes, in order); ``rencana``
(activity codes, in the order added), ``semester`` (code -> 1 or 2) and ``honor`` (routine
honor in rupiah, saved with the plan; None before a school is chosen); the questions
``q1_prioritas_pertama``, ``q2_honor_patuh`` and ``q3_refleksi_akar_masalah``. Later modules
read the whole plan with ``plan_from_answers(saved_answers("03_perencanaan_peningkatan"))``
(``labmutu.widgets.perencanaan``) or the codes alone from ``["rencana"]``.

CSS classes for browser tests: ``lm-pilih-data``, ``lm-status`` (school choice);
``lm-prioritas-1..3``, ``lm-tunjukkan-urutan``, ``lm-pakai-urutan-pbd`` (priorities);
``lm-akar-masalah``; ``lm-pilih-kegiatan``, ``lm-tambah-kegiatan``, ``lm-rencana``,
``lm-kegiatan-<kode>``, ``lm-semester-kegiatan``, ``lm-hapus-kegiatan``, ``lm-isi-rekomendasi``
(fill with the PBD recommendation), ``lm-kosongkan-rencana``; ``lm-honor``,
``lm-honor-ke-batas``; ``lm-anggaran*`` (budget bar); ``lm-rkas``, ``lm-kepatuhan``,
``lm-pelanggaran``, ``lm-patuh`` (RKAS table).
"""

from __future__ import annotations

import html

import ipywidgets as w

from labmutu.datasets.schema import INDIKATOR
from labmutu.simulations import cycle
from labmutu.simulations.catalog import katalog
from labmutu.simulations.records import Parameter, Rencana
from labmutu.simulations.rkas import HONOR, Rkas, periksa_rkas
from labmutu.simulations.sekolah import SimulasiSekolah
from labmutu.widgets.activity_catalog import ActivityCatalog, PlanEditor, activity_rows
from labmutu.widgets.answer_form import AnswerForm, Feedback, free_text
from labmutu.widgets.budget import BudgetBar, budget_summary
from labmutu.widgets.format import persen, rupiah
from labmutu.widgets.lean import HTML
from labmutu.widgets.perencanaan import PriorityPicker, RootCauseExplorer, build_plan
from labmutu.widgets.rkas_table import RkasTable
from labmutu.widgets.school_choice import SchoolChooser, simulation, working
from labmutu.widgets.session import ModuleSession, chosen_school
from labmutu.widgets.stepper import CycleStepper

MODULE = "03_perencanaan_peningkatan"
DEFAULT_SAMPLE = "sekolah-latihan"
HONOR_YES, HONOR_NO = "Ya, honor tidak melebihi batas", "Tidak, honor melebihi batas"


class PerencanaanApp(w.VBox):
    """The whole module 03 page; the school, priorities, plan and answers are saved as they change."""

    def __init__(self, session: ModuleSession | None = None) -> None:
        self.session = session or ModuleSession(MODULE)
        s = self.session
        self.stepper = CycleStepper(cycle.get().labels, current=cycle.get().steps.index("perencanaan"))
        sample, npsn = chosen_school(s, DEFAULT_SAMPLE)
        self.chooser = SchoolChooser(sample, npsn, DEFAULT_SAMPLE)
        self.summary = HTML()
        self.sim: SimulasiSekolah | None = None
        self.rkas: Rkas | None = None
        self.priorities = PriorityPicker()
        self.causes = RootCauseExplorer()
        self.catalog = ActivityCatalog(katalog())
        self.plan = PlanEditor(Parameter().maks_kegiatan)
        self.recommend_button = w.Button(description="Isi dengan rekomendasi PBD", icon="magic",
                                         tooltip="Ganti rencana dengan pilihan aturan PBD untuk sekolah ini",
                                         layout=w.Layout(width="240px"))
        self.recommend_button.add_class("lm-isi-rekomendasi")
        self.clear_button = w.Button(description="Kosongkan rencana", icon="eraser", layout=w.Layout(width="180px"))
        self.clear_button.add_class("lm-kosongkan-rencana")
        self.honor = w.BoundedIntText(description="Honor rutin (Rp)", min=0, max=10**12, step=100_000,
                                      style={"description_width": "130px"}, layout=w.Layout(width="320px"))
        self.honor.add_class("lm-honor")
        self.honor_note = HTML()
        self.honor_cap_button = w.Button(description="Turunkan ke batas honor", icon="compress",
                                         layout=w.Layout(width="220px"))
        self.honor_cap_button.add_class("lm-honor-ke-batas")
        self.budget = BudgetBar()
        self.rkas_table = RkasTable()
        self.q_first = AnswerForm(
            "q1_prioritas_pertama", "1. Menurut aturan PBD, indikator mana yang menjadi <b>prioritas pertama</b> "
            "sekolah ini?",
            w.Dropdown(options=[("(pilih)", "")] + [(f"{k} {INDIKATOR[k]}", k)
                                                     for k in Parameter().indikator_prioritas], value=""),
            self._check_first, s)
        self.q_honor = AnswerForm(
            "q2_honor_patuh", "2. Lihat RKAS rencana Anda. Apakah <b>honor</b> di RKAS itu memenuhi batas honor "
            "tahun anggarannya?",
            w.RadioButtons(options=[HONOR_YES, HONOR_NO], value=None, layout=w.Layout(width="auto")),
            self._check_honor, s)
        self.q_reflect = free_text(
            "q3_refleksi_akar_masalah", "3. <b>Refleksi.</b> Untuk prioritas pertama Anda, tuliskan dua akar masalah "
            "terkuat, bukti dari data yang mendukungnya, dan mengapa kegiatan yang Anda pilih menyasar akar "
            "masalah itu.", min_words=20,
            placeholder="Prioritas: … Akar masalah 1: … Akar masalah 2: … Buktinya: … Kegiatan: …", session=s)
        self._loading = False
        self.chooser.observe(self._on_chooser_value_change, names="value")
        self.priorities.observe(self._on_priorities_value_change, names="value")
        self.plan.observe(self._on_plan_items_change, names="items")
        self.catalog.add_button.on_click(self._on_add_button_click)
        self.recommend_button.on_click(self._on_recommend_button_click)
        self.clear_button.on_click(self._on_clear_button_click)
        self.honor_cap_button.on_click(self._on_honor_cap_button_click)
        self.honor.observe(self._on_honor_value_change, names="value")
        super().__init__([
            s.notice, self.stepper,
            HTML("<h3>1. Pilih data dan sekolah</h3>"), self.chooser, self.summary,
            HTML("<h3>2. Identifikasi: indikator prioritas</h3>"), self.priorities,
            HTML("<h3>3. Refleksi: akar masalah</h3>"), self.causes,
            HTML("<h3>4. Benahi: pilih kegiatan</h3>"), self.catalog,
            HTML("<b>Rencana kegiatan Anda</b>"), self.plan, w.HBox([self.recommend_button, self.clear_button]),
            w.HBox([self.honor, self.honor_cap_button]), self.honor_note,
            HTML("<b>Anggaran</b>"), self.budget,
            HTML("<h3>5. RKAS dan aturan BOSP</h3>"), self.rkas_table,
            HTML("<h3>6. Pertanyaan</h3>"), self.q_first, self.q_honor, self.q_reflect,
        ])
        same = s.get("npsn") == npsn
        self._show_school(
            priorities=(s.get("prioritas") or []) if same else [],
            items={c: int((s.get("semester") or {}).get(c, 0)) for c in (s.get("rencana") or [])} if same else {},
            honor=s.get("honor") if same else None)

    # -- state --------------------------------------------------------------------------------
    def current_plan(self) -> Rencana:
        """The plan on screen as a ``Rencana`` (activities, semesters, honor)."""
        return build_plan(self.plan.codes, self.plan.items, int(self.honor.value) if self.sim is not None else None)

    def last_honor(self) -> int:
        """The school's honor of last year (the honor a plan keeps unless changed)."""
        return int(self.sim.model.awal.realisasi_lalu[0, HONOR]) if self.sim is not None else 0

    def _show_school(self, priorities=(), items=None, honor=None) -> None:
        sample, npsn = self.chooser.value
        self.sim = None
        with working(self.chooser.status):
            if npsn:
                self.sim = simulation(sample, npsn)
        self._loading = True
        try:
            sim = self.sim
            rows = activity_rows(sim) if sim is not None else self.catalog.rows.iloc[0:0]
            self.priorities.show(sim.prioritas() if sim is not None else self.priorities.prio.iloc[0:0], priorities)
            self.plan.show(rows, items)
            self.catalog.show(rows, set(self.plan.items))
            self.honor.value = int(honor) if honor is not None else self.last_honor()
        finally:
            self._loading = False
        self.summary.value = self._summary_html()
        self._show_causes()
        self._show_budget()

    def _summary_html(self) -> str:
        row = self.chooser.school_row()
        if row is None or self.sim is None:
            return "<p>Belum ada sekolah yang dipilih. Pilih sekolah di bagian 1.</p>"
        a = self.sim.model.awal
        return (f"<p><b>{html.escape(str(row['nama']))}</b> ({row['jenjang']} {row['status']}), alokasi BOSP "
                f"{rupiah(int(a.alokasi[0]))}, honor tahun lalu {rupiah(self.last_honor())}. Rencana ini untuk "
                f"tahun anggaran {a.tahun + 1}.</p>")

    def _show_causes(self) -> None:
        with working(self.chooser.status):
            self.causes.show(self.sim, self.priorities.value)

    def _show_budget(self) -> None:
        self.rkas = None
        violations = []
        with working(self.chooser.status):
            if self.sim is not None:
                self.rkas = self.sim.rkas(self.current_plan())
                violations = periksa_rkas(self.rkas, self.sim.katalog)
        self.budget.show(self.rkas)
        self.rkas_table.show(self.rkas, violations)
        self.catalog.mark(set(self.plan.items))
        self.honor_note.value = self._honor_html()

    def _honor_html(self) -> str:
        if self.rkas is None:
            return ""
        s = budget_summary(self.rkas)
        return (f"<p style='font-size:90%'>Honor {rupiah(self.honor.value)}; batas honor "
                f"{persen(s.batas_honor_persen, 0)} dari alokasi = {rupiah(s.batas_honor)}.</p>")

    def _save_plan(self) -> None:
        """Saves the plan; the honor is saved with it, so later modules need not guess it."""
        self.session.set("rencana", self.plan.codes)
        self.session.set("semester", dict(self.plan.items))
        self.session.set("honor", int(self.honor.value) if self.sim is not None else None)

    # -- checks -------------------------------------------------------------------------------
    def _check_first(self, value: str) -> Feedback:
        if self.sim is None:
            return Feedback(False, "Pilih sekolah dulu di bagian 1.")
        first = self.sim.prioritas().iloc[0]
        if value == first["kode_indikator"]:
            return Feedback(True, f"Tepat: {value} didahulukan karena {first['alasan']}.")
        return Feedback(False, "Urutkan lagi: merah dulu, lalu kuning, lalu hijau; bila warnanya sama, kuintil "
                               "nasional yang lebih rendah; lalu penurunan terbesar.")

    def _check_honor(self, value: str) -> Feedback:
        if self.rkas is None:
            return Feedback(False, "Pilih sekolah dulu di bagian 1.")
        s = budget_summary(self.rkas)
        ok = s.honor <= s.batas_honor or s.honor == 0
        facts = (f"Honor {rupiah(s.honor)} = {persen(s.porsi_honor)} dari alokasi; batasnya "
                 f"{persen(s.batas_honor_persen, 0)} ({rupiah(s.batas_honor)}).")
        if (value == HONOR_YES) == ok:
            tail = "" if ok else " Turunkan honor ke batas atau cari sumber dana lain untuk kelebihannya."
            return Feedback(True, facts + tail)
        return Feedback(False, "Bandingkan baris honor di RKAS dengan batas honor yang tertulis di bawah tabel.")

    # -- events -------------------------------------------------------------------------------
    def _on_chooser_value_change(self, change: dict) -> None:
        sample, npsn = change["new"]
        for key, value in (("sampel", sample), ("npsn", npsn), ("prioritas", [])):
            self.session.set(key, value)
        self._show_school(priorities=[], items=dict(self.plan.items), honor=None)
        self._save_plan()  # the plan stays; the honor is the new school's

    def _on_priorities_value_change(self, change: dict) -> None:
        if self._loading:
            return
        self.session.set("prioritas", list(change["new"]))
        self._show_causes()

    def _on_plan_items_change(self, _change: dict) -> None:
        if self._loading:
            return
        self._save_plan()
        self._show_budget()

    def _on_add_button_click(self, _button: w.Button) -> None:
        self.plan.add(self.catalog.pick.value)

    def _on_recommend_button_click(self, _button: w.Button) -> None:
        if self.sim is None:
            self.plan.message.value = "Pilih sekolah dulu di bagian 1."
            return
        plan = self.sim.rekomendasi()
        self._loading = True
        try:
            self.plan.show(self.catalog.rows, {k.kode: k.semester for k in plan.kegiatan})
            self.honor.value = int(plan.honor) if plan.honor is not None else self.last_honor()
        finally:
            self._loading = False
        self._save_plan()
        self._show_budget()

    def _on_clear_button_click(self, _button: w.Button) -> None:
        self.plan.show(self.catalog.rows, {})  # the items observer saves and recomputes

    def _on_honor_cap_button_click(self, _button: w.Button) -> None:
        if self.rkas is None:
            return
        s = budget_summary(self.rkas)
        from_activities = s.honor - int(self.honor.value)  # honor activities in the plan (e.g. K36)
        self.honor.value = max(0, min(int(self.honor.value), s.batas_honor - from_activities))

    def _on_honor_value_change(self, change: dict) -> None:
        if self._loading:
            return
        self._save_plan()
        self._show_budget()
