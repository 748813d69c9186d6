"""Choosing the school a module works on, and the one-school simulation behind it.

``SchoolChooser`` pairs the sample dropdown with a ``SchoolPicker``; its ``value`` is the pair
(sample, npsn), npsn ``""`` while no school is chosen. ``sample_tables`` loads a sample's tables
once per sample name; ``simulation`` builds the ``SimulasiSekolah`` of one school (kept for a
few schools, so switching back and forth stays instant). ``working`` shows "Menghitung…" while
a callback runs and turns any error into a message a trainee can read.

CSS classes for browser tests: ``lm-pilih-data`` (sample dropdown), ``lm-status`` (progress and
error line).
"""

from __future__ import annotations

import contextlib
import functools
import html
import logging
from typing import Iterator

import ipywidgets as w
import pandas as pd
import traitlets

from labmutu.datasets import samples
from labmutu.errors import LabMutuError
from labmutu.simulations.sekolah import SimulasiSekolah
from labmutu.widgets.lean import HTML
from labmutu.widgets.picker import SchoolPicker

log = logging.getLogger("labmutu.widgets")

TABLES = ("sekolah", "indikator", "keuangan", "sarpras")
# The seed of the modules' one-school simulations; plans and RKAS do not depend on it.
SEED = 7


@functools.cache
def sample_tables(name: str) -> dict[str, pd.DataFrame]:
    """The contract tables of a shipped sample, loaded once per name (treat them as read-only)."""
    return {t: samples.load(name, t) for t in TABLES}


@functools.lru_cache(maxsize=16)
def simulation(name: str, npsn: str) -> SimulasiSekolah:
    """The one-school simulation of ``npsn`` in sample ``name`` (cached per pair).

    Raises:
        LabMutuError: unknown sample or school.
    """
    return SimulasiSekolah(sample_tables(name), npsn, seed=SEED)


@contextlib.contextmanager
def working(status: w.HTML, text: str = "Menghitung…") -> Iterator[None]:
    """Shows ``text`` in ``status`` while the block runs; an error becomes an Indonesian message."""
    status.value = f"<span class='lm-sibuk' style='color:#0b5394'>⏳ {html.escape(text)}</span>"
    try:
        yield
    except LabMutuError as exc:
        status.value = _problem(f"{exc.message} {exc.hint}".strip())
    except Exception:  # a trainee never sees a traceback; the log keeps it for the trainer
        log.exception("perhitungan gagal")
        status.value = _problem("Terjadi kesalahan saat menghitung. Pilih sekolah lain atau beri tahu pelatih.")
    else:
        status.value = ""


def _problem(text: str) -> str:
    return (f"<div style='background:#fdecea;border-left:4px solid #b02a37;padding:6px 10px'>"
            f"{html.escape(text)}</div>")


class SchoolChooser(w.VBox):
    """The sample dropdown and the school picker.

    Args:
        sample: the sample to start with (unknown names fall back to ``default_sample``).
        npsn: the school to select at start (``""``: none).
        default_sample: the sample used when ``sample`` is not shipped.
    """

    value = traitlets.Tuple(traitlets.Unicode(), traitlets.Unicode())

    def __init__(self, sample: str, npsn: str = "", default_sample: str = "sekolah-latihan") -> None:
        sample = sample if sample in samples.SAMPLES else default_sample
        self.sample = w.Dropdown(description="Data", options=[(v.judul, k) for k, v in samples.SAMPLES.items()],
                                 value=sample, style={"description_width": "90px"},
                                 layout=w.Layout(width="520px"))
        self.sample.add_class("lm-pilih-data")
        self.status = HTML()
        self.status.add_class("lm-status")
        self.picker_box = w.VBox()
        super().__init__([self.sample, self.picker_box, self.status])
        self._build_picker(sample, npsn)
        self.value = (sample, self.picker.value)
        self.sample.observe(self._on_sample_change, names="value")

    @property
    def sekolah(self) -> pd.DataFrame:
        """The ``sekolah`` table of the chosen sample."""
        return sample_tables(self.sample.value)["sekolah"]

    def school_row(self) -> pd.Series | None:
        """The chosen school's row of ``sekolah`` (None while none is chosen)."""
        rows = self.sekolah[self.sekolah["npsn"] == self.picker.value]
        return None if rows.empty else rows.iloc[0]

    def _build_picker(self, sample: str, npsn: str) -> None:
        self.picker = SchoolPicker(sample_tables(sample)["sekolah"], value=npsn)
        self.picker.observe(self._on_picker_value_change, names="value")
        self.picker_box.children = [self.picker]

    def _on_sample_change(self, change: dict) -> None:
        with working(self.status, "Memuat data sekolah…"):
            self._build_picker(change["new"], "")
        self.value = (change["new"], "")

    def _on_picker_value_change(self, change: dict) -> None:
        self.value = (self.sample.value, change["new"] or "")
