"""Lab Mutu: a training and simulation environment for SPMI bimtek.

The project's folders are imported under this one namespace:

- ``labmutu.datasets``: reference tables, the synthetic school generator, loaders, validation;
- ``labmutu.simulations``: the SPMI cycle engine;
- ``labmutu.widgets``: ipywidgets components for the Voilà modules;
- ``labmutu.modules``: the module notebooks (package data);
- ``labmutu.cli`` and ``labmutu.server``: the ``labmutu`` command and the Voilà server.
"""

__version__ = "0.1.0"
