"""Generating ``keuangan``: BOSP allocation and last year's RKAS realisation per school.

Allocation = satuan biaya × peserta didik (Permendikbud 6/2021 Pasal 5). The satuan biaya is the
2021 floor per jenjang times a regional cost index (IKK/IPD stand-in), kept inside the published
2021 ranges (domain facts §5.5). The index per kab/kota follows its island group and is an
assumption (asumsi pelatihan). Spending shares per component are drawn around a typical profile
(asumsi pelatihan); the honor share averages about 14 % in negeri and 30 % in swasta schools, so
some schools exceed the 2025 caps (20 % / 40 %): a teachable point for RKAS exercises.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from labmutu.datasets.schema import KOMPONEN_BOSP

COMPONENTS = tuple(KOMPONEN_BOSP)
# 2021 ranges of satuan biaya per student per year (Merdeka Belajar Episode 16).
SATUAN_MIN = {"SD": 900_000, "SMP": 1_100_000, "SMA": 1_500_000, "SMK": 1_600_000, "SLB": 3_500_000}
SATUAN_MAX = {"SD": 1_900_000, "SMP": 2_400_000, "SMA": 3_400_000, "SMK": 3_700_000, "SLB": 7_900_000}
# Cost index range by the first digit of the province code (island group), asumsi pelatihan.
INDEX_RANGE = {"1": (1.05, 1.40), "3": (1.00, 1.15), "5": (1.15, 1.50), "6": (1.25, 1.65),
               "7": (1.15, 1.50), "8": (1.45, 1.85), "9": (1.75, 2.10)}
MIN_STUDENTS = 60  # BOSP eligibility, except SLB and daerah khusus/3T (Permendikbud 6/2021)
# Typical spending profile (share of non-honor spending), asumsi pelatihan. k10/k11 are SMK only.
PROFILE = np.array([2, 8, 24, 8, 14, 6, 9, 14, 9, 3, 3])
HONOR_MEAN = {"Negeri": 14.0, "Swasta": 30.0}
HONOR_SD = {"Negeri": 6.0, "Swasta": 10.0}


def cost_index(kode_provinsi: str, rng: np.random.Generator) -> float:
    """The kab/kota's cost index relative to the national floor, rounded to 2 decimals."""
    low, high = INDEX_RANGE.get(kode_provinsi[0], (1.1, 1.5))
    return round(float(rng.uniform(low, high)), 2)


def make_keuangan(sekolah: pd.DataFrame, indeks: float, tahun: int,
                  rng: np.random.Generator) -> pd.DataFrame:
    """One row per school: unit cost, eligibility, allocation, realisation per component."""
    n = len(sekolah)
    jenjang = sekolah["jenjang"].to_numpy()
    status = sekolah["status"].to_numpy()
    students = sekolah["peserta_didik"].to_numpy()
    lo = np.array([SATUAN_MIN[j] for j in jenjang])
    hi = np.array([SATUAN_MAX[j] for j in jenjang])
    satuan = np.minimum(np.round(lo * indeks, -3), hi).astype(np.int64)
    layak = (students >= MIN_STUDENTS) | (jenjang == "SLB") | sekolah["daerah_3t"].to_numpy()
    alokasi = np.where(layak, satuan * students, 0).astype(np.int64)

    spent = np.floor(alokasi * rng.uniform(0.92, 1.0, n) / 1000) * 1000
    spent = np.where(rng.random(n) < 0.35, alokasi, spent).astype(np.int64)
    honor_pct = rng.normal([HONOR_MEAN[s] for s in status], [HONOR_SD[s] for s in status])
    honor = np.floor(alokasi * np.clip(honor_pct, 0, 60) / 100 / 1000) * 1000
    honor = np.minimum(honor, spent).astype(np.int64)

    profile = np.tile(PROFILE.astype(float), (n, 1))
    profile[jenjang != "SMK", 9:] = 0.0
    shares = rng.gamma(profile * 4 + 1e-9) * (profile > 0)
    shares /= shares.sum(axis=1, keepdims=True)
    rest = spent - honor
    parts = np.floor(shares * rest[:, None] / 1000) * 1000
    parts[:, 2] += rest - parts.sum(axis=1)  # rounding remainder goes to pembelajaran

    out = pd.DataFrame({
        "npsn": sekolah["npsn"].to_numpy(),
        "tahun": tahun,
        "indeks_biaya": indeks,
        "satuan_biaya": satuan,
        "peserta_didik": students,
        "layak_bosp": layak,
        "alokasi_bosp": alokasi,
    })
    for i, name in enumerate(COMPONENTS[:-1]):
        out[name] = parts[:, i].astype(np.int64)
    out["k12_honor"] = honor
    out["total_realisasi"] = spent
    with np.errstate(divide="ignore", invalid="ignore"):
        out["porsi_honor_persen"] = np.where(alokasi > 0, np.round(honor / alokasi * 100, 2), 0.0)
    return out
