"""The landing page: an Indonesian list of modules and sample datasets at ``/``."""

from __future__ import annotations

import logging
from pathlib import Path

import jinja2
import markupsafe
import tornado.ioloop
import tornado.web
from jupyter_server.base.handlers import JupyterHandler
from jupyter_server.utils import url_path_join

from labmutu.server import catalog, participant
from labmutu.workspace import Workspace

log = logging.getLogger("labmutu.server")
TEMPLATES = Path(__file__).parent / "templates"
_env = jinja2.Environment(
    loader=jinja2.FileSystemLoader(str(TEMPLATES)), autoescape=True, trim_blocks=True
)


def assignments(ws: Workspace) -> list:
    """The nbgrader assignments in the workspace (newly released ones fetched first), with state.

    A broken exchange or course folder never breaks the landing page: it is logged and the page
    shows what it can.
    """
    from labmutu.grading import status

    try:
        found = status.workspace_assignments(ws.root)
    except Exception:  # the page must render whatever the exchange does
        log.exception("daftar tugas tidak terbaca")
        return []
    return [a for a in found if a.notebook is not None]


def render_landing(ws: Workspace, base_url: str = "/", code: str = "", xsrf_form: str = "",
                   code_error: str = "", tasks: list | None = None) -> str:
    """Renders the landing page for a workspace and one participant's code."""
    return _env.get_template("landing.html").render(
        tasks=[(a, a.notebook.relative_to(ws.root).as_posix()) for a in tasks or []],
        code=code,
        xsrf_form=markupsafe.Markup(xsrf_form),
        code_error=code_error,
        modules=catalog.modules(ws),
        datasets=catalog.datasets(ws),
        render_url=lambda path: url_path_join(base_url, "voila/render", path),
        static_url=lambda path: url_path_join(base_url, "labmutu/static", path),
    )


class LandingHandler(JupyterHandler):
    """Serves the landing page."""

    def initialize(self, workspace: Workspace) -> None:
        self.workspace = workspace

    @tornado.web.authenticated
    async def get(self) -> None:
        # Fetching from nbgrader's exchange touches the disk: keep it off the server's event loop.
        tasks = await tornado.ioloop.IOLoop.current().run_in_executor(None, assignments, self.workspace)
        self._render(participant.ensure_code(self), tasks=tasks)

    @tornado.web.authenticated
    def post(self) -> None:
        """Continues another browser's work: the participant types the code shown there."""
        typed = self.get_body_argument("kode", "")
        code = participant.normalise(typed)
        if code is None:
            self._render(participant.ensure_code(self), code_error=(
                f"Kode \u201c{typed.strip()[:20]}\u201d tidak dikenali. Kode peserta berbentuk P-XXXXXX "
                "(6 huruf/angka), misalnya P-7K3M9Q. Periksa lagi lalu coba sekali lagi."))
            return
        participant.set_code(self, code)
        self.redirect(self.base_url)

    def _render(self, code: str, code_error: str = "", tasks: list | None = None) -> None:
        self.set_header("Content-Type", "text/html; charset=UTF-8")
        self.set_header("Cache-Control", "no-store")
        # xsrf_form_html also sets the _xsrf cookie early (see app.LabMutuVoilaHandler).
        self.finish(render_landing(self.workspace, self.base_url, code=code,
                                   xsrf_form=self.xsrf_form_html(), code_error=code_error,
                                   tasks=tasks))
