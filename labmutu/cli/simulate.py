"""The ``labmutu simulate``: subcommand (being built)."""

from __future__ import annotations


def register(subparsers) -> None:
    """Adds the ``simulate`` subcommand (placeholder until its issue lands)."""
