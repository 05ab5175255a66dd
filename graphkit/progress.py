"""Progress bars: shown on a terminal, silent otherwise.

Library functions take ``progress: bool``; the CLI passes ``True`` when
standard error is a terminal. tqdm draws the bar (well kept, handles
terminals, rates and ETA better than hand-written code would).
"""
from __future__ import annotations

import sys
import warnings

from tqdm.std import TqdmExperimentalWarning

# tqdm.auto without its asyncio half (which imports asyncio and ssl, 20 ms
# of every command's start for bars nothing iterates asynchronously)
with warnings.catch_warnings():
    warnings.simplefilter("ignore", category=TqdmExperimentalWarning)
    from tqdm.autonotebook import tqdm


def on_terminal() -> bool:
    return sys.stderr.isatty()


def bar(total: int | None = None, desc: str = "", enabled: bool = False,
        unit: str = "it"):
    """A tqdm bar writing to stderr, or a do-nothing one when disabled."""
    return tqdm(total=total, desc=desc, unit=unit, disable=not enabled,
                file=sys.stderr, leave=False, dynamic_ncols=True)


def track(iterable, total: int | None = None, desc: str = "",
          enabled: bool = False, unit: str = "it"):
    """Iterate with a bar (when enabled)."""
    return tqdm(iterable, total=total, desc=desc, unit=unit,
                disable=not enabled, file=sys.stderr, leave=False,
                dynamic_ncols=True)
