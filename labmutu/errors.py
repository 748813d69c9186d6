"""Errors meant for people: every message is Indonesian and says what to do next."""

from __future__ import annotations


class LabMutuError(Exception):
    """An error whose message a trainee or trainer can act on.

    Args:
        message: what went wrong, in Bahasa Indonesia.
        hint: what to do about it, in Bahasa Indonesia.
    """

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message}\n{self.hint}" if self.hint else self.message
