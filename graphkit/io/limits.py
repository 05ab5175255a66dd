"""How much memory reading an input may take, checked before reading it.

A reader estimates what a file will need (its size times what the readers
take per byte) and :func:`check_memory` refuses it, with a sentence, when
that is more than the machine has free: never a ``MemoryError`` halfway.
"""
from __future__ import annotations

import os
from pathlib import Path

from ..errors import GraphkitError

#: Memory a CSV file takes while it is read, per byte of the file (bytes,
#: text, records, the table).
CSV_MEMORY_FACTOR = 16
#: The same for JSON (Python objects for every value).
JSON_MEMORY_FACTOR = 24
#: The same for a workbook, per byte of the sheets' uncompressed XML.
XLSX_MEMORY_FACTOR = 4
#: Memory one cell of a table takes once read (a Python object and its slot).
CELL_BYTES = 80


def available_memory() -> int | None:
    """Bytes this process can still allocate: the free memory of the
    machine, or of its control group when that is smaller; None when it
    cannot be told."""
    free = None
    try:
        with open("/proc/meminfo", encoding="ascii") as f:
            for line in f:
                if line.startswith("MemAvailable:"):
                    free = int(line.split()[1]) * 1024
                    break
    except (OSError, ValueError, IndexError):
        try:
            free = os.sysconf("SC_AVPHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
        except (ValueError, OSError, AttributeError):
            free = None
    cgroup = Path("/sys/fs/cgroup")
    try:
        limit = (cgroup / "memory.max").read_text().strip()
        used = int((cgroup / "memory.current").read_text())
        if limit != "max":
            left = int(limit) - used
            free = left if free is None else min(free, left)
    except (OSError, ValueError):
        pass
    return free


def _size(n: float) -> str:
    for unit in ("bytes", "KB", "MB", "GB", "TB"):
        if n < 1024 or unit == "TB":
            return f"{n:.0f} {unit}" if unit == "bytes" else f"{n:.1f} {unit}"
        n /= 1024
    return f"{n:.1f} TB"


def check_memory(need: float, file: str, what: str = "read") -> None:
    """Refuse ``file`` when it would need ``need`` bytes to be ``what``,
    more than the memory this machine has free."""
    free = available_memory()
    if free is not None and need > free:
        raise GraphkitError(
            f"{file}: would need about {_size(need)} of memory to be {what}, "
            f"more than the {_size(free)} this machine has free; split it "
            f"into smaller files or run graphkit on a larger machine")
