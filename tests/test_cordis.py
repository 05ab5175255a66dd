"""`graphkit import cordis`: CORDIS downloads (written here from the
published column lists) to the data contract; and the real H2020 extract
of ../shared/data through the same code."""
from __future__ import annotations

import zipfile
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from graphkit.cli import main
from graphkit.errors import GraphkitError, ValidationError
from graphkit.io import read_network
from graphkit.io.cordis import (build_network, import_cordis,
                                read_cordis, read_participations)

DATA = Path(__file__).parent / "data" / "cordis"
H2020 = DATA / "h2020"
HORIZON = DATA / "horizon"
SHARED = Path(__file__).resolve().parents[2] / "shared" / "data" / \
    "cordis-h2020"


@pytest.fixture
def runner():
    return CliRunner()


@pytest.fixture
def horizon_zip(tmp_path):
    """The Horizon Europe fixture zipped as the EU publishes it (CSV files
    in a folder of the zip)."""
    path = tmp_path / "cordis-HORIZONprojects-csv.zip"
    with zipfile.ZipFile(path, "w") as zf:
        for name in ("project.csv", "organization.csv"):
            zf.write(HORIZON / name, f"csv/{name}")
    return path


def imported(*paths, **filters):
    return build_network(read_cordis(list(paths)), **filters).network


def test_actors_types_countries_names(horizon_zip):
    net = imported(H2020, horizon_zip)
    a = net.actors
    assert a.at["pic_999000001", "name"] == 'Batteries & Co; SAS "Énergie"'
    assert a.at["pic_999000001", "type"] == "sme"          # PRC + SME
    assert a.at["pic_999000006", "type"] == "company"      # PRC, not SME
    assert a.at["pic_999000002", "type"] == "lab"          # HES
    assert a.at["pic_999000005", "type"] == "lab"          # REC
    assert a.at["pic_999000004", "type"] == "agency"       # PUB
    assert a.at["pic_999000007", "type"] == "agency"       # OTH
    assert a.at["pic_999000003", "country"] == "GR"        # EL
    assert a.at["pic_999000004", "country"] == "GB"        # UK
    assert a.at["pic_999000010", "name"] == "中国科学院大连化学物理研究所"
    assert a.at["pic_999000002", "lat"] == pytest.approx(39.9999)
    assert a.at["pic_999000002", "lon"] == pytest.approx(116.3262)
    assert pd.isna(a.at["pic_999000004", "lat"])            # no geolocation
    assert a.at["pic_999000001", "city"] == "Toulouse"
    assert str(a.at["pic_999000002", "pic"]) == "999000002"
    # euroSciVoc's second level for H2020, the topic's theme for Horizon
    assert a.at["pic_999000002", "sectors"] == (
        "electrical engineering, electronic engineering, information "
        "engineering",)
    assert a.at["pic_999000010", "sectors"] == ("CL5",)
    # the one-participant project makes no tie; its organisation is here
    # through the projects it shares
    assert "700003" not in set(net.cooperations["project"])


def test_programme_actors_dated_weighted_ties(horizon_zip):
    net = imported(H2020, horizon_zip)
    a, c = net.actors, net.cooperations
    progs = a[a["type"] == "programme"]
    assert dict(zip(progs.index, progs["name"])) == {
        "cordis_h2020": "Horizon 2020", "cordis_horizon": "Horizon Europe"}
    assert (c["type"] == "rd_partnership").all()
    by_project = c.groupby("project")
    assert by_project.size().to_dict() == {"700001": 6, "700002": 15,
                                           "101000001": 3}
    # weight 1/(n-1): each participant spreads one unit over its partners
    assert by_project["weight"].first().round(4).to_dict() == {
        "700001": 0.3333, "700002": 0.2, "101000001": 0.5}
    assert by_project["year"].first().to_dict() == {
        "700001": 2016, "700002": 2017, "101000001": 2022}
    assert by_project["programme"].first().to_dict() == {
        "700001": "cordis_h2020", "700002": "cordis_h2020",
        "101000001": "cordis_horizon"}
    assert set(c.loc[c["project"] == "700001", "note"]) == {"SINOFR (RIA)"}
    per_actor = pd.concat([c[["source", "weight"]].rename(
        columns={"source": "a"}), c[["target", "weight"]].rename(
        columns={"target": "a"})]).groupby("a")["weight"].sum()
    assert per_actor["pic_999000008"] == pytest.approx(1.0)


