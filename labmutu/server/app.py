"""Voilà, configured for Lab Mutu: code hidden, no tracebacks, idle kernels culled, offline.

``LabMutuVoila`` is Voilà's own application with two additions: the Indonesian landing page at
``/`` (instead of Voilà's file tree) and the landing page's stylesheet.
"""

from __future__ import annotations

import logging
from pathlib import Path

import tornado.web
from jupyter_server.utils import url_path_join
from traitlets.config import Config
from voila.app import Voila

from labmutu.server.landing import LandingHandler
from labmutu.workspace import Workspace

STATIC = Path(__file__).parent / "static"
log = logging.getLogger("labmutu.server")


def voila_config(cull_idle_seconds: int = 900) -> Config:
    """The Voilà and kernel settings every Lab Mutu server uses."""
    c = Config()
    c.VoilaConfiguration.strip_sources = True
    c.VoilaConfiguration.show_tracebacks = False
    c.VoilaConfiguration.template = "lab"
    c.VoilaConfiguration.theme = "light"
    # Idle kernels (closed tabs whose shutdown request was lost) are shut down.
    c.MappingKernelManager.cull_idle_timeout = cull_idle_seconds
    c.MappingKernelManager.cull_interval = 60
    c.MappingKernelManager.cull_connected = False
    return c


class LabMutuVoila(Voila):
    """Voilà serving a Lab Mutu workspace with the landing page at its root."""

    workspace: Workspace | None = None

    def init_handlers(self) -> list:
        handlers = super().init_handlers()
        ours = [
            (
                url_path_join(self.server_url, r"/?"),
                LandingHandler,
                {"workspace": self.workspace},
            ),
            (
                url_path_join(self.server_url, r"/labmutu/static/(.*)"),
                tornado.web.StaticFileHandler,
                {"path": str(STATIC)},
            ),
        ]
        return ours + handlers


def serve(workspace: Workspace, host: str = "127.0.0.1", port: int = 8866,
          open_browser: bool = False, cull_idle_seconds: int = 900) -> None:
    """Starts the server on ``host:port`` and blocks until it is stopped."""
    app = LabMutuVoila(config=voila_config(cull_idle_seconds))
    app.workspace = workspace
    argv = [
        str(workspace.root),
        f"--port={port}",
        f"--Voila.ip={host}",
        "--Voila.port_retries=0",
    ]
    if not open_browser:
        argv.append("--no-browser")
    app.initialize(argv)
    app.start()
