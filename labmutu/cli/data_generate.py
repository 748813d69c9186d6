"""``labmutu data generate``: synthetic school data for a kab/kota, a province or the country."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from labmutu.errors import LabMutuError


def register(subparsers) -> None:
    """Adds ``generate`` to the ``data`` group."""
    p = subparsers.add_parser(
        "generate",
        help="bangkitkan data sekolah fiktif di atas geografi nyata",
        description=("Membangkitkan tabel sekolah, indikator, standar_snp, bangunan, sarpras dan "
                     "keuangan untuk satu kab/kota, satu provinsi, atau seluruh Indonesia. "
                     "Seed yang sama selalu menghasilkan file yang sama persis."),
        epilog="Contoh: labmutu data generate --wilayah 5312 --seed 1 --out data-sumba-barat",
    )
    p.add_argument("--wilayah", default="nasional",
                   help="'nasional', kode provinsi (53), kode kab/kota (5312) atau nama (\"Sumba Barat\")")
    p.add_argument("--seed", type=int, default=0, help="bilangan bulat penentu hasil acak (bawaan 0)")
    p.add_argument("--out", type=Path, required=True, help="folder tujuan (dibuat bila belum ada)")
    p.add_argument("--tahun-akhir", type=int, default=2024, dest="tahun_akhir",
                   help="tahun terakhir riwayat indikator (bawaan 2024)")
    p.add_argument("--jumlah-tahun", type=int, default=3, dest="n_tahun",
                   help="banyaknya tahun riwayat indikator, minimal 3 (bawaan 3)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from labmutu.datasets import reference
    from labmutu.datasets.generate import generate
    from labmutu.datasets.writer import write_dataset

    start = time.perf_counter()
    codes = reference.resolve_wilayah(args.wilayah)
    if args.out.exists() and not args.out.is_dir():
        raise LabMutuError(f"{args.out} sudah ada dan bukan folder.", "Pilih nama folder lain untuk --out.")

    def progress(items):
        return tqdm(items, desc="Kab/kota", unit=" kab/kota", file=sys.stderr,
                    disable=len(codes) < 20 or not sys.stderr.isatty())

    tables = generate(args.wilayah, args.seed, args.tahun_akhir, args.n_tahun, progress=progress)
    judul = _title(args.wilayah, codes)
    write_dataset(tables, args.out, {"judul": judul, "wilayah": args.wilayah, "seed": args.seed,
                                     "tahun_akhir": args.tahun_akhir, "jumlah_tahun": args.n_tahun})
    s = tables["sekolah"]
    count = f"{len(s):,}".replace(",", ".")
    seconds = f"{time.perf_counter() - start:.1f}".replace(".", ",")
    print(f"Selesai: {count} sekolah di {s['kode_kabkota'].nunique()} kab/kota dan "
          f"{s['kode_provinsi'].nunique()} provinsi ({judul}), seed {args.seed}, {seconds} detik.")
    print(f"File ditulis ke {args.out}/ ; penjelasan kolom ada di {args.out}/KAMUS_DATA.md.")
    return 0


def _title(wilayah: str, codes: list[str]) -> str:
    from labmutu.datasets import reference

    if len(codes) == 514:
        return "Seluruh Indonesia"
    if len(codes) == 1:
        return reference.label_kabkota(codes[0])
    prov = reference.provinces().set_index("kode_provinsi")
    first = codes[0][:2]
    if all(c[:2] == first for c in codes):
        return f"Provinsi {prov.loc[first, 'nama_provinsi']}"
    return str(wilayah)
