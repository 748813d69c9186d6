"""Small matplotlib helpers for the module widgets: headless backend, PNG bytes, shared colours.

Figures are ``matplotlib.figure.Figure`` objects rendered to PNG by Agg and shown inside
``ipywidgets.Image``, so they work in Voilà and can be checked in plain pytest (like ``peta.py``).
pyplot is not used: its global backend would change how ``plt.show()`` behaves in the kernel (and
in every kernel forked from a process that imported this module).
"""

from __future__ import annotations

import io

from matplotlib.figure import Figure

BULAN_PENDEK = ("Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des")
SKENARIO_WARNA = {"rencana": "#0b5394", "pbd": "#1e8449", "acak": "#d68910", "tanpa": "#7f8c8d"}
GARIS = ("#0b5394", "#c0392b", "#1e8449", "#8e44ad", "#d68910")


def figure(width: float = 8.0, height: float = 3.6):
    """A new figure and axes at the size the module pages use."""
    fig = Figure(figsize=(width, height), dpi=90)
    return fig, fig.subplots()


def png(fig) -> bytes:
    """PNG bytes of a figure (drawn by Agg; no pyplot, so nothing is left open)."""
    buf = io.BytesIO()
    fig.tight_layout()
    fig.savefig(buf, format="png")
    return buf.getvalue()
