"""ipywidgets components for the Voilà modules, imported as ``labmutu.widgets``."""
