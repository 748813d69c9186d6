"""Trainees from a CSV: Excel's ways of saving it, and every problem named by row and column."""

import subprocess
import sys
from pathlib import Path

import pytest

from labmutu.errors import LabMutuError
from labmutu.grading.roster import read_roster

LABMUTU = str(Path(sys.executable).parent / "labmutu")


@pytest.mark.parametrize("text", [
    "id,nama,email\nbudi,Budi Santoso,budi@contoh.id\nsiti,Siti,\n",
    "\ufeffid;nama;email\r\nbudi;Budi Santoso;budi@contoh.id\r\nsiti;Siti;\r\n;;\r\n",
    "Akun\tNama Lengkap\nbudi\tBudi Santoso\nsiti\tSiti\n",
])
def test_comma_semicolon_tab_bom_and_blank_lines(tmp_path, text):
    path = tmp_path / "peserta.csv"
    path.write_text(text, encoding="utf-8")
    trainees = read_roster(path)
    assert [t.id for t in trainees] == ["budi", "siti"]
    assert trainees[0].first_name == "Budi Santoso"


def test_every_problem_is_listed_with_its_row(tmp_path):
    path = tmp_path / "peserta.csv"
    path.write_text("id,nama,email\nbudi,Budi,budi@contoh.id\n,Tanpa Akun,\nbudi,Ganda,\n"
                    "nama spasi,X,\nsiti,Siti,bukan-email\n", encoding="utf-8")
    with pytest.raises(LabMutuError) as err:
        read_roster(path)
    text = err.value.message
    assert "(4)" in text
    for fragment in ("baris 3, kolom id: nama akun kosong", "baris 4, kolom id: 'budi' sudah ada di baris 2",
                     "baris 5, kolom id: 'nama spasi' bukan nama akun", "baris 6, kolom email"):
        assert fragment in text, fragment
    assert "belum ada yang diimpor" in err.value.hint


@pytest.mark.parametrize("data, message", [
    (b"", "kosong"),
    (b"nama,email\nBudi,b@c.id\n", "tidak ada kolom nama akun"),
    ("id,nama\nbudi,Bud\xee\n".encode("latin-1"), "bukan teks UTF-8"),
    ("id,nama\n".encode("utf-16"), "UTF-16"),
    (b"id,nama\n", "tidak berisi peserta"),
])
def test_unusable_files_are_explained(tmp_path, data, message):
    path = tmp_path / "peserta.csv"
    path.write_bytes(data)
    with pytest.raises(LabMutuError, match=message):
        read_roster(path)


def test_the_command_explains_a_missing_file_without_a_traceback(tmp_path):
    from labmutu.grading.course import init_course

    course = init_course(tmp_path / "kursus")
    out = subprocess.run([LABMUTU, "course", "roster", str(tmp_path / "tidak-ada.csv"), "--kursus", str(course.root)],
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 2 and "tidak ada" in out.stderr and "Traceback" not in out.stderr
