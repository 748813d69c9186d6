"""What modules 04–06 share: the school, the seed, and the plan and targets of earlier modules.

Modules 04 (pelaksanaan), 05 (monev) and 06 (simulasi siklus) continue the trainee's own work:
the school chosen in module 01; the targets of module 02 (``target``: indicator code -> number,
for a horizon of ``jangka_tahun`` years); the plan of module 03 (``rencana``: activity codes, or
dicts with ``kode``, ``semester``, ``penanggung_jawab``; ``semester``: code -> 1 or 2;
``prioritas``: indicator codes; ``honor``; optional ``keterlibatan``), each only when saved
for the same school (``npsn``); and the seed and the inputs of the year run in module 04
(``seed``, ``dijalankan``). Whatever is missing falls back to the PBD rule, and the page says
so in words (``Sumber``).

A plan is saved as plain JSON (``rencana_ke_json``) so a page reload can run exactly the same
year again: same inputs and same seed give the same result.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Any, Mapping

import pandas as pd

from labmutu.datasets import samples
from labmutu.datasets.schema import INDIKATOR
from labmutu.errors import LabMutuError
from labmutu.simulations.catalog import Katalog
from labmutu.simulations.records import PEMANGKU, Rencana, RencanaKegiatan
from labmutu.simulations.sekolah import SimulasiSekolah
from labmutu.widgets.session import ModuleSession, chosen_school, saved_answers

DEFAULT_SAMPLE = "sekolah-latihan"
DEFAULT_NPSN = "92679372"  # SD Negeri 1 Belitung: literasi rendah dan menurun (latihan, kasus 1)
DEFAULT_SEED = 17  # with the default school: a mutasi guru in years one and three
TABLES = ("sekolah", "indikator", "keuangan", "sarpras")
MODUL_PENETAPAN = "02_penetapan_standar"
MODUL_PERENCANAAN = "03_perencanaan_peningkatan"
MODUL_PELAKSANAAN = "04_pelaksanaan_peningkatan"

PEMANGKU_LABEL = {"kepala_sekolah": "Kepala sekolah", "guru": "Guru", "komite": "Komite sekolah",
                  "orang_tua": "Orang tua/wali murid", "murid": "Murid", "pengawas": "Pengawas sekolah"}
PJ_BAWAAN = "kepala sekolah"
PJ_PILIHAN = (("Kepala sekolah", "kepala sekolah"), ("Wakil kepala sekolah", "wakil kepala sekolah"),
              ("Guru yang ditunjuk", "guru yang ditunjuk"), ("Ketua TPMPS", "ketua TPMPS"),
              ("Belum ditunjuk", ""))


@dataclass(frozen=True)
class Sumber:
    """The plan a module starts from and where it came from (messages in Indonesian).

    Attributes:
        rencana: the plan (activities, semesters, persons in charge, honor, targets).
        pesan_rencana: where the activities come from, for the page.
        prioritas: the priority indicators the pages follow.
        pesan_target: where this year's targets come from.
        dari_modul_03: True when module 03's saved plan is used.
    """

    rencana: Rencana
    pesan_rencana: str
    prioritas: tuple[str, ...]
    pesan_target: str
    dari_modul_03: bool


def load_tables(sample: str) -> dict[str, pd.DataFrame]:
    """The tables ``SimulasiSekolah`` reads, from a shipped sample."""
    return {t: samples.load(sample, t) for t in TABLES}


def resolve_school(session: ModuleSession) -> tuple[str, str]:
    """The (sample, npsn) to work on: this module's, else module 01's, else the training school.

    A saved school that no longer exists in its sample falls back to the first school listed.
    """
    sample, npsn = chosen_school(session, DEFAULT_SAMPLE, DEFAULT_NPSN)
    if sample not in samples.SAMPLES:
        sample, npsn = DEFAULT_SAMPLE, DEFAULT_NPSN
    known = samples.load(sample, "sekolah")["npsn"].astype(str)
    if npsn not in set(known):
        npsn = DEFAULT_NPSN if sample == DEFAULT_SAMPLE else str(known.iloc[0])
    return sample, npsn


def module_seed(session: ModuleSession) -> int:
    """This module's seed: saved before, else module 04's, else ``DEFAULT_SEED``; saved now."""
    seed = session.get("seed")
    if not _is_seed(seed):
        seed = saved_answers(MODUL_PELAKSANAAN).get("seed")
    if not _is_seed(seed):
        seed = DEFAULT_SEED
    if session.get("seed") != seed:
        session.set("seed", seed)
    return int(seed)


def _is_seed(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def school_row(sample: str, npsn: str) -> pd.Series:
    """The ``sekolah`` row of one school."""
    sekolah = samples.load(sample, "sekolah")
    return sekolah[sekolah["npsn"].astype(str) == npsn].iloc[0]


def school_html(sample: str, npsn: str) -> str:
    """One line naming the school, for the top of a module page."""
    s = school_row(sample, npsn)
    area = ", daerah 3T" if bool(s["daerah_3t"]) else ""
    return (f"<p class='lm-sekolah'><b>{html.escape(str(s['nama']))}</b> (NPSN {npsn}, {s['jenjang']} "
            f"{s['status']}{area}), data <i>{html.escape(samples.SAMPLES[sample].judul)}</i>. Sekolah ini "
            "dipilih di modul 01; untuk berganti sekolah, pilih di modul 01 lalu muat ulang halaman ini.</p>")


def plan_entries(saved: Any) -> list[dict]:
    """Plan entries ``{kode, semester, penanggung_jawab}`` from a saved plan in any accepted form.

    Accepts a list of codes, of ``[kode, semester]`` pairs, or of dicts. A semester that is
    missing or not 1/2 becomes 0 (decided later); a missing person in charge becomes None.
    """
    if not isinstance(saved, (list, tuple)):
        return []
    out = []
    for item in saved:
        if isinstance(item, str):
            code, semester, pj = item, 0, None
        elif isinstance(item, (list, tuple)) and item:
            code, semester, pj = item[0], item[1] if len(item) > 1 else 0, None
        elif isinstance(item, Mapping):
            code = item.get("kode", item.get("kode_kegiatan", ""))
            semester, pj = item.get("semester", 0), item.get("penanggung_jawab")
        else:
            continue
        semester = semester if semester in (1, 2) else 0
        out.append({"kode": str(code).strip(), "semester": semester,
                    "penanggung_jawab": pj if isinstance(pj, str) else None})
    return out


def build_plan(entries: list[dict], katalog: Katalog, rekomendasi: Rencana, *,
               keterlibatan=None, penanggung_jawab: Mapping[str, str] | None = None,
               honor: int | None = None, target: Mapping[str, float] | None = None) -> Rencana:
    """A ``Rencana`` from plan entries; unknown and repeated codes are left out.

    A semester not given is the PBD recommendation's for that activity, else the catalog's
    preferred one; the person in charge comes from ``penanggung_jawab``, else the entry, else
    the kepala sekolah. Honor and involvement (None) default to the recommendation's; an empty
    involvement stays empty.
    """
    known = set(katalog.kode)
    rec_semester = {k.kode: k.semester for k in rekomendasi.kegiatan}
    pj_map = dict(penanggung_jawab or {})
    items, seen = [], set()
    for e in entries:
        code = e["kode"]
        if code not in known or code in seen:
            continue
        seen.add(code)
        semester = e["semester"] or rec_semester.get(code) or int(katalog.semester[katalog.indeks(code)])
        pj = pj_map.get(code, e["penanggung_jawab"] if e["penanggung_jawab"] is not None else PJ_BAWAAN)
        items.append(RencanaKegiatan(code, int(semester), pj))
    people = tuple(p for p in (rekomendasi.keterlibatan if keterlibatan is None else keterlibatan) if p in PEMANGKU)
    return Rencana(kegiatan=tuple(items), keterlibatan=people,
                   honor=rekomendasi.honor if honor is None else int(honor), target=dict(target or {}))


def saved_targets(saved02: Mapping, npsn: str, nilai: Mapping[str, float]) -> tuple[dict[str, float], int]:
    """This year's targets from module 02 for this school, and module 02's horizon in years.

    Module 02 sets targets for a horizon of ``jangka_tahun`` years (1–5); this year's target is
    the first equal step toward it, ``nilai + (target - nilai) / jangka_tahun``, rounded to 2
    decimals. Only valid codes with numbers 0–100 count; empty when module 02 has none.
    """
    if saved02.get("npsn") not in (None, "", npsn):
        return {}, 1
    raw = saved02.get("target")
    horizon = saved02.get("jangka_tahun", 1)
    horizon = horizon if isinstance(horizon, int) and not isinstance(horizon, bool) and 1 <= horizon <= 5 else 1
    if not isinstance(raw, Mapping):
        return {}, horizon
    out = {}
    for code, value in raw.items():
        if code in INDIKATOR and code in nilai and isinstance(value, (int, float)) and not isinstance(value, bool) \
                and 0 <= value <= 100:
            now = float(nilai[code])
            out[code] = round(now + (float(value) - now) / horizon, 2)
    return out, horizon


def starting_point(sim: SimulasiSekolah, npsn: str) -> Sumber:
    """The plan, priorities and targets this school starts from (modules 02 and 03, else PBD)."""
    rekom = sim.rekomendasi()
    third = saved_answers(MODUL_PERENCANAAN)
    second = saved_answers(MODUL_PENETAPAN)
    nilai = sim.rapor().set_index("kode_indikator")["nilai"].astype(float).to_dict()
    target, horizon = saved_targets(second, npsn, nilai)
    same_school = third.get("npsn") in (None, "", npsn)
    entries = plan_entries(third.get("rencana")) if same_school else []
    semesters = third.get("semester") if isinstance(third.get("semester"), Mapping) else {}
    for e in entries:  # module 03 keeps the semesters apart from the codes
        e["semester"] = e["semester"] or (semesters.get(e["kode"]) if semesters.get(e["kode"]) in (1, 2) else 0)
    honor = third.get("honor") if _is_seed(third.get("honor")) else None  # a whole number >= 0, like a seed
    people = third.get("keterlibatan") if isinstance(third.get("keterlibatan"), list) else None
    plan = build_plan(entries, sim.katalog, rekom, keterlibatan=people, honor=honor, target=target)
    if plan.kegiatan:
        message = ("Rencana dari modul 03 dipakai: "
                   + ", ".join(k.kode for k in plan.kegiatan) + ".")
        from_third = True
    else:
        plan = build_plan(plan_entries([k.kode for k in rekom.kegiatan]), sim.katalog, rekom, target=target)
        message = ("Rencana belum dibuat di modul 03; dipakai rencana usulan aturan PBD." if same_school else
                   "Rencana di modul 03 dibuat untuk sekolah lain; dipakai rencana usulan aturan PBD.")
        from_third = False
    prio = third.get("prioritas") if same_school else None
    prio = tuple(c for c in prio if c in INDIKATOR) if isinstance(prio, list) else ()
    if not prio:
        prio = tuple(sim.prioritas().head(sim.model.params.n_prioritas)["kode_indikator"].astype(str))
    if not target:
        target_message = ("Target belum ditetapkan di modul 02; dipakai target usulan (naik sekitar 5 poin menuju "
                          "standar, paling tinggi standar itu).")
    elif horizon == 1:
        target_message = "Target tahun ini dari modul 02 (jangka waktu 1 tahun)."
    else:
        target_message = (f"Target dari modul 02 berjangka {horizon} tahun; target tahun ini adalah langkah pertama "
                          f"yang sama besar menuju target itu: nilai sekarang + (target − nilai sekarang) ÷ {horizon}.")
    return Sumber(rencana=plan, pesan_rencana=message, prioritas=prio, pesan_target=target_message,
                  dari_modul_03=from_third)


def rencana_ke_json(rencana: Rencana) -> dict:
    """A plan as plain JSON for the answers file."""
    return {"kegiatan": [{"kode": k.kode, "semester": k.semester, "penanggung_jawab": k.penanggung_jawab}
                         for k in rencana.kegiatan],
            "keterlibatan": list(rencana.keterlibatan), "honor": rencana.honor,
            "target": dict(rencana.target)}


def rencana_dari_json(saved: Any) -> Rencana | None:
    """The plan saved by ``rencana_ke_json``; None when missing or no longer valid."""
    if not isinstance(saved, Mapping):
        return None
    try:
        items = tuple(RencanaKegiatan(e["kode"], e["semester"] or 1, e["penanggung_jawab"] or "")
                      for e in plan_entries(saved.get("kegiatan")))
        return Rencana(kegiatan=items, keterlibatan=tuple(saved.get("keterlibatan") or ()),
                       honor=saved.get("honor"), target=dict(saved.get("target") or {}))
    except (LabMutuError, TypeError, ValueError, KeyError):
        return None


def run_of_module_04(sample: str, npsn: str) -> tuple[Rencana | None, int | None]:
    """The plan and seed of the year module 04 ran for this school, or (None, None)."""
    fourth = saved_answers(MODUL_PELAKSANAAN)
    ran = fourth.get("dijalankan")
    if not fourth.get("sudah_dijalankan") or not isinstance(ran, dict):
        return None, None
    seed = ran.get("seed")
    if (ran.get("sampel"), ran.get("npsn")) != (sample, npsn) or not _is_seed(seed):
        return None, None
    plan = rencana_dari_json(ran)
    return (plan, seed) if plan is not None else (None, None)


def error_html(exc: Exception) -> str:
    """A problem as a boxed message a trainee can act on (never a traceback)."""
    text = exc.message + (f" {exc.hint}" if exc.hint else "") if isinstance(exc, LabMutuError) else (
        "Simulasi tidak dapat dijalankan. Muat ulang halaman; bila masih gagal, beri tahu pelatih.")
    return ("<div class='lm-galat' style='background:#fdecea;border-left:4px solid #b02a37;padding:6px 10px'>"
            f"{html.escape(text)}</div>")
