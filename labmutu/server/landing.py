"""The landing page: an Indonesian list of modules and sample datasets at ``/``."""

from __future__ import annotations

from pathlib import Path

import jinja2
import tornado.web
from jupyter_server.base.handlers import JupyterHandler
from jupyter_server.utils import url_path_join

from labmutu.server import catalog
from labmutu.workspace import Workspace

TEMPLATES = Path(__file__).parent / "templates"
_env = jinja2.Environment(
    loader=jinja2.FileSystemLoader(str(TEMPLATES)), autoescape=True, trim_blocks=True
)


def render_landing(ws: Workspace, base_url: str = "/") -> str:
    """Renders the landing page for a workspace."""
    return _env.get_template("landing.html").render(
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
    def get(self) -> None:
        self.set_header("Content-Type", "text/html; charset=UTF-8")
        self.set_header("Cache-Control", "no-store")
        self.xsrf_token  # noqa: B018  sets the _xsrf cookie early (see app.LabMutuVoilaHandler)
        self.finish(render_landing(self.workspace, self.base_url))
