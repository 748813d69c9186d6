"""Fixtures for the engine tests: hand-built schools following the data contract, and real samples.

The ``buat_data`` fixture builds the contract tables (sekolah, indikator for two years, keuangan, sarpras)
from a few keyword arguments per school, so a test states only what it is about and every
number in its expectation can be computed by hand.
"""

from __future__ import annotations

import functools

import numpy as np
import pandas as pd
import pytest

from labmutu.datasets.schema import INDIKATOR, KOMPONEN_BOSP

KODE = tuple(INDIKATOR)


def _sekolah(npsn: str, *, jenjang: str = "SD", status: str = "Negeri", kab: str = "1902", t3: bool = False,
            siswa: int = 120, guru: int = 8, rombel: int = 6, nilai=55.0, lalu=None, alokasi: int | None = None,
            realisasi: dict | None = None, honor: int = 0, kerusakan: float = 0.0, daya: int = 1300,
            internet: str = "Terbatas", siap_ifp: bool = False, indeks: float = 1.0) -> dict:
    """One school's facts. ``nilai``/``lalu``: a number for every indicator or a dict per code
    (``lalu`` defaults to ``nilai`` - 1). Realisation defaults to 90 % of the allocation spread
    over k01–k09 (SMK-only components empty), plus ``honor``."""
    return dict(npsn=npsn, jenjang=jenjang, status=status, kab=kab, t3=t3, siswa=siswa, guru=guru, rombel=rombel,
                nilai=nilai, lalu=lalu, alokasi=alokasi, realisasi=realisasi, honor=honor, kerusakan=kerusakan,
                daya=daya, internet=internet, siap_ifp=siap_ifp, indeks=indeks)


def _values(spec, default=None) -> dict[str, float]:
    if spec is None:
        return {c: v - 1.0 for c, v in default.items()}
    if isinstance(spec, dict):
        base = dict(default) if default is not None else {c: 55.0 for c in KODE}
        base.update(spec)
        return base
    return {c: float(spec) for c in KODE}


def _buat_data(*schools: dict, tahun: int = 2024) -> dict[str, pd.DataFrame]:
    """The contract tables for hand-described schools (see ``_sekolah``)."""
    rows, ind, keu, sar = [], [], [], []
    for s in schools:
        rows.append({"npsn": s["npsn"], "nama": f"Sekolah {s['npsn']}", "jenjang": s["jenjang"], "status": s["status"],
                     "kode_kabkota": s["kab"], "kode_provinsi": s["kab"][:2], "daerah_3t": s["t3"], "lat": -2.0,
                     "lon": 107.0, "peserta_didik": s["siswa"], "guru": s["guru"], "rombel": s["rombel"],
                     "akreditasi": "B"})
        now = _values(s["nilai"])
        before = _values(s["lalu"], now) if s["lalu"] is not None else {c: v - 1.0 for c, v in now.items()}
        for year, vals in ((tahun - 1, before), (tahun, now)):
            for code in KODE:
                ind.append({"npsn": s["npsn"], "tahun": year, "kode_indikator": code, "nilai": vals[code]})
        alokasi = s["alokasi"] if s["alokasi"] is not None else s["siswa"] * 1_000_000
        spend = s["realisasi"]
        if spend is None:
            per = (alokasi * 9 // 10 - s["honor"]) // 9 // 1000 * 1000
            spend = {c: (per if i < 9 else 0) for i, c in enumerate(KOMPONEN_BOSP)}
            spend["k12_honor"] = s["honor"]
        row = {"npsn": s["npsn"], "tahun": tahun, "indeks_biaya": s["indeks"], "satuan_biaya": 1_000_000,
               "peserta_didik": s["siswa"], "layak_bosp": alokasi > 0, "alokasi_bosp": alokasi}
        row.update({c: int(spend.get(c, 0)) for c in KOMPONEN_BOSP})
        row["total_realisasi"] = sum(row[c] for c in KOMPONEN_BOSP)
        row["porsi_honor_persen"] = round(row["k12_honor"] / alokasi * 100, 2) if alokasi else 0.0
        keu.append(row)
        sar.append({"npsn": s["npsn"], "jumlah_blok": 2, "blok_rusak_sedang": 0, "blok_rusak_berat": 0,
                    "kerusakan_maks_persen": s["kerusakan"], "tahun_rehab_terakhir": 2015,
                    "daya_listrik_va": s["daya"], "internet": s["internet"], "siap_ifp": s["siap_ifp"]})
    indikator = pd.DataFrame(ind)
    from labmutu.datasets import rules

    indikator["capaian"] = rules.capaian(indikator["nilai"])
    indikator["perubahan"] = np.nan
    return {"sekolah": pd.DataFrame(rows), "indikator": indikator, "keuangan": pd.DataFrame(keu),
            "sarpras": pd.DataFrame(sar)}


@functools.cache
def _sample(name: str) -> dict[str, pd.DataFrame]:
    from labmutu.datasets import samples

    return {t: samples.load(name, t) for t in ("sekolah", "indikator", "keuangan", "sarpras")}


@functools.cache
def _generated(wilayah: str, seed: int) -> dict[str, pd.DataFrame]:
    from labmutu.datasets.generate import generate

    return generate(wilayah=wilayah, random_state=seed)


@pytest.fixture
def sampel():
    """Loads a shipped sample's tables by name (cached; do not modify them)."""
    return _sample


@pytest.fixture
def dibangkitkan():
    """Generated tables for a wilayah and seed (cached; do not modify them)."""
    return _generated


@pytest.fixture
def sekolah():
    """Describes one school: ``sekolah("90000001", nilai={"A.1": 35.0}, status="Swasta", ...)``."""
    return _sekolah


@pytest.fixture
def buat_data():
    """Builds the contract tables from ``sekolah(...)`` descriptions."""
    return _buat_data
