"""A small, readable reference: the same model, one school at a time, in plain Python.

It exists to check the vectorised engine (the differential test runs both and compares every
number) and to measure how much vectorising buys (the benchmark). It shares only the starting
data (``Awal``), the catalog, the parameters and the random draws with the engine; every step is
written again here as a loop over one school's values.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right

import numpy as np

from labmutu.simulations import cycle, rkas
from labmutu.simulations.catalog import KOMPONEN, Katalog, katalog
from labmutu.simulations.hasil import CatatanTahun
from labmutu.simulations.inputs import KODE, Awal, tarik_undian
from labmutu.simulations.records import Parameter, skor_keterlibatan

PBD, ACAK, RENCANA, TANPA = 0, 1, 2, 3
C3, D4 = KODE.index("C.3"), KODE.index("D.4")


def r2(x: float) -> float:
    """Rounds to 2 decimals the way the engine does: round(x * 100) / 100."""
    return x if math.isnan(x) else round(x * 100.0) / 100.0


class Peers:
    """Sorted peer values (hundredths) per group and indicator, for quintiles by bisection."""

    def __init__(self, groups: np.ndarray, values: np.ndarray) -> None:
        self.lists: dict[tuple[int, int], list[int]] = {}
        for g, row in zip(groups.tolist(), values.tolist()):
            for c, v in enumerate(row):
                self.lists.setdefault((g, c), []).append(v)
        for lst in self.lists.values():
            lst.sort()

    def quintile(self, group: int, c: int, value: float) -> int:
        lst = self.lists[(group, c)]
        v = round(value * 100.0)
        below, upto = bisect_left(lst, v), bisect_right(lst, v)
        pct = (below + (upto - below + 1) / 2) / len(lst)
        return min(5, max(1, math.ceil(pct * 5)))


def jalankan_referensi(awal: Awal, tahun: int, rng_state: dict, kebijakan, rencana: dict | None = None,
                       siklus: str = cycle.DEFAULT, params: Parameter | None = None,
                       kat: Katalog | None = None) -> list[CatatanTahun]:
    """Runs ``tahun`` cycles school by school from the generator state ``rng_state``.

    Args:
        kebijakan: (n,) policy codes (0 pbd, 1 acak, 3 tanpa); rencana: row -> tuple of plans.
    """
    p = params or Parameter()
    kat = kat or katalog()
    rencana = rencana or {}
    rng = np.random.Generator(np.random.PCG64())
    rng.bit_generator.state = rng_state
    nas = Peers(awal.peer_grup_nasional, awal.peer_nilai)
    prov = Peers(awal.peer_grup_provinsi, awal.peer_nilai)
    n, k_all = len(awal), len(kat)
    schools = []
    for i in range(n):
        cost = [_cost(awal, i, k, kat) for k in range(k_all)]
        schools.append({"nilai": awal.nilai[i].tolist(), "lalu": awal.nilai_lalu[i].tolist(),
                        "benar": awal.nilai[i].tolist(), "tertunda": [0.0] * 15,
                        "kerusakan": float(awal.kerusakan[i]), "standar": None, "biaya": cost})
    records = []
    for y in range(tahun):
        year = awal.tahun + 1 + y
        d = tarik_undian(rng, n, k_all)
        policies = [RENCANA if (i in rencana and y < len(rencana[i])) else int(kebijakan[i]) for i in range(n)]
        u_acak = d.u_acak() if ACAK in policies else None
        out = []
        for i in range(n):
            plan = rencana[i][y] if policies[i] == RENCANA else None
            out.append(_cycle(awal, i, schools[i], year, policies[i], plan, d, u_acak, nas, prov, p, kat,
                              cycle.get(siklus).steps))
        records.append(_record(year, out, policies))
    return records


def _cycle(awal, i, s, year, policy, plan, d, u_acak, nas, prov, p: Parameter, kat: Katalog, steps) -> dict:
    res: dict = {}
    target_override = None
    if plan is not None and plan.target:
        target_override = [plan.target.get(code, math.nan) for code in KODE]
    for step in steps:
        if step == "pemetaan":
            res["peta"] = _pemetaan(awal, i, s, nas, prov)
        elif step == "penetapan":
            if "nilai" in res:
                s["standar_baru"] = _penetapan(res["nilai"], p, None)
            else:
                s["standar"] = _penetapan(s["nilai"], p, target_override)
        elif step == "perencanaan":
            if s["standar"] is None:
                s["standar"] = _penetapan(s["nilai"], p, target_override) if target_override else \
                    ([p.batas_snp] * 15, [p.batas_snp] * 15)
            res.update(_perencanaan(awal, i, s, res["peta"], year, policy, plan, u_acak, p, kat))
        elif step == "pelaksanaan":
            res.update(_pelaksanaan(awal, i, res, d, p, kat))
        elif step == "monev":
            res.update(_monev(awal, i, s, res, d, p, kat))
    res["target"] = s["standar"][1]
    s.update(lalu=s["nilai"], nilai=res["nilai"], benar=res["benar"], tertunda=res["tertunda_baru"],
             kerusakan=res["kerusakan"], standar=s.pop("standar_baru", None))
    return res


def _pemetaan(awal, i, s, nas, prov) -> dict:
    v, last = s["nilai"], s["lalu"]
    return {"capaian": [2 if x > 70.0 else 1 if x >= 40.0 else 0 for x in v],
            "perubahan": [r2(a - b) for a, b in zip(v, last)],
            "kn": [nas.quintile(int(awal.grup_nasional[i]), c, x) for c, x in enumerate(v)],
            "kp": [prov.quintile(int(awal.grup_provinsi[i]), c, x) for c, x in enumerate(v)], "nilai": v}


def _penetapan(v, p: Parameter, target):
    standar = [p.batas_snp if x < p.batas_snp else min(100.0, r2(x + p.kenaikan_internal)) for x in v]
    step = [min(st, r2(x + p.laju_wajar)) for st, x in zip(standar, v)]
    if target is not None:
        for c, t in enumerate(target):
            if not math.isnan(t):
                step[c] = min(100.0, max(0.0, t))
                standar[c] = max(standar[c], step[c])
    return standar, step


def _perencanaan(awal, i, s, peta, year, policy, plan, u_acak, p: Parameter, kat: Katalog) -> dict:
    def key(c):
        change = 0.0 if math.isnan(peta["perubahan"][c]) else peta["perubahan"][c]
        return (peta["capaian"][c], peta["kn"][c], peta["kp"][c], round(change * 100.0),
                round(peta["nilai"][c] * 100.0), c)
    cands = sorted((KODE.index(c) for c in p.indikator_prioritas), key=key)
    prio = cands[: p.n_prioritas]
    standar, v = s["standar"][0], s["nilai"]
    akar = []
    for r, how in enumerate(kat.kebutuhan):
        need = 0.0
        if how == "selisih_standar":
            need = max(0.0, standar[r] - v[r]) / 100.0 + p.kebutuhan_dasar
        elif how == "kerusakan":
            need = s["kerusakan"] / 100.0
        elif how == "tetap":
            need = p.kebutuhan_tetap
        total = 0.0
        for j, c in enumerate(prio):
            total = total + p.bobot_prioritas[j] * float(kat.total[r, c])
        akar.append(need * total if how else 0.0)
    eligible = _syarat(awal, i, s["kerusakan"], kat)
    alokasi = int(awal.alokasi[i])
    swasta = awal.status[i] == "Swasta"
    a = rkas.aturan_honor(year)
    cap = int(math.floor(float(alokasi) * (a.swasta if swasta else a.negeri) / 100.0 / 1000.0) * 1000.0)
    last = [int(x) for x in awal.realisasi_lalu[i]]
    rutin = [int(math.floor(x * (1.0 - p.ruang_perbaikan) / 1000.0) * 1000.0) for x in last]
    rutin[rkas.HONOR] = min(last[rkas.HONOR], cap)
    if plan is not None:
        for comp, amount in plan.rutin.items():
            rutin[KOMPONEN.index(comp)] = int(amount)
        rutin[rkas.HONOR] = plan.rutin.get("k12_honor", last[rkas.HONOR]) if plan.honor is None else plan.honor
    chosen: dict[int, list] = {}
    if policy in (PBD, ACAK):
        keys = {}
        for k, targets in enumerate(kat.sasaran):
            score = 0.0
            for r, pts in targets:
                score = score + pts * akar[r]
            ok = eligible[k] and (policy == ACAK or score > 0)
            if ok:
                factor = 1e6 / max(s["biaya"][k], 1000)
                keys[k] = -(score * factor) if policy == PBD else float(u_acak[i, k])
        left = max(0, alokasi - sum(rutin))
        left1 = max(0, alokasi * int(rkas.persen_tahap_1(year)) // 100 - sum(x // 2 for x in rutin))
        room = max(0, cap - rutin[rkas.HONOR])
        for k in sorted(keys, key=lambda k: keys[k]):
            c = s["biaya"][k]
            honor = kat.komponen[k] == rkas.HONOR
            if len(chosen) < p.maks_kegiatan and c <= left and (not honor or c <= room):
                first = kat.semester[k] == 1 and c <= left1
                chosen[k] = [1 if first else 2, True]
                left -= c
                left1 -= c if first else 0
                room -= c if honor else 0
        involvement = skor_keterlibatan(p.keterlibatan_bawaan)
    elif policy == RENCANA:
        for item in plan.kegiatan:
            chosen[kat.indeks(item.kode)] = [item.semester, bool(item.penanggung_jawab.strip())]
        involvement = skor_keterlibatan(plan.keterlibatan)
    else:
        involvement = skor_keterlibatan(p.keterlibatan_bawaan)
    chosen = dict(sorted(chosen.items()))
    spend = {k: s["biaya"][k] for k in chosen}
    total = sum(rutin) + sum(spend.values())
    honor_total = rutin[rkas.HONOR] + sum(c for k, c in spend.items() if kat.komponen[k] == rkas.HONOR)
    sem1 = sum(x // 2 for x in rutin) + sum(c for k, c in spend.items() if chosen[k][0] == 1)
    smk_lines = sum(rutin[j] for j in rkas.KHUSUS_SMK) + sum(c for k, c in spend.items() if kat.komponen[k] in rkas.KHUSUS_SMK)
    ok = (total <= alokasi) if alokasi > 0 else (total == 0)
    ok = ok and (honor_total <= cap or honor_total == 0)
    ok = ok and (alokasi <= 0 or sem1 <= alokasi * int(rkas.persen_tahap_1(year)) // 100)
    ok = ok and (bool(awal.smk[i]) or smk_lines == 0) and min(rutin) >= 0
    return {"prioritas": prio, "dipilih": chosen, "rutin": rutin, "keterlibatan": involvement, "patuh": ok,
            "syarat": eligible, "biaya": s["biaya"]}


def _syarat(awal, i, kerusakan, kat: Katalog) -> list[bool]:
    checks = {"": True, "listrik": bool(awal.listrik[i]), "siap_ifp": bool(awal.siap_ifp[i]),
              "rusak": kerusakan > 0, "smk": bool(awal.smk[i])}
    return [checks[x] for x in kat.syarat]


def _pelaksanaan(awal, i, res, d, p: Parameter, kat: Katalog) -> dict:
    u = d.u_guncangan[i].tolist()
    t3 = bool(awal.daerah_3t[i])
    bencana = u[0] < (p.p_bencana_3t if t3 else p.p_bencana)
    s2 = u[1] >= 0.5
    mutasi = u[2] < p.p_mutasi
    late = u[3] < (p.p_terlambat_3t if t3 else p.p_terlambat)
    cash = int(awal.alokasi[i])
    realisasi = []
    for amount in res["rutin"]:
        paid = min(amount, max(cash, 0))
        realisasi.append(paid)
        cash -= paid
    entries = {}
    for k, (sem, pj) in res["dipilih"].items():
        f = (0.5 + 0.5 * res["keterlibatan"]) * (1.0 if pj else p.faktor_tanpa_pj)
        f = f * (p.faktor_bencana if bencana and sem == (2 if s2 else 1) else 1.0)
        f = f * (p.faktor_terlambat if late and sem == 2 else 1.0)
        f = f * (0.85 + 0.15 * float(d.u_laksana[i, k]))
        entries[k] = {"sem": sem, "done": min(1.0, f)}
    for sem in (1, 2):
        for k, e in entries.items():
            if e["sem"] == sem:
                cost = res["biaya"][k]
                planned = int(math.floor(cost * e["done"] / 1000.0 + 1e-9) * 1000.0)
                paid = min(planned, max(cash, 0))
                cash -= paid
                e.update(cost=cost, paid=paid, efektif=paid / cost if cost > 0 else e["done"])
                realisasi[kat.komponen[k]] += paid
    return {"guncangan": [bencana, s2 and bencana, mutasi, late], "bencana": bencana, "mutasi": mutasi,
            "terlambat": late, "entries": entries, "realisasi": realisasi}


def _cost(awal, i, k, kat: Katalog) -> int:
    c = kat.koef_biaya[k]
    raw = (c[0] + c[1] * float(awal.guru[i]) + c[2] * float(awal.siswa[i]) + c[3] * float(awal.rombel[i]))
    return int(math.floor(raw * float(awal.indeks_biaya[i]) / 1000.0) * 1000.0)


def _monev(awal, i, s, res, d, p: Parameter, kat: Katalog) -> dict:
    nodes = len(kat.simpul)
    now_gain, later_gain = [0.0] * nodes, [0.0] * nodes
    for k, e in res["entries"].items():
        m = e["efektif"] * max(0.0, 1.0 + float(kat.ketidakpastian[k]) * float(d.z_efek[i, k]))
        m = m * (p.faktor_mutasi if res["mutasi"] and kat.peka_mutasi[k] else 1.0)
        m = m if res["syarat"][k] else 0.0
        e["daya"] = m
        start = p.bulan_mulai[e["sem"] - 1] + (p.tunda_terlambat if res["terlambat"] and e["sem"] == 2 else 0)
        gains = now_gain if start + int(kat.tunggu[k]) <= p.bulan_ukur else later_gain
        for r, pts in kat.sasaran[k]:
            gains[r] = gains[r] + pts * m
    damage = s["kerusakan"]
    if "sarpras" in kat.simpul:
        r = kat.simpul.index("sarpras")
        damage = damage - (now_gain[r] + later_gain[r])
    damage = min(100.0, max(0.0, damage + (p.kerusakan_bencana if res["bencana"] else 0.0)))
    shown = _to_indicators(now_gain, kat)
    benar, nilai = [], []
    for c in range(15):
        room = min(1.0, max(0.0, (100.0 - s["benar"][c]) / p.ruang_kepala))
        b = s["benar"][c] + p.tren
        b = b + p.sd_proses * float(d.z_proses[i, c])
        b = b + (shown[c] + s["tertunda"][c]) * room
        if c == C3 and res["mutasi"]:
            b = b - p.dampak_mutasi
        if c == D4 and res["bencana"]:
            b = b - p.dampak_bencana
        b = min(100.0, max(0.0, b))
        benar.append(b)
        nilai.append(r2(min(100.0, max(0.0, b + p.sd_ukur * float(d.z_ukur[i, c])))))
    return {"nilai": nilai, "benar": benar, "tertunda_baru": _to_indicators(later_gain, kat), "kerusakan": damage}


def _to_indicators(gain: list[float], kat: Katalog) -> list[float]:
    out = []
    for c in range(15):
        total = 0.0
        for r in range(len(kat.simpul)):
            w = float(kat.total[r, c])
            if w != 0.0:
                total = total + gain[r] * w
        out.append(total)
    return out


def _record(year: int, out: list[dict], policies: list[int]) -> CatatanTahun:
    rows, ks, sem, cost, done, paid, power = [], [], [], [], [], [], []
    for i, res in enumerate(out):
        for k, e in res["entries"].items():
            rows.append(i), ks.append(k), sem.append(e["sem"]), cost.append(e["cost"])
            done.append(e["done"]), paid.append(e["paid"]), power.append(e["daya"])
    return CatatanTahun(
        tahun=year, nilai=np.array([r["nilai"] for r in out]), target=np.array([r["target"] for r in out]),
        prioritas=np.array([r["prioritas"] for r in out], dtype=np.int8), kebijakan=np.array(policies, dtype=np.int8),
        patuh=np.array([r["patuh"] for r in out]), rutin=np.array([r["rutin"] for r in out], dtype=np.int64),
        realisasi=np.array([r["realisasi"] for r in out], dtype=np.int64),
        guncangan=np.array([r["guncangan"] for r in out], dtype=bool),
        kerusakan=np.array([r["kerusakan"] for r in out]), baris=np.array(rows, dtype=np.int32),
        kegiatan=np.array(ks, dtype=np.int16), semester=np.array(sem, dtype=np.int8),
        biaya=np.array(cost, dtype=np.int64), keterlaksanaan=np.array(done), belanja=np.array(paid, dtype=np.int64),
        daya_efek=np.array(power))
