"""Fixtures for the engine tests: hand-built schools (see ``bangun``) and real samples."""

from __future__ import annotations

import functools

import pandas as pd
import pytest

import bangun


@functools.cache
def _sample(name: str) -> dict[str, pd.DataFrame]:
    from labmutu.datasets import samples

    return {t: samples.load(name, t) for t in ("sekolah", "indikator", "keuangan", "sarpras")}


@functools.cache
def _generated(wilayah: str, seed: int) -> dict[str, pd.DataFrame]:
    from labmutu.datasets.generate import generate

    return generate(wilayah=wilayah, random_state=seed)


@pytest.fixture
def sampel():
    """Loads a shipped sample's tables by name (cached; do not modify them)."""
    return _sample


@pytest.fixture
def dibangkitkan():
    """Generated tables for a wilayah and seed (cached; do not modify them)."""
    return _generated


@pytest.fixture
def sekolah():
    """Describes one school: ``sekolah("90000001", nilai={"A.1": 35.0}, status="Swasta", ...)``."""
    return bangun.sekolah


@pytest.fixture
def buat_data():
    """Builds the contract tables from ``sekolah(...)`` descriptions."""
    return bangun.buat_data
