"""graphkit's command line, run from a checkout: ``python cli.py --help``.

The commands live in :mod:`graphkit.cli` (the installed ``graphkit`` entry
point and ``python -m graphkit``); this file only lets the checkout run them
without installing, and is not installed itself.
"""
from graphkit.cli import entry

if __name__ == "__main__":
    entry()
