"""The "Kumpulkan" panel at the end of every assignment app.

It shows who submits (the account, never typed), the assignment's state, a "Kumpulkan" button
that confirms with the time and allows resubmission, and "Lihat nilai dan umpan balik" once the
trainer has released feedback. Everything it does goes through ``labmutu.grading.trainee`` and
``labmutu.grading.status``, the same calls the tests make.
"""

from __future__ import annotations

import html

import ipywidgets as w

from labmutu.errors import LabMutuError
from labmutu.grading import status as st
from labmutu.grading import trainee as tr

_BOX = ("<div style='background:{bg};border-left:4px solid {fg};padding:6px 10px;margin:6px 0'>"
        "{text}</div>")


def _note(text: str, kind: str = "info") -> str:
    bg, fg = {"ok": ("#e6f4ea", "#1e7e34"), "error": ("#fdecea", "#b02a37"),
              "info": ("#eef2f7", "#0b5394")}[kind]
    return _BOX.format(bg=bg, fg=fg, text=text)


class SubmitPanel(w.VBox):
    """Submission status, the "Kumpulkan" button and the feedback viewer of one assignment."""

    def __init__(self, assignment) -> None:
        self.assignment = assignment
        self.identity = w.HTML()
        self.state = w.HTML()
        self.submit_button = w.Button(description="Kumpulkan", icon="paper-plane", button_style="success",
                                      tooltip="Kirim jawaban Anda ke pelatih")
        self.result = w.HTML()
        self.feedback_button = w.Button(description="Lihat nilai dan umpan balik", icon="eye",
                                        button_style="info", layout=w.Layout(width="260px", display="none"))
        self.feedback = w.HTML()
        self.submit_button.on_click(self._on_submit_button_click)
        self.feedback_button.on_click(self._on_feedback_button_click)
        super().__init__([w.HTML("<h3>Kumpulkan tugas</h3>"), self.identity, self.state,
                          w.HBox([self.submit_button, self.feedback_button]), self.result, self.feedback])
        self.refresh()

    def refresh(self) -> None:
        """Re-reads the assignment's state and shows or hides the feedback button."""
        try:
            who = tr.current_trainee()
            current = st.status(self.assignment.folder)
        except LabMutuError as exc:
            self.identity.value = _note(html.escape(exc.message) + " " + html.escape(exc.hint), "error")
            self.submit_button.disabled = True
            return
        self.identity.value = (f"<p>Tugas dikumpulkan atas nama akun <b>{html.escape(who)}</b> "
                               "(akun komputer atau JupyterHub Anda).</p>")
        self.state.value = f"<p>Status: <b>{html.escape(current.label)}</b></p>"
        if current.submitted_at is not None:
            self.submit_button.description = "Kumpulkan lagi"
        graded = current.state is st.State.DINILAI
        self.feedback_button.layout.display = "" if graded or current.feedback else "none"

    def _on_submit_button_click(self, _button: w.Button) -> None:
        missing = self.assignment.unanswered()
        self.submit_button.disabled = True
        self.submit_button.description = "Mengumpulkan…"
        try:
            receipt = tr.submit(self.assignment.folder)
        except LabMutuError as exc:
            self.result.value = _note(f"<b>Belum terkumpul.</b> {html.escape(exc.message)} "
                                      f"{html.escape(exc.hint)}", "error")
        else:
            extra = (f" Catatan: {len(missing)} butir belum dijawab dan bernilai 0. Anda boleh melengkapinya "
                     "lalu menekan Kumpulkan lagi." if missing else
                     " Anda boleh mengubah jawaban dan mengumpulkan lagi; yang dinilai kiriman terakhir.")
            self.result.value = _note(f"<b>Terkumpul</b> pada {tr.format_when(receipt.when)}.{extra}", "ok")
        finally:
            self.submit_button.disabled = False
            self.submit_button.description = "Kumpulkan"
            self.refresh()

    def _on_feedback_button_click(self, _button: w.Button) -> None:
        self.feedback.value = _note("Mengambil umpan balik…")
        try:
            fb = st.fetch_feedback(self.assignment.folder)
        except LabMutuError as exc:
            self.feedback.value = _note(html.escape(exc.message) + " " + html.escape(exc.hint), "error")
            return
        if fb is None:
            self.feedback.value = _note("Umpan balik belum dibagikan pelatih. Coba lagi nanti.")
            return
        self.feedback.value = render_feedback(fb)
        self.refresh()


def render_feedback(fb: st.Feedback) -> str:
    """The score, a row per item, then the full feedback page in a frame."""
    rows = "".join(
        f"<tr><td>{html.escape(str(i.get('butir', '')))}</td><td style='text-align:right'>"
        f"{_score(i.get('nilai'))} / {_score(i.get('maks'))}</td></tr>" for i in fb.items)
    page = html.escape(fb.html, quote=True)
    return (f"<div class='lm-umpan-balik'><h4>Nilai: {_score(fb.score)} dari {_score(fb.max_score)}</h4>"
            f"<p>Untuk kiriman {tr.format_when(tr.parse_timestamp(fb.timestamp))}.</p>"
            f"<table cellpadding='4'><thead><tr><th>Butir</th><th>Nilai</th></tr></thead><tbody>{rows}</tbody>"
            f"</table><iframe title='Umpan balik' srcdoc=\"{page}\" style='width:100%;height:600px;"
            "border:1px solid #ccc'></iframe></div>")


def _score(value) -> str:
    if value is None:
        return "belum dinilai"
    return f"{float(value):g}".replace(".", ",")
