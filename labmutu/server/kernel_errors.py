"""Runs inside every kernel ``labmutu serve`` starts: trainees see one sentence, never a traceback.

Voilà strips tracebacks of cells that fail while the page is built, but not of errors raised
later, in a widget callback: inside an ``ipywidgets.Output`` the full traceback, with source
lines, would appear on the page. This IPython extension (loaded with
``--IPKernelApp.extensions=labmutu.server.kernel_errors``, see :mod:`labmutu.server.kernels`)
replaces what the kernel sends for any error with the Indonesian sentence below, and writes the
full traceback to the server's log (the kernel's original stderr).
"""

from __future__ import annotations

import os
import re
import sys

FRIENDLY = "Terjadi kesalahan di halaman ini. Muat ulang halaman; jika masih terjadi, hubungi pelatih."
_ANSI = re.compile(r"\x1b\[[0-9;]*m")


class Kesalahan(Exception):
    """The exception name a page receives instead of the real one."""


def load_ipython_extension(ip) -> None:
    """Wraps the shell's ``_showtraceback`` (the one place every error message leaves from)."""
    send = ip._showtraceback

    def _showtraceback(etype, evalue, stb):
        try:
            text = _ANSI.sub("", ip.InteractiveTB.stb2text(stb))
        except Exception:  # noqa: BLE001  the log line must never stop the friendly message
            text = f"{getattr(etype, '__name__', etype)}: {evalue}"
        _to_server_log(f"[labmutu kernel] kesalahan di halaman peserta:\n{text}\n")
        send(Kesalahan, FRIENDLY, [FRIENDLY])

    ip._showtraceback = _showtraceback


def _to_server_log(text: str) -> None:
    """Writes to the server's stderr, around ipykernel's capture of file descriptor 2.

    ipykernel forwards whatever reaches fd 2 to the page (into an ``Output`` widget, too);
    ``sys.stderr.fileno()`` of its stream is its copy of the original fd, the server's log.
    """
    try:
        fd = sys.stderr.fileno()
    except (AttributeError, OSError, ValueError):
        fd = 2
    os.write(fd, text.encode("utf-8", errors="replace"))
