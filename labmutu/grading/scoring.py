"""Scores for the hidden tests of app assignments: one call per item, partial credit as a number.

A test cell of a widget assignment reads, in the source notebook::

    # Butir: capaian_a1 (2 poin)
    scoring.require("capaian_a1", "choice")
    ### BEGIN HIDDEN TESTS
    scoring.choice("capaian_a1", "Kurang", points=2)
    ### END HIDDEN TESTS

The visible line does nothing in the app (Voilà runs every cell, answered or not). Under nbgrader
it fails the cell when the item has no usable answer, so ``nbgrader validate --invert`` sees a
blank notebook fail. The hidden call is the cell's last expression: nbgrader reads the number it
returns as partial credit. Every function here reads the answers file afresh, never raises for a
bad answer (it scores 0), never writes to stderr, and keeps scores within ``[0, points]``.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence

from labmutu.grading.contract import execution_mode, is_answered, item_value, read_answers


class UnansweredItem(AssertionError):
    """Raised by :func:`require` under nbgrader for an item without a usable answer."""


def require(key: str, kind: str) -> None:
    """Fails the test cell under nbgrader when item ``key`` has no usable answer."""
    if execution_mode() == "app":
        return
    answers = read_answers()
    if answers.problem and not answers.values:
        raise UnansweredItem(f"Butir '{key}' tidak dinilai: {answers.problem}")
    if not is_answered(answers.values, key, kind):
        raise UnansweredItem(f"Butir '{key}' belum dijawab atau jawabannya tidak sah.")


def choice(key: str, correct: str, points: float) -> float:
    """Full points when the chosen option is ``correct``, else 0."""
    with _quiet():
        value = item_value(read_answers().values, key, "choice")
        return _clamp(points if value == correct else 0.0, points)


def choices(key: str, correct: Sequence[str], points: float) -> float:
    """Several right options: (right chosen − wrong chosen) / number right, at least 0."""
    with _quiet():
        value = item_value(read_answers().values, key, "choices")
        if not value:
            return 0.0
        right = set(correct)
        chosen = set(value)
        fraction = (len(chosen & right) - len(chosen - right)) / len(right)
        return _clamp(points * fraction, points)


def number(key: str, expected: float, points: float, tolerance: float = 0.0,
           half_tolerance: float | None = None) -> float:
    """Full points within ``tolerance`` of ``expected``, half within ``half_tolerance``, else 0."""
    with _quiet():
        value = item_value(read_answers().values, key, "number")
        if value is None:
            return 0.0
        gap = abs(value - expected)
        # A hair of slack: 36.2 typed by a person and 36.2 computed by pandas may differ in the 15th digit.
        if gap <= tolerance + 1e-9:
            return _clamp(points, points)
        if half_tolerance is not None and gap <= half_tolerance + 1e-9:
            return _clamp(points / 2, points)
        return 0.0


def order(key: str, correct: Sequence[str], points: float) -> float:
    """Points in proportion to the positions that hold the right step."""
    with _quiet():
        value = item_value(read_answers().values, key, "order")
        if not value or not correct:
            return 0.0
        hits = sum(1 for a, b in zip(value, correct) if a == b)
        return _clamp(points * hits / len(correct), points)


def _clamp(score: float, points: float) -> float:
    return round(min(max(float(score), 0.0), float(points)), 2)


class _quiet(warnings.catch_warnings):
    """Any warning would reach stderr, and nbgrader scores a cell with stderr output 0."""

    def __enter__(self):
        result = super().__enter__()
        warnings.simplefilter("ignore")
        return result
