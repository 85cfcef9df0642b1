"""Apply an imported candidate-sites or travel-matrix file, all or nothing.

On top of the cell checks (``planning.io.validate``): a site's point must lie in its
municipality's polygon (``data/municipalities.geojson``, within ``BORDER_TOLERANCE_KM`` of
it: the embedded polygons are simplified, and a town on the border falls just outside);
a travel matrix needs its sites imported first, names only known sites and holds a row for
every origin municipality of the scenario and every site of its region. A new sites file
whose names differ from the stored matrix's drops the matrix (it was for other sites) and
says so. Nothing is stored here.
"""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
from shapely.geometry import Point

from planning.domain import geo
from planning.domain.geo import fold
from planning.domain.inputs import ScenarioInputs
from planning.domain.sites import (
    TRAVEL_COLUMNS,
    site_rows,
    sites_frame,
    travel_frame,
    travel_rows,
)
from planning.i18n import Text, msg, msgn
from planning.io.apply import _checked
from planning.io.preview import Preview, diff_frames
from planning.io.problems import ImportProblem, ImportRejected
from planning.io.schemas import SITES, TRAVEL

BORDER_TOLERANCE_KM = 1.0  # about the simplification of the embedded polygons
KM_PER_DEGREE = 111.0  # of latitude; a degree of longitude is shorter, so this is lenient
MISSING_SHOWN = 5


def apply_sites(inputs: ScenarioInputs, frame: pd.DataFrame, file: str,
                headers: dict[str, str]) -> tuple[ScenarioInputs, list[Text]]:
    """The inputs with the file's candidate sites, and notes for the preview."""
    _inside_polygons(inputs.division, frame, file, headers)
    rows = frame.assign(services=frame["services"].fillna(""), risk=frame["risk"].fillna(""))
    new = replace(inputs, candidate_sites=site_rows(rows))
    notes: list[Text] = []
    names = {r[0] for r in new.candidate_sites}
    if inputs.travel_matrix and {r[1] for r in inputs.travel_matrix} != names:
        new = replace(new, travel_matrix=())
        notes.append(msg("sites.matrix_dropped"))
    return _checked(new, file), notes


def apply_travel(inputs: ScenarioInputs, frame: pd.DataFrame, file: str,
                 headers: dict[str, str]) -> ScenarioInputs:
    """The inputs with the file's travel matrix (every origin to every site of its region)."""
    site_col = headers.get("site", TRAVEL.column("site").header("lv"))
    if not inputs.candidate_sites:
        raise ImportRejected([ImportProblem(file, msg("sites.sites_first"), column=site_col)])
    by_name = {fold(r[0]): r[0] for r in inputs.candidate_sites}
    problems = []
    names = []
    for r in frame.itertuples(index=False):
        name = by_name.get(fold(str(r.site)))
        if name is None:
            problems.append(ImportProblem(file, msg("sites.unknown_site_named"), row=r.row,
                                          column=site_col, value=r.site))
        names.append(name)
    if problems:
        raise ImportRejected(problems)
    rows = frame.assign(site=names)
    missing = missing_pairs(inputs, rows)
    if missing:
        shown = ", ".join(f"{o} → {s}" for o, s in missing[:MISSING_SHOWN])
        raise ImportRejected([ImportProblem(file, msgn("sites.missing_pairs", len(missing),
                                                       shown=shown), column=site_col)])
    return _checked(replace(inputs, travel_matrix=travel_rows(rows[list(TRAVEL_COLUMNS)])),
                    file)


def missing_pairs(inputs: ScenarioInputs, rows: pd.DataFrame) -> list[tuple[str, str]]:
    """(origin name, site name) of the scenario's origins and their region's sites that
    ``rows`` (``atvk_code``, ``site``) lack."""
    munis = geo.municipalities(inputs.division)
    if inputs.region:
        munis = munis[munis["planning_region"] == inputs.region]
    region = dict(zip(munis["atvk_code"], munis["planning_region"], strict=True))
    names = dict(zip(munis["atvk_code"], munis["name_lv"], strict=True))
    given = set(zip(rows["atvk_code"], rows["site"], strict=True))
    return [(names[o], name) for o in names for name, code, *_ in inputs.candidate_sites
            if code in region and region[code] == region[o] and (o, name) not in given]


def _inside_polygons(division: str, frame: pd.DataFrame, file: str,
                     headers: dict[str, str]) -> None:
    """Refuse rows whose point lies outside their municipality (naming where it lies)."""
    shapes = geo.boundaries(division).set_index("atvk_code")
    column = headers.get("lat", SITES.column("lat").header("lv"))
    problems = []
    for r in frame.itertuples(index=False):
        if r.atvk_code not in shapes.index:
            continue
        point = Point(r.lon, r.lat)
        km = shapes.at[r.atvk_code, "geometry"].distance(point) * KM_PER_DEGREE
        if km <= BORDER_TOLERANCE_KM:
            continue
        within = shapes[shapes.contains(point)]
        where = within["name_lv"].iloc[0] if len(within) else msg("sites.outside_latvia")
        problems.append(ImportProblem(
            file, msg("sites.outside_polygon", municipality=shapes.at[r.atvk_code, "name_lv"],
                      where=where, km=f"{km:.0f}"),
            row=r.row, column=column, value=f"{r.lat}, {r.lon}"))
    if problems:
        raise ImportRejected(problems)


def preview_sites(before: ScenarioInputs, after: ScenarioInputs) -> Preview:
    return diff_frames(sites_frame(before), sites_frame(after), ["name"])


def preview_travel(before: ScenarioInputs, after: ScenarioInputs) -> Preview:
    return diff_frames(travel_frame(before), travel_frame(after), ["atvk_code", "site"])
