"""``labmutu course``: the trainer's grading workflow on an nbgrader course root.

    labmutu course init FOLDER --dari bimtek-spmi-sekolah   course root for one workshop
    labmutu course roster peserta.csv                        trainees into the gradebook
    labmutu course build                                     generate every assignment
    labmutu course release                                   share them with trainees
    labmutu course collect                                   take the latest submissions
    labmutu course grade                                     autograde, several at once
    labmutu course feedback                                  feedback without hidden tests, released
    labmutu course export                                    grades as CSV and XLSX

Every command takes ``--kursus`` (a course folder, or the name of a course in ``courses/``;
default: the current folder).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from labmutu.errors import LabMutuError

EPILOG = ("Alur biasa: init → roster → build → release → (peserta mengerjakan dan menekan Kumpulkan) → "
          "collect → grade → (nilai refleksi di formgrader) → feedback → export. Lihat docs/penilaian.md.")


def register(subparsers) -> None:
    """Adds ``course`` and its subcommands."""
    from labmutu.cli import IndonesianArgumentParser

    p = subparsers.add_parser("course", help="alur kerja pelatih: bagikan, kumpulkan, nilai tugas (nbgrader)",
                              description="Alur kerja pelatih dengan nbgrader di satu komputer atau server.",
                              epilog=EPILOG)
    sub = p.add_subparsers(title="langkah", dest="langkah", metavar="LANGKAH", parser_class=IndonesianArgumentParser)
    p.set_defaults(func=lambda args: (p.print_help(), 2)[1])

    def add(name: str, help_: str, func, description: str = "") -> argparse.ArgumentParser:
        q = sub.add_parser(name, help=help_, description=description or help_)
        q.add_argument("--kursus", default=".", metavar="FOLDER",
                       help="folder kursus (berisi nbgrader_config.py) atau nama kursus di courses/ "
                            "(bawaan: folder ini)")
        q.set_defaults(func=func)
        return q

    q = sub.add_parser("init", help="buat folder kursus baru untuk satu pelatihan",
                       description="Membuat folder kursus nbgrader (source/, pengaturan, folder pertukaran).")
    q.add_argument("folder", type=Path, help="folder kursus baru (kosong atau belum ada)")
    q.add_argument("--dari", metavar="KURSUS", help="salin tugas dari kursus ini (mis. bimtek-spmi-sekolah)")
    q.add_argument("--nama", metavar="NAMA", help="nama kursus (bawaan: nama folder atau kursus asal)")
    q.add_argument("--pertukaran", type=Path, metavar="FOLDER",
                   help="folder pertukaran bersama untuk banyak akun (bawaan: FOLDER/exchange)")
    q.set_defaults(func=run_init)

    q = add("roster", "impor daftar peserta dari CSV", run_roster,
            "Mengimpor peserta (kolom id/akun, nama, email) ke buku nilai. Semua masalah dilaporkan sekaligus.")
    q.add_argument("berkas", type=Path, help="berkas CSV daftar peserta")

    q = add("build", "buat versi peserta semua tugas", run_build,
            "Menulis notebook sumber dari spesifikasi.py (bila ada) lalu membuat versi peserta tiap tugas.")
    q.add_argument("tugas", nargs="*", help="tugas tertentu (bawaan: semua)")
    q.add_argument("--periksa", action="store_true",
                   help="juga periksa: sumber dengan kunci lolos semua uji, versi kosong gagal semua uji")

    q = add("release", "bagikan tugas ke peserta", run_release)
    q.add_argument("tugas", nargs="*", help="tugas tertentu (bawaan: semua yang sudah dibuat)")

    q = add("collect", "ambil kiriman terakhir setiap peserta", run_collect)
    q.add_argument("tugas", nargs="*", help="tugas tertentu (bawaan: semua)")
    q.add_argument("--periksa-pemilik", action="store_true",
                   help="lewati kiriman yang dibuat akun lain daripada nama pesertanya (satu akun per peserta)")

    q = add("grade", "nilai otomatis semua kiriman (beberapa sekaligus)", run_grade,
            "Menilai setiap kiriman yang baru dengan nbgrader, beberapa proses sekaligus; buku nilai tetap aman.")
    q.add_argument("tugas", nargs="*", help="tugas tertentu (bawaan: semua)")
    q.add_argument("--peserta", nargs="+", metavar="ID", help="hanya peserta ini")
    q.add_argument("--proses", type=int, metavar="N", help="banyaknya proses sekaligus (bawaan: inti prosesor + 1)")
    q.add_argument("--ulang", action="store_true", help="nilai ulang juga kiriman yang sudah dinilai")
    q.add_argument("--batas-waktu", type=int, metavar="DETIK", help="batas waktu per sel (bawaan: pengaturan kursus)")
    q.add_argument("--kernel-biasa", action="store_true",
                   help="jangan pakai kernel yang dimuat lebih dulu (lebih lambat; untuk mencari masalah)")

    q = add("feedback", "buat dan bagikan umpan balik (tanpa uji tersembunyi)", run_feedback)
    q.add_argument("tugas", nargs="*", help="tugas tertentu (bawaan: semua)")
    q.add_argument("--peserta", nargs="+", metavar="ID", help="hanya peserta ini")
    q.add_argument("--tanpa-bagikan", action="store_true", help="buat saja, jangan bagikan dulu")

    q = add("export", "ekspor nilai ke CSV dan XLSX", run_export,
            "Menulis nilai per peserta dan per butir dengan judul kolom berbahasa Indonesia.")
    q.add_argument("tugas", nargs="*", help="tugas tertentu (bawaan: semua)")
    q.add_argument("--keluar", type=Path, metavar="FOLDER|BERKAS",
                   help="folder (nilai.csv dan nilai.xlsx) atau satu berkas .csv/.xlsx (bawaan: KURSUS/nilai)")
    q.add_argument("--csv-excel-indonesia", action="store_true",
                   help="CSV dengan titik koma dan koma desimal, untuk Excel berbahasa Indonesia")


def _course(args):
    from labmutu.grading.course import load_course, quiet_warnings

    quiet_warnings()
    return load_course(args.kursus)


def _num(x: float) -> str:
    return f"{x:g}".replace(".", ",")


def run_init(args: argparse.Namespace) -> int:
    from labmutu.grading.course import init_course

    course = init_course(args.folder, source_from=args.dari, course_id=args.nama, exchange=args.pertukaran)
    print(f"Kursus {course.course_id} dibuat di {course.root} ({len(course.assignments())} tugas).")
    print(f"Folder pertukaran: {course.exchange}")
    print(f"Langkah berikutnya: labmutu course build --kursus {course.root}")
    return 0


def run_roster(args: argparse.Namespace) -> int:
    from labmutu.grading.roster import import_roster

    report = import_roster(_course(args), args.berkas)
    print(f"{len(report.added)} peserta baru, {len(report.updated)} diperbarui.")
    return 0


def run_build(args: argparse.Namespace) -> int:
    from labmutu.grading.distribute import build

    course = _course(args)
    report = build(course, args.tugas, check=args.periksa)
    for path in report.written:
        print(f"Notebook sumber ditulis dari spesifikasi: {path.relative_to(course.root)}")
    for name in report.generated:
        print(f"Tugas {name}: versi peserta siap di release/{name}")
    if args.periksa:
        print(f"Diperiksa {len(report.checked)} tugas: kunci lolos semua uji, jawaban kosong gagal semua uji.")
    print(f"Langkah berikutnya: labmutu course release --kursus {course.root}")
    return 0


def run_release(args: argparse.Namespace) -> int:
    from labmutu.grading.distribute import release

    course = _course(args)
    built = [n for n in course.assignments() if (course.release_dir / n).is_dir()]
    names = release(course, args.tugas or built)
    for name in names:
        print(f"Tugas {name} dibagikan.")
    print(f"Peserta di komputer ini melihat tugas di halaman depan Lab Mutu bila LABMUTU_EXCHANGE={course.exchange} "
          "(atau c.Exchange.root di nbgrader_config.py sistem).")
    return 0


def run_collect(args: argparse.Namespace) -> int:
    from labmutu.grading.collect import collect

    report = collect(_course(args), args.tugas, check_owner=True if args.periksa_pemilik else None)
    for student, assignment, stamp in report.collected:
        print(f"Diambil: {student} / {assignment} ({stamp})")
    for reason in report.skipped:
        print(f"Dilewati: {reason}")
    print(f"{len(report.collected)} kiriman diambil, {report.unchanged} tidak berubah, {len(report.skipped)} dilewati.")
    return 0


def run_grade(args: argparse.Namespace) -> int:
    from labmutu.grading.autograde import grade

    course = _course(args)
    if args.proses is not None and args.proses < 1:
        raise LabMutuError("--proses harus 1 atau lebih.", "Misalnya --proses 2.")

    def progress(outcome, done: int, total: int) -> None:
        state = "dinilai" if outcome.ok else f"GAGAL ({outcome.error})"
        print(f"[{done}/{total}] {outcome.student} / {outcome.assignment}: {state}, {outcome.seconds:.1f} detik",
              flush=True)
        for note in outcome.notes:
            print(f"    catatan: {note}")

    report = grade(course, args.tugas, args.peserta, workers=args.proses, force=args.ulang,
                   timeout=args.batas_waktu, preload=not args.kernel_biasa, progress=progress)
    if not report.outcomes:
        print(f"Tidak ada kiriman baru untuk dinilai ({report.up_to_date} sudah dinilai). "
              "Pakai --ulang untuk menilai ulang.")
        return 0
    n = len(report.outcomes)
    print(f"{n} kiriman dinilai dalam {report.seconds:.1f} detik ({report.seconds / n:.2f} detik per kiriman, "
          f"{report.workers} proses).")
    if report.failed:
        print(f"{len(report.failed)} kiriman tidak bisa dinilai otomatis: butir otomatisnya bernilai 0 dan "
              "ditandai untuk diperiksa di formgrader.", file=sys.stderr)
        return 1
    return 0


def run_feedback(args: argparse.Namespace) -> int:
    from labmutu.grading.feedback import feedback

    report = feedback(_course(args), args.tugas, args.peserta, release_too=not args.tanpa_bagikan)
    print(f"{len(report.written)} halaman umpan balik dibuat" +
          (f", {report.released} dibagikan." if not args.tanpa_bagikan else " (belum dibagikan)."))
    for item in report.refused:
        print(f"Ditahan (akan memperlihatkan uji tersembunyi): {item}", file=sys.stderr)
    return 1 if report.refused else 0


def run_export(args: argparse.Namespace) -> int:
    from labmutu.grading.export import export

    for path in export(_course(args), args.keluar, args.tugas, indonesian_csv=args.csv_excel_indonesia):
        print(f"Nilai ditulis: {path}")
    return 0
