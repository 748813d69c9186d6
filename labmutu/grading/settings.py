"""nbgrader settings for a course root on one machine (a laptop, a LAN server, a JupyterHub).

A course root's ``nbgrader_config.py`` calls :func:`configure`, so stock ``nbgrader`` commands run
in the course root, the formgrader, and ``labmutu course ...`` all grade the same way:

- timeouts: a cell that runs longer than ``Execute.timeout`` seconds is interrupted and scores 0;
- the trainee's answers file is never overwritten by a file of the same name in ``source/``
  (``Autograde.exclude_overwriting``);
- files that would run as code when a notebook starts in the submission's folder (``*.py``,
  ``*.pth``, ``*.so``, ...) are not carried from submissions, nor are the answers file's backups;
- the exchange lives inside the course root unless the course names another folder;
- ``ExchangeCollect.check_owner`` is off: with JupyterHub or a shared account, submissions are
  owned by one system user (``labmutu course collect`` checks names itself);
- stubs and messages trainees read are Indonesian;
- for app assignments (notebooks without solution cells), code cells nbgrader does not know are
  removed before grading (:class:`labmutu.grading.preprocessors.DropUnknownCells`);
- the kernel that grades a notebook starts in a scratch copy of its folder without the notebook
  (:class:`labmutu.grading.preprocessors.IsolatedExecute`), so trainee code cannot read the
  hidden tests from the file being graded.
"""

from __future__ import annotations

import os
from pathlib import Path

from labmutu.grading.contract import ANSWERS_FILE

# Carried by nbgrader from submissions? Never these: code that runs at import, and backups.
IGNORE = [
    ".ipynb_checkpoints", "__pycache__", "feedback",
    "*.py", "*.pyc", "*.pyo", "*.pyd", "*.so", "*.pth", "*.egg-link", "ipython*_config.*",
    f"{ANSWERS_FILE}.bak", f"{ANSWERS_FILE}.rusak-*", f".{ANSWERS_FILE}.*.tmp",
    ".labmutu*",
]
TIMEOUT_SECONDS = 30
CODE_STUB = "# TULIS KODE ANDA DI SINI\nraise NotImplementedError()"
TEXT_STUB = "TULIS JAWABAN ANDA DI SINI"


def configure(c, root: str | os.PathLike, course_id: str, exchange: str | os.PathLike | None = None,
              app_assignments: bool = False) -> None:
    """Fills an nbgrader config object for the course at ``root``.

    Args:
        c: the ``Config`` object of ``nbgrader_config.py`` (``get_config()``).
        root: the course root (the folder holding ``source/``).
        course_id: the course name trainees see and the exchange uses.
        exchange: the exchange folder; ``<root>/exchange`` when None.
        app_assignments: whether assignments are Voilà apps graded from an answers file.
    """
    from nbconvert.preprocessors import ClearMetadataPreprocessor
    from nbgrader.preprocessors import (AssignLatePenalties, CheckCellMetadata, ClearOutput,
                                        DeduplicateIds, IgnorePattern, LimitOutput, OverwriteCells,
                                        OverwriteKernelspec, SaveAutoGrades)

    from labmutu.grading.preprocessors import DropUnknownCells, IsolatedExecute

    root = Path(root).resolve()
    c.CourseDirectory.root = str(root)
    c.CourseDirectory.course_id = course_id
    c.CourseDirectory.ignore = list(IGNORE)
    c.CourseDirectory.max_file_size = 20_000  # kB per file
    c.CourseDirectory.max_dir_size = 50_000  # kB per submission
    c.Exchange.root = str(Path(exchange).resolve() if exchange else root / "exchange")
    c.Exchange.path_includes_course = True
    c.ExchangeCollect.check_owner = False
    c.ExchangeSubmit.strict = False

    c.Execute.timeout = TIMEOUT_SECONDS
    c.Execute.interrupt_on_timeout = True
    # A kernel that answers but never reports idle (code ignoring the interrupt) must not stop
    # the whole notebook: the cell scores 0 and grading goes on.
    c.Execute.raise_on_iopub_timeout = False
    c.Execute.startup_timeout = 60
    # The kernel's own start-up warnings would reach the trainer's terminal, not the notebook.
    c.Execute.extra_arguments = ["--HistoryManager.hist_file=:memory:", "--IPKernelApp.log_level=ERROR"]
    c.Execute.error_on_timeout = {
        "ename": "BatasWaktu",
        "evalue": "Sel ini berjalan lebih dari batas waktu dan dihentikan.",
        "traceback": ["BatasWaktu: sel ini berjalan terlalu lama dan dihentikan (nilai 0)."],
    }
    c.LimitOutput.max_lines = 200
    c.LimitOutput.max_traceback = 30

    # A test cell deleted from a submission is put back and run, rather than silently worth nothing.
    c.OverwriteCells.add_missing_cells = True
    c.OverwriteCells.missing_cell_notification = (
        "Sel ini (id: {cell_id}) hilang dari kiriman dan dikembalikan sebelum dinilai.\n\n")
    c.ClearSolutions.code_stub = {"python": CODE_STUB}
    c.ClearSolutions.text_stub = TEXT_STUB
    c.Autograde.exclude_overwriting = {a: [ANSWERS_FILE] for a in _assignments(root / "source")}

    c.DropUnknownCells.enabled = bool(app_assignments)
    # nbgrader's own sanitising steps, then ours (after OverwriteCells has restored known cells).
    c.Autograde.sanitize_preprocessors = [ClearOutput, DeduplicateIds, OverwriteKernelspec,
                                          OverwriteCells, CheckCellMetadata, DropUnknownCells]
    # nbgrader's grading steps, with the kernel started away from the notebook being graded.
    c.Autograde.autograde_preprocessors = [IsolatedExecute, IgnorePattern, ClearMetadataPreprocessor,
                                           LimitOutput, SaveAutoGrades, AssignLatePenalties,
                                           CheckCellMetadata]


def _assignments(source: Path) -> list[str]:
    if not source.is_dir():
        return []
    return sorted(p.name for p in source.iterdir() if p.is_dir() and not p.name.startswith("."))
