"""The Voilà module notebooks, shipped as package data of ``labmutu.modules``."""
