"""Writes the source notebook of an app assignment from a specification.

An app course keeps its assignments as data in ``<course>/spesifikasi.py`` (a list
``ASSIGNMENTS`` of :class:`AppAssignment`). :func:`build_notebook` turns one into an nbgrader
source notebook: locked app cells that call :mod:`labmutu.grading.app`, one graded test cell per
auto-graded item (visible: the item must be answered; hidden: the key and the points), and a
manually graded task cell with its rubric after each free-text item. The spec is the one place a
question, its key and its points are written; when richer widgets replace a module's questions,
only the spec (and the app calls the builder emits) change.
"""

from __future__ import annotations

import json
import re
import runpy
from dataclasses import dataclass, field
from pathlib import Path
from typing import Union

import nbformat

from labmutu.errors import LabMutuError

KEY = re.compile(r"^[a-z][a-z0-9_]{1,40}$")
SCHEMA_VERSION = 3


@dataclass(frozen=True)
class Choice:
    """One right option among ``options``."""

    key: str
    question: str
    options: tuple[str, ...]
    answer: str
    points: float = 1


@dataclass(frozen=True)
class Choices:
    """Several right options; partial credit (right − wrong) / number right."""

    key: str
    question: str
    options: tuple[str, ...]
    answer: tuple[str, ...]
    points: float = 2


@dataclass(frozen=True)
class Number:
    """A number; full points within ``tolerance``, half within ``half_tolerance``."""

    key: str
    question: str
    answer: float
    points: float = 1
    tolerance: float = 0.0
    half_tolerance: float | None = None
    unit: str = ""


@dataclass(frozen=True)
class Order:
    """Steps to put in order; points in proportion to the positions right."""

    key: str
    question: str
    steps: tuple[str, ...]  # in the order the trainee first sees them
    answer: tuple[str, ...]
    points: float = 2


@dataclass(frozen=True)
class Reflection:
    """Free text graded by hand in the formgrader against ``rubric``."""

    key: str
    question: str
    rubric: tuple[str, ...]
    points: float = 4
    min_words: int = 30


@dataclass(frozen=True)
class Text:
    """A markdown cell (explanation, a heading)."""

    markdown: str


@dataclass(frozen=True)
class School:
    """The school the questions are about, shown as its latest Rapor."""

    sample: str
    npsn: str
    codes: tuple[str, ...] = ()


Part = Union[Choice, Choices, Number, Order, Reflection, Text, School]
Item = Union[Choice, Choices, Number, Order, Reflection]
KINDS = {Choice: "choice", Choices: "choices", Number: "number", Order: "order", Reflection: "text"}


@dataclass(frozen=True)
class AppAssignment:
    """One assignment of an app course."""

    name: str
    title: str
    summary: str
    goals: str
    steps: tuple[str, ...]
    jp: int
    parts: tuple[Part, ...] = field(default=())

    @property
    def items(self) -> list[Item]:
        return [p for p in self.parts if type(p) in KINDS]

    @property
    def points(self) -> float:
        return float(sum(i.points for i in self.items))


def check(assignment: AppAssignment) -> None:
    """Reports every problem of a spec at once.

    Raises:
        LabMutuError: the list of problems, one per line.
    """
    problems, seen = [], set()
    if not re.match(r"^[0-9a-z][0-9a-z_-]{1,62}$", assignment.name):
        problems.append(f"nama tugas '{assignment.name}' harus huruf kecil, angka, _ atau -")
    for item in assignment.items:
        where = f"butir {item.key}"
        if not KEY.match(item.key) or item.key in seen:
            problems.append(f"{where}: kunci harus unik, huruf kecil/angka/_ (2-41 karakter)")
        seen.add(item.key)
        if item.points <= 0:
            problems.append(f"{where}: poin harus lebih dari 0")
        if isinstance(item, Choice) and item.answer not in item.options:
            problems.append(f"{where}: jawaban '{item.answer}' tidak ada di pilihan")
        if isinstance(item, Choices) and (not item.answer or set(item.answer) - set(item.options)):
            problems.append(f"{where}: jawaban harus bagian dari pilihan dan tidak kosong")
        if isinstance(item, Order) and sorted(item.answer) != sorted(item.steps):
            problems.append(f"{where}: urutan jawaban harus memuat setiap langkah tepat sekali")
        if isinstance(item, Number) and item.tolerance < 0:
            problems.append(f"{where}: toleransi tidak boleh negatif")
    if problems:
        raise LabMutuError(f"Spesifikasi tugas {assignment.name} bermasalah:\n- " + "\n- ".join(problems),
                           "Perbaiki spesifikasi.py lalu jalankan 'labmutu course build' lagi.")


