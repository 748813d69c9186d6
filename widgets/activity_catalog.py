"""PBD planning, Benahi: the activity catalog and the plan being built.

``activity_rows`` joins the catalog with one school's costs and prerequisites; ``filter_rows``
narrows it by root cause, BOSP component and words. ``ActivityCatalog`` shows the filtered
table and a "Tambah ke rencana" button; ``PlanEditor`` holds the chosen activities, each with
its semester (tahap 1 or 2) and a "Hapus" button. Its ``items`` trait (code -> semester, in the
order added) is what an app saves and turns into a ``Rencana``.

CSS classes for browser tests: ``lm-filter-akar``, ``lm-filter-komponen``, ``lm-cari-kegiatan``
(filters), ``lm-katalog`` (table), ``lm-pilih-kegiatan`` (activity dropdown),
``lm-tambah-kegiatan`` (add), ``lm-rencana`` (plan list), ``lm-kegiatan-<kode>`` (one plan row),
``lm-semester-kegiatan`` (semester toggle), ``lm-hapus-kegiatan`` (remove), ``lm-pesan-rencana``.
"""

from __future__ import annotations

import html
from typing import Mapping

import ipywidgets as w
import pandas as pd
import traitlets

from labmutu.datasets.schema import KOMPONEN_BOSP
from labmutu.simulations.catalog import SYARAT, Katalog
from labmutu.simulations.perencanaan import syarat_terpenuhi
from labmutu.simulations.sekolah import SimulasiSekolah
from labmutu.widgets.format import angka, rupiah
from labmutu.widgets.lean import HTML

ALL = ""


def activity_rows(sim: SimulasiSekolah) -> pd.DataFrame:
    """The catalog for one school: kode, nama, komponen, biaya (this school's cost), akar (codes),
    sasaran (readable), efek (points on root causes), tunggu (months), semester, syarat_ok, syarat, sumber."""
    kat = sim.katalog
    names = dict(zip(kat.akar["kode"], kat.akar["nama"]))
    ok = syarat_terpenuhi(sim.model.awal, sim.model.keadaan.kerusakan, kat)[0]
    rows = []
    for k in range(len(kat)):
        row = kat.kegiatan.iloc[k]
        targets = [(kat.simpul[node], pts) for node, pts in kat.sasaran[k]]
        rows.append({
            "kode": row["kode"], "nama": row["nama"], "komponen": row["komponen"],
            "biaya": int(sim.model.biaya[0, k]), "akar": tuple(code for code, _ in targets),
            "sasaran": "; ".join(f"{names.get(c, c)} +{angka(p, 1)}" for c, p in targets),
            "efek": float(sum(p for _, p in targets)), "tunggu": int(kat.tunggu[k]),
            "semester": int(kat.semester[k]), "syarat_ok": bool(ok[k]),
            "syarat": SYARAT.get(str(row["syarat"]), str(row["syarat"])), "sumber": str(row["sumber"]),
        })
    return pd.DataFrame(rows)


def filter_rows(rows: pd.DataFrame, akar: str = ALL, komponen: str = ALL, teks: str = "") -> pd.DataFrame:
    """Activities targeting ``akar``, charged to ``komponen`` and whose name contains ``teks``."""
    mask = pd.Series(True, index=rows.index)
    if akar:
        mask &= rows["akar"].map(lambda codes: akar in codes)
    if komponen:
        mask &= rows["komponen"] == komponen
    if teks.strip():
        mask &= rows["nama"].str.contains(teks.strip(), case=False, regex=False)
    return rows[mask]


