"""The "sekolah latihan" sample: ten schools, each built around one teachable problem.

They start as generated schools of two real kab/kota (Kab. Belitung, and Kab. Sumba Barat for
the 3T cases) and are then edited so the problem is clear; derived columns (capaian, perubahan,
damage class, totals) are recomputed by the same rules as everywhere else. ``CASES`` is what
trainers read (it goes into the sample's README).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from labmutu.datasets import rules
from labmutu.datasets.gen_keuangan import COMPONENTS as KEU_COMPONENTS, PROFILE
from labmutu.datasets.gen_sarpras import COMPONENTS, block_summary
from labmutu.datasets.generate import generate

# (kab/kota, jenjang, status, case title, what the trainee should find)
CASES = (
    ("1902", "SD", "Negeri", "Literasi rendah dan menurun",
     "A.1 Kurang dan turun dua tahun; akar masalah di D.1 kualitas pembelajaran dan D.2 refleksi guru."),
    ("1902", "SD", "Negeri", "Numerasi tertinggal dari literasi",
     "A.1 Baik tetapi A.2 Sedang mendekati batas; prioritas numerasi, bukan literasi."),
    ("5312", "SD", "Negeri", "Sekolah 3T dengan bangunan rusak berat",
     "Semua blok rusak berat (kerusakan > 45 %), listrik 450 VA, tanpa internet: calon revitalisasi, belum siap papan interaktif."),
    ("1902", "SMP", "Negeri", "Honor melampaui batas 2025",
     "Porsi honor 28 % dari alokasi: sah pada aturan lama (50 %), melanggar batas 2025 (20 % negeri)."),
    ("1902", "SMP", "Swasta", "Sekolah swasta kecil",
     "55 peserta didik (< 60): tidak layak BOSP reguler, alokasi Rp 0; kegiatan perlu sumber dana lain."),
    ("1902", "SMA", "Negeri", "Iklim keamanan buruk",
     "D.4 iklim keamanan dan A.3 karakter Kurang, sementara literasi dan numerasi Sedang."),
    ("1902", "SMK", "Negeri", "Sekolah yang sudah baik",
     "Hampir semua indikator Baik: latihan menetapkan standar di atas SNP."),
    ("1902", "SD", "Swasta", "Dua prioritas seri",
     "A.1 dan A.2 sama-sama Kurang: urutan prioritas ditentukan kuintil lalu penurunan terbesar."),
    ("5312", "SLB", "Negeri", "SLB kecil di daerah 3T",
     "24 peserta didik, tetap layak BOSP (pengecualian SLB); iklim inklusivitas perlu dijaga."),
    ("1902", "SD", "Negeri", "Lonjakan data yang mencurigakan",
     "A.2 naik 30 poin dalam setahun: latihan verifikasi dan validasi data sebelum dipakai."),
)

# Indicator values per case for the three years (oldest first); codes not listed keep their values.
INDICATORS = {
    0: {"A.1": (52.0, 44.5, 36.2), "D.1": (45.0, 41.0, 37.5), "D.2": (40.0, 36.0, 33.0)},
    1: {"A.1": (70.5, 72.0, 74.3), "A.2": (47.0, 45.0, 43.1), "D.1": (62.0, 63.0, 61.5)},
    2: {"A.1": (41.0, 39.5, 38.0), "A.2": (38.0, 36.5, 35.2), "E.3": (25.0, 22.0, 20.0)},
    3: {"E.2": (55.0, 52.0, 48.0)},
    4: {"A.1": (58.0, 55.0, 53.0)},
    5: {"D.4": (42.0, 38.0, 31.5), "A.3": (45.0, 41.0, 36.0), "A.1": (58.0, 59.0, 60.2),
        "A.2": (55.0, 56.0, 57.4)},
    6: {c: (74.0 + k % 5, 76.0 + k % 5, 78.0 + k % 6) for k, c in enumerate(
        ("A.1", "A.2", "A.3", "C.3", "D.1", "D.2", "D.3", "D.4", "D.6", "D.8", "D.10", "E.1", "E.2"))},
    7: {"A.1": (41.0, 41.0, 35.0), "A.2": (39.0, 40.0, 35.0)},
    8: {"D.10": (48.0, 44.0, 41.0)},
    9: {"A.2": (41.0, 43.0, 73.0)},
}
# Level around which every other indicator of the case sits, so only the intended problem stands out.
BASE = {0: 58, 1: 66, 2: 46, 3: 62, 4: 56, 5: 60, 6: 80, 7: 60, 8: 52, 9: 63}
HONOR = {3: 28.0}
HONOR_OTHERS = {"Negeri": 15.0, "Swasta": 30.0}  # the other cases stay inside the 2025 caps
STUDENTS = {4: 55, 7: 96, 8: 24}
SARPRAS = {2: {"daya_listrik_va": 450, "internet": "Tidak ada"}}
HEAVY_DAMAGE = {2: (99, 62.0)}  # case → (most blocks damaged, component damage %)


def make_latihan(random_state: int = 7, tahun_akhir: int = 2024) -> dict[str, pd.DataFrame]:
    """The ten training schools with every table, following ``CASES``."""
    full = {kode: generate(kode, random_state, tahun_akhir) for kode in sorted({c[0] for c in CASES})}
    picked, used = [], set()
    for kode, jenjang, status, *_ in CASES:
        s = full[kode]["sekolah"]
        pool = s[(s.jenjang == jenjang) & (s.status == status) & ~s.npsn.isin(used)]
        npsn = pool["npsn"].iloc[0]
        used.add(npsn)
        picked.append((kode, npsn))
    tables = {}
    for name in full[CASES[0][0]]:
        frames = [full[k][name][full[k][name]["npsn"] == n] for k, n in picked]
        tables[name] = pd.concat(frames, ignore_index=True)
    order = [n for _, n in picked]
    _apply_cases(tables, order, np.random.default_rng(random_state))
    return tables


def _apply_cases(t: dict[str, pd.DataFrame], order: list[str], rng: np.random.Generator) -> None:
    ind = t["indikator"]
    years = sorted(ind["tahun"].unique())[-3:]
    for case, base in BASE.items():
        mask = (ind.npsn == order[case]) & ind.tahun.isin(years)
        step = (ind.loc[mask, "tahun"] - years[-1]).to_numpy()
        ind.loc[mask, "nilai"] = np.round(base + 1.0 * step + rng.normal(0, 3.0, mask.sum()), 2)
    for case, values in INDICATORS.items():
        for code, series in values.items():
            for year, v in zip(years, series):
                mask = (ind.npsn == order[case]) & (ind.kode_indikator == code) & (ind.tahun == year)
                ind.loc[mask, "nilai"] = v
    ind["capaian"] = pd.Categorical(rules.capaian(ind["nilai"]), categories=["Baik", "Sedang", "Kurang"])
    ind = ind.sort_values(["npsn", "kode_indikator", "tahun"])
    prev = ind.groupby(["npsn", "kode_indikator"], observed=True)["nilai"].shift()
    ind["perubahan"] = (ind["nilai"] - prev).round(2)
    ind = ind.sort_values(["npsn", "tahun", "kode_indikator"], kind="stable")
    t["indikator"] = ind.reset_index(drop=True)

    sek, keu = t["sekolah"].set_index("npsn"), t["keuangan"].set_index("npsn")
    for case, n in STUDENTS.items():
        sek.loc[order[case], "peserta_didik"] = n
        keu.loc[order[case], "peserta_didik"] = n
    keu["layak_bosp"] = (keu["peserta_didik"] >= 60) | (sek["jenjang"] == "SLB") | sek["daerah_3t"]
    keu["alokasi_bosp"] = np.where(keu["layak_bosp"], keu["satuan_biaya"] * keu["peserta_didik"], 0)
    for case, npsn in enumerate(order):
        cap = HONOR_OTHERS[sek.loc[npsn, "status"]] / 100 * keu.loc[npsn, "alokasi_bosp"]
        keu.loc[npsn, "k12_honor"] = int(min(keu.loc[npsn, "k12_honor"], round(cap, -3)))
    for case, pct in HONOR.items():
        keu.loc[order[case], "k12_honor"] = int(round(keu.loc[order[case], "alokasi_bosp"] * pct / 100, -3))
    _rebalance(keu, sek)
    t["sekolah"], t["keuangan"] = sek.reset_index(), keu.reset_index()

    bang = t["bangunan"]
    for case, (blocks, level) in HEAVY_DAMAGE.items():
        rows = bang.index[bang.npsn == order[case]][:blocks]
        for c in COMPONENTS:
            bang.loc[rows, f"rusak_{c}"] = level
    rusak = bang[[f"rusak_{c}" for c in COMPONENTS]].to_numpy()
    bang["kerusakan_persen"] = rules.building_damage(rusak)
    bang["kelas_kerusakan"] = rules.damage_class(bang["kerusakan_persen"], rules.structural_damage(rusak))
    sar = t["sarpras"].set_index("npsn")
    summary = block_summary(sar.index.to_series(), bang).set_index(sar.index)
    sar[summary.columns] = summary
    for case, fields in SARPRAS.items():
        for col, v in fields.items():
            sar.loc[order[case], col] = v
    sar["siap_ifp"] = (sar["daya_listrik_va"] >= 2200) & (sar["internet"] != "Tidak ada")
    t["sarpras"] = sar.reset_index()


def _rebalance(keu: pd.DataFrame, sek: pd.DataFrame) -> None:
    """Keep realisation = Σ components ≤ allocation after edits; honor is kept as set."""
    others = list(KEU_COMPONENTS[:-1])
    for npsn, row in keu.iterrows():
        budget = row["alokasi_bosp"]
        if budget == 0:  # not eligible: nothing allocated, nothing spent from BOSP
            keu.loc[npsn, others + ["k12_honor", "total_realisasi", "porsi_honor_persen"]] = 0
            continue
        if row["total_realisasi"] == 0:  # newly eligible: 96 % spent
            row["total_realisasi"] = np.floor(budget * 0.96 / 1000) * 1000
            row["k12_honor"] = np.floor(budget * HONOR_OTHERS[sek.loc[npsn, "status"]] / 100 / 1000) * 1000
        spent = int(min(row["total_realisasi"], budget))
        honor = int(min(row["k12_honor"], spent))
        weights = row[others].to_numpy(dtype=float)
        if weights.sum() == 0:
            weights = PROFILE[:len(others)].astype(float) * (np.arange(len(others)) < 9)
        weights = weights / weights.sum()
        parts = np.floor(weights * (spent - honor) / 1000) * 1000
        parts[2] += (spent - honor) - parts.sum()
        keu.loc[npsn, others] = parts.astype(np.int64)
        keu.loc[npsn, "k12_honor"] = honor
        keu.loc[npsn, "total_realisasi"] = spent
        keu.loc[npsn, "porsi_honor_persen"] = round(honor / budget * 100, 2)
