"""Time until a Voilà page is interactive in Chromium, and kernel memory, per notebook.

One ``labmutu serve`` with a temporary workspace; every page load starts a cold kernel. Each
notebook is compared with an empty notebook measured on the same server in the same run, so
the ratio holds across machines. Measured: an empty notebook, a small widget notebook, and every
``modules/[0-9][0-9]_*.ipynb`` (copied into the workspace by ``labmutu serve`` itself).

Targets: each module ready within 1.5x of the empty notebook, at most 150 MB RSS per kernel.

Run: ``python -m benchmarks voila`` (or ``make bench``); ``LABMUTU_BENCH_REPEAT`` sets the
number of loads per notebook (default 3; the median is reported).
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from pathlib import Path

from benchmarks.common import report
from labmutu.server.testing import (LabMutuServer, free_port, kernel_id_of, launch_chromium,
                                    rss_mb, wait_for_voila_ready, write_notebook)
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


def _load_once(browser, server: LabMutuServer, notebook: str) -> tuple[float, float]:
    """Seconds from navigation to interactive, and the kernel's RSS in MB once ready."""
    page = browser.new_page()
    try:
        t0 = time.perf_counter()
        page.goto(server.render_url(notebook))
        wait_for_voila_ready(page, timeout=180_000)
        # wait_for_voila_ready needs two ready checks 300 ms apart; do not count the second wait
        seconds = time.perf_counter() - t0 - 0.3
        pid = server.kernel_pid(kernel_id_of(page))
        mb = rss_mb(pid) if pid else float("nan")
    finally:
        page.close(run_before_unload=True)  # the beacon stops the kernel: next load is cold
    return seconds, mb


def main() -> None:
    from playwright.sync_api import sync_playwright

    repeat = int(os.environ.get("LABMUTU_BENCH_REPEAT", "3"))
    with tempfile.TemporaryDirectory(prefix="labmutu-bench-") as tmp:
        tmp_path = Path(tmp)
        server = LabMutuServer(workspace=tmp_path / "ws", port=free_port(),
                               log_path=tmp_path / "server.log")
        server.workspace.mkdir()
        server.start()
        rows = []
        try:
            notebooks = _notebooks(server.workspace)
            with sync_playwright() as pw:
                browser = launch_chromium(pw)
                _load_once(browser, server, notebooks["kosong"])  # warm disk caches, not kept
                for name, path in notebooks.items():
                    runs = [_load_once(browser, server, path) for _ in range(repeat)]
                    rows.append({"notebook": name,
                                 "siap_s": statistics.median(s for s, _ in runs),
                                 "kernel_mb": statistics.median(m for _, m in runs)})
                browser.close()
        finally:
            server.stop()
    base = rows[0]["siap_s"]
    for row in rows:
        row["rasio_vs_kosong"] = row["siap_s"] / base
        row["ok"] = (row["rasio_vs_kosong"] <= READY_RATIO_TARGET
                     and row["kernel_mb"] <= KERNEL_MB_TARGET) if row["notebook"][:2].isdigit() else ""
    report("voila", rows, notes=(
        f"median dari {repeat} pemuatan, kernel dingin tiap pemuatan; siap_s = sampai semua sel "
        f"dijalankan, widget tampil, kernel idle. Target modul: <= {READY_RATIO_TARGET}x kosong, "
        f"<= {KERNEL_MB_TARGET:.0f} MB RSS per kernel."))


if __name__ == "__main__":
    main()
