"""The model document stays in step with the code: every activity and parameter is described."""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path

from labmutu.simulations.catalog import katalog
from labmutu.simulations.records import Parameter

DOC = Path(__file__).resolve().parents[2] / "docs" / "model-simulasi.md"


def test_document_lists_every_activity_and_parameter_and_labels_assumptions():
    text = DOC.read_text(encoding="utf-8")
    for code in katalog().kode:
        assert f"| {code} |" in text, code
    for f in fields(Parameter):
        assert f"`{f.name}`" in text, f.name
    assert text.count("asumsi pelatihan") > 20 and "belum terkonfirmasi" in text


def test_public_api_is_importable_from_the_package():
    import labmutu.simulations as sim

    assert {"SimulasiSekolah", "SpmiModel", "Rencana", "RencanaKegiatan", "Parameter"} <= set(sim.__all__)
