"""``labmutu course export``: grades as CSV and XLSX, Indonesian headers, one column per item.

Two tables from the gradebook:

- *Ringkasan* (wide, one row per trainee): account, name, email, then for each assignment every
  graded item in notebook order (``<tugas>: <butir>``), the assignment's total, then the overall
  total, maximum and percentage. An item nobody graded yet (a reflection awaiting the trainer) is
  empty and counted in "Butir belum dinilai"; an assignment not submitted is "belum dikumpulkan".
- *Rincian* (long, one row per trainee × item): for filters and pivot tables.

``nilai.csv`` is the Ringkasan (UTF-8 with BOM, comma separated, decimal point); with
``indonesian_csv`` it uses semicolons and decimal commas, which Excel in Indonesian opens
directly. ``nilai.xlsx`` has both tables as sheets, numbers stored as numbers.
"""

from __future__ import annotations

import csv
import io
import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from labmutu.errors import LabMutuError
from labmutu.grading.course import Course


@dataclass(frozen=True)
class Item:
    assignment: str
    notebook: str
    grade_id: str
    label: str
    max_score: float
    manual: bool


def _items(course: Course, names: list[str]) -> list[Item]:
    """Graded items in notebook order, read from the source notebooks."""
    found = []
    for name in names:
        for path in course.source_notebooks(name):
            nb = json.loads(path.read_text(encoding="utf-8"))
            for cell in nb["cells"]:
                meta = cell.get("metadata", {}).get("nbgrader", {})
                if not (meta.get("grade") or meta.get("task")):
                    continue
                gid = meta["grade_id"]
                label = gid.split("_", 1)[1] if gid.startswith(("uji_", "rubrik_")) else gid
                manual = bool(meta.get("task") or (meta.get("solution") and meta.get("grade")))
                found.append(Item(name, path.stem, gid, label, float(meta.get("points", 0)), manual))
    return found


def tables(course: Course, assignments: list[str] | None = None) -> tuple[list[str], list[list], list[str], list[list]]:
    """(Ringkasan header, rows, Rincian header, rows) from the gradebook."""
    from nbgrader.api import Gradebook, MissingEntry

    names = course.check_assignments(assignments)
    if not course.gradebook_path.is_file():
        raise LabMutuError("Buku nilai belum ada.", "Jalankan 'labmutu course build' dan 'grade' dulu.")
    items = _items(course, names)
    wide_head = ["ID peserta", "Nama", "Email"]
    for name in names:
        wide_head += [f"{name}: {i.label}" for i in items if i.assignment == name]
        wide_head += [f"{name}: jumlah", f"{name}: status"]
    wide_head += ["Total", "Nilai maksimum", "Persentase", "Butir belum dinilai"]
    long_head = ["ID peserta", "Nama", "Tugas", "Butir", "Jenis", "Nilai", "Nilai maksimum",
                 "Perlu dinilai pelatih", "Waktu kumpul (UTC)"]
    wide, long = [], []
    max_total = sum(i.max_score for i in items)
    with Gradebook(course.db_url, course.course_id) as gb:
        for student in sorted(gb.students, key=lambda s: s.id):
            name = " ".join(p for p in (student.first_name, student.last_name) if p)
            row, total, pending = [student.id, name, student.email or ""], 0.0, 0
            for assignment in names:
                try:
                    sub = gb.find_submission(assignment, student.id)
                except MissingEntry:
                    sub = None
                subtotal, status, any_review = 0.0, "belum dikumpulkan", False
                for item in (i for i in items if i.assignment == assignment):
                    value, review = None, False
                    if sub is not None:
                        try:
                            grade = gb.find_grade(item.grade_id, item.notebook, assignment, student.id)
                        except MissingEntry:
                            grade = None
                        if grade is not None:
                            graded = grade.manual_score is not None or grade.auto_score is not None
                            value = float(grade.score) if graded else None
                            review = bool(grade.needs_manual_grade)
                        pending += value is None
                        any_review = any_review or review
                        subtotal += value or 0.0
                        long.append([student.id, name, assignment, item.label,
                                     "dinilai pelatih" if item.manual else "otomatis", value, item.max_score,
                                     "ya" if review else "tidak",
                                     sub.timestamp.strftime("%Y-%m-%d %H:%M:%S") if sub.timestamp else ""])
                    row.append(value)
                if sub is not None:
                    status = "perlu dinilai pelatih" if any_review else "dinilai"
                row += [round(subtotal, 2), status]
                total += subtotal
            row += [round(total, 2), max_total, round(100 * total / max_total, 1) if max_total else 0.0, pending]
            wide.append(row)
    return wide_head, wide, long_head, long


def _atomic_bytes(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
    os.replace(tmp, path)


def write_csv(path: Path, header: list[str], rows: list[list], indonesian: bool = False) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";" if indonesian else ",", lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        cells = []
        for value in row:
            if value is None:
                cells.append("")
            elif isinstance(value, float):
                text = f"{value:.10g}"
                cells.append(text.replace(".", ",") if indonesian else text)
            else:
                cells.append(value)
        writer.writerow(cells)
    _atomic_bytes(path, ("\ufeff" + buffer.getvalue()).encode("utf-8"))


def write_xlsx(path: Path, sheets: list[tuple[str, list[str], list[list]]]) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    book.remove(book.active)
    for title, header, rows in sheets:
        sheet = book.create_sheet(title)
        sheet.append(header)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in rows:
            sheet.append(row)
        sheet.freeze_panes = "B2"
        for i, head in enumerate(header, start=1):
            width = max([len(str(head))] + [len(str(r[i - 1])) for r in rows if r[i - 1] is not None])
            sheet.column_dimensions[get_column_letter(i)].width = min(max(width + 2, 8), 48)
    buffer = io.BytesIO()
    book.save(buffer)
    _atomic_bytes(path, buffer.getvalue())


def export(course: Course, out: str | Path | None = None, assignments: list[str] | None = None,
           indonesian_csv: bool = False) -> list[Path]:
    """Writes the grades; ``out`` is a folder (both files), or a ``.csv`` / ``.xlsx`` file."""
    wide_head, wide, long_head, long = tables(course, assignments)
    out = Path(out) if out else course.root / "nilai"
    written = []
    if out.suffix.lower() in (".csv", ".xlsx"):
        targets = {out.suffix.lower(): out}
    else:
        targets = {".csv": out / "nilai.csv", ".xlsx": out / "nilai.xlsx"}
    try:
        if ".csv" in targets:
            write_csv(targets[".csv"], wide_head, wide, indonesian_csv)
            written.append(targets[".csv"])
        if ".xlsx" in targets:
            write_xlsx(targets[".xlsx"], [("Ringkasan", wide_head, wide), ("Rincian", long_head, long)])
            written.append(targets[".xlsx"])
    except OSError as exc:
        raise LabMutuError(f"Nilai tidak bisa ditulis ke {out}: {exc.strerror}.",
                           "Tutup berkas itu bila sedang dibuka di Excel, atau pilih --keluar lain.") from exc
    return written
