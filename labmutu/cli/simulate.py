"""``labmutu simulate``: run SPMI cycles over a dataset and write the results as CSV or Parquet."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

from labmutu.errors import LabMutuError

TABEL = ("ringkasan", "indikator", "kegiatan", "realisasi")
MAKS_TAHUN = 20


def register(subparsers) -> None:
    """Adds the ``simulate`` subcommand."""
    from labmutu.simulations import cycle

    p = subparsers.add_parser(
        "simulate",
        help="jalankan simulasi siklus SPMI untuk semua sekolah dalam data",
        description=("Menjalankan siklus SPMI (pemetaan, penetapan standar, perencanaan, pelaksanaan, "
                     "pemantauan dan evaluasi) selama beberapa tahun untuk setiap sekolah dalam folder data, "
                     "lalu menulis hasilnya sebagai CSV atau Parquet. Seed yang sama selalu memberi hasil yang sama."),
        epilog="Contoh: labmutu simulate --data data-sumba-barat --tahun 5 --seed 42 --kebijakan pbd --out hasil.csv",
    )
    p.add_argument("--data", type=Path, required=True, help="folder data (sekolah.csv, indikator.csv, ...)")
    p.add_argument("--tahun", type=int, default=5, help=f"banyaknya siklus/tahun, 1 sampai {MAKS_TAHUN} (bawaan 5)")
    p.add_argument("--seed", type=int, default=0, help="bilangan bulat penentu hasil acak (bawaan 0)")
    p.add_argument("--kebijakan", choices=("pbd", "acak", "tanpa"), default="pbd",
                   help="pbd: ikuti aturan PBD; acak: kegiatan acak; tanpa: tanpa kegiatan (bawaan pbd)")
    p.add_argument("--siklus", choices=tuple(cycle.CYCLES), default=cycle.DEFAULT,
                   help=f"urutan langkah siklus (bawaan {cycle.DEFAULT})")
    p.add_argument("--tabel", choices=TABEL, default="ringkasan",
                   help="isi berkas: ringkasan per sekolah per tahun (bawaan), indikator, kegiatan, realisasi")
    p.add_argument("--out", type=Path, required=True, help="berkas hasil, berakhiran .csv atau .parquet")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Loads the data, runs the model, writes one table; returns the exit code."""
    from tqdm import tqdm

    from labmutu.datasets.io import load_dataset
    from labmutu.simulations.model import SpmiModel

    suffix = args.out.suffix.lower()
    if suffix not in (".csv", ".parquet"):
        raise LabMutuError(f"Berkas hasil '{args.out}' harus berakhiran .csv atau .parquet.",
                           "Contoh: --out hasil.csv atau --out hasil.parquet.")
    if not 1 <= args.tahun <= MAKS_TAHUN:
        raise LabMutuError(f"--tahun {args.tahun} tidak sah.", f"Pilih 1 sampai {MAKS_TAHUN} tahun.")
    if args.seed < 0:
        raise LabMutuError(f"--seed {args.seed} tidak sah.", "Pakai bilangan bulat 0 atau lebih.")
    if args.out.parent and not args.out.parent.exists():
        raise LabMutuError(f"Folder {args.out.parent} untuk berkas hasil tidak ada.", "Buat foldernya dulu atau pilih folder lain.")

    start = time.perf_counter()
    data = load_dataset(args.data)
    model = SpmiModel(data, args.seed, siklus=args.siklus, kebijakan=args.kebijakan)

    def progress(years):
        return tqdm(years, desc="Siklus", unit=" tahun", file=sys.stderr, disable=not sys.stderr.isatty())

    hasil = model.run(args.tahun, progress=progress)
    table = getattr(hasil, args.tabel)()
    _write(table, args.out, suffix)
    n = f"{len(model.awal):,}".replace(",", ".")
    seconds = f"{time.perf_counter() - start:.1f}".replace(".", ",")
    first = hasil.tahun[0].tahun
    print(f"Selesai: {n} sekolah x {args.tahun} tahun ({first}-{first + args.tahun - 1}), kebijakan "
          f"{args.kebijakan}, siklus {args.siklus}, seed {args.seed}, {seconds} detik.")
    print(f"Tabel {args.tabel} ({len(table):,} baris) ditulis ke {args.out}.".replace(",", "."))
    return 0


def _write(table, out: Path, suffix: str) -> None:
    # Written next to the target and moved into place, so a failed run never leaves half a file.
    folder = out.parent if str(out.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{out.name}.", suffix=".tmp")
    except OSError as exc:
        raise LabMutuError(f"Tidak bisa menulis ke folder {folder}: {exc.strerror}.",
                           "Pilih folder yang bisa ditulisi untuk --out.") from None
    os.close(fd)
    try:
        if suffix == ".csv":
            table.to_csv(tmp, index=False, encoding="utf-8")
        else:
            table.to_parquet(tmp, index=False)
        os.replace(tmp, out)
    except OSError as exc:
        raise LabMutuError(f"Gagal menulis {out}: {exc.strerror}.", "Periksa ruang disk dan izin folder.") from None
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
