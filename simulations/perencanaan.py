"""Perencanaan berbasis data (PBD): Identifikasi, Refleksi, Benahi, vectorised over schools.

* Identifikasi: priority indicators by the official rule (domain facts §4.5): merah before
  kuning before hijau; a colour tie goes to the lower quintile (national first, then provincial;
  which quintile comes first is asumsi pelatihan); then the largest fall or smallest rise; then
  the lower score; then the order of the indicator codes.
* Refleksi: root causes (akar masalah) weighted by how strongly they drive the priorities (the
  root-cause map in ``catalog``) and by the school's need (distance to its standard, building
  damage).
* Benahi: activities ranked by expected gain on the priorities per million rupiah, taken greedily
  while the budget, tahap 1, the honor cap and the maximum number of activities allow; a random
  plan takes eligible activities in random order under the same limits; "tanpa" takes none
  (routine spending only), a baseline for comparisons.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from labmutu.datasets.schema import INDIKATOR
from labmutu.simulations import rkas
from labmutu.simulations.catalog import KOMPONEN, Katalog
from labmutu.simulations.inputs import Awal, ke_seratus
from labmutu.simulations.pemetaan import CAPAIAN_KODE, WARNA, capaian_kode
from labmutu.simulations.records import Parameter, Peta, RencanaTahun, skor_keterlibatan

KODE = tuple(INDIKATOR)
PBD, ACAK, RENCANA, TANPA = 0, 1, 2, 3
KEBIJAKAN = {"pbd": PBD, "acak": ACAK, "rencana": RENCANA, "tanpa": TANPA}


def kunci_prioritas(capaian, kuintil_nasional, kuintil_provinsi, perubahan, nilai, posisi) -> np.ndarray:
    """One sortable integer per indicator encoding the PBD rule (smaller = higher priority).

    An unknown change (first year) counts as no change.
    """
    change = ke_seratus(np.nan_to_num(np.asarray(perubahan, dtype=float), nan=0.0))
    key = np.asarray(capaian, dtype=np.int64) * 5 + (np.asarray(kuintil_nasional, dtype=np.int64) - 1)
    key = key * 5 + (np.asarray(kuintil_provinsi, dtype=np.int64) - 1)
    key = key * 20001 + (np.clip(change, -10000, 10000) + 10000)
    key = key * 10001 + np.clip(ke_seratus(nilai), 0, 10000)
    return key * 16 + np.asarray(posisi, dtype=np.int64)


def urutan_prioritas(peta: Peta, kandidat: tuple[str, ...], n: int | None = None) -> np.ndarray:
    """(schools, n) indicator indices of the first ``n`` priorities (default: all candidates)."""
    cols = np.array([KODE.index(c) for c in kandidat])
    key = kunci_prioritas(peta.capaian[:, cols], peta.kuintil_nasional[:, cols], peta.kuintil_provinsi[:, cols],
                          peta.perubahan[:, cols], peta.nilai[:, cols], cols[None, :])
    n = len(cols) if n is None else n
    out = np.empty((len(key), n), dtype=np.int64)
    rows = np.arange(len(key))
    for p in range(n):  # keys are unique per school (they end in the indicator position)
        j = np.argmin(key, axis=1)
        out[:, p] = cols[j]
        key[rows, j] = np.iinfo(np.int64).max
    return out


def prioritas(rapor: pd.DataFrame) -> pd.DataFrame:
    """One school's indicators in PBD priority order, with the deciding reason.

    Args:
        rapor: rows of one school with kode_indikator, nilai, perubahan, kuintil_nasional,
            kuintil_provinsi and optionally capaian (computed from nilai when absent). Every
            row given is ranked; pass only the candidate indicators.

    Returns:
        The rows sorted, with ``urutan`` (1 = first priority) and ``alasan``.
    """
    r = rapor.reset_index(drop=True).copy()
    cap = capaian_kode(r["nilai"]) if "capaian" not in r else \
        r["capaian"].astype(str).map({c: i for i, c in enumerate(CAPAIAN_KODE)}).to_numpy()
    pos = [KODE.index(str(c)) for c in r["kode_indikator"]]
    r["_key"] = kunci_prioritas(cap, r["kuintil_nasional"], r["kuintil_provinsi"], r["perubahan"], r["nilai"], pos)
    r["_cap"] = cap
    r = r.sort_values("_key", kind="stable").reset_index(drop=True)
    r.insert(0, "urutan", np.arange(1, len(r) + 1))
    r["alasan"] = [_alasan(r, i) for i in range(len(r))]
    return r.drop(columns=["_key", "_cap"])


def _alasan(r: pd.DataFrame, i: int) -> str:
    colour = WARNA[CAPAIAN_KODE[int(r.at[i, "_cap"])]]
    if i == 0 or r.at[i, "_cap"] != r.at[i - 1, "_cap"]:
        return f"warna {colour}"
    for col, text in (("kuintil_nasional", "kuintil nasional lebih tinggi"),
                      ("kuintil_provinsi", "kuintil provinsi lebih tinggi")):
        if r.at[i, col] != r.at[i - 1, col]:
            return f"warna sama ({colour}); {text} dari indikator sebelumnya"
    a, b = np.nan_to_num([r.at[i, "perubahan"], r.at[i - 1, "perubahan"]])
    if round(a, 2) != round(b, 2):
        return f"warna dan kuintil sama; penurunannya lebih kecil atau kenaikannya lebih besar"
    if round(r.at[i, "nilai"], 2) != round(r.at[i - 1, "nilai"], 2):
        return "warna, kuintil dan perubahan sama; skornya lebih tinggi"
    return "semua sama; urutan kode indikator"


def refleksi(prio: np.ndarray, nilai: np.ndarray, standar: np.ndarray, kerusakan: np.ndarray,
             kat: Katalog, params: Parameter) -> np.ndarray:
    """(R, n) weight of each root-cause node for each school: influence on its priorities × need.

    Need: distance to the standard (/100, plus ``kebutuhan_dasar``) for indicators, building
    damage (/100) for sarpras, ``kebutuhan_tetap`` for the other factors.
    """
    n = len(prio)
    out = np.zeros((len(kat.simpul), n))
    gap = (np.maximum(0.0, standar - nilai) / 100.0 + params.kebutuhan_dasar).T
    order = np.ascontiguousarray(prio.T)
    weights = params.bobot_prioritas
    for r, how in enumerate(kat.kebutuhan):
        if not how:
            continue
        s = weights[0] * kat.total[r][order[0]]  # = 0.0 + first term, exactly
        for p in range(1, len(order)):
            s += weights[p] * kat.total[r][order[p]]
        if how == "selisih_standar":
            out[r] = gap[r] * s
        elif how == "kerusakan":
            out[r] = (kerusakan / 100.0) * s
        else:
            out[r] = params.kebutuhan_tetap * s
    return out


def skor_kegiatan(akar: np.ndarray, kat: Katalog) -> np.ndarray:
    """(K, n) need-weighted expected gain of each activity on each school's priorities."""
    out = np.zeros((len(kat), akar.shape[1]))
    for k, targets in enumerate(kat.sasaran):
        row = out[k]  # starts at 0.0; adding the first product to 0.0 is exact
        for r, pts in targets:
            row += pts * akar[r]
    return out


