"""Rapor card: a school's indicators with capaian colours, change from last year and quintile.

Takes the rows of one school and one year (kode_indikator, nilai, capaian, and when known
perubahan, kuintil_provinsi, kuintil_nasional) and renders an HTML table a kepala sekolah can
read: merah for Kurang, kuning for Sedang, hijau for Baik, always with the word as well as the
colour.
"""

from __future__ import annotations

import html

import ipywidgets as w
import pandas as pd

from labmutu.datasets.schema import INDIKATOR
from labmutu.widgets.format import angka, selisih
from labmutu.widgets.lean import HTML

COLOURS = {"Baik": ("#d4efdf", "#1e8449", "hijau"), "Sedang": ("#fcf3cf", "#9a7d0a", "kuning"),
           "Kurang": ("#fadbd8", "#b03a2e", "merah")}


def rapor_html(rows: pd.DataFrame, title: str = "") -> str:
    """The card as HTML (also used by the tests and the printable report)."""
    if rows.empty:
        return "<p>Belum ada sekolah yang dipilih. Pilih sekolah di atas untuk melihat rapornya.</p>"
    has_q = "kuintil_nasional" in rows
    head = "<tr><th>Kode</th><th>Indikator</th><th>Nilai</th><th>Capaian</th><th>Perubahan</th>"
    head += "<th>Kuintil provinsi</th><th>Kuintil nasional</th></tr>" if has_q else "</tr>"
    body = []
    for r in rows.itertuples():
        bg, fg, word = COLOURS.get(str(r.capaian), ("#eee", "#333", ""))
        change = getattr(r, "perubahan", None)
        arrow = "" if change is None or pd.isna(change) else "▲ " if change > 0 else "▼ " if change < 0 else "■ "
        cells = [
            f"<td>{html.escape(str(r.kode_indikator))}</td>",
            f"<td>{html.escape(INDIKATOR.get(str(r.kode_indikator), ''))}</td>",
            f"<td style='text-align:right'>{angka(r.nilai, 2)}</td>",
            f"<td style='background:{bg};color:{fg};font-weight:bold' title='{word}'>{r.capaian}</td>",
            f"<td style='text-align:right'>{arrow}{selisih(change, 2) if arrow else '–'}</td>",
        ]
        if has_q:
            cells += [f"<td style='text-align:center'>{_q(getattr(r, 'kuintil_provinsi', None))}</td>",
                      f"<td style='text-align:center'>{_q(r.kuintil_nasional)}</td>"]
        body.append(f"<tr>{''.join(cells)}</tr>")
    caption = f"<caption style='text-align:left;font-weight:bold'>{html.escape(title)}</caption>" if title else ""
    legend = ("<p style='font-size:90%'>Capaian: <b style='color:#1e8449'>Baik</b> (&gt; 70), "
              "<b style='color:#9a7d0a'>Sedang</b> (40–70), <b style='color:#b03a2e'>Kurang</b> (&lt; 40). "
              "▲ naik, ▼ turun dari tahun lalu."
              + (" Kuintil 1 = 20 % sekolah terbawah, 5 = 20 % teratas." if has_q else "") + "</p>")
    return (f"<table class='lm-rapor' style='border-collapse:collapse'>{caption}<thead>{head}</thead>"
            f"<tbody>{''.join(body)}</tbody></table>{legend}")


def _q(value) -> str:
    return "–" if value is None or pd.isna(value) else str(int(value))


class RaporCard(w.VBox):
    """The card as a widget; call ``show(rows, title)`` when the school or year changes."""

    def __init__(self) -> None:
        self.table = HTML(rapor_html(pd.DataFrame()))
        super().__init__([self.table])

    def show(self, rows: pd.DataFrame, title: str = "") -> None:
        self.table.value = rapor_html(rows, title)
