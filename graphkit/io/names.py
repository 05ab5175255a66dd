"""Organisation names compared the way a person would: one normalisation,
used by the duplicate finder, ``graphkit dedupe`` and the CORDIS importer's
``--into`` matching.

Two names are "equal after normalisation" when they match once case,
accents, punctuation and legal forms (SA, SAS, GmbH, Co., Ltd...) are set
aside.
"""
from __future__ import annotations

import re
import unicodedata

#: Legal forms dropped from a name before comparing (lower case, without
#: dots). A word is dropped only when it stands alone.
LEGAL_FORMS = frozenset("""
    sa sas sasu sarl eurl sca sci scop gie se
    gmbh ag kg ohg ug ev eg mbh
    co ltd limited inc incorporated corp corporation llc llp plc lp
    bv nv vzw asbl sprl srl spa sl slu sau ab oy oyj as asa aps
    kk pte pty bhd
""".split())

_PUNCT = re.compile(r"[^\w\s]+", re.UNICODE)
_SPACE = re.compile(r"\s+")
_DIGITS = re.compile(r"\d+")


def strip_accents(text: str) -> str:
    """``text`` without combining accents (CJK and other scripts kept).

    >>> strip_accents("Université Côte d'Azur"), strip_accents("清华大学")
    ("Universite Cote d'Azur", '清华大学')
    """
    decomposed = unicodedata.normalize("NFKD", text)
    return unicodedata.normalize("NFC", "".join(
        c for c in decomposed if not unicodedata.combining(c)))


def fold(text) -> str:
    """Lower case, no accents, spaces trimmed: how headers, sheet names and
    country names are compared.

    >>> fold("  Coopérations "), fold("ANNÉE")
    ('cooperations', 'annee')
    """
    return strip_accents(str(text)).casefold().strip()


def normalise_name(name) -> str:
    """The key two names of one organisation share.

    >>> normalise_name("TSINGHUA UNIVERSITY") == normalise_name("Tsinghua University")
    True
    >>> normalise_name("Thales S.A."), normalise_name("Siemens AG"), normalise_name("Acme Co., Ltd.")
    ('thales', 'siemens', 'acme')
    >>> normalise_name("Université de Lorraine")
    'universite de lorraine'
    """
    if name is None or (isinstance(name, float) and name != name):
        return ""
    text = fold(name)
    # "s.a." and "co." lose their dots before the words are split
    text = re.sub(r"(?<=\b\w)\.(?=\w\.)", "", text).replace(".", " ")
    words = _SPACE.sub(" ", _PUNCT.sub(" ", text)).split()
    kept = [w for w in words if w not in LEGAL_FORMS]
    return " ".join(kept or words)


def markers(name: str) -> frozenset[str]:
    """The numbers and short words (three characters at most) of a
    normalised name: "Paris 6" and "Paris 7", "ambassade de France (CA)"
    and "(CN)" are different organisations however close the rest of their
    names, so a fuzzy match needs the same markers.

    >>> sorted(markers("universite paris 6")), sorted(markers("service de france ca"))
    (['6'], ['ca', 'de'])
    """
    return frozenset(w for w in name.split()
                     if len(w) <= 3 or _DIGITS.search(w))
