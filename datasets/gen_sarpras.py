"""Generating buildings (``bangunan``) and the sarpras summary for the schools of one kab/kota.

Each school has blocks (massa bangunan) in proportion to its rombel. A block's damage level grows
with the years since its last rehabilitation, falls with school quality and is higher in 3T
areas (asumsi pelatihan); each of the 17 components gets its own damage around that level, and
the block's damage % and class follow the official rule (``rules.py``) from the rounded values.
Electricity is drawn so that about 76 % of schools sit below 2.200 VA (domain facts §7, 2025);
internet is worse in 3T areas (asumsi pelatihan).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from labmutu.datasets import rules
from labmutu.datasets.schema import KOMPONEN_BANGUNAN

COMPONENTS = tuple(KOMPONEN_BANGUNAN)
# How much each component suffers relative to the block's level: finishes wear faster than
# foundations (asumsi pelatihan).
WEAR = np.array([1.4, 0.9, 1.5, 1.1, 1.4, 1.6, 0.7, 0.9, 1.6, 1.2, 1.3, 1.3, 0.7, 1.2, 0.6, 0.7, 1.2])
# PLN connection steps (VA) and their national shares: 76 % below 2.200 VA.
DAYA_STEPS = np.array([0, 450, 900, 1300, 2200, 3500, 4400, 5500, 7700, 11000, 16500])
DAYA_SHARE = np.array([0.02, 0.06, 0.25, 0.43, 0.10, 0.05, 0.04, 0.03, 0.012, 0.005, 0.003])
INTERNET_SHARE = {False: (0.08, 0.37), True: (0.30, 0.50)}  # (Tidak ada, Terbatas); rest Stabil


def make_bangunan(sekolah: pd.DataFrame, q: np.ndarray, tahun_akhir: int,
                  rng: np.random.Generator) -> pd.DataFrame:
    """One row per building block with component damage, total damage, class and rehab year."""
    n = len(sekolah)
    blocks = np.clip(np.ceil(sekolah["rombel"].to_numpy() / 4) + 1, 1, 12).astype(int)
    owner = np.repeat(np.arange(n), blocks)
    m = len(owner)
    first = np.repeat(np.cumsum(blocks) - blocks, blocks)
    blok = np.arange(m) - first + 1

    rehabbed = rng.random(m) < 0.7
    age = np.minimum(rng.geometric(1 / 9, m), 40)
    rehab_year = np.where(rehabbed, tahun_akhir - age, np.nan)
    age = np.where(rehabbed, age, np.minimum(age + 10, 45))  # never rehabilitated: older

    t3 = sekolah["daerah_3t"].to_numpy()[owner]
    mu = np.log(6 + 1.1 * age) - 0.35 * q[owner] + 0.35 * t3
    level = np.exp(mu + rng.normal(0, 0.45, m))
    noise = rng.lognormal(0, 0.35, (m, len(COMPONENTS)))
    rusak = np.round(np.clip(level[:, None] * WEAR * noise, 0, 100))

    total = rules.building_damage(rusak)
    kelas = rules.damage_class(total, rules.structural_damage(rusak))
    lantai = np.where(rng.random(m) < np.where(sekolah["rombel"].to_numpy()[owner] > 18, 0.5, 0.08), 2, 1)

    out = pd.DataFrame({"npsn": sekolah["npsn"].to_numpy()[owner], "blok": blok, "lantai": lantai})
    for i, name in enumerate(COMPONENTS):
        out[f"rusak_{name}"] = rusak[:, i]
    out["kerusakan_persen"] = total
    out["kelas_kerusakan"] = kelas
    out["tahun_rehab_terakhir"] = pd.array(rehab_year, dtype="Int64")
    return out


def make_sarpras(sekolah: pd.DataFrame, bangunan: pd.DataFrame, q: np.ndarray,
                 rng: np.random.Generator) -> pd.DataFrame:
    """One row per school: block counts by class, worst damage, electricity, internet, IFP readiness."""
    n = len(sekolah)
    summary = block_summary(sekolah["npsn"], bangunan)
    t3 = sekolah["daerah_3t"].to_numpy().astype(bool)
    size = np.log(sekolah["rombel"].to_numpy() + 1)
    size_z = (size - 2.1) / 0.33
    # Unit variance outside 3T so the national shares hold; 3T sits lower (asumsi pelatihan).
    latent = 0.35 * q + 0.45 * size_z + 0.82 * rng.standard_normal(n) - 0.5 * t3 + 0.05
    cut = _normal_ppf(np.cumsum(DAYA_SHARE)[:-1])
    daya = DAYA_STEPS[np.searchsorted(cut, latent)]

    u = rng.random(n)
    none_p = np.where(t3, INTERNET_SHARE[True][0], INTERNET_SHARE[False][0]) - 0.04 * q
    limited_p = np.where(t3, INTERNET_SHARE[True][1], INTERNET_SHARE[False][1])
    internet = np.select([(daya == 0) | (u < none_p), u < none_p + limited_p],
                         ["Tidak ada", "Terbatas"], "Stabil").astype(object)

    return pd.DataFrame({
        "npsn": sekolah["npsn"].to_numpy(),
        **{c: summary[c].to_numpy() for c in summary.columns},
        "daya_listrik_va": daya.astype(int),
        "internet": internet,
        "siap_ifp": (daya >= 2200) & (internet != "Tidak ada"),
    })


def block_summary(npsn: pd.Series, bangunan: pd.DataFrame) -> pd.DataFrame:
    """Per school (in ``npsn`` order): block counts by class, worst damage, last rehab year."""
    n = len(npsn)
    owner = pd.Index(npsn).get_indexer(bangunan["npsn"])
    kelas = bangunan["kelas_kerusakan"].to_numpy()
    worst = np.zeros(n)
    np.maximum.at(worst, owner, bangunan["kerusakan_persen"].to_numpy())
    rehab = np.full(n, -1.0)
    np.maximum.at(rehab, owner, bangunan["tahun_rehab_terakhir"].to_numpy(dtype=float, na_value=-1.0))
    return pd.DataFrame({
        "jumlah_blok": np.bincount(owner, minlength=n),
        "blok_rusak_sedang": np.bincount(owner, weights=kelas == "Sedang", minlength=n).astype(int),
        "blok_rusak_berat": np.bincount(owner, weights=kelas == "Berat", minlength=n).astype(int),
        "kerusakan_maks_persen": worst,
        "tahun_rehab_terakhir": pd.array(np.where(rehab < 0, np.nan, rehab), dtype="Int64"),
    })


def _normal_ppf(p: np.ndarray) -> np.ndarray:
    """Standard normal quantiles (Acklam's rational approximation; no scipy needed)."""
    a = (-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
         1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00)
    b = (-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
         6.680131188771972e+01, -1.328068155288572e+01)
    c = (-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
         -2.549671010061696e+00, 4.374664141464968e+00, 2.938163982698783e+00)
    d = (7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00)
    p = np.asarray(p, dtype=float)
    out = np.empty_like(p)
    low, high = p < 0.02425, p > 1 - 0.02425
    mid = ~(low | high)
    qm = p[mid] - 0.5
    r = qm * qm
    out[mid] = ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * qm /
                (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1))
    for mask, sign, pp in ((low, 1, p[low]), (high, -1, 1 - p[high])):
        ql = np.sqrt(-2 * np.log(pp))
        out[mask] = sign * ((((((c[0] * ql + c[1]) * ql + c[2]) * ql + c[3]) * ql + c[4]) * ql + c[5]) /
                            ((((d[0] * ql + d[1]) * ql + d[2]) * ql + d[3]) * ql + 1))
    return out
