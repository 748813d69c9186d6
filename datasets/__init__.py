"""Sample school data for Lab Mutu: reference tables, generator, loaders and validation.

Imported as ``labmutu.datasets``. Needs only pandas and numpy.
"""
