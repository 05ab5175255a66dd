"""French and English numbers, dates and typography of the report."""
import datetime as dt

import pytest

from graphkit.texts import fmt
from graphkit.texts.fmt import NBSP, NNBSP


@pytest.mark.parametrize("value, lang, decimals, expected", [
    (1234.5, "fr", 1, f"1{NNBSP}234,5"),
    (1234.5, "en", 1, "1,234.5"),
    (1234567, "fr", 0, f"1{NNBSP}234{NNBSP}567"),
    (1234567, "en", 0, "1,234,567"),
    (0.14102564, "fr", 4, "0,1410"),
    (-0.00001, "en", 2, "0.00"),
    (999, "fr", 0, "999"),
    (None, "fr", 0, "–"),
    (float("nan"), "en", 2, "–"),
])
def test_number(value, lang, decimals, expected):
    assert fmt.number(value, lang, decimals) == expected


def test_percent_and_year():
    assert fmt.percent(0.246, "fr") == f"24,6{NBSP}%"
    assert fmt.percent(0.246, "en") == "24.6%"
    assert fmt.percent(1, "fr", 0) == f"100{NBSP}%"
    # a year never gets a thousands separator
    assert fmt.year(2015) == "2015"
    assert fmt.value(2015, "year", "fr") == "2015"
    assert fmt.value(2015, "int", "fr") == f"2{NNBSP}015"


def test_dates():
    assert fmt.date(dt.date(2026, 12, 1), "fr") == f"1{NBSP}décembre{NBSP}2026"
    assert fmt.date(dt.date(2026, 8, 15), "en") == "15 August 2026"


def test_french_typography_spares_placeholders():
    out = fmt.typography_fr("Pays : {country} ; « {name} » ! Vraiment ?")
    assert out == (f"Pays{NBSP}: {{country}}{NNBSP}; «{NBSP}{{name}}{NBSP}»"
                   f"{NNBSP}! Vraiment{NNBSP}?")
    # already spaced text is not doubled, times and URLs-like colons kept
    assert fmt.typography_fr(f"Note{NBSP}: x") == f"Note{NBSP}: x"
    assert fmt.typography_fr("10:30") == "10:30"


def test_unknown_kind_is_refused():
    with pytest.raises(ValueError):
        fmt.value(1, "money", "fr")


@pytest.mark.parametrize("module", ["texts.fmt", "texts", "report.svg",
                                    "report.build", "report.write"])
def test_docstring_examples_run(module):
    import doctest
    import importlib
    mod = importlib.import_module(f"graphkit.{module}")
    result = doctest.testmod(mod, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0 and result.attempted > 0, module
