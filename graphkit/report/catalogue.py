"""The report's words: one French and one English catalogue (``fr.json``,
``en.json`` beside this module), looked up by key.

Every fixed text of the report — headings, column headers, sentences,
chart labels — comes from here; actor and cooperation type names come from
:mod:`graphkit.model`. French texts get French spacing (no-break spaces
before ``:`` ``;`` ``!`` ``?`` and inside « guillemets ») when loaded.
"""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from ..errors import GraphkitError
from .fmt import LANGS, typography_fr

HERE = Path(__file__).resolve().parent


@lru_cache(maxsize=None)
def raw_catalogue(lang: str) -> dict[str, str]:
    """The catalogue of ``lang`` as written in its JSON file."""
    check_lang(lang)
    with open(HERE / f"{lang}.json", encoding="utf-8") as fh:
        return json.load(fh)


@lru_cache(maxsize=None)
def catalogue(lang: str) -> dict[str, str]:
    """The catalogue of ``lang`` ready to print (French typography applied)."""
    raw = raw_catalogue(lang)
    if lang == "fr":
        return {k: typography_fr(v) for k, v in raw.items()}
    return dict(raw)


def check_lang(lang: str) -> str:
    if lang not in LANGS:
        raise GraphkitError(
            f"unknown report language {lang!r}: choose one of {', '.join(LANGS)}")
    return lang


class Texts:
    """Look up catalogue texts of one language.

    Examples
    --------
    >>> Texts("en")("section.methods")
    'Methods and data'
    """

    def __init__(self, lang: str):
        self.lang = check_lang(lang)
        self.table = catalogue(lang)

    def __call__(self, key: str, **values) -> str:
        try:
            text = self.table[key]
        except KeyError:  # a programming error, caught by the catalogue test
            raise KeyError(f"report catalogue {self.lang!r} has no key {key!r}")
        return text.format(**values) if values else text

    def count(self, noun: str, n: int) -> str:
        """``n`` and its noun in the right number, from the catalogue keys
        ``count.<noun>.one`` / ``count.<noun>.other`` (French: one for 0
        and 1; English: one for 1).

        >>> Texts("fr").count("actors", 1), Texts("en").count("actors", 0)
        ('1 acteur', '0 actors')
        """
        from .fmt import integer
        one = n in (0, 1) if self.lang == "fr" else n == 1
        return self(f"count.{noun}.{'one' if one else 'other'}",
                    n=integer(n, self.lang))

    def has(self, key: str) -> bool:
        return key in self.table
