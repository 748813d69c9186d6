"""Kernels of closed tabs stop: by the tab's shutdown beacon, or else by the idle culler."""

from __future__ import annotations

import time

import pytest

from labmutu.server.testing import kernel_id_of, wait_for_voila_ready, write_notebook

pytestmark = pytest.mark.browser

CELLS = ["import ipywidgets as w\nw.IntSlider(value=3, description='Nilai')"]


def _wait_until(condition, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"tidak terjadi dalam {timeout} detik: {what}")
        time.sleep(0.25)


def test_closing_a_tab_shuts_its_kernel_down(labmutu_server, page):
    write_notebook(labmutu_server.workspace / "uji" / "tutup.ipynb", CELLS)
    page.goto(labmutu_server.render_url("uji/tutup.ipynb"))
    wait_for_voila_ready(page)
    kernel_id = kernel_id_of(page)
    pid = labmutu_server.kernel_pid(kernel_id)
    assert pid and labmutu_server.kernel_exists(kernel_id)
    page.close(run_before_unload=True)  # what closing the tab does: beforeunload sends the beacon
    _wait_until(lambda: not labmutu_server.kernel_exists(kernel_id), 20, "kernel dimatikan")
    _wait_until(lambda: pid not in labmutu_server.kernel_pids(), 20, "proses kernel berhenti")
    assert "_xsrf' argument missing" not in labmutu_server.log_text()


def test_idle_kernel_without_tab_is_culled_and_open_tab_kept(start_labmutu_server, context):
    server = start_labmutu_server("--matikan-kernel-menganggur", "4")
    write_notebook(server.workspace / "uji" / "menganggur.ipynb", CELLS)
    # The beacon is lost (browser killed, laptop asleep): only the culler can stop this kernel.
    lost, kept = context.new_page(), context.new_page()
    for pg in (lost, kept):
        pg.goto(server.render_url("uji/menganggur.ipynb"))
        wait_for_voila_ready(pg)
    lost_id, kept_id = kernel_id_of(lost), kernel_id_of(kept)
    lost.close(run_before_unload=False)  # like a killed browser: no beforeunload, no beacon
    _wait_until(lambda: not server.kernel_exists(lost_id), 30, "kernel menganggur dimatikan")
    culled = [line for line in server.log_text().splitlines() if "Culling" in line]
    assert any(lost_id in line for line in culled), server.log_tail()
    time.sleep(5)  # longer than the timeout: a kernel with an open tab stays
    assert server.kernel_exists(kept_id)
    kept.get_by_role("slider").focus()  # the open page still talks to its kernel
    kept.keyboard.press("ArrowRight")
    kept.get_by_text("4", exact=True).wait_for(timeout=10_000)
