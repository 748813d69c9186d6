"""Allows ``python -m labmutu``."""

from labmutu.cli import main

raise SystemExit(main())
