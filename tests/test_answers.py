"""The answer store keeps saved work through crashes and damaged files."""

import json
import multiprocessing
import os
import signal
import time

import numpy as np

from labmutu.answers import AnswerStore


def test_round_trip_keeps_values_and_metadata(tmp_path):
    store = AnswerStore(tmp_path / "m.json", "01_pemetaan")
    store.save({"prioritas": ["A.1", "D.1"], "skor": np.float64(3.5), "n": np.int64(2)})
    assert AnswerStore(tmp_path / "m.json", "01_pemetaan").load() == {
        "prioritas": ["A.1", "D.1"], "skor": 3.5, "n": 2}
    doc = json.loads((tmp_path / "m.json").read_text(encoding="utf-8"))
    assert doc["format"] == "labmutu-jawaban" and doc["modul"] == "01_pemetaan"


def test_missing_file_gives_empty_answers(tmp_path):
    assert AnswerStore(tmp_path / "none.json", "x").load() == {}


def test_damaged_file_is_set_aside_and_backup_restored(tmp_path):
    path = tmp_path / "m.json"
    store = AnswerStore(path, "m")
    store.save({"a": 1})
    store.save({"a": 2})
    path.write_text('{"format": "labmutu-jawaban", "jawaban": {"a": 3', encoding="utf-8")
    assert store.load() == {"a": 1}
    assert "rusak" in store.warning and "dipulihkan" in store.warning
    assert len(list(tmp_path.glob("m.json.rusak-*"))) == 1


def test_damaged_file_without_backup_warns_to_refill(tmp_path):
    path = tmp_path / "m.json"
    path.write_bytes(b"\x00\xff garbage")
    store = AnswerStore(path, "m")
    assert store.load() == {}
    assert "isi ulang" in store.warning


def _save_forever(path):
    store = AnswerStore(path, "m")
    i = 0
    while True:
        i += 1
        store.save({"i": i, "isi": "x" * 20000})


def test_process_killed_mid_save_leaves_a_whole_file(tmp_path):
    path = tmp_path / "m.json"
    AnswerStore(path, "m").save({"i": 0, "isi": ""})
    for _ in range(5):
        proc = multiprocessing.get_context("fork").Process(target=_save_forever, args=(path,))
        proc.start()
        time.sleep(0.15)
        os.kill(proc.pid, signal.SIGKILL)
        proc.join()
        store = AnswerStore(path, "m")
        answers = store.load()
        assert store.warning == "" and isinstance(answers["i"], int)
    AnswerStore(path, "m").save({"i": -1})
    assert not list(tmp_path.glob(".*.tmp"))
