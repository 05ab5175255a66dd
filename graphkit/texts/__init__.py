"""Every text a person reads, in French and English: one catalogue, one
mechanism, French by default.

The catalogue is ``fr.json`` and ``en.json`` beside this module (the same
keys in both, loaded once); :func:`text` looks a key up and fills its
``{placeholders}``. A key with plural forms is written ``key.one`` /
``key.other`` (CLDR plural categories of the language, through Babel;
French ``many`` falls back to ``other``), with an optional ``key.zero`` for
the count 0; the count is the value ``n``, formatted for the language.
French texts get French spacing (no-break spaces before ``:`` ``;`` ``!``
``?`` and inside « guillemets ») when loaded.

Beside the catalogue: numbers, percentages and dates (:mod:`.fmt`, Babel),
country names (:func:`country_name`, CLDR), technology domain names
(:func:`domain_name`, unknown ones humanised), actor and cooperation type
names, metric names and meanings, gap rule names, and the sentences of the
gaps and recommendations built from the codes and values the analysis
returns (:func:`gap_detail`, :func:`reasons_text`).

Examples
--------
>>> text("count.actors", "fr", n=1), text("count.actors", "en", n=1498)
('1 acteur', '1,498 actors')
>>> country_name("CN", "fr"), domain_name("agri_food", "en"), humanise("deep_tech")
('Chine', 'Agri-food', 'Deep tech')
"""
from __future__ import annotations

import json
import re
import string
from functools import lru_cache
from pathlib import Path

from babel import Locale
from babel.lists import format_list

from ..errors import GraphkitError
from . import fmt
from .fmt import LANGS, NBSP, NNBSP, typography_fr

__all__ = ["LANGS", "DEFAULT_LANG", "Texts", "text", "has", "catalogue",
           "raw_catalogue", "check_lang", "fmt", "country_name", "domain_name",
           "domain_names", "humanise", "type_name", "metric_label",
           "metric_doc", "metric_columns", "rule_name", "rule_short",
           "gap_detail", "reasons_text", "ranking_text", "ReasonWords", "join", "NBSP",
           "NNBSP"]

HERE = Path(__file__).resolve().parent
DEFAULT_LANG = "fr"


def check_lang(lang: str) -> str:
    if lang not in LANGS:
        raise GraphkitError(
            f"unknown language {lang!r}: choose one of {', '.join(LANGS)}")
    return lang


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


def has(key: str, lang: str = DEFAULT_LANG) -> bool:
    """Whether ``key`` (or its plural forms) is in the catalogue."""
    table = catalogue(lang)
    return key in table or f"{key}.other" in table


@lru_cache(maxsize=None)
def _locale(lang: str) -> Locale:
    return Locale.parse(lang)


def _plural_key(table: dict, key: str, lang: str, n) -> str:
    if n == 0 and f"{key}.zero" in table:
        return f"{key}.zero"
    form = _locale(lang).plural_form(abs(n))
    return f"{key}.{form}" if f"{key}.{form}" in table else f"{key}.other"


def text(key: str, lang: str = DEFAULT_LANG, **values) -> str:
    """The text of ``key`` in ``lang`` with its ``{placeholders}`` filled.

    A key with plural forms takes its form from ``n`` (a number, written
    with the separators of ``lang``).

    >>> text("gap.isolated", "fr", n=2)
    'acteur sans aucune coopération (membre de 2 groupes)'
    >>> text("gap.isolated", "en", n=0)
    'actor with no cooperation at all'
    """
    table = catalogue(check_lang(lang))
    if key not in table and f"{key}.other" in table:
        n = values.get("n")
        if n is None:
            raise KeyError(f"{key!r} has plural forms: give n")
        key = _plural_key(table, key, lang, n)
        values = dict(values, n=fmt.integer(n, lang))
    try:
        template = table[key]
    except KeyError:  # a programming error, caught by the catalogue test
        raise KeyError(f"catalogue {lang!r} has no key {key!r}") from None
    if not values:
        return template
    return _fill_fr(template, values) if lang == "fr" else \
        template.format(**values)


#: A French word that elides before a vowel (« de » → « d' »), at the end
#: of the text before a placeholder.
_ELIDES = re.compile(r"(?:(?<=^)|(?<=[\s(«\u00a0]))(de|que|jusque) $")
#: First letters that take the elision: vowels (« d'Axelera », « d'EMC2 »);
#: not y (« de Yuanxun ») nor h (aspirated or not, a name cannot tell).
_VOWELS = set("aeiouàâäéèêëîïôöùûüœæAEIOUÀÂÄÉÈÊËÎÏÔÖÙÛÜŒÆ")
#: Characters a value may start with before its first letter (the
#: isolates of graphkit.textsafety.isolate, quotes).
_LEADING = "\u2068\u2066\u2067\u202a\u202b\u202c\u202d\u202e\u200e\u200f"


