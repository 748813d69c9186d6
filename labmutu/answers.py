"""Saving a trainee's answers: atomic, versioned, and forgiving of damaged files.

One JSON file per module (or per nbgrader assignment)::

    {"format": "labmutu-jawaban", "versi": 1, "modul": "01_pemetaan_mutu",
     "diperbarui": "2026-11-22T10:00:00+07:00", "jawaban": {...}}

Writes go to a temporary file in the same folder, are flushed to disk, then replace the old
file in one step (``os.replace``), so a kernel killed mid-save leaves either the old or the new
file, never half of one. The previous good version is kept as ``<name>.bak``. A damaged file
is set aside (``<name>.rusak-<waktu>``), never deleted, and the backup is used instead.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import tempfile
from pathlib import Path
from typing import Any

FORMAT = "labmutu-jawaban"
VERSION = 1


class AnswerStore:
    """The saved answers of one module.

    Args:
        path: the JSON file.
        module: the module or assignment name written into the file.
    """

    def __init__(self, path: str | os.PathLike, module: str) -> None:
        self.path = Path(path)
        self.module = module
        self.warning = ""  # Indonesian note for the trainee after a recovery, else ""

    @property
    def backup_path(self) -> Path:
        return self.path.with_name(self.path.name + ".bak")

    def load(self) -> dict[str, Any]:
        """Returns the saved answers, ``{}`` when nothing was saved yet.

        A damaged file is set aside and the backup used; ``self.warning`` then says so.
        """
        self.warning = ""
        if not self.path.exists():
            return self._read(self.backup_path) or {}
        answers = self._read(self.path)
        if answers is not None:
            return answers
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        aside = self.path.with_name(f"{self.path.name}.rusak-{stamp}")
        os.replace(self.path, aside)
        backup = self._read(self.backup_path)
        self.warning = (
            f"Berkas jawaban {self.path.name} rusak dan disimpan sebagai {aside.name}. "
            + ("Jawaban terakhir yang utuh dipulihkan; periksa lagi isian Anda."
               if backup is not None else "Tidak ada cadangan; silakan isi ulang jawaban Anda.")
        )
        return backup or {}

    def save(self, answers: dict[str, Any]) -> None:
        """Saves ``answers`` atomically; the previous version becomes the backup."""
        doc = {
            "format": FORMAT,
            "versi": VERSION,
            "modul": self.module,
            "diperbarui": dt.datetime.now(dt.timezone.utc).astimezone().isoformat(timespec="seconds"),
            "jawaban": answers,
        }
        data = json.dumps(doc, ensure_ascii=False, indent=1, sort_keys=True, default=_jsonable)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        for stale in self.path.parent.glob(f".{self.path.name}.*.tmp"):
            stale.unlink(missing_ok=True)  # left by a save that was killed
        if self.path.exists() and self._read(self.path) is not None:
            _atomic_write(self.backup_path, self.path.read_bytes())
        _atomic_write(self.path, data.encode("utf-8"))

    def _read(self, path: Path) -> dict[str, Any] | None:
        try:
            doc = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if not isinstance(doc, dict) or doc.get("format") != FORMAT:
            return None
        answers = doc.get("jawaban")
        return answers if isinstance(answers, dict) else None


def _atomic_write(path: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def _jsonable(value: Any) -> Any:
    """Converts numpy scalars and similar to plain JSON values."""
    if hasattr(value, "item"):
        return value.item()
    if isinstance(value, (set, tuple)):
        return list(value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    raise TypeError(f"tidak bisa disimpan sebagai JSON: {type(value).__name__}")
