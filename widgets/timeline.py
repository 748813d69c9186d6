"""Pelaksanaan report of one year: the timeline of activities, the shocks, spending and evidence.

``jadwal`` turns the year's activities into planned and actual months (a late tahap 2 pushes
semester 2 back); ``timeline_png`` draws them with the shocks marked (banjir/longsor shades its
semester, the late tranche and the Asesmen Nasional month are vertical lines, activities a
mutasi guru weakens are hatched). The tables show realisasi per BOSP component (plan vs spent,
in Rupiah), the evidence documents (bukti) and the SIPLah purchase lines. ``Timeline`` is the
widget; every part reads a ``LaporanTahun`` from ``SimulasiSekolah.laporan``.
"""

from __future__ import annotations

import html

import ipywidgets as w
import pandas as pd

from labmutu.simulations.catalog import Katalog
from labmutu.simulations.pelaksanaan import BULAN, bulan_mulai
from labmutu.simulations.records import Parameter
from labmutu.simulations.sekolah import GUNCANGAN, LaporanTahun
from labmutu.widgets.figures import BULAN_PENDEK, figure, png
from labmutu.widgets.format import angka, persen, rupiah
from labmutu.widgets.lean import HTML

BANJIR, BANJIR_S2, MUTASI, TERLAMBAT = GUNCANGAN
STATUS_WARNA = {"berhasil": "#1e8449", "sebagian berhasil": "#d4ac0d", "kurang berhasil": "#e67e22"}
TABLE_STYLE = "border-collapse:collapse;margin:4px 0 10px 0"
CELL = "padding:2px 8px;border-bottom:1px solid #ddd"


def banjir_semester(guncangan: list[str]) -> int:
    """The semester a banjir/longsor hit (1 or 2), or 0 when there was none."""
    if BANJIR not in guncangan:
        return 0
    return 2 if BANJIR_S2 in guncangan else 1


def jadwal(kegiatan: pd.DataFrame, katalog: Katalog, params: Parameter, terlambat: bool) -> pd.DataFrame:
    """Planned and actual months of each activity (1–12), with completion and mutasi sensitivity."""
    rows = []
    for r in kegiatan.itertuples():
        k = katalog.indeks(r.kode)
        length = int(katalog.kegiatan.at[k, "durasi_bulan"])
        plan = bulan_mulai(int(r.semester), False, params)
        real = bulan_mulai(int(r.semester), terlambat, params)
        rows.append({"kode": r.kode, "nama": r.nama, "semester": int(r.semester),
                     "mulai_rencana": plan, "selesai_rencana": min(12, plan + length - 1),
                     "mulai_nyata": real, "selesai_nyata": min(12, real + length - 1),
                     "keterlaksanaan": float(r.keterlaksanaan), "peka_mutasi": bool(katalog.peka_mutasi[k])})
    return pd.DataFrame(rows, columns=["kode", "nama", "semester", "mulai_rencana", "selesai_rencana",
                                       "mulai_nyata", "selesai_nyata", "keterlaksanaan", "peka_mutasi"])


def timeline_png(schedule: pd.DataFrame, guncangan: list[str], params: Parameter, title: str = "") -> bytes:
    """PNG of the timeline: per activity a planned bar (outline) over an actual bar (filled)."""
    n = len(schedule)
    fig, ax = figure(8.4, max(2.4, 1.2 + 0.55 * n))
    flood = banjir_semester(guncangan)
    if flood:
        lo = 0.5 if flood == 1 else 6.5
        ax.axvspan(lo, lo + 6, color="#f5b7b1", alpha=0.45, zorder=0, label=f"Banjir/longsor (semester {flood})")
    if TERLAMBAT in guncangan:
        ax.axvline(params.bulan_mulai[1] + params.tunda_terlambat - 0.5, color="#c0392b", linestyle=":", zorder=1,
                   label=f"Dana tahap 2 terlambat: semester 2 mulai {params.tunda_terlambat} bulan kemudian")
    ax.axvline(params.bulan_ukur, color="#34495e", linestyle="--", zorder=1, label="Asesmen Nasional (pengukuran)")
    mutasi = MUTASI in guncangan
    for i, r in enumerate(schedule.itertuples()):
        y = n - 1 - i
        ax.barh(y + 0.18, r.selesai_rencana - r.mulai_rencana + 1, left=r.mulai_rencana - 0.5, height=0.3,
                facecolor="white", edgecolor="#7f8c8d", zorder=2, label="Rencana" if i == 0 else None)
        ax.barh(y - 0.18, (r.selesai_nyata - r.mulai_nyata + 1) * r.keterlaksanaan, left=r.mulai_nyata - 0.5,
                height=0.3, color="#0b5394", hatch="//" if mutasi and r.peka_mutasi else None,
                edgecolor="white", zorder=2, label="Terlaksana (panjang = keterlaksanaan)" if i == 0 else None)
        ax.text(min(12.4, r.selesai_nyata + 0.6), y - 0.18, persen(100 * r.keterlaksanaan, 0), va="center",
                fontsize=8, zorder=3)
    ax.set_yticks(range(n), list(schedule["kode"])[::-1])
    ax.set_xticks(range(1, 13), BULAN_PENDEK)
    ax.set_xlim(0.5, 13.2)
    ax.set_ylim(-0.8, max(n, 1) - 0.2 + (0.9 if n else 0))
    if not n:
        ax.text(6.5, 0, "Tidak ada kegiatan dalam rencana", ha="center", va="center")
    if mutasi:
        ax.set_xlabel("Arsir: kegiatan yang melemah karena mutasi guru")
    ax.set_title(title, fontsize=10)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.22 if mutasi else -0.12), ncol=3, fontsize=7,
              frameon=False)
    return png(fig)


