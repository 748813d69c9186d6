"""The activity catalog (kegiatan) and the root-cause map (peta akar masalah), as data.

Three small files in ``simulations/data`` hold everything a trainer may want to read or change:

* ``kegiatan.csv``: the activities a school can put in its RKAS, each with its BOSP component, a
  cost model (fixed + per guru + per siswa + per rombel, times the regional cost index), the root
  causes it targets with an effect in points, the relative uncertainty of that effect, the lead
  time before the effect shows, a preferred semester, prerequisites, evidence and SIPLah goods,
  and its source ("asumsi pelatihan" when it is a training assumption);
* ``akar_masalah.csv``: the root causes (13 Rapor Pendidikan indicators and 5 non-indicator
  factors) and how a school's need for each is judged;
* ``pengaruh.csv``: the direct links between root causes and indicators (for example
  D.1 kualitas pembelajaran -> A.1 literasi, weight 0.4).

The links form a directed acyclic graph; the total influence of a root cause on an indicator is
the sum over all paths, ``(I - W)^-1``. ``Katalog`` holds the arrays the engine needs.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import numpy as np
import pandas as pd

from labmutu.datasets.schema import INDIKATOR, KOMPONEN_BOSP
from labmutu.errors import LabMutuError

KODE_INDIKATOR = tuple(INDIKATOR)
KOMPONEN = tuple(KOMPONEN_BOSP)
SYARAT = {
    "": "tanpa syarat",
    "listrik": "sekolah punya sambungan listrik",
    "siap_ifp": "siap papan interaktif (daya >= 2.200 VA dan ada internet)",
    "rusak": "ada kerusakan bangunan",
    "smk": "hanya SMK",
}
KEBUTUHAN = ("selisih_standar", "tetap", "kerusakan")
MIN_KEGIATAN = 30


@dataclass(frozen=True, eq=False)
class Katalog:
    """The activity catalog and root-cause graph as arrays (K activities, R nodes).

    Nodes are the 15 indicators (in ``INDIKATOR`` order) followed by the non-indicator factors.

    Attributes:
        kegiatan: the catalog table, one row per activity.
        akar: the root-cause table, one row per akar masalah.
        pengaruh: the direct links table (dari, ke, bobot, sumber).
        simpul: node codes, indicators first.
        komponen: (K,) index of each activity's BOSP component in ``KOMPONEN``.
        sasaran: per activity, tuple of (node index, points at full completion).
        ketidakpastian: (K,) relative uncertainty (standard deviation / effect).
        tunggu: (K,) lead time in months before the effect shows.
        semester: (K,) preferred semester (1 or 2).
        koef_biaya: (K, 4) fixed, per guru, per siswa, per rombel cost in rupiah.
        syarat: (K,) prerequisite code (see ``SYARAT``).
        peka_mutasi: (K,) whether a teacher transfer weakens the effect.
        total: (R, 15) total influence of each node on each indicator.
        efek: (K, 15) expected effect of each activity on each indicator at full completion.
        kebutuhan: (R,) how need is judged per node ("selisih_standar", "tetap", "kerusakan", "").
    """

    kegiatan: pd.DataFrame
    akar: pd.DataFrame
    pengaruh: pd.DataFrame
    simpul: tuple[str, ...]
    komponen: np.ndarray
    sasaran: tuple[tuple[tuple[int, float], ...], ...]
    ketidakpastian: np.ndarray
    tunggu: np.ndarray
    semester: np.ndarray
    koef_biaya: np.ndarray
    syarat: np.ndarray
    peka_mutasi: np.ndarray
    total: np.ndarray
    efek: np.ndarray
    kebutuhan: tuple[str, ...]

    @property
    def kode(self) -> tuple[str, ...]:
        return tuple(self.kegiatan["kode"])

    def __len__(self) -> int:
        return len(self.kegiatan)

    def indeks(self, kode: str) -> int:
        """Position of an activity code. Raises LabMutuError for an unknown code."""
        try:
            return self.kode.index(kode)
        except ValueError:
            raise LabMutuError(f"Kegiatan '{kode}' tidak ada di katalog.",
                               "Lihat daftar kegiatan dengan katalog().kegiatan.") from None


def _data_dir() -> Path:
    return Path(str(resources.files("labmutu.simulations"))) / "data"


@functools.cache
def katalog() -> Katalog:
    """The shipped catalog (cached; the object is read-only)."""
    d = _data_dir()
    return dari_tabel(pd.read_csv(d / "kegiatan.csv", keep_default_na=False),
                      pd.read_csv(d / "akar_masalah.csv", keep_default_na=False),
                      pd.read_csv(d / "pengaruh.csv", keep_default_na=False))


def dari_tabel(kegiatan: pd.DataFrame, akar: pd.DataFrame, pengaruh: pd.DataFrame) -> Katalog:
    """Builds and checks a catalog from its three tables; every problem is reported at once.

    Raises:
        LabMutuError: listing every invalid row, in Indonesian.
    """
    problems: list[str] = []
    faktor = [k for k, j in zip(akar["kode"], akar["jenis"]) if j == "faktor"]
    simpul = KODE_INDIKATOR + tuple(faktor)
    pos = {s: i for i, s in enumerate(simpul)}
    for i, row in akar.iterrows():
        if row["jenis"] == "indikator" and row["kode"] not in INDIKATOR:
            problems.append(f"akar_masalah baris {i + 2}: '{row['kode']}' bukan kode indikator")
        if row["kebutuhan"] not in KEBUTUHAN:
            problems.append(f"akar_masalah baris {i + 2}: kebutuhan '{row['kebutuhan']}' tidak dikenal")
    akar_ok = set(akar["kode"])

    w = np.zeros((len(simpul), len(simpul)))
    for i, row in pengaruh.iterrows():
        if row["dari"] not in pos or row["ke"] not in pos:
            problems.append(f"pengaruh baris {i + 2}: simpul '{row['dari']}' atau '{row['ke']}' tidak dikenal")
            continue
        w[pos[row["dari"]], pos[row["ke"]]] = float(row["bobot"])

    sasaran = []
    for i, row in kegiatan.iterrows():
        where = f"kegiatan baris {i + 2} ({row['kode']})"
        targets = []
        for part in str(row["akar"]).split("|"):
            code, _, pts = part.partition(":")
            if code not in akar_ok:
                problems.append(f"{where}: akar masalah '{code}' tidak ada di akar_masalah.csv")
                continue
            try:
                targets.append((pos[code], float(pts)))
            except ValueError:
                problems.append(f"{where}: efek '{pts}' bukan angka")
        sasaran.append(tuple(targets))
        if row["komponen"] not in KOMPONEN_BOSP:
            problems.append(f"{where}: komponen '{row['komponen']}' bukan komponen BOSP")
        if str(row["syarat"]) not in SYARAT:
            problems.append(f"{where}: syarat '{row['syarat']}' tidak dikenal")
        if int(row["semester"]) not in (1, 2):
            problems.append(f"{where}: semester harus 1 atau 2")
        numbers = ["ketidakpastian", "waktu_tunggu_bulan", "biaya_tetap", "biaya_per_guru",
                   "biaya_per_siswa", "biaya_per_rombel"]
        if any(float(row[c]) < 0 for c in numbers):
            problems.append(f"{where}: angka negatif")
        if not str(row["sumber"]).strip():
            problems.append(f"{where}: sumber kosong (tulis sumbernya atau 'asumsi pelatihan')")
    if kegiatan["kode"].duplicated().any():
        problems.append(f"kode kegiatan ganda: {sorted(set(kegiatan['kode'][kegiatan['kode'].duplicated()]))}")
    if len(kegiatan) < MIN_KEGIATAN:
        problems.append(f"katalog hanya {len(kegiatan)} kegiatan; minimal {MIN_KEGIATAN}")
    try:
        total = np.linalg.inv(np.eye(len(simpul)) - w)
    except np.linalg.LinAlgError:
        total = np.eye(len(simpul))
        problems.append("pengaruh membentuk lingkaran; hubungan sebab-akibat harus searah")
    if np.linalg.matrix_power(w, len(simpul)).any():
        problems.append("pengaruh membentuk lingkaran; hubungan sebab-akibat harus searah")
    if problems:
        raise LabMutuError("Katalog kegiatan tidak sah:\n- " + "\n- ".join(problems),
                           "Perbaiki berkas di simulations/data lalu muat ulang.")

    total = total[:, : len(KODE_INDIKATOR)]
    k = len(kegiatan)
    efek = np.zeros((k, len(KODE_INDIKATOR)))
    for i, targets in enumerate(sasaran):
        for node, pts in targets:
            efek[i] += pts * total[node]
    need = {r["kode"]: r["kebutuhan"] for _, r in akar.iterrows()}
    return Katalog(
        kegiatan=kegiatan.reset_index(drop=True), akar=akar.reset_index(drop=True),
        pengaruh=pengaruh.reset_index(drop=True), simpul=simpul,
        komponen=np.array([KOMPONEN.index(c) for c in kegiatan["komponen"]]),
        sasaran=tuple(sasaran),
        ketidakpastian=kegiatan["ketidakpastian"].to_numpy(float),
        tunggu=kegiatan["waktu_tunggu_bulan"].to_numpy(int),
        semester=kegiatan["semester"].to_numpy(int),
        koef_biaya=kegiatan[["biaya_tetap", "biaya_per_guru", "biaya_per_siswa",
                             "biaya_per_rombel"]].to_numpy(float),
        syarat=kegiatan["syarat"].astype(str).to_numpy(),
        peka_mutasi=kegiatan["peka_mutasi"].to_numpy(int).astype(bool),
        total=total, efek=efek, kebutuhan=tuple(need.get(s, "") for s in simpul),
    )


def biaya(kat: Katalog, guru, siswa, rombel, indeks) -> np.ndarray:
    """Cost of every activity for every school, (n, K) rupiah rounded down to thousands.

    cost = (fixed + per_guru × guru + per_siswa × siswa + per_rombel × rombel) × cost index.
    """
    g, s, r, ix = (np.asarray(x, dtype=float)[:, None] for x in (guru, siswa, rombel, indeks))
    c = kat.koef_biaya
    raw = (c[:, 0] + c[:, 1] * g + c[:, 2] * s + c[:, 3] * r) * ix
    return (np.floor(raw / 1000.0) * 1000.0).astype(np.int64)


def peta_akar_masalah(kode_indikator: str, kat: Katalog | None = None) -> pd.DataFrame:
    """Root causes of one indicator, strongest first: akar, nama, jenis, pengaruh (total weight).

    For example A.1 literasi <- literasi_kelas, D.1 kualitas pembelajaran, bahan_bacaan, D.2, C.3.
    """
    kat = kat or katalog()
    if kode_indikator not in INDIKATOR:
        raise LabMutuError(f"Indikator '{kode_indikator}' tidak dikenal.", f"Pilihan: {', '.join(INDIKATOR)}.")
    col = KODE_INDIKATOR.index(kode_indikator)
    rows = []
    for _, a in kat.akar.iterrows():
        weight = kat.total[kat.simpul.index(a["kode"]), col]
        if a["kode"] != kode_indikator and weight > 0:
            rows.append({"akar": a["kode"], "nama": a["nama"], "jenis": a["jenis"], "pengaruh": round(weight, 3)})
    out = pd.DataFrame(rows, columns=["akar", "nama", "jenis", "pengaruh"])
    return out.sort_values("pengaruh", ascending=False, kind="stable").reset_index(drop=True)


def kegiatan_untuk(akar: str, kat: Katalog | None = None) -> pd.DataFrame:
    """Activities that target one root cause, largest effect first (kode, nama, efek, komponen)."""
    kat = kat or katalog()
    if akar not in kat.simpul:
        raise LabMutuError(f"Akar masalah '{akar}' tidak dikenal.", f"Pilihan: {', '.join(kat.akar['kode'])}.")
    node = kat.simpul.index(akar)
    rows = [{"kode": kat.kode[k], "nama": kat.kegiatan.at[k, "nama"], "efek": pts,
             "komponen": kat.kegiatan.at[k, "komponen"]}
            for k, targets in enumerate(kat.sasaran) for n, pts in targets if n == node]
    out = pd.DataFrame(rows, columns=["kode", "nama", "efek", "komponen"])
    return out.sort_values("efek", ascending=False, kind="stable").reset_index(drop=True)
