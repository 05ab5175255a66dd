"""EU CORDIS project data turned into the data contract.

CORDIS publishes every project of the EU framework programmes as bulk
downloads (``https://cordis.europa.eu/data/cordis-h2020projects-csv.zip``,
``cordis-HORIZONprojects-csv.zip``, ``cordis-fp7projects-csv.zip``): a zip of
``;``-separated, double-quoted UTF-8 CSV files, among them ``project.csv``
(one row per project), ``organization.csv`` (one row per participation) and
``euroSciVoc.csv`` (the project's fields of science).

How the tables become a network (the rules a reader of the results needs):

- **Actors**: one per organisation, keyed by its PIC (``organisationID``,
  the EU's Participant Identification Code); id ``pic_<PIC>``, the PIC also
  kept in a ``pic`` column. Name, country, city and coordinates come from
  the organisation's latest project. ``country`` is ISO 3166-1 alpha-2
  (CORDIS writes ``EL`` for Greece and ``UK`` for the United Kingdom); a
  code that is not ISO (``XK``, Kosovo) leaves the country empty.
- **Type** (:data:`ACTIVITY_TYPES`): ``PRC`` with the SME flag -> ``sme``,
  ``PRC`` -> ``company``, ``HES`` (higher education) and ``REC`` (research
  organisation) -> ``lab`` (a university takes part in an EU project
  through a research team; CORDIS does not tell teaching from research,
  so nothing becomes ``training_centre``), ``PUB`` (public body) and
  ``OTH`` (associations, chambers, foundations, NGOs) -> ``agency``.
- **Sectors**: the second level of the project's euroSciVoc paths
  ("natural sciences / computer and information sciences / ..." ->
  "computer and information sciences"), else the theme of its topic code
  (``ICT-10-2015`` -> ``ICT``, ``HORIZON-CL4-2021-...`` -> ``CL4``); an
  organisation keeps its five most frequent.
- **Ties**: every pair of participants of a project is one
  ``rd_partnership`` row, dated by the project's start year, with the
  project id in a ``project`` column and "acronym (funding scheme)" as note.
  Its **weight is 1/(n-1)** for a project of n participants, so that each
  participant spreads one unit of tie over its partners and a 100-partner
  consortium weighs on each member as much as a two-partner project does.
  ``max_participants`` drops the larger consortia altogether. A project
  with one participant makes no tie and is dropped.
- **Programme**: one ``programme`` actor per framework programme
  (``cordis_h2020``, ``cordis_horizon``, ``cordis_fp7``), named by every
  tie's ``programme`` column.

The cleaned participation table of ``../shared/data/cordis-h2020`` (no
names, one row per participation) is read by :func:`read_participations`
into the same shape, so it goes through the same :func:`build_network`.
"""
from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from ..errors import GraphkitError, Problem, ValidationError
from ..network import Network
from ..progress import bar
from .countries import COUNTRY_CODES
from .names import normalise_name
from .raw import decode

#: CORDIS activity type -> graphkit actor type (PRC with the SME flag: sme).
ACTIVITY_TYPES = {"PRC": "company", "HES": "lab", "REC": "lab",
                  "PUB": "agency", "OTH": "agency", "": "agency"}
#: CORDIS country codes that are not ISO 3166-1 alpha-2.
CORDIS_COUNTRIES = {"EL": "GR", "UK": "GB"}
PROGRAMMES = {"H2020": "Horizon 2020", "HORIZON": "Horizon Europe",
              "FP7": "Seventh Framework Programme (FP7)"}
TRUE = frozenset({"true", "1", "yes", "y", "t"})
FALSE = frozenset({"false", "0", "no", "n", "f", ""})

#: The layouts of organization.csv: our name -> CORDIS column. "current" is
#: what CORDIS publishes since 2022 for FP7, H2020 and Horizon Europe;
#: "legacy" the H2020 and FP7 files before (organisation id in ``id``, no
#: SME flag, no coordinates).
ORGANISATION_LAYOUTS = {
    "current": {"project": "projectID", "pic": "organisationID",
                "name": "name", "short": "shortName", "sme": "SME",
                "activity": "activityType", "city": "city",
                "country": "country", "geolocation": "geolocation",
                "role": "role"},
    "legacy": {"project": "projectID", "pic": "id", "name": "name",
               "short": "shortName", "activity": "activityType",
               "city": "city", "country": "country", "role": "role"},
}
PROJECT_LAYOUT = {"project": "id", "acronym": "acronym", "title": "title",
                  "start": "startDate", "programme": "frameworkProgramme",
                  "scheme": "fundingScheme", "topics": "topics"}
