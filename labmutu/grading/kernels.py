"""Fast kernels for grading: forked from a process that has imported the heavy libraries once.

A fresh IPython kernel spends most of its first second importing IPython, ipykernel, numpy and
pandas. While ``labmutu course grade`` runs, a *zygote* process imports them once; each kernel
nbgrader asks for is a ``fork`` of it that then starts an ordinary ``ipykernel`` in the notebook's
folder with the environment nbgrader gave it. Every notebook still gets its own new process and
a fresh interpreter state (nothing runs before the fork but imports); random generators are
reseeded in the child.

jupyter_client still launches a real process, :mod:`labmutu.grading.kernel_launcher` (standard
library only, started with ``python -S -I``): it hands its stdio to the zygote, relays interrupt
and terminate signals to the kernel, and exits with the kernel's exit code. If the launcher is
killed, the zygote kills the kernel. When the zygote cannot start, grading uses normal kernels.
"""

from __future__ import annotations

import gc
import json
import os
import selectors
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Sequence

from jupyter_client.asynchronous import AsyncKernelClient
from jupyter_client.manager import AsyncKernelManager
from traitlets import default

PRELOAD = ("numpy", "pandas", "labmutu.grading.scoring", "labmutu.grading.app", "labmutu.datasets.samples",
           "IPython", "ipykernel.kernelapp")
LAUNCHER = Path(__file__).with_name("kernel_launcher.py")
ENV = "LABMUTU_ZYGOTE"
PRELOAD_ENV = "LABMUTU_ZYGOTE_PRELOAD"


class PromptClient(AsyncKernelClient):
    """Waits for a new kernel like jupyter_client does, minus its fixed 0.2 s of idle listening.

    jupyter_client ends ``wait_for_ready`` by draining IOPub until 0.2 s pass without a message;
    nbclient ignores IOPub messages that do not answer its own requests, so a short drain is enough.
    """

    async def wait_for_ready(self, timeout: float | None = None) -> None:
        deadline = time.time() + (timeout if timeout is not None else float("inf"))
        while True:
            self.kernel_info()
            try:
                msg = await self.shell_channel.get_msg(timeout=1)
            except Exception:  # queue.Empty
                msg = None
            if msg is not None and msg["msg_type"] == "kernel_info_reply":
                try:
                    await self.iopub_channel.get_msg(timeout=1)
                except Exception:
                    pass
                else:
                    self._handle_kernel_info_reply(msg)
                    break
            if not await self._async_is_alive():
                raise RuntimeError("Kernel died before replying to kernel_info")
            if time.time() > deadline:
                raise RuntimeError(f"Kernel didn't respond in {timeout} seconds")
        while True:
            try:
                await self.iopub_channel.get_msg(timeout=0.01)
            except Exception:
                break


class PreloadedKernelManager(AsyncKernelManager):
    """A kernel manager whose Python kernels come from the zygote named by ``$LABMUTU_ZYGOTE``."""

    @default("client_factory")
    def _client_factory_default(self) -> type:
        return PromptClient

    def client(self, **kwargs):
        client = super().client(**kwargs)
        # The kernel binds its sockets a few tens of ms after launch; zmq's default 100 ms
        # reconnect interval would make every start wait for the next retry.
        import zmq

        client.context.setsockopt(zmq.RECONNECT_IVL, 5)
        return client

    def format_kernel_cmd(self, extra_arguments: list[str] | None = None) -> list[str]:
        return zygote_command(super().format_kernel_cmd(extra_arguments))


def zygote_command(cmd: list[str]) -> list[str]:
    """``cmd`` (a Python kernel's launch command) routed through the zygote of ``$LABMUTU_ZYGOTE``.

    Unchanged when no zygote runs, for other kernels, or for another Python (whose imports would
    not be the zygote's).
    """
    path = os.environ.get(ENV)
    if not path or "ipykernel_launcher" not in cmd or not os.path.exists(path):
        return cmd
    if Path(cmd[0]).resolve() != Path(sys.executable).resolve():
        return cmd
    rest = cmd[cmd.index("ipykernel_launcher") + 1:]
    return [sys.executable, "-S", "-I", str(LAUNCHER), path, *rest]


