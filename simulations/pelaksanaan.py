"""Pelaksanaan: a school year of the plan, its shocks, its spending and its paper trail.

How fully an activity happens (keterlaksanaan, 0–1) is ``min(1, f)`` with
``f = (0.5 + 0.5 × involvement) × person-in-charge factor × disaster factor × late-tranche factor
× (0.85 + 0.15 × u)``, u a uniform draw. Shocks come from the year's draws: banjir/longsor hits
one semester's activities and the buildings, mutasi guru weakens teacher-centred activities,
a late tahap 2 shortens semester 2. Spending is the activity's cost times its completion,
rounded down to thousands (after adding 1e-9 thousand against binary rounding), and never more than the cash left: routine lines are paid first,
then semester 1 activities, then semester 2 activities, each in catalog order. All factors
are asumsi pelatihan (docs/model-simulasi.md).
"""

from __future__ import annotations

import numpy as np

from labmutu.simulations.catalog import KOMPONEN, Katalog
from labmutu.simulations.inputs import Awal, Undian
from labmutu.simulations.records import Parameter, Pelaksanaan, RencanaTahun

BULAN = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
         "November", "Desember")
# Completion at which the 1st, 2nd, 3rd ... evidence document of an activity exists (asumsi pelatihan).
AMBANG_BUKTI = (0.3, 0.6, 0.85, 0.95)


def guncangan(awal: Awal, undian: Undian, params: Parameter) -> tuple[np.ndarray, ...]:
    """(bencana, bencana di semester 2, mutasi guru, tahap 2 terlambat) per school."""
    u = undian.u_guncangan
    t3 = awal.daerah_3t
    bencana = u[:, 0] < np.where(t3, params.p_bencana_3t, params.p_bencana)
    late = u[:, 3] < np.where(t3, params.p_terlambat_3t, params.p_terlambat)
    return bencana, u[:, 1] >= 0.5, u[:, 2] < params.p_mutasi, late


def laksanakan(rencana: RencanaTahun, awal: Awal, undian: Undian, kat: Katalog, params: Parameter) -> Pelaksanaan:
    """The pelaksanaan step for every school, computed on the chosen activities only."""
    bencana, s2, mutasi, late = guncangan(awal, undian, params)
    rows, ks = np.nonzero(rencana.dipilih)
    sem = rencana.semester[rows, ks]
    f = (0.5 + 0.5 * rencana.keterlibatan[rows]) * np.where(rencana.pj[rows, ks], 1.0, params.faktor_tanpa_pj)
    f = f * np.where(bencana[rows] & (sem == np.where(s2[rows], 2, 1)), params.faktor_bencana, 1.0)
    f = f * np.where(late[rows] & (sem == 2), params.faktor_terlambat, 1.0)
    f = f * (0.85 + 0.15 * undian.u_laksana[rows, ks].astype(np.float64))
    done = np.minimum(1.0, f)
    budget = rencana.biaya[rows, ks]
    # The tiny 1e-9 keeps exact products (6.000.000 × 0,8325) from flooring a thousand too low.
    planned = (np.floor(budget * done / 1000.0 + 1e-9) * 1000.0).astype(np.int64)

    # Paid in order (routine lines, semester 1 activities, semester 2 activities) until the
    # allocation runs out: what an item gets is min(its amount, cash minus everything before it).
    n = len(awal)
    cum = np.cumsum(rencana.rutin, axis=1)
    realisasi = np.minimum(rencana.rutin, np.maximum(0, awal.alokasi[:, None] - (cum - rencana.rutin)))
    cash = np.maximum(0, awal.alokasi - realisasi.sum(axis=1))
    counts = np.bincount(rows, minlength=n)
    starts = (np.cumsum(counts) - counts)[rows]
    one = np.where(sem == 1, planned, 0)
    two = planned - one
    total1 = np.bincount(rows, weights=one, minlength=n).astype(np.int64)
    before = np.where(sem == 1, _prefix_in_row(one, starts), total1[rows] + _prefix_in_row(two, starts))
    belanja = np.minimum(planned, np.maximum(0, cash[rows] - before))
    realisasi = realisasi + np.bincount(rows * len(KOMPONEN) + kat.komponen[ks], weights=belanja,
                                        minlength=n * len(KOMPONEN)).astype(np.int64).reshape(n, len(KOMPONEN))
    efektif = np.where(budget > 0, belanja / np.maximum(budget, 1), done)
    return Pelaksanaan(bencana=bencana, bencana_semester2=s2, mutasi=mutasi, terlambat=late, baris=rows,
                       kegiatan=ks, keterlaksanaan=done, belanja=belanja, efektif=efektif, realisasi=realisasi)


def _prefix_in_row(amount: np.ndarray, starts: np.ndarray) -> np.ndarray:
    """Sum of ``amount`` over the earlier entries of the same school (entries grouped by school)."""
    run = np.cumsum(amount) - amount
    return run - run[starts]


def bulan_mulai(semester: int, terlambat: bool, params: Parameter) -> int:
    """First month (1–12) of an activity in ``semester``; a late tahap 2 delays semester 2."""
    start = params.bulan_mulai[semester - 1]
    return start + (params.tunda_terlambat if terlambat and semester == 2 else 0)


def bukti(kode: str, keterlaksanaan: float, mulai: int, kat: Katalog) -> list[dict]:
    """Evidence records of one activity: which documents exist given how fully it happened."""
    k = kat.indeks(kode)
    kinds = [b.strip() for b in str(kat.kegiatan.at[k, "bukti"]).split(";") if b.strip()]
    end = min(12, mulai + int(kat.kegiatan.at[k, "durasi_bulan"]) - 1)
    return [{"kode_kegiatan": kode, "jenis_bukti": kind, "bulan": BULAN[end - 1],
             "ada": bool(keterlaksanaan >= AMBANG_BUKTI[min(j, len(AMBANG_BUKTI) - 1)])}
            for j, kind in enumerate(kinds)]


def baris_siplah(kode: str, belanja: int, indeks_biaya: float, mulai: int, kat: Katalog) -> list[dict]:
    """SIPLah-style procurement lines of one activity (empty when it buys no goods)."""
    k = kat.indeks(kode)
    item = str(kat.kegiatan.at[k, "barang_siplah"])
    if not item or belanja <= 0:
        return []
    price = int(np.floor(float(kat.kegiatan.at[k, "harga_siplah"]) * indeks_biaya / 1000.0) * 1000)
    qty = int(belanja * float(kat.kegiatan.at[k, "porsi_siplah"]) // max(price, 1))
    if qty <= 0:
        return []
    return [{"kode_kegiatan": kode, "barang": item, "jumlah": qty, "harga_satuan": price,
             "total": qty * price, "komponen": kat.kegiatan.at[k, "komponen"], "bulan": BULAN[mulai - 1],
             "penyedia": "Penyedia SIPLah (fiktif)", "status": "diterima"}]