EUROSCIVOC_LAYOUT = {"project": "projectID", "path": "euroSciVocPath"}
REQUIRED = {"organisation": ("project", "pic", "name", "activity",
                             "country"),
            "project": ("project", "start", "programme"),
            "euroscivoc": ("project", "path")}
#: The participation table every reader returns.
PARTICIPATION_COLUMNS = ("project", "pic", "name", "short", "sme",
                         "activity", "country", "city", "lat", "lon", "role",
                         "year", "programme", "scheme", "acronym")


@dataclass
class CordisData:
    """What the readers found: participations joined to their project."""
    participations: pd.DataFrame
    #: (project, sector) pairs
    sectors: pd.DataFrame
    projects_read: int
    participations_read: int
    #: participations dropped while reading: reason -> count
    dropped: dict = field(default_factory=dict)
    sources: list = field(default_factory=list)


@dataclass
class ImportResult:
    """The network built, and what was read, kept and dropped (and why)."""
    network: Network
    counts: dict
    dropped: dict

    def summary(self) -> str:
        """One line per table: read, kept, dropped with reasons."""
        lines = []
        for what, c in self.counts.items():
            if "read" not in c:
                lines.append(f"{what}: " + ", ".join(
                    f"{n} {k}" for k, n in c.items()))
                continue
            line = f"{what}: {c['read']} read, {c['kept']} kept"
            reasons = self.dropped.get(what, {})
            if reasons:
                line += "; dropped: " + ", ".join(
                    f"{n} {why}" for why, n in reasons.items() if n)
            lines.append(line)
        return "\n".join(lines)


# ------------------------------------------------------------------ files
def _kind(name: str) -> str | None:
    base = name.rsplit("/", 1)[-1].lower()
    if not base.endswith(".csv"):
        return None
    if base.endswith(("organization.csv", "organizations.csv",
                      "organisation.csv", "organisations.csv")):
        return "organisation"
    if base.endswith(("project.csv", "projects.csv")):
        return "project"
    if base == "euroscivoc.csv":
        return "euroscivoc"
    return None


def _members(path: Path) -> dict[str, tuple[str, bytes]]:
    """kind -> (label, bytes) of the CSV files in a zip or a folder."""
    found: dict[str, tuple[str, bytes]] = {}
    if path.is_dir():
        items = [(p.relative_to(path).as_posix(), p) for p in
                 sorted(path.rglob("*")) if p.is_file()]
        for name, p in items:
            kind = _kind(name)
            if kind and kind not in found:
                found[kind] = (f"{path.name}/{name}", p.read_bytes())
        return found
    if not path.exists():
        raise GraphkitError(f"{path}: no such file or folder")
    try:
        with zipfile.ZipFile(path) as zf:
            for name in sorted(zf.namelist()):
                kind = _kind(name)
                if kind and kind not in found:
                    found[kind] = (f"{path.name}/{name}", zf.read(name))
    except zipfile.BadZipFile:
        raise GraphkitError(
            f"{path}: not a zip file; give a CORDIS download as published "
            f"(e.g. cordis-h2020projects-csv.zip) or the folder it unpacks "
            f"to") from None
    return found


def _read_csv(label: str, data: bytes) -> pd.DataFrame:
    text, _ = decode(data, label)
    sep = ";" if text.split("\n", 1)[0].count(";") else ","
    try:
        df = pd.read_csv(io.StringIO(text), sep=sep, quotechar='"',
                         dtype=str, keep_default_na=False, na_filter=False,
                         engine="c")
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise GraphkitError(f"{label}: not readable as a CORDIS CSV file "
                            f"({exc})") from None
    df.columns = [str(c).strip() for c in df.columns]
    return df


