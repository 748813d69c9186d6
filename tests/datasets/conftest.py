"""A small hand-made dataset that follows the contract, and a helper to break it.

Four schools: two in Kab. Sumba Barat (5312, NTT, a daerah tertinggal) and two in Kab. Belitung
(1902, Kep. Bangka Belitung, not 3T). Every derived value was worked out by hand:

- capaian: Baik > 70, Sedang 40-70, Kurang < 40 (70 and 40 are Sedang, on purpose).
- bangunan: the 17 weights add up to 100 and the structural ones to 47.66, so a block with every
  component at 50 % is 50 % damaged (Berat), every component at 20 % is 20 % (Ringan), and the
  non-structural components at 70 % with the structure intact is 0.7 × 52.34 = 36.64 % (Sedang).
- keuangan: alokasi = satuan biaya × peserta didik (0 when not layak: 55 students, swasta, not 3T);
  total = sum of the 12 components; porsi honor = k12 / alokasi × 100.
"""

from __future__ import annotations

import csv
from pathlib import Path

import openpyxl
import pytest

from labmutu.datasets.schema import KOMPONEN_BANGUNAN, TABLES

STRUCTURAL_INTACT = "70,0,70,70,70,70,0,70,70,70,70,70,0,70,0,0,70"  # 17 components in contract order


def _same(v) -> str:
    return ",".join([str(v)] * len(KOMPONEN_BANGUNAN))


def _header(table: str) -> str:
    return ",".join(TABLES[table].column_names)


VALID = {
    "sekolah": f"""{_header("sekolah")}
95312001,SD Negeri 1 Waikabubak,SD,Negeri,5312,53,true,-9.6412,119.4133,180,10,6,B
95312002,SMP Negeri 1 Loli,SMP,Negeri,5312,53,true,-9.6035,119.3811,240,16,8,C
91902001,SD Negeri 1 Tanjung Pandan,SD,Negeri,1902,19,false,-2.7401,107.6512,300,14,12,A
91902002,SMA Bina Insani Belitung,SMA,Swasta,1902,19,false,-2.8533,107.7021,55,9,3,Belum
""",
    "indikator": f"""{_header("indikator")}
95312001,2023,A.1,35,Kurang,
95312001,2024,A.1,38.5,Kurang,3.5
95312001,2023,A.2,42,Sedang,
95312001,2024,A.2,39,Kurang,-3
95312002,2023,A.1,55,Sedang,
95312002,2024,A.1,58.5,Sedang,3.5
95312002,2023,A.2,40,Sedang,
95312002,2024,A.2,41,Sedang,1
91902001,2023,A.1,72,Baik,
91902001,2024,A.1,75.5,Baik,3.5
91902001,2023,A.2,70,Sedang,
91902001,2024,A.2,71,Baik,1
91902002,2023,A.1,60,Sedang,
91902002,2024,A.1,62,Sedang,2
91902002,2023,A.2,30,Kurang,
91902002,2024,A.2,30,Kurang,0
""",
    "standar_snp": f"""{_header("standar_snp")}
95312001,2019,3.1,3.4,3.2,3.6,2.9,2.5,3.3,3.0
95312002,2019,3.8,4.0,3.7,3.9,3.5,3.1,3.6,3.4
91902001,2019,5.2,5.0,4.8,5.1,4.6,4.9,5.3,5.0
91902002,2019,4.1,4.3,4.0,4.2,3.8,3.9,4.0,3.7
""",
    "bangunan": f"""{_header("bangunan")}
95312001,1,1,{_same(50)},50,Berat,2010
95312001,2,1,{STRUCTURAL_INTACT},36.64,Sedang,
91902001,1,2,{_same(20)},20,Ringan,2020
91902001,2,1,{_same(0)},0,Ringan,2023
91902002,1,2,{_same(0)},0,Ringan,
""",
    "sarpras": f"""{_header("sarpras")}
95312001,2,1,1,50,2010,450,Tidak ada,false
95312002,0,0,0,0,,900,Terbatas,false
91902001,2,0,0,20,2023,2200,Stabil,true
91902002,1,0,0,0,,3500,Terbatas,true
""",
    "keuangan": f"""{_header("keuangan")}
95312001,2024,1.3,1170000,180,true,210600000,4000000,16000000,50000000,15000000,30000000,12000000,18000000,25000000,10000000,0,0,29484000,209484000,14
95312002,2024,1.3,1430000,240,true,343200000,5000000,20000000,90000000,25000000,45000000,20000000,25000000,40000000,25000000,0,0,48048000,343048000,14
91902001,2024,1.1,990000,300,true,297000000,6000000,24000000,80000000,20000000,40000000,18000000,27000000,35000000,20000000,0,0,27000000,297000000,9.09
91902002,2024,1.1,1650000,55,false,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0
""",
}


class DataFolder:
    """A folder holding the hand-made dataset as CSV files, with ways to break it."""

    def __init__(self, path: Path) -> None:
        self.path = path
        path.mkdir(parents=True, exist_ok=True)
        for table in VALID:
            self.reset(table)

    def reset(self, table: str) -> None:
        """Writes the valid CSV of one table again."""
        self.file(table).write_text(VALID[table], encoding="utf-8")

    def file(self, table: str) -> Path:
        return self.path / f"{table}.csv"

    def rows(self, table: str) -> list[list[str]]:
        with open(self.file(table), encoding="utf-8", newline="") as fh:
            return list(csv.reader(fh))

    def write_rows(self, table: str, rows: list[list[str]]) -> None:
        with open(self.file(table), "w", encoding="utf-8", newline="") as fh:
            csv.writer(fh, lineterminator="\n").writerows(rows)

    def set_cell(self, table: str, line: int, column: str, value: str) -> None:
        """Sets one cell; ``line`` is the spreadsheet line (header = 1)."""
        rows = self.rows(table)
        rows[line - 1][rows[0].index(column)] = value
        self.write_rows(table, rows)

    def drop_column(self, table: str, column: str) -> None:
        rows = self.rows(table)
        k = rows[0].index(column)
        self.write_rows(table, [r[:k] + r[k + 1:] for r in rows])

    def to_xlsx(self, name: str, tables=None, numbers: bool = True) -> Path:
        """Writes tables as sheets of one workbook, numbers as Excel numbers, and removes their CSVs."""
        book = openpyxl.Workbook()
        book.remove(book.active)
        for table in tables or list(VALID):
            ws = book.create_sheet(table)
            for i, row in enumerate(self.rows(table)):
                ws.append([_excel(v) if numbers and i and not _is_code(table, k) else v
                           for k, v in enumerate(row)])
            self.file(table).unlink()
        out = self.path / name
        book.save(out)
        return out


def _is_code(table: str, k: int) -> bool:
    return TABLES[table].columns[k].dtype in ("str", "category")


def _excel(v: str):
    if v in ("true", "false"):
        return v == "true"
    try:
        return int(v)
    except ValueError:
        try:
            return float(v)
        except ValueError:
            return v or None


@pytest.fixture
def data(tmp_path) -> DataFolder:
    """The valid hand-made dataset in a fresh folder."""
    return DataFolder(tmp_path / "data")
