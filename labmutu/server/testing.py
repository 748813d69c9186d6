"""Driving a real ``labmutu serve`` and Debian's Chromium, for the browser tests and benchmarks.

Nothing here is mocked: :class:`LabMutuServer` starts ``labmutu serve`` as a subprocess on a free
port with its own workspace, and :func:`launch_chromium` starts ``/usr/bin/chromium`` through
Playwright's Python API (browsers are never downloaded). ``tests/browser/conftest.py`` turns these
into pytest fixtures; ``benchmarks/bench_voila.py`` uses them directly.

Playwright is a test dependency, so it is imported only inside the functions that need it.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
CHROMIUM_MISSING = (
    f"Chromium tidak ditemukan di {CHROMIUM}. Jalankan `make test` (memasang chromium lewat "
    f"scripts/install-system-deps.sh). / Chromium is missing at {CHROMIUM}: run `make test`, "
    "which installs it via scripts/install-system-deps.sh."
)


ZYGOTE_MARK = "labmutu.grading.kernels"


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port that is free right now (the OS picks it; never 8866)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((host, 0))
        return s.getsockname()[1]


def _children(pid: int) -> list[int]:
    """All descendants of ``pid`` (Linux /proc)."""
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        for task in Path(f"/proc/{p}/task").glob("*"):
            try:
                kids = [int(k) for k in (task / "children").read_text().split()]
            except OSError:
                continue
            out.extend(kids)
            todo.extend(kids)
    return out


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


def memory_mb(pid: int) -> dict[str, float]:
    """RSS, PSS and USS of one process in MB (``/proc/<pid>/smaps_rollup``); zeros if it is gone.

    RSS counts every page the process maps, shared ones in full; PSS splits each shared page
    among the processes sharing it (the kernels' sum is what they really use); USS counts only
    the process's own pages (what one more kernel costs).
    """
    out = {"rss": 0.0, "pss": 0.0, "uss": 0.0}
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            key, _, rest = line.partition(":")
            kb = int(rest.split()[0]) if rest.strip() else 0
            if key == "Rss":
                out["rss"] = kb / 1024
            elif key == "Pss":
                out["pss"] = kb / 1024
            elif key in ("Private_Clean", "Private_Dirty"):
                out["uss"] += kb / 1024
    except (OSError, ValueError, IndexError):
        pass
    return out


def _parent(pid: int) -> int:
    try:
        return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])
    except (OSError, ValueError, IndexError):
        return 0


def _listening_inode(port: int) -> str | None:
    """The socket inode listening on TCP ``port`` (``/proc/net/tcp``), if any."""
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            if fields[3] == "0A" and int(fields[1].rsplit(":", 1)[1], 16) == port:
                return fields[9]
    return None


def _owns_socket(pid: int, inode: str) -> bool:
    for fd in Path(f"/proc/{pid}/fd").glob("*"):
        try:
            if os.readlink(fd) == f"socket:[{inode}]":
                return True
        except OSError:
            continue
    return False


@dataclass
class LabMutuServer:
    """A running ``labmutu serve`` subprocess.

    Attributes:
        base_url: e.g. ``http://127.0.0.1:40123`` (no trailing slash).
        workspace: the ``--workspace`` folder (``modul/``, ``jawaban/``, ``data/``).
        log_path: the server's stdout and stderr (Voilà's log, kernel tracebacks).
        env: extra environment of the server and its kernels (e.g. a trainee's identity).
    """

    workspace: Path
    port: int
    log_path: Path
    extra_args: list[str] = field(default_factory=list)
    env: dict[str, str] = field(default_factory=dict)
    process: subprocess.Popen | None = None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def url(self, path: str = "/") -> str:
        """Absolute URL of a server path, e.g. ``url("/voila/render/x.ipynb")``."""
        return self.base_url + "/" + path.lstrip("/")

    def render_url(self, notebook: str) -> str:
        """URL of a notebook (relative to the workspace) rendered by Voilà."""
        return self.url(f"/voila/render/{notebook}")

    def start(self, timeout: float = 90) -> "LabMutuServer":
        """Starts the server and waits until ``/`` answers."""
        cmd = [sys.executable, "-m", "labmutu", "serve", "--workspace", str(self.workspace),
               "--port", str(self.port), *self.extra_args]
        log = self.log_path.open("wb")
        env = {**os.environ, "PYTHONUNBUFFERED": "1", **self.env}
        # Own session: the server and its kernels can be stopped as one group if it hangs.
        self.process = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, env=env,
                                        start_new_session=True)
        log.close()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"labmutu serve berhenti (kode {self.process.returncode}):\n"
                                   + self.log_tail())
            if self.http_status("/") == 200:
                return self
            time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"labmutu serve tidak menjawab dalam {timeout} detik:\n" + self.log_tail())

    def http_status(self, path: str) -> int:
        """HTTP status of a GET (0 when nothing answers)."""
        try:
            with urllib.request.urlopen(self.url(path), timeout=5) as resp:
                return resp.status
        except urllib.error.HTTPError as exc:
            return exc.code
        except OSError:
            return 0

    def kernel_exists(self, kernel_id: str) -> bool:
        """Whether the server's kernel manager still has this kernel (``GET /api/kernels/<id>``)."""
        return self.http_status(f"/api/kernels/{kernel_id}") == 200

    def kernel_pids(self) -> list[int]:
        """Process ids of the kernels the server started: ordinary ones and those forked by its zygote."""
        if not self.process:
            return []
        out = []
        for pid in _children(self.process.pid):
            cmd = _cmdline(pid)
            if "ipykernel" in cmd or (ZYGOTE_MARK in cmd and ZYGOTE_MARK in _cmdline(_parent(pid))):
                out.append(pid)
        return out

    def kernel_pid(self, kernel_id: str) -> int | None:
        """The process of one kernel: the one listening on the shell port of its connection file."""
        starter = next((p for p in _children(self.process.pid) if kernel_id in _cmdline(p)), None) \
            if self.process else None
        if starter is None:
            return None
        args = Path(f"/proc/{starter}/cmdline").read_bytes().decode().split("\0")
        try:
            connection = json.loads(Path(args[args.index("-f") + 1]).read_text())
        except (ValueError, IndexError, OSError):
            return starter if "ipykernel" in _cmdline(starter) else None
        inode = _listening_inode(int(connection["shell_port"]))
        for pid in self.kernel_pids():
            if inode and _owns_socket(pid, inode):
                return pid
        return None

    def log_text(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def log_tail(self, lines: int = 40) -> str:
        return "\n".join(self.log_text().splitlines()[-lines:])

    def stop(self, timeout: float = 20) -> list[int]:
        """Stops the server like Ctrl+C does; returns kernel pids still alive afterwards."""
        if not self.process or self.process.poll() is not None:
            return []
        kernels = self.kernel_pids()
        self.process.send_signal(signal.SIGINT)
        try:
            self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)  # our own session only
            self.process.wait(10)
        deadline = time.monotonic() + 10
        left = kernels
        while left and time.monotonic() < deadline:
            left = [p for p in kernels if Path(f"/proc/{p}").exists() and "ipykernel" in _cmdline(p)]
            time.sleep(0.2)
        for pid in left:
            os.kill(pid, signal.SIGKILL)
        return left


def launch_chromium(playwright):
    """Launches Debian's headless Chromium; raises ``FileNotFoundError`` when it is missing."""
    if not os.access(CHROMIUM, os.X_OK):
        raise FileNotFoundError(CHROMIUM_MISSING)
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)


