"""``labmutu course roster``: trainees from a CSV file into the gradebook.

The file needs a column with the trainee's account name (``id``, ``id_peserta``, ``akun`` or
``username``: the operating-system or JupyterHub user they submit as) and may have ``nama``
(or ``first_name``/``last_name``) and ``email``. Comma, semicolon or tab separated; UTF-8 with or
without BOM. Every problem is reported at once with its row and column; nothing is imported until
the whole file is right.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from labmutu.errors import LabMutuError
from labmutu.grading.course import Course, secure
from labmutu.grading.distribute import ensure_tools
from labmutu.grading.trainee import TRAINEE_ID

ID_COLUMNS = ("id", "id_peserta", "akun", "username", "user", "peserta")
NAME_COLUMNS = ("nama", "nama_lengkap", "name")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


@dataclass(frozen=True)
class Trainee:
    """One roster row."""

    id: str
    first_name: str = ""
    last_name: str = ""
    email: str = ""


@dataclass
class RosterReport:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)


def _decode(path: Path) -> str:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise LabMutuError(f"Berkas daftar peserta {path} tidak ada.", "Periksa nama dan folder berkasnya.") from None
    except OSError as exc:
        raise LabMutuError(f"Berkas {path} tidak bisa dibaca: {exc.strerror}.", "Periksa izin berkasnya.") from exc
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise LabMutuError(f"{path} disimpan sebagai UTF-16.",
                           "Simpan ulang sebagai 'CSV UTF-8 (Comma delimited)' dari Excel.")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise LabMutuError(f"{path} bukan teks UTF-8 (mungkin disimpan sebagai ANSI).",
                           "Simpan ulang sebagai 'CSV UTF-8 (Comma delimited)' dari Excel.") from None


def read_roster(path: str | Path) -> list[Trainee]:
    """The trainees listed in ``path``.

    Raises:
        LabMutuError: every problem of the file (missing column, empty or invalid account name,
            duplicate, malformed email), each with its row number.
    """
    path = Path(path)
    text = _decode(path)
    if not text.strip():
        raise LabMutuError(f"{path} kosong.", "Isi satu baris judul kolom (misalnya id,nama,email) lalu satu "
                                              "baris per peserta.")
    first = text.splitlines()[0]
    delimiter = max((";", ",", "\t"), key=first.count)
    rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    header = [h.strip().lower().replace(" ", "_") for h in rows[0]]
    id_col = next((header.index(c) for c in ID_COLUMNS if c in header), None)
    if id_col is None:
        raise LabMutuError(f"{path}: tidak ada kolom nama akun peserta.",
                           f"Beri judul kolom salah satu dari: {', '.join(ID_COLUMNS)} (kolom berisi nama "
                           "akun komputer/JupyterHub yang dipakai peserta untuk mengumpulkan).")

    def col(*names: str) -> int | None:
        return next((header.index(c) for c in names if c in header), None)

    name_col, first_col, last_col, email_col = col(*NAME_COLUMNS), col("first_name"), col("last_name"), col("email")
    problems, seen, trainees = [], {}, []
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        cell = lambda i: row[i].strip() if i is not None and i < len(row) else ""  # noqa: E731
        ident = cell(id_col)
        where = f"baris {number}, kolom {rows[0][id_col].strip()}"
        if not ident:
            problems.append(f"{where}: nama akun kosong")
        elif not TRAINEE_ID.match(ident):
            problems.append(f"{where}: '{ident}' bukan nama akun yang sah (huruf, angka, titik, _, -, @; tanpa spasi)")
        elif ident in seen:
            problems.append(f"{where}: '{ident}' sudah ada di baris {seen[ident]}")
        else:
            seen[ident] = number
        email = cell(email_col)
        if email and not EMAIL.match(email):
            problems.append(f"baris {number}, kolom email: '{email}' bukan alamat email")
        full = cell(name_col)
        trainees.append(Trainee(ident, cell(first_col) or full, cell(last_col), email))
    if problems:
        shown = problems[:30] + ([f"... dan {len(problems) - 30} masalah lain"] if len(problems) > 30 else [])
        raise LabMutuError(f"Daftar peserta {path} bermasalah ({len(problems)}):\n- " + "\n- ".join(shown),
                           "Perbaiki baris-baris itu lalu jalankan perintah ini lagi; belum ada yang diimpor.")
    if not trainees:
        raise LabMutuError(f"{path} tidak berisi peserta.", "Tambahkan satu baris per peserta di bawah judul kolom.")
    return trainees


def import_roster(course: Course, path: str | Path) -> RosterReport:
    """Adds or updates every trainee of the file in the course's gradebook."""
    from nbgrader.api import Gradebook

    trainees = read_roster(path)
    ensure_tools()
    report = RosterReport()
    with Gradebook(course.db_url, course.course_id) as gb:
        known = {s.id for s in gb.students}
        for t in trainees:
            gb.update_or_create_student(t.id, first_name=t.first_name or None, last_name=t.last_name or None,
                                        email=t.email or None)
            (report.updated if t.id in known else report.added).append(t.id)
    secure(course)
    return report
