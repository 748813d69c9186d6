"""Pemetaan mutu: where each school stands, per indicator, and the region's peta mutu.

Pure functions over the ``sekolah`` and ``indikator`` tables (vectorised over schools):
capaian per indicator (Baik > 70, Sedang 40–70, Kurang < 40; the same cut-offs for the other
indicators are an assumption), direction of change (Naik/Turun/Tetap, as Rapor Pendidikan shows
"Naik 16,67" or "Tidak berubah"), quintile within the province and the nation, strengths and
weaknesses, legacy PMP categories, region aggregates and the 3T gap.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from labmutu.datasets import rules
from labmutu.datasets.schema import CAPAIAN, INDIKATOR, STANDAR_SNP
from labmutu.simulations.inputs import Awal, bulatkan, ke_seratus
from labmutu.simulations.records import Peta

WARNA = {"Baik": "hijau", "Sedang": "kuning", "Kurang": "merah"}
# Capaian as codes in the engine's arrays: 0 Kurang (merah), 1 Sedang (kuning), 2 Baik (hijau).
CAPAIAN_KODE = ("Kurang", "Sedang", "Baik")
# Legacy PMP categories by upper bound of the score (Juknis PMP; domain facts §3).
PMP_BATAS = ((2.04, "Menuju SNP 1"), (3.70, "Menuju SNP 2"), (5.06, "Menuju SNP 3"), (6.66, "Menuju SNP 4"))
PMP_TERTINGGI = "SNP"


def arah_perubahan(perubahan) -> np.ndarray:
    """"Naik", "Turun" or "Tetap" (no change at 2 decimals); "" for the first year (no history)."""
    p = np.asarray(perubahan, dtype=float)
    return np.select([np.isnan(p), p >= 0.005, p <= -0.005], ["", "Naik", "Turun"], "Tetap").astype(object)


def kuintil(values: pd.Series, groups: pd.Series | None = None) -> pd.Series:
    """Quintile 1 (lowest 20 %) to 5 (highest) of each value, within its group.

    Equal values share the same quintile (average rank), so ties are treated alike.
    """
    pct = values.rank(method="average", pct=True) if groups is None else \
        values.groupby(groups, observed=True).rank(method="average", pct=True)
    return np.ceil(pct * 5).clip(1, 5).astype("Int64")


def pemetaan(sekolah: pd.DataFrame, indikator: pd.DataFrame, tahun: int | None = None) -> pd.DataFrame:
    """The map of every school for one year (default: the latest), one row per school × indicator.

    Returns columns npsn, kode_indikator, tahun, nilai, capaian, warna, perubahan, arah,
    kuintil_provinsi, kuintil_nasional (quintiles within the same jenjang and indicator).
    """
    tahun = int(indikator["tahun"].max()) if tahun is None else tahun
    rows = indikator[indikator["tahun"] == tahun].merge(
        sekolah[["npsn", "jenjang", "kode_provinsi"]], on="npsn", how="inner")
    rows = rows.reset_index(drop=True)
    rows["capaian"] = rules.capaian(rows["nilai"])
    rows["warna"] = rows["capaian"].map(WARNA)
    rows["arah"] = arah_perubahan(rows["perubahan"])
    key = rows["kode_indikator"].astype(str) + "|" + rows["jenjang"].astype(str)
    rows["kuintil_nasional"] = kuintil(rows["nilai"], key)
    rows["kuintil_provinsi"] = kuintil(rows["nilai"], key + "|" + rows["kode_provinsi"].astype(str))
    return rows[["npsn", "kode_indikator", "tahun", "nilai", "capaian", "warna", "perubahan", "arah",
                 "kuintil_provinsi", "kuintil_nasional"]]


def kekuatan_kelemahan(rapor: pd.DataFrame) -> tuple[list[str], list[str]]:
    """Strengths (Baik, highest first) and weaknesses (Kurang, then falling Sedang) of one school."""
    baik = rapor[rapor["capaian"] == "Baik"].sort_values("nilai", ascending=False)
    kurang = rapor[rapor["capaian"] == "Kurang"].sort_values("nilai")
    turun = rapor[(rapor["capaian"] == "Sedang") & (rapor["arah"] == "Turun")].sort_values("perubahan")
    return list(baik["kode_indikator"].astype(str)), \
        list(kurang["kode_indikator"].astype(str)) + list(turun["kode_indikator"].astype(str))


def kategori_pmp(skor) -> np.ndarray:
    """Legacy PMP category of scores 0–7: Menuju SNP 1 (≤ 2,04) … Menuju SNP 4 (≤ 6,66), SNP above."""
    s = np.asarray(skor, dtype=float)
    conditions = [s <= bound for bound, _ in PMP_BATAS]
    return np.select(conditions, [name for _, name in PMP_BATAS], PMP_TERTINGGI).astype(object)


def pemetaan_pmp(standar_snp: pd.DataFrame) -> pd.DataFrame:
    """Long table: npsn, standar, skor, kategori for the 8 SNP."""
    long = standar_snp.melt(id_vars=["npsn"], value_vars=list(STANDAR_SNP), var_name="standar", value_name="skor")
    long["kategori"] = kategori_pmp(long["skor"])
    return long


def peta_mutu(peta: pd.DataFrame, sekolah: pd.DataFrame, kode_indikator: str,
              tingkat: str = "kabkota") -> pd.DataFrame:
    """Share of Baik/Sedang/Kurang per kab/kota or province for one indicator.

    Args:
        peta: output of ``pemetaan``.
        sekolah: the schools (for region codes and 3T).
        kode_indikator: e.g. "A.1".
        tingkat: "kabkota" or "provinsi".
    """
    col = {"kabkota": "kode_kabkota", "provinsi": "kode_provinsi"}[tingkat]
    rows = peta[peta["kode_indikator"] == kode_indikator].merge(
        sekolah[["npsn", "kode_kabkota", "kode_provinsi", "daerah_3t"]], on="npsn")
    shares = pd.crosstab(rows[col], rows["capaian"], normalize="index").reindex(
        columns=["Baik", "Sedang", "Kurang"], fill_value=0.0)
    out = shares.mul(100).round(1).add_prefix("persen_")
    grouped = rows.groupby(col)
    out["jumlah_sekolah"] = grouped.size()
    out["rata_rata"] = grouped["nilai"].mean().round(2)
    out["daerah_3t"] = grouped["daerah_3t"].any()
    out["capaian"] = rules.capaian(out["rata_rata"])
    return out.reset_index()


def gap_3t(peta: pd.DataFrame, sekolah: pd.DataFrame) -> pd.DataFrame:
    """Per indicator: mean of non-3T schools, mean of 3T schools, and the gap (non-3T − 3T)."""
    rows = peta.merge(sekolah[["npsn", "daerah_3t"]], on="npsn")
    means = rows.pivot_table(index="kode_indikator", columns="daerah_3t", values="nilai",
                             aggfunc="mean", observed=True)
    out = pd.DataFrame({"rata_non_3t": means.get(False), "rata_3t": means.get(True)})
    out["selisih"] = out["rata_non_3t"] - out["rata_3t"]
    return out.round(2).reset_index()


def capaian_kode(nilai) -> np.ndarray:
    """Capaian codes of values: 0 Kurang (< 40), 1 Sedang (40–70), 2 Baik (> 70)."""
    v = np.asarray(nilai, dtype=float)
    return ((v > rules.CAPAIAN_BAIK).astype(np.int8) + (v >= rules.CAPAIAN_KURANG).astype(np.int8))


def petakan(nilai: np.ndarray, nilai_lalu: np.ndarray, awal: Awal) -> Peta:
    """The pemetaan step on arrays: capaian, change from last year and quintiles of every school.

    Args:
        nilai: (n, 15) this year's values; nilai_lalu: last year's (NaN when unknown).
        awal: the starting data, whose peer groups rank the values (boundaries frozen at the start).
    """
    seratus = ke_seratus(nilai)
    return Peta(nilai=nilai, capaian=capaian_kode(nilai), perubahan=bulatkan(nilai - nilai_lalu),
                kuintil_provinsi=awal.provinsi.kuintil(seratus, awal.grup_provinsi),
                kuintil_nasional=awal.nasional.kuintil(seratus, awal.grup_nasional))


def rapor(peta: Peta, awal: Awal, i: int, tahun: int) -> pd.DataFrame:
    """One school's map as a table with the columns of ``pemetaan``."""
    cap = [CAPAIAN_KODE[c] for c in peta.capaian[i]]
    out = pd.DataFrame({
        "npsn": awal.npsn[i], "kode_indikator": list(INDIKATOR), "nama": list(INDIKATOR.values()),
        "tahun": tahun, "nilai": peta.nilai[i], "capaian": pd.Categorical(cap, categories=CAPAIAN),
        "warna": [WARNA[c] for c in cap], "perubahan": peta.perubahan[i],
        "arah": arah_perubahan(peta.perubahan[i]), "kuintil_provinsi": peta.kuintil_provinsi[i].astype(int),
        "kuintil_nasional": peta.kuintil_nasional[i].astype(int)})
    return out
