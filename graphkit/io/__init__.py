"""Readers and writers of the data contract, validation and rejects.

>>> from graphkit.io import read_network, write_network
"""
from .contract import LoadResult, read_network
from .writers import write_network, write_rejects

__all__ = ["LoadResult", "read_network", "write_network", "write_rejects"]
