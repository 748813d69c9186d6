"""A graded assignment as a Voilà app: questions, autosave to ``jawaban.json``, and "Kumpulkan".

A notebook of an app course is thin; every code cell calls this module::

    from labmutu.grading.app import Assignment
    tugas = Assignment("01_pemetaan_mutu")
    tugas.header()
    tugas.single_choice("capaian_a1", "1. Apa kategori capaian A.1?", ["Baik", "Sedang", "Kurang"])
    tugas.submit_panel()

In the app (Voilà, Jupyter) each question is an ``AnswerForm`` bound to the answers file beside the
notebook; "Periksa" only says whether the answer is complete, never whether it is right: the key
lives in hidden tests. Under nbgrader (``NBGRADER_EXECUTION``) no widget is built and nothing heavy
is imported; each call returns static HTML of the question with the trainee's saved answer, which
is what the formgrader and the feedback show.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from labmutu.grading.contract import (ANSWERS_FILE, assignment_from_folder, execution_mode,
                                      is_answered, read_answers)


class Assignment:
    """The questions of one assignment, bound to ``jawaban.json`` in the notebook's folder.

    Args:
        name: the assignment id (the folder name when omitted).
        folder: the assignment folder (the working directory when omitted).
    """

    def __init__(self, name: str | None = None, folder: str | Path | None = None) -> None:
        self.folder = Path(folder) if folder else Path.cwd()
        self.name = name or assignment_from_folder(self.folder)
        self.mode = execution_mode()
        self.kinds: dict[str, str] = {}  # item key -> answer kind, in order of appearance
        self.session = None
        self._saved: dict[str, Any] = {}
        if self.mode == "app":
            from labmutu.widgets.session import ModuleSession

            self.session = ModuleSession(self.name, path=self.folder / ANSWERS_FILE)
        else:
            self._saved = read_answers(self.folder, self.name).values

    @property
    def answers(self) -> dict[str, Any]:
        """The answers saved so far."""
        return self.session.answers if self.session is not None else self._saved

    def unanswered(self) -> list[str]:
        """Keys of the items without a usable answer yet."""
        return [key for key, kind in self.kinds.items() if not is_answered(self.answers, key, kind)]

    # -- page parts -------------------------------------------------------------------------

    def header(self):
        """Who is working, and any note about recovered answers."""
        if self.mode != "app":
            return _html(f"<p><i>Tugas {html.escape(self.name)}: jawaban dibaca dari {ANSWERS_FILE}.</i></p>")
        import ipywidgets as w

        from labmutu.grading import trainee

        try:
            who = f"Anda mengerjakan tugas ini sebagai <b>{html.escape(trainee.current_trainee())}</b>."
        except Exception as exc:  # an account name nbgrader cannot use; the panel says more
            who = html.escape(getattr(exc, "message", str(exc)))
        return w.VBox([self.session.notice, w.HTML(
            f"<p>{who} Jawaban tersimpan otomatis setiap kali Anda mengubahnya. Setelah semua butir "
            "terisi, tekan <b>Kumpulkan</b> di bagian akhir halaman.</p>")])

    def school_profile(self, sample: str, npsn: str, codes: Sequence[str] | None = None):
        """The school's latest Rapor Pendidikan as a table, as context for the questions."""
        if self.mode != "app":
            return _html(f"<p><i>Profil sekolah NPSN {html.escape(npsn)} (data {html.escape(sample)}).</i></p>")
        import ipywidgets as w

        from labmutu.grading.profile import school_table

        return w.HTML(school_table(sample, npsn, codes))

    def submit_panel(self):
        """The "Kumpulkan" button, the submission status and, once released, the feedback."""
        if self.mode != "app":
            return None
        from labmutu.grading.panel import SubmitPanel

        return SubmitPanel(self)

    # -- questions --------------------------------------------------------------------------

    def single_choice(self, key: str, question: str, options: Sequence[str]):
        """A question with one answer among ``options``."""
        self.kinds[key] = "choice"
        if self.mode != "app":
            return self._static(key, question)
        import ipywidgets as w

        radio = w.RadioButtons(options=list(options), value=None, layout=w.Layout(width="auto"))
        return self._form(key, question, radio, _complete_choice)

    def multiple_choice(self, key: str, question: str, options: Sequence[str]):
        """A question where the trainee ticks every option that applies."""
        self.kinds[key] = "choices"
        if self.mode != "app":
            return self._static(key, question)
        import ipywidgets as w

        boxes = w.SelectMultiple(options=list(options), value=(), rows=min(len(options), 8),
                                 layout=w.Layout(width="auto"))
        return self._form(key, question, boxes, _complete_choices)

    def number(self, key: str, question: str, unit: str = ""):
        """A question answered with one number ("36,2" and "36.2" both work)."""
        self.kinds[key] = "number"
        if self.mode != "app":
            return self._static(key, question, unit)
        from labmutu.grading.inputs import NumberInput

        return self._form(key, question, NumberInput(unit), _complete_number)

    def order(self, key: str, question: str, steps: Sequence[str]):
        """A question where the trainee puts ``steps`` in order."""
        self.kinds[key] = "order"
        if self.mode != "app":
            return self._static(key, question)
        from labmutu.grading.inputs import OrderInput

        return self._form(key, question, OrderInput(steps), _complete_order)

    def free_text(self, key: str, question: str, min_words: int = 30, placeholder: str = ""):
        """An open question the trainer grades by hand against the rubric shown below it."""
        self.kinds[key] = "text"
        if self.mode != "app":
            return self._static(key, question)
        import ipywidgets as w

        area = w.Textarea(placeholder=placeholder or "Tulis jawaban Anda di sini.",
                          layout=w.Layout(width="100%", height="140px"))

        def complete(value: str):
            from labmutu.widgets.answer_form import Feedback

            words = len((value or "").split())
            if words < min_words:
                return Feedback(False, f"Jawaban baru {words} kata; uraikan lebih lengkap "
                                       f"(paling sedikit {min_words} kata).")
            return Feedback(None, "Jawaban tersimpan. Pelatih menilainya dengan rubrik di bawah ini.")

        return self._form(key, question, area, complete)

    def _form(self, key: str, question: str, widget, check):
        from labmutu.widgets.answer_form import AnswerForm

        return AnswerForm(key, question, widget, check, session=self.session)

    def _static(self, key: str, question: str, unit: str = ""):
        value = self.answers.get(key)
        if not is_answered(self.answers, key, self.kinds[key]):
            shown = "<i>(belum dijawab atau jawaban tidak sah)</i>"
        elif isinstance(value, list):
            items = "".join(f"<li>{html.escape(str(v))}</li>" for v in value)
            shown = f"<ol>{items}</ol>" if self.kinds[key] == "order" else f"<ul>{items}</ul>"
        elif self.kinds[key] == "text":
            shown = f"<blockquote style='white-space:pre-wrap'>{html.escape(str(value))}</blockquote>"
        else:
            shown = f"<b>{html.escape(str(value))}</b> {html.escape(unit)}"
        return _html(f"<div class='lm-butir'><div>{question}</div>"
                     f"<div>Jawaban peserta: {shown}</div></div>")


def _html(text: str):
    from IPython.display import HTML

    return HTML(text)


def _saved_note():
    from labmutu.widgets.answer_form import Feedback

    return Feedback(None, "Jawaban tersimpan. Nilainya keluar setelah tugas dikumpulkan dan dinilai pelatih.")


def _complete_choice(value):
    return _saved_note()


def _complete_choices(value):
    from labmutu.widgets.answer_form import Feedback

    if not value:
        return Feedback(False, "Belum ada pilihan yang dicentang.")
    return _saved_note()


def _complete_number(value):
    from labmutu.widgets.answer_form import Feedback

    if value is None:
        return Feedback(False, "Tulis jawaban berupa angka, misalnya 36,2.")
    return _saved_note()


def _complete_order(value):
    from labmutu.widgets.answer_form import Feedback

    if not value:
        return Feedback(False, "Isi setiap langkah dengan pilihan yang berbeda.")
    return _saved_note()
