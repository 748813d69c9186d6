"""``labmutu serve``: sets up the workspace and serves Lab Mutu with Voilà."""

from __future__ import annotations

import argparse
from pathlib import Path

from labmutu.errors import LabMutuError


def register(subparsers) -> None:
    """Adds the ``serve`` subcommand."""
    p = subparsers.add_parser(
        "serve",
        help="jalankan Lab Mutu (Voilà) di peramban",
        description="Menyiapkan folder kerja lalu menjalankan Lab Mutu dengan Voilà.",
        epilog=(
            "Pelatihan di jaringan (LAN): jalankan di komputer server dengan --host 0.0.0.0, "
            "lalu peserta membuka http://<alamat-IP-server>:<port>/ di peramban mereka "
            "(alamatnya dicetak saat Lab Mutu siap; izinkan port itu di firewall). "
            "Tanpa --host 0.0.0.0 hanya komputer ini yang bisa membuka Lab Mutu. "
            "Lihat docs/penyajian.md."
        ),
    )
    p.add_argument("--host", default="127.0.0.1",
                   help="alamat yang didengarkan (bawaan 127.0.0.1: hanya komputer ini; "
                        "0.0.0.0: semua peserta di jaringan LAN)")
    p.add_argument("--port", type=int, default=8866, help="nomor port (bawaan 8866)")
    p.add_argument("--workspace", type=Path, default=None,
                   help="folder kerja peserta (bawaan ~/labmutu atau $LABMUTU_WORKSPACE)")
    p.add_argument("--buka-peramban", action="store_true", dest="open_browser",
                   help="buka peramban secara otomatis")
    p.add_argument("--matikan-kernel-menganggur", type=int, default=900, metavar="DETIK",
                   dest="cull_idle", help="matikan kernel (proses Python satu halaman) yang menganggur tanpa tab terbuka "
                        "selama DETIK (bawaan 900; 0 = tidak pernah)")
    p.add_argument("--kernel-biasa", action="store_false", dest="fast_kernels",
                   help="mulai setiap kernel dengan cara biasa, bukan disalin dari proses yang sudah memuat "
                        "pustaka (lebih lambat dan lebih boros memori; untuk mencari masalah)")
    p.set_defaults(func=run)


def _port_free(host: str, port: int) -> bool:
    import socket

    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((host, port))
        except OSError:
            return False
    return True


def run(args: argparse.Namespace) -> int:
    from labmutu import workspace as ws_mod
    from labmutu.warmup import warm_matplotlib

    if not 1 <= args.port <= 65535:
        raise LabMutuError(f"Port {args.port} tidak valid.", "Pilih port antara 1 dan 65535.")
    if args.cull_idle < 0:
        raise LabMutuError("--matikan-kernel-menganggur tidak boleh negatif.",
                           "Isi jumlah detik, misalnya 900, atau 0 agar kernel tidak dimatikan.")
    if not _port_free(args.host, args.port):
        raise LabMutuError(
            f"Port {args.port} di {args.host} sedang dipakai program lain (mungkin Lab Mutu sudah berjalan).",
            f"Buka http://{args.host}:{args.port}/ di peramban, atau jalankan dengan --port lain.",
        )
    ws = ws_mod.prepare(args.workspace)
    warm_matplotlib()
    from labmutu.server.app import serve

    print(f"Menyiapkan Lab Mutu di folder kerja {ws.root} ...", flush=True)
    serve(ws, host=args.host, port=args.port, open_browser=args.open_browser,
          cull_idle_seconds=args.cull_idle, fast_kernels=args.fast_kernels)
    return 0