def _fill_fr(template: str, values: dict) -> str:
    """``template.format(**values)``, with « de », « que » and « jusque »
    elided before a value that starts with a vowel (« membre d'Axelera »).

    >>> _fill_fr("membre de {g}", {"g": "Axelera"}), _fill_fr("de {g}", {"g": "Yole"})
    ("membre d'Axelera", 'de Yole')

    A template where no value can follow an eliding word is filled by
    ``str.format`` at once.
    """
    if _elides_nowhere(template):
        return template.format(**values)
    out = []
    for literal, name, spec, conv in _parsed(template):
        out.append(literal)
        if name is None:
            continue
        if conv is None and name in values and name.isidentifier():
            # a plain {name} or {name:spec}: what the formatter does
            value = format(values[name], spec or "")
        else:
            value = _FORMATTER.format_field(_FORMATTER.convert_field(
                _FORMATTER.get_field(name, (), values)[0], conv), spec or "")
        first = value.lstrip(_LEADING)[:1]
        if first in _VOWELS:
            text_so_far = "".join(out)
            m = _ELIDES.search(text_so_far)
            if m:
                out = [text_so_far[:m.start()] + m.group(1)[:-1] + "'"]
        out.append(value)
    return "".join(out)


_FORMATTER = string.Formatter()


@lru_cache(maxsize=4096)
def _elides_nowhere(template: str) -> bool:
    """No value of ``template`` can follow « de », « que » or « jusque »:
    each field follows the start of the template or a literal that does
    not end with "e " (a literal ending so, or a field right after another
    field, may end such a word with the text before it)."""
    for k, (literal, name, _spec, _conv) in enumerate(_parsed(template)):
        if name is None:
            continue
        if literal.endswith("e ") or (not literal and k > 0):
            return False
    return True


@lru_cache(maxsize=4096)
def _parsed(template: str) -> tuple:
    """``template`` cut into (literal, field, spec, conversion) once (the
    catalogue has a few hundred templates; a sentence is filled thousands
    of times)."""
    return tuple(_FORMATTER.parse(template))


class Texts:
    """The catalogue of one language, called like :func:`text`.

    >>> Texts("en")("section.methods")
    'Methods and data'
    """

    def __init__(self, lang: str = DEFAULT_LANG):
        self.lang = check_lang(lang)
        self.table = catalogue(lang)

    def __call__(self, key: str, **values) -> str:
        return text(key, self.lang, **values)

    def count(self, noun: str, n: int) -> str:
        """``n`` and its noun in the right number (``count.<noun>``).

        >>> Texts("fr").count("actors", 1), Texts("en").count("actors", 0)
        ('1 acteur', '0 actors')
        """
        return text(f"count.{noun}", self.lang, n=n)

    def has(self, key: str) -> bool:
        return has(key, self.lang)


def join(items, lang: str = DEFAULT_LANG) -> str:
    """Items as a list of ``lang`` (« a, b et c » / "a, b and c")."""
    items = [str(x) for x in items]
    return format_list(items, locale=lang) if items else ""


# ----------------------------------------------------------------- names
#: CORDIS and EU codes that are not ISO 3166 alpha-2.
_COUNTRY_ALIASES = {"UK": "GB", "EL": "GR"}


def country_name(code, lang: str = DEFAULT_LANG) -> str:
    """The name of an ISO 3166 country code (CLDR through Babel); EU codes
    ``UK`` and ``EL`` understood; an unknown code shown as it is.

    >>> country_name("CN", "fr"), country_name("el", "en"), country_name("XZ", "en")
    ('Chine', 'Greece', 'XZ')
    """
    if fmt.is_missing(code) or str(code).strip() == "":
        return text("country.unknown", lang)
    c = str(code).strip().upper()
    c = _COUNTRY_ALIASES.get(c, c)
    return Locale.parse(check_lang(lang)).territories.get(c, str(code).strip())


def humanise(identifier) -> str:
    """A readable form of a snake_case id: ``agri_food`` → ``Agri food``.

    >>> humanise("micro_nano"), humanise("AI")
    ('Micro nano', 'AI')
    """
    words = str(identifier).replace("_", " ").replace("-", " ").split()
    if not words:
        return ""
    first = words[0]
    if first.islower():
        first = first[:1].upper() + first[1:]
    return " ".join([first, *words[1:]])


def domain_name(domain, lang: str = DEFAULT_LANG) -> str:
    """The display name of a technology domain; an unknown one humanised.

    >>> domain_name("micro_nano", "fr"), domain_name("quantum_sensing", "fr")
    ('Micro et nanotechnologies', 'Quantum sensing')
    """
    key = f"domain.{str(domain).strip().lower()}"
    table = catalogue(check_lang(lang))
    return table[key] if key in table else humanise(str(domain).strip())


