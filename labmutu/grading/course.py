"""Course roots: creating one, finding one, and running nbgrader parts inside it.

A course root is exactly what nbgrader expects::

    <root>/nbgrader_config.py   calls labmutu.grading.settings.configure (see there)
    <root>/source/<tugas>/      the trainer's notebooks, with solutions and hidden tests
    <root>/spesifikasi.py       (app courses) the assignments as data; `build` writes source/ from it
    <root>/release/ submitted/ autograded/ feedback/ gradebook.db   made by the commands
    <root>/exchange/            the exchange, unless the course names another folder

Trainees never need to read anything here but the exchange; :func:`secure` keeps the rest private
to the trainer's account.
"""

from __future__ import annotations

import io
import logging
import os
import re
import shutil
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from traitlets.config import Config, PyFileConfigLoader

from labmutu.errors import LabMutuError

CONFIG_FILE = "nbgrader_config.py"
GRADEBOOK = "gradebook.db"
COURSE_ID = re.compile(r"^[a-z0-9][a-z0-9-]{1,62}$")
CONFIG_TEMPLATE = '''"""Pengaturan nbgrader untuk kursus {course_id} (dibuat oleh `labmutu course init`).

Perintah nbgrader biasa yang dijalankan di folder ini dan `labmutu course ...` memakai pengaturan
yang sama. Penjelasan setiap pengaturan: labmutu/grading/settings.py dan docs/penilaian.md.
"""

import os

from labmutu.grading.settings import configure

HERE = os.path.dirname(os.path.abspath(__file__))
c = get_config()  # noqa: F821 (disediakan nbgrader)
configure(c, HERE, course_id="{course_id}", exchange={exchange}, app_assignments={app})

# Ubah bila perlu (hapus tanda # di depannya):
# c.Execute.timeout = 30        # detik per sel sebelum sel dihentikan dan bernilai 0
'''


@dataclass(frozen=True)
class Course:
    """One nbgrader course root and its settings."""

    root: Path
    config: Config = field(compare=False, repr=False)

    @property
    def course_id(self) -> str:
        return str(self.config.CourseDirectory.course_id)

    @property
    def exchange(self) -> Path:
        return Path(str(self.config.Exchange.root))

    @property
    def source_dir(self) -> Path:
        return self.root / "source"

    @property
    def release_dir(self) -> Path:
        return self.root / "release"

    @property
    def submitted_dir(self) -> Path:
        return self.root / "submitted"

    @property
    def autograded_dir(self) -> Path:
        return self.root / "autograded"

    @property
    def feedback_dir(self) -> Path:
        return self.root / "feedback"

    @property
    def gradebook_path(self) -> Path:
        return self.root / GRADEBOOK

    @property
    def db_url(self) -> str:
        return f"sqlite:///{self.gradebook_path}"

    @property
    def spec_file(self) -> Path:
        return self.root / "spesifikasi.py"

    def assignments(self) -> list[str]:
        """The assignments in ``source/``, in name order."""
        if not self.source_dir.is_dir():
            return []
        return sorted(p.name for p in self.source_dir.iterdir()
                      if p.is_dir() and not p.name.startswith((".", "_")))

    def source_notebooks(self, assignment: str) -> list[Path]:
        return sorted((self.source_dir / assignment).glob("*.ipynb"))

    def nbgrader_config(self) -> Config:
        """A fresh copy of the course's nbgrader configuration."""
        c = Config()
        c.merge(self.config)
        return c

    def check_assignments(self, names: list[str] | None) -> list[str]:
        """``names`` (all assignments when empty), after checking each exists."""
        known = self.assignments()
        if not names:
            if not known:
                raise LabMutuError(f"Kursus {self.course_id} belum punya tugas di {self.source_dir}.",
                                   "Buat tugas di folder source/ atau isi spesifikasi.py, lalu "
                                   "jalankan 'labmutu course build'.")
            return known
        unknown = [n for n in names if n not in known]
        if unknown:
            raise LabMutuError(f"Tugas tidak dikenal di kursus {self.course_id}: {', '.join(unknown)}.",
                               f"Tugas yang ada: {', '.join(known) or '(belum ada)'}.")
        return list(names)


def shipped_courses_dir() -> Path:
    """The ``courses/`` folder of this checkout (Lab Mutu is installed editable)."""
    return Path(__file__).resolve().parents[2] / "courses"


def resolve_root(path_or_name: str | os.PathLike | None) -> Path:
    """A course root from a path, or from the name of a course shipped in ``courses/``."""
    text = str(path_or_name or ".")
    path = Path(text).expanduser()
    if (path / CONFIG_FILE).is_file():
        return path.resolve()
    shipped = shipped_courses_dir() / text
    if "/" not in text and (shipped / CONFIG_FILE).is_file():
        return shipped.resolve()
    raise LabMutuError(
        f"{path.resolve()} bukan folder kursus: tidak ada {CONFIG_FILE} di sana.",
        "Jalankan perintah di folder kursus, beri --kursus FOLDER, atau buat kursus baru dengan "
        "'labmutu course init FOLDER --dari bimtek-spmi-sekolah'.")


def load_course(path_or_name: str | os.PathLike | None = None) -> Course:
    """Reads a course root's ``nbgrader_config.py``.

    Raises:
        LabMutuError: no course there, or its settings cannot be read.
    """
    root = resolve_root(path_or_name)
    try:
        config = PyFileConfigLoader(CONFIG_FILE, path=str(root)).load_config()
    except Exception as exc:  # any error in the trainer's Python file
        raise LabMutuError(f"Pengaturan kursus {root / CONFIG_FILE} tidak bisa dibaca: {exc}.",
                           "Periksa berkas itu, atau buat ulang dengan 'labmutu course init'.") from exc
    course_id = str(config.CourseDirectory.get("course_id", ""))
    if not course_id:
        raise LabMutuError(f"{root / CONFIG_FILE} tidak menyebut nama kursus (course_id).",
                           "Buat ulang berkas itu dengan 'labmutu course init'.")
    return Course(root, config)


