"""Peta mutu: schools or kab/kota on a map of Indonesia from their coordinates (matplotlib).

No map tiles or shapefiles (Lab Mutu works offline): the 514 kab/kota centroids, drawn small and
grey, sketch the archipelago; the points of interest are coloured by capaian and 3T areas are
marked with triangles. The figure is rendered to PNG inside an ``Image`` widget, so it shows in
Voilà and can be checked in plain pytest.
"""

from __future__ import annotations

import io

import ipywidgets as w
import pandas as pd
from matplotlib.figure import Figure

from labmutu.datasets import reference
from labmutu.widgets.lean import HTML

CATEGORY_COLOURS = {"Baik": "#1e8449", "Sedang": "#d4ac0d", "Kurang": "#c0392b"}


def peta_png(points: pd.DataFrame, title: str = "", zoom: bool = True) -> bytes:
    """PNG bytes of the map.

    Args:
        points: rows with lat, lon, capaian and daerah_3t (schools or kab/kota).
        title: figure title.
        zoom: fit the view to the points (else the whole of Indonesia).
    """
    kab = reference.kabupaten_kota()
    fig = Figure(figsize=(8, 4.2), dpi=90)
    ax = fig.subplots()
    ax.scatter(kab["lon"], kab["lat"], s=4, color="#bbbbbb", zorder=1, label="_pusat kab/kota")
    for category, colour in CATEGORY_COLOURS.items():
        for is_3t, marker in ((False, "o"), (True, "^")):
            sel = points[(points["capaian"].astype(str) == category) & (points["daerah_3t"].astype(bool) == is_3t)]
            if len(sel):
                ax.scatter(sel["lon"], sel["lat"], s=28, color=colour, marker=marker, edgecolor="black",
                           linewidth=0.3, zorder=2, label=f"{category}{' (3T)' if is_3t else ''} – {len(sel)}")
    if zoom and len(points):
        pad = 0.3
        ax.set_xlim(points["lon"].min() - pad, points["lon"].max() + pad)
        ax.set_ylim(points["lat"].min() - pad, points["lat"].max() + pad)
    else:
        ax.set_xlim(94.5, 141.5)
        ax.set_ylim(-11.5, 6.5)
    ax.set_aspect("equal", adjustable="box")
    ax.set_xlabel("Bujur")
    ax.set_ylabel("Lintang")
    ax.set_title(title)
    if len(points):
        ax.legend(loc="best", fontsize=8, title="Capaian (▲ = daerah 3T)", title_fontsize=8)
    buf = io.BytesIO()
    fig.tight_layout()
    fig.savefig(buf, format="png")
    return buf.getvalue()


class PetaMutu(w.VBox):
    """The map as a widget; ``show(points, title)`` redraws it."""

    def __init__(self) -> None:
        self.image = w.Image(format="png", layout=w.Layout(max_width="760px"))
        self.caption = HTML()
        super().__init__([self.image, self.caption])

    def show(self, points: pd.DataFrame, title: str = "", zoom: bool = True) -> None:
        self.image.value = peta_png(points, title, zoom)
        counts = points["capaian"].astype(str).value_counts() if len(points) else pd.Series(dtype=int)
        self.caption.value = (f"{len(points)} titik: " + ", ".join(
            f"{k} {counts.get(k, 0)}" for k in CATEGORY_COLOURS) + ". Segitiga = daerah 3T.")
