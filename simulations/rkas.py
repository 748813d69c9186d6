"""RKAS under the BOSP rules: building the plan's budget and checking every rule at once.

Rules (domain facts §5): spending only in the 12 BOS Reguler components, components 10–11 for
SMK, the honor cap by year (2025: 20 % negeri / 40 % swasta, Permendikdasmen 8/2025 and
SE Mendikdasmen 13/2025; earlier caps selectable), disbursement in two 50 % tranches from 2023
(January and July; semester 1 may not spend more than tahap 1), total not above the allocation,
and a school without a BOSP allocation has no BOSP lines. ``periksa_rkas`` returns every
violation with an Indonesian message; ``patuh`` is the same check vectorised over schools.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from labmutu.datasets.schema import KOMPONEN_BOSP
from labmutu.simulations.catalog import KOMPONEN, Katalog, katalog
from labmutu.simulations.records import Parameter

HONOR = KOMPONEN.index("k12_honor")
KHUSUS_SMK = (KOMPONEN.index("k10_kompetensi_keahlian"), KOMPONEN.index("k11_keterserapan_lulusan"))
RUTIN = "RUTIN"


@dataclass(frozen=True)
class AturanHonor:
    """The honor cap (percent of the allocation) for a range of budget years."""

    dari: int
    sampai: int
    negeri: float
    swasta: float
    dasar: str


ATURAN_HONOR = (
    AturanHonor(2000, 2019, 15.0, 15.0, "Juknis BOS sebelum 2020 (15 %)"),
    AturanHonor(2020, 2022, 50.0, 50.0, "Permendikbud 8/2020, 6/2021; Permendikbudristek 2/2022 (maks. 50 %)"),
    AturanHonor(2023, 2023, 50.0, 50.0, "Permendikbudristek 63/2022 Pasal 41 (maks. 50 %)"),
    AturanHonor(2024, 2024, 50.0, 50.0, "Permendikbudristek 63/2023 (50 %; belum terkonfirmasi)"),
    AturanHonor(2025, 2100, 20.0, 40.0, "Permendikdasmen 8/2025; SE Mendikdasmen 13/2025 (20 % negeri, 40 % swasta)"),
)
ATURAN = {
    "komponen_tidak_dikenal": "Setiap baris memakai salah satu dari 12 komponen BOSP.",
    "nilai_negatif": "Jumlah setiap baris tidak negatif.",
    "semester_tidak_sah": "Setiap baris dijadwalkan di semester/tahap 1 atau 2.",
    "kegiatan_tidak_dikenal": "Kegiatan ada di katalog.",
    "kegiatan_ganda": "Setiap kegiatan dicantumkan sekali.",
    "komponen_tidak_sesuai": "Kegiatan dibebankan ke komponen BOSP yang sesuai.",
    "komponen_khusus_smk": "Komponen 10 dan 11 hanya untuk SMK.",
    "tidak_menerima_bosp": "Sekolah tanpa alokasi BOSP tidak menyusun belanja BOSP.",
    "total_melebihi_alokasi": "Jumlah RKAS tidak melebihi alokasi BOSP.",
    "honor_melebihi_batas": "Honor tidak melebihi batas persentase tahun anggaran.",
    "tahap_1_terlampaui": "Belanja semester 1 tidak melebihi dana tahap 1.",
}


def aturan_honor(tahun: int) -> AturanHonor:
    """The honor rule in force in a budget year."""
    for a in ATURAN_HONOR:
        if a.dari <= tahun <= a.sampai:
            return a
    return ATURAN_HONOR[0] if tahun < ATURAN_HONOR[0].dari else ATURAN_HONOR[-1]


def batas_honor(tahun: int, status: str) -> float:
    """Honor cap in percent of the allocation for a budget year and status (Negeri/Swasta)."""
    a = aturan_honor(tahun)
    return a.swasta if str(status).lower() == "swasta" else a.negeri


def persen_tahap_1(tahun: int) -> float:
    """Share of the allocation available in semester 1: 50 % from 2023 (two tranches), before
    that 70 % (tahap 30 % January + 40 % April, 2022; earlier years assumed the same)."""
    return 50.0 if tahun >= 2023 else 70.0


def batas_honor_rp(alokasi, tahun: int, swasta) -> np.ndarray:
    """Honor cap in rupiah per school (``swasta``: bool per school), rounded down to thousands."""
    a = aturan_honor(tahun)
    pct = np.where(np.asarray(swasta, dtype=bool), a.swasta, a.negeri)
    return (np.floor(np.asarray(alokasi, dtype=float) * pct / 100.0 / 1000.0) * 1000.0).astype(np.int64)


def kas_tahap_1(alokasi, tahun: int) -> np.ndarray:
    """Rupiah available in semester 1 per school."""
    return (np.asarray(alokasi, dtype=np.int64) * int(persen_tahap_1(tahun))) // 100


def rutin_dasar(realisasi_lalu: np.ndarray, params: Parameter) -> np.ndarray:
    """Routine lines (n, 12) before honor: last year's spending minus the share freed for
    improvement, rounded down to thousands (the honor column is filled by ``rutin_bawaan``)."""
    keep = np.floor(realisasi_lalu.astype(float) * (1.0 - params.ruang_perbaikan) / 1000.0) * 1000.0
    return keep.astype(np.int64)


def rutin_bawaan(dasar: np.ndarray, realisasi_lalu: np.ndarray, alokasi, tahun: int, swasta,
                 honor=None) -> np.ndarray:
    """Routine RKAS lines (n, 12) with honor: ``honor`` when given (a trainee's choice, which
    may break the cap), otherwise last year's honor cut to the year's cap."""
    out = dasar.copy()
    cap = batas_honor_rp(alokasi, tahun, swasta)
    out[:, HONOR] = np.minimum(realisasi_lalu[:, HONOR], cap) if honor is None else honor
    return out


@dataclass(frozen=True)
class BarisRkas:
    """One RKAS line: activity code (or RUTIN), description, BOSP component, rupiah, semester."""

    kode: str
    uraian: str
    komponen: str
    jumlah: int
    semester: int


@dataclass(frozen=True)
class Rkas:
    """A school's RKAS for one budget year."""

    npsn: str
    tahun: int
    jenjang: str
    status: str
    alokasi: int
    baris: tuple[BarisRkas, ...]

    @property
    def total(self) -> int:
        return sum(b.jumlah for b in self.baris)

    @property
    def honor(self) -> int:
        return sum(b.jumlah for b in self.baris if b.komponen == "k12_honor")

    @property
    def semester_1(self) -> int:
        return sum(b.jumlah for b in self.baris if b.semester == 1)

    def per_komponen(self) -> dict[str, int]:
        """Rupiah per BOSP component (all 12, zero when unused)."""
        out = dict.fromkeys(KOMPONEN_BOSP, 0)
        for b in self.baris:
            if b.komponen in out:
                out[b.komponen] += b.jumlah
        return out


