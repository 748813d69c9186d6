"""The ``labmutu data``: subcommand (being built)."""

from __future__ import annotations


def register(subparsers) -> None:
    """Adds the ``data`` subcommand (placeholder until its issue lands)."""
