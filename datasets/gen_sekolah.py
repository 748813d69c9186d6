"""Generating the ``sekolah`` table for one kab/kota: fictional schools on real counts.

Counts per jenjang and status follow ``sekolah_per_kabkota.csv`` exactly; names and NPSN are
fictional (NPSN start with 9); positions scatter around the kab/kota centroid. A latent school
quality ``q`` (standard normal, lower and more spread in 3T) is returned alongside for the other
tables; it is not written out.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

JENJANG_ORDER = ("SD", "SMP", "SMA", "SMK", "SLB")
# Mean students per school (Dapodik 2017/18, domain facts §11) and class size (asumsi pelatihan).
MEAN_STUDENTS = {"SD": 170, "SMP": 256, "SMA": 350, "SMK": 350, "SLB": 57}
CLASS_SIZE = {"SD": 28, "SMP": 32, "SMA": 34, "SMK": 34, "SLB": 8}
MIN_ROMBEL = {"SD": 6, "SMP": 3, "SMA": 3, "SMK": 3, "SLB": 1}
TEACHERS_PER_ROMBEL = {"SD": 1.4, "SMP": 1.7, "SMA": 1.8, "SMK": 1.9, "SLB": 1.4}
SWASTA_NAMES = ("Harapan Bangsa", "Tunas Harapan", "Bina Insani", "Al-Hikmah", "Nurul Iman",
                "Muhammadiyah", "Kristen Kalam Kudus", "Katolik Santo Yosef", "Pelita Kasih",
                "Taman Siswa", "PGRI", "Cahaya Ilmu", "Insan Mulia", "Budi Utama", "Darul Ulum",
                "Mardi Yuana", "Widya Bhakti", "Bintang Timur", "Al-Falah", "Karya Bakti")
Q_SHIFT_3T, Q_SCALE_3T = 0.8, 1.3  # latent quality in 3T: lower and wider (asumsi pelatihan)
NPSN_BLOCK = 19_000  # NPSN = 9xxxxxxx: one block of numbers per kab/kota (max ~4.000 schools)


def make_sekolah(kab: pd.Series, counts: pd.Series, kab_rank: int, daerah_3t: bool,
                 rng: np.random.Generator) -> tuple[pd.DataFrame, np.ndarray]:
    """The schools of one kab/kota and their latent quality.

    Args:
        kab: the kab/kota's reference row (kode_kabkota, kode_provinsi, nama, jenis, lat, lon).
        counts: its row of ``sekolah_per_kabkota`` (sd_negeri … slb_swasta).
        kab_rank: its position among all 514 kab/kota (fixes its NPSN block).
        daerah_3t: whether it is a daerah tertinggal.
        rng: the kab/kota's own generator.
    """
    jenjang, status = [], []
    for j in JENJANG_ORDER:
        for s, label in (("negeri", "Negeri"), ("swasta", "Swasta")):
            n = int(counts[f"{j.lower()}_{s}"])
            jenjang += [j] * n
            status += [label] * n
    n = len(jenjang)
    jenjang = np.array(jenjang, dtype=object)
    status = np.array(status, dtype=object)
    swasta = status == "Swasta"

    q = rng.standard_normal(n)
    if daerah_3t:
        q = q * Q_SCALE_3T - Q_SHIFT_3T
    npsn = 90_000_000 + kab_rank * NPSN_BLOCK + np.sort(rng.choice(NPSN_BLOCK, size=n, replace=False))

    mean = np.array([MEAN_STUDENTS[j] for j in jenjang], dtype=float)
    mean *= np.where(swasta, 0.7, 1.0) * (0.8 if daerah_3t else 1.0)
    students = np.round(mean * rng.lognormal(-0.18, 0.6, n)).astype(int).clip(8, 3000)
    size = np.array([CLASS_SIZE[j] for j in jenjang])
    rombel = np.maximum(np.ceil(students / size), [MIN_ROMBEL[j] for j in jenjang]).astype(int)
    ratio = np.array([TEACHERS_PER_ROMBEL[j] for j in jenjang])
    guru = np.maximum(np.round(rombel * ratio * rng.normal(1.0, 0.15, n)), 2).astype(int)

    akreditasi = np.select([q > 0.5, q > -0.7, q > -1.8], ["A", "B", "C"], "Belum").astype(object)
    new_small = swasta & (students < 60) & (rng.random(n) < 0.5)
    akreditasi[new_small] = "Belum"

    lat = (kab["lat"] + rng.normal(0, 0.12, n)).clip(-11.5, 6.5).round(5)
    lon = (kab["lon"] + rng.normal(0, 0.12, n)).clip(94.5, 141.5).round(5)

    sekolah = pd.DataFrame({
        "npsn": npsn.astype(str),
        "nama": _names(jenjang, status, kab["nama"], rng),
        "jenjang": jenjang,
        "status": status,
        "kode_kabkota": kab["kode_kabkota"],
        "kode_provinsi": kab["kode_provinsi"],
        "daerah_3t": daerah_3t,
        "lat": lat,
        "lon": lon,
        "peserta_didik": students,
        "guru": guru,
        "rombel": rombel,
        "akreditasi": akreditasi,
    })
    return sekolah, q


def _names(jenjang: np.ndarray, status: np.ndarray, place: str, rng: np.random.Generator) -> list[str]:
    """"SD Negeri 3 Sumba Barat" for negeri; "SMP Al-Hikmah Sumba Barat" for swasta (numbered if repeated)."""
    names, seen = [], {}
    for j, s in zip(jenjang, status):
        if s == "Negeri":
            key = (j, "Negeri")
            seen[key] = seen.get(key, 0) + 1
            names.append(f"{j} Negeri {seen[key]} {place}")
        else:
            base = f"{j} {SWASTA_NAMES[rng.integers(len(SWASTA_NAMES))]} {place}"
            seen[base] = seen.get(base, 0) + 1
            names.append(base if seen[base] == 1 else f"{base} {seen[base]}")
    return names