@dataclass(frozen=True)
class Pelanggaran:
    """One broken rule: its code (see ``ATURAN``) and an Indonesian message."""

    aturan: str
    pesan: str


def susun_rkas(npsn: str, tahun: int, jenjang: str, status: str, alokasi: int, rutin,
               kegiatan, kat: Katalog | None = None) -> Rkas:
    """An RKAS from routine amounts per component and activities.

    Args:
        rutin: 12 routine amounts (component order); each is split over semester 1 and 2.
        kegiatan: (kode, semester, jumlah) per activity, charged to the catalog's component.
    """
    kat = kat or katalog()
    lines = []
    for c, amount in zip(KOMPONEN, rutin):
        amount = int(amount)
        if amount:
            lines.append(BarisRkas(RUTIN, f"Belanja rutin: {KOMPONEN_BOSP[c]}", c, amount // 2, 1))
            lines.append(BarisRkas(RUTIN, f"Belanja rutin: {KOMPONEN_BOSP[c]}", c, amount - amount // 2, 2))
    for kode, semester, amount in kegiatan:
        k = kat.kode.index(kode) if kode in kat.kode else None
        name = kat.kegiatan.at[k, "nama"] if k is not None else kode
        comp = kat.kegiatan.at[k, "komponen"] if k is not None else ""
        lines.append(BarisRkas(kode, name, comp, int(amount), int(semester)))
    return Rkas(str(npsn), int(tahun), str(jenjang), str(status), int(alokasi), tuple(lines))


def periksa_rkas(rkas: Rkas, kat: Katalog | None = None) -> list[Pelanggaran]:
    """Every rule the RKAS breaks (empty list: compliant), each with an Indonesian message."""
    kat = kat or katalog()
    out: list[Pelanggaran] = []
    seen: set[str] = set()
    for i, b in enumerate(rkas.baris, start=1):
        where = f"Baris {i} ({b.uraian})"
        if b.komponen not in KOMPONEN_BOSP:
            out.append(Pelanggaran("komponen_tidak_dikenal",
                                   f"{where}: komponen '{b.komponen}' bukan salah satu dari 12 komponen BOSP."))
        if b.jumlah < 0:
            out.append(Pelanggaran("nilai_negatif", f"{where}: jumlah {rupiah(b.jumlah)} negatif."))
        if b.semester not in (1, 2):
            out.append(Pelanggaran("semester_tidak_sah",
                                   f"{where}: semester {b.semester} tidak sah; pilih semester 1 (tahap 1) atau 2 (tahap 2)."))
        if b.kode != RUTIN:
            if b.kode not in kat.kode:
                out.append(Pelanggaran("kegiatan_tidak_dikenal", f"{where}: kegiatan '{b.kode}' tidak ada di katalog."))
            else:
                if b.kode in seen:
                    out.append(Pelanggaran("kegiatan_ganda", f"{where}: kegiatan {b.kode} sudah tercantum; cantumkan sekali."))
                expected = kat.kegiatan.at[kat.kode.index(b.kode), "komponen"]
                if b.komponen in KOMPONEN_BOSP and b.komponen != expected:
                    out.append(Pelanggaran("komponen_tidak_sesuai",
                                           f"{where}: dibebankan ke {b.komponen}, seharusnya ke komponen "
                                           f"{expected} ({KOMPONEN_BOSP[expected]})."))
            seen.add(b.kode)
        if b.komponen in ("k10_kompetensi_keahlian", "k11_keterserapan_lulusan") and rkas.jenjang != "SMK" and b.jumlah > 0:
            out.append(Pelanggaran("komponen_khusus_smk",
                                   f"{where}: komponen {b.komponen} ({KOMPONEN_BOSP[b.komponen]}) hanya untuk SMK, "
                                   f"sekolah ini {rkas.jenjang}."))
    total = rkas.total
    if rkas.alokasi <= 0 and total > 0:
        out.append(Pelanggaran("tidak_menerima_bosp",
                               f"Sekolah tidak menerima BOSP (alokasi Rp 0), tetapi RKAS berisi belanja {rupiah(total)}. "
                               "Kegiatan perlu sumber dana lain."))
    elif total > rkas.alokasi:
        out.append(Pelanggaran("total_melebihi_alokasi",
                               f"Jumlah RKAS {rupiah(total)} melebihi alokasi BOSP {rupiah(rkas.alokasi)} "
                               f"(lebih {rupiah(total - rkas.alokasi)}). Kurangi atau hapus kegiatan."))
    cap_pct = batas_honor(rkas.tahun, rkas.status)
    cap = int(batas_honor_rp([rkas.alokasi], rkas.tahun, [rkas.status == "Swasta"])[0])
    if rkas.honor > cap and rkas.honor > 0:
        share = rkas.honor / rkas.alokasi * 100 if rkas.alokasi else 100.0
        out.append(Pelanggaran("honor_melebihi_batas",
                               f"Honor {rupiah(rkas.honor)} ({_pct(share)} dari alokasi) melebihi batas "
                               f"{_pct(cap_pct)} untuk sekolah {rkas.status.lower()} tahun {rkas.tahun} "
                               f"({rupiah(cap)}; {aturan_honor(rkas.tahun).dasar})."))
    kas1 = int(kas_tahap_1([rkas.alokasi], rkas.tahun)[0])
    if rkas.alokasi > 0 and rkas.semester_1 > kas1:
        out.append(Pelanggaran("tahap_1_terlampaui",
                               f"Belanja semester 1 {rupiah(rkas.semester_1)} melebihi dana tahap 1 "
                               f"{rupiah(kas1)} ({_pct(persen_tahap_1(rkas.tahun))} alokasi, cair Januari). "
                               "Pindahkan sebagian kegiatan ke semester 2."))
    return out


def patuh(alokasi, rutin: np.ndarray, baris: np.ndarray, kegiatan: np.ndarray, semester: np.ndarray,
          biaya: np.ndarray, smk, tahun: int, swasta, kat: Katalog | None = None) -> np.ndarray:
    """Vectorised ``periksa_rkas`` for catalog plans: (n,) True where every rule holds.

    Args:
        rutin: (n, 12) routine lines; baris, kegiatan, semester, biaya: one entry per chosen
            activity (school row, catalog index, semester, cost).
    """
    kat = kat or katalog()
    alokasi = np.asarray(alokasi, dtype=np.int64)
    n = len(alokasi)

    def per_row(mask):
        return np.bincount(baris[mask], weights=biaya[mask], minlength=n).astype(np.int64)

    comp = kat.komponen[kegiatan]
    total = rutin.sum(axis=1) + per_row(np.ones(len(baris), dtype=bool))
    honor = rutin[:, HONOR] + per_row(comp == HONOR)
    sem1 = (rutin // 2).sum(axis=1) + per_row(semester == 1)
    smk_lines = rutin[:, list(KHUSUS_SMK)].sum(axis=1) + per_row(np.isin(comp, KHUSUS_SMK))
    ok = np.where(alokasi > 0, total <= alokasi, total == 0)
    ok &= (honor <= batas_honor_rp(alokasi, tahun, swasta)) | (honor == 0)
    ok &= (alokasi <= 0) | (sem1 <= kas_tahap_1(alokasi, tahun))
    ok &= np.asarray(smk, dtype=bool) | (smk_lines == 0)
    ok &= (rutin >= 0).all(axis=1)
    return ok


def rupiah(x: int | float) -> str:
    """Rupiah in Indonesian notation: Rp 1.234.567."""
    sign = "-" if x < 0 else ""
    return f"{sign}Rp {abs(int(round(x))):,}".replace(",", ".")


def _pct(x: float) -> str:
    return f"{x:.1f}".replace(".", ",").replace(",0", "") + " %"