def _layout(df: pd.DataFrame, label: str, kind: str, layouts: dict):
    """The layout whose required columns ``df`` has; refuse any other."""
    for name, layout in layouts.items():
        if all(layout[k] in df.columns for k in REQUIRED[kind]):
            return name, {k: c for k, c in layout.items()
                          if c in df.columns}
    expected = " or ".join(
        f"{', '.join(layout[k] for k in REQUIRED[kind])} ({name} layout)"
        for name, layout in layouts.items())
    raise GraphkitError(
        f"{label}: unknown CORDIS layout; expected the columns {expected}; "
        f"the header has: {', '.join(df.columns) or 'nothing'}")


def _pick(df: pd.DataFrame, layout: dict, wanted) -> pd.DataFrame:
    """Our columns, stripped, '' where the layout has no such column."""
    return pd.DataFrame({k: (df[layout[k]].str.strip() if k in layout
                             else "") for k in wanted}, index=df.index)


# ------------------------------------------------------------------ values
def iso_country(codes: pd.Series) -> pd.Series:
    """CORDIS country codes as ISO alpha-2; None when not ISO.

    >>> iso_country(pd.Series(["EL", "UK", "fr", "XK", ""])).tolist()
    ['GR', 'GB', 'FR', None, None]
    """
    up = codes.fillna("").astype(str).str.strip().str.upper()
    up = up.replace(CORDIS_COUNTRIES)
    return pd.Series(np.where(up.isin(COUNTRY_CODES), up, None),
                     index=codes.index, dtype=object)


def _geolocation(values: pd.Series) -> tuple[pd.Series, pd.Series]:
    """"lat,lon" text -> two float columns (NaN when absent or bad)."""
    parts = values.fillna("").astype(str).str.extract(
        r"^\s*\(?\s*(-?\d+(?:\.\d+)?)\s*[,; ]\s*(-?\d+(?:\.\d+)?)\s*\)?\s*$")
    lat = pd.to_numeric(parts[0], errors="coerce")
    lon = pd.to_numeric(parts[1], errors="coerce")
    bad = (lat.abs() > 90) | (lon.abs() > 180)
    return lat.mask(bad), lon.mask(bad)


def actor_type(activity: pd.Series, sme: pd.Series) -> pd.Series:
    """graphkit actor type of each participation (see the module doc).

    >>> actor_type(pd.Series(["PRC", "PRC", "HES", "PUB", "OTH"]),
    ...            pd.Series([True, False, False, None, None])).tolist()
    ['sme', 'company', 'lab', 'agency', 'agency']
    """
    kind = activity.fillna("").str.upper().map(ACTIVITY_TYPES)
    is_sme = (activity.fillna("").str.upper() == "PRC") & \
        sme.fillna(False).astype(bool)
    return kind.mask(is_sme, "sme")


def _topic_theme(topic: str) -> str | None:
    """The theme of a topic code: ``ICT-10-2015`` -> ``ICT``."""
    for part in str(topic).split("-"):
        part = part.strip()
        if part and part.upper() not in ("H2020", "HORIZON", "FP7") \
                and not part.isdigit():
            return part
    return None


def _problems(label: str, bad: pd.Series, column: str, values: pd.Series,
              reason: str) -> list[Problem]:
    """One problem per bad row; rows counted as CSV records (header = 1)."""
    return [Problem(label, None, column, values.iloc[i],
                    f"row {i + 2}: {reason}")
            for i in np.flatnonzero(bad.to_numpy())]


