"""Official rules the data follows, in one place: capaian categories and building damage.

The generator writes data that obeys them, the validator checks them, and the simulation engine
reuses them, so a threshold is never written twice.
"""

from __future__ import annotations

import numpy as np

from labmutu.datasets.schema import KOMPONEN_BANGUNAN, KOMPONEN_STRUKTUR

# Rapor Pendidikan literacy/numeracy: Baik > 70, Sedang 40–70, Kurang < 40 (domain facts §4).
# Using the same cut-offs for the other indicators is an assumption (asumsi pelatihan).
CAPAIAN_BAIK = 70.0
CAPAIAN_KURANG = 40.0

# Building damage classes per massa bangunan (SE Mendikbudristek 2883/A.A1/PR.07.05/2024).
RUSAK_RINGAN_MAKS = 30.0
RUSAK_SEDANG_MAKS = 45.0
STRUKTUR_BERAT = 30.0

WEIGHTS = np.array(list(KOMPONEN_BANGUNAN.values()))
STRUCTURAL = np.array([k in KOMPONEN_STRUKTUR for k in KOMPONEN_BANGUNAN])


def capaian(nilai) -> np.ndarray:
    """Capaian category of indicator values: "Baik", "Sedang" or "Kurang"."""
    v = np.asarray(nilai, dtype=float)
    return np.select([v > CAPAIAN_BAIK, v >= CAPAIAN_KURANG], ["Baik", "Sedang"], "Kurang").astype(object)


def building_damage(rusak) -> np.ndarray:
    """Damage % of blocks = Σ(weight × component damage %) / 100; ``rusak`` is (blocks, 17)."""
    return np.round(_weighted_sum(np.asarray(rusak, dtype=float), WEIGHTS) / 100.0, 2)


def structural_damage(rusak) -> np.ndarray:
    """Weighted mean damage % of the structural components (KOMPONEN_STRUKTUR) of each block."""
    r = np.asarray(rusak, dtype=float)[:, STRUCTURAL]
    w = WEIGHTS[STRUCTURAL]
    return np.round(_weighted_sum(r, w) / w.sum(), 2)


def _weighted_sum(r: np.ndarray, w: np.ndarray) -> np.ndarray:
    # Summed column by column in a fixed order: a matrix product may sum in another order
    # depending on memory layout, and a last-bit difference flips rounding at x.xx5.
    total = np.zeros(len(r))
    for k in range(len(w)):
        total += r[:, k] * w[k]
    return total


def damage_class(total, structural) -> np.ndarray:
    """"Ringan" ≤ 30 %, "Sedang" > 30–45 %, "Berat" > 45 % or structural damage > 30 %."""
    t = np.asarray(total, dtype=float)
    s = np.asarray(structural, dtype=float)
    berat = (t > RUSAK_SEDANG_MAKS) | (s > STRUKTUR_BERAT)
    return np.select([berat, t > RUSAK_RINGAN_MAKS], ["Berat", "Sedang"], "Ringan").astype(object)
