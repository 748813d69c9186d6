"""Monev dashboard of one school after a simulated year: tiles, trend, target vs result, activities.

The tiles answer the first monev questions (how many indicators rose or fell, how many priority
targets were reached, the average gap to target, how much of the RKAS was spent, how many
activities worked); the trend chart shows the priority indicators over every year known, the
starting year and the data years before it included, with this year's targets marked; the
tables compare target and result per priority indicator and say which activities worked.
Everything reads a ``LaporanTahun`` (``SimulasiSekolah.laporan``) and tidy history tables.
"""

from __future__ import annotations

import html

import ipywidgets as w
import pandas as pd

from labmutu.datasets.schema import INDIKATOR
from labmutu.simulations.hasil import Hasil
from labmutu.simulations.sekolah import LaporanTahun
from labmutu.widgets.figures import GARIS, figure, png
from labmutu.widgets.format import angka, persen, selisih
from labmutu.widgets.lean import HTML
from labmutu.widgets.timeline import CELL, STATUS_WARNA, TABLE_STYLE, realisasi_persen


def riwayat(indikator: pd.DataFrame, npsn: str, hasil: Hasil) -> pd.DataFrame:
    """One school's values per year: the data years, then the simulated years (``simulasi`` True)."""
    data = indikator[indikator["npsn"].astype(str) == npsn][["tahun", "kode_indikator", "nilai"]].copy()
    data["simulasi"] = False
    sim = hasil.indikator()[["tahun", "kode_indikator", "nilai"]].copy()
    sim["simulasi"] = True
    out = pd.concat([data, sim], ignore_index=True)
    out["kode_indikator"] = out["kode_indikator"].astype(str)
    out["tahun"] = out["tahun"].astype(int)
    return out.sort_values(["tahun", "kode_indikator"], kind="stable").reset_index(drop=True)


def target_tahunan(reports: list[LaporanTahun]) -> pd.DataFrame:
    """Each year's target per indicator, from the yearly reports."""
    return pd.concat([r.evaluasi[["kode_indikator", "target"]].assign(tahun=r.tahun) for r in reports],
                     ignore_index=True)


def ringkas(report: LaporanTahun, prioritas: tuple[str, ...]) -> dict:
    """The dashboard's numbers for one year."""
    ev = report.evaluasi
    change = ev["nilai"] - ev["nilai_awal"]
    prio = ev[ev["kode_indikator"].isin(prioritas)]
    worked = report.kegiatan["status"].isin(["berhasil", "sebagian berhasil"])
    return {"naik": int((change > 0).sum()), "turun": int((change < 0).sum()), "jumlah_indikator": len(ev),
            "prioritas_tercapai": int(prio["tercapai"].sum()), "jumlah_prioritas": len(prio),
            "selisih_target": round(float(prio["selisih"].mean()), 2) if len(prio) else 0.0,
            "realisasi_persen": realisasi_persen(report.realisasi),
            "kegiatan_berhasil": int(worked.sum()), "jumlah_kegiatan": len(report.kegiatan)}


def _tile(title: str, value: str, note: str, colour: str) -> str:
    return (f"<div class='lm-kpi' style='border:1px solid #d5d8dc;border-top:4px solid {colour};border-radius:6px;"
            f"padding:6px 10px;min-width:150px'><div style='font-size:85%;color:#555'>{title}</div>"
            f"<div style='font-size:150%;font-weight:bold;color:{colour}'>{value}</div>"
            f"<div style='font-size:80%;color:#555'>{note}</div></div>")


def kpi_html(k: dict, tahun: int) -> str:
    """The tiles as HTML."""
    gap = k["selisih_target"]
    tiles = [
        _tile("Indikator naik / turun", f"{k['naik']} / {k['turun']}",
              f"dari {k['jumlah_indikator']} indikator, dibanding tahun lalu", "#0b5394"),
        _tile("Target prioritas tercapai", f"{k['prioritas_tercapai']} dari {k['jumlah_prioritas']}",
              f"pengukuran {tahun}", "#1e8449" if k["prioritas_tercapai"] == k["jumlah_prioritas"] else "#b03a2e"),
        _tile("Rata-rata selisih terhadap target", selisih(gap, 2), "indikator prioritas (nilai − target)",
              "#1e8449" if gap >= 0 else "#b03a2e"),
        _tile("Realisasi anggaran", persen(k["realisasi_persen"], 1), "dari seluruh RKAS", "#6c3483"),
        _tile("Kegiatan berhasil", f"{k['kegiatan_berhasil']} dari {k['jumlah_kegiatan']}",
              "berhasil atau sebagian berhasil", "#d68910"),
    ]
    return f"<div style='display:flex;flex-wrap:wrap;gap:8px;margin:6px 0'>{''.join(tiles)}</div>"


def target_html(evaluasi: pd.DataFrame, prioritas: tuple[str, ...]) -> str:
    """Target vs result per priority indicator."""
    ev = evaluasi.set_index("kode_indikator")
    rows = []
    for code in prioritas:
        r = ev.loc[code]
        state = ("<span style='color:#1e8449'>Tercapai</span>" if r["tercapai"] else
                 "<span style='color:#b03a2e'>Belum tercapai</span>")
        cells = [code, html.escape(INDIKATOR[code]), angka(r["nilai_awal"], 2), angka(r["target"], 2),
                 angka(r["nilai"], 2), selisih(r["selisih"], 2), state]
        rows.append("<tr>" + "".join(f"<td style='{CELL}'>{c}</td>" for c in cells) + "</tr>")
    head = "".join(f"<th style='{CELL};text-align:left'>{h}</th>" for h in
                   ("Kode", "Indikator prioritas", "Nilai awal", "Target", "Hasil", "Selisih", "Keterangan"))
    return (f"<table class='lm-target' style='{TABLE_STYLE}'><thead><tr>{head}</tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table>")


