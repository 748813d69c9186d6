"""The SPMI model: strings the steps together in a configured order, owns the one generator.

    model = SpmiModel(data, seed=42)                    # every school follows the PBD rule
    hasil = model.run(5)                                # five cycles
    lain = model.replay(hasil, kebijakan="acak")        # same years, same draws, random plans

Each year draws all its random numbers first, in fixed shapes (``inputs.tarik_undian``), from
the model's generator; the plans never change what is drawn. ``replay`` restarts from the
run's starting state and generator state, so the only difference between the two runs is the
plan: common random numbers. The same plan gives identical results; a different plan for one
school changes only that school (quintile boundaries are frozen at the start, see ``inputs``).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, replace
from typing import Callable, Iterable, Mapping, Sequence

import numpy as np
import pandas as pd

from labmutu.datasets.schema import INDIKATOR
from labmutu.errors import LabMutuError
from labmutu.simulations import cycle
from labmutu.simulations.catalog import Katalog, biaya, katalog
from labmutu.simulations.hasil import CatatanTahun, Hasil
from labmutu.simulations.inputs import Awal, Undian, siapkan, tarik_undian
from labmutu.simulations.monev import evaluasi
from labmutu.simulations.pelaksanaan import laksanakan
from labmutu.simulations.pemetaan import petakan
from labmutu.simulations.penetapan import tetapkan
from labmutu.simulations.perencanaan import KEBIJAKAN, RENCANA, per_juta, rencanakan, syarat_terpenuhi
from labmutu.simulations.records import Keadaan, Parameter, Rencana, Standar
from labmutu.simulations.rkas import rutin_dasar

_KODE = tuple(INDIKATOR)


@dataclass(frozen=True, eq=False)
class Konteks:
    """What the steps of one year read besides the state: data, settings, draws, policies."""

    awal: Awal
    katalog: Katalog
    params: Parameter
    biaya: np.ndarray
    faktor_biaya: np.ndarray
    rutin: np.ndarray
    kebijakan: np.ndarray
    rencana: dict
    target: np.ndarray | None
    undian: Undian | None


def langkah_pemetaan(s: Keadaan, ctx: Konteks) -> Keadaan:
    """Pemetaan mutu: map the last measured values."""
    return replace(s, peta=petakan(s.nilai, s.nilai_lalu, ctx.awal))


def langkah_penetapan(s: Keadaan, ctx: Konteks) -> Keadaan:
    """Penetapan standar: for this cycle, or after monev (2016 order) for the next one."""
    if s.evaluasi is not None:
        return replace(s, standar_baru=tetapkan(s.evaluasi.nilai, ctx.params))
    return replace(s, standar=tetapkan(s.nilai, ctx.params, ctx.target))


def langkah_perencanaan(s: Keadaan, ctx: Konteks) -> Keadaan:
    """PBD: priorities, root causes, activities and the RKAS."""
    peta = s.peta if s.peta is not None else petakan(s.nilai, s.nilai_lalu, ctx.awal)
    standar = s.standar or _standar_snp(s, ctx)
    plan = rencanakan(peta, standar.standar, ctx.awal, s.kerusakan, s.tahun, ctx.kebijakan, ctx.rencana,
                      _u_acak(ctx), ctx.biaya, ctx.faktor_biaya, ctx.rutin, ctx.katalog, ctx.params)
    return replace(s, peta=peta, standar=standar, rencana=plan)


def langkah_pelaksanaan(s: Keadaan, ctx: Konteks) -> Keadaan:
    """Pelaksanaan: carry the plan out through the year."""
    if s.rencana is None:
        s = langkah_perencanaan(s, ctx)
    return replace(s, pelaksanaan=laksanakan(s.rencana, ctx.awal, ctx.undian, ctx.katalog, ctx.params))


def langkah_monev(s: Keadaan, ctx: Konteks) -> Keadaan:
    """Pemantauan dan evaluasi: measure, compare with the targets."""
    if s.pelaksanaan is None:
        s = langkah_pelaksanaan(s, ctx)
    standar = s.standar or _standar_snp(s, ctx)
    ok = syarat_terpenuhi(ctx.awal, s.kerusakan, ctx.katalog)
    ev = evaluasi(s.benar, s.tertunda, s.kerusakan, standar.target, s.rencana, s.pelaksanaan, ok,
                  ctx.undian, ctx.katalog, ctx.params)
    return replace(s, standar=standar, evaluasi=ev)


def _u_acak(ctx: Konteks) -> np.ndarray:
    if not (ctx.kebijakan == KEBIJAKAN["acak"]).any():
        return np.zeros(ctx.biaya.shape)
    if ctx.undian is None:
        raise LabMutuError("Pratinjau rencana tidak tersedia untuk kebijakan acak.", "Jalankan simulasinya.")
    return ctx.undian.u_acak()


def _standar_snp(s: Keadaan, ctx: Konteks) -> Standar:
    # Before any penetapan (2016 order, first year) the SNP itself is the standard and target.
    full = np.full(s.nilai.shape, ctx.params.batas_snp)
    if ctx.target is not None:
        return tetapkan(s.nilai, ctx.params, ctx.target)
    return Standar(standar=full, target=full.copy())


STEPS: dict[str, Callable[[Keadaan, Konteks], Keadaan]] = {
    "pemetaan": langkah_pemetaan,
    "penetapan": langkah_penetapan,
    "perencanaan": langkah_perencanaan,
    "pelaksanaan": langkah_pelaksanaan,
    "monev": langkah_monev,
}


def satu_siklus(s: Keadaan, ctx: Konteks, steps: Sequence[str]) -> Keadaan:
    """Runs the steps of one cycle in the given order."""
    for name in steps:
        s = STEPS[name](s, ctx)
    return s


def tahun_berikut(s: Keadaan) -> Keadaan:
    """The state at the start of the next cycle."""
    e = s.evaluasi
    return Keadaan(tahun=s.tahun + 1, nilai=e.nilai, nilai_lalu=s.nilai, benar=e.benar, tertunda=e.tertunda,
                   kerusakan=e.kerusakan, standar=s.standar_baru)


class SpmiModel:
    """SPMI cycles for many schools at once, with one seeded generator.

    Args:
        data: the contract tables (``sekolah``, ``indikator``, optional ``keuangan``, ``sarpras``)
            or a prepared ``Awal``.
        seed: an integer seed or a ``numpy.random.Generator`` (the model then owns it).
        siklus: a cycle name from ``cycle.CYCLES``.
        kebijakan: "pbd" or "acak" for every school, or a mapping npsn -> policy.
        rencana: npsn -> ``Rencana`` (used every year) or a sequence of them (year by year; the
            base policy afterwards).
        params: model parameters; katalog: the activity catalog.
        npsn: simulate only these schools (peers for the quintiles remain every school in data).
    """

    def __init__(self, data, seed: int | np.random.Generator = 0, *, siklus: str = cycle.DEFAULT,
                 kebijakan: str | Mapping[str, str] = "pbd", rencana: Mapping | None = None,
                 params: Parameter | None = None, katalog: Katalog | None = None, npsn=None) -> None:
        self.awal = data if isinstance(data, Awal) else siapkan(data, npsn=npsn)
        self.rng = seed if isinstance(seed, np.random.Generator) else np.random.default_rng(_seed(seed))
        self.siklus = cycle.get(siklus)
        self.params = params or Parameter()
        self.katalog = katalog or _default_katalog()
        self.biaya = biaya(self.katalog, self.awal.guru, self.awal.siswa, self.awal.rombel, self.awal.indeks_biaya)
        self.faktor_biaya = per_juta(self.biaya)
        self.rutin = rutin_dasar(self.awal.realisasi_lalu, self.params)
        self._row = pd.Index(self.awal.npsn)
        self.kebijakan = self._policies(kebijakan)
        self.rencana = self._plans(rencana or {})
        self.keadaan = Keadaan(tahun=self.awal.tahun + 1, nilai=self.awal.nilai, nilai_lalu=self.awal.nilai_lalu,
                               benar=self.awal.nilai.copy(), tertunda=np.zeros_like(self.awal.nilai),
                               kerusakan=self.awal.kerusakan.copy())
        self._tahun_ke = 0

    def step(self) -> CatatanTahun:
        """One full cycle for every school; advances the model by a year."""
        rec, self.keadaan = self._cycle(self.keadaan, self.rng, self._tahun_ke, self.kebijakan, self.rencana)
        self._tahun_ke += 1
        return rec

    def run(self, tahun: int, progress: Callable[[Iterable], Iterable] | None = None, maju: bool = True) -> Hasil:
        """Runs ``tahun`` cycles from the current state and returns their results.

        With ``maju=False`` the model (state, year, generator) is left where it was.
        """
        if tahun < 1:
            raise LabMutuError(f"Jumlah tahun simulasi harus 1 atau lebih, bukan {tahun}.", "Contoh: 5.")
        start, state, year = self.keadaan, copy.deepcopy(self.rng.bit_generator.state), self._tahun_ke
        years = range(tahun)
        records = [self.step() for _ in (progress(years) if progress else years)]
        if not maju:
            self.keadaan, self._tahun_ke = start, year
            self.rng.bit_generator.state = copy.deepcopy(state)
        return Hasil(awal=self.awal, keadaan_awal=start, rng_state=state, siklus=self.siklus.name,
                     params=self.params, katalog=self.katalog, tahun=tuple(records))

    def replay(self, hasil: Hasil, *, kebijakan: str | Mapping[str, str] | None = None,
               rencana: Mapping | None = None, progress: Callable[[Iterable], Iterable] | None = None) -> Hasil:
        """Reruns the years of ``hasil`` with other plans under the same random draws.

        Without new ``kebijakan`` or ``rencana`` the run's own are used, and the result is
        identical to ``hasil``. The model's own state does not move.
        """
        if hasil.awal is not self.awal:
            raise LabMutuError("Hasil ini berasal dari model lain.", "Putar ulang dengan model yang menghasilkannya.")
        policies = self.kebijakan if kebijakan is None else self._policies(kebijakan)
        plans = self.rencana if rencana is None else self._plans(rencana)
        rng = np.random.Generator(type(self.rng.bit_generator)())
        rng.bit_generator.state = copy.deepcopy(hasil.rng_state)
        first = hasil.tahun[0].tahun - (self.awal.tahun + 1)
        state, records = hasil.keadaan_awal, []
        years = range(len(hasil.tahun))
        for y in (progress(years) if progress else years):
            rec, state = self._cycle(state, rng, first + y, policies, plans)
            records.append(rec)
        return Hasil(awal=self.awal, keadaan_awal=hasil.keadaan_awal, rng_state=hasil.rng_state,
                     siklus=self.siklus.name, params=self.params, katalog=self.katalog, tahun=tuple(records))

    def pratinjau(self, *, kebijakan: str | Mapping[str, str] | None = None, rencana: Mapping | None = None) -> Keadaan:
        """This year's map, standards and plan, without drawing anything or moving the model.

        Runs the configured steps up to and including perencanaan (pemetaan, penetapan when it
        comes first, perencanaan), for showing a trainee the PBD recommendation or their RKAS.
        """
        policies = self.kebijakan if kebijakan is None else self._policies(kebijakan)
        plans = self.rencana if rencana is None else self._plans(rencana)
        ctx = self._konteks(self.keadaan, None, self._tahun_ke, policies, plans)
        steps = self.siklus.steps
        return satu_siklus(self.keadaan, ctx, steps[: steps.index("perencanaan") + 1])

    def _konteks(self, state: Keadaan, draws: Undian | None, year_index: int, policies: np.ndarray,
                 plans: dict) -> Konteks:
        now = {i: seq[year_index] for i, seq in plans.items() if year_index < len(seq)}
        pol = policies.copy()
        pol[list(now)] = RENCANA
        target = None
        if any(p.target for p in now.values()):
            target = np.full(state.nilai.shape, np.nan)
            for i, p in now.items():
                for code, t in p.target.items():
                    target[i, _KODE.index(code)] = t
        return Konteks(self.awal, self.katalog, self.params, self.biaya, self.faktor_biaya, self.rutin, pol, now,
                       target, draws)

    def _cycle(self, state: Keadaan, rng: np.random.Generator, year_index: int, policies: np.ndarray,
               plans: dict) -> tuple[CatatanTahun, Keadaan]:
        draws = tarik_undian(rng, len(self.awal), len(self.katalog))
        ctx = self._konteks(state, draws, year_index, policies, plans)
        done = satu_siklus(state, ctx, self.siklus.steps)
        return CatatanTahun.dari_keadaan(done, ctx.kebijakan), tahun_berikut(done)

    def _policies(self, kebijakan) -> np.ndarray:
        if isinstance(kebijakan, str):
            return np.full(len(self.awal), _policy(kebijakan), dtype=np.int8)
        out = np.full(len(self.awal), KEBIJAKAN["pbd"], dtype=np.int8)
        for npsn, name in kebijakan.items():
            out[self._index(npsn)] = _policy(name)
        return out

    def _plans(self, rencana: Mapping) -> dict[int, tuple[Rencana, ...]]:
        out = {}
        for npsn, plan in rencana.items():
            seq = (plan,) if isinstance(plan, Rencana) else tuple(plan)
            if not all(isinstance(p, Rencana) for p in seq):
                raise LabMutuError(f"Rencana sekolah {npsn} tidak sah.", "Pakai objek Rencana (atau daftar Rencana per tahun).")
            for p in seq:
                for item in p.kegiatan:
                    self.katalog.indeks(item.kode)
            out[self._index(npsn)] = seq
        return out

    def _index(self, npsn) -> int:
        i = self._row.get_indexer([str(npsn)])[0]
        if i < 0:
            raise LabMutuError(f"Sekolah {npsn} tidak ikut disimulasikan.", "Periksa NPSN pada rencana atau kebijakan.")
        return int(i)


def _policy(name: str) -> int:
    if name not in ("pbd", "acak", "tanpa"):
        raise LabMutuError(f"Kebijakan '{name}' tidak dikenal.",
                           "Pilihan: pbd (ikuti aturan PBD), acak (kegiatan acak) atau tanpa (tanpa kegiatan).")
    return KEBIJAKAN[name]


def _seed(seed) -> int:
    """A checked non-negative integer seed (LabMutuError otherwise)."""
    if isinstance(seed, (bool, float)) or not isinstance(seed, (int, np.integer)) or seed < 0:
        raise LabMutuError(f"Seed harus bilangan bulat 0 atau lebih, bukan {seed!r}.", "Contoh: --seed 42.")
    return int(seed)


def _default_katalog() -> Katalog:
    return katalog()
