"""The trainee's side of nbgrader's exchange: identity, fetching, submitting and feedback.

Assignments live in the trainee's workspace (the folder ``labmutu serve`` serves)::

    <workspace>/tugas/<kursus>/<tugas>/<notebook>.ipynb, jawaban.json, feedback/<waktu>/...
    <workspace>/tugas/<kursus>/.labmutu-kursus.json   where the exchange is, what was fetched

The trainee is the operating-system user, or ``JUPYTERHUB_USER`` under JupyterHub; the name is
never typed into a page. :func:`submit` is what the "Kumpulkan" button calls, and what the
tests call for simulated trainees.
"""

from __future__ import annotations

import datetime as dt
import getpass
import json
import logging
import os
import re
from dataclasses import dataclass
from pathlib import Path

from labmutu.errors import LabMutuError
from labmutu.grading.contract import ANSWERS_FILE, read_answers

TRAINEE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$")
NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
MARKER = ".labmutu-kursus.json"
EXCHANGE_ENV = "LABMUTU_EXCHANGE"
TASKS_DIR = "tugas"


def current_trainee() -> str:
    """The trainee's id: ``JUPYTERHUB_USER`` when set, else the operating-system user.

    Raises:
        LabMutuError: the name cannot be used by nbgrader (for example it contains "+").
    """
    name = os.environ.get("JUPYTERHUB_USER") or getpass.getuser()
    if not TRAINEE_ID.match(name or ""):
        raise LabMutuError(f"Nama akun '{name}' tidak bisa dipakai untuk mengumpulkan tugas.",
                           "Minta pengelola server memakai nama akun dari huruf, angka, titik, "
                           "garis bawah atau tanda minus.")
    return name


def exchange_root(course_folder: Path | None = None) -> Path | None:
    """Where assignments are exchanged, for this trainee.

    In order: ``$LABMUTU_EXCHANGE``; the folder recorded when the course was fetched; nbgrader's
    own setting (``c.Exchange.root`` in a Jupyter config folder, as JupyterHub setups have).
    """
    if os.environ.get(EXCHANGE_ENV):
        return Path(os.environ[EXCHANGE_ENV]).expanduser()
    if course_folder is not None:
        recorded = _read_marker(course_folder).get("exchange")
        if recorded:
            return Path(recorded)
    return _nbgrader_exchange()


def _nbgrader_exchange() -> Path | None:
    from jupyter_core.paths import jupyter_config_path
    from traitlets.config import PyFileConfigLoader

    for folder in reversed(jupyter_config_path()):  # the user's own setting wins
        if (Path(folder) / "nbgrader_config.py").is_file():
            try:
                config = PyFileConfigLoader("nbgrader_config.py", path=folder).load_config()
            except Exception:  # someone else's broken file must not break the trainee's page
                continue
            root = config.Exchange.get("root")
            if root and Path(root).is_dir():
                return Path(root)
    return None


