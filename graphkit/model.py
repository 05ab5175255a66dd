"""The vocabulary of graphkit, written once.

Actor types and cooperation types, with their Neo4j label / relationship type,
display colour and shape, French and English names, and the aliases accepted
in input. Everything else in graphkit (readers, analysis, map, report, Neo4j
layer, Cypher library) takes its words from here.

This module knows nothing else in graphkit.
"""
from __future__ import annotations

import difflib
import unicodedata
from dataclasses import dataclass, field


@dataclass(frozen=True)
class ActorType:
    key: str
    label: str  # Neo4j label, added beside :Actor
    colour: str
    shape: str  # vis.js shape name
    fr: str
    en: str
    aliases: tuple[str, ...] = field(default=())

    def name(self, lang: str = "en") -> str:
        return self.fr if lang == "fr" else self.en


@dataclass(frozen=True)
class CooperationType:
    key: str
    rel_type: str  # Neo4j relationship type
    colour: str
    dashes: bool  # edge style on the map
    fr: str
    en: str
    directed: bool
    aliases: tuple[str, ...] = field(default=())

    def name(self, lang: str = "en") -> str:
        return self.fr if lang == "fr" else self.en


ACTOR_TYPES: dict[str, ActorType] = {t.key: t for t in [
    ActorType("pole", "Pole", "#1f77b4", "hexagon", "pôle de compétitivité",
              "competitiveness cluster",
              aliases=("pôle", "pôle de compétitivité", "pole de competitivite",
                       "cluster", "competitiveness cluster")),
    ActorType("sme", "SME", "#ff7f0e", "dot", "PME", "SME",
              aliases=("PME", "petite et moyenne entreprise", "start-up",
                       "startup", "jeune entreprise innovante")),
    ActorType("company", "Company", "#8c564b", "square", "entreprise", "company",
              aliases=("entreprise", "société", "societe", "ETI",
                       "grande entreprise", "firm", "enterprise")),
    ActorType("lab", "Lab", "#2ca02c", "triangle", "laboratoire",
              "research laboratory",
              aliases=("laboratoire", "labo", "laboratory", "research lab",
                       "laboratoire de recherche", "université", "university",
                       "institut de recherche", "research institute")),
    ActorType("training_centre", "TrainingCentre", "#17becf", "triangleDown",
              "centre de formation", "training centre",
              aliases=("centre de formation", "training center", "formation",
                       "école", "ecole", "school")),
    ActorType("park", "Park", "#d62728", "diamond", "parc scientifique",
              "science park",
              aliases=("parc", "parc scientifique", "parc technologique",
                       "science park", "technology park", "high-tech zone",
                       "zone de haute technologie")),
    ActorType("agency", "Agency", "#9467bd", "star", "agence", "agency",
              aliases=("agence", "centre", "center")),
    ActorType("ministry", "Ministry", "#e377c2", "star", "ministère",
              "ministry",
              aliases=("ministère", "ministere", "ministry")),
    ActorType("embassy_service", "EmbassyService", "#7f7f7f", "box",
              "service scientifique d'ambassade", "embassy science service",
              aliases=("service scientifique", "ambassade", "embassy",
                       "service de coopération", "service science et technologie",
                       "embassy service", "science service")),
    ActorType("region", "Region", "#bcbd22", "ellipse", "région", "region",
              aliases=("région", "region", "collectivité", "province")),
    ActorType("programme", "Programme", "#aec7e8", "database", "programme",
              "programme",
              aliases=("program", "dispositif", "programme de coopération")),
]}

