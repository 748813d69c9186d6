"""nbgrader preprocessors Lab Mutu adds: what runs when grading, and what feedback may show.

- :class:`DropUnknownCells` (autograde, sanitising): in a notebook without solution cells (an app
  assignment: the trainee answers through widgets), a code cell nbgrader does not know was added
  by hand; it is removed so only the course's own code runs.
- :class:`IsolatedExecute` (autograde): the kernel runs in a scratch copy of the submission's
  folder without notebooks, so trainee code cannot read the notebook being graded, which holds
  the hidden tests at that moment.
- :class:`HideHiddenTests` (feedback): hidden test code, and anything a test cell printed, is
  replaced before the HTML is written; other outputs that quote a hidden test line are hidden.
"""

from __future__ import annotations

import os
import shutil
import stat
import tempfile
from pathlib import Path

from nbconvert.preprocessors import Preprocessor
from nbformat.notebooknode import NotebookNode
from nbgrader import utils
from nbgrader.api import Gradebook, MissingEntry
from nbgrader.preprocessors import Execute, NbGraderPreprocessor

BEGIN_HIDDEN = "BEGIN HIDDEN TESTS"
END_HIDDEN = "END HIDDEN TESTS"
HIDDEN_NOTE = "# (uji tersembunyi: isinya tidak ditampilkan)"
LEAK_NOTE = "Keluaran ini disembunyikan karena memuat isi uji tersembunyi."
MIN_FINGERPRINT = 12  # shorter lines ("else:", "pass") occur in anyone's code


class DropUnknownCells(NbGraderPreprocessor):
    """Removes code cells nbgrader does not know from notebooks that have no solution cells."""

    def preprocess(self, nb: NotebookNode, resources: dict) -> tuple[NotebookNode, dict]:
        info = resources["nbgrader"]
        with Gradebook(info["db_url"]) as gb:
            try:
                notebook = gb.find_notebook(info["notebook"], info["assignment"])
            except MissingEntry:
                return nb, resources
            if notebook.solution_cells:
                return nb, resources  # trainees write code here; their cells are the work
            known = {cell.name for cell in notebook.source_cells}
        kept = [cell for cell in nb.cells
                if cell.cell_type != "code" or cell.metadata.get("nbgrader", {}).get("grade_id") in known]
        if len(kept) != len(nb.cells):
            self.log.warning("%d sel kode tambahan dihapus sebelum dinilai", len(nb.cells) - len(kept))
            nb.cells = kept
        return nb, resources


STUCK = ("Sel ini tidak dijalankan: kernel masih terjebak di sel sebelumnya yang tidak bisa dihentikan, "
         "jadi nilainya 0.")


class IsolatedExecute(Execute):
    """nbgrader's Execute, with the kernel started in a scratch copy of the folder (no notebooks).

    A cell that runs past the time limit is interrupted and scores 0, as in nbgrader. Code that
    ignores the interrupt keeps the kernel busy: when the kernel does not answer a ``kernel_info``
    request after such a timeout, the cells left are not sent to it (they score 0 with a note)
    instead of each waiting out the limit.
    """

    def preprocess_cell(self, cell, resources, index):
        if self._stuck and cell.cell_type == "code":
            cell.outputs = [NotebookNode(output_type="error", ename="BatasWaktu", evalue=STUCK,
                                         traceback=[f"BatasWaktu: {STUCK}"])]
            return cell, resources
        cell, resources = super().preprocess_cell(cell, resources, index)
        if cell.cell_type == "code" and any(o.get("ename") in ("BatasWaktu", "CellTimeoutError")
                                            for o in cell.get("outputs", [])):
            self._stuck = not self._answers()
        return cell, resources

    def _answers(self) -> bool:
        """Whether the kernel replies to ``kernel_info`` (after a timeout: was the interrupt heard?)."""
        reply = self.wait_for_reply(self.kc.kernel_info())
        content = (reply or {}).get("content", {})
        return content.get("status") == "ok"

    def preprocess(self, nb: NotebookNode, resources: dict, km=None):
        self._stuck = False
        metadata = resources.setdefault("metadata", {})
        folder = metadata.get("path") or os.getcwd()
        with tempfile.TemporaryDirectory(prefix="labmutu-nilai-") as tmp:
            # Same folder name: the answers contract reads the assignment id from it.
            work = Path(tmp) / Path(folder).name
            copy_plain_files(Path(folder), work, skip_suffixes=(".ipynb",))
            metadata["path"] = str(work)
            try:
                return super().preprocess(nb, resources, km=km)
            finally:
                metadata["path"] = folder


