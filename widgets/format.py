"""Indonesian number formatting for everything a trainee reads (Rupiah, decimals, percent)."""

from __future__ import annotations

import math

from babel.numbers import format_currency, format_decimal

LOCALE = "id_ID"


def rupiah(amount: float | int | None) -> str:
    """Formats Rupiah the Indonesian way: ``Rp 1.234.567`` (no decimals)."""
    if amount is None or (isinstance(amount, float) and math.isnan(amount)):
        return "-"
    return format_currency(round(amount), "IDR", locale=LOCALE, format="¤ #,##0",
                           currency_digits=False)


def angka(value: float | int | None, digits: int = 1) -> str:
    """Formats a number with a decimal comma: ``71,8``; ``-`` when missing."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "-"
    pattern = "#,##0" + ("." + "0" * digits if digits > 0 else "")
    return format_decimal(value, locale=LOCALE, format=pattern)


def persen(value: float | None, digits: int = 1) -> str:
    """Formats a value already in percent (``20.0`` → ``20,0 %``)."""
    text = angka(value, digits)
    return text if text == "-" else f"{text} %"


def selisih(value: float | None, digits: int = 1) -> str:
    """Formats a change with its sign: ``+3,2``, ``-1,0``, ``0,0``."""
    text = angka(value, digits)
    if text == "-" or value is None:
        return text
    return f"+{text}" if value > 0 else text
