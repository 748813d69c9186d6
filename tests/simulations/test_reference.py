"""Differential test: the vectorised engine and the per-school reference give identical numbers."""

from __future__ import annotations

import pytest
from bangun import assert_same

from labmutu.simulations import cycle
from labmutu.simulations.model import SpmiModel
from labmutu.simulations.records import Rencana, RencanaKegiatan
from labmutu.simulations.reference import jalankan_referensi


def _check(model: SpmiModel, years: int):
    h = model.run(years)
    ref = jalankan_referensi(model.awal, years, h.rng_state, model.kebijakan, model.rencana,
                             siklus=model.siklus.name, params=model.params, kat=model.katalog)
    assert_same(h, ref)
    return h


@pytest.mark.parametrize("siklus", list(cycle.CYCLES))
@pytest.mark.parametrize("kebijakan", ["pbd", "acak", "tanpa"])
def test_sample_region_every_order_and_policy(sampel, siklus, kebijakan):
    _check(SpmiModel(sampel("sumba-barat"), seed=21, siklus=siklus, kebijakan=kebijakan), 3)


def test_generated_data_with_mixed_policies(dibangkitkan):
    data = dibangkitkan("5312", 0)
    npsn = list(data["sekolah"]["npsn"])
    policies = {n: ("acak" if i % 3 == 0 else "tanpa" if i % 7 == 0 else "pbd") for i, n in enumerate(npsn)}
    _check(SpmiModel(data, seed=0, kebijakan=policies), 3)


def test_trainee_plans_including_ones_that_break_rules(sampel):
    data = sampel("sekolah-latihan")
    npsn = list(data["sekolah"]["npsn"])
    greedy = Rencana.dari_kode([f"K{i:02d}" for i in range(1, 37)])          # far above the allocation
    honor = Rencana(kegiatan=(RencanaKegiatan("K36", 2, ""), RencanaKegiatan("K01", 1, "")), honor=10**9)
    shaped = Rencana(kegiatan=(RencanaKegiatan("K27"), RencanaKegiatan("K25", 2), RencanaKegiatan("K30")),
                     keterlibatan=("guru",), rutin={"k07_daya_jasa": 0, "k03_pembelajaran": 5_000_000},
                     target={"A.1": 90.0, "D.4": 20.0})
    plans = {npsn[0]: greedy, npsn[3]: [honor, shaped], npsn[5]: shaped, npsn[6]: Rencana()}
    h = _check(SpmiModel(data, seed=2, rencana=plans, kebijakan={npsn[1]: "acak"}), 3)
    assert not h.tahun[0].patuh[[0, 3]].any()


def test_a_single_school_with_peers(sampel):
    data = sampel("belitung")
    _check(SpmiModel(data, seed=6, npsn=list(data["sekolah"]["npsn"][:1])), 4)
