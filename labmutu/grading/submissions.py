"""A clean copy of one submission, made before nbgrader grades it.

nbgrader trusts a submitted notebook's structure: a cell with invented nbgrader metadata (a newer
schema version, a missing field, a made-up grade id) stops ``nbgrader autograde`` for the whole
class. Here each submitted notebook is rebuilt from its cells: sources only, no outputs, and on each
cell either the exact nbgrader metadata the released notebook has for that grade id, or none.
A notebook that is missing or not a readable notebook is replaced by the blank released one, so
it scores 0 like an unanswered one (nbgrader itself would stop on it). A locked or graded cell of the course that the trainee deleted is put back from the released
notebook, after the course cell that preceded it (nbgrader's own ``add_missing_cells`` fails when
that neighbour is a read-only cell). Nothing here judges the work; grading stays nbgrader's.
"""

from __future__ import annotations

import fnmatch
import json
import os
import shutil
import stat
from pathlib import Path

import nbformat

from labmutu.grading.settings import IGNORE

MAX_NOTEBOOK_BYTES = 20_000_000
MAX_CELLS = 1000


def released_cells(release_dir: Path) -> dict[str, dict[str, dict]]:
    """For each released notebook (by file name): grade id -> its released cell, in order."""
    found = {}
    for path in sorted(release_dir.glob("*.ipynb")):
        nb = json.loads(path.read_text(encoding="utf-8"))
        found[path.name] = {cell["metadata"]["nbgrader"]["grade_id"]: cell
                            for cell in nb["cells"] if "grade_id" in cell.get("metadata", {}).get("nbgrader", {})}
    return found


def sanitize(src: Path, dst: Path, release_dir: Path) -> list[str]:
    """Copies submission ``src`` into a fresh ``dst``; returns Indonesian notes on what was dropped."""
    if dst.exists():
        shutil.rmtree(dst)
    dst.mkdir(parents=True)
    known = released_cells(release_dir)
    kernelspec = _kernelspec(release_dir)
    notes = []
    for dirpath, dirnames, filenames in os.walk(src, followlinks=False):
        dirnames[:] = [d for d in dirnames if not _ignored(d) and not os.path.islink(os.path.join(dirpath, d))]
        rel = Path(dirpath).relative_to(src)
        for name in filenames:
            path = Path(dirpath) / name
            if _ignored(name) or not stat.S_ISREG(os.lstat(path).st_mode):
                continue
            target = dst / rel / name
            target.parent.mkdir(parents=True, exist_ok=True)
            if name.endswith(".ipynb"):
                if rel != Path(".") or name not in known:
                    notes.append(f"notebook {rel / name} bukan bagian tugas; tidak dinilai")
                    continue
                clean = _rebuild(path, known[name], kernelspec)
                if clean is None:
                    notes.append(f"{name} bukan notebook yang utuh; dinilai sebagai notebook kosong (0)")
                    continue
                target.write_text(nbformat.writes(clean), encoding="utf-8")
            else:
                shutil.copyfile(path, target, follow_symlinks=False)
    for name in known:
        if not (dst / name).exists():
            if not any(name in n for n in notes):
                notes.append(f"{name} tidak ada di kiriman; dinilai sebagai notebook kosong (0)")
            shutil.copyfile(release_dir / name, dst / name)
    return notes


def _ignored(name: str) -> bool:
    return any(fnmatch.fnmatch(name, pattern) for pattern in IGNORE)


def _kernelspec(release_dir: Path) -> dict:
    for path in sorted(release_dir.glob("*.ipynb")):
        return json.loads(path.read_text(encoding="utf-8")).get("metadata", {}).get("kernelspec", {})
    return {}


def _rebuild(path: Path, released: dict[str, dict], kernelspec: dict) -> nbformat.NotebookNode | None:
    try:
        if path.stat().st_size > MAX_NOTEBOOK_BYTES:
            return None
        doc = json.loads(path.read_text(encoding="utf-8"))
        cells = doc["cells"]
        if not isinstance(cells, list) or len(cells) > MAX_CELLS:
            return None
    except (OSError, ValueError, KeyError, TypeError, RecursionError):
        return None
    known = {gid: cell["metadata"]["nbgrader"] for gid, cell in released.items()}
    nb = nbformat.v4.new_notebook()
    nb.metadata = {"kernelspec": kernelspec, "language_info": {"name": "python"}}
    seen: set[str] = set()
    for raw in cells:
        if not isinstance(raw, dict):
            continue
        kind = raw.get("cell_type")
        source = raw.get("source", "")
        if isinstance(source, list):
            source = "".join(s for s in source if isinstance(s, str))
        if not isinstance(source, str) or kind not in ("code", "markdown", "raw"):
            continue
        maker = {"code": nbformat.v4.new_code_cell, "markdown": nbformat.v4.new_markdown_cell,
                 "raw": nbformat.v4.new_raw_cell}[kind]
        cell = maker(source)
        meta = raw.get("metadata", {})
        grade_id = meta.get("nbgrader", {}).get("grade_id") if isinstance(meta, dict) and isinstance(
            meta.get("nbgrader"), dict) else None
        if isinstance(grade_id, str) and grade_id in known and grade_id not in seen:
            seen.add(grade_id)
            cell.metadata["nbgrader"] = dict(known[grade_id])
            # nbgrader restores a cell of the wrong type itself; keep its view consistent
            if "cell_type" in known[grade_id] and known[grade_id]["cell_type"] != kind:
                cell = _retyped(cell, known[grade_id]["cell_type"])
        nb.cells.append(cell)
    _restore_missing(nb, released, seen)
    return nb


def _restore_missing(nb: nbformat.NotebookNode, released: dict[str, dict], present: set[str]) -> None:
    order = list(released)
    for index, gid in enumerate(order):
        meta = released[gid]["metadata"]["nbgrader"]
        if gid in present or not (meta.get("locked") or meta.get("grade") or meta.get("task")):
            continue
        raw = released[gid]
        maker = {"code": nbformat.v4.new_code_cell, "markdown": nbformat.v4.new_markdown_cell,
                 "raw": nbformat.v4.new_raw_cell}[raw["cell_type"]]
        source = raw["source"] if isinstance(raw["source"], str) else "".join(raw["source"])
        cell = maker(source, metadata={"nbgrader": dict(meta)})
        before = next((g for g in reversed(order[:index]) if g in present), None)
        position = 0 if before is None else 1 + next(
            i for i, c in enumerate(nb.cells) if c.metadata.get("nbgrader", {}).get("grade_id") == before)
        nb.cells.insert(position, cell)
        present.add(gid)


def _retyped(cell: nbformat.NotebookNode, kind: str) -> nbformat.NotebookNode:
    maker = {"code": nbformat.v4.new_code_cell, "markdown": nbformat.v4.new_markdown_cell,
             "raw": nbformat.v4.new_raw_cell}[kind]
    new = maker(cell.source)
    new.metadata = cell.metadata
    return new
