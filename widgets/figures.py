"""Small matplotlib helpers for the module widgets: headless backend, PNG bytes, shared colours.

Figures are drawn with the Agg backend and shown as PNG inside ``ipywidgets.Image``, so they
work in Voilà and can be checked in plain pytest (like ``peta.py``).
"""

from __future__ import annotations

import io

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

BULAN_PENDEK = ("Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des")
SKENARIO_WARNA = {"rencana": "#0b5394", "pbd": "#1e8449", "acak": "#d68910", "tanpa": "#7f8c8d"}
GARIS = ("#0b5394", "#c0392b", "#1e8449", "#8e44ad", "#d68910")


def figure(width: float = 8.0, height: float = 3.6):
    """A new figure and axes at the size the module pages use."""
    return plt.subplots(figsize=(width, height), dpi=90)


def png(fig) -> bytes:
    """PNG bytes of a figure; the figure is closed."""
    buf = io.BytesIO()
    fig.tight_layout()
    fig.savefig(buf, format="png")
    plt.close(fig)
    return buf.getvalue()