def test_filters_and_reasons():
    data = read_cordis([H2020, HORIZON])
    r = build_network(data, country="FR", partner_country="CN",
                      since=2015, until=2020)
    assert set(r.network.cooperations["project"]) == {"700001"}
    assert r.counts["projects"] == {"read": 4, "kept": 1}
    assert r.dropped["projects"] == {"starting after 2020": 1,
                                     "no participant from FR": 1,
                                     "no partner from CN": 1}
    r = build_network(data, max_participants=5)
    assert "700002" not in set(r.network.cooperations["project"])
    assert r.dropped["projects"]["more than 5 participants"] == 1
    assert "more than 5 participants" in r.summary()
    # the country filter takes CORDIS' codes too
    r = build_network(data, country="EL")
    assert set(r.network.cooperations["project"]) == {"700001"}


def test_cli_writes_the_contract_and_it_loads(runner, tmp_path, horizon_zip):
    out = tmp_path / "net"
    res = runner.invoke(main, ["import", "cordis", str(H2020),
                               str(horizon_zip), "-o", str(out)])
    assert res.exit_code == 0, res.output
    assert "projects: 4 read, 3 kept; dropped: 1 one participant" \
        in res.stdout
    net = read_network(out).network
    assert len(net.cooperations) == 24
    assert net.actors.at["pic_999000001", "name"] == \
        'Batteries & Co; SAS "Énergie"'
    assert net.actors.at["pic_999000003", "name"] == \
        "Εθνικό Μετσόβιο Πολυτεχνείο"


def test_legacy_layout(tmp_path):
    """H2020 and FP7 files before 2021: organisation id in `id`, no SME."""
    (tmp_path / "cordis-fp7projects.csv").write_text(
        "rcn;id;acronym;status;programme;topics;frameworkProgramme;title;"
        "startDate;endDate;projectUrl;objective;totalCost;ecMaxContribution;"
        "call;fundingScheme;coordinator;coordinatorCountry;participants;"
        "participantCountries;subjects\n"
        "1;600001;OLD;CLOSED;FP7-ICT;ICT-2011.1.1;FP7;Old;2012-01-01;"
        "2014-12-31;;x;1;1;c;CP;a;FR;b;CN;\n", encoding="utf-8")
    (tmp_path / "cordis-fp7organizations.csv").write_text(
        "projectRcn;projectID;projectAcronym;role;id;name;shortName;"
        "activityType;endOfParticipation;ecContribution;country;street;city;"
        "postCode;organizationUrl\n"
        "1;600001;OLD;coordinator;911;Thales SA;TH;PRC;false;1;FR;;Paris;;\n"
        "1;600001;OLD;participant;912;Peking University;PKU;HES;false;1;CN;"
        ";Beijing;;\n", encoding="utf-8")
    net = imported(tmp_path)
    assert net.actors.at["pic_911", "type"] == "company"
    assert net.actors.at["cordis_fp7", "type"] == "programme"
    assert net.cooperations[["source", "target", "year"]].values.tolist() \
        == [["pic_911", "pic_912", 2012]]


def test_unknown_layout_refused_and_nothing_written(runner, tmp_path):
    src = tmp_path / "odd"
    src.mkdir()
    (src / "project.csv").write_bytes((H2020 / "project.csv").read_bytes())
    (src / "organization.csv").write_text(
        "project;org;label;kind;nation\n1;2;A;PRC;FR\n", encoding="utf-8")
    out = tmp_path / "out"
    res = runner.invoke(main, ["import", "cordis", str(src), "-o", str(out)])
    assert res.exit_code == 1
    assert "odd/organization.csv: unknown CORDIS layout; expected the " \
        "columns projectID, organisationID, name, activityType, country " \
        "(current layout) or projectID, id, name, activityType, country " \
        "(legacy layout); the header has: project, org, label, kind, " \
        "nation" in res.stderr
    assert not out.exists() or not any(out.iterdir())


