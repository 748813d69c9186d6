"""Typed records passed between the SPMI steps, and the model's parameters.

Parameters and plans are frozen, validated dataclasses: a bad value raises ``LabMutuError`` with
an Indonesian message. Step records hold arrays with one row per simulated school (n) and one
column per indicator (15, in ``INDIKATOR`` order), BOSP component (12) or activity (K).
Every default value here is a training assumption (asumsi pelatihan) unless its comment names a
source; ``docs/model-simulasi.md`` explains each one.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Mapping

import numpy as np

from labmutu.datasets.schema import INDIKATOR, KOMPONEN_BOSP
from labmutu.errors import LabMutuError

# Who takes part in planning and doing (PBD participants, domain facts §4.5) and how much each
# adds to how fully activities happen (asumsi pelatihan; the weights sum to 1).
PEMANGKU = {"kepala_sekolah": 0.25, "guru": 0.30, "komite": 0.15, "orang_tua": 0.10, "murid": 0.10,
            "pengawas": 0.10}
# "6 indikator prioritas Dasmen / 8 SMK" (2023): the exact list is belum terkonfirmasi; apps use these.
PRIORITAS_BAWAAN = ("A.1", "A.2", "A.3", "D.1", "D.3", "D.4", "D.8", "D.10")


def _fail(name: str, why: str) -> LabMutuError:
    return LabMutuError(f"Parameter simulasi '{name}' tidak sah: {why}.",
                        "Periksa nilai parameter; lihat docs/model-simulasi.md untuk rentang yang masuk akal.")


@dataclass(frozen=True)
class Parameter:
    """Model parameters (all asumsi pelatihan unless noted).

    Attributes:
        tren: yearly drift of every indicator without any activity, in points.
        sd_proses: spread of the true yearly change between schools, in points.
        sd_ukur: measurement noise of the yearly Rapor value, in points.
        ruang_kepala: above ``100 - ruang_kepala`` an activity's effect shrinks linearly to 0 at 100.
        ruang_perbaikan: share of last year's non-honor spending freed for improvement activities.
        maks_kegiatan: at most this many activities per school per year.
        indikator_prioritas: indicators the PBD rule chooses from.
        n_prioritas: how many priority indicators a school takes on.
        bobot_prioritas: weight of the 1st, 2nd, ... priority when judging root causes.
        kebutuhan_tetap: need for root causes without a measure (literasi_kelas, bahan_bacaan, tik).
        kebutuhan_dasar: need added to every measured root cause, so strong areas still count a little.
        batas_snp: the SNP floor on the Rapor scale (the Baik boundary).
        kenaikan_internal: how far above its score a school already at the floor sets its standard.
        laju_wajar: yearly target step toward the standard.
        laju_maks: largest yearly rise treated as reachable when checking targets.
        keterlibatan_bawaan: participants in the PBD and random policies.
        faktor_tanpa_pj: completion factor for an activity without a person in charge.
        p_bencana, p_bencana_3t: yearly chance of banjir/longsor (non-3T, 3T).
        p_mutasi: yearly chance that trained teachers are transferred out (mutasi guru).
        p_terlambat, p_terlambat_3t: yearly chance that dana tahap 2 arrives late.
        faktor_bencana, faktor_mutasi, faktor_terlambat: what each shock leaves of an activity.
        kerusakan_bencana: building damage a disaster adds, in %.
        dampak_bencana: D.4 points lost to a disaster; dampak_mutasi: C.3 points lost to a transfer.
        bulan_ukur: month of the Asesmen Nasional measurement.
        bulan_mulai: first month of semester 1 and 2 activities (after tahap 1 in January, tahap 2 in July).
        tunda_terlambat: months a late tahap 2 delays semester 2.
    """

    tren: float = 0.5
    sd_proses: float = 2.0
    sd_ukur: float = 3.0
    ruang_kepala: float = 40.0
    ruang_perbaikan: float = 0.10
    maks_kegiatan: int = 5
    indikator_prioritas: tuple[str, ...] = PRIORITAS_BAWAAN
    n_prioritas: int = 3
    bobot_prioritas: tuple[float, ...] = (1.0, 0.8, 0.6)
    kebutuhan_tetap: float = 0.5
    kebutuhan_dasar: float = 0.05
    batas_snp: float = 70.0
    kenaikan_internal: float = 5.0
    laju_wajar: float = 5.0
    laju_maks: float = 10.0
    keterlibatan_bawaan: tuple[str, ...] = ("kepala_sekolah", "guru", "komite", "orang_tua")
    faktor_tanpa_pj: float = 0.85
    p_bencana: float = 0.03
    p_bencana_3t: float = 0.06
    p_mutasi: float = 0.10
    p_terlambat: float = 0.15
    p_terlambat_3t: float = 0.25
    faktor_bencana: float = 0.5
    faktor_mutasi: float = 0.7
    faktor_terlambat: float = 0.8
    kerusakan_bencana: float = 10.0
    dampak_bencana: float = 2.0
    dampak_mutasi: float = 2.0
    bulan_ukur: int = 9
    bulan_mulai: tuple[int, int] = (2, 8)
    tunda_terlambat: int = 2

    def __post_init__(self) -> None:
        probs = ("ruang_perbaikan", "kebutuhan_tetap", "kebutuhan_dasar", "faktor_tanpa_pj", "p_bencana",
                 "p_bencana_3t", "p_mutasi", "p_terlambat", "p_terlambat_3t", "faktor_bencana",
                 "faktor_mutasi", "faktor_terlambat")
        for f in fields(self):
            v = getattr(self, f.name)
            if isinstance(v, (int, float)) and not isinstance(v, bool) and (not np.isfinite(v) or v < 0):
                raise _fail(f.name, f"harus angka >= 0, bukan {v}")
            if f.name in probs and v > 1:
                raise _fail(f.name, f"harus antara 0 dan 1, bukan {v}")
        unknown = [c for c in self.indikator_prioritas if c not in INDIKATOR]
        if unknown or not self.indikator_prioritas:
            raise _fail("indikator_prioritas", f"kode tidak dikenal {unknown}" if unknown else "kosong")
        if not 1 <= self.n_prioritas <= len(self.indikator_prioritas):
            raise _fail("n_prioritas", f"harus 1..{len(self.indikator_prioritas)}")
        if len(self.bobot_prioritas) < self.n_prioritas:
            raise _fail("bobot_prioritas", f"perlu {self.n_prioritas} bobot")
        if self.maks_kegiatan < 1 or self.ruang_kepala <= 0 or not 0 < self.batas_snp <= 100:
            raise _fail("maks_kegiatan/ruang_kepala/batas_snp", "di luar rentang")
        if not (1 <= self.bulan_ukur <= 12 and all(1 <= b <= 12 for b in self.bulan_mulai)):
            raise _fail("bulan_ukur/bulan_mulai", "bulan harus 1..12")
        bad = [p for p in self.keterlibatan_bawaan if p not in PEMANGKU]
        if bad:
            raise _fail("keterlibatan_bawaan", f"pemangku tidak dikenal {bad}")


def skor_keterlibatan(pemangku) -> float:
    """Involvement score 0–1 of a set of participants (see ``PEMANGKU``)."""
    return float(sum(PEMANGKU[p] for p in set(pemangku)))


@dataclass(frozen=True)
class RencanaKegiatan:
    """One activity in a trainee's plan.

    Attributes:
        kode: catalog code, e.g. "K07".
        semester: 1 (Jan–Jun, dana tahap 1) or 2 (Jul–Des, dana tahap 2).
        penanggung_jawab: who is in charge; "" means nobody, which lowers completion.
    """

    kode: str
    semester: int = 1
    penanggung_jawab: str = "kepala sekolah"

    def __post_init__(self) -> None:
        if self.semester not in (1, 2):
            raise LabMutuError(f"Semester kegiatan {self.kode} harus 1 atau 2, bukan {self.semester}.",
                               "Semester 1 = Januari–Juni (dana tahap 1), semester 2 = Juli–Desember.")


@dataclass(frozen=True)
class Rencana:
    """A school's plan for one year: activities, participants, honor and (optional) targets.

    Attributes:
        kegiatan: the chosen activities.
        keterlibatan: who takes part (keys of ``PEMANGKU``).
        honor: planned routine honor in rupiah; None keeps last year's honor as it was.
        rutin: optional routine amounts per BOSP component (rupiah), replacing the defaults
            (last year's spending less ``ruang_perbaikan``); ``honor`` wins for k12_honor.
        target: optional targets per indicator code for this year (penetapan standar).
    """

    kegiatan: tuple[RencanaKegiatan, ...] = ()
    keterlibatan: tuple[str, ...] = ("kepala_sekolah", "guru", "komite", "orang_tua")
    honor: int | None = None
    rutin: Mapping[str, int] = field(default_factory=dict)
    target: Mapping[str, float] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "kegiatan", tuple(
            k if isinstance(k, RencanaKegiatan) else RencanaKegiatan(k) for k in self.kegiatan))
        codes = [k.kode for k in self.kegiatan]
        twice = sorted({c for c in codes if codes.count(c) > 1})
        if twice:
            raise LabMutuError(f"Kegiatan {', '.join(twice)} tercantum lebih dari sekali dalam rencana.",
                               "Cantumkan setiap kegiatan sekali saja.")
        bad = [p for p in self.keterlibatan if p not in PEMANGKU]
        if bad:
            raise LabMutuError(f"Pemangku kepentingan tidak dikenal: {', '.join(bad)}.",
                               f"Pilihan: {', '.join(PEMANGKU)}.")
        if self.honor is not None and self.honor < 0:
            raise LabMutuError("Honor tidak boleh negatif.", "Isi honor dalam rupiah, 0 atau lebih.")
        bad = [c for c in self.rutin if c not in KOMPONEN_BOSP]
        if bad or any(v < 0 for v in self.rutin.values()):
            raise LabMutuError(f"Belanja rutin tidak sah: {', '.join(bad) or 'ada jumlah negatif'}.",
                               f"Pakai komponen: {', '.join(KOMPONEN_BOSP)}, jumlah 0 atau lebih.")
        bad = [c for c in self.target if c not in INDIKATOR]
        if bad:
            raise LabMutuError(f"Target untuk indikator tidak dikenal: {', '.join(bad)}.",
                               f"Pilihan: {', '.join(INDIKATOR)}.")

    @classmethod
    def dari_kode(cls, kode, **kwargs) -> "Rencana":
        """A plan from activity codes (all in semester 1 with the kepala sekolah in charge)."""
        return cls(kegiatan=tuple(RencanaKegiatan(k) for k in kode), **kwargs)


@dataclass(frozen=True, eq=False)
class Peta:
    """Pemetaan output: capaian 0 Kurang / 1 Sedang / 2 Baik, change, quintiles (1 = lowest)."""

    nilai: np.ndarray
    capaian: np.ndarray
    perubahan: np.ndarray
    kuintil_provinsi: np.ndarray
    kuintil_nasional: np.ndarray


@dataclass(frozen=True, eq=False)
class Standar:
    """Penetapan output: the standard (>= SNP floor) and this year's target per indicator."""

    standar: np.ndarray
    target: np.ndarray


@dataclass(frozen=True, eq=False)
class RencanaTahun:
    """Perencanaan output for every school.

    Attributes:
        prioritas: (n, P) indicator indices, first priority first.
        akar: (R, n) weight of each root-cause node for each school (refleksi), node-major.
        dipilih: (n, K) chosen activities; semester: (n, K) 1 or 2 (0 when not chosen).
        pj: (n, K) whether someone is in charge; keterlibatan: (n,) involvement score.
        biaya: (n, K) cost of each activity; rutin: (n, 12) routine lines per BOSP component.
        patuh: (n,) whether the RKAS passes every rule.
    """

    prioritas: np.ndarray
    akar: np.ndarray
    dipilih: np.ndarray
    semester: np.ndarray
    pj: np.ndarray
    keterlibatan: np.ndarray
    biaya: np.ndarray
    rutin: np.ndarray
    patuh: np.ndarray


@dataclass(frozen=True, eq=False)
class Pelaksanaan:
    """Pelaksanaan output: shocks per school, and one entry per chosen activity.

    Attributes:
        bencana, bencana_semester2, mutasi, terlambat: (n,) shocks this year.
        baris, kegiatan: (m,) school row and catalog index of each chosen activity, ordered by
            school then catalog index.
        keterlaksanaan: (m,) share of the activity done (0–1); belanja: (m,) rupiah spent;
        efektif: (m,) share of the planned money turned into activity.
        realisasi: (n, 12) rupiah spent per BOSP component.
    """

    bencana: np.ndarray
    bencana_semester2: np.ndarray
    mutasi: np.ndarray
    terlambat: np.ndarray
    baris: np.ndarray
    kegiatan: np.ndarray
    keterlaksanaan: np.ndarray
    belanja: np.ndarray
    efektif: np.ndarray
    realisasi: np.ndarray


@dataclass(frozen=True, eq=False)
class Evaluasi:
    """Monev output: next year's measured and true values, carried effects, gap to target.

    ``daya_efek`` is per chosen activity (the entries of ``Pelaksanaan``). The gap to the target
    (``selisih_target``: value minus target, negative when short) and ``tercapai`` are computed
    when asked.
    """

    nilai: np.ndarray
    benar: np.ndarray
    tertunda: np.ndarray
    kerusakan: np.ndarray
    daya_efek: np.ndarray
    target: np.ndarray

    @property
    def selisih_target(self) -> np.ndarray:
        return np.rint((self.nilai - self.target) * 100.0) / 100.0

    @property
    def tercapai(self) -> np.ndarray:
        return self.nilai >= self.target


@dataclass(frozen=True, eq=False)
class Keadaan:
    """The state a year's steps pass along; each step fills its own field (``None`` until then).

    ``nilai`` is the last measured Rapor value, ``benar`` the true (unmeasured) value,
    ``tertunda`` effects that show at the next measurement. ``standar_baru`` is set when
    penetapan runs after monev (Permendikbud 28/2016 order) and applies to the next cycle.
    """

    tahun: int
    nilai: np.ndarray
    nilai_lalu: np.ndarray
    benar: np.ndarray
    tertunda: np.ndarray
    kerusakan: np.ndarray
    standar: Standar | None = None
    peta: Peta | None = None
    rencana: RencanaTahun | None = None
    pelaksanaan: Pelaksanaan | None = None
    evaluasi: Evaluasi | None = None
    standar_baru: Standar | None = None
