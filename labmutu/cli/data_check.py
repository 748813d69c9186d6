"""``labmutu data validate`` and ``labmutu data info``: check a dataset, or summarise it."""

from __future__ import annotations

import argparse
from pathlib import Path


def register(subparsers) -> None:
    """Adds ``validate`` and ``info`` to the ``data`` group."""
    p = subparsers.add_parser(
        "validate", help="periksa file atau folder data sekolah terhadap kamus data",
        description=("Memeriksa file CSV/XLSX (atau satu folder berisi file tabel) dan melaporkan "
                     "semua masalah sekaligus: file, baris, kolom, apa yang salah, dan cara "
                     "memperbaikinya. Kode keluar 0 bila valid, 1 bila ada masalah."),
        epilog="Contoh: labmutu data validate data-saya/sekolah.csv")
    p.add_argument("path", type=Path, metavar="PATH", help="file .csv/.xlsx atau folder data")
    p.set_defaults(func=run_validate)
    q = subparsers.add_parser(
        "info", help="ringkasan isi folder data sekolah",
        description="Menampilkan ringkasan data: tabel dan jumlah baris, wilayah, jenjang, sekolah 3T, tahun.",
        epilog="Contoh: labmutu data info data-sumba-barat")
    q.add_argument("path", type=Path, metavar="PATH", help="folder data (atau file sekolah.csv)")
    q.set_defaults(func=run_info)


def run_validate(args: argparse.Namespace) -> int:
    from labmutu.datasets.validate import validate

    report = validate(args.path)
    print(report.format())
    return 0 if report.ok else 1


def run_info(args: argparse.Namespace) -> int:
    from labmutu.datasets import reference
    from labmutu.datasets.loaders import coerce, load_dataset, read_raw

    path = args.path
    if path.is_file():
        raw = read_raw(path, "sekolah")[0]
        tables = {"sekolah": coerce(raw)}
    else:
        tables = load_dataset(path)
    s = tables["sekolah"]
    print(f"Data di {path}:")
    for name, df in tables.items():
        print(f"  {name:<12} {len(df):>10,} baris".replace(",", "."))
    prov = reference.provinces().set_index("kode_provinsi")["nama_provinsi"]
    provs = sorted(s["kode_provinsi"].dropna().unique())
    print(f"Wilayah: {s['kode_kabkota'].nunique()} kab/kota di {len(provs)} provinsi"
          + (f" ({', '.join(prov.get(p, p) for p in provs)})" if len(provs) <= 3 else ""))
    counts = s.groupby(["jenjang", "status"], observed=True).size().unstack(fill_value=0)
    print("Sekolah per jenjang (negeri / swasta):")
    for j in ("SD", "SMP", "SMA", "SMK", "SLB"):
        if j in counts.index:
            print(f"  {j:<4} {counts.loc[j].get('Negeri', 0):>7,} / {counts.loc[j].get('Swasta', 0):,}".replace(",", "."))
    t3 = s["daerah_3t"].fillna(False).astype(bool)
    print(f"Sekolah di daerah 3T: {int(t3.sum()):,} dari {len(s):,}".replace(",", "."))
    if "indikator" in tables:
        years = sorted(tables["indikator"]["tahun"].dropna().astype(int).unique())
        print(f"Tahun indikator: {', '.join(map(str, years))}")
    return 0
