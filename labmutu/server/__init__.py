"""The Voilà server of Lab Mutu: the landing page, configuration and ``labmutu serve``."""
