"""The interactive, self-contained HTML network map.

>>> from graphkit.render import render_map, map_data   # doctest: +SKIP
"""
from .data import map_data, neighbourhood
from .htmlpage import page, render_map, script_json
from .overlays import compute_overlays
from .texts import LANGS, TEXTS

__all__ = ["LANGS", "TEXTS", "compute_overlays", "map_data", "neighbourhood", "page",
           "render_map", "script_json"]
