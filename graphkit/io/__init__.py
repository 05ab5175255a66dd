"""Readers and writers of the data contract, validation and rejects.

>>> from graphkit.io import read_network, write_network  # doctest: +SKIP
"""
from .writers import write_network, write_rejects

__all__ = ["write_network", "write_rejects"]
