"""Grading 100 submissions: ``labmutu course grade`` against stock ``nbgrader autograde``, same run.

For each course, one assignment and 100 simulated submissions placed in ``submitted/`` as
``collect`` leaves them (a mix: all right, half right, blank). The same course root is copied
three times and graded by

- ``nbgrader autograde <tugas>``: stock nbgrader, one command, the course's own nbgrader_config.py;
- ``labmutu course grade --kernel-biasa``: our parallel workers with ordinary kernels;
- ``labmutu course grade``: parallel workers with kernels forked from a preloaded process.

Every run must give each trainee the same total; the table reports wall seconds, seconds per
submission and the ratio to stock. Target (issue 5): at most half the stock time on 2 cores.
Run: ``python -m benchmarks grading``.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks.common import Timer, report

N = 100
TARGET = 0.5
BIN = Path(sys.executable).parent
CASES = (("bimtek-spmi-sekolah", "03_perencanaan_peningkatan"), ("analisis-data-mutu", "01_capaian_indikator"))


def _run(cmd: list[str], cwd: Path) -> None:
    env = dict(os.environ, PATH=f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}")
    env.pop("NBGRADER_EXECUTION", None)
    out = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, env=env, timeout=3600)
    if out.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} gagal:\n{out.stdout[-2000:]}\n{out.stderr[-2000:]}")


def _variants(course, assignment: str) -> list[tuple[str, dict]]:
    """Three submissions to copy around: (notebook text, answers file or None)."""
    from labmutu.answers import AnswerStore
    from labmutu.grading import builder

    release = (course.release_dir / assignment / f"{assignment}.ipynb").read_text(encoding="utf-8")
    if course.spec_file.is_file():
        spec = next(a for a in builder.load_spec(course.spec_file) if a.name == assignment)
        right = builder.solution_answers(spec)
        half = {k: v for i, (k, v) in enumerate(right.items()) if i % 2 == 0}
        tmp = Path(tempfile.mkdtemp())
        out = []
        for answers in (right, half, None):
            if answers is None:
                out.append((release, None))
                continue
            AnswerStore(tmp / "jawaban.json", assignment).save(answers)
            out.append((release, (tmp / "jawaban.json").read_text(encoding="utf-8")))
        return out
    source = json.loads((course.source_dir / assignment / f"{assignment}.ipynb").read_text(encoding="utf-8"))
    nb = json.loads(release)
    solved = {c["metadata"]["nbgrader"]["grade_id"]: "".join(c["source"]) for c in source["cells"]
              if c.get("metadata", {}).get("nbgrader", {}).get("solution")}
    full, half = json.loads(release), json.loads(release)
    for i, (a, b) in enumerate(zip(full["cells"], half["cells"])):
        gid = a.get("metadata", {}).get("nbgrader", {}).get("grade_id")
        if gid in solved:
            text = "\n".join(ln for ln in solved[gid].splitlines() if "SOLUTION" not in ln)
            a["source"] = text
            if i % 2 == 0:
                b["source"] = text
    return [(json.dumps(full), None), (json.dumps(half), None), (json.dumps(nb), None)]


def _prepare(base: Path, course_name: str, assignment: str) -> Path:
    from labmutu.grading.course import init_course
    from labmutu.grading.distribute import build

    course = init_course(base / "asal", source_from=course_name)
    build(course, [assignment])
    variants = _variants(course, assignment)
    for i in range(N):
        notebook, answers = variants[i % len(variants)]
        folder = course.submitted_dir / f"p{i:03d}" / assignment
        folder.mkdir(parents=True)
        (folder / f"{assignment}.ipynb").write_text(notebook, encoding="utf-8")
        if answers:
            (folder / "jawaban.json").write_text(answers, encoding="utf-8")
        (folder / "timestamp.txt").write_text(f"2026-11-22 08:{i // 60:02d}:{i % 60:02d}.000000 UTC")
    return course.root


def _totals(root: Path, assignment: str) -> dict[str, float]:
    from nbgrader.api import Gradebook

    from labmutu.grading.course import load_course

    course = load_course(root)
    with Gradebook(course.db_url, course.course_id) as gb:
        return {s.student.id: round(s.score, 2) for s in gb.find_assignment(assignment).submissions}


def _copy(src: Path, dst: Path) -> Path:
    shutil.copytree(src, dst, symlinks=True)
    cfg = dst / "nbgrader_config.py"  # the copy is its own course root (HERE in the config)
    return dst if cfg.is_file() else src


def bench(course_name: str, assignment: str) -> list[dict]:
    rows = []
    with tempfile.TemporaryDirectory(prefix="bench-nilai-") as tmp:
        base = Path(tmp)
        origin = _prepare(base, course_name, assignment)
        runs = {
            "nbgrader autograde (stok)": ([str(BIN / "nbgrader"), "autograde", assignment], "stok"),
            "labmutu course grade --kernel-biasa": (
                [str(BIN / "labmutu"), "course", "grade", assignment, "--kernel-biasa"], "biasa"),
            "labmutu course grade": ([str(BIN / "labmutu"), "course", "grade", assignment], "labmutu"),
        }
        totals, stock = {}, None
        for label, (cmd, folder) in runs.items():
            root = _copy(origin, base / folder)
            cmd = cmd + (["--kursus", str(root)] if cmd[0].endswith("labmutu") else [])
            with Timer() as t:
                _run(cmd, root)
            totals[label] = _totals(root, assignment)
            stock = stock or t.seconds
            rows.append({"kursus": course_name, "tugas": assignment, "cara": label, "kiriman": N,
                         "detik": round(t.seconds, 1), "detik_per_kiriman": round(t.seconds / N, 3),
                         "rasio_thd_stok": round(t.seconds / stock, 3)})
        first = next(iter(totals.values()))
        if any(t != first for t in totals.values()) or len(first) != N:
            raise RuntimeError(f"Nilai berbeda antar cara menilai ({course_name}): {totals}")
    return rows


def main() -> None:
    rows = []
    for course_name, assignment in CASES:
        rows += bench(course_name, assignment)
    ours = [r for r in rows if r["cara"] == "labmutu course grade"]
    ok = all(r["rasio_thd_stok"] <= TARGET for r in ours)
    report("grading", rows, notes=(
        "Nilai total setiap peserta sama di ketiga cara (diperiksa).\n"
        + "".join(f"{r['kursus']}: {r['detik_per_kiriman']:.2f} detik per kiriman, rasio {r['rasio_thd_stok']:.2f}\n"
                  for r in ours)
        + f"Target rasio <= {TARGET}: {'TERCAPAI' if ok else 'TIDAK TERCAPAI'}"))


if __name__ == "__main__":
    main()
