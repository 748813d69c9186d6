"""National data generation: wall time and peak memory, against baselines from the same run.

Each job runs in a fresh interpreter so its peak memory is its own. Baselines: the interpreter
with pandas and the generator imported (memory floor), and one kab/kota (Kab. Sumba Barat) whose
per-school time shows how the national run scales.

Targets (issue 2): national generation, tables written to CSV, under 60 s and under 4 GB.
Run: ``python -m benchmarks generate``.
"""

from __future__ import annotations

from benchmarks.common import report, run_isolated

TIME_TARGET_S = 60.0
MEMORY_TARGET_MB = 4096.0

JOB = """
import json, resource, tempfile, time
from labmutu.datasets.generate import generate
from labmutu.datasets.writer import write_dataset
t0 = time.perf_counter()
tables = {WILAYAH!r} and generate({WILAYAH!r}, 1)
t1 = time.perf_counter()
if tables:
    with tempfile.TemporaryDirectory() as d:
        write_dataset(tables, d, {{"judul": "bench"}})
t2 = time.perf_counter()
n = len(tables["sekolah"]) if tables else 0
print(json.dumps({{"sekolah": n, "generate_s": t1 - t0, "write_s": t2 - t1,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}}))
"""


def _run(wilayah: str) -> dict:
    return run_isolated(JOB.format(WILAYAH=wilayah))


def main() -> None:
    floor = _run("")
    one = _run("5312")
    nasional = _run("nasional")
    total = nasional["generate_s"] + nasional["write_s"]
    per_school_one = (one["generate_s"] + one["write_s"]) / one["sekolah"]
    per_school_nas = total / nasional["sekolah"]
    rows = [
        {"job": "impor saja (dasar memori)", "sekolah": 0, "detik": 0.0, "puncak_mb": floor["peak_mb"]},
        {"job": "Kab. Sumba Barat", "sekolah": one["sekolah"],
         "detik": one["generate_s"] + one["write_s"], "puncak_mb": one["peak_mb"]},
        {"job": "nasional: bangkitkan", "sekolah": nasional["sekolah"], "detik": nasional["generate_s"]},
        {"job": "nasional: tulis CSV", "sekolah": nasional["sekolah"], "detik": nasional["write_s"]},
        {"job": "nasional: total", "sekolah": nasional["sekolah"], "detik": total,
         "puncak_mb": nasional["peak_mb"]},
    ]
    ok = total < TIME_TARGET_S and nasional["peak_mb"] < MEMORY_TARGET_MB
    report("generate", rows, notes=(
        f"Rasio waktu per sekolah nasional / satu kab/kota: {per_school_nas / per_school_one:.2f}\n"
        f"Memori di atas dasar impor: {nasional['peak_mb'] - floor['peak_mb']:.0f} MB\n"
        f"Target < {TIME_TARGET_S:.0f} detik dan < {MEMORY_TARGET_MB:.0f} MB: {'TERCAPAI' if ok else 'TIDAK TERCAPAI'}"))
