"""PBD planning, Identifikasi and Refleksi: priority indicators and their root causes.

``PriorityPicker`` lists the candidate indicators with what the PBD rule looks at (colour,
quintiles, change) and lets the trainee name up to three priorities in order; the PBD order
from ``SimulasiSekolah.prioritas()`` and its reasons are revealed on request.
``RootCauseExplorer`` shows the akar masalah of the chosen priorities, weighted the way the
engine weighs them (``perencanaan.refleksi``), with the activities that target each one.
``build_plan`` and ``plan_from_answers`` turn saved answers of module 03 into a ``Rencana``.

CSS classes for browser tests: ``lm-prioritas-1`` … ``lm-prioritas-3`` (priority dropdowns),
``lm-tunjukkan-urutan`` (reveal the PBD order), ``lm-pakai-urutan-pbd`` (take the PBD top
three), ``lm-tabel-prioritas``, ``lm-akar-masalah``.
"""

from __future__ import annotations

import html
from typing import Any, Mapping, Sequence

import ipywidgets as w
import numpy as np
import pandas as pd
import traitlets

from labmutu.datasets.schema import INDIKATOR
from labmutu.simulations.catalog import KODE_INDIKATOR, kegiatan_untuk
from labmutu.simulations.perencanaan import refleksi
from labmutu.simulations.records import Parameter, Rencana, RencanaKegiatan
from labmutu.simulations.sekolah import SimulasiSekolah
from labmutu.widgets.format import angka, selisih
from labmutu.widgets.lean import HTML

MAX_PRIORITIES = Parameter().n_prioritas
WARNA = {"merah": "#b03a2e", "kuning": "#9a7d0a", "hijau": "#1e8449"}


def build_plan(codes: Sequence[str], semesters: Mapping[str, int] | None = None,
               honor: int | None = None) -> Rencana:
    """A ``Rencana`` from activity codes, each in its semester (1 when not given), and the honor."""
    semesters = semesters or {}
    items = tuple(RencanaKegiatan(c, int(semesters.get(c, 1))) for c in codes)
    return Rencana(kegiatan=items, honor=None if honor is None else int(honor))


def plan_from_answers(answers: Mapping[str, Any]) -> Rencana:
    """The plan saved by module 03 (keys ``rencana``, ``semester``, ``honor``) as a ``Rencana``.

    Later modules call ``plan_from_answers(saved_answers("03_perencanaan_peningkatan"))``.
    """
    return build_plan(list(answers.get("rencana") or []), answers.get("semester") or {}, answers.get("honor"))


def root_causes(sim: SimulasiSekolah, priorities: Sequence[str]) -> pd.DataFrame:
    """Root causes of the chosen priorities, strongest first: akar, nama, bobot.

    Weighted as the engine's refleksi does (priority weights 1,0 / 0,8 / 0,6, the school's
    distance to its standard); with the PBD priorities this equals ``sim.akar_masalah()``.
    """
    kat = sim.katalog
    chosen = [c for c in priorities if c in INDIKATOR][:MAX_PRIORITIES]
    if not chosen:
        return pd.DataFrame(columns=["akar", "nama", "bobot"])
    state = sim.model.pratinjau(kebijakan="pbd", rencana={})
    order = np.array([[KODE_INDIKATOR.index(c) for c in chosen]])
    weight = refleksi(order, state.nilai, state.standar.standar, state.kerusakan, kat, sim.model.params)[:, 0]
    names = dict(zip(kat.akar["kode"], kat.akar["nama"]))
    out = pd.DataFrame({"akar": kat.simpul, "nama": [names.get(c, INDIKATOR.get(c, c)) for c in kat.simpul],
                        "bobot": np.round(weight, 4)})
    out = out[out["bobot"] > 0].sort_values("bobot", ascending=False, kind="stable")
    return out.reset_index(drop=True)


