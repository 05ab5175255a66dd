"""The interactive, self-contained HTML network map, drawn from the
:class:`~graphkit.results.Results` of an analysis (it computes none).

>>> from graphkit.render import render_map, map_data   # doctest: +SKIP
"""
from .data import LANGS, TEXTS, map_data, neighbourhood
from .htmlpage import page, render_map, script_json

__all__ = ["LANGS", "TEXTS", "map_data", "neighbourhood", "page",
           "render_map", "script_json"]
