"""Writing a :class:`~graphkit.results.Results` as table files.

One function per kind of file, all through :func:`graphkit.io.tables.write_table`
(the one table writer); each JSON file carries ``meta``: the parameters and
approximations of the analysis that made it, read from the results object.
"""
from __future__ import annotations

from pathlib import Path

from ..results import Results
from .tables import FORMATS, _plain, write_json, write_summary, write_table

__all__ = ["write_results", "write_info", "TABLE_FILES"]

#: The table files of each part of the results (stem, formats).
TABLE_FILES = {
    "metrics": ("metrics", FORMATS),
    "gaps": ("gaps", FORMATS),
    "white_spaces": ("white_spaces", ("csv",)),
    "recommendations": ("recommendations", FORMATS),
}


def write_results(results: Results, outdir, parts=None) -> list[Path]:
    """Write the parts of ``results`` that were computed (or those of
    ``parts``) into ``outdir``: ``metrics.*``, ``summary.json/.xlsx``,
    ``gaps.*``, ``white_spaces.csv``, ``recommendations.*`` (its meta adds
    the fitted score model) and ``missions.json``. Returns the paths."""
    outdir = Path(outdir)
    meta = results.meta()
    written: list[Path] = []
    for part in parts or ("metrics", "summary", "gaps", "white_spaces",
                          "recommendations", "missions"):
        value = getattr(results, part)
        if value is None:
            continue
        if part in TABLE_FILES:
            stem, formats = TABLE_FILES[part]
            extra = {"lang": results.lang} if part in (
                "gaps", "recommendations") else {}
            if part == "recommendations":
                extra["score_model"] = results.score_model
            written += write_table(value, outdir, stem, formats=formats,
                                   meta={**meta, **extra})
        elif part == "summary":
            written += write_summary(dict(value, parameters=meta["parameters"]),
                                     outdir)
        elif part == "missions":
            written.append(write_json(_plain(value),
                                      outdir / "missions.json"))
    return written


def write_info(summary: dict, path) -> Path:
    """``info.json``: :func:`graphkit.info.info` as JSON."""
    return write_json(_plain(summary), Path(path))
