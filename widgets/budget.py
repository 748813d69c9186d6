"""The budget bar: the RKAS totals against the BOSP allocation, the honor cap and tahap 1.

``budget_summary`` reads the numbers off an ``Rkas`` (the engine's, so the bar and the RKAS
table always agree); ``BudgetBar`` draws them as HTML bars, red where a limit is passed, with
one bar per BOSP component split into routine spending and the plan's activities.

CSS classes for browser tests: ``lm-anggaran`` (the whole bar), ``lm-anggaran-total``,
``lm-anggaran-honor``, ``lm-anggaran-tahap1`` (the three limit bars).
"""

from __future__ import annotations

import html
from dataclasses import dataclass

import ipywidgets as w

from labmutu.datasets.schema import KOMPONEN_BOSP
from labmutu.simulations.rkas import RUTIN, Rkas, batas_honor, batas_honor_rp, kas_tahap_1, persen_tahap_1
from labmutu.widgets.format import angka, persen, rupiah

OK_COLOUR, OVER_COLOUR, ROUTINE_COLOUR = "#1e7e34", "#b02a37", "#9aa5b1"


@dataclass(frozen=True)
class Ringkasan:
    """The RKAS numbers a trainee watches while planning (rupiah unless noted)."""

    alokasi: int
    total: int
    kegiatan: int
    honor: int
    batas_honor: int
    batas_honor_persen: float
    semester_1: int
    kas_tahap_1: int

    @property
    def sisa(self) -> int:
        """Allocation left (negative when the RKAS is over)."""
        return self.alokasi - self.total

    @property
    def porsi_honor(self) -> float:
        """Honor in percent of the allocation."""
        return self.honor / self.alokasi * 100.0 if self.alokasi else 0.0


def budget_summary(rkas: Rkas) -> Ringkasan:
    """The totals, honor and tahap 1 of an RKAS, with the limits of its year and status."""
    return Ringkasan(
        alokasi=rkas.alokasi, total=rkas.total, kegiatan=sum(b.jumlah for b in rkas.baris if b.kode != RUTIN),
        honor=rkas.honor, batas_honor=int(batas_honor_rp([rkas.alokasi], rkas.tahun, [rkas.status == "Swasta"])[0]),
        batas_honor_persen=batas_honor(rkas.tahun, rkas.status), semester_1=rkas.semester_1,
        kas_tahap_1=int(kas_tahap_1([rkas.alokasi], rkas.tahun)[0]))


def per_component(rkas: Rkas) -> dict[str, tuple[int, int]]:
    """(routine, activities) rupiah per BOSP component, all 12."""
    out = {c: [0, 0] for c in KOMPONEN_BOSP}
    for b in rkas.baris:
        if b.komponen in out:
            out[b.komponen][b.kode != RUTIN] += b.jumlah
    return {c: (r, k) for c, (r, k) in out.items()}


def _bar(css: str, label: str, used: int, limit: int, detail: str) -> str:
    over = used > limit
    colour = OVER_COLOUR if over else OK_COLOUR
    width = 100.0 if limit <= 0 else min(100.0, used / limit * 100.0)
    note = f" <b style='color:{OVER_COLOUR}'>melebihi batas {rupiah(used - limit)}</b>" if over else ""
    return (f"<div class='{css}' style='margin:4px 0'><div><b>{html.escape(label)}</b>: {rupiah(used)} dari "
            f"{rupiah(limit)} ({detail}){note}</div>"
            f"<div style='background:#eef2f7;width:100%;max-width:640px;height:14px;border-radius:3px'>"
            f"<div style='background:{colour};width:{width:.1f}%;height:14px;border-radius:3px'></div></div></div>")


def budget_html(rkas: Rkas) -> str:
    """The three limit bars and the per-component bars of an RKAS."""
    s = budget_summary(rkas)
    if s.alokasi <= 0:
        head = ("<p style='color:#b02a37'>Sekolah ini tidak menerima BOSP (alokasi Rp 0). Kegiatan perlu sumber "
                "dana lain.</p>")
    else:
        head = (_bar("lm-anggaran-total", "Jumlah RKAS", s.total, s.alokasi,
                     f"sisa {rupiah(s.sisa)}; kegiatan peningkatan {rupiah(s.kegiatan)}")
                + _bar("lm-anggaran-honor", "Honor", s.honor, s.batas_honor,
                       f"{persen(s.porsi_honor)} dari alokasi, batas {persen(s.batas_honor_persen, 0)} "
                       f"untuk sekolah {rkas.status.lower()} tahun {rkas.tahun}")
                + _bar("lm-anggaran-tahap1", "Belanja semester 1", s.semester_1, s.kas_tahap_1,
                       f"dana tahap 1 = {angka(persen_tahap_1(rkas.tahun), 0)} % alokasi, cair Januari"))
    rows = []
    scale = max([s.alokasi] + [r + k for r, k in per_component(rkas).values()]) or 1
    for c, (routine, acts) in per_component(rkas).items():
        if not routine and not acts:
            continue
        rows.append(
            f"<tr><td>{html.escape(KOMPONEN_BOSP[c])}</td><td style='width:260px'>"
            f"<div style='display:flex;height:10px'>"
            f"<div style='background:{ROUTINE_COLOUR};width:{routine / scale * 260:.1f}px'></div>"
            f"<div style='background:#0b5394;width:{acts / scale * 260:.1f}px'></div></div></td>"
            f"<td style='text-align:right'>{rupiah(routine + acts)}</td></tr>")
    legend = (f"<p style='font-size:90%'><span style='color:{ROUTINE_COLOUR}'>■</span> belanja rutin "
              "<span style='color:#0b5394'>■</span> kegiatan peningkatan (panjang batang dibanding alokasi)</p>")
    return (f"<div class='lm-anggaran'>{head}<table style='border-collapse:collapse;margin-top:6px'>"
            f"<thead><tr><th>Komponen BOSP</th><th></th><th>Jumlah</th></tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table>{legend}</div>")


class BudgetBar(w.HTML):
    """The budget as HTML bars; call ``show(rkas)`` whenever the plan changes."""

    def __init__(self) -> None:
        super().__init__("<p>Pilih sekolah dulu untuk melihat anggarannya.</p>")
        self.summary: Ringkasan | None = None

    def show(self, rkas: Rkas | None) -> None:
        if rkas is None:
            self.summary = None
            self.value = "<p>Pilih sekolah dulu untuk melihat anggarannya.</p>"
            return
        self.summary = budget_summary(rkas)
        self.value = budget_html(rkas)
