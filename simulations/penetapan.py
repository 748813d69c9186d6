"""Penetapan standar: the SNP as the floor, higher internal standards, reachable yearly targets.

On the Rapor Pendidikan scale the SNP floor is taken as the Baik boundary (70; asumsi pelatihan:
Rapor Pendidikan does not state SNP levels per indicator, domain facts §2). A school below the
floor takes the SNP as its standard; a school at or above it sets a higher internal standard
(PMP 2025 guidance, domain facts §1.2). This year's target is one reachable step toward the
standard. ``periksa_target`` checks a trainee's targets and explains every problem in Indonesian.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Mapping

import numpy as np
import pandas as pd

from labmutu.datasets.schema import INDIKATOR
from labmutu.simulations.inputs import bulatkan
from labmutu.simulations.records import Parameter, Standar

KODE = tuple(INDIKATOR)


@dataclass(frozen=True)
class Catatan:
    """One problem with a target: the rule broken, the indicator and the message (Indonesian)."""

    aturan: str
    kode_indikator: str
    pesan: str


def tetapkan(nilai: np.ndarray, params: Parameter, target: np.ndarray | None = None) -> Standar:
    """The penetapan step on arrays.

    Args:
        nilai: (n, 15) the latest measured values.
        params: model parameters (floor, internal rise, yearly step).
        target: optional (n, 15) trainee targets, NaN where the school set none. A given target
            is used as it is (``periksa_target`` reports the problems); the standard is raised
            to it when it is higher.
    """
    floor = params.batas_snp
    standar = np.where(nilai < floor, floor, np.minimum(100.0, bulatkan(nilai + params.kenaikan_internal)))
    step = np.minimum(standar, bulatkan(nilai + params.laju_wajar))
    if target is not None:
        given = ~np.isnan(target)
        step = np.where(given, np.clip(np.nan_to_num(target), 0.0, 100.0), step)
        standar = np.maximum(standar, np.where(given, step, 0.0))
    return Standar(standar=standar, target=step)


def tahun_capai(nilai: float, target: float, params: Parameter) -> int:
    """Years needed to reach ``target`` from ``nilai`` at the largest reachable yearly rise."""
    return max(0, math.ceil((target - nilai) / params.laju_maks - 1e-9))


def periksa_target(nilai: Mapping[str, float], target: Mapping[str, float], tahun: int = 1,
                   params: Parameter | None = None) -> list[Catatan]:
    """Every problem with a school's targets for a horizon of ``tahun`` years.

    Rules: a target is at least the SNP floor, at most 100, reachable in the horizon (at most
    ``laju_maks`` points a year), and a school already above the floor does not set a target
    below its current score.

    Args:
        nilai: current score per indicator code.
        target: target per indicator code.
        tahun: the horizon in years (1–5).
        params: model parameters (default ``Parameter()``).
    """
    p = params or Parameter()
    out: list[Catatan] = []
    if not 1 <= tahun <= 5:
        out.append(Catatan("horizon_tidak_sah", "", f"Jangka waktu target {tahun} tahun tidak sah; pilih 1 sampai 5 tahun."))
        return out
    for code, t in target.items():
        if code not in INDIKATOR:
            out.append(Catatan("indikator_tidak_dikenal", code, f"Indikator '{code}' tidak dikenal."))
            continue
        now = float(nilai[code])
        name = f"{code} {INDIKATOR[code]}"
        if t > 100:
            out.append(Catatan("di_atas_100", code, f"Target {name} ({_n(t)}) melebihi skor tertinggi 100."))
        if t < p.batas_snp:
            out.append(Catatan("di_bawah_snp", code,
                               f"Target {name} ({_n(t)}) di bawah standar minimal SNP ({_n(p.batas_snp)}). "
                               "Sekolah yang belum mencapai SNP memakai SNP sebagai standar; perpanjang jangka "
                               "waktunya bila belum terjangkau."))
        if now >= p.batas_snp and t < now:
            out.append(Catatan("di_bawah_capaian", code,
                               f"Target {name} ({_n(t)}) lebih rendah dari capaian sekarang ({_n(now)}). Sekolah "
                               "yang sudah di atas SNP dapat menetapkan standar internal yang lebih tinggi."))
        need = tahun_capai(now, min(t, 100.0), p)
        if need > tahun:
            out.append(Catatan("tidak_terjangkau", code,
                               f"Target {name} ({_n(t)}) tidak terjangkau dalam {tahun} tahun: perlu naik "
                               f"{_n(t - now)} poin, paling banyak sekitar {_n(p.laju_maks)} poin per tahun "
                               f"(asumsi pelatihan). Perlu sekitar {need} tahun."))
    return out


def standar_sekolah(rapor: pd.DataFrame, params: Parameter | None = None) -> pd.DataFrame:
    """For one school's map: the standard, this year's target and years to reach the standard."""
    p = params or Parameter()
    nilai = rapor["nilai"].to_numpy(float)[None, :]
    s = tetapkan(nilai, p)
    out = rapor[["kode_indikator", "nilai"]].copy()
    out["standar"] = s.standar[0]
    out["target"] = s.target[0]
    out["tahun_capai"] = [tahun_capai(v, t, p) for v, t in zip(out["nilai"], out["standar"])]
    out["sumber_standar"] = np.where(out["nilai"] < p.batas_snp, "SNP (batas minimal)", "standar internal di atas SNP")
    return out.reset_index(drop=True)


def _n(x: float) -> str:
    return f"{x:.2f}".replace(".", ",")