def priority_table_html(prio: pd.DataFrame, show_order: bool) -> str:
    """The candidate indicators as HTML: by code, or in PBD order with its reasons."""
    if prio.empty:
        return "<p>Pilih sekolah dulu.</p>"
    rows = prio if show_order else prio.sort_values(
        "kode_indikator", key=lambda c: c.map(KODE_INDIKATOR.index), kind="stable")
    head = "<th>Urutan PBD</th>" if show_order else ""
    tail = "<th>Alasan urutan</th>" if show_order else ""
    body = []
    for r in rows.itertuples():
        colour = WARNA.get(str(r.warna), "#333")
        change = "–" if pd.isna(r.perubahan) else selisih(r.perubahan, 2)
        body.append(
            "<tr>" + (f"<td style='text-align:center'><b>{r.urutan}</b></td>" if show_order else "")
            + f"<td>{r.kode_indikator} {html.escape(INDIKATOR.get(str(r.kode_indikator), ''))}</td>"
            f"<td style='text-align:right'>{angka(r.nilai, 2)}</td>"
            f"<td style='color:{colour};font-weight:bold'>{r.capaian} ({r.warna})</td>"
            f"<td style='text-align:center'>{int(r.kuintil_nasional)}</td>"
            f"<td style='text-align:center'>{int(r.kuintil_provinsi)}</td>"
            f"<td style='text-align:right'>{change}</td>"
            + (f"<td>{html.escape(str(r.alasan))}</td>" if show_order else "") + "</tr>")
    return (f"<table class='lm-tabel-prioritas' style='border-collapse:collapse'><thead><tr>{head}"
            "<th>Indikator</th><th>Nilai</th><th>Capaian</th><th>Kuintil nasional</th>"
            f"<th>Kuintil provinsi</th><th>Perubahan</th>{tail}</tr></thead><tbody>{''.join(body)}</tbody></table>")


class PriorityPicker(w.VBox):
    """The candidates table and three dropdowns; ``value`` is the chosen priorities in order."""

    value = traitlets.List(traitlets.Unicode())

    def __init__(self) -> None:
        self.prio = pd.DataFrame()
        self.table = HTML(priority_table_html(self.prio, False))
        self.reveal = w.Checkbox(description="Tunjukkan urutan menurut aturan PBD", value=False, indent=False)
        self.reveal.add_class("lm-tunjukkan-urutan")
        self.use_pbd = w.Button(description="Pakai 3 teratas urutan PBD", icon="sort-amount-asc",
                                layout=w.Layout(width="230px"))
        self.use_pbd.add_class("lm-pakai-urutan-pbd")
        self.choices = [w.Dropdown(description=f"Prioritas {i + 1}", options=[("(belum dipilih)", "")],
                                   style={"description_width": "90px"}, layout=w.Layout(width="460px"))
                        for i in range(MAX_PRIORITIES)]
        for i, choice in enumerate(self.choices):
            choice.add_class(f"lm-prioritas-{i + 1}")
            choice.observe(self._on_choice_change, names="value")
        self.message = HTML()
        self.reveal.observe(self._on_reveal_change, names="value")
        self.use_pbd.on_click(self._on_use_pbd_click)
        super().__init__([
            HTML("<p>Aturan PBD: merah dulu, lalu kuning, lalu hijau; bila warnanya sama, kuintil yang lebih "
                   "rendah; bila masih sama, penurunan terbesar.</p>"),
            self.table, self.reveal, *self.choices, self.use_pbd, self.message])

    def show(self, prio: pd.DataFrame, chosen: Sequence[str] = ()) -> None:
        """Shows a school's candidates (``sim.prioritas()``) and selects ``chosen`` (saved answers)."""
        self.prio = prio.reset_index(drop=True)
        codes = [str(c) for c in self.prio["kode_indikator"]] if not self.prio.empty else []
        options = [("(belum dipilih)", "")] + [(f"{c} {INDIKATOR.get(c, '')}", c)
                                                for c in sorted(codes, key=KODE_INDIKATOR.index)]
        chosen = [c for c in chosen if c in codes]
        for i, choice in enumerate(self.choices):
            choice.unobserve(self._on_choice_change, names="value")
            choice.options = options
            choice.value = chosen[i] if i < len(chosen) else ""
            choice.observe(self._on_choice_change, names="value")
        self.table.value = priority_table_html(self.prio, self.reveal.value)
        self._update()

    def select(self, codes: Sequence[str]) -> None:
        """Sets the priorities in order (unknown codes are skipped)."""
        self.show(self.prio, codes)

    def _update(self) -> None:
        picked = [c.value for c in self.choices if c.value]
        twice = sorted({c for c in picked if picked.count(c) > 1})
        self.message.value = (f"<span style='color:#b03a2e'>{', '.join(twice)} dipilih lebih dari sekali; "
                              "pilih indikator lain.</span>" if twice else "")
        self.value = list(dict.fromkeys(picked))

    def _on_choice_change(self, _change: dict) -> None:
        self._update()

    def _on_reveal_change(self, change: dict) -> None:
        self.table.value = priority_table_html(self.prio, change["new"])

    def _on_use_pbd_click(self, _button: w.Button) -> None:
        self.select([str(c) for c in self.prio["kode_indikator"].head(MAX_PRIORITIES)])


