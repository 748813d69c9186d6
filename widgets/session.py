"""Autosaving a module's answers: restore on open, save on every change.

A ``ModuleSession`` wraps ``labmutu.answers.AnswerStore``. Widgets are bound to answer keys;
their saved value is restored when the page opens (or reloads) and saved atomically whenever
it changes. The answers file is ``<workspace>/jawaban/<module>.json`` for the Voilà modules,
or any path given (nbgrader assignments keep theirs beside the notebook).
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

import ipywidgets as w

from labmutu.answers import AnswerStore
from labmutu.server import participant
from labmutu.widgets.lean import HTML

log = logging.getLogger("labmutu.widgets")



def answers_dir() -> Path:
    """The folder of this participant's answers.

    The workspace is ``$LABMUTU_WORKSPACE`` when set; else the folder above the notebook's
    ``modul`` folder (Voilà runs the kernel in the notebook's folder); else ``~/labmutu``. On a
    server shared by many browsers, each participant's answers live in ``jawaban/<kode>/`` (the
    code comes from ``labmutu.server.participant``); without a code, in ``jawaban/``.
    """
    env = os.environ.get("LABMUTU_WORKSPACE")
    cwd = Path.cwd()
    if env:
        root = Path(env).expanduser()
    elif cwd.name == "modul" and (cwd.parent / "jawaban").is_dir():
        root = cwd.parent
    else:
        root = Path.home() / "labmutu"
    folder = root / "jawaban"
    # Set by the Voilà server per browser; checked again because it becomes part of a path.
    code = participant.normalise(os.environ.get(participant.ENV))
    return folder / code if code else folder


def default_answers_path(module: str) -> Path:
    """Where a module's answers live: ``answers_dir() / "<module>.json"``."""
    return answers_dir() / f"{module}.json"


class ModuleSession:
    """The saved answers of one module, bound to widgets.

    Args:
        module: module name, e.g. ``"01_pemetaan_mutu"``.
        path: the answers file; ``default_answers_path(module)`` when omitted.
    """

    def __init__(self, module: str, path: str | os.PathLike | None = None) -> None:
        self.store = AnswerStore(path or default_answers_path(module), module)
        self.answers: dict[str, Any] = self.store.load()
        self.notice = HTML(self._notice_html(self.store.warning))
        self._saving = True

    def get(self, key: str, default: Any = None) -> Any:
        return self.answers.get(key, default)

    def set(self, key: str, value: Any) -> None:
        """Records one answer and saves the whole module atomically."""
        self.answers[key] = value
        if not self._saving:
            return
        try:
            self.store.save(self.answers)
        except OSError as exc:  # disk full, read-only folder: say so, keep the page working
            log.warning("jawaban tidak tersimpan: %s", exc)
            self.notice.value = self._notice_html(
                "Jawaban belum tersimpan karena folder kerja tidak bisa ditulis. "
                "Beri tahu pelatih; jangan tutup halaman ini dulu.")
        else:
            if "belum tersimpan" in self.notice.value:
                self.notice.value = ""

    def bind(self, key: str, widget: w.DOMWidget, trait: str = "value") -> w.DOMWidget:
        """Restores ``widget.<trait>`` from the saved answer, then saves it on every change."""
        if key in self.answers:
            try:
                setattr(widget, trait, _restorable(self.answers[key]))
            except Exception:  # a saved value the widget no longer accepts (options changed)
                log.info("jawaban %s tidak dipulihkan: nilai lama tidak cocok", key)
        widget.observe(lambda change: self.set(key, _plain(change["new"])), names=trait)
        return widget

    @staticmethod
    def _notice_html(text: str) -> str:
        if not text:
            return ""
        return f'<div class="lm-notice" style="background:#fff4e5;border-left:4px solid #e67e22;' \
               f'padding:6px 10px">{text}</div>'


def _plain(value: Any) -> Any:
    return list(value) if isinstance(value, tuple) else value


def _restorable(value: Any) -> Any:
    return tuple(value) if isinstance(value, list) else value


def saved_answers(module: str) -> dict[str, Any]:
    """Another module's saved answers, read only (empty when none or unreadable).

    Later modules start from earlier choices: the school chosen in ``01_pemetaan_mutu``
    (keys ``sampel`` and ``npsn``), the plan of ``03_perencanaan_peningkatan`` (``rencana``).
    """
    try:
        return AnswerStore(default_answers_path(module), module).load()
    except Exception:  # a damaged file of another module must not break this one
        log.info("jawaban modul %s tidak terbaca", module)
        return {}


def chosen_school(session: ModuleSession, default_sample: str, default_npsn: str = "") -> tuple[str, str]:
    """The (sample, npsn) this module works on: its own saved choice, else module 01's, else defaults.

    A school taken over from module 01 is recorded as this module's own choice, so what the
    trainee does here stays tied to that school when module 01's choice later changes.
    """
    if session.get("sampel"):
        return session.get("sampel"), session.get("npsn", "") or ""
    first = saved_answers("01_pemetaan_mutu")
    if not first.get("npsn"):
        return default_sample, default_npsn
    sample, npsn = first.get("sampel") or default_sample, str(first["npsn"])
    session.set("sampel", sample)
    session.set("npsn", npsn)
    return sample, npsn
