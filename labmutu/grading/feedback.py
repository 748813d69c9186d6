"""``labmutu course feedback``: feedback pages trainees can read, with the answer key kept out.

For each autograded notebook: nbgrader's ``GetGrades`` puts scores and comments on the cells;
:class:`~labmutu.grading.preprocessors.HideHiddenTests` removes hidden test code and everything a
test cell printed, and hides any other output that quotes a hidden test; the page is rendered with
the Indonesian template ``templates/umpan_balik.html.j2`` (no resource from the internet, a score
summary the assignment app reads). Before a page is written it is searched for every hidden test
line of the *source* notebook; a page that contains one is refused, not released. Release uses
nbgrader's exchange, so trainees fetch feedback the usual way.
"""

from __future__ import annotations

import html
import json
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from labmutu.errors import LabMutuError
from labmutu.grading.course import Course, coursedir_for, nbgrader_log, secure
from labmutu.grading.distribute import ensure_tools
from labmutu.grading.preprocessors import HideHiddenTests, hidden_lines, leak_forms

TEMPLATES = Path(__file__).parent / "templates"


@dataclass
class FeedbackReport:
    """Pages written, and pages refused because they would have shown a hidden test."""

    written: list[Path] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    released: int = 0


def _exporter():
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(template_name="classic", extra_template_paths=[str(TEMPLATES)],
                            exclude_input_prompt=True, exclude_output_prompt=True)
    exporter.template_file = "umpan_balik.html.j2"
    return exporter


def _num(value: float | None) -> str:
    return "belum dinilai" if value is None else f"{round(float(value), 2):g}".replace(".", ",")


def _label(cell) -> str:
    for line in cell.source.splitlines():
        text = line.strip().lstrip("#").strip().strip("*").strip()
        if text:
            return text[:90]
    return cell.metadata.nbgrader.get("grade_id", "")


def _summary(nb, resources: dict) -> dict:
    rows = []
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        if meta.get("grade") or meta.get("task"):
            rows.append({"butir": _label(cell), "nilai": meta.get("score"), "maks": meta.get("points")})
    info = resources["nbgrader"]
    pending = any(r["nilai"] is None for r in rows)
    return {"nilai": float(info["score"]), "maks": float(info["max_score"]), "butir": rows,
            "menunggu_pelatih": pending}


def _render(course: Course, student: str, assignment: str, path: Path, fingerprints: set[str],
            exporter) -> str:
    from nbgrader.preprocessors import GetGrades

    nb = nbformat.read(path, as_version=4)
    resources = {"nbgrader": {"student": student, "assignment": assignment, "notebook": path.stem,
                              "db_url": course.db_url},
                 "metadata": {"name": path.stem, "path": str(path.parent)}}
    nb, resources = GetGrades(config=course.nbgrader_config()).preprocess(nb, resources)
    _mark_ungraded(course, nb, student, assignment, path.stem)
    nb, resources = HideHiddenTests().preprocess(nb, resources)
    summary = _summary(nb, resources)
    title = nb.metadata.get("labmutu", {}).get("judul") or assignment
    stamp = path.parent / "timestamp.txt"
    has_solutions = any(c.metadata.get("nbgrader", {}).get("solution") for c in nb.cells)
    resources["labmutu"] = {
        "judul": title, "waktu": _when(stamp),
        "nilai_teks": _num(summary["nilai"]), "maks_teks": _num(summary["maks"]),
        "butir": [{"butir": r["butir"], "teks": f"{_num(r['nilai'])} / {_num(r['maks'])}"}
                  for r in summary["butir"]],
        "ringkasan_json": html.escape(json.dumps(summary, ensure_ascii=False), quote=False),
        "sembunyikan_kode": not has_solutions, "menunggu": summary["menunggu_pelatih"],
    }
    page, _ = exporter.from_notebook_node(nb, resources=resources)
    leaked = [line for line in fingerprints if any(form in page for form in leak_forms(line))]
    if leaked:
        raise _Leak(leaked[0])
    return page