def syarat_terpenuhi(awal: Awal, kerusakan: np.ndarray, kat: Katalog) -> np.ndarray:
    """(n, K) whether each school meets each activity's prerequisite."""
    checks = {"": np.ones(len(awal), dtype=bool), "listrik": awal.listrik, "siap_ifp": awal.siap_ifp,
              "rusak": kerusakan > 0, "smk": awal.smk}
    return np.stack([checks[s] for s in kat.syarat], axis=1)


def pilih_kegiatan(kunci: np.ndarray, sah: np.ndarray, biaya: np.ndarray, sisa: np.ndarray, sisa_tahap_1: np.ndarray,
                   ruang_honor: np.ndarray, kat: Katalog, maks: int) -> tuple[np.ndarray, np.ndarray]:
    """Greedy choice, smallest ``kunci`` first, under every budget rule.

    Walking the activities in key order and taking each that still fits is the same as taking,
    ``maks`` times, the best activity that fits now (budget only shrinks, so an activity that
    did not fit never fits later); the second form is what runs here. ``kunci`` is overwritten.

    Returns:
        (dipilih, semester): (n, K) bool and int8 (preferred semester when tahap 1 allows, else 2).
    """
    n, k_all = biaya.shape
    base = np.arange(n) * k_all
    dipilih = np.zeros((n, k_all), dtype=bool)
    semester = np.zeros((n, k_all), dtype=np.int8)
    sisa, sisa1, room = sisa.copy(), sisa_tahap_1.copy(), ruang_honor.copy()
    honor = kat.komponen == rkas.HONOR
    honor_cols = np.flatnonzero(honor)
    key = kunci
    key[~sah] = np.inf
    flat_key, flat_cost = key.ravel(), biaya.ravel()
    for _ in range(maks):
        # The best activity overall is usually affordable; search the affordable ones only
        # for the schools where it is not.
        k = np.argmin(key, axis=1)
        idx = base + k
        cost = flat_cost[idx]
        valid = np.isfinite(flat_key[idx])
        fit = (cost <= sisa) & (~honor[k] | (cost <= room))
        redo = np.flatnonzero(~fit & valid)
        if len(redo):
            fits = biaya[redo] <= sisa[redo, None]
            fits[:, honor_cols] &= biaya[redo][:, honor_cols] <= room[redo, None]
            k[redo] = np.argmin(np.where(fits, key[redo], np.inf), axis=1)
            idx[redo] = base[redo] + k[redo]
            cost[redo] = flat_cost[idx[redo]]
            valid[redo] = np.isfinite(flat_key[idx[redo]])
            fit[redo] = (cost[redo] <= sisa[redo]) & (~honor[k[redo]] | (cost[redo] <= room[redo]))
        take = fit & valid
        if not take.any():
            break
        first = take & (kat.semester[k] == 1) & (cost <= sisa1)
        chosen = idx[take]
        dipilih.ravel()[chosen] = True
        semester.ravel()[chosen] = np.where(first[take], 1, 2)
        flat_key[chosen] = np.inf
        sisa -= np.where(take, cost, 0)
        sisa1 -= np.where(first, cost, 0)
        room -= np.where(take & honor[k], cost, 0)
    return dipilih, semester


