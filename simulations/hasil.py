"""What a run leaves behind: one compact record per year, and tidy tables built on request.

A national run keeps arrays, not DataFrames: (n, 15) indicator values, (n, 12) spending, and the
chosen activities as a sparse list (a school takes at most a handful). ``Hasil`` turns them into
tidy tables (Mesa-style data collection) only when asked, and compares two runs cell by cell.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

import numpy as np
import pandas as pd

from labmutu.datasets.schema import CAPAIAN, INDIKATOR, KOMPONEN_BOSP
from labmutu.simulations.catalog import Katalog
from labmutu.simulations.inputs import Awal, bulatkan
from labmutu.simulations.pemetaan import CAPAIAN_KODE, capaian_kode
from labmutu.simulations.records import Keadaan, Parameter

KODE = tuple(INDIKATOR)
NAMA_KEBIJAKAN = ("pbd", "acak", "rencana", "tanpa")
GUNCANGAN = ("bencana", "bencana_semester_2", "mutasi_guru", "tahap_2_terlambat")


@dataclass(frozen=True, eq=False)
class CatatanTahun:
    """One simulated year of every school.

    Attributes:
        tahun: the budget year; ``nilai`` is the Rapor value measured in it.
        nilai, target: (n, 15); prioritas: (n, P) indicator indices; kebijakan: (n,) policy code.
        patuh: (n,) RKAS compliant; rutin: (n, 12) routine RKAS lines; realisasi: (n, 12) rupiah
        spent; guncangan: (n, 4) shocks;
        kerusakan: (n,) building damage after the year.
        baris, kegiatan, semester, biaya, keterlaksanaan, belanja, daya_efek: one entry per chosen
        activity (school row, catalog index, semester, cost, completion, rupiah spent, strength).
    """

    tahun: int
    nilai: np.ndarray
    target: np.ndarray
    prioritas: np.ndarray
    kebijakan: np.ndarray
    patuh: np.ndarray
    rutin: np.ndarray
    realisasi: np.ndarray
    guncangan: np.ndarray
    kerusakan: np.ndarray
    baris: np.ndarray
    kegiatan: np.ndarray
    semester: np.ndarray
    biaya: np.ndarray
    keterlaksanaan: np.ndarray
    belanja: np.ndarray
    daya_efek: np.ndarray

    @classmethod
    def dari_keadaan(cls, s: Keadaan, kebijakan: np.ndarray) -> "CatatanTahun":
        """Compact record of a finished year."""
        r, p, e = s.rencana, s.pelaksanaan, s.evaluasi
        rows, ks = p.baris, p.kegiatan
        shocks = np.stack([p.bencana, p.bencana_semester2 & p.bencana, p.mutasi, p.terlambat], axis=1)
        return cls(tahun=s.tahun, nilai=e.nilai, target=s.standar.target, prioritas=r.prioritas.astype(np.int8),
                   kebijakan=kebijakan.astype(np.int8), patuh=r.patuh, rutin=r.rutin, realisasi=p.realisasi, guncangan=shocks,
                   kerusakan=e.kerusakan, baris=rows.astype(np.int32), kegiatan=ks.astype(np.int16),
                   semester=r.semester[rows, ks], biaya=r.biaya[rows, ks], keterlaksanaan=p.keterlaksanaan,
                   belanja=p.belanja, daya_efek=e.daya_efek)

    def sama(self, other: "CatatanTahun") -> bool:
        """Whether two records are identical, array by array."""
        return all(np.array_equal(getattr(self, f.name), getattr(other, f.name), equal_nan=True)
                   if isinstance(getattr(self, f.name), np.ndarray) else getattr(self, f.name) == getattr(other, f.name)
                   for f in fields(self))

    def berbeda_per_sekolah(self, other: "CatatanTahun") -> np.ndarray:
        """(n,) True for schools whose record differs in any value."""
        d = np.zeros(len(self.nilai), dtype=bool)
        for name in ("nilai", "target", "prioritas", "patuh", "rutin", "realisasi", "guncangan", "kerusakan",
                     "kebijakan"):
            diff = getattr(self, name) != getattr(other, name)
            d |= diff.reshape(len(d), -1).any(axis=1)
        both = self._kegiatan().merge(other._kegiatan(), how="outer", indicator=True)
        d[both.loc[both["_merge"] != "both", "baris"].to_numpy(int)] = True
        return d

    def _kegiatan(self) -> pd.DataFrame:
        return pd.DataFrame({name: getattr(self, name) for name in (
            "baris", "kegiatan", "semester", "biaya", "keterlaksanaan", "belanja", "daya_efek")})


@dataclass(frozen=True, eq=False)
class Hasil:
    """A finished run: the start, the draws' starting state, the settings and one record per year."""

    awal: Awal
    keadaan_awal: Keadaan
    rng_state: dict
    siklus: str
    params: Parameter
    katalog: Katalog
    tahun: tuple[CatatanTahun, ...]

    def sama(self, other: "Hasil") -> bool:
        """Whether two runs gave identical results in every year."""
        return len(self.tahun) == len(other.tahun) and all(a.sama(b) for a, b in zip(self.tahun, other.tahun))

    def indikator(self, dengan_awal: bool = False) -> pd.DataFrame:
        """Long table as the data contract's ``indikator``: npsn, tahun, kode_indikator, nilai, capaian, perubahan."""
        years = [(self.awal.tahun, self.keadaan_awal.nilai, self.keadaan_awal.nilai_lalu)] if dengan_awal else []
        prev = self.keadaan_awal.nilai
        for rec in self.tahun:
            years.append((rec.tahun, rec.nilai, prev))
            prev = rec.nilai
        n = len(self.awal)
        parts = []
        for year, v, last in years:
            parts.append(pd.DataFrame({
                "npsn": np.repeat(self.awal.npsn, len(KODE)), "tahun": year,
                "kode_indikator": pd.Categorical.from_codes(np.tile(np.arange(len(KODE)), n), categories=KODE),
                "nilai": v.ravel(),
                "capaian": pd.Categorical.from_codes(capaian_kode(v).ravel(), categories=CAPAIAN_KODE),
                "perubahan": bulatkan(v - last).ravel()}))
        out = pd.concat(parts, ignore_index=True)
        out["capaian"] = out["capaian"].cat.reorder_categories(list(CAPAIAN))
        return out

    def ringkasan(self) -> pd.DataFrame:
        """One row per school and year: policy, priorities, activities, money, shocks, indicator values."""
        parts = []
        for rec in self.tahun:
            n = len(rec.nilai)
            count = np.bincount(rec.baris, minlength=n)
            df = pd.DataFrame({"npsn": self.awal.npsn, "tahun": rec.tahun,
                               "kebijakan": np.array(NAMA_KEBIJAKAN, dtype=object)[rec.kebijakan],
                               "rkas_patuh": rec.patuh})
            for p in range(rec.prioritas.shape[1]):
                df[f"prioritas_{p + 1}"] = np.array(KODE, dtype=object)[rec.prioritas[:, p]]
            total = rec.realisasi.sum(axis=1)
            df["jumlah_kegiatan"] = count
            df["anggaran_kegiatan"] = np.bincount(rec.baris, weights=rec.biaya, minlength=n).astype(np.int64)
            df["belanja_kegiatan"] = np.bincount(rec.baris, weights=rec.belanja, minlength=n).astype(np.int64)
            df["realisasi_total"] = total
            df["honor"] = rec.realisasi[:, -1]
            df["alokasi_bosp"] = self.awal.alokasi
            with np.errstate(divide="ignore", invalid="ignore"):
                df["porsi_honor_persen"] = np.where(self.awal.alokasi > 0,
                                                    np.round(rec.realisasi[:, -1] / self.awal.alokasi * 100, 2), 0.0)
            for j, name in enumerate(GUNCANGAN):
                df[name] = rec.guncangan[:, j]
            df["kerusakan_persen"] = np.round(rec.kerusakan, 2)
            df["target_tercapai"] = (rec.nilai >= rec.target).sum(axis=1)
            for c, code in enumerate(KODE):
                df[code] = rec.nilai[:, c]
            parts.append(df)
        return pd.concat(parts, ignore_index=True)

    def kegiatan(self) -> pd.DataFrame:
        """One row per chosen activity: npsn, tahun, kode_kegiatan, nama, komponen, semester, money, completion."""
        kat = self.katalog
        parts = [pd.DataFrame({
            "npsn": self.awal.npsn[rec.baris], "tahun": rec.tahun,
            "kode_kegiatan": np.array(kat.kode, dtype=object)[rec.kegiatan],
            "nama": kat.kegiatan["nama"].to_numpy(object)[rec.kegiatan],
            "komponen": kat.kegiatan["komponen"].to_numpy(object)[rec.kegiatan],
            "semester": rec.semester, "anggaran": rec.biaya, "belanja": rec.belanja,
            "keterlaksanaan": np.round(rec.keterlaksanaan, 3), "daya_efek": np.round(rec.daya_efek, 3)})
            for rec in self.tahun]
        return pd.concat(parts, ignore_index=True)

    def realisasi(self) -> pd.DataFrame:
        """Spending per BOSP component: npsn, tahun, 12 components, total."""
        parts = []
        for rec in self.tahun:
            df = pd.DataFrame(rec.realisasi, columns=list(KOMPONEN_BOSP))
            df.insert(0, "tahun", rec.tahun)
            df.insert(0, "npsn", self.awal.npsn)
            df["total_realisasi"] = rec.realisasi.sum(axis=1)
            parts.append(df)
        return pd.concat(parts, ignore_index=True)

    def berbeda_per_sekolah(self, other: "Hasil") -> np.ndarray:
        """(n,) True for schools whose results differ in any year."""
        d = np.zeros(len(self.awal), dtype=bool)
        for a, b in zip(self.tahun, other.tahun):
            d |= a.berbeda_per_sekolah(b)
        return d


