"""Every module notebook runs top to bottom with real widgets (nbclient), without errors."""

from __future__ import annotations

import nbformat
import pytest
from nbclient import NotebookClient

from labmutu.workspace import module_notebooks, shipped_modules_dir

NOTEBOOKS = module_notebooks(shipped_modules_dir())


def test_modules_exist():
    assert {p.stem[:2] for p in NOTEBOOKS} >= {"00", "01"}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_module_executes_and_shows_a_widget(path, tmp_path, monkeypatch):
    monkeypatch.setenv("LABMUTU_WORKSPACE", str(tmp_path))
    (tmp_path / "jawaban").mkdir()
    nb = nbformat.read(path, as_version=4)
    meta = nb.metadata["labmutu"]
    assert meta["judul"] and meta["waktu_jp"]
    intro = nb.cells[0].source
    for heading in ("**Tujuan.**", "**Yang akan dilakukan.**", "**Waktu.**"):
        assert heading in intro
    NotebookClient(nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}).execute()
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    assert not [o for o in outputs if o.output_type == "stream" and o.name == "stderr"]
    assert any("application/vnd.jupyter.widget-view+json" in o.get("data", {}) for o in outputs)
    code_lines = sum(len(c.source.splitlines()) for c in nb.cells if c.cell_type == "code")
    assert code_lines <= 6, "notebook modul harus tipis: impor, bangun, tampilkan"
