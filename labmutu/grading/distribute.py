"""Building and releasing assignments: ``labmutu course build`` and ``labmutu course release``.

``build`` writes app assignments' source notebooks from the course spec (when there is one), runs
nbgrader's generate_assignment for each assignment (which records it in the gradebook), and
checks every released copy: no hidden test, no solution region, no answers file. With
``check=True`` it also runs nbgrader's validator both ways: sources with their solutions pass
every test; released notebooks with nothing answered fail every test.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from labmutu.errors import LabMutuError
from labmutu.grading.contract import ANSWERS_FILE
from labmutu.grading.course import (Course, coursedir_for, ensure_exchange, kernel_output_to_log,
                                    nbgrader_log, secure)

FORBIDDEN_IN_RELEASE = ("BEGIN HIDDEN TESTS", "END HIDDEN TESTS", "BEGIN SOLUTION", "END SOLUTION")


def ensure_tools() -> None:
    """nbgrader runs the ``alembic`` command when it creates a gradebook; find it in this Python's bin."""
    bindir = str(Path(sys.executable).parent)
    if shutil.which("alembic") is None and (Path(bindir) / "alembic").exists():
        os.environ["PATH"] = bindir + os.pathsep + os.environ.get("PATH", "")


def _fail(what: str, log_text: str, exc: Exception) -> LabMutuError:
    lines = [ln for ln in log_text.splitlines() if "ERROR" in ln or "Error" in ln][-3:]
    detail = " ".join(lines)[:600] or str(exc)[:600]
    return LabMutuError(f"{what} gagal. Pesan nbgrader: {detail}",
                        "Periksa notebook sumbernya; jalankan dengan LABMUTU_DEBUG=1 untuk catatan lengkap.")


@dataclass
class BuildReport:
    """What ``build`` did: notebooks written from the spec, assignments generated, checks run."""

    written: list[Path] = field(default_factory=list)
    generated: list[str] = field(default_factory=list)
    checked: list[str] = field(default_factory=list)


def build(course: Course, assignments: list[str] | None = None, check: bool = False) -> BuildReport:
    """Generates the released version of each assignment (all when ``assignments`` is empty).

    Raises:
        LabMutuError: a spec or notebook problem, or a released copy that would leak the key.
    """
    from nbgrader.converters import GenerateAssignment

    ensure_tools()
    report = BuildReport()
    if course.spec_file.is_file():
        from labmutu.grading.builder import write_sources

        report.written = write_sources(course.spec_file, course.source_dir)
    names = course.check_assignments(assignments)
    for name in names:
        with nbgrader_log() as (log, buffer):
            app = GenerateAssignment(coursedir=coursedir_for(course, log, assignment_id=name),
                                     config=course.nbgrader_config(), log=log)
            app.force = True
            app.create_assignment = True
            try:
                app.start()
            except Exception as exc:
                raise _fail(f"Membuat tugas {name}", buffer.getvalue(), exc) from exc
        _check_release(course, name)
        report.generated.append(name)
    if check:
        for name in names:
            validate_assignment(course, name)
            report.checked.append(name)
    secure(course)
    return report


def _check_release(course: Course, name: str) -> None:
    folder = course.release_dir / name
    stray = folder / ANSWERS_FILE
    if stray.exists():  # a key file left in source/ must never reach trainees
        stray.unlink()
    for nb in folder.rglob("*.ipynb"):
        text = nb.read_text(encoding="utf-8")
        found = [m for m in FORBIDDEN_IN_RELEASE if m in text]
        if found:
            shutil.rmtree(folder)
            raise LabMutuError(f"Versi peserta {nb.name} masih memuat {', '.join(found)}; tugas {name} "
                               "tidak dibuat.", "Periksa penanda BEGIN/END di notebook sumber.")


def _validator(course: Course, invert: bool, log):
    from nbgrader.validator import Validator

    config = course.nbgrader_config()
    config.Validator.invert = invert
    return Validator(config=config, log=log)


def validate_assignment(course: Course, name: str) -> None:
    """Sources pass with their solutions; released notebooks fail when nothing is answered.

    App assignments take their solutions from the spec's keys, written as an answers file into a
    scratch copy of the source (the source folder itself never holds a key file).

    Raises:
        LabMutuError: the tests that did not behave, per notebook.
    """
    problems = []
    solutions = _spec_solutions(course).get(name)
    with tempfile.TemporaryDirectory(prefix="labmutu-periksa-") as tmp:
        for kind, src, invert in (("sumber", course.source_dir / name, False),
                                  ("versi peserta", course.release_dir / name, True)):
            work = Path(tmp) / kind.replace(" ", "-") / name
            shutil.copytree(src, work)
            if solutions is not None and not invert:
                _write_answers(work / ANSWERS_FILE, name, solutions)
            for nb in sorted(work.glob("*.ipynb")):
                with nbgrader_log() as (log, _buffer), kernel_output_to_log(course, "periksa"):
                    result = _validator(course, invert, log).validate(str(nb))
                bad = result.get("passed" if invert else "failed", []) + result.get("changed", [])
                if bad:
                    what = "lolos padahal kosong" if invert else "gagal padahal memakai kunci"
                    problems.append(f"{kind} {nb.name}: {len(bad)} uji {what}")
    if problems:
        raise LabMutuError(f"Pemeriksaan tugas {name} tidak lolos: " + "; ".join(problems) + ".",
                           "Perbaiki uji atau kuncinya di notebook sumber (atau spesifikasi.py).")


def _spec_solutions(course: Course) -> dict[str, dict]:
    if not course.spec_file.is_file():
        return {}
    from labmutu.grading.builder import load_spec, solution_answers

    return {a.name: solution_answers(a) for a in load_spec(course.spec_file)}


def _write_answers(path: Path, assignment: str, answers: dict) -> None:
    from labmutu.answers import AnswerStore

    AnswerStore(path, assignment).save(answers)


def release(course: Course, assignments: list[str] | None = None) -> list[str]:
    """Copies released assignments to the exchange (again, replacing an older release).

    Raises:
        LabMutuError: an assignment was not built, or the exchange cannot be written.
    """
    from nbgrader.auth import Authenticator
    from nbgrader.exchange.default import ExchangeReleaseAssignment

    ensure_tools()
    ensure_exchange(course)
    names = course.check_assignments(assignments)
    for name in names:
        if not (course.release_dir / name).is_dir():
            raise LabMutuError(f"Tugas {name} belum dibuat.", "Jalankan 'labmutu course build' dulu.")
        config = course.nbgrader_config()
        config.ExchangeReleaseAssignment.force = True
        with nbgrader_log() as (log, buffer):
            coursedir = coursedir_for(course, log, assignment_id=name)
            step = ExchangeReleaseAssignment(coursedir=coursedir, config=config, log=log,
                                             authenticator=Authenticator(config=config, log=log))
            try:
                step.start()
            except Exception as exc:
                raise _fail(f"Membagikan tugas {name}", buffer.getvalue(), exc) from exc
    return names


def released_notebook_metadata(course: Course, name: str) -> dict:
    """The ``labmutu`` metadata (title, summary) of an assignment's first source notebook."""
    notebooks = course.source_notebooks(name)
    if not notebooks:
        return {}
    return json.loads(notebooks[0].read_text(encoding="utf-8")).get("metadata", {}).get("labmutu", {})
