"""Time until a Voilà page is interactive in Chromium, and kernel memory, per notebook.

One ``labmutu serve`` with a temporary workspace; every page load starts a cold kernel. Each
notebook is compared with an empty notebook measured on the same server in the same run, so
the ratio holds across machines. Measured: an empty notebook, a small widget notebook, and every
``modules/[0-9][0-9]_*.ipynb`` (copied into the workspace by ``labmutu serve`` itself).

Measured twice: with kernels forked from ``labmutu serve``'s preloaded zygote (the default) and
with ordinary kernels (``--kernel-biasa``). Memory is RSS, PSS and USS: forked kernels share
the libraries' pages, which RSS counts in full for every kernel; PSS is the fair share.

Targets: each module ready within 1.5x of the empty notebook, at most 150 MB (PSS) per kernel.

Run: ``python -m benchmarks voila`` (or ``make bench``); ``LABMUTU_BENCH_REPEAT`` sets the
number of loads per notebook (default 5, round-robin; the median is reported);
``LABMUTU_BENCH_KERNEL=zigot`` (or ``biasa``) measures one kind of kernel only.
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from pathlib import Path

from benchmarks.common import report
from labmutu.server.testing import (LabMutuServer, free_port, kernel_id_of, launch_chromium, memory_mb,
                                    wait_for_voila_ready, write_notebook)
from labmutu.workspace import module_notebooks, shipped_modules_dir

READY_RATIO_TARGET = 1.5
KERNEL_MB_TARGET = 150.0
WIDGET_CELLS = [
    ("markdown", "# Widget kecil"),
    "import ipywidgets as w\n"
    "tombol = w.Button(description='Periksa')\n"
    "hasil = w.HTML('Belum diperiksa')\n"
    "tombol.on_click(lambda _: setattr(hasil, 'value', 'Sudah diperiksa'))\n"
    "w.VBox([tombol, hasil])",
]


def _notebooks(ws: Path) -> dict[str, str]:
    write_notebook(ws / "bench" / "kosong.ipynb", [])
    write_notebook(ws / "bench" / "widget_kecil.ipynb", WIDGET_CELLS)
    found = {"kosong": "bench/kosong.ipynb", "widget_kecil": "bench/widget_kecil.ipynb"}
    for nb in module_notebooks(shipped_modules_dir()):
        found[nb.stem] = f"modul/{nb.name}"  # labmutu serve copied it into the workspace
    return found


def _load_once(browser, server: LabMutuServer, notebook: str) -> tuple[float, dict]:
    """Seconds from navigation to interactive, and the kernel's memory (MB) once ready."""
    page = browser.new_page()
    try:
        t0 = time.perf_counter()
        page.goto(server.render_url(notebook))
        wait_for_voila_ready(page, timeout=180_000)
        # wait_for_voila_ready needs two ready checks 300 ms apart; do not count the second wait
        seconds = time.perf_counter() - t0 - 0.3
        pid = server.kernel_pid(kernel_id_of(page))
        mem = memory_mb(pid) if pid else {"rss": float("nan"), "pss": float("nan"), "uss": float("nan")}
    finally:
        page.close(run_before_unload=True)  # the beacon stops the kernel: next load is cold
    return seconds, mem


def _measure(browser, tmp_path: Path, label: str, extra_args: list[str], repeat: int) -> list[dict]:
    server = LabMutuServer(workspace=tmp_path / label / "ws", port=free_port(),
                           log_path=tmp_path / label / "server.log", extra_args=extra_args)
    server.workspace.mkdir(parents=True)
    server.start()
    rows = []
    try:
        notebooks = _notebooks(server.workspace)
        _load_once(browser, server, notebooks["kosong"])  # warm disk caches, not kept
        # Round-robin: every notebook once per round, so drift in the machine's load hits all alike.
        runs: dict[str, list] = {name: [] for name in notebooks}
        for _ in range(repeat):
            for name, path in notebooks.items():
                runs[name].append(_load_once(browser, server, path))
        for name, done in runs.items():
            rows.append({"kernel": label, "notebook": name,
                         "siap_s": statistics.median(s for s, _ in done),
                         **{f"{k}_mb": statistics.median(m[k] for _, m in done) for k in ("rss", "pss", "uss")}})
    finally:
        server.stop()
    base = rows[0]["siap_s"]
    for row in rows:
        row["rasio_vs_kosong"] = row["siap_s"] / base
        row["ok"] = (row["rasio_vs_kosong"] <= READY_RATIO_TARGET
                     and row["pss_mb"] <= KERNEL_MB_TARGET) if row["notebook"][:2].isdigit() else ""
    return rows


def main() -> None:
    from playwright.sync_api import sync_playwright

    repeat = int(os.environ.get("LABMUTU_BENCH_REPEAT", "5"))
    with tempfile.TemporaryDirectory(prefix="labmutu-bench-") as tmp, sync_playwright() as pw:
        browser = launch_chromium(pw)
        kinds = os.environ.get("LABMUTU_BENCH_KERNEL", "zigot,biasa").split(",")
        rows = []
        for label, args in (("zigot", []), ("biasa", ["--kernel-biasa"])):
            if label in kinds:
                rows += _measure(browser, Path(tmp), label, args, repeat)
        browser.close()
    report("voila", rows, notes=(
        f"median dari {repeat} pemuatan, kernel dingin tiap pemuatan; siap_s = sampai semua sel "
        "dijalankan, widget tampil, kernel idle. zigot = kernel disalin (fork) dari proses yang sudah "
        "memuat pustaka (bawaan labmutu serve); biasa = --kernel-biasa. rss menghitung halaman bersama "
        "penuh; pss membagi halaman bersama di antara proses (diukur dengan satu kernel hidup: angka "
        "terburuk); uss = memori milik kernel itu saja. "
        f"Target modul: <= {READY_RATIO_TARGET}x kosong, pss <= {KERNEL_MB_TARGET:.0f} MB per kernel."))


if __name__ == "__main__":
    main()
