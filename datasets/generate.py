"""The synthetic school generator: ``generate()`` builds every table for a wilayah.

Each kab/kota draws from its own generator seeded by ``(random_state, kode_kabkota)``, so a
kab/kota gets the same schools whether it is generated alone, with its province or with the
whole country, and the same seed always gives identical tables.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import numpy as np
import pandas as pd

from labmutu.datasets import reference, rules
from labmutu.datasets.gen_indikator import CODES, make_indikator, make_standar_snp
from labmutu.datasets.gen_keuangan import cost_index, make_keuangan
from labmutu.datasets.gen_sarpras import make_bangunan, make_sarpras
from labmutu.datasets.gen_sekolah import JENJANG_ORDER, make_sekolah
from labmutu.datasets.schema import STANDAR_SNP, TABLES
from labmutu.errors import LabMutuError

PMP_TAHUN = 2019  # the last year of the legacy Rapor Mutu PMP (asumsi pelatihan)
TAHUN_RANGE = (2019, 2035)


def generate(wilayah: str = "nasional", random_state: int = 0, tahun_akhir: int = 2024,
             n_tahun: int = 3, progress: Callable[[Iterable], Iterable] | None = None
             ) -> dict[str, pd.DataFrame]:
    """Generate the sample tables for a kab/kota, a province or the whole country.

    Args:
        wilayah: "nasional", a province code ("53"), a kab/kota code ("5312") or a name.
        random_state: seed (a non-negative integer); the same seed gives identical tables.
        tahun_akhir: the last year of indicator history (2024: the calibration year).
        n_tahun: years of indicator history, 3 or more.
        progress: optional wrapper over the kab/kota loop (for example ``tqdm``).

    Returns:
        Tables by name, as in ``schema.TABLES``: sekolah, indikator, standar_snp, bangunan,
        sarpras, keuangan.

    Raises:
        LabMutuError: bad arguments, in Indonesian.
    """
    seed = _check_args(random_state, tahun_akhir, n_tahun)
    codes = reference.resolve_wilayah(wilayah)
    kab = reference.kabupaten_kota().set_index("kode_kabkota")
    counts = reference.sekolah_per_kabkota().set_index("kode_kabkota")
    rank = {k: i for i, k in enumerate(kab.index)}
    share_3t = national_share_3t()
    years = list(range(tahun_akhir - n_tahun + 1, tahun_akhir + 1))

    parts: dict[str, list] = {name: [] for name in TABLES}
    values = []
    for code in (progress(codes) if progress else codes):
        row = kab.loc[code]
        t3 = bool(row["daerah_3t"])
        rng_s, rng_i, rng_b, rng_k = (np.random.default_rng(s) for s in
                                      np.random.SeedSequence([seed, int(code)]).spawn(4))
        sekolah, q = make_sekolah(row.rename({"lat": "lat", "lon": "lon"}).copy().pipe(_with_code, code),
                                  counts.loc[code], rank[code], t3, rng_s)
        if sekolah.empty:
            continue
        values.append(make_indikator(sekolah["jenjang"].to_numpy(), q, t3, share_3t, years, rng_i))
        snp = pd.DataFrame(make_standar_snp(q, rng_i), columns=list(STANDAR_SNP))
        snp.insert(0, "tahun", PMP_TAHUN)
        snp.insert(0, "npsn", sekolah["npsn"].to_numpy())
        bangunan = make_bangunan(sekolah, q, tahun_akhir, rng_b)
        parts["sekolah"].append(sekolah)
        parts["standar_snp"].append(snp)
        parts["bangunan"].append(bangunan)
        parts["sarpras"].append(make_sarpras(sekolah, bangunan, q, rng_b))
        parts["keuangan"].append(make_keuangan(sekolah, cost_index(row["kode_provinsi"], rng_k),
                                               tahun_akhir, rng_k))
    if not parts["sekolah"]:
        raise LabMutuError(f"Wilayah '{wilayah}' tidak punya sekolah dalam data referensi.",
                           "Pilih wilayah lain.")
    tables = {name: pd.concat(p, ignore_index=True) for name, p in parts.items() if p}
    tables["indikator"] = _long_indikator(tables["sekolah"]["npsn"].to_numpy(),
                                          np.concatenate(values, axis=2), years)
    return {name: tables[name] for name in TABLES}


def national_share_3t() -> dict[str, float]:
    """Share of schools in daerah tertinggal per jenjang, from the reference counts."""
    kab = reference.kabupaten_kota().set_index("kode_kabkota")
    counts = reference.sekolah_per_kabkota().set_index("kode_kabkota")
    t3 = kab["daerah_3t"].reindex(counts.index).fillna(False).astype(bool)
    out = {}
    for j in JENJANG_ORDER:
        total = counts[f"{j.lower()}_negeri"] + counts[f"{j.lower()}_swasta"]
        out[j] = float(total[t3].sum() / total.sum()) if total.sum() else 0.0
    return out


def _with_code(row: pd.Series, code: str) -> pd.Series:
    row["kode_kabkota"] = code
    return row


def _long_indikator(npsn: np.ndarray, values: np.ndarray, years: list[int]) -> pd.DataFrame:
    """(years, codes, schools) values → one row per school, year and indicator."""
    n_years, n_codes, n = values.shape
    by_school = values.transpose(2, 0, 1)  # (schools, years, codes)
    change = np.full_like(by_school, np.nan)
    change[:, 1:, :] = np.round(by_school[:, 1:, :] - by_school[:, :-1, :], 2)
    nilai = by_school.ravel()
    return pd.DataFrame({
        "npsn": np.repeat(npsn, n_years * n_codes),
        "tahun": np.tile(np.repeat(np.array(years), n_codes), n),
        "kode_indikator": pd.Categorical.from_codes(np.tile(np.arange(n_codes), n * n_years),
                                                    categories=list(CODES)),
        "nilai": nilai,
        "capaian": pd.Categorical(rules.capaian(nilai), categories=["Baik", "Sedang", "Kurang"]),
        "perubahan": change.ravel(),
    })


def _check_args(random_state, tahun_akhir, n_tahun) -> int:
    if isinstance(random_state, bool) or not isinstance(random_state, (int, np.integer)) \
            or random_state < 0:
        raise LabMutuError(f"Seed harus bilangan bulat 0 atau lebih, bukan {random_state!r}.",
                           "Contoh: --seed 1.")
    if not isinstance(n_tahun, (int, np.integer)) or not 3 <= n_tahun <= 10:
        raise LabMutuError(f"Jumlah tahun riwayat harus 3 sampai 10, bukan {n_tahun!r}.",
                           "Rapor Pendidikan butuh minimal 3 tahun untuk melihat tren.")
    lo, hi = TAHUN_RANGE
    if not isinstance(tahun_akhir, (int, np.integer)) or not lo <= tahun_akhir <= hi:
        raise LabMutuError(f"Tahun akhir harus antara {lo} dan {hi}, bukan {tahun_akhir!r}.",
                           "Tahun kalibrasi data adalah 2024.")
    return int(random_state)
