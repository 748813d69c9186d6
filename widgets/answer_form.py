"""A question with a "Periksa" button that gives immediate, formative feedback.

The form holds one input widget (choice, multiple choice, number or text). "Periksa" runs the
question's checker and shows why an answer is right or what to look at again; it never
reveals the answer key outright. With a ``ModuleSession`` the answer is saved as it changes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Sequence

import ipywidgets as w

from labmutu.widgets.lean import HTML
from labmutu.widgets.session import ModuleSession


@dataclass(frozen=True)
class Feedback:
    """The result of checking an answer.

    Attributes:
        benar: True/False, or None when the answer is not checked automatically (free text).
        pesan: what the trainee reads (Indonesian).
    """

    benar: bool | None
    pesan: str


Checker = Callable[[Any], Feedback]

_STYLE = {True: ("#e6f4ea", "#1e7e34", "Tepat"), False: ("#fdecea", "#b02a37", "Belum tepat"),
          None: ("#eef2f7", "#0b5394", "Tersimpan")}


class AnswerForm(w.VBox):
    """One question: text, input, "Periksa" button, feedback.

    Args:
        key: the answer's key in the module's saved answers.
        question: the question, as HTML (Indonesian).
        answer: the input widget.
        check: the checker, called with the input's value.
        session: where the answer is saved; None keeps it in the page only.
    """

    def __init__(self, key: str, question: str, answer: w.ValueWidget, check: Checker,
                 session: ModuleSession | None = None) -> None:
        self.key = key
        self.check = check
        self.question = HTML(f"<div class='lm-question'>{question}</div>")
        self.answer = answer
        self.check_button = w.Button(description="Periksa", icon="check", button_style="primary",
                                     tooltip="Periksa jawaban ini")
        self.feedback = HTML()
        self.result: Feedback | None = None
        if session is not None:
            session.bind(key, self.answer)
        self.check_button.on_click(self._on_check_button_click)
        self.answer.observe(self._on_answer_change, names="value")
        super().__init__([self.question, self.answer, self.check_button, self.feedback],
                         layout=w.Layout(margin="0 0 16px 0"))
        # Stable hooks for pages and browser tests: .lm-soal and .lm-soal-<key>.
        self.add_class("lm-soal")
        self.add_class(f"lm-soal-{key}")

    def _on_check_button_click(self, _button: w.Button) -> None:
        value = self.answer.value
        if value in (None, "", ()) :
            self.result = Feedback(False, "Jawaban masih kosong. Pilih atau tulis jawaban Anda dulu.")
        else:
            self.result = self.check(value)
        background, colour, label = _STYLE[self.result.benar]
        self.feedback.value = (
            f"<div style='background:{background};border-left:4px solid {colour};padding:6px 10px'>"
            f"<b style='color:{colour}'>{label}.</b> {self.result.pesan}</div>")

    def _on_answer_change(self, _change: dict) -> None:
        self.feedback.value = ""
        self.result = None


def single_choice(key: str, question: str, options: Sequence[str], correct: str,
                  explanations: dict[str, str] | None = None,
                  session: ModuleSession | None = None) -> AnswerForm:
    """A multiple-choice question with one right option and a hint per wrong option."""
    if correct not in options:
        raise ValueError(f"jawaban benar {correct!r} tidak ada di pilihan")
    explanations = explanations or {}

    def check(value: str) -> Feedback:
        if value == correct:
            return Feedback(True, explanations.get(correct, "Jawaban Anda sesuai."))
        return Feedback(False, explanations.get(value, "Baca lagi penjelasan di atas, lalu coba lagi."))

    radio = w.RadioButtons(options=list(options), value=None, layout=w.Layout(width="auto"))
    return AnswerForm(key, question, radio, check, session)


def multiple_choice(key: str, question: str, options: Sequence[str], correct: Sequence[str],
                    session: ModuleSession | None = None) -> AnswerForm:
    """A question where several options are right; feedback counts what is right and missing."""
    correct_set = set(correct)

    def check(value: Sequence[str]) -> Feedback:
        chosen = set(value)
        if chosen == correct_set:
            return Feedback(True, "Semua pilihan Anda tepat.")
        right = len(chosen & correct_set)
        wrong = len(chosen - correct_set)
        missing = len(correct_set - chosen)
        parts = [f"{right} pilihan tepat"]
        if wrong:
            parts.append(f"{wrong} pilihan kurang tepat")
        if missing:
            parts.append(f"{missing} pilihan tepat belum dipilih")
        return Feedback(False, ", ".join(parts) + ".")

    boxes = w.SelectMultiple(options=list(options), value=(), rows=min(len(options), 8),
                             layout=w.Layout(width="auto"))
    return AnswerForm(key, question, boxes, check, session)


def free_text(key: str, question: str, min_words: int = 10, placeholder: str = "",
              session: ModuleSession | None = None) -> AnswerForm:
    """An open question graded later by the trainer; "Periksa" only checks it is substantial."""

    def check(value: str) -> Feedback:
        words = len(value.split())
        if words < min_words:
            return Feedback(False, f"Jawaban baru {words} kata. Uraikan lebih lengkap "
                                   f"(paling sedikit {min_words} kata).")
        return Feedback(None, "Jawaban Anda tersimpan dan akan dibahas bersama pelatih.")

    area = w.Textarea(placeholder=placeholder, layout=w.Layout(width="100%", height="110px"))
    return AnswerForm(key, question, area, check, session)
