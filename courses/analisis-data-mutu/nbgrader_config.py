"""Pengaturan nbgrader untuk kursus analisis-data-mutu (dibuat oleh `labmutu course init`).

Perintah nbgrader biasa yang dijalankan di folder ini dan `labmutu course ...` memakai pengaturan
yang sama. Penjelasan setiap pengaturan: labmutu/grading/settings.py dan docs/penilaian.md.
"""

import os

from labmutu.grading.settings import configure

HERE = os.path.dirname(os.path.abspath(__file__))
c = get_config()  # noqa: F821 (disediakan nbgrader)
configure(c, HERE, course_id="analisis-data-mutu", exchange=None, app_assignments=False)

# Ubah bila perlu (hapus tanda # di depannya):
# c.Execute.timeout = 30        # detik per sel sebelum sel dihentikan dan bernilai 0
