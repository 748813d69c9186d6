"""One trainee, one graded assignment, in a real browser: answer, Kumpulkan, trainer grades, score seen.

The trainer's side is the real ``labmutu course`` command on a course root made by ``course
init``; the trainee's side is a real ``labmutu serve`` running as the trainee (identity from
``JUPYTERHUB_USER``, never typed into the page) with the course's exchange folder, driven in
Chromium: the landing page lists the released assignment, the app is answered through its
widgets, "Kumpulkan" submits, and after ``collect``/``grade``/``feedback`` the trainee reloads
and reads the score in the app.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from labmutu.grading.course import load_course
from labmutu.server.testing import LabMutuServer, free_port, wait_for_voila_ready

pytestmark = pytest.mark.browser

COURSE = "bimtek-spmi-sekolah"
TASK = "01_pemetaan_mutu"
LABMUTU = str(Path(sys.executable).parent / "labmutu")


def trainer(*args: str, cwd: Path | None = None) -> str:
    env = {k: v for k, v in os.environ.items() if k not in ("NBGRADER_EXECUTION", "JUPYTERHUB_USER")}
    out = subprocess.run([LABMUTU, "course", *args], capture_output=True, text=True, timeout=900,
                         env=env, cwd=cwd)
    assert out.returncode == 0 and "Traceback" not in out.stdout + out.stderr, out.stdout + out.stderr
    return out.stdout


@pytest.fixture
def workshop(tmp_path):
    root = tmp_path / "kursus" / COURSE
    trainer("init", str(root), "--dari", COURSE)
    trainer("build", "--kursus", str(root))
    trainer("release", "--kursus", str(root))
    course = load_course(root)
    home = tmp_path / "rumah-peserta01"
    (home / "labmutu").mkdir(parents=True)
    server = LabMutuServer(workspace=home / "labmutu", port=free_port(), log_path=tmp_path / "server.log",
                           env={"HOME": str(home), "JUPYTERHUB_USER": "peserta01",
                                "JUPYTER_DATA_DIR": str(home / ".local" / "share" / "jupyter"),
                                "LABMUTU_EXCHANGE": str(course.exchange)}).start()
    yield root, server
    leftovers = server.stop()
    assert not leftovers, server.log_tail()


def test_trainee_submits_in_voila_and_reads_the_trainers_score(workshop, page, request_log, screenshot):
    root, server = workshop
    page.goto(server.url("/"))
    item = page.locator(".lm-tugas", has_text="Pemetaan mutu")
    assert "Belum dikerjakan" in item.inner_text()
    item.locator("a").click()
    wait_for_voila_ready(page)

    # Item 1 (1 point): capaian A.1 is Kurang. Item 3 (2 points): the fall is 15,8. Nothing else.
    page.locator(".widget-radio-box").first.get_by_text("Kurang", exact=True).click()
    number = page.locator("input[type=text]").first
    number.fill("15,8")
    number.press("Enter")
    page.wait_for_timeout(500)
    page.get_by_role("button", name="Kumpulkan").click()
    page.get_by_text("Terkumpul", exact=False).first.wait_for(timeout=60_000)
    screenshot(page, "terkumpul")
    assert "peserta01" in page.inner_text("body")

    trainer("collect", "--kursus", str(root))
    trainer("grade", "--kursus", str(root))
    trainer("feedback", "--kursus", str(root))

    page.reload()
    wait_for_voila_ready(page)
    page.get_by_role("button", name="Lihat nilai dan umpan balik").click()
    page.get_by_role("heading", name="Nilai: 3 dari 11").wait_for(timeout=60_000)
    screenshot(page, "dinilai")
    body = page.inner_text("body")
    assert "BEGIN HIDDEN" not in body and "scoring." not in body
    outside = [u for u in request_log if not u.startswith(("http://127.0.0.1", "data:", "blob:", "about:"))]
    assert outside == []

    page.goto(server.url("/"))
    assert "Dinilai: 3 dari" in page.locator(".lm-tugas", has_text="Pemetaan mutu").inner_text()