def bandingkan(asli: Hasil, lain: Hasil, label: tuple[str, str] = ("asli", "lain")) -> pd.DataFrame:
    """Indicator values of two runs side by side with their difference (lain - asli)."""
    a = asli.indikator()[["npsn", "tahun", "kode_indikator", "nilai"]]
    b = lain.indikator()["nilai"]
    out = a.rename(columns={"nilai": f"nilai_{label[0]}"})
    out[f"nilai_{label[1]}"] = b.to_numpy()
    out["selisih"] = bulatkan(out[f"nilai_{label[1]}"] - out[f"nilai_{label[0]}"])
    return out


def tren_wilayah(hasil: Hasil, kode_indikator: str, tingkat: str = "kabkota") -> pd.DataFrame:
    """A region's trajectory: per year and kab/kota (or province), share Baik/Sedang/Kurang and mean.

    The starting year is included, so the first rows show the region before any cycle.
    """
    col = {"kabkota": hasil.awal.kode_kabkota, "provinsi": hasil.awal.kode_provinsi}[tingkat]
    c = KODE.index(kode_indikator)
    years = [(hasil.awal.tahun, hasil.keadaan_awal.nilai)] + [(r.tahun, r.nilai) for r in hasil.tahun]
    parts = []
    for year, v in years:
        df = pd.DataFrame({"wilayah": col, "nilai": v[:, c], "capaian": capaian_kode(v[:, c])})
        g = df.groupby("wilayah")
        out = pd.DataFrame({"tahun": year, "jumlah_sekolah": g.size(), "rata_rata": g["nilai"].mean().round(2)})
        for code, name in enumerate(CAPAIAN_KODE):
            out[f"persen_{name}"] = g["capaian"].apply(lambda s, code=code: round((s == code).mean() * 100, 1))
        parts.append(out.reset_index())
    out = pd.concat(parts, ignore_index=True)
    out.insert(0, "kode_indikator", kode_indikator)
    return out.rename(columns={"wilayah": "kode_kabkota" if tingkat == "kabkota" else "kode_provinsi"})