def copy_plain_files(src: Path, dst: Path, skip_suffixes: tuple[str, ...] = ()) -> None:
    """Copies regular files (never links, devices or pipes) from ``src`` into ``dst``."""
    dst.mkdir(parents=True, exist_ok=True)
    for dirpath, dirnames, filenames in os.walk(src, followlinks=False):
        rel = Path(dirpath).relative_to(src)
        for name in filenames:
            path = Path(dirpath) / name
            info = os.lstat(path)
            if not stat.S_ISREG(info.st_mode) or name.endswith(skip_suffixes):
                continue
            (dst / rel).mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, dst / rel / name, follow_symlinks=False)
        dirnames[:] = [d for d in dirnames if not os.path.islink(os.path.join(dirpath, d))]


def hidden_lines(nb: NotebookNode) -> set[str]:
    """The lines inside hidden test regions, stripped, long enough to recognise elsewhere."""
    found: set[str] = set()
    for cell in nb.cells:
        inside = False
        for line in cell.source.splitlines():
            if BEGIN_HIDDEN in line:
                inside = True
            elif END_HIDDEN in line:
                inside = False
            elif inside and len(line.strip()) >= MIN_FINGERPRINT:
                found.add(line.strip())
    return found


def leak_forms(line: str) -> set[str]:
    """A hidden line as it could appear in printed output: as is, JSON-escaped (a printed
    notebook file), and HTML-escaped. Other encodings are beyond what a scan can see."""
    import html as html_lib
    import json

    forms = {line, json.dumps(line, ensure_ascii=False)[1:-1], json.dumps(line)[1:-1]}
    return forms | {html_lib.escape(f) for f in forms} | {html_lib.escape(f, quote=False) for f in forms}


def visible_part(source: str) -> tuple[str, bool]:
    """The source without its hidden test regions, and whether there were any."""
    kept, inside, had = [], False, False
    for line in source.splitlines():
        if BEGIN_HIDDEN in line:
            inside, had = True, True
            kept.append(line[: len(line) - len(line.lstrip())] + HIDDEN_NOTE)
        elif END_HIDDEN in line:
            inside = False
        elif not inside:
            kept.append(line)
    return "\n".join(kept), had


def _output_text(output: NotebookNode) -> str:
    parts = []
    if output.get("output_type") == "stream":
        parts.append(output.get("text", ""))
    elif output.get("output_type") == "error":
        parts += [output.get("ename", ""), output.get("evalue", ""), *output.get("traceback", [])]
    else:
        for value in output.get("data", {}).values():
            parts.append(value if isinstance(value, str) else str(value))
    return "\n".join(parts)


class HideHiddenTests(Preprocessor):
    """Makes an autograded notebook safe to show the trainee who submitted it."""

    enabled = True

    def preprocess(self, nb: NotebookNode, resources: dict) -> tuple[NotebookNode, dict]:
        fingerprints = set().union(*(leak_forms(line) for line in hidden_lines(nb)))
        for cell in nb.cells:
            if cell.cell_type != "code":
                cell.source, _ = visible_part(cell.source)
                continue
            cell.source, had_hidden = visible_part(cell.source)
            if had_hidden or utils.is_grade(cell):
                cell.outputs = [self._verdict(o, fingerprints) for o in cell.outputs
                                if o.get("output_type") == "error"][:1]
            else:
                cell.outputs = [self._checked(o, fingerprints) for o in cell.outputs]
        return nb, resources

    @staticmethod
    def _leaks(text: str, fingerprints: set[str]) -> bool:
        return any(f in text for f in fingerprints)

    def _verdict(self, output: NotebookNode, fingerprints: set[str]) -> NotebookNode:
        # No traceback: IPython's shows the lines around the failing one, hidden lines included.
        evalue = str(output.get("evalue", ""))[:500]
        if self._leaks(evalue, fingerprints):
            evalue = ""
        ename = str(output.get("ename", "Error"))[:100]
        text = f"{ename}: {evalue}" if evalue else ename
        return NotebookNode(output_type="error", ename=ename, evalue=evalue, traceback=[text])

    def _checked(self, output: NotebookNode, fingerprints: set[str]) -> NotebookNode:
        if fingerprints and self._leaks(_output_text(output), fingerprints):
            return NotebookNode(output_type="stream", name="stdout", text=LEAK_NOTE + "\n")
        return output
