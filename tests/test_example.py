"""The COOPOL example: loads cleanly, has the promised size, facts and gaps."""
from __future__ import annotations

import subprocess
import sys

import pandas as pd
import pytest

from graphkit.generate import DOMAINS, complements_of
from graphkit.io import read_network


@pytest.fixture(scope="module")
def loaded(example_dir):
    return read_network(example_dir)


@pytest.fixture(scope="module")
def net(loaded):
    return loaded.network


def test_loads_with_no_problem(loaded):
    c = loaded.counts
    assert c["actors"]["rejected"] == 0 and c["cooperations"]["rejected"] == 0
    assert len(loaded.rejects) == 0


def test_promised_sizes_and_years(net, example_dir):
    readme = (example_dir / "README.md").read_text(encoding="utf-8")
    assert (f"**{len(net.actors)} actors and {len(net.cooperations)} "
            f"cooperations**") in readme
    assert 250 <= len(net.actors) <= 400
    assert 850 <= len(net.cooperations) <= 1200
    years = net.cooperations["year"].dropna()
    assert years.min() == 2005 and years.max() == 2014
    assert set(years) == set(range(2005, 2015))


def test_source_column_says_public_or_illustrative(net, example_dir):
    src = net.actors["source"]
    assert src.str.fullmatch(r"public: S\d+|illustrative").all()
    assert (src != "illustrative").sum() >= 60
    raw = pd.read_csv(example_dir / "cooperations.csv")
    assert raw["provenance"].str.fullmatch(r"public: S\d+|illustrative").all()
    # every cited key is described in the README
    readme = (example_dir / "README.md").read_text(encoding="utf-8")
    keys = set(src[src != "illustrative"].str[8:]) | set(
        raw.loc[raw["provenance"] != "illustrative", "provenance"].str[8:])
    for key in keys:
        assert f"| {key} |" in readme, key


def test_named_public_facts(net):
    a, c = net.actors, net.cooperations
    for aid, t in [("sme_spring_technologies", "sme"), ("lab_tsinghua", "lab"),
                   ("sme_ctibiotech", "sme"), ("lab_lyon1", "lab"),
                   ("sme_aria_technologies", "sme"), ("lab_lisa", "lab"),
                   ("sme_limotech", "sme"), ("agency_torch", "agency"),
                   ("ministry_most", "ministry"), ("embassy_fr_cn",
                                                   "embassy_service"),
                   ("pole_systematic", "pole"), ("pole_lyonbiopole", "pole"),
                   ("pole_advancity", "pole"), ("pole_cereales_vallee", "pole"),
                   ("park_zhongguancun", "park"), ("prog_coopol", "programme"),
                   ("prog_phc_cai_yuanpei", "programme"),
                   ("prog_arcus", "programme")]:
        assert a.at[aid, "type"] == t
        assert a.at[aid, "source"].startswith("public: ")
    assert a.at["park_zhongguancun", "name_zh"] == "中关村科技园区"

    def has(s, t, year, typ=None):
        m = (c["source"] == s) & (c["target"] == t) & (c["year"] == year)
        if typ:
            m &= c["type"] == typ
        return bool(m.any())
    assert has("sme_spring_technologies", "lab_tsinghua", 2009)
    assert has("sme_ctibiotech", "lab_lyon1", 2013)
    assert has("sme_aria_technologies", "lab_lisa", 2014)
    assert has("sme_limotech", "lab_iccf", 2014)
    assert has("sme_spring_technologies", "pole_systematic", 2008, "member_of")
    assert has("prog_arcus", "region_languedoc_roussillon", 2007, "funded_by")


def test_programmes_in_their_years(net):
    c = net.cooperations
    coopol_visits = c[(c["programme"] == "prog_coopol")
                      & (c["type"] == "delegation_visit")]
    per_year = coopol_visits["year"].value_counts()
    assert per_year.index.min() == 2008
    assert per_year.between(4, 5).all()            # 4-5 tandems a year
    assert per_year[per_year.index <= 2013].sum() == 25
    assert (c.loc[c["programme"] == "prog_phc_cai_yuanpei", "year"]
            >= 2009).all()
    arcus = c.loc[c["programme"] == "prog_arcus", "year"]
    assert len(arcus) and arcus.between(2007, 2010).all()


def test_sectors_use_the_generator_vocabulary(net):
    a = net.actors
    used = {d for col in ("sectors", "seeks") for t in a[col] for d in t}
    assert used <= set(DOMAINS)
    m = a[a["type"].isin(["sme", "company", "lab", "training_centre"])]
    assert all(len(t) >= 1 for t in m["sectors"])


def _partners(net, aid, types=None):
    g = net.cooperation_graph(types)
    return set(g[aid])


