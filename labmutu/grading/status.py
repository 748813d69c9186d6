"""Where a trainee stands on each assignment, and the feedback once the trainer releases it.

States, as the landing page and the assignment app show them:

- ``belum dikerjakan``: fetched (or released), nothing answered or changed yet;
- ``tersimpan``: answers saved (or the notebook changed), not submitted;
- ``dikumpulkan``: submitted at least once; the latest submission has no feedback yet;
- ``dinilai``: the trainer released feedback for the latest submission.

``workspace_assignments(root)`` is the landing page's call: it fetches newly released
assignments and feedback into the workspace, then reports every assignment found there.
"""

from __future__ import annotations

import datetime as dt
import enum
import hashlib
import html as html_lib
import json
import re
from dataclasses import dataclass
from pathlib import Path

from labmutu.errors import LabMutuError
from labmutu.grading import trainee as tr
from labmutu.grading.contract import ANSWERS_FILE, read_answers

SUMMARY = re.compile(r'<script[^>]*\bid="labmutu-nilai"[^>]*>(.*?)</script>', re.S)


class State(str, enum.Enum):
    BELUM = "belum dikerjakan"
    TERSIMPAN = "tersimpan"
    DIKUMPULKAN = "dikumpulkan"
    DINILAI = "dinilai"


@dataclass(frozen=True)
class Feedback:
    """Released feedback for one submission: the score and the HTML the trainee reads."""

    timestamp: str
    score: float
    max_score: float
    items: list
    html: str
    path: Path


@dataclass(frozen=True)
class AssignmentStatus:
    """One assignment in the trainee's workspace."""

    course_id: str
    assignment_id: str
    folder: Path
    notebook: Path | None
    title: str
    state: State
    submitted_at: dt.datetime | None = None
    changed_since_submit: bool = False
    feedback: Feedback | None = None

    @property
    def label(self) -> str:
        """One Indonesian line for the landing page."""
        if self.state is State.DINILAI and self.feedback:
            return f"Dinilai: {_num(self.feedback.score)} dari {_num(self.feedback.max_score)}"
        if self.state in (State.DIKUMPULKAN, State.DINILAI) and self.submitted_at:
            text = f"Dikumpulkan {tr.format_when(self.submitted_at)}"
            return text + (" (ada perubahan yang belum dikumpulkan)" if self.changed_since_submit else "")
        return {State.BELUM: "Belum dikerjakan", State.TERSIMPAN: "Tersimpan, belum dikumpulkan"}.get(
            self.state, self.state.value)


def _num(x: float) -> str:
    return f"{x:g}".replace(".", ",")


def _cache_dir() -> Path:
    from jupyter_core.paths import jupyter_data_dir

    return Path(jupyter_data_dir()) / "nbgrader_cache"


def submissions(course_id: str, assignment_id: str, trainee: str) -> list[tuple[dt.datetime, Path]]:
    """The trainee's submissions of an assignment recorded in nbgrader's cache, oldest first."""
    folder = _cache_dir() / course_id
    found = []
    for path in folder.glob(f"{trainee}+{assignment_id}+*") if folder.is_dir() else []:
        try:
            found.append((tr.parse_timestamp(path.name.split("+", 2)[2]), path))
        except (ValueError, OverflowError, IndexError):
            continue
    return sorted(found)


def _released_feedback(exchange: Path | None, course_id: str, submission: Path) -> bool:
    if exchange is None:
        return False
    try:
        secret = (submission / "submission_secret.txt").read_text()
    except OSError:
        return False
    for nb in submission.glob("*.ipynb"):
        digest = hashlib.md5((secret + nb.stem).encode("utf-8")).hexdigest()
        if (exchange / course_id / "feedback" / f"{digest}.html").is_file():
            return True
    return False


