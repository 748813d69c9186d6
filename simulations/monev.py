"""Pemantauan dan evaluasi: next year's Rapor values, the gap to target, what each activity did.

An activity's strength this year is ``efektif × max(0, 1 + ketidakpastian × z) × mutasi factor``
(zero when its prerequisite is not met). It moves its root causes by its points times that
strength (per school and node, added in catalog order); the root-cause map carries the gains to the indicators. Gains show at this year's
measurement when the activity started early enough (start month + lead time <= measurement
month), otherwise at the next one. Near the top of the scale gains shrink (``ruang_kepala``).
The true value also drifts (``tren``) and varies (``sd_proses``); the Rapor measures it with
noise (``sd_ukur``), rounded to 2 decimals like Rapor Pendidikan.
"""

from __future__ import annotations

import numpy as np

from labmutu.datasets.schema import INDIKATOR
from labmutu.simulations.catalog import Katalog
from labmutu.simulations.inputs import Undian, bulatkan
from labmutu.simulations.records import Evaluasi, Parameter, Pelaksanaan, RencanaTahun

KODE = tuple(INDIKATOR)
C3, D4 = KODE.index("C.3"), KODE.index("D.4")


def daya_efek(pelaksanaan: Pelaksanaan, syarat: np.ndarray, undian: Undian, kat: Katalog,
              params: Parameter) -> np.ndarray:
    """Realised strength of each chosen activity (entries of ``pelaksanaan``)."""
    rows, ks = pelaksanaan.baris, pelaksanaan.kegiatan
    size = np.maximum(0.0, 1.0 + kat.ketidakpastian[ks] * undian.z_efek[rows, ks].astype(np.float64))
    m = pelaksanaan.efektif * size
    m = m * np.where(pelaksanaan.mutasi[rows] & kat.peka_mutasi[ks], params.faktor_mutasi, 1.0)
    return np.where(syarat[rows, ks], m, 0.0)


def tampak_sekarang(rencana: RencanaTahun, pelaksanaan: Pelaksanaan, kat: Katalog, params: Parameter) -> np.ndarray:
    """Whether each chosen activity's effect shows at this year's measurement."""
    rows, ks = pelaksanaan.baris, pelaksanaan.kegiatan
    sem = rencana.semester[rows, ks]
    start = np.where(sem == 2, params.bulan_mulai[1], params.bulan_mulai[0])
    start = start + np.where(pelaksanaan.terlambat[rows] & (sem == 2), params.tunda_terlambat, 0)
    return start + kat.tunggu[ks] <= params.bulan_ukur


def ke_simpul(rows: np.ndarray, ks: np.ndarray, strengths: tuple[np.ndarray, ...], n: int,
              kat: Katalog) -> list[np.ndarray]:
    """(R, n) root-cause gains for each strength vector: an activity's points times its strength,
    added per school and node in catalog order."""
    count = np.array([len(t) for t in kat.sasaran])
    nodes = np.array([r for t in kat.sasaran for r, _ in t], dtype=np.int64)
    pts = np.array([p for t in kat.sasaran for _, p in t])
    first = np.cumsum(count) - count
    per = count[ks]
    entry = np.repeat(np.arange(len(ks)), per)
    t = first[ks[entry]] + np.arange(len(entry)) - np.repeat(np.cumsum(per) - per, per)
    bins = nodes[t] * n + rows[entry]
    size = len(kat.simpul) * n
    return [np.bincount(bins, weights=pts[t] * s[entry], minlength=size).reshape(len(kat.simpul), n)
            for s in strengths]


def ke_indikator(gain: np.ndarray, kat: Katalog) -> np.ndarray:
    """(n, 15) indicator gains from (R, n) root-cause gains, summed node by node in a fixed order."""
    out = np.zeros((len(KODE), gain.shape[1]))
    for c in range(len(KODE)):
        for r in np.flatnonzero(kat.total[:, c]):
            out[c] = out[c] + gain[r] * kat.total[r, c]
    return out.T


def evaluasi(benar: np.ndarray, tertunda: np.ndarray, kerusakan: np.ndarray, target: np.ndarray,
             rencana: RencanaTahun, pelaksanaan: Pelaksanaan, syarat: np.ndarray, undian: Undian,
             kat: Katalog, params: Parameter) -> Evaluasi:
    """The monev step: measure next year's indicators and compare them with the targets.

    Args:
        benar: (n, 15) true values; tertunda: (n, 15) gains waiting for this measurement.
        kerusakan: (n,) building damage; target: (n, 15) this year's targets.
        syarat: (n, K) whether each school meets each activity's prerequisite.
    """
    n = len(benar)
    m = daya_efek(pelaksanaan, syarat, undian, kat, params)
    now = tampak_sekarang(rencana, pelaksanaan, kat, params)
    rows, ks = pelaksanaan.baris, pelaksanaan.kegiatan
    gain_now, gain_later = ke_simpul(rows, ks, (np.where(now, m, 0.0), np.where(now, 0.0, m)), n, kat)

    damage = kerusakan
    if "sarpras" in kat.simpul:
        r = kat.simpul.index("sarpras")
        damage = damage - (gain_now[r] + gain_later[r])
    damage = np.clip(damage + np.where(pelaksanaan.bencana, params.kerusakan_bencana, 0.0), 0.0, 100.0)

    room = np.clip((100.0 - benar) / params.ruang_kepala, 0.0, 1.0)
    applied = (ke_indikator(gain_now, kat) + tertunda) * room
    b = benar + params.tren
    b = b + params.sd_proses * undian.z_proses
    b = b + applied
    b[:, C3] = b[:, C3] - np.where(pelaksanaan.mutasi, params.dampak_mutasi, 0.0)
    b[:, D4] = b[:, D4] - np.where(pelaksanaan.bencana, params.dampak_bencana, 0.0)
    b = np.clip(b, 0.0, 100.0)
    nilai = bulatkan(np.clip(b + params.sd_ukur * undian.z_ukur, 0.0, 100.0))
    return Evaluasi(nilai=nilai, benar=b, tertunda=ke_indikator(gain_later, kat), kerusakan=damage,
                    daya_efek=m, target=target)
