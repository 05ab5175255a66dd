"""ISO 3166-1 alpha-2 country codes, kept in the library (no download, no
extra dependency). Taken from Debian's iso-codes (iso_3166-1.json), which
follows the ISO 3166 Maintenance Agency; 249 codes. Country names in French
and English are Babel's (CLDR), read when first needed."""
from __future__ import annotations

import functools

COUNTRY_CODES: frozenset[str] = frozenset("""
    AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI
    BJ BL BM BN BO BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN
    CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK
    FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM
    HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN
    KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK
    ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP
    NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW
    SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF
    TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI
    VN VU WF WS YE YT ZA ZM ZW
""".split())


def is_country_code(code) -> bool:
    """True when ``code`` (any case, spaces ignored) is an ISO alpha-2 code.

    >>> is_country_code(" fr "), is_country_code("UK")
    (True, False)
    """
    return isinstance(code, str) and code.strip().upper() in COUNTRY_CODES


@functools.lru_cache(maxsize=1)
def country_names() -> dict[str, str]:
    """Country names in French and English (Babel's CLDR territory names,
    e.g. "Chine", "China", "Royaume-Uni", "États-Unis"), folded (lower case,
    no accents) -> ISO code."""
    from babel import Locale

    from .names import fold
    out: dict[str, str] = {}
    for lang in ("en", "fr"):
        for code, name in Locale(lang).territories.items():
            if code in COUNTRY_CODES:
                out.setdefault(fold(name), code)
    return out


def country_code(value) -> str | None:
    """The ISO code of an ISO code or a French or English country name;
    None when it is neither.

    >>> [country_code(v) for v in ("fr", "France", "Chine", "china", "Royaume-Uni", "UK")]
    ['FR', 'FR', 'CN', 'CN', 'GB', None]
    """
    if not isinstance(value, str):
        return None
    code = value.strip().upper()
    if code in COUNTRY_CODES:
        return code
    from .names import fold
    return country_names().get(fold(value))
