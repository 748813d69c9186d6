"""The ``labmutu`` command: one entry point, Indonesian help, no tracebacks.

Each subcommand lives in its own module with a ``register(subparsers)`` function that adds
its parser and sets ``func``; ``func(args)`` returns an exit code.
"""

from __future__ import annotations

import argparse
import logging
import sys
from typing import Sequence

from labmutu.errors import LabMutuError

log = logging.getLogger("labmutu")

SUBCOMMAND_MODULES = ("serve", "data", "simulate", "course")


class IndonesianArgumentParser(argparse.ArgumentParser):
    """An ArgumentParser whose own messages read in Bahasa Indonesia."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("add_help", False)
        super().__init__(*args, **kwargs)
        self.add_argument("-h", "--help", action="help", help="tampilkan bantuan ini lalu keluar")

    def format_usage(self) -> str:
        return super().format_usage().replace("usage:", "cara pakai:")

    def format_help(self) -> str:
        text = super().format_help()
        for en, id_ in (
            ("usage:", "cara pakai:"),
            ("positional arguments:", "argumen:"),
            ("options:", "pilihan:"),
        ):
            text = text.replace(en, id_)
        return text

    def error(self, message: str) -> None:  # type: ignore[override]
        for en, id_ in (
            ("the following arguments are required", "argumen berikut wajib diisi"),
            ("unrecognized arguments", "argumen tidak dikenal"),
            ("invalid choice", "pilihan tidak dikenal"),
            ("choose from", "pilih salah satu dari"),
            ("invalid int value", "bukan bilangan bulat"),
            ("expected one argument", "perlu satu nilai"),
        ):
            message = message.replace(en, id_)
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: kesalahan: {message}\nJalankan '{self.prog} --help' untuk bantuan.\n")


def build_parser() -> argparse.ArgumentParser:
    """Builds the full ``labmutu`` parser from the subcommand modules."""
    import importlib

    parser = IndonesianArgumentParser(
        prog="labmutu",
        description="Lab Mutu: lingkungan latihan dan simulasi SPMI untuk bimtek.",
    )
    sub = parser.add_subparsers(
        title="perintah", dest="command", metavar="PERINTAH", parser_class=IndonesianArgumentParser
    )
    for name in SUBCOMMAND_MODULES:
        module = importlib.import_module(f"labmutu.cli.{name}")
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Runs the command line; returns the process exit code."""
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return int(args.func(args) or 0)
    except LabMutuError as exc:
        print(f"Kesalahan: {exc.message}", file=sys.stderr)
        if exc.hint:
            print(exc.hint, file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("Dihentikan.", file=sys.stderr)
        return 130
    except Exception:  # a bug: people get a sentence, the log keeps the details
        log.debug("kesalahan tak terduga", exc_info=True)
        print(
            "Kesalahan tak terduga di Lab Mutu. Tidak ada data yang tersimpan yang hilang.\n"
            "Laporkan ke pengelola dengan menjalankan ulang perintah ini dengan LABMUTU_DEBUG=1.",
            file=sys.stderr,
        )
        import os

        if os.environ.get("LABMUTU_DEBUG"):
            raise
        return 3