def _fingerprint(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _title(notebook: Path | None, fallback: str) -> str:
    try:
        meta = json.loads(notebook.read_text(encoding="utf-8")).get("metadata", {}).get("labmutu", {})
    except (OSError, ValueError, AttributeError):
        meta = {}
    return meta.get("judul") or fallback.replace("_", " ")


def latest_feedback(folder: Path) -> Feedback | None:
    """The newest feedback already fetched into ``folder/feedback``."""
    best = None
    for page in (folder / "feedback").glob("*/*.html"):
        try:
            text = page.read_text(encoding="utf-8")
            summary = json.loads(html_lib.unescape(SUMMARY.search(text).group(1)))
            when = tr.parse_timestamp(page.parent.name)
        except (OSError, ValueError, AttributeError, OverflowError):
            continue
        if best is None or when > best[0]:
            best = (when, Feedback(page.parent.name, float(summary["nilai"]), float(summary["maks"]),
                                   list(summary.get("butir", [])), text, page))
    return best[1] if best else None


def status(folder: str | Path, exchange: str | Path | None = None, trainee: str | None = None) -> AssignmentStatus:
    """The state of the assignment in ``folder`` for the current (or given) trainee."""
    folder = Path(folder).resolve()
    course_folder, course_id, assignment_id = tr._split(folder)
    who = trainee or tr.current_trainee()
    root = Path(exchange) if exchange else tr.exchange_root(course_folder)
    notebooks = sorted(folder.glob("*.ipynb"))
    notebook = notebooks[0] if notebooks else None
    title = _title(notebook, assignment_id)
    done = submissions(course_id, assignment_id, who)
    fetched = tr._read_marker(course_folder).get("tugas", {}).get(assignment_id, {})
    answers = read_answers(folder, assignment_id).values
    changed_files = [p for p in notebooks if fetched.get(p.name) not in (None, _fingerprint(p))]
    worked = bool(answers) or bool(changed_files)
    if not done:
        return AssignmentStatus(course_id, assignment_id, folder, notebook, title,
                                State.TERSIMPAN if worked else State.BELUM)
    when, latest = done[-1]
    newer = [p for p in [folder / ANSWERS_FILE, *notebooks]
             if p.exists() and dt.datetime.fromtimestamp(p.stat().st_mtime, dt.timezone.utc) > when]
    feedback = latest_feedback(folder)
    graded = _released_feedback(root, course_id, latest) or (
        feedback is not None and tr.parse_timestamp(feedback.timestamp) >= when)
    return AssignmentStatus(course_id, assignment_id, folder, notebook, title,
                            State.DINILAI if graded else State.DIKUMPULKAN, when, bool(newer), feedback)


def fetch_new(root: str | Path, exchange: str | Path | None = None) -> list[Path]:
    """Fetches every released assignment the workspace does not have yet; returns their folders."""
    tasks = Path(root) / tr.TASKS_DIR
    exchange = Path(exchange) if exchange else tr.exchange_root()
    if exchange is None or not exchange.is_dir():
        return []
    who = tr.current_trainee()
    fetched = []
    for outbound in sorted(exchange.glob("*/outbound/*")):
        course_id, assignment_id = outbound.parent.parent.name, outbound.name
        if not (tr.NAME.match(course_id) and tr.NAME.match(assignment_id)) or not outbound.is_dir():
            continue
        dest = tasks / course_id / assignment_id
        if dest.exists():
            continue
        config = tr._exchange_config(exchange, course_id, assignment_id, who, tasks)
        try:
            tr._run_exchange("fetch", config)
        except Exception as exc:
            raise tr._explain(exc, f"Mengambil tugas {assignment_id}") from exc
        marker = tr._read_marker(tasks / course_id)
        marker["exchange"] = str(exchange)
        marker.setdefault("tugas", {})[assignment_id] = {p.name: _fingerprint(p) for p in dest.glob("*.ipynb")}
        tr._write_marker(tasks / course_id, marker)
        fetched.append(dest)
    return fetched


def fetch_feedback(folder: str | Path, exchange: str | Path | None = None) -> Feedback | None:
    """Fetches released feedback for the assignment in ``folder``; returns the newest, if any."""
    folder = Path(folder).resolve()
    course_folder, course_id, assignment_id = tr._split(folder)
    root = Path(exchange) if exchange else tr.exchange_root(course_folder)
    if root is not None and (root / course_id / "feedback").is_dir():
        config = tr._exchange_config(root, course_id, assignment_id, tr.current_trainee(),
                                     course_folder.parent)
        try:
            tr._run_exchange("fetch_feedback", config)
        except Exception as exc:
            raise tr._explain(exc, "Mengambil umpan balik") from exc
    return latest_feedback(folder)


def workspace_assignments(root: str | Path, fetch: bool = True,
                          exchange: str | Path | None = None) -> list[AssignmentStatus]:
    """Every assignment in the workspace with its state, newest releases fetched first.

    Problems with the exchange never hide the assignments already in the workspace.
    """
    tasks = Path(root) / tr.TASKS_DIR
    if fetch:
        try:
            fetch_new(root, exchange)
        except LabMutuError:
            pass
    found = []
    for folder in sorted(tasks.glob("*/*")):
        if not folder.is_dir() or folder.name.startswith("."):
            continue
        try:
            current = status(folder, exchange)
            if fetch and current.state is State.DINILAI and current.feedback is None:
                fetch_feedback(folder, exchange)
                current = status(folder, exchange)
        except LabMutuError:
            continue
        found.append(current)
    return found
