"""Warms matplotlib's font cache so the first module page does not wait for it.

A cold ``import matplotlib.pyplot`` scans every system font and can take many seconds;
after this runs once, it takes a fraction of a second. Kernels started by ``labmutu serve``
run as the same user with the same environment, so they find the same cache.

The environment is left alone on purpose: ``labmutu serve`` calls this, and its kernels inherit
its environment. Setting ``MPLBACKEND`` here (e.g. to ``Agg``) would stop ipykernel from choosing
the inline backend, and ``plt.show()`` in a module page would show nothing.
"""

from __future__ import annotations


def warm_matplotlib() -> None:
    """Builds matplotlib's font cache if it is missing (importing font_manager does it)."""
    import matplotlib.font_manager as font_manager

    font_manager.findfont("DejaVu Sans")


if __name__ == "__main__":
    warm_matplotlib()