def _mark_ungraded(course: Course, nb, student: str, assignment: str, notebook: str) -> None:
    """A score nobody gave yet (a task awaiting the trainer) reads "belum dinilai", not 0."""
    from nbgrader.api import Gradebook, MissingEntry

    with Gradebook(course.db_url, course.course_id) as gb:
        for cell in nb.cells:
            meta = cell.metadata.get("nbgrader", {})
            if not (meta.get("grade") or meta.get("task")):
                continue
            try:
                grade = gb.find_grade(meta["grade_id"], notebook, assignment, student)
            except MissingEntry:
                continue
            if grade.manual_score is None and grade.auto_score is None:
                meta["score"] = None


def _when(stamp: Path) -> str:
    from labmutu.grading.trainee import format_when, parse_timestamp

    try:
        return format_when(parse_timestamp(stamp.read_text(encoding="utf-8").strip()))
    except (OSError, ValueError, OverflowError):
        return "(waktu tidak tercatat)"


class _Leak(Exception):
    pass


def generate(course: Course, assignments: list[str] | None = None,
             students: list[str] | None = None) -> FeedbackReport:
    """Writes ``feedback/<peserta>/<tugas>/<notebook>.html`` for every autograded submission."""
    names = course.check_assignments(assignments)
    report = FeedbackReport()
    exporter = _exporter()
    for name in names:
        fingerprints = set()
        for source in course.source_notebooks(name):
            fingerprints |= hidden_lines(nbformat.read(source, as_version=4))
        for folder in sorted(course.autograded_dir.glob(f"*/{name}")):
            student = folder.parent.name
            if students and student not in students:
                continue
            dest = course.feedback_dir / student / name
            pages = {}
            try:
                for path in sorted(folder.glob("*.ipynb")):
                    pages[path.stem] = _render(course, student, name, path, fingerprints, exporter)
            except _Leak:
                report.refused.append(f"{student}/{name}")
                shutil.rmtree(dest, ignore_errors=True)
                continue
            staging = dest.parent / f".labmutu-baru-{name}"
            shutil.rmtree(staging, ignore_errors=True)
            staging.mkdir(parents=True)
            for stem, page in pages.items():
                (staging / f"{stem}.html").write_text(page, encoding="utf-8")
            for extra in ("timestamp.txt", "submission_secret.txt"):
                if (folder / extra).is_file():
                    shutil.copyfile(folder / extra, staging / extra)
            shutil.rmtree(dest, ignore_errors=True)
            os.replace(staging, dest)
            report.written += [dest / f"{stem}.html" for stem in pages]
    secure(course)
    return report


def release(course: Course, assignments: list[str] | None = None, students: list[str] | None = None) -> int:
    """Puts generated feedback in the exchange for trainees to fetch; returns the pages released."""
    from nbgrader.auth import Authenticator
    from nbgrader.exchange.default import ExchangeReleaseFeedback

    ensure_tools()
    count = 0
    for name in course.check_assignments(assignments):
        folders = [f for f in sorted(course.feedback_dir.glob(f"*/{name}"))
                   if (not students or f.parent.name in students)
                   and (f / "submission_secret.txt").is_file() and (f / "timestamp.txt").is_file()]
        for folder in folders:
            config = course.nbgrader_config()
            with nbgrader_log() as (log, buffer):
                coursedir = coursedir_for(course, log, assignment_id=name, student_id=folder.parent.name)
                step = ExchangeReleaseFeedback(coursedir=coursedir, config=config, log=log,
                                               authenticator=Authenticator(config=config, log=log))
                try:
                    step.start()
                except Exception as exc:
                    raise LabMutuError(f"Umpan balik {name} untuk {folder.parent.name} gagal dibagikan: {exc}.",
                                       "Periksa izin tulis folder pertukaran.") from exc
            count += len(list(folder.glob("*.html")))
    return count


def feedback(course: Course, assignments: list[str] | None = None, students: list[str] | None = None,
             release_too: bool = True) -> FeedbackReport:
    """Generates feedback, then releases it (``release_too``)."""
    report = generate(course, assignments, students)
    if release_too:
        report.released = release(course, assignments, students)
    return report
