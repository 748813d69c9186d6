"""What the landing page lists: module notebooks and sample datasets, read from the workspace."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from labmutu.workspace import Workspace, module_notebooks


@dataclass(frozen=True)
class ModuleEntry:
    """One module notebook as the landing page shows it."""

    path: str  # relative to the workspace root, with forward slashes
    number: str
    title: str
    summary: str
    jp: str


@dataclass(frozen=True)
class DatasetEntry:
    """One sample dataset folder."""

    name: str
    title: str
    schools: int


def _first_heading(nb: dict) -> str:
    for cell in nb.get("cells", []):
        if cell.get("cell_type") == "markdown":
            text = "".join(cell.get("source", ""))
            for line in text.splitlines():
                if line.startswith("#"):
                    return line.lstrip("#").strip()
    return ""


def read_module(path: Path, root: Path) -> ModuleEntry:
    """Reads a module's title and summary from its ``labmutu`` notebook metadata."""
    try:
        nb = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        nb = {}
    meta = nb.get("metadata", {}).get("labmutu", {})
    return ModuleEntry(
        path=path.relative_to(root).as_posix(),
        number=path.name[:2],
        title=meta.get("judul") or _first_heading(nb) or path.stem.replace("_", " "),
        summary=meta.get("ringkasan", ""),
        jp=str(meta.get("waktu_jp", "")),
    )


def modules(ws: Workspace) -> list[ModuleEntry]:
    """The workspace's module notebooks, in order."""
    return [read_module(p, ws.root) for p in module_notebooks(ws.modules_dir)]


def datasets(ws: Workspace) -> list[DatasetEntry]:
    """The sample datasets copied into the workspace, with their school counts."""
    out = []
    if not ws.data_dir.is_dir():
        return out
    for folder in sorted(p for p in ws.data_dir.iterdir() if p.is_dir()):
        sekolah = folder / "sekolah.csv"
        if not sekolah.is_file():
            continue
        with sekolah.open(encoding="utf-8-sig") as fh:
            n = max(sum(1 for _ in fh) - 1, 0)
        meta_file = folder / "metadata.json"
        title = folder.name
        if meta_file.is_file():
            try:
                title = json.loads(meta_file.read_text(encoding="utf-8")).get("judul", title)
            except ValueError:
                pass
        out.append(DatasetEntry(folder.name, title, n))
    return out
