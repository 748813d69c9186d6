"""Benchmarks, run on demand (``make bench`` or ``python -m benchmarks.<name>``), never in tests.

Each ``bench_<name>.py`` has ``main() -> dict`` that measures, prints a table with the numbers and
the ratio against a baseline measured in the same run, and saves the result under
``benchmarks/results/`` (git-ignored).
"""
