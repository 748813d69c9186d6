"""Fixtures for the grading tests: course roots made by the trainer's own command, trainees."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from trainees import Trainee

BIN = Path(sys.executable).parent


@pytest.fixture(scope="module")
def make_course(tmp_path_factory):
    """``make_course(name)``: a fresh course root copied from ``courses/<name>`` by ``labmutu course init``."""

    def make(name: str) -> Path:
        root = tmp_path_factory.mktemp("kursus") / name
        out = subprocess.run([str(BIN / "labmutu"), "course", "init", str(root), "--dari", name],
                             capture_output=True, text=True, timeout=120)
        assert out.returncode == 0, out.stderr
        return root

    return make


@pytest.fixture(scope="module")
def make_trainee(tmp_path_factory):
    """``make_trainee(name, exchange)``: a trainee with an empty home folder."""

    def make(name: str, exchange: Path) -> Trainee:
        home = tmp_path_factory.mktemp(f"rumah-{name}")
        return Trainee(name, home, exchange)

    return make

