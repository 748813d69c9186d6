"""Writing a generated dataset: one CSV per table, the data dictionary and metadata.

Files are byte-for-byte reproducible: the same tables give the same bytes (no timestamps), so a
test can regenerate the shipped samples and compare. Each file is written to a temporary name
and moved into place, so an interrupted run never leaves a half-written table behind.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv

from labmutu.datasets.dictionary import data_dictionary
from labmutu.datasets.schema import TABLES
from labmutu.errors import LabMutuError


def write_dataset(tables: dict[str, pd.DataFrame], out_dir, metadata: dict) -> Path:
    """Write ``<table>.csv`` for every table, ``KAMUS_DATA.md`` and ``metadata.json``.

    Args:
        tables: tables by name, as ``generate()`` returns them.
        out_dir: the folder to write (created if missing).
        metadata: at least ``judul``; written as metadata.json with row counts added.

    Raises:
        LabMutuError: the folder cannot be written.
    """
    out = Path(out_dir)
    try:
        out.mkdir(parents=True, exist_ok=True)
        for name, df in tables.items():
            _atomic(out / f"{name}.csv", lambda tmp, df=df, name=name: write_csv(df, tmp, name))
        meta = dict(metadata, tabel={name: len(df) for name, df in tables.items()})
        _atomic(out / "metadata.json", lambda tmp: tmp.write_text(
            json.dumps(meta, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8"))
        _atomic(out / "KAMUS_DATA.md", lambda tmp: tmp.write_text(
            data_dictionary(meta["judul"], meta.get("catatan", "")), encoding="utf-8"))
    except OSError as exc:
        raise LabMutuError(f"Folder {out} tidak bisa ditulis ({exc.strerror}).",
                           "Pilih folder lain dengan --out, atau periksa izin dan sisa ruang disk.") from exc
    return out


def write_csv(df: pd.DataFrame, path, table: str | None = None) -> None:
    """A table as UTF-8 CSV with the contract's column order; fast for millions of rows."""
    if table in TABLES:
        df = df[TABLES[table].column_names]
    arrow = pa.Table.from_pandas(df, preserve_index=False)
    arrow = arrow.cast(pa.schema([
        pa.field(f.name, pa.string() if pa.types.is_dictionary(f.type) else f.type) for f in arrow.schema
    ]))
    pacsv.write_csv(arrow, str(path), pacsv.WriteOptions(quoting_style="needed"))


def _atomic(path: Path, write) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    write(tmp)
    os.replace(tmp, path)
