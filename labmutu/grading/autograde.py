"""``labmutu course grade``: nbgrader's autograde for every submission, several at once.

nbgrader's own ``autograde`` grades one submission after another, each against the course's
SQLite gradebook, and spends most of its time waiting for kernels. Here each worker process owns
a private *shadow* course root (a consistent copy of the gradebook, taken with SQLite's backup API
before any grading starts, the course's ``source/`` linked in, and a clean copy of each submission
made by :mod:`labmutu.grading.submissions`) and runs nbgrader's ``Autograde`` there, in process,
one submission per task. Only the parent process writes the real gradebook: it merges each result
(auto scores, review flags, "no response" comments, late penalties, the submission time) in one
transaction and moves the autograded notebooks into place. A submission nbgrader cannot grade at
all (a notebook that kills its kernel, for example) gets 0 on every automatic item, is flagged
for review, and never stops the others.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import shutil
import sqlite3
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from labmutu.errors import LabMutuError
from labmutu.grading.course import (Course, coursedir_for, load_course, nbgrader_log, quiet_warnings,
                                    secure)
from labmutu.grading.distribute import ensure_tools
from labmutu.grading.trainee import TRAINEE_ID


@dataclass
class Outcome:
    """One submission's grading."""

    student: str
    assignment: str
    ok: bool
    seconds: float = 0.0
    notes: list[str] = field(default_factory=list)
    error: str = ""


@dataclass
class GradeReport:
    """Every submission graded in a run, and the run's wall time."""

    outcomes: list[Outcome] = field(default_factory=list)
    up_to_date: int = 0
    seconds: float = 0.0
    workers: int = 0

    @property
    def failed(self) -> list[Outcome]:
        return [o for o in self.outcomes if not o.ok]


def _timestamp(folder: Path):
    from nbgrader.utils import parse_utc

    try:
        return parse_utc((folder / "timestamp.txt").read_text(encoding="utf-8").strip())
    except (OSError, ValueError, OverflowError):
        return None


def pending(course: Course, names: list[str], students: list[str] | None = None,
            force: bool = False) -> tuple[list[tuple[str, str]], int]:
    """Submissions to grade: new or newer than their autograded copy (all with ``force``)."""
    todo, fresh = [], 0
    if not course.submitted_dir.is_dir():
        return todo, fresh
    for folder in sorted(course.submitted_dir.iterdir()):
        student = folder.name
        if not TRAINEE_ID.match(student) or (students and student not in students):
            continue
        for name in names:
            submitted = folder / name
            if not submitted.is_dir():
                continue
            done = course.autograded_dir / student / name
            new, old = _timestamp(submitted), _timestamp(done)
            if force or not done.is_dir() or (new and old and new > old) or (new and not old):
                todo.append((student, name))
            else:
                fresh += 1
    return todo, fresh


def _shadow_base(course: Course) -> Path:
    # tmpfs makes SQLite's commits free; the shadow is small (a gradebook and a few notebooks).
    shm = Path("/dev/shm")
    if shm.is_dir() and os.access(shm, os.W_OK):
        return Path(tempfile.mkdtemp(prefix="labmutu-nilai-", dir=shm))
    return Path(tempfile.mkdtemp(prefix=".labmutu-nilai-", dir=course.root))


def _make_shadow(course: Course, base: Path, index: int) -> Path:
    shadow = base / f"w{index}"
    (shadow / "submitted").mkdir(parents=True)
    (shadow / "source").symlink_to(course.source_dir, target_is_directory=True)
    src = sqlite3.connect(course.gradebook_path)
    dst = sqlite3.connect(shadow / "gradebook.db")
    try:
        src.backup(dst)  # a consistent copy even if someone has the gradebook open
    finally:
        src.close()
        dst.close()
    return shadow


# -- worker side ------------------------------------------------------------------------------

_WORKER: dict = {}


