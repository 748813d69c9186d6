"""Warms matplotlib's font cache so the first module page does not wait for it.

A cold ``import matplotlib.pyplot`` scans every system font and can take many seconds;
after this runs once, it takes a fraction of a second.
"""

from __future__ import annotations

import os


def warm_matplotlib() -> None:
    """Builds matplotlib's font cache if it is missing."""
    os.environ.setdefault("MPLBACKEND", "Agg")
    import matplotlib.font_manager as font_manager

    font_manager.findfont("DejaVu Sans")


if __name__ == "__main__":
    warm_matplotlib()