def _read_marker(course_folder: Path) -> dict:
    try:
        data = json.loads((course_folder / MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _write_marker(course_folder: Path, data: dict) -> None:
    from labmutu.answers import _atomic_write

    course_folder.mkdir(parents=True, exist_ok=True)
    _atomic_write(course_folder / MARKER, json.dumps(data, indent=1, sort_keys=True).encode("utf-8"))


def _exchange_config(exchange: Path, course_id: str, assignment_id: str, student_id: str,
                     assignment_dir: Path):
    from traitlets.config import Config

    from labmutu.grading.settings import IGNORE

    c = Config()
    c.CourseDirectory.course_id = course_id
    c.CourseDirectory.assignment_id = assignment_id
    c.CourseDirectory.student_id = student_id
    c.CourseDirectory.ignore = list(IGNORE)
    c.CourseDirectory.max_file_size = 20_000
    c.CourseDirectory.max_dir_size = 50_000
    c.Exchange.root = str(exchange)
    c.Exchange.path_includes_course = True
    c.Exchange.assignment_dir = str(assignment_dir)
    c.ExchangeSubmit.strict = False
    c.ExchangeFetchAssignment.replace_missing_files = False
    return c


def _run_exchange(kind: str, config):
    """Runs one nbgrader exchange step quietly; returns the step (its attributes say what it did)."""
    from nbgrader.auth import Authenticator
    from nbgrader.coursedir import CourseDirectory
    from nbgrader.exchange.default import (ExchangeFetchAssignment, ExchangeFetchFeedback,
                                           ExchangeSubmit)

    cls = {"submit": ExchangeSubmit, "fetch": ExchangeFetchAssignment,
           "fetch_feedback": ExchangeFetchFeedback}[kind]
    log = logging.getLogger("labmutu.nbgrader.peserta")
    log.propagate = False
    log.handlers[:] = [logging.NullHandler()]
    coursedir = CourseDirectory(config=config, log=log)
    step = cls(coursedir=coursedir, authenticator=Authenticator(config=config, log=log),
               config=config, log=log)
    step.start()
    return step


_EXCHANGE_MESSAGES = (
    ("Inbound directory doesn't exist", "Pengumpulan untuk kursus ini belum dibuka pelatih.",
     "Minta pelatih menjalankan 'labmutu course release' lalu coba lagi."),
    ("Assignment not found", "Tugas ini tidak lagi dibagikan pelatih, jadi belum bisa dikumpulkan.",
     "Tanyakan kepada pelatih; jawaban Anda tetap tersimpan di folder kerja."),
    ("write permissions", "Akun Anda tidak boleh menulis di folder pengumpulan.",
     "Minta pengelola server memberi izin tulis pada folder pertukaran nbgrader."),
    ("Unwritable directory", "Folder pengumpulan tugas tidak bisa ditulis dari akun Anda.",
     "Minta pengelola server membuat folder pertukaran dengan izin 1777."),
    ("too big", "Folder tugas Anda terlalu besar untuk dikumpulkan.",
     "Hapus berkas besar yang tidak perlu (misalnya data salinan) dari folder tugas, lalu coba lagi."),
)


def _explain(exc: Exception, doing: str) -> LabMutuError:
    text = str(exc)
    for needle, message, hint in _EXCHANGE_MESSAGES:
        if needle in text:
            return LabMutuError(message, hint)
    return LabMutuError(f"{doing} gagal: {text or exc.__class__.__name__}.",
                        "Coba sekali lagi; bila tetap gagal, beri tahu pelatih.")


@dataclass(frozen=True)
class Receipt:
    """A submission that reached the exchange."""

    course_id: str
    assignment_id: str
    trainee: str
    timestamp: str  # nbgrader's, in UTC

    @property
    def when(self) -> dt.datetime:
        return parse_timestamp(self.timestamp)


def parse_timestamp(text: str) -> dt.datetime:
    """An nbgrader timestamp as an aware datetime in local time."""
    from nbgrader.utils import parse_utc

    return parse_utc(text).replace(tzinfo=dt.timezone.utc).astimezone()


def format_when(when: dt.datetime) -> str:
    """Local time the way trainees write it: 22-11-2026 17.03 WIB."""
    zone = when.tzname() or ""
    zone = {"+07": "WIB", "+08": "WITA", "+09": "WIT"}.get(zone, zone)
    return f"{when:%d-%m-%Y %H.%M.%S} {zone}".strip()


def _split(folder: Path) -> tuple[Path, str, str]:
    folder = Path(folder).resolve()
    course_folder = folder.parent
    if course_folder.parent.name != TASKS_DIR or not (NAME.match(folder.name) and NAME.match(course_folder.name)):
        raise LabMutuError(f"{folder} bukan folder tugas dari pelatih.",
                           f"Buka tugas dari halaman depan Lab Mutu (folder {TASKS_DIR}/<kursus>/<tugas>).")
    return course_folder, course_folder.name, folder.name


def submit(folder: str | Path, exchange: str | Path | None = None) -> Receipt:
    """Submits the assignment in ``folder`` as the current trainee; resubmitting is allowed.

    Raises:
        LabMutuError: the answers file is damaged, the course is not open, or the exchange
            cannot be written; the message says what to do.
    """
    course_folder, course_id, assignment_id = _split(Path(folder))
    trainee = current_trainee()
    if (Path(folder) / ANSWERS_FILE).exists():
        answers = read_answers(Path(folder), assignment_id)
        if answers.problem:
            raise LabMutuError(f"Tugas belum dikumpulkan: {answers.problem}",
                               "Muat ulang halaman tugas (jawaban dipulihkan dari cadangan), periksa "
                               "isian Anda, lalu tekan Kumpulkan lagi.")
    root = Path(exchange) if exchange else exchange_root(course_folder)
    if root is None or not root.is_dir():
        raise LabMutuError("Tempat pengumpulan tugas belum disiapkan di komputer ini.",
                           "Minta pelatih membagikan tugas dengan 'labmutu course release'.")
    config = _exchange_config(root, course_id, assignment_id, trainee, course_folder.parent)
    try:
        step = _run_exchange("submit", config)
    except Exception as exc:  # ExchangeError, RuntimeError (size), OSError
        raise _explain(exc, "Pengumpulan") from exc
    return Receipt(course_id, assignment_id, trainee, step.timestamp)