def _init_worker(shadows, course_root: str, timeout: int | None, kernel_env: dict) -> None:
    quiet_warnings()
    _WORKER["shadow"] = Path(shadows.get())
    _WORKER["course"] = load_course(course_root)
    # Kernels inherit this worker's stdout/stderr; their start-up and shutdown chatter goes to a log.
    log_dir = _WORKER["course"].root / ".labmutu"
    log_dir.mkdir(exist_ok=True)
    log = os.open(log_dir / "nilai.log", os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    os.dup2(log, 1)
    os.dup2(log, 2)
    os.close(log)
    _WORKER["timeout"] = timeout
    os.environ.update(kernel_env)


def _worker_config(course: Course, shadow: Path, timeout: int | None):
    config = course.nbgrader_config()
    config.CourseDirectory.root = str(shadow)
    config.CourseDirectory.db_url = f"sqlite:///{shadow / 'gradebook.db'}"
    if timeout:
        config.Execute.timeout = timeout
    # Unix sockets named inside this worker's shadow: no TCP port two workers could both pick.
    config.KernelManager.transport = "ipc"
    config.KernelManager.ip = str(shadow / "k")
    # The notebook has run; a graceful shutdown only adds polling time.
    config.Execute.shutdown_kernel = "immediate"
    if os.environ.get("LABMUTU_ZYGOTE"):
        config.Execute.kernel_manager_class = "labmutu.grading.kernels.PreloadedKernelManager"
    return config


def _grade_one(student: str, assignment: str) -> dict:
    """Grades one submission in this worker's shadow root; returns plain data for the parent."""
    from nbgrader.converters import Autograde

    from labmutu.grading.submissions import sanitize

    started = time.perf_counter()
    course, shadow = _WORKER["course"], _WORKER["shadow"]
    out = {"student": student, "assignment": assignment, "ok": False, "notes": [], "error": ""}
    try:
        out["notes"] = sanitize(course.submitted_dir / student / assignment,
                                shadow / "submitted" / student / assignment, course.release_dir / assignment)
        shutil.rmtree(shadow / "autograded" / student / assignment, ignore_errors=True)
        config = _worker_config(course, shadow, _WORKER["timeout"])
        with nbgrader_log() as (log, buffer):
            coursedir = coursedir_for(course, log, root=str(shadow), assignment_id=assignment,
                                      student_id=student, db_url=f"sqlite:///{shadow / 'gradebook.db'}")
            app = Autograde(coursedir=coursedir, config=config, log=log)
            app.force = True
            app.create_student = True
            try:
                app.start()
            except Exception:
                out["error"] = _last_error(buffer.getvalue())
                return out
        out["result"] = _read_result(f"sqlite:///{shadow / 'gradebook.db'}", assignment, student)
        out["autograded"] = str(shadow / "autograded" / student / assignment)
        out["ok"] = True
    except Exception as exc:  # a submission must never stop the run; the parent records it
        out["error"] = f"{exc.__class__.__name__}: {exc}"[:500]
    finally:
        out["seconds"] = time.perf_counter() - started
    return out


def _last_error(log_text: str) -> str:
    lines = [ln.strip() for ln in log_text.splitlines() if ln.strip()]
    errors = [ln for ln in lines if ln.startswith("[ERROR]")]
    for line in lines[::-1]:
        if "Error" in line and not line.startswith("["):
            return line[:300]
    return (errors[0] if errors else "nbgrader gagal tanpa pesan")[:300]


def _read_result(db_url: str, assignment: str, student: str) -> dict:
    from nbgrader.api import Gradebook

    with Gradebook(db_url) as gb:
        sub = gb.find_submission(assignment, student)
        notebooks = []
        for nb in sub.notebooks:
            notebooks.append({
                "name": nb.notebook.name,
                "late": nb.late_submission_penalty,
                "grades": [(g.cell.name, g.auto_score, g.needs_manual_grade) for g in nb.grades],
                "comments": [(c.cell.name, c.auto_comment) for c in nb.comments],
            })
        return {"timestamp": sub.timestamp, "notebooks": notebooks}


# -- parent side ------------------------------------------------------------------------------

def _merge(gb, assignment: str, student: str, result: dict) -> None:
    gb.update_or_create_submission(assignment, student, timestamp=result["timestamp"])
    for nb in result["notebooks"]:
        sub = gb.find_submission_notebook(nb["name"], assignment, student)
        sub.late_submission_penalty = nb["late"]
        for cell, auto, review in nb["grades"]:
            grade = gb.find_grade(cell, nb["name"], assignment, student)
            grade.auto_score = auto
            grade.needs_manual_grade = bool(review or grade.manual_score is not None)
        for cell, text in nb["comments"]:
            gb.find_comment(cell, nb["name"], assignment, student).auto_comment = text
    gb.db.commit()


def _record_failure(gb, course: Course, assignment: str, student: str, message: str) -> None:
    timestamp = _timestamp(course.submitted_dir / student / assignment)
    sub = gb.update_or_create_submission(assignment, student, **({"timestamp": timestamp} if timestamp else {}))
    for nb in sub.notebooks:
        for grade in nb.grades:
            if grade.cell.__class__.__name__ == "GradeCell":
                grade.auto_score = 0.0
                grade.needs_manual_grade = True
        for comment in nb.comments:
            comment.auto_comment = f"Penilaian otomatis gagal: {message}"[:1000]
    gb.db.commit()
    shutil.rmtree(course.autograded_dir / student / assignment, ignore_errors=True)


def _place(autograded: Path, dest: Path) -> None:
    dest.parent.mkdir(parents=True, exist_ok=True)
    staging = dest.parent / f".labmutu-baru-{dest.name}"
    shutil.rmtree(staging, ignore_errors=True)
    shutil.copytree(autograded, staging)
    if dest.exists():
        shutil.rmtree(dest)
    os.replace(staging, dest)


def default_workers() -> int:
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    # Kernels spend much of their life waiting on messages: one more worker than cores keeps them busy.
    return cores + 1


def grade(course: Course, assignments: list[str] | None = None, students: list[str] | None = None,
          workers: int | None = None, force: bool = False, timeout: int | None = None,
          preload: bool = True, progress: Callable[[Outcome, int, int], None] | None = None) -> GradeReport:
    """Autogrades every pending submission of ``assignments`` (all when empty).

    Args:
        workers: processes grading at once (default: cores + 1).
        force: grade again even submissions graded since they were collected.
        timeout: seconds per cell before it is interrupted (default: the course's setting).
        preload: start kernels from a process that has imported the heavy libraries once.
        progress: called after each submission with (outcome, done, total).
    """
    from nbgrader.api import Gradebook

    ensure_tools()
    quiet_warnings()
    names = course.check_assignments(assignments)
    if not course.gradebook_path.is_file():
        raise LabMutuError("Buku nilai belum ada.", "Jalankan 'labmutu course build' dulu.")
    with Gradebook(course.db_url, course.course_id) as gb:
        built = {a.name for a in gb.assignments}
        if not assignments:
            names = [n for n in names if n in built]
        missing = [n for n in names if n not in built]
        if missing or not names:
            raise LabMutuError(f"Tugas {', '.join(missing) or 'di kursus ini'} belum dibuat.",
                               "Jalankan 'labmutu course build' dulu.")
        todo, fresh = pending(course, names, students, force)
        for student in sorted({s for s, _ in todo}):
            if not any(s.id == student for s in gb.students):
                gb.add_student(student)
    report = GradeReport(up_to_date=fresh)
    if not todo:
        return report
    started = time.perf_counter()
    report.workers = n = max(1, min(workers or default_workers(), len(todo)))
    base = _shadow_base(course)
    zygote = None
    try:
        ctx = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else mp.get_context("spawn")
        shadows = ctx.Queue()
        for i in range(n):
            shadows.put(str(_make_shadow(course, base, i)))
        kernel_env = {}
        if preload:
            from labmutu.grading.kernels import Zygote

            zygote = Zygote.start(base / "zygote.sock")
            if zygote is not None:
                kernel_env["LABMUTU_ZYGOTE"] = str(zygote.socket)
        with ProcessPoolExecutor(max_workers=n, mp_context=ctx, initializer=_init_worker,
                                 initargs=(shadows, str(course.root), timeout, kernel_env)) as pool, \
                Gradebook(course.db_url, course.course_id) as gb:
            futures = [pool.submit(_grade_one, s, a) for s, a in todo]
            for future in as_completed(futures):
                out = future.result()
                outcome = Outcome(out["student"], out["assignment"], out["ok"], out.get("seconds", 0.0),
                                  out["notes"], out["error"])
                if outcome.ok:
                    _place(Path(out["autograded"]), course.autograded_dir / outcome.student / outcome.assignment)
                    _merge(gb, outcome.assignment, outcome.student, out["result"])
                else:
                    _record_failure(gb, course, outcome.assignment, outcome.student, outcome.error)
                report.outcomes.append(outcome)
                if progress:
                    progress(outcome, len(report.outcomes), len(todo))
    finally:
        if zygote is not None:
            zygote.stop()
        shutil.rmtree(base, ignore_errors=True)
        secure(course)
    report.seconds = time.perf_counter() - started
    return report
