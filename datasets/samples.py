"""The shipped sample datasets: what they are, the seed each was generated at, how to rebuild them.

Every sample is the generator's output at a documented seed; ``tests/datasets`` regenerates each
one and compares it byte for byte with the committed files. Rebuild after a deliberate generator
change with ``python -m labmutu.datasets.samples``.
"""

from __future__ import annotations

import functools
import sys
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import pandas as pd

from labmutu.datasets.generate import generate
from labmutu.datasets.latihan import CASES, make_latihan
from labmutu.datasets.schema import TABLES
from labmutu.datasets.writer import write_dataset
from labmutu.errors import LabMutuError

GENERATOR_VERSION = 1


@dataclass(frozen=True)
class Sample:
    """One shipped dataset: its folder name, title, wilayah and seed."""

    name: str
    judul: str
    wilayah: str
    seed: int
    catatan: str


SAMPLES = {
    s.name: s for s in (
        Sample("sumba-barat", "Kab. Sumba Barat (NTT), daerah tertinggal", "5312", 2025,
               "Seluruh sekolah Kab. Sumba Barat (jumlah nyata per jenjang dan status), "
               "kabupaten daerah tertinggal menurut Perpres 63/2020."),
        Sample("belitung", "Kab. Belitung (Kep. Bangka Belitung)", "1902", 2025,
               "Seluruh sekolah Kab. Belitung (jumlah nyata per jenjang dan status), bukan daerah 3T."),
        Sample("sekolah-latihan", "Sekolah latihan: 10 sekolah dengan masalah yang jelas", "1902,5312", 7,
               "Sepuluh sekolah yang dirancang untuk latihan; setiap sekolah punya satu masalah utama "
               "(lihat README.md)."),
    )
}


def samples_root() -> Path:
    """The folder holding the shipped samples inside the installed package."""
    return Path(str(resources.files("labmutu.datasets"))) / "data" / "sampel"


def available() -> list[str]:
    """Names of the samples present on disk."""
    root = samples_root()
    return sorted(p.name for p in root.iterdir() if p.is_dir()) if root.is_dir() else []


def sample_dir(name: str) -> Path:
    """The folder of one shipped sample."""
    return samples_root() / name


@functools.cache
def _load(name: str, table: str) -> pd.DataFrame:
    path = sample_dir(name) / f"{table}.csv"
    columns = TABLES[table].columns
    dtypes = {c.name: "string" if c.dtype == "str" else "category" if c.dtype == "category" else None
              for c in columns}
    df = pd.read_csv(path, dtype={k: v for k, v in dtypes.items() if v}, encoding="utf-8")
    for c in columns:
        if c.dtype == "str":
            df[c.name] = df[c.name].astype(object)
        elif c.dtype == "int" and c.nullable:
            df[c.name] = df[c.name].astype("Int64")
    return df


def load(name: str, table: str) -> pd.DataFrame:
    """One table of a shipped sample, typed by the contract (a fresh copy each call).

    Raises:
        LabMutuError: unknown sample or table.
    """
    if name not in SAMPLES:
        raise LabMutuError(f"Sampel data '{name}' tidak ada.", f"Pilihan: {', '.join(SAMPLES)}.")
    if table not in TABLES:
        raise LabMutuError(f"Tabel '{table}' tidak ada.", f"Pilihan: {', '.join(TABLES)}.")
    return _load(name, table).copy()


def warm() -> None:
    """Reads every shipped sample table into the cache (a preloaded kernel process calls this)."""
    for name in SAMPLES:
        for table in TABLES:
            if (sample_dir(name) / f"{table}.csv").is_file():
                _load(name, table)


def build(name: str) -> dict[str, pd.DataFrame]:
    """Regenerate a sample's tables from its documented seed."""
    sample = SAMPLES[name]
    if name == "sekolah-latihan":
        return make_latihan(sample.seed)
    return generate(sample.wilayah, sample.seed)


def metadata(name: str) -> dict:
    """The metadata.json content of a sample."""
    s = SAMPLES[name]
    return {"judul": s.judul, "wilayah": s.wilayah, "seed": s.seed, "catatan": s.catatan,
            "versi_generator": GENERATOR_VERSION}


def write(name: str, root: Path | None = None) -> Path:
    """Regenerate one sample into ``root/name`` (default: the package's sample folder)."""
    out = write_dataset(build(name), (root or samples_root()) / name, metadata(name))
    if name == "sekolah-latihan":
        (out / "README.md").write_text(latihan_readme(), encoding="utf-8")
    return out


def latihan_readme() -> str:
    """The trainer's guide to the ten training schools, with their NPSN."""
    tables = build("sekolah-latihan")
    lines = ["# Sekolah latihan", "",
             "Sepuluh sekolah fiktif untuk latihan bimtek. Setiap sekolah dirancang dengan satu masalah "
             "utama yang bisa ditemukan peserta dari data. Dibangkitkan dengan seed "
             f"{SAMPLES['sekolah-latihan'].seed}; indikator sekolah-sekolah ini diatur tangan "
             "(asumsi pelatihan), bukan data asli.", "",
             "| No | NPSN | Sekolah | Kasus | Yang perlu ditemukan peserta |", "|---|---|---|---|---|"]
    sekolah = tables["sekolah"]
    for i, (case, (_, _, _, title, finding)) in enumerate(zip(sekolah.itertuples(), CASES), start=1):
        lines.append(f"| {i} | {case.npsn} | {case.nama} | {title} | {finding} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    for sample_name in (sys.argv[1:] or list(SAMPLES)):
        print(f"Menulis sampel {sample_name} ke {write(sample_name)}")
