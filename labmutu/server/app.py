"""Voilà, configured for Lab Mutu: code hidden, no tracebacks, idle kernels culled, offline.

``LabMutuVoila`` is Voilà's own application with these additions:

- the Indonesian landing page at ``/`` (instead of Voilà's file tree, which redirects there) and
  its stylesheet;
- the ``labmutu`` Voilà template (``jupyter/voila/templates/labmutu``): no CDN requests,
  ``lang="id"``, Indonesian spinner, progress, cell-error and 404/error pages;
- the ``_xsrf`` cookie is set on every rendered page, so the shutdown beacon Voilà's JavaScript
  sends when a tab closes (``POST /voila/api/shutdown/<kernel>`` with that cookie's value) passes
  the XSRF check and the kernel stops; XSRF protection itself stays on everywhere;
- kernels load :mod:`labmutu.server.kernel_errors`, so an error in a widget callback shows one
  Indonesian sentence, not a traceback (the traceback goes to the server log);
- Indonesian start and stop lines, and Ctrl+C / SIGTERM stop the server and its kernels.
"""

from __future__ import annotations

import logging
import os
import signal
import socket
from pathlib import Path

import tornado.ioloop
import tornado.web
from jupyter_server.utils import url_path_join
from traitlets.config import Config
from voila.app import Voila
from voila.handler import BaseVoilaHandler
from voila.tornado.handler import TornadoVoilaHandler

from labmutu.server import kernels, participant
from labmutu.server.landing import LandingHandler
from labmutu.workspace import Workspace

STATIC = Path(__file__).parent / "static"
# A Jupyter data directory holding voila/templates/labmutu; put on JUPYTER_PATH at start.
JUPYTER_DATA = Path(__file__).parent / "jupyter"
TEMPLATE = "labmutu"
# JupyterLab extensions installed for other tools that only cost load time (and log errors) in
# a Voilà page.
EXTENSION_DENYLIST = ["@jupyter-notebook/lab-extension", "@jupyter/nbgrader"]
log = logging.getLogger("labmutu.server")


