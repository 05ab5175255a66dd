"""Officials' spreadsheets as they are: French column headers and sheet
names, country names in French or English, load to the same network as
the canonical file."""
from __future__ import annotations

import openpyxl
import pandas as pd
import pytest

from graphkit.io import read_network

CANON_ACTORS = [
    ["id", "name", "type", "country", "city", "sectors", "seeks"],
    ["pole", "Aerospace Valley", "pôle", "FR", "Toulouse", "space", ""],
    ["thu", "Tsinghua University", "laboratoire", "CN", "Beijing", "ict",
     "space"],
    ["ox", "Oxford", "lab", "GB", "Oxford", "", ""],
    ["sme", "Spring", "PME", "US", "", "", ""],
]
CANON_COOPS = [
    ["source", "target", "type", "year", "programme", "weight", "note"],
    ["sme", "pole", "membre", 2010, None, None, None],
    ["thu", "pole", "partenariat R&D", 2012, None, 2, "un; deux"],
    ["ox", "thu", "academic", 2014, None, None, None],
]
#: the same rows under French headers, countries written as names
NAMES = {"FR": "France", "CN": "Chine", "GB": "Royaume-Uni",
         "US": "United States"}
FRENCH_ACTORS = [
    ["Identifiant", "NOM", "Type", "Pays", "Ville", "Secteurs", "Cherche"],
    *([*row[:3], NAMES[row[3]], *row[4:]] for row in CANON_ACTORS[1:]),
]
FRENCH_COOPS = [
    ["Source", "Cible", "type", "Année", "Programme", "Poids", "Note"],
    *CANON_COOPS[1:],
]


def workbook(path, actors, coops, names):
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in zip(names, (actors, coops)):
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
    wb.save(path)
    return path


def csv_folder(path, actors, coops, names):
    path.mkdir()
    for name, rows in zip(names, (actors, coops)):
        pd.DataFrame(rows[1:], columns=rows[0]).to_csv(
            path / f"{name}.csv", sep=";", index=False, encoding="cp1252")
    return path


def same(a, b):
    pd.testing.assert_frame_equal(a.actors, b.actors)
    pd.testing.assert_frame_equal(a.cooperations, b.cooperations)


@pytest.mark.parametrize("sheets", [("Acteurs", "Coopérations"),
                                    ("ACTEURS", "cooperations ")])
def test_french_workbook_is_the_canonical_network(tmp_path, sheets):
    canon = read_network(workbook(tmp_path / "canon.xlsx", CANON_ACTORS,
                                  CANON_COOPS, ("actors", "cooperations")))
    french = read_network(workbook(tmp_path / "fr.xlsx", FRENCH_ACTORS,
                                   FRENCH_COOPS, sheets))
    same(canon.network, french.network)
    assert french.network.actors.loc["thu", "country"] == "CN"
    assert french.network.actors.loc["ox", "country"] == "GB"


def test_french_csv_folder_is_the_canonical_network(tmp_path):
    canon = read_network(csv_folder(tmp_path / "canon", CANON_ACTORS,
                                    CANON_COOPS, ("actors", "cooperations")))
    french = read_network(csv_folder(tmp_path / "fr", FRENCH_ACTORS,
                                     FRENCH_COOPS,
                                     ("Acteurs", "Coopérations")))
    same(canon.network, french.network)


def test_country_names_in_either_language(tmp_path):
    rows = [CANON_ACTORS[0]] + [
        [f"a{i}", f"A{i}", "lab", name, "", "", ""] for i, name in
        enumerate(["France", "Chine", "China", "Royaume-Uni",
                   "United Kingdom", "ÉTATS-UNIS", "cn"])]
    net = read_network(workbook(tmp_path / "c.xlsx", rows, CANON_COOPS[:1],
                                ("actors", "cooperations"))).network
    assert net.actors["country"].tolist() == ["FR", "CN", "CN", "GB", "GB",
                                              "US", "CN"]