def efek_html(kegiatan: pd.DataFrame) -> str:
    """Which activities worked: completion, realised strength, effect on the priorities, verdict."""
    if kegiatan.empty:
        return "<p>Tidak ada kegiatan peningkatan tahun ini, jadi tidak ada yang dapat dinilai berhasil.</p>"
    rows = []
    for r in kegiatan.sort_values("daya_efek", ascending=False, kind="stable").itertuples():
        colour = STATUS_WARNA.get(r.status, "#7f8c8d")
        cells = [html.escape(r.kode), html.escape(r.nama), persen(100 * r.keterlaksanaan, 0), angka(r.daya_efek, 2),
                 selisih(r.dampak_prioritas, 2), f"<span style='color:{colour}'>{html.escape(r.status)}</span>"]
        rows.append("<tr>" + "".join(f"<td style='{CELL}'>{c}</td>" for c in cells) + "</tr>")
    head = "".join(f"<th style='{CELL};text-align:left'>{h}</th>" for h in
                   ("Kode", "Kegiatan", "Keterlaksanaan", "Daya efek", "Dampak ke prioritas (poin)", "Penilaian"))
    return (f"<table class='lm-efek' style='{TABLE_STYLE}'><thead><tr>{head}</tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table><p style='font-size:90%'>Daya efek 1 berarti kegiatan "
            "memberi dampak sebesar yang diharapkan katalog; 0 berarti tidak berdampak. Kegiatan yang mulai "
            "terlambat baru terlihat dampaknya pada pengukuran tahun berikutnya.</p>")


def tren_png(history: pd.DataFrame, prioritas: tuple[str, ...], targets: pd.DataFrame, title: str = "") -> bytes:
    """Priority indicators over the years: data years solid, simulated years dashed, targets as dashes."""
    fig, ax = figure(8.0, 3.6)
    first_sim = history.loc[history["simulasi"], "tahun"].min() if history["simulasi"].any() else None
    for code, colour in zip(prioritas, GARIS):
        rows = history[history["kode_indikator"] == code].sort_values("tahun")
        data = rows[~rows["simulasi"]]
        ax.plot(data["tahun"], data["nilai"], marker="o", color=colour, label=f"{code} {INDIKATOR[code]}")
        sim = rows[rows["simulasi"] | (rows["tahun"] == (first_sim - 1 if first_sim is not None else -1))]
        ax.plot(sim["tahun"], sim["nilai"], marker="o", linestyle="--", color=colour)
        t = targets[targets["kode_indikator"] == code]
        ax.scatter(t["tahun"], t["target"], marker="_", s=420, linewidths=2.5, color=colour, zorder=4)
    if first_sim is not None:
        ax.axvspan(first_sim - 0.5, history["tahun"].max() + 0.5, color="#eaf2f8", zorder=0)
        ax.text(first_sim - 0.4, 2, "hasil simulasi", fontsize=8, color="#555")
    years = sorted(history["tahun"].unique())
    for level, shift, colour, label in ((70, 1.5, "#1e8449", "Baik di atas 70"),
                                        (40, -5.5, "#b03a2e", "Kurang di bawah 40")):
        ax.axhline(level, color=colour, linewidth=0.8, linestyle=":")
        ax.text(years[0] - 0.1, level + shift, label, fontsize=7, color=colour)
    ax.set_xticks(years, [str(y) for y in years])
    ax.set_ylim(0, 100)
    ax.set_ylabel("Nilai (0–100)")
    ax.set_title(title or "Tren indikator prioritas (garis pendek tebal = target tahun itu)", fontsize=10)
    ax.legend(loc="upper left", fontsize=7, frameon=False)
    return png(fig)


class MonevDashboard(w.VBox):
    """The dashboard; ``show(report, history, prioritas, targets)`` fills it for one year."""

    def __init__(self) -> None:
        self.tiles = HTML()
        self.trend = w.Image(format="png", layout=w.Layout(max_width="760px"))
        self.targets = HTML()
        self.effects = HTML()
        self.tiles.add_class("lm-monev-kpi")
        self.trend.add_class("lm-tren")
        self.summary: dict = {}
        super().__init__([])

    def show(self, report: LaporanTahun, history: pd.DataFrame, prioritas: tuple[str, ...],
             targets: pd.DataFrame | None = None) -> None:
        self.summary = ringkas(report, prioritas)
        self.tiles.value = kpi_html(self.summary, report.tahun)
        self.trend.value = tren_png(history, prioritas, target_tahunan([report]) if targets is None else targets)
        self.targets.value = target_html(report.evaluasi, prioritas)
        self.effects.value = efek_html(report.kegiatan)
        self.children = [self.tiles, self.trend, HTML(f"<h4>Target dan hasil {report.tahun}</h4>"), self.targets,
                         HTML("<h4>Kegiatan mana yang berhasil?</h4>"), self.effects]
