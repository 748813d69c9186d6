"""The kernel manager of ``labmutu serve``: Jupyter's, with Lab Mutu's error handling loaded.

Culling of idle kernels is the parent class's (``cull_idle_timeout`` and friends, set in
:func:`labmutu.server.app.voila_config`); Voilà wraps this class with its own page logic.

When ``labmutu serve`` runs a zygote (:func:`start_zygote`), every Python kernel is a fork of a
process that has already imported IPython, pandas, matplotlib and the module apps: a page is
interactive sooner, and the imported libraries' memory is shared by all kernels instead of being
copied into each (what a 500-participant workshop on one small server needs). Each kernel is
still its own new process with fresh interpreter state; without the zygote, kernels start the
ordinary way.
"""

from __future__ import annotations

import json
import logging
import os
import re
import tempfile
from pathlib import Path

from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager
from traitlets.utils.importstring import import_item

from labmutu.grading import kernels as zygote_kernels

KERNEL_ARGS = ["--IPKernelApp.extensions=labmutu.server.kernel_errors"]
# Imported in the zygote besides what every kernel imports (numpy, pandas, IPython, ...).
PRELOAD = ("matplotlib.pyplot", "ipywidgets", "babel.numbers", "labmutu.server.kernel_errors",
           "labmutu.widgets.figures", "labmutu.datasets.samples:warm")
IMPORT_LINE = re.compile(r"^\s*(?:from\s+(labmutu[\w.]*)\s+import|import\s+(labmutu[\w.]*))", re.M)
log = logging.getLogger("labmutu.server")


class LabMutuKernelManager(AsyncMappingKernelManager):
    """Starts every kernel with :mod:`labmutu.server.kernel_errors` loaded, forked from the zygote if one runs."""

    async def start_kernel(self, *args, **kwargs) -> str:
        kwargs["extra_arguments"] = [*kwargs.get("extra_arguments", []), *KERNEL_ARGS]
        return await super().start_kernel(*args, **kwargs)

    def _create_kernel_manager_factory(self):
        base = import_item(self.kernel_manager_class)

        class Forked(base):
            def format_kernel_cmd(self, extra_arguments=None) -> list[str]:
                return zygote_kernels.zygote_command(super().format_kernel_cmd(extra_arguments))

        def create_kernel_manager(*args, **kwargs):
            if self.shared_context:
                if self.context.closed:
                    self.context = self._context_default()
                kwargs.setdefault("context", self.context)
            return Forked(*args, **kwargs)

        return create_kernel_manager


def notebook_imports(folder: Path) -> list[str]:
    """The ``labmutu`` modules the notebooks in ``folder`` import (what their kernels will need)."""
    names: set[str] = set()
    for nb in sorted(folder.rglob("*.ipynb")):
        try:
            cells = json.loads(nb.read_text(encoding="utf-8")).get("cells", [])
        except (OSError, ValueError, AttributeError):
            continue  # a broken notebook only misses the head start
        for cell in cells:
            if isinstance(cell, dict) and cell.get("cell_type") == "code":
                source = cell.get("source", "")
                source = "".join(source) if isinstance(source, list) else str(source)
                names.update(m.group(1) or m.group(2) for m in IMPORT_LINE.finditer(source))
    return sorted(names)


def start_zygote(folder: Path):
    """Starts the zygote for the notebooks under ``folder``; returns it, or None (ordinary kernels).

    Sets ``$LABMUTU_ZYGOTE`` in this process so the kernel manager routes kernels through it.
    """
    private = Path(tempfile.mkdtemp(prefix="labmutu-zigot-"))
    zygote = zygote_kernels.Zygote.start(private / "zygote.sock",
                                         preload=PRELOAD + tuple(notebook_imports(folder)))
    if zygote is None:
        log.warning("Kernel cepat (zigot) tidak bisa dijalankan; kernel dimulai dengan cara biasa.")
        return None
    os.environ[zygote_kernels.ENV] = str(zygote.socket)
    return zygote


def stop_zygote(zygote) -> None:
    """Stops the zygote (its kernels end with it) and routes new kernels the ordinary way."""
    os.environ.pop(zygote_kernels.ENV, None)
    if zygote is not None:
        zygote.stop()
        try:
            zygote.socket.unlink()
            zygote.socket.parent.rmdir()
        except OSError:
            pass
