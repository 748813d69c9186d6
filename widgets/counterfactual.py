"""The trainee's plan against the PBD rule, random activities and no activities, on the same luck.

``SimulasiSekolah.bandingkan`` replays the same years under the same random draws with other
plans, so the floods, teacher transfers, late tranches and measurement noise are identical in
every scenario; what differs is the plan alone. This module summarises that table on the
priority indicators (their average per year, the starting year included), draws it, and says
in plain Indonesian what the difference means.
"""

from __future__ import annotations

import html
from typing import Mapping

import ipywidgets as w
import pandas as pd

from labmutu.widgets.figures import SKENARIO_WARNA, figure, png
from labmutu.widgets.format import angka, selisih
from labmutu.widgets.lean import HTML
from labmutu.widgets.timeline import CELL, TABLE_STYLE

SKENARIO = {"rencana": "Rencana Anda", "pbd": "Rencana aturan PBD", "acak": "Kegiatan acak",
            "tanpa": "Tanpa kegiatan"}
PEMBANDING = {"pbd": "rencana aturan PBD", "acak": "kegiatan acak", "tanpa": "sekolah tanpa kegiatan"}
SAMA_NASIB = ("Perbedaan ini karena rencana, bukan keberuntungan: semua skenario memakai kejadian acak yang "
              "sama (banjir/longsor, mutasi guru, dana tahap 2 terlambat, dan galat pengukuran).")


def lintasan(table: pd.DataFrame, prioritas: tuple[str, ...], awal: Mapping[str, float],
             tahun_awal: int) -> pd.DataFrame:
    """Average of the priority indicators per scenario and year, the starting year first."""
    rows = table[table["kode_indikator"].astype(str).isin(prioritas)]
    start = round(sum(float(awal[c]) for c in prioritas) / len(prioritas), 2)
    parts = []
    for key in SKENARIO:
        mean = rows.groupby("tahun")[f"nilai_{key}"].mean().round(2)
        parts.append(pd.DataFrame({"skenario": key, "tahun": [tahun_awal, *mean.index.astype(int)],
                                   "rata_rata": [start, *mean.to_numpy()]}))
    return pd.concat(parts, ignore_index=True)


def ringkasan(table: pd.DataFrame, prioritas: tuple[str, ...], awal: Mapping[str, float]) -> pd.DataFrame:
    """Per scenario at the last year: each priority indicator, their average, the rise since the start,
    and how far the trainee's plan is ahead of it (``unggul_rencana``)."""
    last = table[(table["tahun"] == table["tahun"].max()) & table["kode_indikator"].astype(str).isin(prioritas)]
    last = last.set_index(last["kode_indikator"].astype(str))
    start = sum(float(awal[c]) for c in prioritas) / len(prioritas)
    rows = []
    for key, label in SKENARIO.items():
        values = {c: float(last.at[c, f"nilai_{key}"]) for c in prioritas}
        mean = round(sum(values.values()) / len(values), 2)
        rows.append({"skenario": key, "nama": label, **values, "rata_rata": mean,
                     "kenaikan": round(mean - start, 2)})
    out = pd.DataFrame(rows)
    out["unggul_rencana"] = (out.loc[out["skenario"] == "rencana", "rata_rata"].iloc[0] - out["rata_rata"]).round(2)
    return out


def bandingkan_png(paths: pd.DataFrame, title: str = "") -> bytes:
    """Lines of the average priority value per scenario over the years."""
    fig, ax = figure(7.0, 3.2)
    style = {"rencana": (2.0, "-", 4), "pbd": (5.0, "-", 2), "acak": (1.4, "--", 2), "tanpa": (1.4, "--", 2)}
    for key, label in SKENARIO.items():
        p = paths[paths["skenario"] == key]
        width, line, order = style[key]
        # The PBD line is drawn wide and pale under the trainee's, so both show when they coincide.
        ax.plot(p["tahun"], p["rata_rata"], marker="o", color=SKENARIO_WARNA[key], label=label, linewidth=width,
                linestyle=line, zorder=order, alpha=0.45 if key == "pbd" else 1.0)
    years = sorted(paths["tahun"].unique())
    ax.set_xticks(years, [str(y) for y in years])
    ax.set_ylabel("Rata-rata indikator prioritas")
    ax.set_title(title or "Empat skenario pada kejadian acak yang sama", fontsize=10)
    ax.legend(fontsize=8, frameon=False)
    return png(fig)


