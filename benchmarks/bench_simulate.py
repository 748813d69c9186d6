"""The SPMI engine: a national 5-cycle run, the speed-up over the per-school reference, one school.

Jobs run in fresh interpreters so each peak-memory figure is its own. The national data
(215.372 schools, seed 0) is generated once into a temporary folder as Parquet; every job loads
it from there, and the "data only" job gives the memory floor (tables loaded, nothing simulated).

* national: ``siapkan`` (tables -> arrays) and ``SpmiModel.run(5)`` timed separately;
* reference: the same 5 cycles for 5.000 schools (peers: every school) with the vectorised engine
  and with ``reference.jalankan_referensi``; the results must be identical; time per school-year;
* one school: ``SimulasiSekolah.jalankan`` + ``laporan`` for one school of a shipped sample (what a
  widget callback does), median of 50.

Targets (issue 3): national 5 cycles <= 10 s, reference ratio >= 50x per school-year, one school's
cycle <= 50 ms. Run: ``python -m benchmarks simulate``.
"""

from __future__ import annotations

import tempfile

from benchmarks.common import report, run_isolated

NATIONAL_TARGET_S = 10.0
RATIO_TARGET = 50.0
ONE_SCHOOL_TARGET_MS = 50.0
YEARS = 5
REFERENCE_SCHOOLS = 5000

GENERATE = """
import json
from labmutu.datasets.generate import generate
tables = generate("nasional", 0)
for name in ("sekolah", "indikator", "keuangan", "sarpras"):
    tables[name].to_parquet({DIR!r} + "/" + name + ".parquet")
print(json.dumps({{"sekolah": len(tables["sekolah"])}}))
"""

LOAD = """
import json, resource, time
import pandas as pd
data = {{name: pd.read_parquet({DIR!r} + "/" + name + ".parquet")
        for name in ("sekolah", "indikator", "keuangan", "sarpras")}}
def peak():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
"""

FLOOR = LOAD + """
from labmutu.simulations.model import SpmiModel
print(json.dumps({{"peak_mb": peak()}}))
"""

NATIONAL = LOAD + """
from labmutu.simulations.inputs import siapkan
from labmutu.simulations.model import SpmiModel
t0 = time.perf_counter()
awal = siapkan(data)
del data
t1 = time.perf_counter()
hasil = SpmiModel(awal, seed=0).run({YEARS})
t2 = time.perf_counter()
print(json.dumps({{"sekolah": len(awal), "siapkan_s": t1 - t0, "run_s": t2 - t1, "peak_mb": peak()}}))
"""

REFERENCE = LOAD + """
from labmutu.simulations.inputs import siapkan
from labmutu.simulations.model import SpmiModel
from labmutu.simulations.reference import jalankan_referensi
awal = siapkan(data, npsn=list(data["sekolah"]["npsn"][:{N}]))
model = SpmiModel(awal, seed=0)
t0 = time.perf_counter()
hasil = model.run({YEARS})
t1 = time.perf_counter()
ref = jalankan_referensi(awal, {YEARS}, hasil.rng_state, model.kebijakan)
t2 = time.perf_counter()
same = all(a.sama(b) for a, b in zip(hasil.tahun, ref))
print(json.dumps({{"sekolah": len(awal), "engine_s": t1 - t0, "reference_s": t2 - t1, "sama": same}}))
"""

ONE_SCHOOL = """
import json, statistics, time
from labmutu.datasets import samples
from labmutu.simulations.sekolah import SimulasiSekolah
data = {name: samples.load("belitung", name) for name in ("sekolah", "indikator", "keuangan", "sarpras")}
t0 = time.perf_counter()
sim = SimulasiSekolah(data, "92679061", seed=1)
plan = sim.rekomendasi()
sim.jalankan(plan)
t1 = time.perf_counter()
times = []
for _ in range(50):
    s = time.perf_counter()
    sim.laporan(sim.jalankan(plan))
    times.append(time.perf_counter() - s)
print(json.dumps({"siapkan_ms": (t1 - t0) * 1000, "median_ms": statistics.median(times) * 1000,
                  "maks_ms": max(times) * 1000}))
"""


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        run_isolated(GENERATE.format(DIR=folder))
        floor = run_isolated(FLOOR.format(DIR=folder))
        nas = run_isolated(NATIONAL.format(DIR=folder, YEARS=YEARS))
        ref = run_isolated(REFERENCE.format(DIR=folder, YEARS=YEARS, N=REFERENCE_SCHOOLS))
    one = run_isolated(ONE_SCHOOL)
    school_years = nas["sekolah"] * YEARS
    engine_per = nas["run_s"] / school_years
    ref_per = ref["reference_s"] / (ref["sekolah"] * YEARS)
    ratio = ref_per / engine_per
    rows = [
        {"job": "data nasional dimuat (dasar memori)", "sekolah": nas["sekolah"], "puncak_mb": floor["peak_mb"]},
        {"job": "nasional: siapkan (tabel -> larik)", "sekolah": nas["sekolah"], "detik": nas["siapkan_s"]},
        {"job": f"nasional: {YEARS} siklus", "sekolah": nas["sekolah"], "detik": nas["run_s"],
         "us_per_sekolah_tahun": engine_per * 1e6, "puncak_mb": nas["peak_mb"]},
        {"job": f"mesin, {ref['sekolah']} sekolah x {YEARS} siklus", "sekolah": ref["sekolah"], "detik": ref["engine_s"],
         "us_per_sekolah_tahun": ref["engine_s"] / (ref["sekolah"] * YEARS) * 1e6},
        {"job": f"referensi per sekolah, {ref['sekolah']} x {YEARS}", "sekolah": ref["sekolah"],
         "detik": ref["reference_s"], "us_per_sekolah_tahun": ref_per * 1e6},
        {"job": "satu sekolah: satu siklus + laporan (median)", "sekolah": 1, "detik": one["median_ms"] / 1000},
    ]
    ok = (nas["run_s"] <= NATIONAL_TARGET_S, ratio >= RATIO_TARGET, one["median_ms"] <= ONE_SCHOOL_TARGET_MS)
    report("simulate", rows, notes=(
        f"Rasio referensi / mesin nasional per sekolah-tahun: {ratio:.0f}x (target >= {RATIO_TARGET:.0f}x)\n"
        f"Hasil mesin dan referensi pada {ref['sekolah']} sekolah identik: {'ya' if ref['sama'] else 'TIDAK'}\n"
        f"Memori di atas data yang dimuat: {nas['peak_mb'] - floor['peak_mb']:.0f} MB\n"
        f"Satu sekolah: median {one['median_ms']:.1f} ms, terlama {one['maks_ms']:.1f} ms "
        f"(persiapan model sekali {one['siapkan_ms']:.0f} ms)\n"
        f"Target nasional <= {NATIONAL_TARGET_S:.0f} s: {'TERCAPAI' if ok[0] else 'TIDAK TERCAPAI'}; "
        f"rasio >= {RATIO_TARGET:.0f}x: {'TERCAPAI' if ok[1] else 'TIDAK TERCAPAI'}; "
        f"satu sekolah <= {ONE_SCHOOL_TARGET_MS:.0f} ms: {'TERCAPAI' if ok[2] else 'TIDAK TERCAPAI'}"))
