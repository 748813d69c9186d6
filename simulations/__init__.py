"""The SPMI cycle engine, imported as ``labmutu.simulations``.

Knows nothing of widgets or plotting: it works on tables of schools x indicators. The model
document (assumptions, parameters, sources) is ``docs/model-simulasi.md``.

For widgets and notebooks:

* ``SimulasiSekolah(data, npsn, seed=0, tahun=1)``: one school step by step (``rapor``,
  ``prioritas``, ``akar_masalah``, ``standar``, ``rekomendasi``, ``rkas``, ``periksa``,
  ``jalankan``, ``laporan``, ``bandingkan``), every attempt under the same random draws;
* ``SpmiModel(data, seed=0, siklus=..., kebijakan=..., rencana=...)``: many schools,
  ``run(tahun)`` and ``replay(hasil, ...)`` (common random numbers);
* ``Rencana`` / ``RencanaKegiatan``: a trainee's plan; ``Parameter``: model parameters;
* modules ``pemetaan``, ``penetapan``, ``perencanaan``, ``rkas``, ``catalog`` for single steps.
"""

from labmutu.simulations.model import SpmiModel
from labmutu.simulations.records import Parameter, Rencana, RencanaKegiatan
from labmutu.simulations.sekolah import SimulasiSekolah

__all__ = ["Parameter", "Rencana", "RencanaKegiatan", "SimulasiSekolah", "SpmiModel"]
