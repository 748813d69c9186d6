"""The project installs as one namespace from this checkout, and its setup files agree."""

import ast
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]


def test_folders_import_from_this_checkout():
    import labmutu.datasets
    import labmutu.modules
    import labmutu.simulations
    import labmutu.widgets

    for module, folder in [
        (labmutu.datasets, "datasets"),
        (labmutu.simulations, "simulations"),
        (labmutu.widgets, "widgets"),
        (labmutu.modules, "modules"),
    ]:
        assert Path(module.__file__).resolve().parent == ROOT / folder


def test_command_line_entry_point_is_installed():
    exe = Path(sys.executable).parent / "labmutu"
    out = subprocess.run([str(exe), "--help"], capture_output=True, text=True, check=True)
    assert "cara pakai: labmutu" in out.stdout
    assert "serve" in out.stdout and "data" in out.stdout


def _names(requirements):
    return {re.split(r"[<>=!~ \[]", r.strip(), maxsplit=1)[0].lower() for r in requirements}


def test_environment_yml_matches_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    assert "conda-forge" in env["channels"]
    conda = [d for d in env["dependencies"] if isinstance(d, str)]
    pip = [d for d in env["dependencies"] if isinstance(d, dict)][0]["pip"]
    assert pip == ["-e ."]
    assert _names(project["dependencies"]) <= _names(conda)
    # The same version bounds on both sides, so conda users get what pip users test.
    bounds = {re.split(r"[<>=!~]", d, maxsplit=1)[0].lower(): d for d in conda}
    for req in project["dependencies"]:
        name = re.split(r"[<>=!~]", req, maxsplit=1)[0].lower()
        assert bounds[name].replace(" ", "") == req.replace(" ", ""), name


def test_no_sys_path_edits_anywhere():
    offenders = []
    for path in ROOT.rglob("*.py"):
        if ".venv" in path.parts or "site-packages" in path.parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and node.attr == "path" and \
                    isinstance(node.value, ast.Name) and node.value.id == "sys":
                offenders.append(str(path.relative_to(ROOT)))
    for nb in list((ROOT / "modules").rglob("*.ipynb")) + list((ROOT / "courses").rglob("*.ipynb")):
        text = nb.read_text(encoding="utf-8")
        if "sys.path" in text or "../" in text:
            offenders.append(str(nb.relative_to(ROOT)))
    assert offenders == []