# ------------------------------------------------------------------ readers
def _read_one(path: Path) -> tuple[pd.DataFrame, pd.DataFrame, list]:
    files = _members(path)
    missing = [k for k in ("project", "organisation") if k not in files]
    if missing:
        names = {"project": "project.csv", "organisation": "organization.csv"}
        raise GraphkitError(
            f"{path}: has no {' and no '.join(names[k] for k in missing)}; a "
            f"CORDIS download (e.g. cordis-h2020projects-csv.zip) holds "
            f"project.csv and organization.csv")
    problems: list[Problem] = []
    label, data = files["project"]
    raw = _read_csv(label, data)
    _, layout = _layout(raw, label, "project", {"project": PROJECT_LAYOUT})
    proj = _pick(raw, layout, PROJECT_LAYOUT)
    given = proj["start"] != ""
    start = pd.to_datetime(proj["start"].where(given), errors="coerce",
                           format="mixed")
    problems += _problems(label, given & start.isna(), layout["start"],
                          proj["start"], "not a date (e.g. 2017-01-01)")
    problems += _problems(label, proj["project"] == "", layout["project"],
                          proj["project"], "no project id")
    proj["year"] = start.dt.year.astype("Int64")
    proj["topic_theme"] = proj["topics"].map(_topic_theme)

    label, data = files["organisation"]
    raw = _read_csv(label, data)
    _, layout = _layout(raw, label, "organisation", ORGANISATION_LAYOUTS)
    org = _pick(raw, layout, {**ORGANISATION_LAYOUTS["current"]})
    for col in ("project", "pic"):
        problems += _problems(label, org[col] == "", layout[col], org[col],
                              "no " + ("project id" if col == "project"
                                       else "organisation id (PIC)"))
    act = org["activity"].str.upper()
    problems += _problems(label, ~act.isin(ACTIVITY_TYPES), layout[
        "activity"], org["activity"], "unknown activity type (expected PRC, "
        "HES, REC, PUB or OTH)")
    sme = org["sme"].str.lower()
    if "sme" in layout:
        problems += _problems(label, ~sme.isin(TRUE | FALSE), layout["sme"],
                              org["sme"], "SME must be true or false")
    if problems:
        raise ValidationError(problems)
    org["activity"] = act
    org["sme"] = sme.isin(TRUE)
    org["lat"], org["lon"] = _geolocation(org["geolocation"])
    org = org.drop(columns="geolocation")
    org["country_code"] = org["country"]
    org["country"] = iso_country(org["country"])

    sectors = pd.DataFrame({"project": pd.Series([], dtype=object),
                            "sector": pd.Series([], dtype=object)})
    if "euroscivoc" in files:
        label, data = files["euroscivoc"]
        raw = _read_csv(label, data)
        _, layout = _layout(raw, label, "euroscivoc",
                            {"euroSciVoc": EUROSCIVOC_LAYOUT})
        esv = _pick(raw, layout, EUROSCIVOC_LAYOUT)
        level = esv["path"].str.strip("/").str.split("/").str[1]
        sectors = pd.DataFrame({"project": esv["project"],
                                "sector": level.str.strip()}).dropna()
        sectors = sectors[sectors["sector"] != ""]
    themed = set(sectors["project"])
    by_topic = proj.loc[~proj["project"].isin(themed) &
                        proj["topic_theme"].notna(),
                        ["project", "topic_theme"]]
    sectors = pd.concat([sectors, by_topic.rename(
        columns={"topic_theme": "sector"})], ignore_index=True)
    return proj, org, sectors


def read_cordis(paths, progress: bool = False) -> CordisData:
    """Read CORDIS downloads (zips as published, or the folders they unpack
    to) into one participation table.

    Raises GraphkitError naming the file for a missing file or an unknown
    layout, and ValidationError listing every bad row (file, row, column,
    value, reason).
    """
    paths = [Path(p) for p in ([paths] if isinstance(paths, (str, Path))
                               else paths)]
    projects, orgs, sectors = [], [], []
    with bar(len(paths), "reading CORDIS", enabled=progress,
             unit="file") as b:
        for path in paths:
            p, o, s = _read_one(path)
            projects.append(p)
            orgs.append(o)
            sectors.append(s)
            b.update(1)
    proj = pd.concat(projects, ignore_index=True)
    proj = proj.drop_duplicates("project", keep="first")
    org = pd.concat(orgs, ignore_index=True)
    n_read = len(org)
    known = org["project"].isin(proj["project"])
    merged = org[known].merge(
        proj[["project", "year", "programme", "scheme", "acronym"]],
        on="project", how="left")
    dropped = {"naming a project not in project.csv": int((~known).sum())}
    return CordisData(merged[list(PARTICIPATION_COLUMNS)], pd.concat(
        sectors, ignore_index=True).drop_duplicates(), len(proj), n_read,
        dropped, [str(p) for p in paths])


