"""Properties over random schools and random plans (hypothesis)."""

from __future__ import annotations

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from labmutu.simulations import rkas
from labmutu.simulations.catalog import katalog
from labmutu.simulations.model import SpmiModel
from labmutu.simulations.records import Rencana, RencanaKegiatan
from labmutu.simulations.reference import jalankan_referensi

from bangun import assert_same, buat_data, sekolah

KAT = katalog()
SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])

value = st.floats(0, 100, allow_nan=False).map(lambda v: round(v, 2))
boundary = st.sampled_from([0.0, 39.99, 40.0, 40.01, 69.99, 70.0, 70.01, 100.0])


@st.composite
def schools(draw):
    n = draw(st.integers(1, 6))
    out = []
    for i in range(n):
        nilai = {c: draw(st.one_of(value, boundary)) for c in ("A.1", "A.2", "A.3", "C.3", "D.1", "D.2", "D.3", "D.4",
                                                                 "D.6", "D.8", "D.10", "E.1", "E.2", "E.3", "E.5")}
        lalu = {c: draw(st.one_of(value, boundary)) for c in nilai}
        siswa = draw(st.integers(0, 900))
        alokasi = draw(st.sampled_from([0, siswa * 900_000, siswa * 2_500_000, 7_000_000]))
        out.append(sekolah(
            f"9{i:07d}", jenjang=draw(st.sampled_from(["SD", "SMP", "SMA", "SMK", "SLB"])),
            status=draw(st.sampled_from(["Negeri", "Swasta"])), kab=draw(st.sampled_from(["1902", "5312", "5313"])),
            t3=draw(st.booleans()), siswa=siswa, guru=draw(st.integers(0, 60)), rombel=draw(st.integers(0, 30)),
            nilai=nilai, lalu=lalu, alokasi=alokasi, honor=draw(st.integers(0, 60)) * alokasi // 100 // 1000 * 1000,
            kerusakan=draw(st.sampled_from([0.0, 12.5, 46.0, 100.0])), daya=draw(st.sampled_from([0, 900, 2200])),
            siap_ifp=draw(st.booleans()), indeks=draw(st.sampled_from([1.0, 1.37, 2.1]))))
    return buat_data(*out)


@st.composite
def plans(draw):
    codes = draw(st.lists(st.sampled_from(KAT.kode), unique=True, max_size=12))
    items = tuple(RencanaKegiatan(c, draw(st.sampled_from([1, 2])), draw(st.sampled_from(["", "guru"])))
                  for c in codes)
    return Rencana(kegiatan=items, keterlibatan=tuple(draw(st.lists(st.sampled_from(
                       ["kepala_sekolah", "guru", "komite", "orang_tua", "murid", "pengawas"]), unique=True))),
                   honor=draw(st.one_of(st.none(), st.integers(0, 80_000_000))))


def _run(data, seed, **kw):
    m = SpmiModel(data, seed=seed, **kw)
    return m, m.run(2)


@SETTINGS
@given(data=schools(), plan=plans(), seed=st.integers(0, 2**32), kebijakan=st.sampled_from(["pbd", "acak", "tanpa"]))
def test_spending_never_exceeds_the_allocation(data, plan, seed, kebijakan):
    m, h = _run(data, seed, kebijakan=kebijakan, rencana={"90000000": plan})
    for rec in h.tahun:
        assert (rec.realisasi.sum(axis=1) <= m.awal.alokasi).all()
        assert (rec.realisasi >= 0).all() and (rec.belanja >= 0).all() and (rec.belanja <= rec.biaya).all()


@SETTINGS
@given(data=schools(), plan=plans(), seed=st.integers(0, 2**32))
def test_compliant_plans_respect_the_honor_cap_and_policies_always_comply(data, plan, seed):
    m, h = _run(data, seed, rencana={"90000000": plan})
    for rec in h.tahun:
        cap = rkas.batas_honor_rp(m.awal.alokasi, rec.tahun, m.awal.swasta)
        honor = rec.realisasi[:, rkas.HONOR]
        assert ((honor <= cap) | ~rec.patuh | (honor == 0)).all()
        assert rec.patuh[rec.kebijakan != 2].all()


@SETTINGS
@given(data=schools(), seed=st.integers(0, 2**32), kebijakan=st.sampled_from(["pbd", "acak"]))
def test_values_stay_in_range(data, seed, kebijakan):
    m, h = _run(data, seed, kebijakan=kebijakan)
    for rec in h.tahun:
        assert ((rec.nilai >= 0) & (rec.nilai <= 100)).all()
        assert np.array_equal(np.round(rec.nilai, 2), rec.nilai)
        assert ((rec.keterlaksanaan > 0) & (rec.keterlaksanaan <= 1)).all()
        assert ((rec.kerusakan >= 0) & (rec.kerusakan <= 100)).all()
        assert (rec.daya_efek >= 0).all()
        assert all(len(set(row)) == len(row) for row in rec.prioritas)
        assert (np.bincount(rec.baris, minlength=len(m.awal)) <= m.params.maks_kegiatan).all()
    peta = h.indikator()
    assert set(peta["capaian"].astype(str)) <= {"Baik", "Sedang", "Kurang"}


@SETTINGS
@given(data=schools(), seed=st.integers(0, 2**32), plan=plans())
def test_same_seed_identical_and_replay_with_the_same_plan_identical(data, seed, plan):
    m, h = _run(data, seed, rencana={"90000000": plan}, kebijakan="acak")
    _, again = _run(data, seed, rencana={"90000000": plan}, kebijakan="acak")
    assert h.sama(again)
    assert m.replay(h).sama(h)
    assert m.replay(h, rencana={"90000000": plan}, kebijakan="acak").sama(h)


@SETTINGS
@given(data=schools(), seed=st.integers(0, 2**32), a=plans(), b=plans())
def test_a_different_plan_changes_only_the_school_it_is_for(data, seed, a, b):
    m, h = _run(data, seed, rencana={"90000000": a})
    alt = m.replay(h, rencana={"90000000": b})
    changed = alt.berbeda_per_sekolah(h)
    assert not changed[1:].any()
    if a == b:
        assert not changed.any()
    for x, y in zip(h.tahun, alt.tahun):
        assert np.array_equal(x.guncangan, y.guncangan)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=schools(), seed=st.integers(0, 2**32), plan=plans(), kebijakan=st.sampled_from(["pbd", "acak", "tanpa"]))
def test_engine_matches_the_reference_on_random_schools(data, seed, plan, kebijakan):
    m = SpmiModel(data, seed=seed, kebijakan=kebijakan, rencana={"90000000": [plan]})
    h = m.run(2)
    assert_same(h, jalankan_referensi(m.awal, 2, h.rng_state, m.kebijakan, m.rencana))
