"""`graphkit compare`: two versions of the data or two periods of one
network, and the "what changed" brief in French and English."""
import pandas as pd
import pytest
from click.testing import CliRunner

from graphkit.analysis.compare import compare, compare_periods, parse_periods
from graphkit.cli import main
from graphkit.errors import GraphkitError
from graphkit.io import read_network
from graphkit.report.brief import build_brief
from graphkit.texts import Texts

from report_data import html_tables, xlsx_cells

#: Two pairs that never cooperate in the example (ids), and one pair that
#: cooperates in one row only: the new version adds the first two and
#: drops the third.
ADDED = [("sme_ill_034", "lab_ill_003"), ("pole_techtera", "park_chengdu")]


@pytest.fixture(scope="module")
def snapshots(tmp_path_factory, example_dir):
    """OLD = the example; NEW = the example with two new ties (2013) and
    one tie removed; both written as data folders."""
    net = read_network(example_dir).network
    coops = pd.read_csv(example_dir / "cooperations.csv", dtype=str,
                        keep_default_na=False)
    tt = net.tie_table()
    pairs = set(zip(tt["u"], tt["v"]))
    for a, b in ADDED:
        assert (min(a, b), max(a, b)) not in pairs
    single = tt[(tt["count"] == 1) & (tt["types"] == ("rd_partnership",))]
    gone = tuple(single.iloc[0][["u", "v"]])
    drop = ((coops["source"] == gone[0]) & (coops["target"] == gone[1])) | \
        ((coops["source"] == gone[1]) & (coops["target"] == gone[0]))
    drop &= coops["type"] == "rd_partnership"
    assert drop.sum() == 1
    new = coops[~drop.to_numpy()]
    rows = pd.DataFrame([{"source": a, "target": b, "type": "rd_partnership",
                          "year": "2013", "programme": "", "weight": "1.0",
                          "note": "", "provenance": "illustrative"}
                         for a, b in ADDED])
    new = pd.concat([new, rows], ignore_index=True)
    root = tmp_path_factory.mktemp("snapshots")
    (root / "new").mkdir()
    new.to_csv(root / "new" / "cooperations.csv", index=False)
    (root / "new" / "actors.csv").write_bytes(
        (example_dir / "actors.csv").read_bytes())
    return {"old": example_dir, "new": root / "new", "gone": gone,
            "network": net}


def _pair_names(net, pairs):
    return sorted(tuple(sorted((net.name(a), net.name(b)))) for a, b in pairs)


def test_compare_names_exactly_the_ties_that_changed(snapshots):
    old = read_network(snapshots["old"]).network
    new = read_network(snapshots["new"]).network
    cmp = compare(old, new)
    added = sorted(tuple(sorted(p)) for p in ADDED)
    assert sorted(zip(cmp.ties_appeared["u"], cmp.ties_appeared["v"])) \
        == added
    assert list(zip(cmp.ties_disappeared["u"], cmp.ties_disappeared["v"])) \
        == [snapshots["gone"]]
    assert cmp.actors_entered == [] and cmp.actors_left == []
    changes = dict((k, d) for k, _a, _b, d in cmp.figure_changes())
    assert changes["partner_pairs"] == 1 and changes["cooperations"] == 1
    assert changes["actors"] == 0
    # same years in both versions: nothing can have gone dormant
    assert cmp.dormant_window is None and not len(cmp.went_dormant)

    net = snapshots["network"]
    expect_new = _pair_names(net, ADDED)
    expect_gone = _pair_names(net, [snapshots["gone"]])
    for lang, new_word, gone_word in (
            ("fr", "2 nouveaux liens", "1 lien a disparu"),
            ("en", "2 new ties", "1 tie has disappeared")):
        brief = build_brief(cmp, lang=lang)
        bullets = " ".join(brief.section("overview").blocks[1].bullets)
        assert new_word in bullets and gone_word in bullets, bullets
        tables = {tb.key: tb for tb in brief.section("ties").tables}
        assert set(tables) == {"list_appeared", "list_disappeared"}
        got = sorted(tuple(sorted(r[:2])) for r in
                     tables["list_appeared"].rows)
        assert got == expect_new, lang
        got = sorted(tuple(sorted(r[:2])) for r in
                     tables["list_disappeared"].rows)
        assert got == expect_gone, lang
        # no other list of actors names anyone
        assert brief.section("actors").tables == []