def init_course(root: str | os.PathLike, source_from: str | os.PathLike | None = None,
                course_id: str | None = None, exchange: str | os.PathLike | None = None) -> Course:
    """Creates a course root at ``root``, optionally copying the tugas of another course.

    Args:
        root: the new course folder (must be empty or missing).
        source_from: a course root or shipped course name whose ``source/`` and spec are copied.
        course_id: the course name; the folder name when omitted.
        exchange: a shared exchange folder; ``<root>/exchange`` when omitted.
    """
    root = Path(root).expanduser().resolve()
    if root.exists() and any(root.iterdir()):
        raise LabMutuError(f"Folder {root} sudah berisi berkas.", "Pilih folder baru yang kosong.")
    template = load_course(source_from) if source_from else None
    course_id = course_id or (template.course_id if template else root.name)
    if not COURSE_ID.match(course_id):
        raise LabMutuError(f"Nama kursus '{course_id}' tidak bisa dipakai.",
                           "Pakai huruf kecil, angka dan tanda minus, misalnya 'bimtek-angkatan-1'.")
    app = bool(template and template.config.DropUnknownCells.get("enabled", False))
    root.mkdir(parents=True, exist_ok=True)
    if template:
        shutil.copytree(template.source_dir, root / "source")
        if template.spec_file.is_file():
            shutil.copy2(template.spec_file, root / "spesifikasi.py")
    else:
        (root / "source").mkdir()
    text = CONFIG_TEMPLATE.format(course_id=course_id, app=app,
                                  exchange=repr(str(Path(exchange).expanduser().resolve())) if exchange else None)
    (root / CONFIG_FILE).write_text(text, encoding="utf-8")
    (root / ".gitignore").write_text(GITIGNORE, encoding="utf-8")
    course = load_course(root)
    secure(course)
    return course


GITIGNORE = "release/\nsubmitted/\nautograded/\nfeedback/\nexchange/\ngradebook.db\n.labmutu*/\n"


def ensure_exchange(course: Course) -> None:
    """Creates the exchange folder, writable by every account like /tmp (nbgrader requires it)."""
    try:
        if not course.exchange.is_dir():
            course.exchange.mkdir(parents=True)
            os.chmod(course.exchange, 0o1777)
    except OSError as exc:
        raise LabMutuError(f"Folder pertukaran {course.exchange} tidak bisa dibuat: {exc.strerror}.",
                           "Pilih folder lain di nbgrader_config.py (c.Exchange.root) atau minta "
                           "pengelola server membuatnya dengan izin 1777.") from exc


def secure(course: Course) -> None:
    """Keeps sources, submissions and grades private to the trainer; the exchange stays reachable."""
    inside = course.root in course.exchange.parents
    _chmod(course.root, 0o711 if inside else 0o700)
    for path in (course.source_dir, course.release_dir, course.submitted_dir, course.autograded_dir,
                 course.feedback_dir):
        _chmod(path, 0o700)
    _chmod(course.gradebook_path, 0o600)


def _chmod(path: Path, mode: int) -> None:
    try:
        if path.exists():
            os.chmod(path, mode)
    except OSError:
        pass  # a folder owned by another account: nothing to tighten from here


def quiet_warnings() -> None:
    """nbgrader's gradebook code trips SQLAlchemy 2 warnings that say nothing to a trainer."""
    import warnings

    try:
        from sqlalchemy.exc import SAWarning
    except ImportError:
        return
    warnings.filterwarnings("ignore", category=SAWarning)


@contextmanager
def nbgrader_log():
    """Collects what nbgrader parts log, so the trainer reads Indonesian lines instead."""
    buffer = io.StringIO()
    handler = logging.StreamHandler(buffer)
    handler.setFormatter(logging.Formatter("[%(levelname)s] %(message)s"))
    logger = logging.getLogger("labmutu.nbgrader")
    logger.handlers[:] = [handler]
    logger.propagate = False
    logger.setLevel(logging.INFO)
    try:
        yield logger, buffer
    finally:
        logger.handlers[:] = []


@contextmanager
def kernel_output_to_log(course: Course, name: str):
    """Sends this process's stdout/stderr, which kernels started now inherit, to a log file.

    Kernels print start-up notes and, now and then, a traceback while shutting down; the trainer
    reads Lab Mutu's own lines, and the log keeps the rest (``<kursus>/.labmutu/<name>.log``).
    """
    import sys

    folder = course.root / ".labmutu"
    folder.mkdir(exist_ok=True)
    sys.stdout.flush()
    sys.stderr.flush()
    saved = [os.dup(1), os.dup(2)]
    with open(folder / f"{name}.log", "ab") as log:
        os.dup2(log.fileno(), 1)
        os.dup2(log.fileno(), 2)
        try:
            yield folder / f"{name}.log"
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os.dup2(saved[0], 1)
            os.dup2(saved[1], 2)
            for fd in saved:
                os.close(fd)


def coursedir_for(course: Course, logger: logging.Logger, **traits):
    """An nbgrader ``CourseDirectory`` for ``course`` with extra traits set."""
    from nbgrader.coursedir import CourseDirectory

    coursedir = CourseDirectory(config=course.nbgrader_config(), log=logger)
    for name, value in traits.items():
        setattr(coursedir, name, value)
    return coursedir
