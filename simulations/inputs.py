"""From data tables to the engine's starting arrays, and the per-year random draws.

``siapkan`` turns the contract tables (sekolah, indikator, keuangan, sarpras) into ``Awal``: one
row per simulated school, indicators as an (n, 15) array. Quintiles are ranked against peer
groups (same jenjang, within the province or the nation) of every school in the data, which may
be more schools than are simulated.

The quintile boundaries are frozen at the starting year: later values are ranked against the
starting distribution. That keeps schools independent of each other, which a clean
counterfactual replay needs (a plan for one school cannot move another school's rank).

``tarik_undian`` draws every random number a year needs, in a fixed order and fixed shapes, so
the draws never depend on the plans (common random numbers).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from labmutu.datasets.schema import INDIKATOR, KOMPONEN_BOSP
from labmutu.errors import LabMutuError

KODE = tuple(INDIKATOR)
SKALA = 10001  # indicator values in hundredths of a point: 0 .. 10000


KOLOM_WAJIB = {
    "sekolah": ("npsn", "jenjang", "status", "kode_kabkota", "kode_provinsi", "daerah_3t", "peserta_didik", "guru",
                "rombel"),
    "indikator": ("npsn", "tahun", "kode_indikator", "nilai"),
    "keuangan": ("npsn", "indeks_biaya", "alokasi_bosp") + tuple(KOMPONEN_BOSP),
    "sarpras": ("npsn", "kerusakan_maks_persen", "daya_listrik_va", "siap_ifp"),
}


def ke_seratus(nilai) -> np.ndarray:
    """Values in hundredths of a point as integers (round half to even)."""
    return np.rint(np.asarray(nilai, dtype=float) * 100.0).astype(np.int64)


def bulatkan(x) -> np.ndarray:
    """Rounds to 2 decimals as rint(x * 100) / 100, the same arithmetic the reference uses."""
    return np.rint(np.asarray(x, dtype=float) * 100.0) / 100.0


class Kelompok:
    """Peer groups of one scope (nation or province) with a counting table per indicator.

    ``kuintil`` gives the quintile a value would have among the peers with average ranks for ties,
    identical to ``pandas.Series.rank(method="average", pct=True)`` for the peers' own values.
    """

    def __init__(self, grup: np.ndarray, nilai_seratus: np.ndarray, n_grup: int) -> None:
        self.n_grup = n_grup
        self.kumulatif = []
        for c in range(nilai_seratus.shape[1]):
            counts = np.bincount(grup * SKALA + nilai_seratus[:, c], minlength=n_grup * SKALA)
            cum = np.zeros((n_grup, SKALA + 1), dtype=np.int32)
            np.cumsum(counts.reshape(n_grup, SKALA), axis=1, out=cum[:, 1:])
            self.kumulatif.append(cum.ravel())
        self.ukuran = np.bincount(grup, minlength=n_grup)

    def kuintil(self, nilai_seratus: np.ndarray, grup: np.ndarray) -> np.ndarray:
        """(n, 15) quintiles 1 (lowest) .. 5 of values (hundredths) for schools in ``grup``."""
        out = np.empty(nilai_seratus.shape, dtype=np.int8)
        size = self.ukuran[grup].astype(float)
        base = grup * (SKALA + 1)
        for c, cum in enumerate(self.kumulatif):
            idx = base + np.clip(nilai_seratus[:, c], 0, SKALA - 1)
            below = cum[idx]
            ties = cum[idx + 1] - below
            pct = (below + (ties + 1) / 2) / size
            out[:, c] = np.clip(np.ceil(pct * 5), 1, 5)
        return out


@dataclass(frozen=True, eq=False)
class Awal:
    """The simulated schools at the start: identity, money, buildings, indicators, peer groups.

    Arrays have one row per simulated school. ``peer_*`` hold every school of the data (for the
    quintiles); ``grup_*`` index the peer groups.
    """

    tahun: int
    npsn: np.ndarray
    jenjang: np.ndarray
    status: np.ndarray
    kode_provinsi: np.ndarray
    kode_kabkota: np.ndarray
    daerah_3t: np.ndarray
    guru: np.ndarray
    siswa: np.ndarray
    rombel: np.ndarray
    alokasi: np.ndarray
    indeks_biaya: np.ndarray
    realisasi_lalu: np.ndarray
    kerusakan: np.ndarray
    listrik: np.ndarray
    siap_ifp: np.ndarray
    nilai: np.ndarray
    nilai_lalu: np.ndarray
    grup_nasional: np.ndarray
    grup_provinsi: np.ndarray
    peer_nilai: np.ndarray
    peer_grup_nasional: np.ndarray
    peer_grup_provinsi: np.ndarray
    nasional: Kelompok
    provinsi: Kelompok

    def __len__(self) -> int:
        return len(self.npsn)

    @property
    def smk(self) -> np.ndarray:
        return self.jenjang == "SMK"

    @property
    def swasta(self) -> np.ndarray:
        return self.status == "Swasta"


def _by_npsn(table: pd.DataFrame, order: pd.Index, name: str) -> np.ndarray:
    pos = pd.Categorical(table["npsn"], categories=order).codes.astype(np.int64)
    if (pos < 0).any():
        bad = table["npsn"][pos < 0].iloc[0]
        raise LabMutuError(f"Tabel {name} memuat NPSN {bad} yang tidak ada di tabel sekolah.",
                           "Pakai data yang lolos 'labmutu data validate'.")
    return pos


def siapkan(data: dict[str, pd.DataFrame], npsn=None, tahun: int | None = None) -> Awal:
    """The engine's starting arrays from the contract tables.

    Args:
        data: tables by name; ``sekolah`` and ``indikator`` are required, ``keuangan`` and
            ``sarpras`` are optional (missing: no BOSP allocation, no damage, electricity present).
        npsn: the schools to simulate (default: all); peers are always every school in the data.
        tahun: the indicator year to start from (default: the latest).

    Raises:
        LabMutuError: missing tables, unknown NPSN, no indicator data for the year.
    """
    for name in ("sekolah", "indikator"):
        if name not in data:
            raise LabMutuError(f"Tabel '{name}' tidak ada dalam data.", "Simulasi perlu tabel sekolah dan indikator.")
    for name, columns in KOLOM_WAJIB.items():
        missing = [c for c in columns if name in data and c not in data[name].columns]
        if missing:
            raise LabMutuError(f"Tabel {name} tidak punya kolom {', '.join(missing)}.",
                               "Lihat kamus data (KAMUS_DATA.md) untuk kolom yang diperlukan.")
    sekolah = data["sekolah"].reset_index(drop=True)
    ids = pd.Index(sekolah["npsn"].astype(str))
    if ids.has_duplicates:
        raise LabMutuError("NPSN ganda di tabel sekolah.", "Setiap sekolah harus satu baris.")
    ind = data["indikator"]
    tahun = int(ind["tahun"].max()) if tahun is None else int(tahun)
    values = np.full((2, len(sekolah), len(KODE)), np.nan)
    for slot, year in enumerate((tahun - 1, tahun)):
        rows = ind[ind["tahun"] == year]
        if rows.empty:
            continue
        cols = pd.Categorical(rows["kode_indikator"], categories=KODE).codes
        if (cols < 0).any():
            raise LabMutuError("Tabel indikator memuat kode indikator yang tidak dikenal.",
                               f"Pakai kode: {', '.join(KODE)}.")
        values[slot, _by_npsn(rows, ids, "indikator"), cols] = rows["nilai"].to_numpy(float)
    nilai_lalu, nilai = values
    if np.isnan(nilai).all():
        raise LabMutuError(f"Tidak ada data indikator tahun {tahun}.", "Pilih tahun yang ada di tabel indikator.")
    if ((nilai < 0) | (nilai > 100)).any() or ((nilai_lalu < 0) | (nilai_lalu > 100)).any():
        raise LabMutuError("Tabel indikator memuat nilai di luar 0–100.", "Perbaiki nilai indikator (skala 0–100).")
    missing = np.isnan(nilai).any(axis=1)
    if missing.any():
        raise LabMutuError(f"Sekolah {ids[np.argmax(missing)]} tidak punya nilai semua indikator tahun {tahun}.",
                           "Lengkapi tabel indikator (15 indikator per sekolah).")
    peer_nilai = ke_seratus(nilai)
    jenjang = sekolah["jenjang"].astype(str).to_numpy(object)
    prov = sekolah["kode_provinsi"].astype(str).to_numpy(object)
    g_nas, _ = pd.factorize(jenjang, sort=True)
    g_prov, uniq_prov = pd.factorize(pd.Series(jenjang) + "|" + pd.Series(prov), sort=True)
    nasional = Kelompok(g_nas, peer_nilai, int(g_nas.max()) + 1)
    provinsi = Kelompok(g_prov, peer_nilai, len(uniq_prov))

    if npsn is None:
        sel = np.arange(len(sekolah))
    else:
        wanted = pd.Index([str(x) for x in ([npsn] if isinstance(npsn, str) else npsn)])
        sel = ids.get_indexer(wanted)
        if (sel < 0).any():
            raise LabMutuError(f"NPSN {wanted[sel < 0][0]} tidak ada di data.", "Periksa NPSN sekolah yang dipilih.")

    n_all = len(sekolah)
    alokasi = np.zeros(n_all, dtype=np.int64)
    indeks = np.ones(n_all)
    realisasi = np.zeros((n_all, len(KOMPONEN_BOSP)), dtype=np.int64)
    if "keuangan" in data:
        keu = data["keuangan"]
        pos = _by_npsn(keu, ids, "keuangan")
        alokasi[pos] = keu["alokasi_bosp"].to_numpy(np.int64)
        indeks[pos] = keu["indeks_biaya"].to_numpy(float)
        realisasi[pos] = keu[list(KOMPONEN_BOSP)].to_numpy(np.int64)
    kerusakan = np.zeros(n_all)
    listrik = np.ones(n_all, dtype=bool)
    siap = np.zeros(n_all, dtype=bool)
    if "sarpras" in data:
        sp = data["sarpras"]
        pos = _by_npsn(sp, ids, "sarpras")
        kerusakan[pos] = sp["kerusakan_maks_persen"].to_numpy(float)
        listrik[pos] = sp["daya_listrik_va"].to_numpy(float) > 0
        siap[pos] = sp["siap_ifp"].to_numpy(bool)

    def pick(a):
        return np.ascontiguousarray(np.asarray(a)[sel])

    return Awal(
        tahun=tahun, npsn=pick(ids.to_numpy(object)), jenjang=pick(jenjang),
        status=pick(sekolah["status"].astype(str).to_numpy(object)), kode_provinsi=pick(prov),
        kode_kabkota=pick(sekolah["kode_kabkota"].astype(str).to_numpy(object)),
        daerah_3t=pick(sekolah["daerah_3t"].to_numpy(bool)),
        guru=pick(sekolah["guru"].to_numpy(np.int64)), siswa=pick(sekolah["peserta_didik"].to_numpy(np.int64)),
        rombel=pick(sekolah["rombel"].to_numpy(np.int64)), alokasi=pick(alokasi), indeks_biaya=pick(indeks),
        realisasi_lalu=pick(realisasi), kerusakan=pick(kerusakan), listrik=pick(listrik), siap_ifp=pick(siap),
        nilai=bulatkan(pick(nilai)), nilai_lalu=bulatkan(pick(nilai_lalu)),
        grup_nasional=pick(g_nas), grup_provinsi=pick(g_prov), peer_nilai=peer_nilai,
        peer_grup_nasional=g_nas, peer_grup_provinsi=g_prov, nasional=nasional, provinsi=provinsi,
    )


@dataclass(frozen=True, eq=False)
class Undian:
    """Every random number of one year, drawn before any plan is known (common random numbers).

    Attributes:
        z_proses, z_ukur: (n, 15) standard normals for the true change and the measurement.
        u_laksana: (n, K) uniforms for how fully each activity happens (float32: widen what
            you take with ``.astype(float)`` before arithmetic, so every sum is in doubles).
        z_efek: (n, K) standard normals for each activity's effect size (float32, likewise).
        u_guncangan: (n, 4) uniforms for bencana, its semester, mutasi guru, late tahap 2.
        benih_acak: seed of this year's random-policy stream (drawn every year, used on demand).
    """

    z_proses: np.ndarray
    z_ukur: np.ndarray
    u_laksana: np.ndarray
    z_efek: np.ndarray
    u_guncangan: np.ndarray
    benih_acak: int

    def u_acak(self) -> np.ndarray:
        """(n, K) uniforms for the random policy, from this year's own stream."""
        return np.random.default_rng(self.benih_acak).random(self.u_laksana.shape)


def tarik_undian(rng: np.random.Generator, n: int, k: int) -> Undian:
    """One year's draws in a fixed order and fixed shapes, whatever the plans are."""
    # Drawn in single precision (twice as fast) and widened, so every later sum is in doubles.
    def normal(shape):
        return rng.standard_normal(shape, dtype=np.float32).astype(np.float64)

    def uniform(shape):
        return rng.random(shape, dtype=np.float32).astype(np.float64)

    return Undian(z_proses=normal((n, len(KODE))), z_ukur=normal((n, len(KODE))),
                  u_laksana=rng.random((n, k), dtype=np.float32), z_efek=rng.standard_normal((n, k), dtype=np.float32),
                  u_guncangan=uniform((n, 4)), benih_acak=int(rng.integers(0, 2**63 - 1)))
