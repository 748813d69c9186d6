"""Reference tables: provinces, kab/kota, daerah tertinggal, school counts (real facts).

Files live in ``datasets/data/referensi/`` with their sources and licences (``SUMBER.md``).
Codes are Kemendagri codes as zero-padded strings: ``"53"`` for a province, ``"5312"`` for a
kab/kota.
"""

from __future__ import annotations

import difflib
import functools
import re
from importlib import resources
from pathlib import Path

import pandas as pd

from labmutu.errors import LabMutuError

COUNT_COLUMNS = [f"{j}_{s}" for j in ("sd", "smp", "sma", "smk", "slb") for s in ("negeri", "swasta")]


def reference_dir() -> Path:
    """The folder of the reference CSV files."""
    return Path(str(resources.files("labmutu.datasets"))) / "data" / "referensi"


def _read(name: str, codes: tuple[str, ...]) -> pd.DataFrame:
    return pd.read_csv(reference_dir() / name, dtype={c: str for c in codes}, encoding="utf-8")


@functools.cache
def _provinces() -> pd.DataFrame:
    return _read("provinces.csv", ("kode_provinsi",))


@functools.cache
def _kabupaten_kota() -> pd.DataFrame:
    return _read("kabupaten_kota.csv", ("kode_kabkota", "kode_provinsi"))


@functools.cache
def _daerah_tertinggal() -> pd.DataFrame:
    return _read("daerah_tertinggal_2020_2024.csv", ("kode_kabkota", "kode_provinsi"))


@functools.cache
def _sekolah_per_kabkota() -> pd.DataFrame:
    return _read("sekolah_per_kabkota.csv", ("kode_kabkota",))


def provinces() -> pd.DataFrame:
    """The 38 provinces: kode_provinsi, nama_provinsi, ibukota, lat, lon."""
    return _provinces().copy()


def kabupaten_kota() -> pd.DataFrame:
    """The 514 kab/kota: kode_kabkota, kode_provinsi, nama, jenis, lat, lon, daerah_3t."""
    kab = _kabupaten_kota().copy()
    kab["daerah_3t"] = kab["kode_kabkota"].isin(_daerah_tertinggal()["kode_kabkota"])
    return kab


def daerah_tertinggal() -> pd.DataFrame:
    """The 62 daerah tertinggal of Perpres 63/2020: kode_kabkota, nama, kode_provinsi."""
    return _daerah_tertinggal().copy()


def sekolah_per_kabkota() -> pd.DataFrame:
    """School counts per kab/kota by jenjang and status (2019 Dapodik snapshot)."""
    return _sekolah_per_kabkota().copy()


def label_kabkota(kode: str) -> str:
    """``"Kab. Sumba Barat"`` or ``"Kota Kupang"`` for a kab/kota code."""
    row = _kabupaten_kota().set_index("kode_kabkota").loc[kode]
    return f"{'Kab.' if row['jenis'] == 'Kabupaten' else 'Kota'} {row['nama']}"


def _simplify(text: str) -> str:
    text = text.lower().strip()
    text = re.sub(r"^(kabupaten|kab\.?|kota)\s+", "", text)
    return re.sub(r"[^a-z0-9]", "", text)


def resolve_wilayah(text: str) -> list[str]:
    """The kab/kota codes a wilayah names, in code order.

    Accepts ``"nasional"``, a province code (``"53"``), a kab/kota code (``"5312"`` or ``"53.12"``),
    or a name (``"Sumba Barat"``, ``"Kab. Belitung"``, ``"Kota Kupang"``, ``"Jawa Barat"``).

    Raises:
        LabMutuError: unknown or ambiguous wilayah, with suggestions.
    """
    kab = _kabupaten_kota()
    raw = str(text).strip()
    if raw.lower() in ("nasional", "indonesia", "semua"):
        return kab["kode_kabkota"].tolist()
    code = raw.replace(".", "")
    if code.isdigit():
        if len(code) == 2 and code in set(_provinces()["kode_provinsi"]):
            return kab.loc[kab["kode_provinsi"] == code, "kode_kabkota"].tolist()
        if len(code) == 4 and code in set(kab["kode_kabkota"]):
            return [code]
        raise LabMutuError(f"Kode wilayah {raw} tidak dikenal.",
                           "Pakai kode provinsi 2 digit (misalnya 53) atau kode kab/kota 4 digit "
                           "(misalnya 5312), atau tulis 'nasional'.")
    wanted = _simplify(raw)
    is_kota = raw.lower().startswith("kota")
    is_kab = raw.lower().startswith("kab")
    prov = _provinces()
    prov_hit = prov[prov["nama_provinsi"].map(_simplify) == wanted]
    kab_hit = kab[kab["nama"].map(_simplify) == wanted]
    if is_kota:
        kab_hit = kab_hit[kab_hit["jenis"] == "Kota"]
    elif is_kab:
        kab_hit = kab_hit[kab_hit["jenis"] == "Kabupaten"]
    if len(kab_hit) == 1 and (len(prov_hit) == 0 or is_kab or is_kota):
        return kab_hit["kode_kabkota"].tolist()
    if len(prov_hit) == 1 and len(kab_hit) == 0:
        return resolve_wilayah(prov_hit["kode_provinsi"].iloc[0])
    if len(kab_hit) > 1 or (len(kab_hit) and len(prov_hit)):
        options = [f"{label_kabkota(k)} ({k})" for k in kab_hit["kode_kabkota"]]
        options += [f"Provinsi {p} ({c})" for c, p in zip(prov_hit["kode_provinsi"], prov_hit["nama_provinsi"])]
        raise LabMutuError(f"Nama wilayah '{raw}' bisa berarti beberapa wilayah: {', '.join(options)}.",
                           "Tulis 'Kab. …' atau 'Kota …', atau pakai kodenya.")
    names = list(prov["nama_provinsi"]) + list(kab["nama"])
    close = difflib.get_close_matches(raw.title(), names, n=3, cutoff=0.6)
    hint = f"Mungkin maksud Anda: {', '.join(close)}." if close else \
        "Pakai nama kab/kota atau provinsi, kodenya, atau 'nasional'."
    raise LabMutuError(f"Wilayah '{raw}' tidak ditemukan.", hint)
