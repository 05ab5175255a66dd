"""The report's French and English catalogues: complete, translated, and
no French left in the English report nor English in the French one."""
import datetime as dt
import re
import string

import pytest

from graphkit.model import ACTOR_TYPES, COOPERATION_TYPES
from graphkit.analysis import compute
from graphkit.report import build_report, write_report
from graphkit.texts import Texts, catalogue, raw_catalogue

from report_data import html_text, small_network, xlsx_text

#: Catalogue values allowed to read the same in both languages.
SAME_IN_BOTH: set[str] = {"ties.between",
    "actor_type.programme", "map.programmes",            # words of both
    "map.col_lat", "text.park_country", "map.col_lon", "map.col_source", "map.col_type",
    "map.score", "metric.type.label", "metric.pagerank.label"}
#: Words allowed with French accents in English text (proper nouns).
ACCENTED_IN_EN = {"pôle", "pôles", "Pôle", "Pôles"}


def placeholders(text):
    return {f for _, f, _, _ in string.Formatter().parse(text) if f}


#: Rule ids such as G4_PARK_NO_FRENCH are codes (shared with gaps.csv).
CODE = re.compile(r"\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b")


def words(text):
    return {w.lower() for w in re.findall(r"[^\W\d_]{4,}", CODE.sub(" ", text))}


def test_both_catalogues_have_every_key_and_no_empty_text():
    fr, en = raw_catalogue("fr"), raw_catalogue("en")
    assert set(fr) == set(en), set(fr) ^ set(en)
    assert len(fr) > 100
    for key in fr:
        assert fr[key].strip() and en[key].strip(), key
        assert placeholders(fr[key]) == placeholders(en[key]), key


def test_nothing_left_untranslated():
    fr, en = raw_catalogue("fr"), raw_catalogue("en")
    same = {k for k in fr if fr[k] == en[k]}
    assert same <= SAME_IN_BOTH, sorted(same)
    for t in (*ACTOR_TYPES.values(), *COOPERATION_TYPES.values()):
        if t.key != "programme":  # "programme" is a word of both languages
            assert t.fr != t.en, t.key


def test_every_key_the_code_uses_is_in_the_catalogue():
    import graphkit.report.build as build
    import graphkit.report.write as write
    import inspect
    code = inspect.getsource(build) + inspect.getsource(write)
    used = set(re.findall(r'\bt\("([a-z_.]+)"', code))
    used |= {f"col.{c}" for c in re.findall(r'col\("([a-z_.]+)"', code)}
    used |= {f"col.mission.{c}" for c in build.MISSION_COLUMNS}
    used |= {f"count.{noun}.{form}" for form in ("one", "other")
             for noun in re.findall(r'\bt\.count\("([a-z_]+)"', code)}
    used |= {"text.key_figures_no_years", "text.key_figures_scope_no_years"}
    assert "count.members.one" in used
    assert used and used <= set(catalogue("en")), used - set(catalogue("en"))


def test_french_texts_have_french_spacing():
    fr = catalogue("fr")
    assert fr["text.top_gap"] == "{actor}\u00a0: {detail}."
    for key, text in fr.items():
        assert not re.search(r"\S[:;!?](\s|$)", text.replace("\u00a0:", "")
                             .replace("\u202f;", "").replace("\u202f!", "")
                             .replace("\u202f?", "")), key
    assert Texts("fr")("text.scope_since", since="2015").startswith("Seules")


def test_unknown_language_is_refused():
    from graphkit import GraphkitError
    with pytest.raises(GraphkitError, match="language"):
        Texts("de")


@pytest.fixture(scope="module")
def both_reports(tmp_path_factory):
    net = small_network()
    out = {}
    for lang in ("fr", "en"):
        res = compute(net)
        rep = build_report(res, lang=lang, today=dt.date(2026, 3, 2))
        d = tmp_path_factory.mktemp(lang)
        html, md, xlsx = write_report(rep, d)
        command = rep.meta["command"]  # code, not words
        out[lang] = {k: v.replace(command, " ") for k, v in {
            "html": html_text(html.read_text("utf-8")),
            "md": re.sub(r"\\(.)", r"\1", md.read_text("utf-8")),  # as rendered
            "xlsx": xlsx_text(xlsx)}.items()}
    return out


def _markers(lang):
    """Words of the fixed texts of ``lang`` that the other language's
    fixed texts never use."""
    mine = " ".join(raw_catalogue(lang).values()) + " " + " ".join(
        t.name(lang) for t in (*ACTOR_TYPES.values(), *COOPERATION_TYPES.values()))
    other_lang = "en" if lang == "fr" else "fr"
    other = " ".join(raw_catalogue(other_lang).values()) + " " + " ".join(
        t.name(other_lang) for t in (*ACTOR_TYPES.values(),
                                     *COOPERATION_TYPES.values()))
    return words(mine) - words(other)


@pytest.mark.parametrize("lang, other", [("en", "fr"), ("fr", "en")])
def test_no_word_of_the_other_language(both_reports, lang, other):
    markers = _markers(other)
    assert len(markers) > 50
    for form, text in both_reports[lang].items():
        leaked = words(text) & markers
        assert not leaked, (form, sorted(leaked))


def test_english_report_has_no_french_accent(both_reports):
    for form, text in both_reports["en"].items():
        for w in ACCENTED_IN_EN:
            text = text.replace(w, "")
        assert not re.findall(r"\w*[éèêëàâçùûîïôœ]\w*", text), form


def test_french_report_uses_french_numbers(both_reports):
    md = both_reports["fr"]["md"]
    assert "2\u00a0mars\u00a02026" in md
    assert re.search(r"\d,\d\u00a0%", md)       # 21,4 %
    assert not re.search(r"\d\.\d{3}\b", md)     # no 0.141 in French
