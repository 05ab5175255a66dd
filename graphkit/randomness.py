"""Seeded igraph calls that leave no global random state behind.

python-igraph draws its random numbers from one process-wide generator,
Python's ``random`` module unless someone called
``igraph.set_random_number_generator``, and offers no way to read which
generator is installed (python-igraph 1.0: a setter only). Installing our own
generator and "restoring" ``random`` afterwards would therefore silently
replace a generator a caller had chosen. Instead, :func:`seeded_igraph` keeps
igraph's generator as it is and seeds the ``random`` module for the length of
the call, then puts its state back: after the call both are as they were.
``random.seed(s)`` gives the same sequence as ``random.Random(s)``, so the
results equal those of a private ``random.Random(seed)``.
"""
from __future__ import annotations

import contextlib
import random

__all__ = ["seeded_igraph"]


@contextlib.contextmanager
def seeded_igraph(seed: int):
    """Seed what igraph draws from (the ``random`` module) for the ``with``
    block, and restore the module's state on the way out, even on error.

    Within the block other users of ``random`` in this process (threads)
    would draw seeded numbers too; after it, nothing has changed. A caller
    who installed another generator into igraph keeps it, and the block is
    then not seeded by ``seed``.

    >>> import random
    >>> before = random.getstate()
    >>> with seeded_igraph(1):
    ...     a = random.random()
    >>> with seeded_igraph(1):
    ...     b = random.random()
    >>> a == b == random.Random(1).random(), random.getstate() == before
    (True, True)
    """
    state = random.getstate()
    random.seed(seed)
    try:
        yield
    finally:
        random.setstate(state)