def domain_names(domains, lang: str = DEFAULT_LANG) -> str:
    """Several domains (a list or a ';'-joined text) by display name,
    comma-separated."""
    if isinstance(domains, str):
        domains = [d for d in domains.split(";")]
    if domains is None or (not isinstance(domains, (list, tuple, set))
                           and fmt.is_missing(domains)):
        return ""
    return ", ".join(domain_name(d, lang) for d in domains if str(d).strip())


def type_name(key, lang: str = DEFAULT_LANG) -> str:
    """The name of an actor type or a cooperation type key; another value
    as it is."""
    if fmt.is_missing(key):
        return ""
    table = catalogue(check_lang(lang))
    for prefix in ("actor_type", "coop_type"):
        if f"{prefix}.{key}" in table:
            return table[f"{prefix}.{key}"]
    return str(key)


def metric_columns() -> list[str]:
    """The metric columns the catalogue documents, in its order."""
    return [k[len("metric."):-len(".label")] for k in raw_catalogue("en")
            if k.startswith("metric.") and k.endswith(".label")]


def metric_label(column: str, lang: str = DEFAULT_LANG) -> str:
    """The display name of a metric column (the column itself if unknown)."""
    key = f"metric.{column}.label"
    return text(key, lang) if key in catalogue(check_lang(lang)) else str(column)


def metric_doc(column: str, lang: str = DEFAULT_LANG) -> str:
    """What a metric column means, in one sentence ("" if unknown)."""
    key = f"metric.{column}.doc"
    return text(key, lang) if key in catalogue(check_lang(lang)) else ""


def rule_name(rule_id: str, lang: str = DEFAULT_LANG) -> str:
    """A gap rule's description (its id, humanised, if unknown).

    >>> rule_name("G5_ISOLATED", "en")
    'Isolated actor (no cooperation)'
    """
    key = f"rule.{rule_id}"
    return text(key, lang) if key in catalogue(check_lang(lang)) \
        else humanise(str(rule_id).lower())


def rule_short(rule_id: str, lang: str = DEFAULT_LANG) -> str:
    """A gap rule's short name (≤ 31 characters: a workbook sheet name)."""
    key = f"rule.{rule_id}.short"
    return text(key, lang) if key in catalogue(check_lang(lang)) \
        else humanise(str(rule_id).lower())[:31]


# ----------------------------------------------------------------- sentences
def gap_detail(code, values, lang: str = DEFAULT_LANG) -> str:
    """The sentence of one gap from its ``detail_code`` and
    ``detail_values`` (lists of names are written as a list of ``lang``).

    >>> gap_detail("dormant_tie", {"other": "X", "last": 2015, "n": 1}, "fr")
    'aucune coopération avec X depuis 2015 (1 an)'
    """
    if fmt.is_missing(code) or not code:
        return ""
    if isinstance(values, str):
        values = json.loads(values) if values else {}
    values = {k: (join(v, lang) if isinstance(v, (list, tuple)) else
                  fmt.year(v) if k == "last" else v)
              for k, v in dict(values or {}).items()}
    return text(f"gap.{code}", lang, **values)


def _reason(r: dict, lang: str) -> str:
    code = r.get("code")
    if code == "common":
        names = ", ".join(str(x) for x in r.get("names", ()))
        common = text("reason.common", lang, names=names)
        more = int(r.get("more") or 0)
        return text("reason.more", lang, names=common, n=more) if more else common
    if code == "shared":
        return text("reason.shared", lang,
                    domains=domain_names(r.get("domains", ()), lang))
    if code == "seeks":
        return text("reason.seeks", lang, a=r.get("actor"), b=r.get("partner"),
                    domains=domain_names(r.get("domains", ()), lang))
    if code == "broker":
        return text("reason.broker", lang, name=r.get("name"))
    if code == "role":
        a, b = (type_name(x, lang) for x in r.get("types", ("", "")))
        return text("reason.role_abroad" if r.get("abroad") else "reason.role",
                    lang, a=a, b=b)
    raise KeyError(f"unknown reason code {code!r}")


