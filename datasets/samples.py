"""The shipped sample datasets (placeholder API; the generator issue fills it)."""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def samples_root() -> Path:
    return Path(str(resources.files("labmutu.datasets"))) / "data" / "sampel"


def available() -> list[str]:
    root = samples_root()
    return sorted(p.name for p in root.iterdir() if p.is_dir()) if root.is_dir() else []


def sample_dir(name: str) -> Path:
    return samples_root() / name
