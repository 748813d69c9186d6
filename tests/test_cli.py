"""The ``labmutu`` command speaks Indonesian and never shows a traceback."""

import subprocess
import sys
from pathlib import Path

LABMUTU = str(Path(sys.executable).parent / "labmutu")


def run(*args, **kw):
    return subprocess.run([LABMUTU, *args], capture_output=True, text=True, timeout=120, **kw)


def test_help_is_indonesian():
    out = run("--help")
    assert out.returncode == 0
    assert "cara pakai: labmutu" in out.stdout and "pilihan:" in out.stdout
    assert "usage:" not in out.stdout and "options:" not in out.stdout


def test_unknown_command_is_explained_in_indonesian():
    out = run("terbang")
    assert out.returncode == 2
    assert "pilihan tidak dikenal" in out.stderr and "Jalankan 'labmutu --help'" in out.stderr
    assert "Traceback" not in out.stderr + out.stdout


def test_bad_number_is_explained_in_indonesian():
    out = run("serve", "--port", "delapan")
    assert out.returncode == 2 and "bukan bilangan bulat" in out.stderr


def test_port_in_use_is_explained_not_crashed():
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        port = s.getsockname()[1]
        out = run("serve", "--port", str(port), "--workspace", "/tmp/labmutu-uji-port")
    assert out.returncode == 2
    assert "sedang dipakai" in out.stderr and "Traceback" not in out.stderr


def test_workspace_that_cannot_be_created_is_explained(tmp_path):
    from labmutu.server.testing import free_port

    blocker = tmp_path / "berkas"
    blocker.write_text("x")
    out = run("serve", "--port", str(free_port()), "--workspace", str(blocker / "ws"))
    assert out.returncode == 2, out.stderr
    assert "tidak bisa disiapkan: ada berkas, bukan folder" in out.stderr
    assert "--workspace" in out.stderr and "Traceback" not in out.stderr
