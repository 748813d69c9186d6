"""Participant codes: readable, normalised from what people type, never a path trick."""

import re

from labmutu.server import participant


def test_new_codes_are_valid_and_distinct():
    codes = {participant.new_code() for _ in range(500)}
    assert len(codes) == 500
    assert all(participant.PATTERN.match(c) for c in codes)
    assert not any(re.search(r"[01OIL]", c[2:]) for c in codes)


def test_normalise_accepts_what_people_type():
    assert participant.normalise("p-7k3m9q") == "P-7K3M9Q"
    assert participant.normalise(" 7K3 M9Q ") == "P-7K3M9Q"
    assert participant.normalise("p- 7k3m9q") == "P-7K3M9Q"
    assert participant.normalise("P7K3M9Q") == "P-7K3M9Q"


def test_normalise_rejects_anything_else():
    for text in ["", None, "P-7K3M9", "P-7K3M9QQ", "P-0OIL11", "../../x", "P-7K3/9Q"]:
        assert participant.normalise(text) is None, text
