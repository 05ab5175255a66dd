"""The memory a command holds at national scale: which allocator the Arrow
columns of pandas use, and freed memory given back to the system.

pandas 3 keeps text columns in Arrow arrays. Arrow's default pool in the
wheels is mimalloc, which keeps most of what it frees for later: on the
100 000-actor generated network the resident memory held once the
recommendations are made was 2.22 GB with it, 1.83 GB with Arrow's jemalloc
pool and 1.89 GB with the system allocator (``benchmarks/run_stages.py``,
``rss_gb`` per stage; docs/performance.md). The command line, a process of
its own, takes jemalloc (else the system allocator); a program that imports
graphkit keeps its own choice, and the environment variable
``ARROW_DEFAULT_MEMORY_POOL`` always wins.

:func:`release_free_memory` asks the C library to hand back the free pages
of its heap (``malloc_trim``, glibc only): the run calls it between stages,
so that what one stage freed does not stay in the process for the next.

:func:`settle` hides every object alive from the cyclic garbage collector
(``gc.freeze``); :func:`keep_settled` does it now and after every full
collection. The ``graphkit`` command calls :func:`keep_settled` when its
imports are done and :func:`settle` once the command has finished (so that
the exit does not walk everything once more): the modules of pandas,
SciPy and numba, and the network and results a command holds to its end,
are millions of objects, and each full collection walked them all again —
five times during ``graphkit analyse`` of 10 000 actors and once more at
exit, 0.5 CPU s of its 5; twelve times during ``graphkit run``, 0.8 s
(measured with ``gc.callbacks``; docs/performance.md). Frozen objects are
still freed when their last reference goes; only a cycle among them is
never collected. A program that imports graphkit keeps its own collector
as it is.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import gc
import os
from functools import lru_cache

__all__ = ["use_returning_allocator", "release_free_memory", "settle",
           "keep_settled"]

#: Arrow pools, in the order tried.
POOLS = ("jemalloc", "system")


def use_returning_allocator() -> str | None:
    """Make Arrow allocate from jemalloc (else the system allocator);
    returns the pool's name, or None when ``ARROW_DEFAULT_MEMORY_POOL`` is
    set (the user's choice is kept) or Arrow has neither."""
    if os.environ.get("ARROW_DEFAULT_MEMORY_POOL"):
        return None
    import pyarrow as pa
    for name in POOLS:
        try:
            pool = getattr(pa, f"{name}_memory_pool")()
        except (NotImplementedError, AttributeError):
            continue  # a build of Arrow without it
        pa.set_memory_pool(pool)
        return pool.backend_name
    return None


@lru_cache(maxsize=1)
def _trim():
    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name)
        trim = libc.malloc_trim
    except (OSError, AttributeError, TypeError):
        return None  # not glibc (musl, macOS, Windows): nothing to do
    trim.argtypes, trim.restype = [ctypes.c_size_t], ctypes.c_int
    return trim


def release_free_memory() -> bool:
    """Give the free pages of the C heap back to the system; True when
    the C library did (glibc's ``malloc_trim``), False where it cannot."""
    trim = _trim()
    return bool(trim(0)) if trim is not None else False


def settle() -> int:
    """Move every object alive now out of the cyclic collector's sight
    (``gc.freeze``); returns how many objects are frozen in all. For a
    process of its own only (the command line): see the module's note."""
    gc.freeze()
    return gc.get_freeze_count()


def _settle_survivors(phase: str, info: dict) -> None:
    if phase == "stop" and info.get("generation") == 2:
        gc.freeze()  # what outlived a full collection is long-lived


def keep_settled() -> int:
    """:func:`settle` now and after every full collection: the next one
    walks only what was made since. For a process of its own only."""
    if _settle_survivors not in gc.callbacks:
        gc.callbacks.append(_settle_survivors)
    return settle()
