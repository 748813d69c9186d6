"""Penetapan standar: SNP floor, internal standards above it, reachable targets, every problem named."""

from __future__ import annotations

import numpy as np

from labmutu.simulations.penetapan import periksa_target, tahun_capai, tetapkan
from labmutu.simulations.records import Parameter

P = Parameter()


def test_standards_and_targets_by_hand():
    s = tetapkan(np.array([[30.0, 69.99, 70.0, 72.5, 97.0]]), P)
    # Below the floor: the SNP (70) is the standard, this year's target is one step of 5.
    # At or above: standard = score + 5 (capped at 100), target reaches it this year.
    assert s.standar.tolist() == [[70.0, 70.0, 75.0, 77.5, 100.0]]
    assert s.target.tolist() == [[35.0, 70.0, 75.0, 77.5, 100.0]]


def test_trainee_targets_replace_the_default_and_lift_the_standard():
    t = np.array([[np.nan, 80.0]])
    s = tetapkan(np.array([[50.0, 72.0]]), P, t)
    assert s.target.tolist() == [[55.0, 80.0]] and s.standar.tolist() == [[70.0, 80.0]]


def test_years_to_reach():
    assert [tahun_capai(30, 70, P), tahun_capai(60, 70, P), tahun_capai(60, 70.01, P), tahun_capai(80, 70, P)] == \
        [4, 1, 2, 0]


def test_each_target_problem_is_named_in_indonesian():
    out = periksa_target({"A.1": 30.0, "A.2": 75.0, "D.1": 60.0, "D.4": 69.0},
                         {"A.1": 70.0, "A.2": 72.0, "D.1": 65.0, "D.4": 101.0}, tahun=1)
    rules = [(c.aturan, c.kode_indikator) for c in out]
    assert ("tidak_terjangkau", "A.1") in rules      # +40 points in one year
    assert ("di_bawah_capaian", "A.2") in rules      # above the floor, target below its score
    assert ("di_bawah_snp", "A.2") not in rules      # 72 is above the floor
    assert ("di_bawah_snp", "D.1") in rules          # 65 < 70
    assert ("di_atas_100", "D.4") in rules
    assert all(c.pesan and "target" in c.pesan.lower() for c in out)
    assert "perlu naik 40,00 poin" in next(c.pesan for c in out if c.aturan == "tidak_terjangkau")


def test_a_longer_horizon_makes_a_target_reachable():
    assert periksa_target({"A.1": 30.0}, {"A.1": 70.0}, tahun=4) == []
    assert [c.aturan for c in periksa_target({"A.1": 30.0}, {"A.1": 70.0}, tahun=3)] == ["tidak_terjangkau"]


def test_bad_horizon():
    assert [c.aturan for c in periksa_target({"A.1": 30.0}, {"A.1": 70.0}, tahun=0)] == ["horizon_tidak_sah"]