def root_causes_html(causes: pd.DataFrame, priorities: Sequence[str], kat) -> str:
    """Root causes with a weight bar, the chosen priorities they drive and the activities aimed at them."""
    if not priorities:
        return "<p>Pilih indikator prioritas dulu; akar masalahnya muncul di sini.</p>"
    if causes.empty:
        return "<p>Tidak ada akar masalah yang tercatat untuk prioritas ini.</p>"
    top = float(causes["bobot"].max()) or 1.0
    body = []
    for r in causes.itertuples():
        node = kat.simpul.index(r.akar)
        drives = [f"{c} ({angka(kat.total[node, KODE_INDIKATOR.index(c)], 2)})" for c in priorities
                  if c != r.akar and kat.total[node, KODE_INDIKATOR.index(c)] > 0]
        acts = ", ".join(kegiatan_untuk(r.akar, kat)["kode"]) or "–"
        bar = (f"<div style='background:#0b5394;height:10px;width:{max(2, round(100 * r.bobot / top))}px'></div>")
        body.append(f"<tr><td>{html.escape(str(r.nama))} <small>({r.akar})</small></td>"
                    f"<td>{bar}</td><td style='text-align:right'>{angka(r.bobot, 3)}</td>"
                    f"<td>{', '.join(drives) or 'indikator prioritas itu sendiri'}</td><td>{acts}</td></tr>")
    return ("<table class='lm-akar-masalah' style='border-collapse:collapse'><thead><tr><th>Akar masalah</th>"
            "<th colspan='2'>Bobot</th><th>Memengaruhi prioritas (pengaruh)</th><th>Kegiatan yang menyasar</th>"
            f"</tr></thead><tbody>{''.join(body)}</tbody></table>"
            "<p style='font-size:90%'>Bobot = pengaruh akar masalah pada prioritas Anda (prioritas 1 dihitung "
            "penuh, 2 dan 3 lebih kecil) × jarak sekolah ke standarnya. Angka pengaruh adalah asumsi pelatihan.</p>")


class RootCauseExplorer(w.VBox):
    """The akar masalah of the chosen priorities; call ``show(sim, priorities)``."""

    def __init__(self) -> None:
        self.causes = pd.DataFrame(columns=["akar", "nama", "bobot"])
        self.table = HTML(root_causes_html(self.causes, [], None))
        super().__init__([self.table])

    def show(self, sim: SimulasiSekolah | None, priorities: Sequence[str]) -> None:
        priorities = list(priorities)[:MAX_PRIORITIES]
        self.causes = root_causes(sim, priorities) if sim is not None else self.causes.iloc[0:0]
        self.table.value = root_causes_html(self.causes, priorities, sim.katalog if sim is not None else None)
