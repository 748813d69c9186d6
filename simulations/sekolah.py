"""One school, step by step: the fast API a widget callback calls.

    sim = SimulasiSekolah(data, "92679372", seed=7)
    sim.rapor(); sim.kekuatan_kelemahan()                  # pemetaan
    sim.prioritas(); sim.akar_masalah()                    # identifikasi, refleksi
    rencana = sim.rekomendasi()                            # what the PBD rule would do
    sim.periksa(rencana)                                   # every RKAS rule broken, in Indonesian
    hasil = sim.jalankan(rencana)                          # pelaksanaan and monev
    sim.laporan(hasil); sim.bandingkan(hasil)              # what happened, and against alternatives

Every ``jalankan`` replays the same years under the same random draws, so a trainee who changes
the plan sees what the plan changed, not a different roll of the dice. Peers for the quintiles
are all schools in ``data``; only the chosen school is simulated (one cycle takes milliseconds).
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass

import numpy as np
import pandas as pd

from labmutu.datasets.schema import INDIKATOR, KOMPONEN_BOSP
from labmutu.simulations import cycle, pelaksanaan as pel, perencanaan as pbd
from labmutu.simulations.catalog import Katalog
from labmutu.simulations.hasil import Hasil, bandingkan
from labmutu.simulations.model import SpmiModel, _seed
from labmutu.simulations.pemetaan import CAPAIAN_KODE, kekuatan_kelemahan, petakan, rapor
from labmutu.simulations.penetapan import standar_sekolah
from labmutu.simulations.records import Parameter, Rencana, RencanaKegiatan
from labmutu.simulations.rkas import Pelanggaran, Rkas, periksa_rkas, susun_rkas

KODE = tuple(INDIKATOR)
GUNCANGAN = ("Banjir/longsor", "Banjir/longsor terjadi di semester 2", "Mutasi guru", "Dana tahap 2 terlambat")


@dataclass(frozen=True, eq=False)
class LaporanTahun:
    """What happened in one school in one simulated year (tables in Indonesian)."""

    tahun: int
    rapor: pd.DataFrame
    prioritas: list[str]
    rkas: Rkas
    pelanggaran: list[Pelanggaran]
    kegiatan: pd.DataFrame
    realisasi: pd.DataFrame
    bukti: pd.DataFrame
    siplah: pd.DataFrame
    evaluasi: pd.DataFrame
    guncangan: list[str]


class SimulasiSekolah:
    """SPMI cycles for one school, with the peers of ``data`` for its quintiles.

    Args:
        data: the contract tables; npsn: the school; seed: seed of the draws.
        tahun: how many cycles each ``jalankan`` covers.
        siklus, params, katalog: as in ``SpmiModel``.
    """

    def __init__(self, data, npsn: str, *, seed: int = 0, tahun: int = 1, siklus: str = cycle.DEFAULT,
                 params: Parameter | None = None, katalog: Katalog | None = None) -> None:
        self.npsn = str(npsn)
        # Each school gets its own luck for a seed (trainees on different schools do not all meet
        # the same floods), and the same school and seed always the same luck.
        school = int(self.npsn) if self.npsn.isdigit() else zlib.crc32(self.npsn.encode())
        rng = np.random.default_rng(np.random.SeedSequence([_seed(seed), school]))
        self.model = SpmiModel(data, rng, siklus=siklus, params=params, katalog=katalog, npsn=[self.npsn])
        self.tahun = tahun
        self._dasar: Hasil | None = None

    @property
    def katalog(self) -> Katalog:
        return self.model.katalog

    @property
    def dasar(self) -> Hasil:
        """The PBD run whose draws every ``jalankan`` reuses."""
        if self._dasar is None:
            self._dasar = self.model.run(self.tahun, maju=False)
        return self._dasar

    def rapor(self) -> pd.DataFrame:
        """The school's current Rapor: capaian, colour, change, quintiles per indicator."""
        s = self.model.keadaan
        return rapor(petakan(s.nilai, s.nilai_lalu, self.model.awal), self.model.awal, 0, self.model.awal.tahun)

    def kekuatan_kelemahan(self) -> tuple[list[str], list[str]]:
        """Strengths (Baik) and weaknesses (Kurang, then falling Sedang) of the current Rapor."""
        return kekuatan_kelemahan(self.rapor())

    def prioritas(self, semua: bool = False) -> pd.DataFrame:
        """Indicators in PBD priority order (the candidate list, or all 15 with ``semua``)."""
        r = self.rapor()
        if not semua:
            r = r[r["kode_indikator"].isin(self.model.params.indikator_prioritas)]
        return pbd.prioritas(r)

    def akar_masalah(self) -> pd.DataFrame:
        """Root causes of this school's priorities, strongest first (refleksi)."""
        s = self.model.pratinjau(kebijakan="pbd", rencana={})
        weight = s.rencana.akar[:, 0]
        kat = self.katalog
        names = dict(zip(kat.akar["kode"], kat.akar["nama"]))
        out = pd.DataFrame({"akar": kat.simpul, "nama": [names.get(c, INDIKATOR.get(c, c)) for c in kat.simpul],
                            "bobot": np.round(weight, 4)})
        out = out[out["bobot"] > 0].sort_values("bobot", ascending=False, kind="stable")
        return out.reset_index(drop=True)

    def rekomendasi(self) -> Rencana:
        """This year's plan by the PBD rule, as a ``Rencana`` a trainee can edit."""
        s = self.model.pratinjau(kebijakan="pbd", rencana={})
        r = s.rencana
        items = tuple(RencanaKegiatan(self.katalog.kode[k], int(r.semester[0, k]))
                      for k in np.flatnonzero(r.dipilih[0]))
        return Rencana(kegiatan=items, keterlibatan=self.model.params.keterlibatan_bawaan,
                       honor=int(r.rutin[0, -1]))

    def standar(self) -> pd.DataFrame:
        """Standard, this year's target and years to reach it, per indicator."""
        return standar_sekolah(self.rapor(), self.model.params)

    def rkas(self, rencana: Rencana) -> Rkas:
        """The RKAS a plan makes (routine lines plus the plan's activities)."""
        r = self.model.pratinjau(rencana={self.npsn: rencana}).rencana
        return self._rkas(self.model.awal.tahun + 1, r.rutin[0], np.flatnonzero(r.dipilih[0]),
                          r.semester[0], r.biaya[0])

    def periksa(self, rencana: Rencana) -> list[Pelanggaran]:
        """Every RKAS rule the plan breaks (empty: compliant)."""
        return periksa_rkas(self.rkas(rencana), self.katalog)

    def jalankan(self, rencana: Rencana | None = None, kebijakan: str = "pbd") -> Hasil:
        """Runs the plan (or a policy) over ``tahun`` cycles under the same draws every time."""
        if rencana is None:
            return self.model.replay(self.dasar, kebijakan=kebijakan, rencana={})
        return self.model.replay(self.dasar, rencana={self.npsn: rencana})

    def bandingkan(self, hasil: Hasil, kebijakan=("pbd", "acak", "tanpa")) -> pd.DataFrame:
        """Indicator values of ``hasil`` next to the same years under other policies (same draws)."""
        out = bandingkan(hasil, hasil, ("rencana", "rencana"))[["npsn", "tahun", "kode_indikator", "nilai_rencana"]]
        for name in kebijakan:
            out[f"nilai_{name}"] = self.jalankan(kebijakan=name).indikator()["nilai"].to_numpy()
            out[f"selisih_{name}"] = np.round(out["nilai_rencana"] - out[f"nilai_{name}"], 2)
        return out

    def laporan(self, hasil: Hasil, tahun_ke: int = 0) -> LaporanTahun:
        """The school's year ``tahun_ke`` (0 = first) of ``hasil``, as Indonesian tables."""
        rec = hasil.tahun[tahun_ke]
        awal, kat, params = hasil.awal, hasil.katalog, hasil.params
        before = hasil.keadaan_awal if tahun_ke == 0 else None
        start = before.nilai if before is not None else hasil.tahun[tahun_ke - 1].nilai
        last = before.nilai_lalu if before is not None else (
            hasil.keadaan_awal.nilai if tahun_ke == 1 else hasil.tahun[tahun_ke - 2].nilai)
        mine = rec.baris == 0
        ks, sem = rec.kegiatan[mine].astype(int), rec.semester[mine]
        semester_full = np.zeros(len(kat), dtype=np.int8)
        semester_full[ks] = sem
        biaya_full = np.zeros(len(kat), dtype=np.int64)
        biaya_full[ks] = rec.biaya[mine]
        plan = self._rkas(rec.tahun, rec.rutin[0], ks, semester_full, biaya_full)
        late = bool(rec.guncangan[0, 3])
        prio = [KODE[c] for c in rec.prioritas[0]]
        rows, proofs, buys = [], [], []
        for j, k in enumerate(ks):
            code = kat.kode[k]
            month = pel.bulan_mulai(int(sem[j]), late, params)
            shows = month + int(kat.tunggu[k]) <= params.bulan_ukur
            power = float(rec.daya_efek[mine][j])
            effect = float(sum(power * kat.efek[k, KODE.index(c)] for c in prio))
            rows.append({"kode": code, "nama": kat.kegiatan.at[k, "nama"], "komponen": kat.kegiatan.at[k, "komponen"],
                         "semester": int(sem[j]), "anggaran": int(rec.biaya[mine][j]),
                         "belanja": int(rec.belanja[mine][j]),
                         "keterlaksanaan": round(float(rec.keterlaksanaan[mine][j]), 3),
                         "daya_efek": round(power, 3), "dampak_prioritas": round(effect, 2),
                         "status": _status(power, shows)})
            proofs += pel.bukti(code, float(rec.keterlaksanaan[mine][j]), month, kat)
            buys += pel.baris_siplah(code, int(rec.belanja[mine][j]), float(awal.indeks_biaya[0]), month, kat)
        planned = plan.per_komponen()
        realisasi = pd.DataFrame({"komponen": list(KOMPONEN_BOSP), "nama": list(KOMPONEN_BOSP.values()),
                                  "rencana": [planned[c] for c in KOMPONEN_BOSP], "realisasi": rec.realisasi[0]})
        realisasi["selisih"] = realisasi["realisasi"] - realisasi["rencana"]
        evaluasi = pd.DataFrame({"kode_indikator": KODE, "nama": list(INDIKATOR.values()), "nilai_awal": start[0],
                                 "target": rec.target[0], "nilai": rec.nilai[0]})
        evaluasi["selisih"] = np.round(evaluasi["nilai"] - evaluasi["target"], 2)
        evaluasi["tercapai"] = evaluasi["nilai"] >= evaluasi["target"]
        evaluasi["capaian"] = [CAPAIAN_KODE[c] for c in ((rec.nilai[0] > 70).astype(int) + (rec.nilai[0] >= 40))]
        peta = petakan(start, last, awal)
        return LaporanTahun(
            tahun=rec.tahun, rapor=rapor(peta, awal, 0, rec.tahun - 1), prioritas=prio, rkas=plan,
            pelanggaran=periksa_rkas(plan, kat),
            kegiatan=pd.DataFrame(rows, columns=["kode", "nama", "komponen", "semester", "anggaran", "belanja",
                                                 "keterlaksanaan", "daya_efek", "dampak_prioritas", "status"]),
            realisasi=realisasi,
            bukti=pd.DataFrame(proofs, columns=["kode_kegiatan", "jenis_bukti", "bulan", "ada"]),
            siplah=pd.DataFrame(buys, columns=["kode_kegiatan", "barang", "jumlah", "harga_satuan", "total",
                                               "komponen", "bulan", "penyedia", "status"]),
            evaluasi=evaluasi, guncangan=[g for g, hit in zip(GUNCANGAN, rec.guncangan[0]) if hit])

    def _rkas(self, tahun: int, rutin, ks, semester, biaya) -> Rkas:
        a = self.model.awal
        items = [(self.katalog.kode[k], int(semester[k]), int(biaya[k])) for k in ks]
        return susun_rkas(self.npsn, tahun, a.jenjang[0], a.status[0], int(a.alokasi[0]), rutin, items, self.katalog)


def _status(power: float, shows: bool) -> str:
    if power <= 0:
        return "tidak berdampak (syarat tidak terpenuhi atau tidak terlaksana)"
    if not shows:
        return "dampak baru terlihat pada pengukuran tahun berikutnya (waktu tunggu)"
    if power >= 0.8:
        return "berhasil"
    return "sebagian berhasil" if power >= 0.4 else "kurang berhasil"
