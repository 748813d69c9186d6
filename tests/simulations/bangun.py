"""Builders for hand-described schools following the data contract (used by the engine tests).

``sekolah`` describes one school with a few keyword arguments; ``buat_data`` builds the contract
tables (sekolah, indikator for two years, keuangan, sarpras), so a test states only what it is
about and every number in its expectation can be computed by hand. ``assert_same`` compares
two runs year by year, field by field.
"""

from __future__ import annotations

from dataclasses import fields

import numpy as np
import pandas as pd

from labmutu.datasets import rules
from labmutu.datasets.schema import INDIKATOR, KOMPONEN_BOSP

KODE = tuple(INDIKATOR)


def sekolah(npsn: str, *, jenjang: str = "SD", status: str = "Negeri", kab: str = "1902", t3: bool = False,
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


def buat_data(*schools: dict, tahun: int = 2024) -> dict[str, pd.DataFrame]:
    """The contract tables for hand-described schools (see ``sekolah``)."""
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
    indikator["capaian"] = rules.capaian(indikator["nilai"])
    indikator["perubahan"] = np.nan
    return {"sekolah": pd.DataFrame(rows), "indikator": indikator, "keuangan": pd.DataFrame(keu),
            "sarpras": pd.DataFrame(sar)}


def assert_same(engine, reference) -> None:
    """Asserts that a run (``Hasil``) and a list of year records are identical, naming the field."""
    assert len(engine.tahun) == len(reference)
    for y, (a, b) in enumerate(zip(engine.tahun, reference)):
        for f in fields(a):
            x, z = getattr(a, f.name), getattr(b, f.name)
            if isinstance(x, np.ndarray):
                assert x.shape == z.shape and np.array_equal(x, z, equal_nan=True), f"tahun ke-{y}: {f.name} berbeda"
            else:
                assert x == z, f"tahun ke-{y}: {f.name} berbeda"