def anggaran_bebas(alokasi: np.ndarray, rutin: np.ndarray, tahun: int) -> tuple[np.ndarray, np.ndarray]:
    """Money left for activities after routine lines: for the year and within tahap 1."""
    sisa = np.maximum(0, alokasi - rutin.sum(axis=1))
    sisa1 = np.maximum(0, rkas.kas_tahap_1(alokasi, tahun) - (rutin // 2).sum(axis=1))
    return sisa, sisa1


def per_juta(biaya: np.ndarray) -> np.ndarray:
    """Millions of rupiah per rupiah of cost, 1e6 / cost (costs below Rp 1.000 count as Rp 1.000);
    gain × per_juta is the gain per million rupiah."""
    return 1e6 / np.maximum(biaya, 1000)


def rencanakan(peta: Peta, standar: np.ndarray, awal: Awal, kerusakan: np.ndarray, tahun: int,
               kebijakan: np.ndarray, rencana: dict, u_acak: np.ndarray, biaya: np.ndarray,
               faktor_biaya: np.ndarray, rutin_awal: np.ndarray, kat: Katalog, params: Parameter) -> RencanaTahun:
    """The perencanaan step for every school.

    Args:
        peta: this year's map; standar: (n, 15) standards from penetapan.
        awal: the schools; kerusakan: (n,) current building damage.
        tahun: the budget year (sets the honor cap and the tranches).
        kebijakan: (n,) PBD, ACAK, RENCANA or TANPA per school.
        rencana: row index -> ``Rencana`` for the RENCANA schools.
        u_acak: (n, K) this year's uniforms for the random policy (None when no school uses it).
        biaya: (n, K) activity costs; faktor_biaya: ``per_juta(biaya)``.
        rutin_awal: (n, 12) ``rkas.rutin_dasar`` of the schools.
    """
    prio = urutan_prioritas(peta, params.indikator_prioritas, params.n_prioritas)
    akar = refleksi(prio, peta.nilai, standar, kerusakan, kat, params)
    score = np.ascontiguousarray(skor_kegiatan(akar, kat).T)
    eligible = syarat_terpenuhi(awal, kerusakan, kat)
    pbd = kebijakan == PBD
    key = np.multiply(score, faktor_biaya)
    np.negative(key, out=key)
    if not pbd.all():
        key[~pbd] = u_acak[~pbd]
    sah = eligible & (score > 0)
    if not pbd.all():
        sah[~pbd] = eligible[~pbd]
        sah[(kebijakan != PBD) & (kebijakan != ACAK)] = False

    cap = rkas.batas_honor_rp(awal.alokasi, tahun, awal.swasta)
    honor = np.minimum(awal.realisasi_lalu[:, rkas.HONOR], cap)
    for i, plan in rencana.items():
        honor[i] = plan.rutin.get("k12_honor", awal.realisasi_lalu[i, rkas.HONOR]) if plan.honor is None else plan.honor
    rutin = rkas.rutin_bawaan(rutin_awal, awal.realisasi_lalu, awal.alokasi, tahun, awal.swasta, honor)
    for i, plan in rencana.items():
        for comp, amount in plan.rutin.items():
            if comp != "k12_honor":
                rutin[i, KOMPONEN.index(comp)] = amount
    sisa, sisa1 = anggaran_bebas(awal.alokasi, rutin, tahun)
    room = np.maximum(0, cap - rutin[:, rkas.HONOR])
    dipilih, semester = pilih_kegiatan(key, sah, biaya, sisa, sisa1, room, kat, params.maks_kegiatan)

    pj = dipilih.copy()
    involvement = np.full(len(awal), skor_keterlibatan(params.keterlibatan_bawaan))
    for i, plan in rencana.items():
        dipilih[i] = False
        semester[i] = 0
        pj[i] = False
        for item in plan.kegiatan:
            k = kat.indeks(item.kode)
            dipilih[i, k] = True
            semester[i, k] = item.semester
            pj[i, k] = bool(item.penanggung_jawab.strip())
        involvement[i] = skor_keterlibatan(plan.keterlibatan)
    rows, ks = np.nonzero(dipilih)
    ok = rkas.patuh(awal.alokasi, rutin, rows, ks, semester[rows, ks], biaya[rows, ks], awal.smk, tahun,
                    awal.swasta, kat)
    return RencanaTahun(prioritas=prio, akar=akar, dipilih=dipilih, semester=semester, pj=pj,
                        keterlibatan=involvement, biaya=biaya, rutin=rutin, patuh=ok)