def test_compare_command_writes_the_brief_in_both_languages(snapshots,
                                                            tmp_path):
    net = snapshots["network"]
    expect_new = _pair_names(net, ADDED)
    runner = CliRunner()
    for lang, title in (("fr", "Liens apparus"), ("en", "Ties that appeared")):
        out = tmp_path / lang
        r = runner.invoke(main, ["compare", str(snapshots["old"]),
                                 str(snapshots["new"]), "-o", str(out),
                                 "--lang", lang])
        assert r.exit_code == 0, r.output
        names = {p.name for p in out.iterdir()}
        assert {"brief.html", "brief.md", "brief.xlsx",
                "ties_appeared.csv", "ties_disappeared.csv"} <= names
        html = (out / "brief.html").read_text(encoding="utf-8")
        rows = html_tables(html)["list_appeared"][1:]
        assert sorted(tuple(sorted(r[:2])) for r in rows) == expect_new
        md = (out / "brief.md").read_text(encoding="utf-8")
        part = md.split(f"### {title}\n", 1)[1].split("\n#", 1)[0]
        rows = [[c.strip() for c in line.split("|")[1:3]]
                for line in part.splitlines() if line.startswith("| ")][1:]
        assert sorted(tuple(sorted(r)) for r in rows) == expect_new
        sheets = xlsx_cells(out / "brief.xlsx")
        sheet = sheets[Texts(lang)("brief.sheet.appeared")]
        assert sorted(tuple(sorted(r[:2])) for r in sheet[1:]) \
            == expect_new
        csv = pd.read_csv(out / "ties_appeared.csv")
        assert sorted(zip(csv["u"], csv["v"])) == \
            sorted(tuple(sorted(p)) for p in ADDED)


def test_periods_of_the_example(example_dir, tmp_path):
    net = read_network(example_dir).network
    cmp = compare_periods(net, (2008, 2010), (2012, 2014))
    tt1 = net.tie_table(cmp.ties_before)
    tt2 = net.tie_table(cmp.ties_after)
    p1, p2 = set(zip(tt1["u"], tt1["v"])), set(zip(tt2["u"], tt2["v"]))
    assert set(zip(cmp.ties_appeared["u"], cmp.ties_appeared["v"])) == p2 - p1
    assert set(zip(cmp.ties_disappeared["u"],
                   cmp.ties_disappeared["v"])) == p1 - p2
    active1 = set(tt1["u"]) | set(tt1["v"])
    active2 = set(tt2["u"]) | set(tt2["v"])
    assert set(cmp.actors_entered) == active2 - active1
    assert set(cmp.actors_left) == active1 - active2
    # the key figures are those of every other output, window by window
    from graphkit.analysis.figures import key_figures
    assert cmp.figures_before == key_figures(net, cmp.ties_before)
    # a recommendation came true only if its pair is a new tie
    new = set(zip(cmp.ties_appeared["u"], cmp.ties_appeared["v"]))
    for a, b in zip(cmp.came_true["actor_id"], cmp.came_true["partner_id"]):
        assert (min(a, b), max(a, b)) in new
    assert 0 < cmp.hit_rate < 1
    assert cmp.dormant_window == (2012, 2014)
    r = CliRunner().invoke(main, ["compare", str(example_dir), "--periods",
                                  "2008-2010,2012-2014", "-o",
                                  str(tmp_path / "b"), "--lang", "en"])
    assert r.exit_code == 0, r.output
    md = (tmp_path / "b" / "brief.md").read_text(encoding="utf-8")
    assert "Two periods of the network: 2008 to 2010 and 2012 to 2014" in md
    assert f"{len(new)} new ties" in md


def test_bad_periods_are_refused_with_the_reason(example_dir, tmp_path):
    with pytest.raises(GraphkitError, match="two year ranges"):
        parse_periods("2008-2010")
    r = CliRunner().invoke(main, ["compare", str(example_dir), "--periods",
                                  "2012-2014,2008-2010", "-o",
                                  str(tmp_path / "x")])
    assert r.exit_code != 0 and "must end before" in r.output
    assert not (tmp_path / "x").exists()
    r = CliRunner().invoke(main, ["compare", str(example_dir), "-o",
                                  str(tmp_path / "x")])
    assert r.exit_code != 0 and "OLD and NEW" in r.output
