"""Generating Rapor Pendidikan indicators (long table) and legacy PMP scores for schools.

The causal story (asumsi pelatihan, documented in KAMUS_DATA.md): a latent school quality q
drives kepemimpinan instruksional (D.3) and pelatihan PTK (C.3); D.3 drives refleksi guru (D.2);
D.1 kualitas pembelajaran follows D.2, C.3 and D.3; literasi (A.1) and numerasi (A.2) follow D.1;
the climate indices (D.4, D.6, D.8, D.10) follow D.3 and drive karakter (A.3); management
indices (E.x) follow q and D.3. Each link is a standardised weight; each year adds fresh noise.
"""

from __future__ import annotations

import numpy as np

from labmutu.datasets.gen_sekolah import Q_SCALE_3T, Q_SHIFT_3T
from labmutu.datasets.schema import INDIKATOR, STANDAR_SNP

CODES = tuple(INDIKATOR)
# Causes before effects; A.1, A.2 and A.3 come last (see latent_z).
CAUSAL_ORDER = ("D.3", "C.3", "D.2", "D.1", "D.4", "D.6", "D.8", "D.10", "E.1", "E.2", "E.3", "E.5")
SD_POINTS = 14.0  # spread of every indicator between schools, in points (asumsi pelatihan)

# National mean of A.1/A.2 by jenjang and years before the final year (domain facts §11).
# Offset 0 is the final year (2024 figures); -1 and -2 follow the literacy trajectory
# 2023 report (AN 2022) and 2021; numeracy and SMK history assume the same steps
# (BELUM TERKONFIRMASI); SLB is an assumption throughout.
LITERASI = {"SD": (53.42, 61.53, 71.76), "SMP": (51.37, 59.00, 70.34), "SMA": (53.85, 49.26, 64.83),
            "SMK": (55.05, 50.46, 66.03), "SLB": (38.0, 42.0, 48.0)}
NUMERASI_FINAL = {"SD": 69.51, "SMP": 68.10, "SMA": 63.71, "SMK": 64.02, "SLB": 45.0}
# Other indicators: national mean in the final year and yearly gain (asumsi pelatihan).
OTHER_MEAN = {"A.3": 62, "C.3": 55, "D.1": 58, "D.2": 55, "D.3": 60, "D.4": 66, "D.6": 72,
              "D.8": 70, "D.10": 62, "E.1": 63, "E.2": 56, "E.3": 60, "E.5": 59}
OTHER_GAIN = 1.5
GAP_3T = 10.0  # how far 3T schools sit below the rest on average, in points
SPREAD_3T = 1.3  # and how much more spread out they are
JENJANG_SORTED = ("SD", "SLB", "SMA", "SMK", "SMP")  # sorted, for np.searchsorted


def national_mean(code: str, jenjang: str, offset: int) -> float:
    """Calibrated national mean for an indicator, jenjang and year offset (0 = final year)."""
    if code == "A.1":
        series = LITERASI[jenjang]
        return series[2 + offset] if offset >= -2 else series[0] + 8.0 * (offset + 2)
    if code == "A.2":
        lit = LITERASI[jenjang]
        step = (lit[2 + offset] if offset >= -2 else lit[0] + 8.0 * (offset + 2)) - lit[2]
        return NUMERASI_FINAL[jenjang] + step
    return OTHER_MEAN[code] + OTHER_GAIN * offset


def _standardise(*parts: tuple[float, np.ndarray]) -> np.ndarray:
    total = sum(w * x for w, x in parts)
    return total / np.sqrt(sum(w * w for w, _ in parts))


def latent_z(q: np.ndarray, rng: np.random.Generator, n_years: int) -> dict[str, np.ndarray]:
    """Standardised indicator scores, shape (n_years, n_schools), following the causal story."""
    n = len(q)
    stable = {c: rng.standard_normal(n) for c in CODES}  # school-specific, persistent
    yearly = rng.standard_normal((len(CODES), n_years, n)) * 0.35
    z: dict[str, np.ndarray] = {}
    for code in CAUSAL_ORDER:
        noise = stable[code] + yearly[CODES.index(code)]
        if code == "D.3":
            z[code] = _standardise((0.8, q), (0.6, noise))
        elif code == "C.3":
            z[code] = _standardise((0.6, q), (0.8, noise))
        elif code == "D.2":
            z[code] = _standardise((0.6, z["D.3"]), (0.3, z["C.3"]), (0.7, noise))
        elif code == "D.1":
            z[code] = _standardise((0.45, z["D.2"]), (0.3, z["C.3"]), (0.3, z["D.3"]), (0.6, noise))
        elif code in ("D.4", "D.6", "D.8", "D.10"):
            z[code] = _standardise((0.5, z["D.3"]), (0.85, noise))
        elif code.startswith("E."):
            z[code] = _standardise((0.4, q), (0.3, z["D.3"]), (0.85, noise))
    climate = (z["D.4"] + z["D.6"] + z["D.8"] + z["D.10"]) / 4
    n_a3 = stable["A.3"] + yearly[CODES.index("A.3")]
    z["A.3"] = _standardise((0.5, climate), (0.3, z["D.1"]), (0.8, n_a3))
    for code, w in (("A.1", 0.7), ("A.2", 0.65)):
        own = stable[code] + yearly[CODES.index(code)]
        z[code] = _standardise((w, z["D.1"]), (0.3, q), (0.6, own))
    return z


def make_indikator(jenjang: np.ndarray, q: np.ndarray, daerah_3t: bool, share_3t: dict[str, float],
                   years: list[int], rng: np.random.Generator) -> np.ndarray:
    """Indicator values, shape (n_years, n_codes, n_schools), rounded to 2 decimals.

    3T schools sit ``GAP_3T`` points lower and ``SPREAD_3T`` times more spread out; ``share_3t``
    (national share of 3T schools per jenjang) gives the others the matching small lift, so the
    national mean per jenjang stays on its calibrated value.
    """
    # q is lower and wider in 3T (gen_sekolah); standardise it so the gap is set here, once.
    q_std = (q + Q_SHIFT_3T) / Q_SCALE_3T if daerah_3t else q
    z = latent_z(q_std, rng, len(years))
    j_index = np.searchsorted(np.array(JENJANG_SORTED), jenjang)
    share = np.array([share_3t[j] for j in JENJANG_SORTED])[j_index]
    lift = -GAP_3T * (1 - share) if daerah_3t else GAP_3T * share
    spread = SD_POINTS * (SPREAD_3T if daerah_3t else 1.0)
    out = np.empty((len(years), len(CODES), len(q)))
    for y, year in enumerate(years):
        offset = year - years[-1]
        for c, code in enumerate(CODES):
            means = np.array([national_mean(code, j, offset) for j in JENJANG_SORTED])
            out[y, c] = means[j_index] + lift + spread * z[code][y]
    return np.round(np.clip(out, 0, 100), 2)


def make_standar_snp(q: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Legacy PMP scores 0–7 for the 8 SNP, shape (n_schools, 8), rounded to 2 decimals."""
    n = len(q)
    school = 4.9 + 0.75 * q[:, None]
    per_standard = rng.normal(0, 0.55, (n, len(STANDAR_SNP)))
    return np.round(np.clip(school + per_standard, 0, 7), 2)
