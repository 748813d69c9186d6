"""The activity catalog: complete, sourced, costed by its model, and checked when edited."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from labmutu.datasets.schema import KOMPONEN_BOSP
from labmutu.errors import LabMutuError
from labmutu.simulations.catalog import biaya, dari_tabel, katalog, kegiatan_untuk


def test_at_least_30_activities_each_with_component_root_cause_effect_lead_time_and_source():
    kat = katalog()
    table = kat.kegiatan
    assert len(table) >= 30 and table["kode"].is_unique
    assert table["komponen"].isin(list(KOMPONEN_BOSP)).all()
    assert (table["sumber"].str.len() > 0).all()
    assert table["ketidakpastian"].between(0, 1).all() and (table["waktu_tunggu_bulan"] >= 0).all()
    assert all(len(t) >= 1 for t in kat.sasaran)
    kinds = " ".join(table["nama"]).lower()
    for word in ("pelatihan guru", "kkg/mgmp", "pojok baca", "supervisi akademik", "papan interaktif", "pemeliharaan"):
        assert word in kinds


def test_cost_model_by_hand():
    kat = katalog()
    k = kat.indeks("K01")  # 1.500.000 + 150.000 per guru
    cost = biaya(kat, [8, 10], [120, 300], [6, 12], [1.0, 1.37])
    assert cost[0, k] == 1_500_000 + 8 * 150_000
    assert cost[1, k] == (1_500_000 + 10 * 150_000) * 137 // 100 // 1000 * 1000
    assert cost[0, kat.indeks("K07")] == 6 * 750_000


def test_activities_for_a_root_cause():
    out = kegiatan_untuk("bahan_bacaan")
    assert {"K07", "K08", "K09", "K32"} <= set(out["kode"]) and out["efek"].is_monotonic_decreasing


def test_a_broken_catalog_reports_every_problem_at_once():
    kat = katalog()
    bad = kat.kegiatan.copy()
    bad.loc[0, "komponen"] = "k99_lain"
    bad.loc[1, "akar"] = "Z.9:3"
    bad.loc[2, "sumber"] = ""
    bad.loc[3, "semester"] = 3
    loop = pd.concat([kat.pengaruh, pd.DataFrame([{"dari": "A.1", "ke": "D.1", "bobot": 0.1, "sumber": "x"}])])
    with pytest.raises(LabMutuError) as err:
        dari_tabel(bad, kat.akar, loop)
    text = err.value.message
    for words in ("k99_lain", "Z.9", "sumber kosong", "semester harus 1 atau 2", "lingkaran"):
        assert words in text


def test_total_influence_follows_paths():
    kat = katalog()
    d2, a1 = kat.simpul.index("D.2"), 0
    assert kat.total[d2, a1] == pytest.approx(0.4 * 0.4)
    assert np.allclose(kat.efek[kat.indeks("K07")][:2], [6 * 0.3, 6 * 0.05])