def catalog_html(rows: pd.DataFrame, in_plan: set[str]) -> str:
    """The filtered catalog as an HTML table (activities in the plan are marked)."""
    if rows.empty:
        return "<p>Tidak ada kegiatan yang cocok dengan saringan. Ubah atau kosongkan saringannya.</p>"
    body = []
    for r in rows.itertuples():
        mark = " <b style='color:#1e7e34'>(sudah di rencana)</b>" if r.kode in in_plan else ""
        need = "" if r.syarat_ok else (f"<br><span style='color:#b03a2e'>Syarat belum terpenuhi: "
                                       f"{html.escape(r.syarat)}; kegiatan ini tidak akan berdampak.</span>")
        body.append(
            f"<tr><td>{r.kode}</td><td>{html.escape(r.nama)}{mark}{need}</td>"
            f"<td style='text-align:right'>{rupiah(r.biaya)}</td>"
            f"<td>{html.escape(KOMPONEN_BOSP.get(r.komponen, r.komponen))}</td>"
            f"<td>{html.escape(r.sasaran)}</td><td style='text-align:center'>{r.tunggu}</td>"
            f"<td style='text-align:center'>{r.semester}</td><td><small>{html.escape(r.sumber)}</small></td></tr>")
    return ("<div style='max-height:360px;overflow-y:auto'><table class='lm-katalog' style='border-collapse:collapse'>"
            "<thead><tr><th>Kode</th><th>Kegiatan</th><th>Biaya</th><th>Komponen BOSP</th>"
            "<th>Akar masalah yang disasar (efek, poin)</th><th>Waktu tunggu (bulan)</th>"
            f"<th>Semester disarankan</th><th>Sumber</th></tr></thead><tbody>{''.join(body)}</tbody></table></div>")


class ActivityCatalog(w.VBox):
    """Filters, the catalog table, and a dropdown with "Tambah ke rencana"."""

    def __init__(self, kat: Katalog) -> None:
        self.rows = pd.DataFrame()
        self.in_plan: set[str] = set()
        self.akar = w.Dropdown(description="Akar masalah", style={"description_width": "110px"},
                               options=[("Semua", ALL)] + list(zip(kat.akar["nama"], kat.akar["kode"])),
                               layout=w.Layout(width="520px"))
        self.komponen = w.Dropdown(description="Komponen", style={"description_width": "110px"},
                                   options=[("Semua", ALL)] + [(v, k) for k, v in KOMPONEN_BOSP.items()],
                                   layout=w.Layout(width="520px"))
        self.teks = w.Text(description="Cari nama", placeholder="mis. literasi", style={"description_width": "110px"})
        self.table = HTML()
        self.pick = w.Dropdown(description="Kegiatan", style={"description_width": "110px"},
                               layout=w.Layout(width="620px"))
        self.add_button = w.Button(description="Tambah ke rencana", icon="plus", button_style="success",
                                   tooltip="Tambahkan kegiatan terpilih ke rencana", layout=w.Layout(width="180px"))
        for widget, css in ((self.akar, "lm-filter-akar"), (self.komponen, "lm-filter-komponen"),
                            (self.teks, "lm-cari-kegiatan"), (self.pick, "lm-pilih-kegiatan"),
                            (self.add_button, "lm-tambah-kegiatan")):
            widget.add_class(css)
        for widget in (self.akar, self.komponen, self.teks):
            widget.observe(self._on_filter_change, names="value")
        super().__init__([self.akar, self.komponen, self.teks, self.table, w.HBox([self.pick, self.add_button])])

    def show(self, rows: pd.DataFrame, in_plan: set[str] | None = None) -> None:
        """Shows a school's catalog (``activity_rows``); ``in_plan`` marks activities already chosen."""
        self.rows = rows
        self.in_plan = set(in_plan or ())
        self._refresh()

    def mark(self, in_plan: set[str]) -> None:
        """Marks the activities now in the plan."""
        self.in_plan = set(in_plan)
        self._refresh()

    def _refresh(self) -> None:
        if self.rows.empty:
            self.table.value, self.pick.options = "<p>Pilih sekolah dulu.</p>", []
            return
        rows = filter_rows(self.rows, self.akar.value, self.komponen.value, self.teks.value)
        self.table.value = catalog_html(rows, self.in_plan)
        current = self.pick.value
        self.pick.options = [(f"{r.kode} {r.nama} ({rupiah(r.biaya)})", r.kode) for r in rows.itertuples()]
        if current in set(rows["kode"]):
            self.pick.value = current

    def _on_filter_change(self, _change: dict) -> None:
        self._refresh()


