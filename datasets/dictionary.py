"""The data dictionary (kamus data) written beside every dataset, built from the contract.

Trainers read it, so it is in Bahasa Indonesia: every table, every column with its type, unit,
allowed range, and its source or the assumption behind it.
"""

from __future__ import annotations

import re

from labmutu.datasets.gen_indikator import GAP_3T, LITERASI, NUMERASI_FINAL, SD_POINTS, SPREAD_3T
from labmutu.datasets.schema import TABLES, Column

DIGITS = re.compile(r"\^\\d\{(\d+)\}\$")  # "^\d{8}$" → 8 digit
TYPE_NAMES = {"str": "teks", "int": "bilangan bulat", "float": "bilangan desimal",
              "bool": "ya/tidak (true/false)", "category": "kategori"}

CAUSAL_STORY = f"""\
## Cerita sebab-akibat di balik indikator (asumsi pelatihan)

Data indikator dibangkitkan, bukan data asli Rapor Pendidikan. Agar latihan Perencanaan Berbasis
Data masuk akal, nilai-nilainya saling terkait menurut cerita berikut (bobot dalam skala baku):

1. Setiap sekolah punya **mutu laten** yang tidak ditulis ke file.
2. Mutu laten mendorong **D.3 Kepemimpinan instruksional** dan **C.3 Pengalaman pelatihan PTK**.
3. D.3 (dan C.3) mendorong **D.2 Refleksi dan perbaikan pembelajaran oleh guru**.
4. **D.1 Kualitas pembelajaran** mengikuti D.2, C.3 dan D.3.
5. **A.1 Literasi** dan **A.2 Numerasi** mengikuti D.1 (dan sedikit mutu laten).
6. Indeks iklim (**D.4, D.6, D.8, D.10**) mengikuti D.3; **A.3 Karakter** mengikuti iklim dan D.1.
7. Indikator pengelolaan (**E.1, E.2, E.3, E.5**) mengikuti mutu laten dan D.3.

Setiap tahun ada derau baru, sehingga nilai naik-turun wajar dari tahun ke tahun.

**Kalibrasi.** Rata-rata nasional A.1 dan A.2 per jenjang pada tahun akhir mengikuti angka Rapor
Pendidikan 2024 (literasi SD {LITERASI['SD'][2]}, SMP {LITERASI['SMP'][2]}, SMA {LITERASI['SMA'][2]},
SMK {LITERASI['SMK'][2]}; numerasi SD {NUMERASI_FINAL['SD']}, SMP {NUMERASI_FINAL['SMP']},
SMA {NUMERASI_FINAL['SMA']}, SMK {NUMERASI_FINAL['SMK']}), dengan selisih sekitar satu poin karena
nilai dibatasi 0–100. Dua tahun sebelumnya mengikuti lintasan literasi 2021 dan laporan 2023;
lintasan numerasi, SMK dan seluruh angka SLB **belum terkonfirmasi** (asumsi pelatihan).
Sebaran antarsekolah sekitar {SD_POINTS:g} poin. Sekolah di daerah tertinggal (3T) rata-rata
{GAP_3T:g} poin lebih rendah dan {SPREAD_3T:g} kali lebih menyebar (asumsi pelatihan; sebaran
Baik/Sedang/Kurang per sekolah secara nasional tidak dipublikasikan).

**Kategori capaian.** Baik > 70, Sedang 40–70, Kurang < 40 (aturan literasi/numerasi Rapor
Pendidikan). Memakai batas yang sama untuk indikator lain adalah asumsi pelatihan.
"""


def data_dictionary(title: str, notes: str = "") -> str:
    """The whole KAMUS_DATA.md text for a dataset."""
    lines = [f"# Kamus data: {title}", "",
             "Data sekolah ini **fiktif** (nama dan NPSN dibangkitkan) di atas geografi dan jumlah "
             "sekolah yang nyata. Jangan dipakai sebagai data resmi.", ""]
    if notes:
        lines += [notes, ""]
    for table in TABLES.values():
        lines += [f"## Tabel `{table.name}` ({table.name}.csv)", "", table.description, "",
                  f"Kunci: {', '.join(table.key)}", "",
                  "| kolom | tipe | satuan | rentang / nilai | keterangan | sumber / asumsi |",
                  "|---|---|---|---|---|---|"]
        lines += [_row(c) for c in table.columns]
        lines.append("")
    lines.append(CAUSAL_STORY)
    return "\n".join(lines)


def _row(c: Column) -> str:
    if c.choices:
        allowed = ", ".join(c.choices)
    elif c.min is not None or c.max is not None:
        allowed = f"{_num(c.min)} – {_num(c.max)}"
    elif c.pattern and (digits := DIGITS.fullmatch(c.pattern)):
        allowed = f"{digits.group(1)} digit"
    else:
        allowed = ""
    extra = []
    if c.nullable:
        extra.append("boleh kosong")
    if c.unique:
        extra.append("unik")
    desc = c.description + (f" ({', '.join(extra)})" if extra else "")
    return f"| `{c.name}` | {TYPE_NAMES[c.dtype]} | {c.unit} | {allowed} | {desc} | {c.source} |"


def _num(x) -> str:
    if x is None:
        return "…"
    return f"{x:,.0f}".replace(",", ".") if float(x).is_integer() else str(x).replace(".", ",")
