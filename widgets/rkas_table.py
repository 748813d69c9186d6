"""The RKAS table: lines per BOSP component and tranche, totals, honor share, and every rule broken.

``rkas_html`` lays an ``Rkas`` out the way a bendahara reads it: per component the routine
spending and each activity, in tahap 1 (semester 1, dana cair Januari) and tahap 2 (semester 2,
Juli), with subtotals, the total against the allocation and the honor share.
``compliance_html`` lists the engine's ``Pelanggaran`` messages (``SimulasiSekolah.periksa``),
each with the rule it breaks, or says the RKAS passes every rule checked.

CSS classes for browser tests: ``lm-rkas`` (table), ``lm-kepatuhan`` (the compliance box),
``lm-pelanggaran`` (one violation, also carrying ``data-aturan`` with the rule code),
``lm-patuh`` (shown when nothing is broken).
"""

from __future__ import annotations

import html
from typing import Sequence

import ipywidgets as w

from labmutu.datasets.schema import KOMPONEN_BOSP
from labmutu.simulations.rkas import ATURAN, RUTIN, Pelanggaran, Rkas, kas_tahap_1
from labmutu.widgets.budget import budget_summary
from labmutu.widgets.format import persen, rupiah
from labmutu.widgets.lean import HTML


def _money(x: int) -> str:
    return f"<td style='text-align:right'>{rupiah(x) if x else '–'}</td>"


def rkas_lines(rkas: Rkas) -> dict[str, dict[str, list[int]]]:
    """Per component, per line (``"Belanja rutin"`` or "<kode> <uraian>"), rupiah in tahap 1 and 2."""
    out: dict[str, dict[str, list[int]]] = {}
    for b in rkas.baris:
        name = "Belanja rutin" if b.kode == RUTIN else f"{b.kode} {b.uraian}"
        cell = out.setdefault(b.komponen, {}).setdefault(name, [0, 0])
        if b.semester in (1, 2):
            cell[b.semester - 1] += b.jumlah
    return out


def rkas_html(rkas: Rkas) -> str:
    """The RKAS as an HTML table with per-component subtotals, totals and the honor share."""
    s = budget_summary(rkas)
    body = []
    for comp, lines in rkas_lines(rkas).items():
        sub = [sum(v[0] for v in lines.values()), sum(v[1] for v in lines.values())]
        body.append(f"<tr style='background:#eef2f7'><td><b>{html.escape(KOMPONEN_BOSP.get(comp, comp))}</b></td>"
                    f"{_money(sub[0])}{_money(sub[1])}<td style='text-align:right'><b>{rupiah(sum(sub))}</b></td></tr>")
        for name, (one, two) in lines.items():
            body.append(f"<tr><td style='padding-left:18px'>{html.escape(name)}</td>{_money(one)}{_money(two)}"
                        f"<td style='text-align:right'>{rupiah(one + two)}</td></tr>")
    two = rkas.total - rkas.semester_1
    kas1 = int(kas_tahap_1([rkas.alokasi], rkas.tahun)[0])
    right = "<th style='text-align:right'>"
    foot = (f"<tr><th style='text-align:left'>Jumlah RKAS</th>{right}{rupiah(rkas.semester_1)}</th>"
            f"{right}{rupiah(two)}</th>{right}{rupiah(rkas.total)}</th></tr>"
            f"<tr><td>Dana BOSP yang cair</td>{_money(kas1)}{_money(rkas.alokasi - kas1)}"
            f"<td style='text-align:right'>{rupiah(rkas.alokasi)}</td></tr>"
            f"<tr><td>Sisa</td>{_money(kas1 - rkas.semester_1)}{_money(rkas.alokasi - kas1 - two)}"
            f"<td style='text-align:right'>{rupiah(s.sisa)}</td></tr>")
    honor = (f"<p>Honor {rupiah(s.honor)} = <b>{persen(s.porsi_honor)}</b> dari alokasi; batas untuk sekolah "
             f"{html.escape(rkas.status.lower())} tahun {rkas.tahun}: {persen(s.batas_honor_persen, 0)} "
             f"({rupiah(s.batas_honor)}).</p>")
    return (f"<table class='lm-rkas' style='border-collapse:collapse'><caption style='text-align:left'><b>RKAS "
            f"{rkas.tahun}</b>, alokasi BOSP {rupiah(rkas.alokasi)}</caption><thead><tr><th>Komponen / uraian</th>"
            "<th>Tahap 1 (semester 1, Januari)</th><th>Tahap 2 (semester 2, Juli)</th><th>Jumlah</th></tr></thead>"
            f"<tbody>{''.join(body)}</tbody><tfoot>{foot}</tfoot></table>{honor}")


def compliance_html(violations: Sequence[Pelanggaran]) -> str:
    """Every broken rule with its message, or a note that the RKAS passes every rule checked."""
    if not violations:
        return ("<div class='lm-kepatuhan'><div class='lm-patuh' style='background:#e6f4ea;border-left:4px solid "
                "#1e7e34;padding:6px 10px'><b>RKAS memenuhi semua aturan BOSP yang diperiksa</b> (komponen, "
                "batas honor, dana tahap 1, jumlah tidak melebihi alokasi).</div></div>")
    items = "".join(
        f"<li class='lm-pelanggaran' data-aturan='{html.escape(v.aturan)}'><b>"
        f"{html.escape(ATURAN.get(v.aturan, v.aturan))}</b><br>{html.escape(v.pesan)}</li>" for v in violations)
    return (f"<div class='lm-kepatuhan' style='background:#fdecea;border-left:4px solid #b02a37;padding:6px 10px'>"
            f"<b>RKAS belum memenuhi {len(violations)} aturan:</b><ul style='margin:4px 0'>{items}</ul></div>")


class RkasTable(w.VBox):
    """The RKAS and its compliance; call ``show(rkas, violations)`` when the plan changes."""

    def __init__(self) -> None:
        self.table = HTML("<p>Pilih sekolah dulu untuk melihat RKAS-nya.</p>")
        self.compliance = HTML()
        self.violations: list[Pelanggaran] = []
        super().__init__([self.table, self.compliance])

    def show(self, rkas: Rkas | None, violations: Sequence[Pelanggaran] = ()) -> None:
        if rkas is None:
            self.table.value, self.compliance.value, self.violations = \
                "<p>Pilih sekolah dulu untuk melihat RKAS-nya.</p>", "", []
            return
        self.violations = list(violations)
        self.table.value = rkas_html(rkas)
        self.compliance.value = compliance_html(self.violations)
