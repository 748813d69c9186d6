"""The answers-file contract between an assignment app and its hidden tests.

The app (a Voilà kernel) writes ``jawaban.json`` beside the notebook with
``labmutu.answers.AnswerStore``: atomic, one JSON document::

    {"format": "labmutu-jawaban", "versi": 1, "modul": "<assignment id>",
     "diperbarui": "...", "jawaban": {"<item key>": <value>, ...}}

Hidden tests read the same file with :func:`read_answers`, which is strict and has no side
effects: it never follows a symbolic link, never reads more than :data:`MAX_BYTES`, never writes,
never raises and never prints. A file that is missing, damaged, too big, of another format or
version, or written for another assignment yields no answers and a ``problem`` in Indonesian;
every item then scores 0. A single item whose value has the wrong shape scores 0 on its own
(:func:`item_value`), the others still count.
"""

from __future__ import annotations

import json
import math
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from labmutu.answers import FORMAT, VERSION

ANSWERS_FILE = "jawaban.json"
MAX_BYTES = 1_000_000
EXECUTION_ENV = "NBGRADER_EXECUTION"  # "autograde" or "validate" while nbgrader runs a notebook

# Value shapes an item can have; the hidden test names the shape it expects.
KINDS = ("choice", "choices", "number", "order", "text")


@dataclass(frozen=True)
class Answers:
    """What a hidden test gets from the answers file.

    Attributes:
        values: item key -> saved value (empty when the file is unusable).
        problem: why the file was not used (Indonesian), "" when it was.
    """

    values: dict[str, Any] = field(default_factory=dict)
    problem: str = ""


def execution_mode() -> str:
    """``"autograde"`` or ``"validate"`` under nbgrader, ``"app"`` otherwise (Voilà, Jupyter)."""
    mode = os.environ.get(EXECUTION_ENV, "")
    return mode if mode in ("autograde", "validate") else "app"


def assignment_from_folder(folder: Path | None = None) -> str:
    """The assignment id: nbgrader keeps every copy of an assignment in a folder of that name."""
    return (folder or Path.cwd()).resolve().name


def read_answers(folder: Path | None = None, assignment: str | None = None) -> Answers:
    """Reads ``jawaban.json`` in ``folder`` (default: the working directory) strictly.

    Args:
        folder: the assignment folder (the kernel's working directory when grading).
        assignment: the expected ``modul``; the folder name when omitted.

    Returns:
        The answers, or no answers and the reason. Never raises.
    """
    folder = folder or Path.cwd()
    assignment = assignment or assignment_from_folder(folder)
    path = folder / ANSWERS_FILE
    try:
        raw = _read_regular_file(path)
    except FileNotFoundError:
        return Answers({}, "Berkas jawaban belum ada: belum ada butir yang dijawab.")
    except _Unusable as exc:
        return Answers({}, str(exc))
    except OSError:
        return Answers({}, "Berkas jawaban tidak bisa dibaca.")
    try:
        doc = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return Answers({}, "Berkas jawaban rusak (bukan JSON yang utuh).")
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        return Answers({}, "Berkas jawaban bukan berkas jawaban Lab Mutu.")
    if doc.get("versi") != VERSION:
        return Answers({}, f"Versi berkas jawaban tidak dikenal (harus {VERSION}).")
    if doc.get("modul") != assignment:
        return Answers({}, f"Berkas jawaban ini untuk tugas lain, bukan {assignment}.")
    values = doc.get("jawaban")
    if not isinstance(values, dict):
        return Answers({}, "Isi berkas jawaban tidak berbentuk daftar jawaban.")
    return Answers({str(k): v for k, v in values.items()}, "")


class _Unusable(Exception):
    pass


def _read_regular_file(path: Path) -> bytes:
    # O_NOFOLLOW: a link planted in a submission must not make the grader read another file.
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        if isinstance(exc, FileNotFoundError):
            raise
        if os.path.islink(path):
            raise _Unusable("Berkas jawaban berupa tautan (symlink), bukan berkas biasa.") from None
        raise
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise _Unusable("Berkas jawaban bukan berkas biasa.")
        if info.st_size > MAX_BYTES:
            raise _Unusable(f"Berkas jawaban terlalu besar (lebih dari {MAX_BYTES // 1000} kB).")
        with os.fdopen(fd, "rb", closefd=False) as fh:
            data = fh.read(MAX_BYTES + 1)
    finally:
        os.close(fd)
    if len(data) > MAX_BYTES:
        raise _Unusable(f"Berkas jawaban terlalu besar (lebih dari {MAX_BYTES // 1000} kB).")
    return data


def item_value(values: dict[str, Any], key: str, kind: str) -> Any:
    """The saved value of one item if it has the shape ``kind`` expects, else None.

    ``choice``: a non-empty string. ``choices``: a list of distinct strings. ``number``: a finite
    int or float (not a bool). ``order``: a non-empty list of distinct strings. ``text``: a string.
    """
    if kind not in KINDS:
        raise ValueError(f"jenis butir tidak dikenal: {kind}")
    value = values.get(key)
    if kind in ("choice", "text"):
        return value if isinstance(value, str) and (value.strip() or kind == "text") else None
    if kind == "number":
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return None
        return float(value) if math.isfinite(value) else None
    # choices / order: lists of distinct strings
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        return None
    if len(set(value)) != len(value) or (kind == "order" and not value):
        return None
    return value


def is_answered(values: dict[str, Any], key: str, kind: str) -> bool:
    """Whether the item has a usable answer (free text: at least one word)."""
    value = item_value(values, key, kind)
    if kind == "text":
        return bool(value and value.strip())
    return value is not None and value != []