COOPERATION_TYPES: dict[str, CooperationType] = {t.key: t for t in [
    CooperationType("member_of", "MEMBER_OF", "#c7c7c7", False,
                    "adhésion", "membership", directed=True,
                    aliases=("membre", "membre de", "adhérent", "adhesion",
                             "membership", "member", "member of")),
    CooperationType("rd_partnership", "RD_PARTNERSHIP", "#1f77b4", False,
                    "partenariat de R&D", "R&D partnership", directed=False,
                    aliases=("partenariat r&d", "partenariat de r&d", "r&d",
                             "projet r&d", "rd", "r&d partnership",
                             "projet collaboratif")),
    CooperationType("academic_partner", "ACADEMIC_PARTNER", "#2ca02c", False,
                    "partenariat académique", "academic partnership",
                    directed=False,
                    aliases=("partenaire académique", "partenariat academique",
                             "academic partnership", "academic")),
    CooperationType("training", "TRAINING", "#17becf", True,
                    "formation", "training", directed=True,
                    aliases=("formation",)),
    CooperationType("delegation_visit", "DELEGATION_VISIT", "#d62728", True,
                    "visite de délégation", "delegation visit", directed=True,
                    aliases=("visite", "visite de délégation", "mission",
                             "délégation", "delegation", "visit")),
    CooperationType("seminar", "SEMINAR", "#9467bd", True,
                    "séminaire", "seminar", directed=False,
                    aliases=("séminaire", "atelier", "workshop", "colloque")),
    CooperationType("funded_by", "FUNDED_BY", "#bcbd22", True,
                    "financé par", "funded by", directed=True,
                    aliases=("financé par", "finance par", "financement",
                             "funding", "funded by")),
    CooperationType("supervises", "SUPERVISES", "#e377c2", True,
                    "tutelle", "supervision", directed=True,
                    aliases=("tutelle", "supervise", "supervision",
                             "sous tutelle")),
    CooperationType("supports", "SUPPORTS", "#8c564b", True,
                    "soutien", "support", directed=True,
                    aliases=("soutien", "soutient", "appui", "support",
                             "supports")),
]}

#: Cooperation types that count as ties by default in analysis (membership
#: says who belongs where, not who cooperates with whom).
DEFAULT_TIE_TYPES: tuple[str, ...] = tuple(
    k for k in COOPERATION_TYPES if k != "member_of")

#: Actor types that can have members (``member_of`` targets).
GROUP_TYPES: tuple[str, ...] = ("pole", "park")

#: Academic actors and industrial actors, used by rules and role fit.
ACADEMIC_TYPES: tuple[str, ...] = ("lab", "training_centre")
INDUSTRIAL_TYPES: tuple[str, ...] = ("sme", "company")

#: Label every graphkit node carries in Neo4j, beside its type label.
ACTOR_LABEL = "Actor"
#: Relationship type of the suggested partnerships written back to Neo4j.
SUGGESTED_PARTNER = "SUGGESTED_PARTNER"


def _fold(text: str) -> str:
    """Case-, accent- and spacing-insensitive key for matching aliases."""
    text = unicodedata.normalize("NFKD", str(text))
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.casefold().strip()
    for ch in "_-'’":
        text = text.replace(ch, " ")
    return " ".join(text.split())


def _alias_table(types: dict) -> dict[str, str]:
    table: dict[str, str] = {}
    for key, t in types.items():
        for word in (key, t.en, t.fr, *t.aliases):
            table.setdefault(_fold(word), key)
    for key in types:  # the canonical keys always win
        table[_fold(key)] = key
    return table


_ACTOR_ALIASES = _alias_table(ACTOR_TYPES)
_COOP_ALIASES = _alias_table(COOPERATION_TYPES)


def _normalise(value, table: dict[str, str]) -> str | None:
    if value is None:
        return None
    return table.get(_fold(value))


def normalise_actor_type(value) -> str | None:
    """Return the canonical actor type key for ``value`` or None.

    >>> normalise_actor_type("  Pôle ")
    'pole'
    >>> normalise_actor_type("PME")
    'sme'
    """
    return _normalise(value, _ACTOR_ALIASES)


def normalise_cooperation_type(value) -> str | None:
    """Return the canonical cooperation type key for ``value`` or None.

    >>> normalise_cooperation_type("Partenariat R&D")
    'rd_partnership'
    """
    return _normalise(value, _COOP_ALIASES)


def _suggest(value, types: dict, table: dict[str, str]) -> str | None:
    folded = _fold(value)
    match = difflib.get_close_matches(folded, list(table), n=1, cutoff=0.5)
    return table[match[0]] if match else None


def suggest_actor_type(value) -> str | None:
    """Closest valid actor type for an unknown one (for error messages)."""
    return _suggest(value, ACTOR_TYPES, _ACTOR_ALIASES)


def suggest_cooperation_type(value) -> str | None:
    """Closest valid cooperation type for an unknown one."""
    return _suggest(value, COOPERATION_TYPES, _COOP_ALIASES)


def is_french(country) -> bool:
    return str(country).upper() == "FR"
