"""The words of a delegation mission plan
(:func:`graphkit.analysis.missions.plan_mission`), in French and English,
from the catalogue: the chance of a meeting ("12 % within 3 years", or the
score when the recommendations carry no calibrated probability), why
(the recommendation's reasons), the programme that could fund it, the parks
by name and country, and the plain sentence when fewer parks qualify than
asked.

>>> m = {"probability": 0.123, "horizon_years": 3, "value": 0.123}
>>> chance(m, "en")
'12% within 3 years'
>>> chance(dict(m, horizon_years=1), "fr").replace("\\xa0", " ")
"12 % d'ici 1 an"
>>> chance({"probability": None, "score": 0.5432, "value": 0.5432}, "en")
'score 0.54'
"""
from __future__ import annotations

import copy

from . import (country_name, domain_names, fmt, join, reasons_text, text,
               type_name)


def chance(meeting: dict, lang: str) -> str:
    """How likely a meeting leads to a partnership, in words."""
    p = meeting.get("probability")
    if p is None or fmt.is_missing(p):
        score = meeting.get("score")
        if score is None or fmt.is_missing(score):
            score = meeting.get("value")
        return text("mission.score", lang, s=fmt.number(score, lang, 2))
    shown = fmt.percent(max(float(p), 0.01), lang, 0)
    if float(p) < 0.005:
        shown = text("mission.less_than", lang, p=shown)
    h = meeting.get("horizon_years")
    if h is None or fmt.is_missing(h):
        return text("mission.chance_plain", lang, p=shown)
    return text("mission.chance", lang, p=shown, n=int(h))


def why(meeting: dict, lang: str) -> str:
    """The recommendation's reasons, as a sentence."""
    return reasons_text(meeting.get("reason_codes") or [], lang)


def programme(meeting: dict, lang: str) -> str:
    """The programmes that could fund the meeting's partnership ("" when
    none)."""
    names = [str(x) for x in meeting.get("programme_names") or () if x]
    return text("mission.programme", lang, names=join(names, lang)) \
        if names else ""


def country(code, lang: str) -> str:
    return "" if code is None or fmt.is_missing(code) else \
        country_name(code, lang)


def park_title(park: dict, lang: str) -> str:
    """"Zhangjiang Hi-Tech Park, China — specialities: …"."""
    where = country(park.get("country"), lang)
    name = park["park_name"] + (", " + where if where else "")
    doms = park.get("specialities") or []
    return text("mission.park", lang, park=name,
                domains=domain_names(doms, lang)) if doms else name


def traveller(name: str, academic, lang: str, sme: bool) -> str:
    """An SME with its academic partner (or the note it has none); another
    traveller by name."""
    if not sme:
        return name
    if academic:
        return text("mission.with", lang, sme=name, academic=academic)
    return text("mission.alone", lang, sme=name)


def travellers(park: dict, lang: str) -> list[tuple[str, list]]:
    """(who travels, in words; their meetings) at one park of a plan: the
    SMEs with their academic partners first, then the pôle and its other
    members."""
    return ([(traveller(d["sme_name"], d["academic_name"], lang, True),
              d["meet"]) for d in park["delegation"]]
            + [(o["actor_name"], o["meet"]) for o in park["others"]])


def partner(meeting: dict, lang: str) -> str:
    """"Name (type, country)"."""
    bits = [type_name(meeting.get("type"), lang),
            country(meeting.get("country"), lang)]
    bits = [b for b in bits if b]
    return meeting["name"] + (f" ({', '.join(bits)})" if bits else "")


def headline(plan: dict, lang: str) -> str:
    """The plan in one sentence: the pôle, its domains, the parks, the
    meetings."""
    meetings = sum(p["covered"] for p in plan["parks"])
    doms = plan.get("pole_domains") or []
    key = "mission.head_domains" if doms else "mission.head"
    return text(key, lang, pole=plan["pole_name"],
                domains=domain_names(doms, lang),
                parks=text("mission.n_parks", lang, n=len(plan["parks"])),
                meetings=text("mission.n_meetings", lang, n=meetings))


def fewer(plan: dict, lang: str) -> str:
    """The plain sentence when fewer parks qualify than asked ("" else)."""
    found, asked = plan["parks_found"], plan["parks_asked"]
    if found >= asked:
        return ""
    return text("mission.fewer", lang, n=found, asked=fmt.integer(asked, lang))


def measure_note(plan: dict, lang: str) -> str:
    """How the meetings are valued: calibrated probability, or score (and
    its threshold) when the recommendations have no probability."""
    if plan.get("measure") == "probability":
        return text("mission.measure_probability", lang)
    t = plan.get("threshold")
    return text("mission.measure_score", lang,
                t=fmt.number(0 if t is None else t, lang, 2))


def worded_plan(plan: dict, lang: str) -> dict:
    """The plan with its words in ``lang`` beside the values (for
    missions.json): ``headline``, ``note`` (fewer parks), ``measure_text``;
    each park's ``title`` and ``country_name``; each meeting's ``chance``,
    ``why``, ``programme`` and ``country_name``."""
    out = copy.deepcopy(plan)
    out["headline"] = headline(plan, lang)
    out["note"] = fewer(plan, lang)
    out["measure_text"] = measure_note(plan, lang)
    for park in out["parks"]:
        park["country_name"] = country(park.get("country"), lang)
        park["title"] = park_title(park, lang)
        for who in park["delegation"] + park["others"]:
            for m in who["meet"]:
                m["country_name"] = country(m.get("country"), lang)
                m["chance"] = chance(m, lang)
                m["why"] = why(m, lang)
                m["programme"] = programme(m, lang)
    return out


def worded_missions(missions: dict, lang: str) -> dict:
    """:func:`worded_plan` of every plan (pôle id -> plan)."""
    return {k: worded_plan(v, lang) for k, v in missions.items()}