def read_participations(path, programme_parts=None) -> CordisData:
    """Read the cleaned H2020 participation extract (``rcn, role, pic,
    type, country, start_year``...; no names, no SME flag) into the shape
    :func:`read_cordis` returns; the organisation's name is
    "Organisation <PIC>". ``programme_parts`` (``rcn, programme_part``)
    gives the projects' sectors (ERC, MSCA, LEIT, SC1...).
    """
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = [c for c in ("rcn", "pic", "type", "country", "start_year")
               if c not in df.columns]
    if missing:
        raise GraphkitError(f"{path}: not a participation extract; missing "
                            f"the columns {', '.join(missing)}")
    bad_year = ~df["start_year"].str.fullmatch(r"\d{4}")
    if bad_year.any():
        raise ValidationError(_problems(Path(path).name, bad_year,
                                        "start_year", df["start_year"],
                                        "not a year"))
    parts = pd.DataFrame({
        "project": df["rcn"], "pic": df["pic"],
        "name": "Organisation " + df["pic"], "short": "", "sme": False,
        "activity": df["type"].str.upper(),
        "country": iso_country(df["country"]), "city": "",
        "lat": np.nan, "lon": np.nan, "role": df.get("role", ""),
        "year": df["start_year"].astype(int).astype("Int64"),
        "programme": "H2020", "scheme": "", "acronym": df["rcn"]})
    sectors = pd.DataFrame({"project": pd.Series([], dtype=object),
                            "sector": pd.Series([], dtype=object)})
    if programme_parts is not None:
        pp = pd.read_csv(programme_parts, dtype=str, keep_default_na=False)
        sectors = pd.DataFrame({"project": pp["rcn"],
                                "sector": pp["programme_part"]})
    return CordisData(parts, sectors, int(df["rcn"].nunique()), len(df), {},
                      [str(path)])


# ------------------------------------------------------------------ network
def _programme_id(fp: str) -> str:
    return "cordis_" + (re.sub(r"[^a-z0-9]+", "_", fp.lower()).strip("_")
                        or "unknown")