_READY_JS = """() => {
  const app = window.jupyterapp;
  const wm = app && app.widgetManager;
  const cells = document.getElementById('rendered_cells');
  if (!wm || !wm.kernel || document.getElementById('loading') || !cells
      || cells.style.display === 'none') return false;
  if (document.querySelector('script[type="application/vnd.voila.cell-output+json"]')) return false;
  // a widget output is an lm-Panel; it is rendered once the ipywidgets view is inside it
  for (const out of document.querySelectorAll('.jp-OutputArea-output.lm-Panel')) {
    if (!out.querySelector('.jupyter-widgets')) return false;
  }
  return wm.kernel.status === 'idle';
}"""


def wait_for_voila_ready(page, timeout: float = 90_000) -> None:
    """Waits until a Voilà page has run every cell, rendered every widget and its kernel is idle.

    Ready must hold on two checks 300 ms apart, so a kernel that briefly goes idle between
    two messages does not count. ``timeout`` is in milliseconds, like Playwright's.
    """
    deadline = time.monotonic() + timeout / 1000
    streak = 0
    while streak < 2:
        remaining = (deadline - time.monotonic()) * 1000
        if remaining <= 0:
            raise TimeoutError("Halaman Voilà tidak siap dalam waktu yang ditentukan.")
        page.wait_for_function(_READY_JS, timeout=remaining, polling=100)
        streak = streak + 1 if page.evaluate(_READY_JS) else 0
        page.wait_for_timeout(300)
    return None


def kernel_id_of(page) -> str:
    """The id of the kernel behind a rendered Voilà page."""
    return json.loads(page.locator("#jupyter-config-data").text_content())["kernelId"]


def write_notebook(path: Path, cells: Iterable[str | tuple[str, str]], labmutu: dict | None = None) -> Path:
    """Writes a small test notebook.

    Args:
        path: the ``.ipynb`` file (parents are created).
        cells: code strings, or ``("markdown", text)`` / ``("code", text)`` pairs.
        labmutu: optional ``metadata.labmutu`` (``judul``, ``ringkasan``, ``waktu_jp``).
    """
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    if labmutu:
        nb.metadata["labmutu"] = labmutu
    for cell in cells:
        kind, text = cell if isinstance(cell, tuple) else ("code", cell)
        new = nbformat.v4.new_markdown_cell if kind == "markdown" else nbformat.v4.new_code_cell
        nb.cells.append(new(text))
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, str(path))
    return path
