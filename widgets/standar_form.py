"""Target setting for penetapan standar: one input per indicator, checked as it changes.

``StandarForm`` shows, for each indicator of the chosen school, the current score, the SNP
floor, the proposed standard (``SimulasiSekolah.standar()``) and an input for the trainee's
target. Every change reruns ``penetapan.periksa_target`` over all targets for the chosen
horizon and writes the problems beside each indicator in Indonesian. ``targets`` (code ->
number) and ``horizon`` (years) are traits an app can observe and save.

CSS classes for browser tests: ``lm-target`` (each target input, its description is the
indicator code), ``lm-jangka-waktu`` (horizon), ``lm-isi-usulan`` (fill with the proposed
standards), ``lm-pesan-target`` (each indicator's check), ``lm-ringkasan-target`` (summary).
"""

from __future__ import annotations

import html
from typing import Mapping

import ipywidgets as w
import pandas as pd
import traitlets

from labmutu.datasets.schema import INDIKATOR
from labmutu.simulations.penetapan import Catatan, periksa_target, tahun_capai
from labmutu.simulations.records import Parameter
from labmutu.widgets.format import angka
from labmutu.widgets.lean import HTML

HORIZONS = (1, 2, 3, 4, 5)
COLUMNS = "minmax(220px, 2fr) 70px 60px 80px 120px 70px minmax(260px, 3fr)"
OK = "<span style='color:#1e7e34'>✓ Sesuai</span>"


def check_targets(nilai: Mapping[str, float], targets: Mapping[str, float], horizon: int,
                  params: Parameter | None = None) -> dict[str, list[Catatan]]:
    """The problems of each target (``periksa_target``), grouped by indicator code (every code present)."""
    out: dict[str, list[Catatan]] = {code: [] for code in targets}
    for note in periksa_target(nilai, targets, horizon, params):
        out.setdefault(note.kode_indikator, []).append(note)
    return out


def summary_html(problems: Mapping[str, list[Catatan]]) -> str:
    """One line: how many targets still break a rule, or that all pass."""
    bad = [code for code, notes in problems.items() if notes]
    if not bad:
        return ("<div style='background:#e6f4ea;border-left:4px solid #1e7e34;padding:6px 10px'>"
                "Semua target memenuhi aturan penetapan: tidak di bawah SNP dan terjangkau dalam jangka waktu.</div>")
    return ("<div style='background:#fdecea;border-left:4px solid #b02a37;padding:6px 10px'>"
            f"<b>{len(bad)} target belum sesuai:</b> {', '.join(bad)}. Baca pesan di samping setiap "
            "indikator, lalu ubah targetnya atau jangka waktunya.</div>")


def notes_html(notes: list[Catatan]) -> str:
    """The checks of one indicator as short HTML."""
    if not notes:
        return OK
    return "<br>".join(f"<span style='color:#b02a37'>✗ {html.escape(n.pesan)}</span>" for n in notes)