class ReasonWords:
    """The sentences of a recommendations table's ``reason_codes``
    (:func:`reasons_text`), made once per table and language and kept: one
    instance serves every output of one analysis
    (:attr:`graphkit.results.Results.reason_words`), so the map does not
    word again what the table files worded.

    >>> import pandas as pd
    >>> t = pd.DataFrame({"reason_codes": [[{"code": "shared",
    ...                                      "domains": ["agri_food"]}]]})
    >>> w = ReasonWords()
    >>> w.column(t, "en")
    ['shared domains: Agri-food']
    >>> w.column(t, "en") is w.column(t, "en")
    True
    """

    def __init__(self):
        self._columns: dict = {}

    def column(self, table, lang: str, make=None, keep: bool = True
               ) -> list[str]:
        """The sentence in ``lang`` of each row of ``table`` (its
        ``reason_codes``): ``make()`` (default: :func:`reasons_text` row by
        row) the first time, the same list after; callers must not change
        it. With ``keep=False`` a list not made yet is made and not kept
        (for a language no later output needs: at national scale the
        sentences of one language take hundreds of MB)."""
        key = (id(table), lang)
        got = self._columns.get(key)
        if got is None or got[0] is not table:  # the table is kept alive
            if make is None:
                memo: dict = {}
                words = [reasons_text(r, lang, memo)
                         for r in table["reason_codes"]]
            else:
                words = make()
            if not keep:
                return words
            got = self._columns[key] = (table, words)
        return got[1]


#: Reason codes whose objects the recommendations share between rows.
SHARED_CODES = frozenset({"shared", "broker", "role"})


def reasons_text(reasons, lang: str = DEFAULT_LANG, memo: dict | None = None
                 ) -> str:
    """The sentence of a recommendation's ``reason_codes`` (a list of
    ``{"code": ..., values}``, or its JSON text).

    ``memo`` (a dict kept across the rows of one table and language): a
    reason object that rows share (the recommendations give one object to
    every row with the same shared domains, broker or pair of roles) is
    worded once.

    >>> reasons_text([{"code": "shared", "domains": ["agri_food"]},
    ...               {"code": "role", "types": ["sme", "lab"], "abroad": True}], "en")
    'shared domains: Agri-food; SME with research laboratory abroad'
    """
    if isinstance(reasons, str):
        reasons = json.loads(reasons) if reasons else []
        memo = None  # objects of this call only: their ids are reused
    if reasons is None or (not isinstance(reasons, (list, tuple))
                           and fmt.is_missing(reasons)):
        return ""
    out = ""
    join = _joiner(lang)
    def word(r):
        return _reason(r, lang)
    for r in reasons:
        s = shared_once(memo, r, word)
        out = join(out, s) if out else s
    return out


def shared_once(memo: dict | None, reason, make):
    """``make(reason)``, kept in ``memo`` (a dict for the rows of one
    table) for a reason object the recommendations share between rows
    (:data:`SHARED_CODES`): made once per object. ``memo`` holds the
    objects too, so that an id it keeps stays theirs."""
    if memo is None or type(reason) is not dict or \
            reason.get("code") not in SHARED_CODES:
        return make(reason)
    got = memo.get(id(reason))
    if got is None or got[0] is not reason:
        got = memo[id(reason)] = (reason, make(reason))
    return got[1]


def ranking_text(model: dict, lang: str = DEFAULT_LANG) -> str:
    """The sentence saying which ranking ordered a list, from the model
    description :func:`graphkit.analysis.recommend.recommend` returns:
    with ``ranking="auto"``, the one chosen and the figures it was chosen
    on, or why none was measured.

    >>> ranking_text({"ranking": "case_control", "selection": {
    ...     "chosen": "case_control", "reason_code": "undated"}}, "en")
    'Ranking: the score of how ties form in this network (no choice by measurement: no cooperation is dated).'
    """
    sel = model.get("selection")
    used = model.get("ranking") or "case_control"
    if model.get("time_aware") is False:  # too little history: the fallback
        used = "case_control"
    name = text(f"ranking.{used}", lang)
    if not sel:
        return text("cli.partners.ranking", lang, name=name)
    code = sel.get("reason_code")
    if code != "measured":
        return text(f"cli.partners.auto_{'too_short' if code == 'no_history' else code}",
                    lang, name=name, year=fmt.year(sel.get("held_out_year")))
    figures = [text("cli.partners.auto_figure", lang,
                    name=text(f"ranking.short.{k}", lang),
                    p10=fmt.percent(v["p_at_10_actor"], lang),
                    p100=fmt.percent(v["p_at_100"], lang))
               for k, v in sel["measures"].items()]
    return text("cli.partners.auto", lang, name=name,
                year=fmt.year(sel["held_out_year"]),
                before=fmt.year(sel["fitted_until"]),
                figures=join(figures, lang))


@lru_cache(maxsize=None)
def _joiner(lang: str):
    """``join(a, b)``: the catalogue's ``reason.separator`` in ``lang``;
    ``str.format`` of its template when the catalogue elides nothing
    around it (checked on values that begin with a vowel and with a
    consonant), else the catalogue's own filling."""
    template = text("reason.separator", lang, a="{a}", b="{b}")
    if all(text("reason.separator", lang, a=x, b=y)
           == template.format(a=x, b=y)
           for x in ("a", "b", "") for y in ("a", "b", "É", "")):
        return lambda a, b: template.format(a=a, b=b)
    return lambda a, b: text("reason.separator", lang, a=a, b=b)
