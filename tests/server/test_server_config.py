"""The server's settings, template files and CLI, without a browser."""

from __future__ import annotations

import os
import re
import tomllib
from fnmatch import fnmatch
from pathlib import Path

from labmutu.cli import build_parser
from labmutu.server import app
from labmutu.server.kernel_errors import FRIENDLY, load_ipython_extension
from labmutu.server.landing import render_landing
from labmutu.workspace import Workspace

REPO = Path(__file__).resolve().parents[2]
TEMPLATE_DIR = app.JUPYTER_DATA / "voila" / "templates" / app.TEMPLATE


def test_voila_config_hides_code_and_tracebacks_and_culls():
    c = app.voila_config(300)
    assert c.VoilaConfiguration.strip_sources is True
    assert c.VoilaConfiguration.show_tracebacks is False
    assert c.VoilaConfiguration.template == "labmutu"
    assert c.VoilaConfiguration.allow_template_override == "NO"
    assert c.MappingKernelManager.cull_idle_timeout == 300
    assert c.MappingKernelManager.cull_connected is False


def test_cull_interval_follows_short_timeouts_and_caps_at_a_minute():
    assert app.cull_interval(4) == 1
    assert app.cull_interval(40) == 10
    assert app.cull_interval(900) == 60
    assert app.cull_interval(0) == 1


def test_template_is_found_through_jupyter_path(monkeypatch):
    from voila.paths import collect_template_paths

    monkeypatch.setenv("JUPYTER_PATH", "")
    app.use_labmutu_template()
    app.use_labmutu_template()  # idempotent
    assert os.environ["JUPYTER_PATH"] == str(app.JUPYTER_DATA)
    paths = collect_template_paths(["voila", "nbconvert"], "labmutu", prune=True)
    assert paths[0] == str(TEMPLATE_DIR)
    assert any(p.endswith(os.path.join("voila", "templates", "lab")) for p in paths)


def test_template_loads_nothing_from_outside():
    # (the browser test measures the rendered pages; this catches a link added to a template)
    external = re.compile(r"""(?:src|href)\s*=\s*["'](?:https?:)?//|import\(\s*["']https?:|url\(\s*["']?https?:""")
    for f in TEMPLATE_DIR.rglob("*"):
        if f.is_file():
            assert not external.search(f.read_text(encoding="utf-8")), f


def test_every_template_file_is_package_data():
    globs = tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["setuptools"][
        "package-data"]["labmutu.server"]
    server_dir = REPO / "labmutu" / "server"
    for f in TEMPLATE_DIR.rglob("*"):
        if f.is_file():
            rel = f.relative_to(server_dir).as_posix()
            assert any(fnmatch(rel, g) and rel.count("/") == g.count("/") for g in globs), rel


def test_landing_page_is_indonesian_and_loads_nothing_from_outside(tmp_path):
    ws = Workspace(tmp_path)
    (tmp_path / "modul").mkdir()
    html = render_landing(ws, "/")
    assert '<html lang="id">' in html
    assert "Belum ada modul" in html
    assert "https://" not in html and "http://" not in html


def test_serve_help_explains_lan_use(capsys):
    parser = build_parser()
    try:
        parser.parse_args(["serve", "--help"])
    except SystemExit:
        pass
    out = capsys.readouterr().out
    assert "0.0.0.0" in out and "LAN" in out
    assert "--matikan-kernel-menganggur" in out


def test_kernel_error_hook_sends_only_the_friendly_sentence():
    sent = []

    class Shell:
        class InteractiveTB:
            @staticmethod
            def stb2text(stb):
                return "\n".join(stb)

        def _showtraceback(self, etype, evalue, stb):
            sent.append((etype.__name__, evalue, stb))

    shell = Shell()
    load_ipython_extension(shell)
    shell._showtraceback(ValueError, ValueError("rahasia"), ["Traceback", "ValueError: rahasia"])
    assert sent == [("Kesalahan", FRIENDLY, [FRIENDLY])]


def test_zygote_preloads_what_the_notebooks_import_from_code_cells_only(tmp_path):
    from labmutu.server.kernels import notebook_imports
    from labmutu.server.testing import write_notebook

    write_notebook(tmp_path / "a.ipynb", [("markdown", "import labmutu.bukan_kode"),
                                          "from labmutu.widgets.modul_pemetaan import PemetaanApp\nPemetaanApp()"])
    write_notebook(tmp_path / "sub" / "b.ipynb", ["import labmutu.datasets.samples as s\nimport pandas"])
    (tmp_path / "rusak.ipynb").write_text("{ bukan json", encoding="utf-8")
    assert notebook_imports(tmp_path) == ["labmutu.datasets.samples", "labmutu.widgets.modul_pemetaan"]
