"""Committed notebooks carry no outputs and no widget state; the strip tool cleans them."""

import json
import subprocess
import sys
from pathlib import Path

from labmutu.notebooks import problems, strip

ROOT = Path(__file__).resolve().parents[1]


def _tracked_notebooks():
    out = subprocess.run(["git", "ls-files", "*.ipynb"], cwd=ROOT, capture_output=True, text=True)
    files = [ROOT / p for p in out.stdout.split()] if out.returncode == 0 else []
    return files or sorted(ROOT.glob("modules/*.ipynb")) + sorted(ROOT.glob("courses/**/*.ipynb"))


def test_committed_notebooks_are_clean():
    dirty = {str(p.relative_to(ROOT)): problems(json.loads(p.read_text(encoding="utf-8")))
             for p in _tracked_notebooks()}
    assert {k: v for k, v in dirty.items() if v} == {}


def test_strip_removes_outputs_and_widget_state_but_keeps_nbgrader_metadata(tmp_path):
    nb = {
        "metadata": {"widgets": {"state": {}}, "kernelspec": {"name": "python3"}},
        "nbformat": 4, "nbformat_minor": 5,
        "cells": [{"cell_type": "code", "execution_count": 3, "id": "a", "source": "1",
                   "metadata": {"nbgrader": {"grade": True, "grade_id": "uji_a", "points": 2}},
                   "outputs": [{"output_type": "stream", "name": "stdout", "text": "1"}]}],
    }
    assert len(problems(nb)) == 3
    clean = strip(nb)
    assert problems(clean) == []
    assert clean["cells"][0]["metadata"]["nbgrader"]["grade_id"] == "uji_a"
    assert clean["metadata"]["kernelspec"] == {"name": "python3"}

    path = tmp_path / "x.ipynb"
    path.write_text(json.dumps(nb), encoding="utf-8")
    check = [sys.executable, "-m", "labmutu.notebooks", "check", str(tmp_path)]
    assert subprocess.run(check, capture_output=True).returncode == 1
    subprocess.run([sys.executable, "-m", "labmutu.notebooks", "strip", str(tmp_path)], check=True)
    assert subprocess.run(check, capture_output=True).returncode == 0