def kejadian_html(guncangan: list[str], params: Parameter, schedule: pd.DataFrame) -> str:
    """The year's shocks in plain words: what each did, and to which activities of the plan."""
    items = []
    flood = banjir_semester(guncangan)
    if flood:
        items.append(f"<b>Banjir/longsor</b> di semester {flood}: kerusakan bangunan bertambah dan iklim keamanan "
                     f"(D.4) turun. {_hit(schedule[schedule['semester'] == flood], 'hanya sebagian terlaksana')}")
    if MUTASI in guncangan:
        items.append("<b>Mutasi guru</b>: guru yang sudah dilatih dipindahkan, pengalaman pelatihan PTK (C.3) "
                     f"turun. {_hit(schedule[schedule['peka_mutasi']], 'dampaknya melemah')}")
    if TERLAMBAT in guncangan:
        month = BULAN[params.bulan_mulai[1] + params.tunda_terlambat - 1]
        items.append(f"<b>Dana tahap 2 terlambat</b>: kegiatan semester 2 baru dapat mulai {month}. "
                     + _hit(schedule[schedule["semester"] == 2], "kurang terlaksana dan dampaknya belum terlihat "
                                                                 "saat Asesmen Nasional"))
    if not items:
        return ("<div class='lm-kejadian'><p>Tahun ini tidak ada banjir/longsor, mutasi guru, atau dana tahap 2 "
                "yang terlambat.</p></div>")
    return "<div class='lm-kejadian'><p>Kejadian tahun ini:</p><ul>" + "".join(
        f"<li>{i}</li>" for i in items) + "</ul></div>"


def _hit(rows: pd.DataFrame, what: str) -> str:
    if rows.empty:
        return "Tidak ada kegiatan rencana ini yang terkena."
    return f"Kegiatan yang terkena ({', '.join(rows['kode'])}) {what}."


def _table(cls: str, head: list[str], rows: list[list[str]], right: set[int] = frozenset()) -> str:
    th = "".join(f"<th style='{CELL};text-align:{'right' if i in right else 'left'}'>{h}</th>"
                 for i, h in enumerate(head))
    body = "".join("<tr>" + "".join(f"<td style='{CELL};text-align:{'right' if i in right else 'left'}'>{c}</td>"
                                    for i, c in enumerate(row)) + "</tr>" for row in rows)
    return f"<table class='{cls}' style='{TABLE_STYLE}'><thead><tr>{th}</tr></thead><tbody>{body}</tbody></table>"


def realisasi_persen(realisasi: pd.DataFrame) -> float:
    """Total spent as a percentage of the total planned in the RKAS (0 when nothing planned)."""
    planned = float(realisasi["rencana"].sum())
    return round(float(realisasi["realisasi"].sum()) / planned * 100, 1) if planned > 0 else 0.0


def kegiatan_html(kegiatan: pd.DataFrame) -> str:
    """Per activity: semester, budget, spent and completion."""
    if kegiatan.empty:
        return "<p>Rencana ini tidak memuat kegiatan peningkatan; hanya belanja rutin yang berjalan.</p>"
    rows = [[html.escape(r.kode), html.escape(r.nama), str(r.semester), rupiah(r.anggaran), rupiah(r.belanja),
             persen(100 * r.keterlaksanaan, 0)] for r in kegiatan.itertuples()]
    return _table("lm-kegiatan", ["Kode", "Kegiatan", "Semester", "Anggaran", "Belanja", "Keterlaksanaan"],
                  rows, right={2, 3, 4, 5})