class Zygote:
    """The preloaded process; :meth:`start` returns None when it cannot run here."""

    def __init__(self, process: subprocess.Popen, path: Path) -> None:
        self.process = process
        self.socket = path

    @classmethod
    def start(cls, path: Path, timeout: float = 60.0, preload: Sequence[str] = ()) -> "Zygote | None":
        """Starts the zygote listening on ``path``; ``preload`` names more modules to import first."""
        if not hasattr(os, "fork") or not hasattr(socket, "send_fds"):
            return None
        # Threads do not survive fork(): keep the zygote single-threaded (BLAS pools, Arrow's allocator).
        env = dict(os.environ, OPENBLAS_NUM_THREADS="1", OMP_NUM_THREADS="1", MKL_NUM_THREADS="1",
                   JE_ARROW_MALLOC_CONF="background_thread:false", PYDEVD_DISABLE_FILE_VALIDATION="1",
                   # The zygote's folder stays off the kernels' import path (IPython adds each kernel's cwd).
                   PYTHONSAFEPATH="1", **{PRELOAD_ENV: ",".join(preload)})
        process = subprocess.Popen([sys.executable, "-m", "labmutu.grading.kernels", str(path)],
                                   cwd=str(path.parent), env=env, stdin=subprocess.DEVNULL,
                                   stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + timeout
        line = process.stdout.readline() if process.stdout else b""
        if line.strip() != b"siap" or time.monotonic() > deadline:
            process.kill()
            process.wait()
            return None
        return cls(process, path)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def _child(conn: socket.socket, request: dict, fds: list[int], others: list[socket.socket]) -> None:
    """In the forked process: become the kernel the launcher asked for. Never returns."""
    try:
        for s in others:
            s.close()
        conn.close()
        os.setsid()
        signal.set_wakeup_fd(-1)
        for sig in (signal.SIGCHLD, signal.SIGTERM, signal.SIGINT):
            signal.signal(sig, signal.SIG_DFL)
        for target, fd in zip((0, 1, 2), fds):
            os.dup2(fd, target)
        for fd in fds:
            if fd > 2:
                os.close(fd)
        os.chdir(request["cwd"])
        os.environ.clear()
        os.environ.update(request["env"])
        import random

        random.seed()
        if "numpy" in sys.modules:
            sys.modules["numpy"].random.seed()
        if "matplotlib" in sys.modules:
            # matplotlib read $MPLBACKEND when the zygote imported it; read it again for this kernel,
            # with ipykernel's own default, so plt.show() draws inline as in an ordinary kernel.
            backend = os.environ.get("MPLBACKEND") or "module://matplotlib_inline.backend_inline"
            sys.modules["matplotlib"].rcParams["backend"] = backend
        # ipykernel read JPY_PARENT_PID when the zygote imported it; say it again for this kernel.
        parent = f"--IPKernelApp.parent_handle={os.getppid()}"
        sys.argv = [str(Path(sys.executable).parent / "ipykernel_launcher"), *request["argv"], parent]
        from ipykernel import kernelapp

        kernelapp.launch_new_instance()
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 0
    except BaseException:
        code = 1
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def serve(path: Path) -> None:
    """The zygote's loop: fork a kernel per request, report exits, kill orphans.

    The zygote ends with its parent (the grading run or ``labmutu serve``), taking its kernels.
    """
    parent = os.getppid()
    extra = tuple(n for n in os.environ.pop(PRELOAD_ENV, "").split(",") if n)
    for name in PRELOAD + tuple(_kernel_imports()) + extra:
        try:
            module, _, function = name.partition(":")
            __import__(module)
            if function:  # "module:function" also runs a warm-up, e.g. filling a cache
                getattr(sys.modules[module], function)()
        except Exception:  # a missing optional library only makes kernels a little slower
            pass
    # What is loaded now stays out of the collector's reach: a kernel's collections then do not
    # write to (and so copy) the pages it shares with the zygote and with every other kernel.
    gc.collect()
    gc.freeze()
    if len(os.listdir("/proc/self/task")) > 1 if os.path.isdir("/proc/self/task") else False:
        sys.stdout.write("tidak: ada thread\n")  # forking now could deadlock a kernel
        sys.stdout.flush()
        return
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(str(path))
    os.chmod(path, 0o600)
    listener.listen(64)
    wake_r, wake_w = os.pipe()
    os.set_blocking(wake_w, False)
    signal.set_wakeup_fd(wake_w)
    signal.signal(signal.SIGCHLD, lambda *_: None)
    stopping = []
    signal.signal(signal.SIGTERM, lambda *_: stopping.append(1))
    selector = selectors.DefaultSelector()
    selector.register(listener, selectors.EVENT_READ, "listen")
    selector.register(wake_r, selectors.EVENT_READ, "wake")
    kernels: dict[int, socket.socket] = {}
    by_conn: dict[socket.socket, int] = {}
    sys.stdout.write("siap\n")
    sys.stdout.flush()
    while not stopping and os.getppid() == parent:
        for key, _ in selector.select(timeout=1.0):
            if key.data == "listen":
                conn, _ = listener.accept()
                try:
                    msg, fds, _, _ = socket.recv_fds(conn, 1 << 20, 3)
                    request = json.loads(msg.decode("utf-8"))
                except (OSError, ValueError):
                    conn.close()
                    continue
                pid = os.fork()
                if pid == 0:
                    _child(conn, request, fds, [listener, *by_conn])
                for fd in fds:
                    os.close(fd)
                conn.sendall(json.dumps({"pid": pid}).encode() + b"\n")
                kernels[pid] = conn
                by_conn[conn] = pid
                selector.register(conn, selectors.EVENT_READ, "launcher")
            elif key.data == "wake":
                os.read(wake_r, 4096)
                _reap(kernels, by_conn, selector)
            else:  # a launcher closed its end: it died, so its kernel must not outlive it
                conn = key.fileobj
                if not conn.recv(1, socket.MSG_PEEK):
                    _kill_group(by_conn.get(conn))
                    selector.unregister(conn)
                    kernels.pop(by_conn.pop(conn, -1), None)
                    conn.close()
        _reap(kernels, by_conn, selector)
    for pid in list(kernels):
        _kill_group(pid)


def _kernel_imports() -> list[str]:
    """The modules a kernel imports while it starts, found by starting one in a throwaway child."""
    import tempfile

    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:
        try:
            os.close(read_end)
            devnull = os.open(os.devnull, os.O_RDWR)
            for fd in (0, 1, 2):
                os.dup2(devnull, fd)
            before = set(sys.modules)
            from ipykernel import kernelapp

            folder = tempfile.mkdtemp(prefix="labmutu-probe-")
            app = kernelapp.IPKernelApp.instance()
            app.initialize(["--IPKernelApp.log_level=CRITICAL", "-f", os.path.join(folder, "k.json")])
            names = sorted(m for m in set(sys.modules) - before if "." not in m or not m.startswith("_"))
            os.write(write_end, json.dumps(names).encode())
        finally:
            os._exit(0)
    os.close(write_end)
    chunks = []
    while True:
        chunk = os.read(read_end, 65536)
        if not chunk:
            break
        chunks.append(chunk)
    os.close(read_end)
    os.waitpid(pid, 0)
    try:
        return [m for m in json.loads(b"".join(chunks) or b"[]") if not m.startswith("__main__")]
    except ValueError:
        return []


def _kill_group(pid: int | None) -> None:
    if pid:
        try:
            os.killpg(pid, signal.SIGKILL)
        except OSError:
            pass


def _reap(kernels: dict, by_conn: dict, selector) -> None:
    while True:
        try:
            pid, status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return
        conn = kernels.pop(pid, None)
        if conn is None:
            continue
        code = os.waitstatus_to_exitcode(status)
        try:
            conn.sendall(json.dumps({"exit": code}).encode() + b"\n")
        except OSError:
            pass
        by_conn.pop(conn, None)
        try:
            selector.unregister(conn)
        except (KeyError, ValueError):
            pass
        conn.close()


if __name__ == "__main__":
    serve(Path(sys.argv[1]))
