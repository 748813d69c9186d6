"""Stands in for ``python -m ipykernel_launcher`` while grading (see ``labmutu.grading.kernels``).

Run as ``python -S -I kernel_launcher.py SOCKET -f CONNECTION_FILE ...``: standard library only,
so it starts in milliseconds. It asks the zygote listening on SOCKET for a kernel with these
arguments, this folder, this environment and these stdio handles; then it relays SIGINT/SIGTERM
to the kernel's process group and exits with the kernel's exit code. If it cannot reach the
zygote it runs ``ipykernel_launcher`` itself, so grading never depends on the zygote.
"""

import json
import os
import signal
import socket
import sys


def _fallback(argv):
    os.execv(sys.executable, [sys.executable, "-m", "ipykernel_launcher", *argv])


def main(argv):
    path, rest = argv[0], argv[1:]
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        sock.connect(path)
        request = json.dumps({"argv": rest, "cwd": os.getcwd(), "env": dict(os.environ)}).encode()
        socket.send_fds(sock, [request], [0, 1, 2])
        reader = sock.makefile("rb")
        pid = json.loads(reader.readline())["pid"]
    except (OSError, ValueError, KeyError):
        sock.close()
        _fallback(rest)
        return 1

    def relay(signum, _frame):
        try:
            os.killpg(pid, signum)
        except OSError:
            pass

    for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP, signal.SIGQUIT):
        signal.signal(sig, relay)
    while True:
        try:
            line = reader.readline()
        except InterruptedError:
            continue
        if not line:  # the zygote went away: take the kernel with us
            relay(signal.SIGKILL, None)
            return 1
        code = json.loads(line).get("exit")
        if code is not None:
            return code if code >= 0 else 128 - code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
