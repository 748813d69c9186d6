"""The SPMI cycle as configuration: named orders of the steps, not code.

Three official orders exist (domain facts §1): the 2025 bimtek material (the default), the 2025
official guidance that puts penetapan standar first, and Permendikbud 28/2016.
"""

from __future__ import annotations

from dataclasses import dataclass

from labmutu.errors import LabMutuError

LANGKAH = {
    "pemetaan": "Pemetaan mutu",
    "penetapan": "Penetapan standar",
    "perencanaan": "Penyusunan rencana peningkatan",
    "pelaksanaan": "Pelaksanaan peningkatan",
    "monev": "Pemantauan dan evaluasi",
}


@dataclass(frozen=True)
class Cycle:
    """A named order of the SPMI steps."""

    name: str
    title: str
    steps: tuple[str, ...]

    def __post_init__(self) -> None:
        unknown = [s for s in self.steps if s not in LANGKAH]
        if unknown or len(set(self.steps)) != len(self.steps):
            raise LabMutuError(f"Siklus '{self.name}' tidak sah: langkah {unknown or 'berulang'}.",
                               f"Pakai langkah: {', '.join(LANGKAH)}, masing-masing sekali.")

    @property
    def labels(self) -> list[str]:
        return [LANGKAH[s] for s in self.steps]


CYCLES = {
    c.name: c for c in (
        Cycle("bimtek-2025", "Materi bimtek 2025",
              ("pemetaan", "penetapan", "perencanaan", "pelaksanaan", "monev")),
        Cycle("resmi-2025", "Panduan resmi 2025 (penetapan standar lebih dulu)",
              ("penetapan", "pemetaan", "perencanaan", "pelaksanaan", "monev")),
        Cycle("permendikbud-28-2016", "Permendikbud 28/2016",
              ("pemetaan", "perencanaan", "pelaksanaan", "monev", "penetapan")),
    )
}
DEFAULT = "bimtek-2025"


def get(name: str = DEFAULT) -> Cycle:
    """A cycle by name. Raises LabMutuError for an unknown name."""
    if name not in CYCLES:
        raise LabMutuError(f"Siklus '{name}' tidak dikenal.", f"Pilihan: {', '.join(CYCLES)}.")
    return CYCLES[name]