def test_deliberate_gaps(net):
    a, c = net.actors, net.cooperations
    members = net.membership()
    # an SME of Cap Digital with partners but no academic partner
    smes = [i for i in a.index if i.startswith("sme_ill")
            and members.get(i) == ["pole_cap_digital"]]
    lonely = smes[0]
    assert lonely == "sme_ill_034"  # as the README says
    partners = _partners(net, lonely)
    assert partners
    assert not {a.at[p, "type"] for p in partners} & {"lab", "training_centre"}
    # a park with no French partner (its members neither)
    chengdu = set(net.members("park_chengdu")) | {"park_chengdu"}
    ties = net.ties()
    touching = ties[ties["source"].isin(chengdu) | ties["target"].isin(chengdu)]
    other = set(touching["source"]) | set(touching["target"])
    assert "FR" not in set(a.loc[sorted(other - chengdu), "country"])
    # white space: Minalogic members never tie with Zhangjiang members
    mina = set(net.members("pole_minalogic"))
    zj = set(net.members("park_zhangjiang"))
    pair = (ties["source"].isin(mina) & ties["target"].isin(zj)) | (
        ties["source"].isin(zj) & ties["target"].isin(mina))
    assert not pair.any()
    assert any(b in complements_of(s) for s in ("micro_nano", "embedded_systems")
               for b in ("semiconductors",))
    # an isolated pôle: no cross-border tie for Techtera's members
    tech = set(net.members("pole_techtera"))
    t = ties[ties["source"].isin(tech) | ties["target"].isin(tech)]
    ends = set(t["source"]) | set(t["target"])
    assert set(a.loc[sorted(ends), "country"]) <= {"FR"}
    # a dormant tie, last seen in 2006
    dormant = c[c["note"] == "dormant since 2006"]
    assert list(dormant["year"]) == [2005, 2006]
    s, d = dormant.iloc[0][["source", "target"]]
    g = net.cooperation_graph()
    assert g[s][d]["last_year"] == 2006
    # a programme without recent beneficiary: ARCUS, nothing after 2010
    assert c.loc[c["programme"] == "prog_arcus", "year"].max() == 2010


def test_build_script_reproduces_the_files(example_dir, tmp_path):
    r = subprocess.run([sys.executable, str(example_dir / "build.py"),
                        str(tmp_path)], capture_output=True, text=True,
                       timeout=60)
    assert r.returncode == 0, r.stderr
    for name in ("actors.csv", "cooperations.csv"):
        assert (tmp_path / name).read_bytes() == \
            (example_dir / name).read_bytes(), name


def _build_module(example_dir):
    """examples/coopol/build.py as a module (it builds the network in
    memory when imported; it writes only when run as a script)."""
    import importlib.util
    spec = importlib.util.spec_from_file_location(
        "coopol_build", example_dir / "build.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_illustrative_names_are_credible(example_dir):
    """Issue 15, point 6: an illustrative Chinese actor's English and
    Chinese names say the same (syllables, domain, kind), no illustrative
    name is a real firm's or brand's, none ends in a « 2 »."""
    import re
    b = _build_module(example_dir)
    actors = pd.read_csv(example_dir / "actors.csv", dtype=str,
                         keep_default_na=False)
    ill = actors[actors["source"] == "illustrative"]
    assert not ill["name"].str.contains(r" \d+$").any()
    assert not actors["name"].duplicated().any()
    syllables = {en: zh for en, zh in (*b.ZH1, *b.ZH2)}
    domains = {en: zh for en, zh in b.DOMAIN_CN.values()}
    cn = ill[ill["country"] == "CN"]
    assert len(cn) > 50
    for name, zh, city in zip(cn["name"], cn["name_zh"], cn["city"]):
        m = re.fullmatch(
            r"(?:(?P<city>[\w']+) )?(?P<a>" + "|".join(x for x, _ in b.ZH1)
            + r")(?P<b>" + "|".join(x for x, _ in b.ZH2)
            + r") (?:Institute of (?P<d1>.+)|(?P<d2>.+) Co\., Ltd\.)", name)
        assert m, name
        first, second = m["a"], m["b"]
        want = syllables[first] + syllables[second] + \
            domains[m["d1"] or m["d2"]] + ("研究院" if m["d1"] else "有限公司")
        if m["d1"]:
            assert m["city"] == city, name
            want = b.CITY_ZH[city] + want
        assert zh == want, (name, zh)
        assert first + second not in b.BRANDS and zh[:2] not in b.BRANDS
    for brand in ("Huawei", "博通", "Botong", "Zhongwei", "中微", "Datalogic",
                  "Alphanov"):
        assert not ill["name"].str.contains(brand).any(), brand
        assert not ill["name_zh"].str.contains(brand).any(), brand
    # French names elide: « d'Angers », never « de Angers »
    assert not ill["name"].str.contains(r"\bde [AEIOUÉ]").any()