def ringkasan_html(summary: pd.DataFrame, prioritas: tuple[str, ...], tahun: int) -> str:
    """The summary as a table (last year)."""
    head = ["Skenario", *prioritas, "Rata-rata", "Kenaikan sejak awal", "Rencana Anda unggul"]
    th = "".join(f"<th style='{CELL};text-align:{'left' if i == 0 else 'right'}'>{h}</th>" for i, h in enumerate(head))
    body = []
    for r in summary.to_dict("records"):
        bold = "font-weight:bold;" if r["skenario"] == "rencana" else ""
        cells = [html.escape(r["nama"]), *(angka(r[c], 2) for c in prioritas), angka(r["rata_rata"], 2),
                 selisih(r["kenaikan"], 2), "–" if r["skenario"] == "rencana" else selisih(r["unggul_rencana"], 2)]
        body.append("<tr>" + "".join(f"<td style='{CELL};{bold}text-align:{'left' if i == 0 else 'right'}'>{c}</td>"
                                     for i, c in enumerate(cells)) + "</tr>")
    return (f"<table class='lm-bandingkan' style='{TABLE_STYLE}'><caption style='text-align:left'>Nilai indikator "
            f"prioritas pada pengukuran {tahun}</caption><thead><tr>{th}</tr></thead>"
            f"<tbody>{''.join(body)}</tbody></table>")


def penjelasan_html(summary: pd.DataFrame, tahun: int) -> str:
    """What the comparison says, in plain words."""
    s = summary.set_index("skenario")
    mine = s.loc["rencana"]

    def versus(key: str) -> str:
        gap = float(s.at[key, "unggul_rencana"])
        if not gap:
            return f"sama dengan {PEMBANDING[key]}"
        word = "lebih tinggi" if gap > 0 else "lebih rendah"
        return f"{angka(abs(gap), 2)} poin {word} daripada {PEMBANDING[key]}"

    return (f"<div class='lm-penjelasan' style='background:#eef2f7;border-left:4px solid #0b5394;padding:6px 10px'>"
            f"<p>Pada pengukuran {tahun}, rata-rata indikator prioritas dengan rencana Anda "
            f"<b>{angka(mine['rata_rata'], 2)}</b> ({selisih(mine['kenaikan'], 2)} poin sejak awal): "
            f"{versus('acak')}, {versus('tanpa')}, dan {versus('pbd')}.</p><p><b>{SAMA_NASIB}</b> Jadi, bila "
            "rencana Anda unggul, keunggulan itu berasal dari pilihan kegiatan, bukan dari nasib baik.</p></div>")


class CounterfactualView(w.VBox):
    """Table, chart and explanation; ``show(table, prioritas, awal, tahun_awal)`` fills them."""

    def __init__(self) -> None:
        self.table = HTML()
        self.chart = w.Image(format="png", layout=w.Layout(max_width="680px"))
        self.explanation = HTML()
        self.summary = pd.DataFrame()
        super().__init__([])
        self.add_class("lm-bandingkan")

    def show(self, table: pd.DataFrame, prioritas: tuple[str, ...], awal: Mapping[str, float],
             tahun_awal: int) -> None:
        year = int(table["tahun"].max())
        self.summary = ringkasan(table, prioritas, awal)
        self.table.value = ringkasan_html(self.summary, prioritas, year)
        self.chart.value = bandingkan_png(lintasan(table, prioritas, awal, tahun_awal))
        self.explanation.value = penjelasan_html(self.summary, year)
        self.children = [self.explanation, self.table, self.chart]
