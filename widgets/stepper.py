"""The cycle stepper: where the trainee is among the SPMI steps."""

from __future__ import annotations

import html
from typing import Sequence

import ipywidgets as w
import traitlets


class CycleStepper(w.HTML):
    """Shows the steps of the configured SPMI cycle with the current one highlighted.

    Args:
        steps: step labels in the configured order (Indonesian).
        current: index of the current step (0-based).
    """

    steps = traitlets.List(traitlets.Unicode())
    current = traitlets.Int(0)

    def __init__(self, steps: Sequence[str], current: int = 0) -> None:
        super().__init__()
        self.steps = list(steps)
        self.current = current
        self.observe(self._on_state_change, names=["steps", "current"])
        self._render()

    @traitlets.validate("current")
    def _valid_current(self, proposal):
        value = proposal["value"]
        if not 0 <= value < max(len(self.steps), 1):
            raise traitlets.TraitError(f"langkah {value} tidak ada")
        return value

    def _on_state_change(self, _change: dict) -> None:
        self._render()

    def _render(self) -> None:
        items = []
        for i, label in enumerate(self.steps):
            state = "done" if i < self.current else "now" if i == self.current else "todo"
            colour = {"done": "#1e7e34", "now": "#0b5394", "todo": "#9aa5b1"}[state]
            weight = "bold" if state == "now" else "normal"
            mark = "✓" if state == "done" else str(i + 1)
            aria = ' aria-current="step"' if state == "now" else ""
            items.append(
                f"<li{aria} data-state='{state}' style='display:inline-block;margin:0 6px 6px 0;"
                f"padding:4px 10px;border-radius:14px;border:2px solid {colour};color:{colour};"
                f"font-weight:{weight}'>{mark}. {html.escape(label)}</li>")
        self.value = ("<nav aria-label='Langkah siklus SPMI'><ol style='list-style:none;padding:0;"
                      f"margin:4px 0'>{''.join(items)}</ol></nav>")
