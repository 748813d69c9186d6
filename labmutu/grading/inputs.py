"""Input widgets whose ``value`` is exactly what the answers file stores.

``NumberInput`` accepts what people type ("36,2", "36.2", "1.234,5") and keeps ``value`` a float,
or None while the text is empty or not a number; ``OrderInput`` keeps ``value`` a list of steps,
one dropdown per position. Both can be bound by ``ModuleSession.bind`` like any ValueWidget.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

import ipywidgets as w
import traitlets


def parse_number(text: str) -> float | None:
    """A number typed the Indonesian or the English way, or None.

    "36,2" and "36.2" are 36.2; "1.234,5" is 1234.5; "1,234.5" is 1234.5; "Rp 52.000.000" is
    52000000. Anything else (words, empty text, infinity) is None.
    """
    text = re.sub(r"(?i)^\s*rp\.?\s*|\s|%", "", text or "")
    if not text or not re.fullmatch(r"[+-]?[\d.,]+", text):
        return None
    if "," in text and "." in text:
        # The separator that comes last is the decimal one.
        decimal, thousands = (",", ".") if text.rfind(",") > text.rfind(".") else (".", ",")
        text = text.replace(thousands, "").replace(decimal, ".")
    elif "," in text:
        text = text.replace(",", ".") if text.count(",") == 1 else text.replace(",", "")
    elif text.count(".") > 1 or re.fullmatch(r"[+-]?\d{1,3}(\.\d{3})+", text):
        text = text.replace(".", "")  # 52.000.000 or 1.000: thousands, Indonesian style
    try:
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


class NumberInput(w.HBox):
    """A text box for one number, with its unit beside it."""

    value = traitlets.Float(allow_none=True, default_value=None)

    def __init__(self, unit: str = "", placeholder: str = "contoh: 36,2") -> None:
        self.text = w.Text(placeholder=placeholder, layout=w.Layout(width="180px"))
        self.unit = w.HTML(unit)
        self.note = w.HTML()
        self.text.observe(self._on_text_value_change, names="value")
        super().__init__([self.text, self.unit, self.note])

    def _on_text_value_change(self, change: dict) -> None:
        parsed = parse_number(change["new"])
        if change["new"].strip() and parsed is None:
            self.note.value = "<span style='color:#b02a37'>Tulis angka saja, misalnya 36,2.</span>"
            return  # keep the last good value saved
        self.note.value = ""
        self.value = parsed

    @traitlets.observe("value")
    def _on_value_change(self, change: dict) -> None:
        # Restoring a saved answer sets value; show it without re-parsing a different spelling.
        new = change["new"]
        if new is not None and parse_number(self.text.value) != new:
            self.text.value = _format_number(new)


def _format_number(value: float) -> str:
    text = f"{value:.10g}"
    return text.replace(".", ",")


class OrderInput(w.VBox):
    """Puts steps in order: position 1..n, each a dropdown of the steps."""

    value = traitlets.List(traitlets.Unicode(), default_value=[])

    def __init__(self, steps: Sequence[str]) -> None:
        self.steps = list(steps)
        self.positions = [
            w.Dropdown(options=[("(pilih)", "")] + [(s, s) for s in self.steps], value="",
                       description=f"Langkah {i}", style={"description_width": "80px"},
                       layout=w.Layout(width="560px"))
            for i in range(1, len(self.steps) + 1)
        ]
        self._restoring = False
        for box in self.positions:
            box.observe(self._on_position_value_change, names="value")
        super().__init__(self.positions)

    def _on_position_value_change(self, _change: dict) -> None:
        if self._restoring:
            return
        chosen = [box.value for box in self.positions]
        # Saved only when complete and without repeats: a half-done order is not an answer.
        if all(chosen) and len(set(chosen)) == len(chosen):
            self.value = chosen
        elif self.value:
            self.value = []

    @traitlets.observe("value")
    def _on_value_change(self, change: dict) -> None:
        new = list(change["new"])
        if len(new) == len(self.positions) and all(s in self.steps for s in new):
            self._restoring = True
            try:
                for box, step in zip(self.positions, new):
                    box.value = step
            finally:
                self._restoring = False
