"""The school context an assignment shows beside its questions: the latest Rapor as a table."""

from __future__ import annotations

import html
from collections.abc import Sequence

from labmutu.errors import LabMutuError

COLOURS = {"Baik": "#e6f4ea", "Sedang": "#fff4d6", "Kurang": "#fdecea"}


def school_table(sample: str, npsn: str, codes: Sequence[str] | None = None) -> str:
    """HTML: name, jenjang and status of the school, then each indicator of the latest year.

    Raises:
        LabMutuError: unknown sample or NPSN.
    """
    from labmutu.datasets import samples
    from labmutu.datasets.schema import INDIKATOR

    sekolah = samples.load(sample, "sekolah")
    row = sekolah[sekolah["npsn"] == npsn]
    if row.empty:
        raise LabMutuError(f"NPSN {npsn} tidak ada di data {sample}.", "Periksa spesifikasi tugas.")
    school = row.iloc[0]
    rapor = samples.load(sample, "indikator")
    rapor = rapor[rapor["npsn"] == npsn]
    year = int(rapor["tahun"].max())
    rapor = rapor[rapor["tahun"] == year]
    if codes:
        rapor = rapor[rapor["kode_indikator"].isin(list(codes))]
    lines = []
    for r in rapor.itertuples():
        change = "" if r.perubahan != r.perubahan else f"{r.perubahan:+.2f}".replace(".", ",")
        lines.append(
            f"<tr style='background:{COLOURS.get(r.capaian, '#fff')}'><td>{html.escape(r.kode_indikator)}</td>"
            f"<td>{html.escape(INDIKATOR.get(r.kode_indikator, ''))}</td>"
            f"<td style='text-align:right'>{r.nilai:.2f}".replace(".", ",") + "</td>"
            f"<td>{html.escape(r.capaian)}</td><td style='text-align:right'>{change}</td></tr>")
    status = "3T" if bool(school["daerah_3t"]) else "bukan 3T"
    return (f"<div class='lm-profil'><h4>{html.escape(school['nama'])} (NPSN {html.escape(npsn)})</h4>"
            f"<p>{html.escape(school['jenjang'])} {html.escape(school['status'])}, {status}, "
            f"{int(school['peserta_didik'])} peserta didik, {int(school['guru'])} guru, "
            f"{int(school['rombel'])} rombel. Rapor Pendidikan {year}:</p>"
            "<table style='border-collapse:collapse' cellpadding='4'><thead><tr><th>Kode</th>"
            "<th>Indikator</th><th>Skor</th><th>Capaian</th><th>Perubahan</th></tr></thead>"
            f"<tbody>{''.join(lines)}</tbody></table></div>")
