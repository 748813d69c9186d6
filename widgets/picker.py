"""School picker: narrow down by province, kab/kota, jenjang, status and 3T, then choose a school.

``SchoolFilter`` is the model (plain pandas over the ``sekolah`` table); ``SchoolPicker`` is the
view. The picker's ``value`` is the chosen NPSN (``""`` while none is chosen).
"""

from __future__ import annotations

import ipywidgets as w
import pandas as pd
import traitlets

from labmutu.datasets import reference
from labmutu.widgets.lean import HTML

ALL = "Semua"


class SchoolFilter:
    """Filters the ``sekolah`` table by the picker's criteria."""

    def __init__(self, sekolah: pd.DataFrame) -> None:
        self.sekolah = sekolah.reset_index(drop=True)
        prov = reference.provinces().set_index("kode_provinsi")["nama_provinsi"]
        self.province_names = {k: prov.get(k, k) for k in sorted(self.sekolah["kode_provinsi"].unique())}
        self.kabkota_names = {k: reference.label_kabkota(k) for k in sorted(self.sekolah["kode_kabkota"].unique())}

    def filter(self, provinsi: str = ALL, kabkota: str = ALL, jenjang: str = ALL, status: str = ALL,
               daerah_3t: str = ALL) -> pd.DataFrame:
        """Schools matching every criterion that is not ``ALL``; 3T is "Ya"/"Tidak"/ALL."""
        s = self.sekolah
        mask = pd.Series(True, index=s.index)
        if provinsi != ALL:
            mask &= s["kode_provinsi"] == provinsi
        if kabkota != ALL:
            mask &= s["kode_kabkota"] == kabkota
        if jenjang != ALL:
            mask &= s["jenjang"] == jenjang
        if status != ALL:
            mask &= s["status"] == status
        if daerah_3t != ALL:
            mask &= s["daerah_3t"] == (daerah_3t == "Ya")
        return s[mask]

    def kabkota_for(self, provinsi: str) -> dict[str, str]:
        if provinsi == ALL:
            return self.kabkota_names
        return {k: v for k, v in self.kabkota_names.items() if k.startswith(provinsi)}


class SchoolPicker(w.VBox):
    """Dropdowns for the filters and a list of the matching schools.

    Args:
        sekolah: the ``sekolah`` table to pick from.
        value: NPSN to select at start (for example a saved answer).
    """

    value = traitlets.Unicode("")

    def __init__(self, sekolah: pd.DataFrame, value: str = "") -> None:
        self.model = SchoolFilter(sekolah)
        self.provinsi = w.Dropdown(description="Provinsi", options=self._options(self.model.province_names))
        self.kabkota = w.Dropdown(description="Kab/kota", options=self._options(self.model.kabkota_names))
        self.jenjang = w.Dropdown(description="Jenjang", options=[ALL, *sorted(sekolah["jenjang"].astype(str).unique(),
                                                                               key=_jenjang_order)])
        self.status = w.Dropdown(description="Status", options=[ALL, "Negeri", "Swasta"])
        self.daerah_3t = w.Dropdown(description="Daerah 3T", options=[ALL, "Ya", "Tidak"])
        self.school = w.Select(description="Sekolah", rows=8, layout=w.Layout(width="95%"))
        self.count = HTML()
        for child in (self.provinsi, self.kabkota, self.jenjang, self.status, self.daerah_3t):
            child.style = {"description_width": "90px"}
        super().__init__([
            HTML("<b>Pilih sekolah</b>"),
            w.HBox([self.provinsi, self.kabkota]),
            w.HBox([self.jenjang, self.status, self.daerah_3t]),
            self.count, self.school,
        ])
        self.provinsi.observe(self._on_provinsi_change, names="value")
        for child in (self.kabkota, self.jenjang, self.status, self.daerah_3t):
            child.observe(self._on_filter_change, names="value")
        self.school.observe(self._on_school_change, names="value")
        self._refresh()
        if value:
            self.select(value)

    def select(self, npsn: str) -> None:
        """Selects a school by NPSN, clearing filters that would hide it."""
        if npsn not in set(self.model.sekolah["npsn"]):
            return
        if npsn not in {v for _, v in self.school.options}:
            for child in (self.provinsi, self.kabkota, self.jenjang, self.status, self.daerah_3t):
                child.value = ALL
        self.school.value = npsn

    def _on_provinsi_change(self, _change: dict) -> None:
        self.kabkota.options = self._options(self.model.kabkota_for(self.provinsi.value))
        self.kabkota.value = ALL
        self._refresh()

    def _on_filter_change(self, _change: dict) -> None:
        self._refresh()

    def _on_school_change(self, change: dict) -> None:
        self.value = change["new"] or ""

    def _refresh(self) -> None:
        rows = self.model.filter(self.provinsi.value, self.kabkota.value, self.jenjang.value,
                                 self.status.value, self.daerah_3t.value)
        rows = rows.sort_values(["jenjang", "nama"], key=lambda c: c.map(_jenjang_order) if c.name == "jenjang" else c)
        current = self.school.value
        self.school.options = [(f"{r.nama} ({r.npsn})", r.npsn) for r in rows.itertuples()]
        self.school.value = current if current in set(rows["npsn"]) else None
        self.count.value = f"{len(rows)} sekolah cocok dengan pilihan." if len(rows) else \
            "<span style='color:#b03a2e'>Tidak ada sekolah yang cocok. Ubah salah satu pilihan di atas.</span>"

    @staticmethod
    def _options(names: dict[str, str]) -> list[tuple[str, str]]:
        return [(ALL, ALL)] + [(v, k) for k, v in names.items()]


def _jenjang_order(j) -> int:
    order = {"SD": 0, "SMP": 1, "SMA": 2, "SMK": 3, "SLB": 4}
    return order.get(str(j), 9)
