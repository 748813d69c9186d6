"""The trainee's workspace: a folder outside the repository that ``labmutu serve`` serves.

Layout (default ``~/labmutu``, or ``$LABMUTU_WORKSPACE``, or ``--workspace``)::

    modul/        copies of the module notebooks, refreshed from the package on each start
    jawaban/      the trainee's saved answers, one file per module (never overwritten here)
    data/         the shipped sample datasets, copied for trainees who want to open them

Only ``modul/`` and ``data/`` are refreshed; everything a trainee wrote stays as it was.
"""

from __future__ import annotations

import filecmp
import os
import shutil
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from labmutu.errors import LabMutuError

ENV_VAR = "LABMUTU_WORKSPACE"


def default_workspace() -> Path:
    """The workspace folder: ``$LABMUTU_WORKSPACE`` if set, else ``~/labmutu``."""
    return Path(os.environ.get(ENV_VAR) or Path.home() / "labmutu").expanduser()


@dataclass(frozen=True)
class Workspace:
    """Paths inside one workspace folder."""

    root: Path

    @property
    def modules_dir(self) -> Path:
        return self.root / "modul"

    @property
    def answers_dir(self) -> Path:
        return self.root / "jawaban"

    @property
    def data_dir(self) -> Path:
        return self.root / "data"


def shipped_modules_dir() -> Path:
    """The folder of module notebooks shipped with the package."""
    return Path(str(resources.files("labmutu.modules")))


def module_notebooks(folder: Path) -> list[Path]:
    """The numbered module notebooks in a folder, in order."""
    return sorted(p for p in folder.glob("[0-9][0-9]_*.ipynb") if p.is_file())


def _sync_file(src: Path, dst: Path) -> None:
    if dst.exists() and filecmp.cmp(src, dst, shallow=False):
        return
    tmp = dst.with_name(dst.name + ".tmp")
    shutil.copyfile(src, tmp)
    os.replace(tmp, dst)


def prepare(root: Path | None = None) -> Workspace:
    """Creates or refreshes a workspace; returns it.

    Module notebooks and sample data are copied from the package when missing or changed.
    Answers are never touched.

    Raises:
        LabMutuError: the folder cannot be created or written.
    """
    ws = Workspace(Path(root).expanduser().resolve() if root else default_workspace().resolve())
    try:
        for folder in (ws.root, ws.modules_dir, ws.answers_dir, ws.data_dir):
            folder.mkdir(parents=True, exist_ok=True)
        for nb in module_notebooks(shipped_modules_dir()):
            _sync_file(nb, ws.modules_dir / nb.name)
        from labmutu.datasets import samples

        for name in samples.available():
            src = samples.sample_dir(name)
            dst = ws.data_dir / name
            dst.mkdir(exist_ok=True)
            for f in sorted(src.iterdir()):
                if f.is_file():
                    _sync_file(f, dst / f.name)
    except OSError as exc:  # no permission, a file in the way, disk full
        reason = {PermissionError: "tidak ada izin menulis", NotADirectoryError: "ada berkas, bukan folder",
                  FileExistsError: "ada berkas, bukan folder"}.get(type(exc), exc.strerror or "gagal ditulis")
        raise LabMutuError(
            f"Folder kerja {ws.root} tidak bisa disiapkan: {reason} ({exc.filename}).",
            "Pilih folder lain dengan --workspace atau variabel LABMUTU_WORKSPACE.",
        ) from exc
    return ws
