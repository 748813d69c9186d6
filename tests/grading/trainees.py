"""Simulated trainees: the real app code, the real answers file, the real "Kumpulkan" button.

A trainee here is an identity (``JUPYTERHUB_USER``, a home folder with its own nbgrader cache)
and a workspace. Opening an assignment runs the released notebook's code cells in this process
with the notebook's folder as working directory, as Voilà's kernel would, so the questions are
real ``AnswerForm`` widgets bound to ``jawaban.json``; answering sets their values; submitting
clicks the ``SubmitPanel``'s button.
"""

from __future__ import annotations

import ast
import contextlib
import json
import os
from pathlib import Path

import nbformat
import pytest


def run_cell(source: str, namespace: dict):
    """Runs a cell like IPython: returns the value of a final expression, else None."""
    tree = ast.parse(source)
    last = tree.body.pop() if tree.body and isinstance(tree.body[-1], ast.Expr) else None
    exec(compile(tree, "<cell>", "exec"), namespace)
    if last is not None:
        return eval(compile(ast.Expression(last.value), "<cell>", "eval"), namespace)
    return None


class Trainee:
    """One simulated trainee on this machine."""

    def __init__(self, name: str, home: Path, exchange: Path) -> None:
        self.name = name
        self.home = home
        self.exchange = exchange
        self.workspace = home / "labmutu"

    @contextlib.contextmanager
    def session(self, folder: Path | None = None):
        """Environment of this trainee's kernel (identity, cache, exchange), cwd in ``folder``."""
        with pytest.MonkeyPatch.context() as mp:
            mp.setenv("HOME", str(self.home))
            mp.setenv("JUPYTERHUB_USER", self.name)
            mp.setenv("JUPYTER_DATA_DIR", str(self.home / ".local" / "share" / "jupyter"))
            mp.setenv("LABMUTU_EXCHANGE", str(self.exchange))
            mp.delenv("NBGRADER_EXECUTION", raising=False)
            mp.delenv("HTTP_X_LABMUTU_PESERTA", raising=False)
            if folder is not None:
                mp.chdir(folder)
            yield

    def folder(self, course_id: str, assignment: str) -> Path:
        return self.workspace / "tugas" / course_id / assignment

    def landing(self):
        """What the landing page lists (fetching newly released assignments and feedback)."""
        from labmutu.grading.status import workspace_assignments

        with self.session():
            return {s.assignment_id: s for s in workspace_assignments(self.workspace)}

    def open_app(self, folder: Path) -> dict:
        """Runs every code cell of the notebook in ``folder``; returns outputs by grade id."""
        notebook = next(folder.glob("*.ipynb"))
        nb = nbformat.read(notebook, as_version=4)
        namespace: dict = {}
        outputs = {}
        with self.session(folder):
            for cell in nb.cells:
                if cell.cell_type == "code":
                    outputs[cell.metadata.get("nbgrader", {}).get("grade_id", cell.id)] = run_cell(cell.source, namespace)
        return outputs

    def open_app_panel(self, folder: Path) -> dict:
        """Just the "Kumpulkan" cell (``Assignment().submit_panel()``), for notebooks run in Jupyter."""
        from labmutu.grading.app import Assignment

        with self.session(folder):
            return {"kumpulkan": Assignment().submit_panel()}

    def answer(self, app: dict, answers: dict) -> None:
        """Sets each question's widget as a person would; the session saves the answers file."""
        forms = {form.key: form for form in app.values() if hasattr(form, "key") and hasattr(form, "answer")}
        with self.session():
            for key, value in answers.items():
                widget = forms[key].answer
                if hasattr(widget, "positions"):  # OrderInput: one dropdown per position
                    for box, step in zip(widget.positions, value):
                        box.value = step
                elif hasattr(widget, "text"):  # NumberInput: typed the Indonesian way
                    widget.text.value = f"{value:.10g}".replace(".", ",")
                elif isinstance(value, list):
                    widget.value = tuple(value)
                else:
                    widget.value = value

    def press_kumpulkan(self, app: dict) -> str:
        """Clicks "Kumpulkan" on the app's panel; returns what the panel says."""
        panel = app["kumpulkan"]
        with self.session(panel.assignment.folder):
            panel.submit_button.click()
        return panel.result.value

    def see_feedback(self, app: dict) -> str:
        """Clicks "Lihat nilai dan umpan balik"; returns what the panel shows."""
        panel = app["kumpulkan"]
        with self.session(panel.assignment.folder):
            panel.refresh()
            assert panel.feedback_button.layout.display != "none", panel.state.value
            panel.feedback_button.click()
        return panel.feedback.value


def edit_notebook(folder: Path, edit) -> None:
    """Changes the trainee's notebook file the way Jupyter would save it."""
    path = next(folder.glob("*.ipynb"))
    nb = nbformat.read(path, as_version=4)
    edit(nb)
    nbformat.write(nb, path)


def write_raw_answers(folder: Path, assignment: str, values: dict) -> None:
    """A hand-edited answers file (valid JSON, values of any shape)."""
    doc = {"format": "labmutu-jawaban", "versi": 1, "modul": assignment, "diperbarui": "", "jawaban": values}
    (folder / "jawaban.json").write_text(json.dumps(doc), encoding="utf-8")


def hidden_lines(notebook: Path) -> list[str]:
    """Every non-blank line inside the hidden test regions of a source notebook."""
    lines, inside = [], False
    for cell in json.loads(notebook.read_text(encoding="utf-8"))["cells"]:
        for line in "".join(cell["source"]).splitlines():
            if "BEGIN HIDDEN TESTS" in line:
                inside = True
            elif "END HIDDEN TESTS" in line:
                inside = False
            elif inside and line.strip():
                lines.append(line.strip())
    return lines


def trainer(course_root: Path, *args: str, check: bool = True):
    """Runs ``labmutu course ARGS --kursus ROOT`` as the trainer would; returns the completed process."""
    import subprocess
    import sys

    labmutu = str(Path(sys.executable).parent / "labmutu")
    env = {k: v for k, v in os.environ.items() if k not in ("NBGRADER_EXECUTION", "JUPYTERHUB_USER")}
    out = subprocess.run([labmutu, "course", *args, "--kursus", str(course_root)], capture_output=True,
                         text=True, timeout=900, env=env)
    assert "Traceback" not in out.stdout + out.stderr, out.stderr
    if check:
        assert out.returncode == 0, out.stdout + out.stderr
    return out


def nbgrader(*args: str, cwd: Path) -> "subprocess.CompletedProcess":
    """The stock ``nbgrader`` command, with this Python's tools on PATH, run in ``cwd``."""
    import subprocess
    import sys

    bindir = Path(sys.executable).parent
    env = dict(os.environ, PATH=f"{bindir}{os.pathsep}{os.environ.get('PATH', '')}")
    env.pop("NBGRADER_EXECUTION", None)
    return subprocess.run([str(bindir / "nbgrader"), *args], cwd=cwd, capture_output=True, text=True,
                          timeout=900, env=env)