class PlanEditor(w.VBox):
    """The chosen activities; ``items`` maps code -> semester in the order they were added.

    Args:
        max_items: most activities a plan may hold (``Parameter.maks_kegiatan``).
    """

    items = traitlets.Dict()

    def __init__(self, max_items: int) -> None:
        self.max_items = max_items
        self.rows = pd.DataFrame()
        self.list_box = w.VBox()
        self.list_box.add_class("lm-rencana")
        self.message = HTML()
        self.message.add_class("lm-pesan-rencana")
        super().__init__([self.list_box, self.message])
        self._render()

    @property
    def codes(self) -> list[str]:
        return list(self.items)

    def show(self, rows: pd.DataFrame, items: Mapping[str, int] | None = None) -> None:
        """Shows a school's plan: ``rows`` from ``activity_rows``; ``items`` code -> semester
        (0: the activity's suggested semester). Without rows (no school yet) the items are kept."""
        self.rows = rows.set_index("kode", drop=False) if not rows.empty else rows
        items = dict(items or {})
        self.message.value = ""
        if self.rows.empty:
            self.items = items
            self.list_box.children = [HTML("<p><i>Pilih sekolah dulu untuk melihat rencananya.</i></p>")]
            return
        dropped = [c for c in items if c not in self.rows.index]
        if dropped:
            self.message.value = f"Kegiatan {', '.join(dropped)} tidak ada lagi di katalog dan dihapus dari rencana."
        self.items = {c: int(s) or int(self.rows.at[c, "semester"]) for c, s in items.items() if c in self.rows.index}
        self._render()

    def add(self, code: str) -> None:
        """Adds an activity in its suggested semester (says why when it cannot)."""
        if self.rows.empty:
            self.message.value = "Pilih sekolah dulu di bagian 1."
            return
        if not code or code not in self.rows.index:
            self.message.value = "Pilih kegiatan dulu di daftar katalog."
            return
        if code in self.items:
            self.message.value = f"{code} sudah ada di rencana."
            return
        if len(self.items) >= self.max_items:
            self.message.value = (f"Rencana sudah berisi {self.max_items} kegiatan, batas di latihan ini "
                                  "(asumsi pelatihan). Hapus satu kegiatan sebelum menambah yang lain.")
            return
        self.message.value = ""
        self.items = {**self.items, code: int(self.rows.at[code, "semester"])}
        self._render()

    def remove(self, code: str) -> None:
        self.message.value = ""
        self.items = {c: s for c, s in self.items.items() if c != code}
        self._render()

    def set_semester(self, code: str, semester: int) -> None:
        if code in self.items and self.items[code] != semester:
            self.items = {**self.items, code: int(semester)}

    def _render(self) -> None:
        if not self.items:
            self.list_box.children = [HTML("<p><i>Rencana masih kosong. Tambahkan kegiatan dari katalog.</i></p>")]
            return
        self.list_box.children = [self._row(code, semester) for code, semester in self.items.items()]

    def _row(self, code: str, semester: int) -> "PlanRow":
        row = PlanRow(code, self.rows.loc[code], semester)
        row.toggle.observe(lambda change, c=code: self.set_semester(c, change["new"]), names="value")
        row.remove_button.on_click(lambda _b, c=code: self.remove(c))
        return row


class PlanRow(w.HBox):
    """One activity of the plan: description, semester toggle, "Hapus"."""

    def __init__(self, code: str, row: pd.Series, semester: int) -> None:
        self.code = code
        self.label = HTML(f"<b>{code}</b> {html.escape(row['nama'])} – {rupiah(row['biaya'])}",
                            layout=w.Layout(width="520px"))
        self.toggle = w.ToggleButtons(options=[("Semester 1", 1), ("Semester 2", 2)], value=semester,
                                      tooltips=["Januari–Juni, dana tahap 1", "Juli–Desember, dana tahap 2"],
                                      style={"button_width": "100px"})
        self.toggle.add_class("lm-semester-kegiatan")
        self.remove_button = w.Button(description="Hapus", icon="trash", button_style="danger",
                                      tooltip=f"Hapus {code}", layout=w.Layout(width="90px"))
        self.remove_button.add_class("lm-hapus-kegiatan")
        super().__init__([self.label, self.toggle, self.remove_button])
        self.add_class(f"lm-kegiatan-{code}")
