"""Writing the self-contained map page.

The page is one HTML file: vis-network's script and style sheet inlined from
the copy Pyvis ships (read from the installed package at render time), this
package's own ``map.css`` and ``map.js``, and the data packed by
:mod:`graphkit.render.pack` (by column, gzip, base64: letters, digits, ``+``,
``/``, ``=`` only, so that no string of the data can close the element).
A Content-Security-Policy forbids any request to another host.
"""
from __future__ import annotations

import html
import importlib.util
import json
import re
from functools import lru_cache
from pathlib import Path

import graphkit

from ..errors import GraphkitError
from ..io.outputs import atomic_path
from ..network import Network
from ..results import Results
from .data import map_data
from .pack import decode, encode

HERE = Path(__file__).resolve().parent
VIS_VERSION = "9.1.2"


def vis_assets() -> tuple[str, str]:
    """vis-network's (script, style sheet) text, from the installed Pyvis.

    Raises
    ------
    GraphkitError
        When Pyvis (or its copy of vis-network) is missing.
    """
    return _vis_assets()


@lru_cache(maxsize=1)
def _vis_assets() -> tuple[str, str]:
    # found without importing pyvis (its import pulls in jinja2 and IPython)
    spec = importlib.util.find_spec("pyvis")
    if spec is None or not spec.submodule_search_locations:
        raise GraphkitError("the map needs pyvis (pip install pyvis)")
    base = Path(list(spec.submodule_search_locations)[0]).resolve()
    for folder in (base / "lib" / f"vis-{VIS_VERSION}",
                   base / "templates" / "lib" / f"vis-{VIS_VERSION}"):
        js, css = folder / "vis-network.min.js", folder / "vis-network.css"
        if js.is_file() and css.is_file():
            return (js.read_text(encoding="utf-8"),
                    css.read_text(encoding="utf-8"))
    raise GraphkitError(f"vis-network {VIS_VERSION} not found in the installed "
                        f"pyvis ({base}); reinstall pyvis>=0.3.2")


def script_json(data) -> str:
    """``data`` as JSON that is safe inside a ``<script>`` element.

    >>> script_json({"name": "</script><b>&"})
    '{"name": "\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e\\\\u0026"}'
    """
    text = json.dumps(data, ensure_ascii=False, allow_nan=False,
                      separators=(",", ":") if _compact(data) else None)
    return (text.replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("&", "\\u0026").replace("\u2028", "\\u2028")
            .replace("\u2029", "\\u2029"))


def _compact(data) -> bool:
    return isinstance(data, dict) and "nodes" in data


def _fill(template: str, values: dict[str, str]) -> str:
    # one pass over the template, so that no inserted text is searched again
    return re.sub(r"\{\{([A-Z_]+)\}\}", lambda m: values[m.group(1)], template)


#: The basemap of the geographic view (see ATLAS-LICENSE.txt).
ATLAS_FILE = HERE / "countries-50m.json"


@lru_cache(maxsize=1)
def atlas() -> dict:
    """Natural Earth's countries (1:50m) as TopoJSON, vendored in the package
    by ``vendor_atlas.py`` (never fetched when the map is viewed)."""
    if not ATLAS_FILE.is_file():
        raise GraphkitError(f"the world atlas is missing ({ATLAS_FILE}); "
                            "run python -m graphkit.render.vendor_atlas")
    return json.loads(ATLAS_FILE.read_text(encoding="utf-8"))


def page(data: dict) -> str:
    """The complete HTML page for the output of :func:`map_data` (with the
    world atlas when its layout is geographic)."""
    if data["meta"].get("geo") and "atlas" not in data:
        data = {**data, "atlas": atlas()}
    vis_js, vis_css = vis_assets()
    for name, text in (("vis-network.min.js", vis_js),
                       ("vis-network.css", vis_css)):
        if "</script" in text.lower() or "</style" in text.lower():
            raise GraphkitError(f"{name} cannot be inlined safely")
    title = data["meta"]["title"] or data["texts"][data["meta"]["lang"]]["page_title"]
    template = (HERE / "map.html").read_text(encoding="utf-8")
    return _fill(template, {
        "LANG": data["meta"]["lang"],
        "TITLE": html.escape(title),
        "GENERATOR": html.escape(f"graphkit {graphkit.__version__}, "
                                 f"vis-network {VIS_VERSION}"),
        "VIS_CSS": vis_css,
        "MAP_CSS": (HERE / "map.css").read_text(encoding="utf-8"),
        "VIS_JS": vis_js,
        "MAP_JS": (HERE / "map.js").read_text(encoding="utf-8"),
        "DATA": encode(data),
    })


def page_data(text: str) -> dict:
    """The data a map page carries (the inverse of what :func:`page`
    writes): for tests and for reading a map back."""
    m = re.search(r'<script type="application/octet-stream" id="graphkit-data"'
                  r'[^>]*>(.*?)</script>', text, re.S)
    if m is None:
        raise GraphkitError("not a graphkit map page: no data element")
    return decode(m.group(1).strip())


def render_map(source: Results | Network, path, *, lang: str = "fr",
               size_by: str = "reach",
               layout: str = "auto", focus: str | None = None, depth: int = 1,
               collapse: bool = False, seed: int | None = None,
               title: str | None = None, physics: bool | None = None,
               edge_layer: bool | None = None, progress: bool = False) -> Path:
    """Write the interactive, self-contained map of ``source`` (the
    :class:`~graphkit.results.Results` of an analysis, or a bare network)
    to ``path``.

    The page works with no network at all (every script and style inline,
    no request to any other host), in UTF-8; it offers search, filters by
    actor type, country, cooperation type and year, a details panel, a
    legend, the recommended partnerships and gaps as toggled dashed edges,
    and a French / English switch. Options are those of
    :func:`graphkit.render.map_data`.

    Returns
    -------
    Path
        ``path``, written whole or not at all.

    Examples
    --------
    >>> import pandas as pd, tempfile, os
    >>> a = pd.DataFrame({"id": ["p", "s"], "name": ["Pôle", "PME"],
    ...                   "type": ["pole", "sme"], "country": ["FR", "FR"]})
    >>> c = pd.DataFrame({"source": ["s"], "target": ["p"], "type": ["member_of"]})
    >>> out = render_map(Network(a, c), os.path.join(tempfile.mkdtemp(), "map.html"))
    >>> "graphkit-data" in out.read_text(encoding="utf-8")
    True
    """
    data = map_data(source, lang=lang, size_by=size_by, layout=layout,
                    focus=focus, depth=depth, collapse=collapse, seed=seed,
                    title=title, physics=physics, edge_layer=edge_layer,
                    progress=progress, compact=True)
    text = page(data)
    del data  # hundreds of MB at national scale, not held while writing
    path = Path(path)
    with atomic_path(path) as tmp:
        Path(tmp).write_text(text, encoding="utf-8")
    return path