def _pairs(kept: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Every pair of participants of each project: row positions ``a < b``
    in the returned (sorted) table and the project's size ``n``."""
    kept = kept.sort_values(["project", "id"], kind="stable")
    proj = kept["project"].to_numpy()
    ids = kept["id"].to_numpy()
    starts = np.flatnonzero(np.r_[True, proj[1:] != proj[:-1]])
    sizes = np.diff(np.r_[starts, len(proj)])
    # for each project of n rows starting at s: (s+i, s+j), i < j
    left, right = [], []
    for n in np.unique(sizes):
        if n < 2:
            continue
        i, j = np.triu_indices(n, k=1)
        s = starts[sizes == n]
        left.append((s[:, None] + i[None, :]).ravel())
        right.append((s[:, None] + j[None, :]).ravel())
    a = np.concatenate(left) if left else np.zeros(0, dtype=int)
    b = np.concatenate(right) if right else np.zeros(0, dtype=int)
    size_of_row = np.repeat(sizes, sizes)
    return pd.DataFrame({"a": a, "b": b, "n": size_of_row[a]}), kept


def build_network(data: CordisData, country: str | None = None,
                  partner_country: str | None = None,
                  since: int | None = None, until: int | None = None,
                  max_participants: int | None = None,
                  progress: bool = False) -> ImportResult:
    """The network of co-participations in the projects ``data`` holds.

    Filters: ``country`` keeps the projects with at least one participant
    from that country (ISO code; ``GR``/``EL`` and ``GB``/``UK`` alike),
    ``partner_country`` the projects with one from that country too,
    ``since``/``until`` the projects starting in those years,
    ``max_participants`` the projects with at most that many participants.
    Every dropped project and participation is counted with its reason.
    """
    parts = data.participations
    drop_parts = {k: v for k, v in data.dropped.items() if v}
    drop_proj: dict[str, int] = {}
    steps = bar(6, "building the network", enabled=progress, unit="step")

    def drop_projects(mask_keep_project: pd.Series, reason: str):
        nonlocal parts
        keep = parts["project"].isin(
            mask_keep_project[mask_keep_project].index)
        gone = parts.loc[~keep, "project"].nunique()
        if gone:
            drop_proj[reason] = drop_proj.get(reason, 0) + int(gone)
            drop_parts[f"in a project dropped ({reason})"] = int(
                (~keep).sum())
        parts = parts[keep]

    no_year = parts["year"].isna()
    if no_year.any():
        drop_parts["project without a start date"] = int(no_year.sum())
        drop_proj["without a start date"] = int(
            parts.loc[no_year, "project"].nunique())
        parts = parts[~no_year]
    twice = parts.duplicated(["project", "pic"], keep="first")
    if twice.any():
        drop_parts["the same organisation twice in one project"] = int(
            twice.sum())
        parts = parts[~twice]
    steps.update(1)
    year = parts.groupby("project", sort=False)["year"].first()
    if since is not None:
        drop_projects(year >= since, f"starting before {since}")
        year = year[year >= since]
    if until is not None:
        drop_projects(year <= until, f"starting after {until}")
    for code, what in ((country, "participant"),
                       (partner_country, "partner")):
        if code:
            iso = iso_country(pd.Series([code])).iloc[0]
            if iso is None:
                raise GraphkitError(f"{code!r}: not a country code (two "
                                    f"letters, e.g. FR, CN)")
            has = parts.assign(hit=parts["country"] == iso).groupby(
                "project", sort=False)["hit"].any()
            drop_projects(has, f"no {what} from {iso}")
    steps.update(1)
    size = parts.groupby("project", sort=False)["pic"].transform("size")
    if max_participants is not None:
        drop_projects((size <= max_participants).groupby(
            parts["project"]).all(),
            f"more than {max_participants} participants")
        size = parts.groupby("project", sort=False)["pic"].transform("size")
    drop_projects((size > 1).groupby(parts["project"]).all(),
                  "one participant, so no tie")
    steps.update(1)

    parts = parts.assign(id="pic_" + parts["pic"],
                         type=actor_type(parts["activity"], parts["sme"]))
    latest = parts.sort_values("year", kind="stable").drop_duplicates(
        "pic", keep="last")
    actors = pd.DataFrame({
        "id": latest["id"], "name": latest["name"].where(
            latest["name"] != "", "Organisation " + latest["pic"]),
        "type": latest["type"], "country": latest["country"],
        "city": latest["city"].replace("", None), "lat": latest["lat"],
        "lon": latest["lon"], "source": "CORDIS", "pic": latest["pic"]})
    sectors = data.sectors.merge(parts[["project", "id"]], on="project")
    if len(sectors):
        top = (sectors.groupby(["id", "sector"]).size()
               .rename("n").reset_index()
               .sort_values(["id", "n", "sector"],
                            ascending=[True, False, True])
               .groupby("id").head(5))
        joined = top.groupby("id")["sector"].agg(tuple)
        actors["sectors"] = actors["id"].map(joined)
    steps.update(1)

    pairs, ordered = _pairs(parts[["project", "id", "year", "programme",
                                   "scheme", "acronym"]])
    steps.update(1)
    a = pairs["a"].to_numpy()
    b = pairs["b"].to_numpy()
    n = pairs["n"].to_numpy()
    acronym = ordered["acronym"].to_numpy()[a]
    scheme = ordered["scheme"].to_numpy()[a]
    note = np.where(scheme != "", [f"{x} ({s})" for x, s in
                                   zip(acronym, scheme)], acronym) \
        if len(a) else np.array([], dtype=object)
    fps = ordered["programme"].to_numpy()[a]
    coops = pd.DataFrame({
        "source": ordered["id"].to_numpy()[a],
        "target": ordered["id"].to_numpy()[b],
        "type": "rd_partnership",
        "year": ordered["year"].to_numpy()[a],
        "programme": [_programme_id(f) for f in fps] if len(a) else [],
        "weight": 1.0 / (n - 1) if len(a) else [],
        "note": note,
        "project": ordered["project"].to_numpy()[a]})
    used = sorted(set(ordered["programme"]))
    programmes = pd.DataFrame({
        "id": [_programme_id(f) for f in used],
        "name": [PROGRAMMES.get(f.upper(), f or "CORDIS") for f in used],
        "type": "programme", "source": "CORDIS"})
    actors = pd.concat([programmes, actors], ignore_index=True)
    steps.update(1)
    steps.close()

    counts = {
        "projects": {"read": data.projects_read,
                     "kept": int(parts["project"].nunique())},
        "participations": {"read": data.participations_read,
                           "kept": len(parts)},
        "organisations": {"read": int(data.participations["pic"].nunique()),
                          "kept": int(parts["pic"].nunique())},
        "ties": {"written (one row per pair per project)": len(coops)},
    }
    dropped = {"projects": drop_proj, "participations": drop_parts}
    meta = {"name": "cordis", "format": "cordis", "inputs": [
        {"path": p} for p in data.sources], "counts": counts}
    return ImportResult(Network(actors, coops, meta), counts, dropped)


# ------------------------------------------------------------------ merging
def merge_into(existing: Network, imported: Network) -> tuple[Network, dict]:
    """Add ``imported`` to ``existing``, matching the organisations already
    there instead of duplicating them: by the same id, by an equal ``pic``
    column, else by the same country and the same name after
    normalisation (:func:`graphkit.io.names.normalise_name`).

    Returns the merged network and ``{"matched": n, "added": m,
    "ties_already_there": k}``.
    """
    old = existing.actors
    new = imported.actors
    mapping: dict[str, str] = {i: i for i in new.index if i in old.index}
    if "pic" in old.columns and "pic" in new.columns:
        old_pic = old["pic"].dropna().astype(str).str.strip() \
            .str.replace(r"\.0$", "", regex=True)
        by_pic = pd.Series(old_pic.index, index=old_pic.to_numpy())
        by_pic = by_pic[~by_pic.index.duplicated()]
        for i, pic in new["pic"].dropna().astype(str).items():
            if i not in mapping and pic in by_pic.index:
                mapping[i] = by_pic[pic]
    key_old = pd.Series(
        [f"{c}|{normalise_name(n)}" for n, c in
         zip(old["name"], old["country"].fillna(""))], index=old.index)
    by_key = pd.Series(key_old.index, index=key_old.to_numpy())
    by_key = by_key[~by_key.index.duplicated()]
    for i, n, c in zip(new.index, new["name"], new["country"].fillna("")):
        if i not in mapping:
            k = f"{c}|{normalise_name(n)}"
            if k in by_key.index:
                mapping[i] = by_key[k]
    matched = [i for i in mapping]
    old = old.copy()
    if "pic" in new.columns:
        if "pic" not in old.columns:
            old["pic"] = pd.NA
        for i in matched:
            if pd.isna(old.at[mapping[i], "pic"]) and \
                    pd.notna(new.at[i, "pic"]):
                old.at[mapping[i], "pic"] = new.at[i, "pic"]
    added = new.drop(index=matched)
    coops = imported.cooperations.copy()
    for col in ("source", "target", "programme"):
        coops[col] = coops[col].map(lambda v: mapping.get(v, v)
                                    if isinstance(v, str) else v)
    already = 0
    if "project" in existing.cooperations.columns:
        have = set(zip(existing.cooperations["source"],
                       existing.cooperations["target"],
                       existing.cooperations["project"].astype(str)))
        dup = np.array([t in have or (t[1], t[0], t[2]) in have for t in
                        zip(coops["source"], coops["target"],
                            coops["project"].astype(str))], dtype=bool)
        already = int(dup.sum())
        coops = coops[~dup]
    actors = pd.concat([old.reset_index(), added.reset_index()],
                       ignore_index=True)
    loops = (coops["source"] == coops["target"]).to_numpy()
    coops = coops[~loops]
    cooperations = pd.concat([existing.cooperations, coops],
                             ignore_index=True)
    meta = {**existing.meta, "merged_from": imported.meta.get("inputs")}
    return Network(actors, cooperations, meta), {
        "matched": len(matched), "added": len(added),
        "ties_already_there": already,
        "ties_within_one_actor": int(loops.sum())}


def import_cordis(paths, into=None, progress: bool = False,
                  **filters) -> ImportResult:
    """Read CORDIS downloads, build the network (``filters``: see
    :func:`build_network`) and, with ``into`` (a data folder, workbook or
    JSON file in the contract), merge it into that network.
    """
    from .contract import read_network
    existing = read_network(into).network if into is not None else None
    result = build_network(read_cordis(paths, progress=progress),
                           progress=progress, **filters)
    if existing is not None:
        network, merged = merge_into(existing, result.network)
        result.counts["merged into " + Path(into).name] = {
            "organisations matched": merged["matched"],
            "organisations added": merged["added"],
            "ties already there": merged["ties_already_there"],
            "ties within one actor after matching":
                merged["ties_within_one_actor"]}
        result.network = network
    return result
