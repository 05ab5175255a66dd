"""The vocabulary: complete, consistent, and forgiving in what it accepts."""
import re

import pytest

from graphkit import model

ACTOR_KEYS = ["pole", "sme", "company", "lab", "training_centre", "park",
              "agency", "ministry", "embassy_service", "region", "programme"]
COOP_KEYS = ["member_of", "rd_partnership", "academic_partner", "training",
             "delegation_visit", "seminar", "funded_by", "supervises",
             "supports"]


def test_every_type_of_the_contract_is_there():
    assert list(model.ACTOR_TYPES) == ACTOR_KEYS
    assert list(model.COOPERATION_TYPES) == COOP_KEYS


@pytest.mark.parametrize("t", list(model.ACTOR_TYPES.values()))
def test_actor_type_has_label_colour_shape_names(t):
    assert re.fullmatch(r"[A-Z][A-Za-z]+", t.label)
    assert re.fullmatch(r"#[0-9a-f]{6}", t.colour)
    assert t.shape in {"dot", "diamond", "square", "triangle", "triangleDown",
                       "star", "hexagon", "ellipse", "box", "database"}
    assert t.fr and t.en


@pytest.mark.parametrize("t", list(model.COOPERATION_TYPES.values()))
def test_cooperation_type_has_rel_type_colour_names_direction(t):
    assert re.fullmatch(r"[A-Z][A-Z_]+", t.rel_type)
    assert re.fullmatch(r"#[0-9a-f]{6}", t.colour)
    assert t.fr and t.en and isinstance(t.directed, bool)


def test_labels_and_rel_types_are_unique():
    labels = [t.label for t in model.ACTOR_TYPES.values()]
    rels = [t.rel_type for t in model.COOPERATION_TYPES.values()]
    assert len(set(labels)) == len(labels)
    assert len(set(rels)) == len(rels)
    assert model.ACTOR_LABEL not in labels
    assert model.SUGGESTED_PARTNER not in rels


def test_direction_matters_for_membership_not_for_partnerships():
    assert model.COOPERATION_TYPES["member_of"].directed
    assert model.COOPERATION_TYPES["funded_by"].directed
    assert not model.COOPERATION_TYPES["rd_partnership"].directed
    assert not model.COOPERATION_TYPES["academic_partner"].directed


@pytest.mark.parametrize("text,key", [
    ("pôle", "pole"), ("  Pôle de compétitivité ", "pole"), ("POLE", "pole"),
    ("PME", "sme"), ("pme", "sme"), ("laboratoire", "lab"), ("Labo", "lab"),
    ("parc", "park"), ("Parc scientifique", "park"), ("sme", "sme"),
    ("training centre", "training_centre"), ("Training_Centre", "training_centre"),
    ("centre de formation", "training_centre"), ("ministère", "ministry"),
    ("région", "region"), ("service scientifique", "embassy_service"),
])
def test_actor_aliases(text, key):
    assert model.normalise_actor_type(text) == key


@pytest.mark.parametrize("text,key", [
    ("membre", "member_of"), ("Partenariat R&D", "rd_partnership"),
    ("partenaire académique", "academic_partner"), ("Formation", "training"),
    ("visite de délégation", "delegation_visit"), ("séminaire", "seminar"),
    ("financé par", "funded_by"), ("tutelle", "supervises"),
    ("soutien", "supports"), (" RD_PARTNERSHIP ", "rd_partnership"),
])
def test_cooperation_aliases(text, key):
    assert model.normalise_cooperation_type(text) == key


def test_unknown_types_are_none_and_get_a_suggestion():
    assert model.normalise_actor_type("spaceship") is None
    assert model.normalise_actor_type(None) is None
    assert model.suggest_actor_type("labb") == "lab"
    assert model.suggest_actor_type("smee") == "sme"
    assert model.suggest_cooperation_type("rd_partnershp") == "rd_partnership"
