"""A progress line for anything a trainee waits on: a bar, and "Menghitung…" while it works.

Widget updates are sent as they happen, so the bar moves in the browser even though the
computation runs inside one button callback.
"""

from __future__ import annotations

import ipywidgets as w
from labmutu.widgets.lean import HTML


class Progress(w.HBox):
    """A bar and a message; hidden until ``start``."""

    def __init__(self) -> None:
        self.bar = w.IntProgress(min=0, max=1, value=0, layout=w.Layout(width="220px", visibility="hidden"))
        self.label = HTML()
        super().__init__([self.bar, self.label])
        self.add_class("lm-progress")

    def start(self, steps: int, text: str = "Menghitung…") -> None:
        """Shows an empty bar of ``steps`` steps and the message."""
        self.bar.max = max(1, steps)
        self.bar.value = 0
        self.bar.layout.visibility = "visible"
        self.label.value = f"<i>{text}</i>"

    def advance(self, text: str | None = None) -> None:
        """One step done; optionally a new message."""
        self.bar.value = min(self.bar.max, self.bar.value + 1)
        if text:
            self.label.value = f"<i>{text}</i>"

    def finish(self, text: str = "") -> None:
        """Hides the bar and shows ``text`` (empty: nothing)."""
        self.bar.value = self.bar.max
        self.bar.layout.visibility = "hidden"
        self.label.value = text