def _lit(value) -> str:
    """A Python literal, with double quotes and Indonesian text kept readable."""
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_lit(v) for v in value) + "]"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return json.dumps(value, ensure_ascii=False)


def _meta(grade_id: str, *, grade: bool = False, task: bool = False, points: float | None = None) -> dict:
    meta = {"grade": grade, "grade_id": grade_id, "locked": True, "schema_version": SCHEMA_VERSION,
            "solution": False, "task": task}
    if points is not None:
        meta["points"] = int(points) if float(points).is_integer() else points
    return {"nbgrader": meta}


def _code(grade_id: str, source: str, **meta) -> nbformat.NotebookNode:
    cell = nbformat.v4.new_code_cell(source, metadata=_meta(grade_id, **meta))
    cell["id"] = grade_id.replace("_", "-")
    return cell


def _markdown(grade_id: str, source: str, **meta) -> nbformat.NotebookNode:
    cell = nbformat.v4.new_markdown_cell(source, metadata=_meta(grade_id, **meta))
    cell["id"] = grade_id.replace("_", "-")
    return cell


def _options(values) -> str:
    """A list literal, one value per line when it would not fit on one."""
    flat = _lit(values)
    if len(flat) <= 80:
        return flat
    return "[\n" + "".join(f"        {_lit(v)},\n" for v in values) + "    ]"


def _app_call(item: Item) -> str:
    key, question = _lit(item.key), _lit(item.question)
    if isinstance(item, Choice):
        return f"tugas.single_choice(\n    {key},\n    {question},\n    {_options(item.options)},\n)"
    if isinstance(item, Choices):
        return f"tugas.multiple_choice(\n    {key},\n    {question},\n    {_options(item.options)},\n)"
    if isinstance(item, Number):
        return f"tugas.number(\n    {key},\n    {question},\n    unit={_lit(item.unit)},\n)"
    if isinstance(item, Order):
        return f"tugas.order(\n    {key},\n    {question},\n    {_options(item.steps)},\n)"
    return f"tugas.free_text(\n    {key},\n    {question},\n    min_words={item.min_words},\n)"


def _hidden_call(item: Item) -> str:
    key, pts = _lit(item.key), _lit(float(item.points))
    if isinstance(item, Choice):
        return f"scoring.choice({key}, {_lit(item.answer)}, points={pts})"
    if isinstance(item, Choices):
        return f"scoring.choices({key}, {_lit(item.answer)}, points={pts})"
    if isinstance(item, Number):
        extra = f", half_tolerance={_lit(item.half_tolerance)}" if item.half_tolerance is not None else ""
        return f"scoring.number({key}, {_lit(item.answer)}, points={pts}, tolerance={_lit(item.tolerance)}{extra})"
    return f"scoring.order({key}, {_lit(item.answer)}, points={pts})"


