"""``labmutu data validate`` and ``labmutu data info``: check a dataset, or summarise it."""

from __future__ import annotations

import argparse
from pathlib import Path


def register(subparsers) -> None:
    """Adds ``validate`` and ``info`` to the ``data`` group."""
    p = subparsers.add_parser(
        "validate", help="periksa file atau folder data sekolah terhadap kamus data",
        description=("Memeriksa file CSV/XLSX, atau satu folder berisi file tabel (sekolah.csv wajib), "
                     "dan melaporkan semua masalah sekaligus: file, baris, kolom, apa yang salah, dan "
                     "cara memperbaikinya. Kode keluar 0 bila data valid, 1 bila ada masalah."),
        epilog="Contoh:\n  labmutu data validate data-saya/\n  labmutu data validate data-saya/sekolah.xlsx",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("path", type=Path, metavar="PATH", help="file .csv/.xlsx atau folder data")
    p.set_defaults(func=run_validate)
    q = subparsers.add_parser(
        "info", help="ringkasan isi folder data sekolah",
        description=("Menampilkan ringkasan data: tabel dan jumlah baris, provinsi dan kab/kota, sekolah per "
                     "jenjang dan status, sekolah di daerah 3T, dan tahun data indikator."),
        epilog="Contoh: labmutu data info data-sumba-barat")
    q.add_argument("path", type=Path, metavar="PATH", help="folder data (atau satu file sekolah .csv/.xlsx)")
    q.set_defaults(func=run_info)


def run_validate(args: argparse.Namespace) -> int:
    from labmutu.datasets.validation import validate

    report = validate(args.path)
    print(report.format())
    return 0 if report.ok else 1


def run_info(args: argparse.Namespace) -> int:
    from labmutu.datasets.io import coerce, load_dataset, read_table

    path = args.path
    if path.is_file():
        tables = {"sekolah": coerce(read_table(path, "sekolah"), "sekolah")}
    else:
        tables = load_dataset(path)
    print("\n".join(summary(path, tables)))
    return 0


def summary(path: Path, tables: dict) -> list[str]:
    """The Indonesian lines ``info`` prints for a loaded dataset."""
    from labmutu.datasets import reference

    s = tables["sekolah"]
    lines = [f"Data di {path}:", "Tabel:"]
    lines += [f"  {name:<12} {_angka(len(df)):>10} baris" for name, df in tables.items()]
    prov = reference.provinces().set_index("kode_provinsi")["nama_provinsi"]
    kab = reference.kabupaten_kota().set_index("kode_kabkota")
    provs = sorted(s["kode_provinsi"].dropna().unique())
    names = f" ({', '.join(prov.get(p, p) for p in provs)})" if len(provs) <= 3 else ""
    lines.append(f"Wilayah: {len(provs)} provinsi{names}, {s['kode_kabkota'].nunique()} kab/kota")
    codes = sorted(s["kode_kabkota"].dropna().unique())
    if len(codes) <= 5:
        lines += [f"  {c} {reference.label_kabkota(c) if c in kab.index else '(kode tidak dikenal)'}" for c in codes]
    counts = s.groupby(["jenjang", "status"], observed=False).size().unstack(fill_value=0)
    lines.append(f"Sekolah: {_angka(len(s))} (negeri / swasta per jenjang)")
    for j in counts.index:
        if counts.loc[j].sum():
            lines.append(f"  {j:<4} {_angka(counts.loc[j].get('Negeri', 0)):>8} / "
                         f"{_angka(counts.loc[j].get('Swasta', 0))}")
    t3 = int(s["daerah_3t"].fillna(False).astype(bool).sum())
    share = f"{100 * t3 / max(len(s), 1):.1f}".replace(".", ",")
    lines.append(f"Sekolah di daerah 3T: {_angka(t3)} dari {_angka(len(s))} ({share} %)")
    if "indikator" in tables:
        years = sorted(tables["indikator"]["tahun"].dropna().astype(int).unique())
        lines.append(f"Tahun indikator: {', '.join(map(str, years))}")
    missing = [t for t in ("indikator", "standar_snp", "bangunan", "sarpras", "keuangan") if t not in tables]
    if missing:
        lines.append(f"Tabel yang tidak ada: {', '.join(missing)}")
    return lines


def _angka(n) -> str:
    return f"{int(n):,}".replace(",", ".")
