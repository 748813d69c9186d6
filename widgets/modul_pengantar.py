"""Module 00, Pengantar SPMP: SPMI and SPME, who does what, the cycle, and a short quiz."""

from __future__ import annotations

import ipywidgets as w

from labmutu.simulations import cycle
from labmutu.widgets.answer_form import multiple_choice, single_choice
from labmutu.widgets.lean import HTML
from labmutu.widgets.session import ModuleSession
from labmutu.widgets.stepper import CycleStepper

MODULE = "00_pengantar_spmp"


class PengantarApp(w.VBox):
    """The quiz of module 00, each answer saved as it changes."""

    def __init__(self, session: ModuleSession | None = None) -> None:
        self.session = session or ModuleSession(MODULE)
        s = self.session
        self.cycle_choice = w.Dropdown(description="Urutan siklus", style={"description_width": "110px"},
                                       options=[(c.title, c.name) for c in cycle.CYCLES.values()],
                                       value=cycle.DEFAULT, layout=w.Layout(width="520px"))
        self.stepper = CycleStepper(cycle.get().labels, current=0)
        self.cycle_choice.observe(self._on_cycle_choice_change, names="value")
        self.questions = [
            single_choice("q1_pelaksana_spmi", "1. Siapa yang <b>menjalankan</b> SPMI?",
                          ["Satuan pendidikan (dan pemerintah daerah)", "BAN-S/M", "Kementerian saja"],
                          "Satuan pendidikan (dan pemerintah daerah)",
                          {"BAN-S/M": "BAN-S/M menjalankan akreditasi, bagian dari SPME (eksternal).",
                           "Kementerian saja": "Kementerian berperan di SPME; SPMI dijalankan sekolah sendiri.",
                           "Satuan pendidikan (dan pemerintah daerah)":
                               "Benar: SPMI dijalankan langsung oleh satuan pendidikan dan pemda."}, session=s),
            multiple_choice("q2_spme", "2. Mana saja yang termasuk <b>SPME</b> (penjaminan mutu eksternal)?",
                            ["Akreditasi oleh BAN-S/M", "Penyusunan standar oleh badan standar",
                             "Pemetaan mutu oleh TPMPS", "Penyusunan RKAS oleh sekolah"],
                            ["Akreditasi oleh BAN-S/M", "Penyusunan standar oleh badan standar"], session=s),
            single_choice("q3_langkah_pertama", "3. Menurut materi bimtek 2025 yang kita pakai, langkah "
                          "<b>pertama</b> siklus SPMI adalah …",
                          cycle.LANGKAH.values(), cycle.LANGKAH["pemetaan"],
                          {cycle.LANGKAH["penetapan"]: "Itu langkah pertama di panduan resmi 2025; materi bimtek "
                                                       "2025 memulai dari pemetaan mutu."}, session=s),
            single_choice("q4_tpmps", "4. Tugas <b>TPMPS</b> yang tepat adalah …",
                          ["Memetakan mutu dari data sekolah dan merekomendasikan strategi peningkatan",
                           "Menetapkan nilai akreditasi sekolah", "Menyusun Rapor Pendidikan nasional"],
                          "Memetakan mutu dari data sekolah dan merekomendasikan strategi peningkatan",
                          session=s),
        ]
        super().__init__([s.notice, HTML("<h3>Siklus SPMI</h3>"), self.cycle_choice, self.stepper,
                          HTML("<h3>Kuis singkat</h3>"), *self.questions])

    def _on_cycle_choice_change(self, change: dict) -> None:
        self.stepper.steps = cycle.get(change["new"]).labels
