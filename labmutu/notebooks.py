"""Notebook hygiene: committed notebooks carry no outputs and no widget state.

``python -m labmutu.notebooks check DIR...`` lists offending notebooks (exit 1 if any);
``python -m labmutu.notebooks strip DIR...`` removes outputs, execution counts and widget state
in place, keeping every other cell metadata (nbgrader's included).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def problems(nb: dict) -> list[str]:
    """What makes a notebook unclean, as short Indonesian phrases."""
    out = []
    if "widgets" in nb.get("metadata", {}):
        out.append("menyimpan state widget di metadata")
    for i, cell in enumerate(nb.get("cells", []), start=1):
        if cell.get("cell_type") != "code":
            continue
        if cell.get("outputs"):
            out.append(f"sel {i} masih berisi output")
        if cell.get("execution_count") is not None:
            out.append(f"sel {i} masih berisi nomor eksekusi")
    return out


def strip(nb: dict) -> dict:
    """Returns the notebook without outputs, execution counts and widget state."""
    nb = json.loads(json.dumps(nb))
    nb.get("metadata", {}).pop("widgets", None)
    for cell in nb.get("cells", []):
        if cell.get("cell_type") == "code":
            cell["outputs"] = []
            cell["execution_count"] = None
    return nb


def iter_notebooks(paths: list[str]) -> list[Path]:
    found: list[Path] = []
    for p in map(Path, paths):
        if p.is_file() and p.suffix == ".ipynb":
            found.append(p)
        elif p.is_dir():
            found.extend(q for q in sorted(p.rglob("*.ipynb")) if ".ipynb_checkpoints" not in q.parts)
    return found


def main(argv: list[str]) -> int:
    if len(argv) < 2 or argv[0] not in ("check", "strip"):
        print("Cara pakai: python -m labmutu.notebooks check|strip FOLDER...", file=sys.stderr)
        return 2
    bad = 0
    for path in iter_notebooks(argv[1:]):
        nb = json.loads(path.read_text(encoding="utf-8"))
        found = problems(nb)
        if not found:
            continue
        if argv[0] == "strip":
            path.write_text(json.dumps(strip(nb), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
            print(f"dibersihkan: {path}")
        else:
            bad += 1
            print(f"{path}: {'; '.join(found)}")
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
