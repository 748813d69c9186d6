"""An answer typed into a page is saved to the workspace and is back after a reload."""

from __future__ import annotations

import json
import time

import pytest

from labmutu.server.testing import kernel_id_of, wait_for_voila_ready, write_notebook

pytestmark = pytest.mark.browser

CELLS = [
    ("markdown", "# Uji jawaban"),
    "import os\n"
    "from pathlib import Path\n"
    "import ipywidgets as w\n"
    "from labmutu.answers import AnswerStore\n"
    "store = AnswerStore(Path(os.environ['LABMUTU_WORKSPACE']) / 'jawaban' / 'uji_jawaban.json',"
    " 'uji_jawaban')\n"
    "catatan = w.Text(value=store.load().get('catatan', ''), description='Catatan')\n"
    "def _on_catatan_value(change):\n"
    "    store.save({'catatan': change['new']})\n"
    "catatan.observe(_on_catatan_value, names='value')\n"
    "catatan",
]


def test_answer_survives_reload(labmutu_server, page, screenshot):
    write_notebook(labmutu_server.workspace / "uji" / "jawaban.ipynb", CELLS)
    answers = labmutu_server.workspace / "jawaban" / "uji_jawaban.json"
    page.goto(labmutu_server.render_url("uji/jawaban.ipynb"))
    wait_for_voila_ready(page)
    first_kernel = kernel_id_of(page)
    box = page.get_by_role("textbox")
    box.fill("Rapor mutu naik")
    box.press("Enter")
    deadline = time.monotonic() + 15
    while not (answers.exists() and "Rapor mutu naik" in answers.read_text(encoding="utf-8")):
        assert time.monotonic() < deadline, "jawaban tidak tersimpan ke folder kerja"
        time.sleep(0.2)
    assert json.loads(answers.read_text(encoding="utf-8"))["jawaban"] == {"catatan": "Rapor mutu naik"}

    page.reload()
    wait_for_voila_ready(page)
    assert kernel_id_of(page) != first_kernel  # a new kernel read the saved file
    assert page.get_by_role("textbox").input_value() == "Rapor mutu naik"
    screenshot(page)
