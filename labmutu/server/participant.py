"""Participant codes: one shared server, separate answers for every participant.

On a workshop LAN one ``labmutu serve`` serves many browsers. Each browser gets a short code
(cookie ``labmutu_peserta``, e.g. ``P-7K3M9Q``) the first time it opens a page. The server passes
the code to the page's kernel as the header ``X-Labmutu-Peserta`` (Voilà turns it into the
environment variable ``HTTP_X_LABMUTU_PESERTA``), and the kernel keeps that participant's answers
in ``jawaban/<kode>/``. A code typed on the landing page continues the same work in another
browser. The code only separates practice answers; it is not a login, and nbgrader identity
comes from the operating-system or hub user.
"""

from __future__ import annotations

import re
import secrets

COOKIE = "labmutu_peserta"
HEADER = "X-Labmutu-Peserta"
ENV = "HTTP_X_LABMUTU_PESERTA"
# No 0/O, 1/I/L: a code read aloud or copied from a screen stays unambiguous.
ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
PATTERN = re.compile(r"^P-[2-9A-HJKMNP-Z]{6}$")


def new_code() -> str:
    """A fresh random participant code."""
    return "P-" + "".join(secrets.choice(ALPHABET) for _ in range(6))


def normalise(text: str | None) -> str | None:
    """The code in canonical form (``P-7K3M9Q``), or None when it is not a valid code.

    Accepts what people type: lower case, spaces, with or without ``P-``.
    """
    if not text:
        return None
    code = re.sub(r"\s", "", text.upper())
    if code.startswith("P-"):
        code = code[2:]
    elif len(code) == 7 and code.startswith("P"):
        code = code[1:]
    code = "P-" + code
    return code if PATTERN.match(code) else None


def ensure_code(handler) -> str:
    """The request's participant code; sets the cookie on a browser that has none."""
    code = normalise(handler.get_cookie(COOKIE))
    if code is None:
        code = new_code()
        set_code(handler, code)
    return code


def set_code(handler, code: str) -> None:
    """Stores ``code`` in the browser for a year."""
    handler.set_cookie(COOKIE, code, expires_days=365, path="/", samesite="Lax", httponly=True)
