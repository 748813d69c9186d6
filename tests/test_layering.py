"""Imports go one way: simulations and datasets know nothing of widgets or plotting."""

import subprocess
import sys

BLOCKER = """
import sys, importlib.abc
class Block(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split('.')[0] in {BLOCKED}:
            raise ImportError('blocked for the layering test: ' + name)
        return None
sys.meta_path.insert(0, Block())
import importlib, pkgutil
import labmutu.{PKG} as pkg
for m in pkgutil.iter_modules(pkg.__path__):
    importlib.import_module('labmutu.{PKG}.' + m.name)
print('ok')
"""


def _import_all_with_blocked(pkg, blocked):
    code = BLOCKER.replace("{BLOCKED}", repr(set(blocked))).replace("{PKG}", pkg)
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)


def test_simulations_import_without_widgets_or_plotting():
    out = _import_all_with_blocked("simulations", ["ipywidgets", "matplotlib", "IPython", "voila"])
    assert out.returncode == 0, out.stderr
    out = subprocess.run([sys.executable, "-c", "import labmutu.simulations, sys; "
                          "print(any(m.startswith('labmutu.widgets') for m in sys.modules))"],
                         capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_datasets_import_with_pandas_and_numpy_only():
    out = _import_all_with_blocked(
        "datasets", ["ipywidgets", "matplotlib", "IPython", "voila", "nbgrader", "labmutu.simulations"])
    assert out.returncode == 0, out.stderr
