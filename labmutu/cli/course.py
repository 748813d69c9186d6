"""The ``labmutu course``: subcommand (being built)."""

from __future__ import annotations


def register(subparsers) -> None:
    """Adds the ``course`` subcommand (placeholder until its issue lands)."""