def build_notebook(assignment: AppAssignment) -> nbformat.NotebookNode:
    """The nbgrader source notebook of ``assignment`` (deterministic: same spec, same bytes)."""
    check(assignment)
    steps = "\n".join(f"{i}. {s}" for i, s in enumerate(assignment.steps, start=1))
    cells = [
        _markdown("pengantar", f"# {assignment.title}\n\n**Tujuan.** {assignment.goals}\n\n"
                               f"**Yang akan dilakukan.**\n{steps}\n\n**Waktu.** {assignment.jp} JP\n\n"
                               "Jawaban tersimpan otomatis. Nilai diberikan setelah tugas dikumpulkan."),
        _code("aplikasi", f"from labmutu.grading.app import Assignment\n\n"
                          f"tugas = Assignment({_lit(assignment.name)})\ntugas.header()"),
    ]
    number = 0
    for index, part in enumerate(assignment.parts):
        if isinstance(part, Text):
            cells.append(_markdown(f"teks_{index}", part.markdown))
        elif isinstance(part, School):
            codes = f", {_lit(part.codes)}" if part.codes else ""
            cells.append(_code(f"profil_{index}",
                               f"tugas.school_profile({_lit(part.sample)}, {_lit(part.npsn)}{codes})"))
        else:
            number += 1
            cells.append(_code(f"butir_{part.key}", _app_call(part)))
            if isinstance(part, Reflection):
                rubric = "\n".join(f"- {line}" for line in part.rubric)
                cells.append(_markdown(f"rubrik_{part.key}", f"**Rubrik butir {number} ({_lit(float(part.points))} "
                                       f"poin, dinilai pelatih).**\n\n{rubric}", task=True, points=part.points))
            else:
                cells.append(_code(
                    f"uji_{part.key}",
                    f"# Butir {number}: {part.key} ({_lit(float(part.points))} poin)\n"
                    f"from labmutu.grading import scoring\n\n"
                    f"scoring.require({_lit(part.key)}, {_lit(KINDS[type(part)])})\n"
                    f"### BEGIN HIDDEN TESTS\n{_hidden_call(part)}\n### END HIDDEN TESTS",
                    grade=True, points=part.points))
    cells.append(_markdown("penutup", "## Kumpulkan\n\nPeriksa lagi jawaban Anda, lalu tekan **Kumpulkan**. "
                                      "Anda boleh mengumpulkan lagi; yang dinilai kiriman terakhir."))
    cells.append(_code("kumpulkan", "tugas.submit_panel()"))
    nb = nbformat.v4.new_notebook(cells=cells)
    nb.metadata = {
        "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
        "labmutu": {"judul": assignment.title, "ringkasan": assignment.summary, "waktu_jp": assignment.jp},
        "language_info": {"name": "python"},
    }
    return nb


def solution_answers(assignment: AppAssignment) -> dict:
    """Answers that earn every automatic point (free text: a long enough sample)."""
    out = {}
    for item in assignment.items:
        if isinstance(item, Reflection):
            out[item.key] = " ".join(["jawaban"] * item.min_words)
        elif isinstance(item, (Choices, Order)):
            out[item.key] = list(item.answer)
        else:
            out[item.key] = item.answer
    return out


def load_spec(path: str | Path) -> list[AppAssignment]:
    """The ``ASSIGNMENTS`` list of a course's ``spesifikasi.py``."""
    try:
        found = runpy.run_path(str(path)).get("ASSIGNMENTS")
    except Exception as exc:
        raise LabMutuError(f"{path} tidak bisa dibaca: {exc}.", "Perbaiki berkas spesifikasi itu.") from exc
    if not isinstance(found, (list, tuple)) or not all(isinstance(a, AppAssignment) for a in found):
        raise LabMutuError(f"{path} harus berisi ASSIGNMENTS: daftar AppAssignment.",
                           "Lihat courses/bimtek-spmi-sekolah/spesifikasi.py sebagai contoh.")
    return list(found)


def write_sources(spec_path: str | Path, source_dir: str | Path) -> list[Path]:
    """Writes ``source/<tugas>/<tugas>.ipynb`` for each spec whose notebook differs; returns those."""
    written = []
    for assignment in load_spec(spec_path):
        path = Path(source_dir) / assignment.name / f"{assignment.name}.ipynb"
        text = nbformat.writes(build_notebook(assignment)) + "\n"
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            written.append(path)
    return written