def realisasi_html(realisasi: pd.DataFrame) -> str:
    """Plan vs spent per BOSP component in Rupiah, with a total row; empty components left out."""
    shown = realisasi[(realisasi["rencana"] > 0) | (realisasi["realisasi"] > 0)]
    rows = []
    for r in shown.itertuples():
        share = persen(r.realisasi / r.rencana * 100, 1) if r.rencana > 0 else "-"
        colour = "#b03a2e" if r.selisih < 0 else "inherit"
        rows.append([html.escape(r.nama), rupiah(r.rencana), rupiah(r.realisasi),
                     f"<span style='color:{colour}'>{rupiah(r.selisih)}</span>", share])
    rows.append(["<b>Jumlah</b>", f"<b>{rupiah(realisasi['rencana'].sum())}</b>",
                 f"<b>{rupiah(realisasi['realisasi'].sum())}</b>", f"<b>{rupiah(realisasi['selisih'].sum())}</b>",
                 f"<b>{persen(realisasi_persen(realisasi), 1)}</b>"])
    note = "" if len(shown) == len(realisasi) else (
        f"<p style='font-size:90%'>{len(realisasi) - len(shown)} komponen tanpa rencana dan tanpa belanja "
        "tidak ditampilkan.</p>")
    return _table("lm-realisasi", ["Komponen BOSP", "Rencana (RKAS)", "Realisasi", "Selisih", "Realisasi (%)"],
                  rows, right={1, 2, 3, 4}) + note


def bukti_html(bukti: pd.DataFrame, kegiatan: pd.DataFrame) -> str:
    """Evidence documents per activity: which exist (ada) and which are missing."""
    if bukti.empty:
        return "<p>Tidak ada bukti kegiatan yang perlu dikumpulkan.</p>"
    names = dict(zip(kegiatan["kode"], kegiatan["nama"]))
    rows = [[html.escape(r.kode_kegiatan), html.escape(names.get(r.kode_kegiatan, "")), html.escape(r.jenis_bukti),
             r.bulan, "<span style='color:#1e8449'>✓ ada</span>" if r.ada else
             "<span style='color:#b03a2e'>✗ belum ada</span>"] for r in bukti.itertuples()]
    missing = int((~bukti["ada"].astype(bool)).sum())
    note = (f"<p>{missing} bukti belum ada: kegiatan yang kurang terlaksana meninggalkan bukti yang kurang "
            "lengkap.</p>" if missing else "<p>Semua bukti kegiatan lengkap.</p>")
    return _table("lm-bukti", ["Kode", "Kegiatan", "Bukti", "Bulan", "Keadaan"], rows) + note


def siplah_html(siplah: pd.DataFrame) -> str:
    """Purchases through SIPLah (fictitious providers), in Rupiah."""
    if siplah.empty:
        return "<p class='lm-siplah'>Tidak ada pengadaan barang melalui SIPLah tahun ini.</p>"
    rows = [[html.escape(r.kode_kegiatan), html.escape(r.barang), angka(r.jumlah, 0), rupiah(r.harga_satuan),
             rupiah(r.total), r.bulan, html.escape(r.penyedia), html.escape(r.status)] for r in siplah.itertuples()]
    return _table("lm-siplah", ["Kode", "Barang", "Jumlah", "Harga satuan", "Total", "Bulan", "Penyedia",
                                "Status"], rows, right={2, 3, 4})


class Timeline(w.VBox):
    """The pelaksanaan report as a widget; ``show(report, katalog, params)`` fills it."""

    def __init__(self) -> None:
        self.image = w.Image(format="png", layout=w.Layout(max_width="780px"))
        self.events = HTML()
        self.activities = HTML()
        self.spending = HTML()
        self.evidence = HTML()
        self.purchases = HTML()
        self.image.add_class("lm-timeline")
        super().__init__([])

    def show(self, report: LaporanTahun, katalog: Katalog, params: Parameter) -> None:
        """Draws the timeline and fills the tables for one year's report."""
        late = TERLAMBAT in report.guncangan
        schedule = jadwal(report.kegiatan, katalog, params, late)
        self.image.value = timeline_png(schedule, report.guncangan, params,
                                        f"Pelaksanaan kegiatan {report.tahun}: rencana dan kenyataan")
        self.events.value = kejadian_html(report.guncangan, params, schedule)
        self.activities.value = kegiatan_html(report.kegiatan)
        self.spending.value = realisasi_html(report.realisasi)
        self.evidence.value = bukti_html(report.bukti, report.kegiatan)
        self.purchases.value = siplah_html(report.siplah)
        self.children = [self.events, self.image, HTML("<h4>Keterlaksanaan kegiatan</h4>"), self.activities,
                         HTML("<h4>Realisasi per komponen BOSP</h4>"), self.spending,
                         HTML("<h4>Bukti kegiatan</h4>"), self.evidence,
                         HTML("<h4>Pengadaan melalui SIPLah</h4>"), self.purchases]