def test_bad_rows_named_with_file_row_column(runner, tmp_path):
    src = tmp_path / "bad"
    src.mkdir()
    (src / "project.csv").write_bytes((H2020 / "project.csv").read_bytes())
    text = (H2020 / "organization.csv").read_text(encoding="utf-8")
    text = text.replace('"true";"PRC";"1 rue X"', '"maybe";"XYZ";"1 rue X"',
                        1)
    (src / "organization.csv").write_text(text, encoding="utf-8")
    with pytest.raises(ValidationError) as e:
        read_cordis(src)
    assert [str(p) for p in e.value.problems] == [
        "bad/organization.csv, column 'activityType': row 2: unknown "
        "activity type (expected PRC, HES, REC, PUB or OTH) (value: 'XYZ')",
        "bad/organization.csv, column 'SME': row 2: SME must be true or "
        "false (value: 'maybe')"]
    out = tmp_path / "out"
    res = runner.invoke(main, ["import", "cordis", str(src), "-o", str(out)])
    assert res.exit_code == 1 and "row 2" in res.stderr
    assert not (out / "actors.csv").exists()
    (tmp_path / "empty").mkdir()
    with pytest.raises(GraphkitError, match="no project.csv and no "
                       "organization.csv"):
        read_cordis(tmp_path / "empty")


def test_into_matches_organisations_already_there(tmp_path):
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "actors.csv").write_text(
        "id;name;type;country\n"
        "uga;UNIVERSITE GRENOBLE-ALPES;laboratoire;FR\n"
        "bce;Batteries and Co;PME;FR\n"
        "pole;Tenerrdis;pôle;FR\n", encoding="utf-8")
    (mine / "cooperations.csv").write_text(
        "source;target;type;year\nuga;pole;membre;2015\n", encoding="utf-8")
    r = import_cordis([HORIZON], into=mine)
    a = r.network.actors
    # matched by name + country: no second Grenoble Alpes
    assert "pic_999000011" not in a.index
    assert str(a.at["uga", "pic"]) == "999000011"
    assert a.at["uga", "type"] == "lab"
    coops = r.network.cooperations
    assert {"uga", "pole"} <= set(coops["source"]) | set(coops["target"])
    assert len(coops) == 1 + 3
    merged = r.counts["merged into mine"]
    assert merged["organisations matched"] == 1
    # a second import of the same download adds nothing
    out = tmp_path / "out"
    from graphkit.io import write_network
    write_network(r.network, out)
    again = import_cordis([HORIZON], into=out)
    assert len(again.network.actors) == len(r.network.actors)
    assert len(again.network.cooperations) == len(coops)


@pytest.mark.skipif(not SHARED.exists(), reason="../shared/data absent")
def test_real_h2020_extract_runs(runner, tmp_path):
    """The real participations of 2014-2017 through the same builder, then
    `graphkit run` on French projects of 2017 with at most 15 partners."""
    data = read_participations(
        SHARED / "participations-2014-2017.csv.gz",
        SHARED / "programme-parts-2014-2017.csv.gz")
    assert (data.projects_read, data.participations_read) == (15004, 70724)
    r = build_network(data, country="FR", since=2017, max_participants=15)
    net = r.network
    assert net.actors.loc["cordis_h2020", "type"] == "programme"
    assert (net.cooperations["year"] == 2017).all()
    assert set(net.actors["country"].dropna()) >= {"FR", "GB", "GR"}
    assert r.counts["organisations"]["read"] == 22787
    from graphkit.io import write_network
    write_network(net, tmp_path / "net")
    res = runner.invoke(main, ["run", str(tmp_path / "net"),
                               "-o", str(tmp_path / "out"), "--lang", "en"])
    assert res.exit_code == 0, res.output
    assert (tmp_path / "out" / "map.html").exists()