def cull_interval(cull_idle_seconds: int) -> int:
    """How often to look for idle kernels: often enough for short timeouts, at most every 60 s."""
    return max(1, min(60, cull_idle_seconds // 4))


def voila_config(cull_idle_seconds: int = 900) -> Config:
    """The Voilà and kernel settings every Lab Mutu server uses."""
    c = Config()
    c.VoilaConfiguration.strip_sources = True
    c.VoilaConfiguration.show_tracebacks = False
    c.VoilaConfiguration.template = TEMPLATE
    c.VoilaConfiguration.theme = "light"
    # Trainees cannot switch to a template or theme that loads things from the internet.
    c.VoilaConfiguration.allow_template_override = "NO"
    c.VoilaConfiguration.allow_theme_override = "NO"
    c.VoilaConfiguration.extension_denylist = EXTENSION_DENYLIST
    c.HTMLExporter.language_code = "id"
    # Each browser's participant code reaches its kernel as HTTP_X_LABMUTU_PESERTA.
    c.VoilaConfiguration.http_header_envs = [participant.HEADER]
    # Errors in widget callbacks reach the page as one Indonesian sentence (see kernel_errors).
    c.VoilaConfiguration.multi_kernel_manager_class = "labmutu.server.kernels.LabMutuKernelManager"
    # Idle kernels (closed tabs whose shutdown beacon was lost: browser killed, laptop asleep)
    # are shut down. A kernel with an open tab is connected and is never culled.
    c.MappingKernelManager.cull_idle_timeout = cull_idle_seconds
    c.MappingKernelManager.cull_interval = cull_interval(cull_idle_seconds)
    c.MappingKernelManager.cull_connected = False
    return c


def use_labmutu_template() -> None:
    """Puts the ``labmutu`` Voilà template on the Jupyter data path (``JUPYTER_PATH``).

    Voilà finds templates, their static files and their parents through ``jupyter_path()``, at
    start and on every request, so the environment variable is the one place to add it.
    """
    paths = [p for p in os.environ.get("JUPYTER_PATH", "").split(os.pathsep) if p]
    if str(JUPYTER_DATA) not in paths:
        os.environ["JUPYTER_PATH"] = os.pathsep.join([str(JUPYTER_DATA), *paths])


class LabMutuVoilaHandler(TornadoVoilaHandler):
    """Voilà's notebook page, plus the ``_xsrf`` cookie its tab-close beacon sends back."""

    async def prepare(self) -> None:
        await super().prepare()
        # Reading the token makes tornado set the _xsrf cookie; Voilà never reads it, so the
        # beacon went out with an empty token and the shutdown request failed with 403.
        self.xsrf_token  # noqa: B018
        # Whatever the browser sent under this name is replaced: the kernel learns the
        # participant only from the server's cookie (see labmutu.server.participant).
        self.request.headers[participant.HEADER] = participant.ensure_code(self)


class NotFoundHandler(BaseVoilaHandler):
    """Any unknown address: the Indonesian 404 page of the labmutu template."""

    def get(self, *args) -> None:
        raise tornado.web.HTTPError(404)


class LabMutuVoila(Voila):
    """Voilà serving a Lab Mutu workspace with the landing page at its root."""

    workspace: Workspace | None = None
    host_label: str = ""

    def init_handlers(self) -> list:
        handlers = [
            (pattern, LabMutuVoilaHandler if handler is TornadoVoilaHandler else handler, *rest)
            for pattern, handler, *rest in super().init_handlers()
        ]
        conf = {"voila_configuration": self.voila_configuration}
        ours = [
            (url_path_join(self.server_url, r"/?"), LandingHandler, {"workspace": self.workspace}),
            (url_path_join(self.server_url, r"/labmutu/static/(.*)"), tornado.web.StaticFileHandler,
             {"path": str(STATIC)}),
            # Voilà's file tree is English and lists every file; the landing page replaces it.
            (url_path_join(self.server_url, r"/voila/tree(?:/.*)?"), tornado.web.RedirectHandler,
             {"url": self.server_url}),
        ]
        return ours + handlers + [(url_path_join(self.server_url, r"/.*"), NotFoundHandler, conf)]

    def listen(self) -> None:
        ioloop = tornado.ioloop.IOLoop.current()
        ioloop.add_callback(self._announce)  # runs once listening worked and the loop started
        # Ctrl+C stops the loop like SIGTERM does, even when SIGINT was ignored by a parent shell.
        signal.signal(signal.SIGINT, self._handle_signal_stop)
        super().listen()

    def _announce(self) -> None:
        km = self.kernel_manager
        lines = [
            "Lab Mutu siap.",
            f"  Folder kerja : {self.workspace.root if self.workspace else self.root_dir}",
            f"  Buka di peramban: http://{self.host_label}:{self.port}/",
        ]
        if self.ip in ("0.0.0.0", ""):
            lines.append(f"  Peserta di jaringan (LAN) membuka: http://{lan_address()}:{self.port}/")
        if km.cull_idle_timeout > 0:
            lines.append(f"  Kernel yang menganggur {km.cull_idle_timeout} detik dimatikan otomatis"
                         f" (diperiksa tiap {km.cull_interval} detik).")
        lines.append("Tekan Ctrl+C untuk berhenti.")
        print("\n".join(lines), flush=True)

    def _handle_signal_stop(self, sig, frame) -> None:
        self.ioloop.add_callback_from_signal(self.ioloop.stop)

    def stop(self) -> None:
        n = len(self.kernel_manager.list_kernel_ids())
        print(f"Menghentikan Lab Mutu: mematikan {n} kernel...", flush=True)
        super().stop()
        print("Lab Mutu berhenti.", flush=True)


def lan_address() -> str:
    """This machine's address on its LAN, for the startup line (no packet is sent)."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        try:
            s.connect(("10.255.255.255", 1))
            return s.getsockname()[0]
        except OSError:
            return socket.gethostname()


def serve(workspace: Workspace, host: str = "127.0.0.1", port: int = 8866,
          open_browser: bool = False, cull_idle_seconds: int = 900, fast_kernels: bool = True) -> None:
    """Starts the server on ``host:port`` and blocks until it is stopped (Ctrl+C or SIGTERM).

    ``fast_kernels`` forks kernels from a preloaded zygote (see :mod:`labmutu.server.kernels`).
    """
    use_labmutu_template()
    # Kernels inherit this: labmutu.widgets finds the answers folder of *this* workspace, even
    # when the trainer's shell points LABMUTU_WORKSPACE elsewhere.
    os.environ["LABMUTU_WORKSPACE"] = str(workspace.root)
    # One line per request drowns the lines trainers need; errors are still logged.
    logging.getLogger("tornado.access").setLevel(logging.WARNING)
    app = LabMutuVoila(config=voila_config(cull_idle_seconds))
    app.workspace = workspace
    app.host_label = "127.0.0.1" if host in ("0.0.0.0", "") else host
    argv = [
        str(workspace.root),
        f"--port={port}",
        f"--Voila.ip={host}",
        "--Voila.port_retries=0",
    ]
    if not open_browser:
        argv.append("--no-browser")
    zygote = kernels.start_zygote(workspace.root) if fast_kernels else None
    try:
        app.initialize(argv)
        app.start()
    finally:
        kernels.stop_zygote(zygote)
