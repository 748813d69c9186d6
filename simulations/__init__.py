"""The SPMI cycle engine, imported as ``labmutu.simulations``.

Knows nothing of widgets or plotting: it works on tables of schools x indicators.
"""
