"""``labmutu course collect``: the latest submission of each trainee, from the exchange to ``submitted/``.

Same layout and rules as ``nbgrader collect`` (newest submission per trainee wins; an older one
never replaces a newer one already collected), with what a world-writable inbound folder needs:
a submission whose name, trainee id or time does not parse is skipped with a reason; only regular
files are copied (a link to another file or a device is not followed); size and count limits
hold; files that would run as code when the notebook starts are left behind; and a submission is
swapped in whole, so a trainee never ends up half old, half new.
"""

from __future__ import annotations

import fnmatch
import os
import re
import shutil
import stat
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from labmutu.errors import LabMutuError
from labmutu.grading.course import Course, secure
from labmutu.grading.settings import IGNORE
from labmutu.grading.trainee import TRAINEE_ID

ENTRY = re.compile(r"^(?P<student>[^+/]+)\+(?P<assignment>[^+/]+)\+(?P<timestamp>[^+/]+)(?:\+[^/]*)?$")
MAX_FILES = 200
MAX_FILE_BYTES = 20_000_000
MAX_TOTAL_BYTES = 50_000_000


@dataclass
class CollectReport:
    """What was collected, what was already there, and what was skipped (with reasons)."""

    collected: list[tuple[str, str, str]] = field(default_factory=list)  # trainee, tugas, waktu
    unchanged: int = 0
    skipped: list[str] = field(default_factory=list)


def _owner(path: Path) -> str:
    try:
        import pwd

        return pwd.getpwuid(os.lstat(path).st_uid).pw_name
    except (KeyError, ImportError, OSError):
        return ""


def _timestamp(text: str):
    from nbgrader.utils import parse_utc

    try:
        return parse_utc(text)
    except (ValueError, OverflowError, TypeError):
        return None


def collect(course: Course, assignments: list[str] | None = None, check_owner: bool | None = None) -> CollectReport:
    """Collects the newest submission of every trainee for ``assignments`` (all when empty)."""
    names = set(course.check_assignments(assignments))
    if check_owner is None:
        check_owner = bool(course.config.ExchangeCollect.get("check_owner", False))
    inbound = course.exchange / course.course_id / "inbound"
    report = CollectReport()
    if not inbound.is_dir():
        raise LabMutuError(f"Belum ada folder pengumpulan {inbound}.",
                           "Bagikan tugas dulu dengan 'labmutu course release'.")
    latest: dict[tuple[str, str], tuple] = {}
    for entry in sorted(inbound.iterdir()):
        match = ENTRY.match(entry.name)
        if not match:
            report.skipped.append(f"{entry.name}: nama kiriman tidak dikenali")
            continue
        student, assignment = match["student"], match["assignment"]
        if assignment not in names:
            continue
        when = _timestamp(match["timestamp"])
        if not TRAINEE_ID.match(student):
            report.skipped.append(f"{entry.name}: nama peserta '{student}' tidak sah")
        elif when is None:
            report.skipped.append(f"{entry.name}: waktu kiriman tidak terbaca")
        elif entry.is_symlink() or not entry.is_dir():
            report.skipped.append(f"{entry.name}: bukan folder kiriman")
        elif check_owner and _owner(entry) != student:
            report.skipped.append(f"{entry.name}: dikirim oleh akun '{_owner(entry)}', bukan '{student}'")
        elif (student, assignment) not in latest or when > latest[(student, assignment)][0]:
            latest[(student, assignment)] = (when, entry, match["timestamp"])
    for (student, assignment), (when, entry, stamp) in sorted(latest.items()):
        dest = course.submitted_dir / student / assignment
        existing = _timestamp(_read_small(dest / "timestamp.txt"))
        if existing is not None and existing >= when:
            report.unchanged += 1
            continue
        try:
            _swap_in(entry, dest, stamp)
        except _TooBig as exc:
            report.skipped.append(f"{entry.name}: {exc}")
            continue
        report.collected.append((student, assignment, stamp))
    secure(course)
    return report


def _read_small(path: Path) -> str:
    try:
        with open(path, "rb") as fh:
            return fh.read(200).decode("utf-8", "replace").strip()
    except OSError:
        return ""


class _TooBig(Exception):
    pass


def _ignored(name: str) -> bool:
    return any(fnmatch.fnmatch(name, pattern) for pattern in IGNORE)


def _swap_in(src: Path, dest: Path, stamp: str) -> None:
    staging = dest.parent / f".labmutu-masuk-{uuid.uuid4().hex[:8]}"
    staging.mkdir(parents=True)
    try:
        _copy_submission(src, staging)
        (staging / "timestamp.txt").write_text(stamp, encoding="utf-8")
        old = dest.parent / f".labmutu-lama-{uuid.uuid4().hex[:8]}"
        if dest.exists():
            os.replace(dest, old)
        os.replace(staging, dest)
        shutil.rmtree(old, ignore_errors=True)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _copy_submission(src: Path, dst: Path) -> None:
    files, total = 0, 0
    for dirpath, dirnames, filenames in os.walk(src, followlinks=False):
        dirnames[:] = [d for d in dirnames if not _ignored(d) and not os.path.islink(os.path.join(dirpath, d))]
        rel = Path(dirpath).relative_to(src)
        for name in filenames:
            path = Path(dirpath) / name
            info = os.lstat(path)
            if _ignored(name) or name == "timestamp.txt" and rel == Path(".") or not stat.S_ISREG(info.st_mode):
                continue
            files += 1
            total += info.st_size
            if files > MAX_FILES or info.st_size > MAX_FILE_BYTES or total > MAX_TOTAL_BYTES:
                raise _TooBig("kiriman terlalu besar atau berisi terlalu banyak berkas; dilewati")
            (dst / rel).mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, dst / rel / name, follow_symlinks=False)