class StandarForm(w.VBox):
    """Per-indicator targets with the SNP floor and live checks.

    Args:
        params: model parameters (the SNP floor ``batas_snp`` and ``laju_maks``).
    """

    targets = traitlets.Dict()
    horizon = traitlets.Int(1)

    def __init__(self, params: Parameter | None = None) -> None:
        self.params = params or Parameter()
        self.horizon_choice = w.Dropdown(description="Jangka waktu", options=[(f"{n} tahun", n) for n in HORIZONS],
                                         value=1, style={"description_width": "110px"})
        self.horizon_choice.add_class("lm-jangka-waktu")
        self.fill_button = w.Button(description="Isi dengan usulan standar", icon="magic",
                                    tooltip="Isi setiap target dengan standar usulan (SNP atau standar internal)",
                                    layout=w.Layout(width="230px"))
        self.fill_button.add_class("lm-isi-usulan")
        self.summary = HTML()
        self.summary.add_class("lm-ringkasan-target")
        self.grid = w.GridBox(layout=w.Layout(grid_template_columns=COLUMNS, grid_gap="4px 8px",
                                              align_items="center"))
        self.inputs: dict[str, w.BoundedFloatText] = {}
        self.messages: dict[str, w.HTML] = {}
        self.needed: dict[str, w.HTML] = {}
        self.rows = pd.DataFrame()
        self.problems: dict[str, list[Catatan]] = {}
        self.horizon_choice.observe(self._on_horizon_choice_change, names="value")
        self.fill_button.on_click(self._on_fill_button_click)
        super().__init__([w.HBox([self.horizon_choice, self.fill_button]), self.summary, self.grid])
        self.show(pd.DataFrame())

    @property
    def nilai(self) -> dict[str, float]:
        """Current score per indicator of the school shown."""
        return {str(r.kode_indikator): float(r.nilai) for r in self.rows.itertuples()}

    def show(self, standar: pd.DataFrame, targets: Mapping[str, float] | None = None, horizon: int = 1) -> None:
        """Shows a school: ``standar`` is ``SimulasiSekolah.standar()``; targets default to the current scores."""
        self.rows = standar.reset_index(drop=True)
        self.inputs, self.messages, self.needed = {}, {}, {}
        if self.rows.empty:
            self.grid.children = [HTML("<p>Pilih sekolah dulu untuk menetapkan targetnya.</p>")]
            self.summary.value = ""
            self.problems = {}
            self.targets = {}
            return
        targets = targets or {}
        self.horizon_choice.unobserve(self._on_horizon_choice_change, names="value")
        self.horizon_choice.value = horizon if horizon in HORIZONS else 1
        self.horizon_choice.observe(self._on_horizon_choice_change, names="value")
        cells = [HTML(f"<b>{h}</b>") for h in
                 ("Indikator", "Nilai", "SNP", "Usulan standar", "Target Anda", "Perlu (tahun)", "Pemeriksaan")]
        for r in self.rows.itertuples():
            code = str(r.kode_indikator)
            start = targets.get(code, round(float(r.nilai), 2))
            box = w.BoundedFloatText(value=float(start), min=0.0, max=100.0, step=0.5, description=code,
                                     style={"description_width": "0px"}, layout=w.Layout(width="110px"))
            box.add_class("lm-target")
            box.observe(self._on_target_change, names="value")
            self.inputs[code] = box
            self.needed[code] = HTML()
            self.messages[code] = HTML()
            self.messages[code].add_class("lm-pesan-target")
            below = float(r.nilai) < self.params.batas_snp
            colour = "#b03a2e" if below else "#1e8449"
            cells += [HTML(f"{code} {html.escape(INDIKATOR.get(code, ''))}"),
                      HTML(f"<span style='color:{colour};font-weight:bold'>{angka(r.nilai, 2)}</span>"),
                      HTML(angka(self.params.batas_snp, 0)),
                      HTML(angka(r.standar, 2)), box, self.needed[code], self.messages[code]]
        self.grid.children = cells
        self._recheck()

    def set_targets(self, values: Mapping[str, float]) -> None:
        """Sets several targets at once (one check and one ``targets`` change at the end)."""
        for code, value in values.items():
            box = self.inputs.get(code)
            if box is not None:
                box.unobserve(self._on_target_change, names="value")
                box.value = float(value)
                box.observe(self._on_target_change, names="value")
        self._recheck()

    def _recheck(self) -> None:
        current = {code: round(float(box.value), 2) for code, box in self.inputs.items()}
        self.problems = check_targets(self.nilai, current, self.horizon_choice.value, self.params)
        nilai = self.nilai
        for code, notes in self.problems.items():
            if code in self.messages:
                self.messages[code].value = notes_html(notes)
                years = tahun_capai(nilai[code], min(current[code], 100.0), self.params)
                self.needed[code].value = str(years)
        self.summary.value = summary_html(self.problems)
        self.horizon = self.horizon_choice.value
        self.targets = current

    def _on_target_change(self, _change: dict) -> None:
        self._recheck()

    def _on_horizon_choice_change(self, _change: dict) -> None:
        self._recheck()

    def _on_fill_button_click(self, _button: w.Button) -> None:
        self.set_targets({str(r.kode_indikator): float(r.standar) for r in self.rows.itertuples()})
