"""``labmutu data``: the data subcommands (generate, validate, info).

The group is assembled here; ``generate`` lives in ``data_generate.py`` and ``validate``/``info``
in ``data_check.py`` so each can change on its own.
"""

from __future__ import annotations

import importlib

PARTS = ("data_generate", "data_check")


def register(subparsers) -> None:
    """Adds the ``data`` group and its subcommands."""
    p = subparsers.add_parser(
        "data",
        help="bangkitkan, periksa, dan ringkas data sekolah",
        description="Perintah untuk data sekolah contoh: generate, validate, info.",
    )
    sub = p.add_subparsers(title="perintah data", dest="data_command", metavar="PERINTAH",
                           parser_class=type(p))
    p.set_defaults(func=lambda args: (p.print_help(), 2)[1])
    for part in PARTS:
        try:
            module = importlib.import_module(f"labmutu.cli.{part}")
        except ModuleNotFoundError as exc:
            if exc.name != f"labmutu.cli.{part}":
                raise
            continue
        module.register(sub)
