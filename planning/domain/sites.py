"""Candidate sites and the travel matrix a scenario holds, from the user's GIS.

``ScenarioInputs.candidate_sites`` rows are ``SITE_COLUMNS`` (services as ids joined by
``+``, empty: every service; risk: why the site is risky, empty: none) and
``ScenarioInputs.travel_matrix`` rows ``TRAVEL_COLUMNS`` (origin municipality, site name,
road km, minutes). The optimizer gets them as ``CandidateSite``s and distances/minutes
(:func:`optimizer_sites`); without a matrix the distances to a site are the estimate
great circle x detour factor from each municipality's point, as between municipalities.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from optimizer.problem import CandidateSite
from planning.domain import geo
from planning.domain.catalogue import Catalogue
from planning.i18n import msg

if TYPE_CHECKING:
    from planning.domain.inputs import InvalidValue, ScenarioInputs

SITE_COLUMNS = ("name", "atvk_code", "lat", "lon", "services", "risk")
TRAVEL_COLUMNS = ("atvk_code", "site", "km", "minutes")
SERVICE_SEPARATOR = "+"
# Plausibility limits of a travel-matrix row inside Latvia (about 450 km across, so no
# road trip within a region is near 1,000 km or a day): a value beyond them is a unit or
# column mix-up (metres, seconds), not a trip. Illustrative bounds, not norms.
MAX_KM = 1000.0
MAX_MINUTES = 1440.0
DISTANCE_ESTIMATE = "estimate"
DISTANCE_IMPORTED = "imported"


def sites_frame(inputs: ScenarioInputs) -> pd.DataFrame:
    return pd.DataFrame(list(inputs.candidate_sites), columns=list(SITE_COLUMNS))


def travel_frame(inputs: ScenarioInputs) -> pd.DataFrame:
    return pd.DataFrame(list(inputs.travel_matrix), columns=list(TRAVEL_COLUMNS))


def site_rows(frame: pd.DataFrame) -> tuple[tuple[str, str, float, float, str, str], ...]:
    """Rows of ``frame`` (``SITE_COLUMNS``) as stored, sorted by municipality and name."""
    rows = ((str(r.name), str(r.atvk_code), float(r.lat), float(r.lon),
             str(r.services or ""), str(r.risk or ""))
            for r in frame[list(SITE_COLUMNS)].itertuples(index=False))
    return tuple(sorted(rows, key=lambda r: (r[1], r[0])))


def travel_rows(frame: pd.DataFrame) -> tuple[tuple[str, str, float, float], ...]:
    rows = ((str(r.atvk_code), str(r.site), float(r.km), float(r.minutes))
            for r in frame[list(TRAVEL_COLUMNS)].itertuples(index=False))
    return tuple(sorted(rows))


def distance_source(inputs: ScenarioInputs) -> str:
    """``imported`` when a travel matrix gives the distances, else ``estimate``."""
    return DISTANCE_IMPORTED if inputs.travel_matrix else DISTANCE_ESTIMATE


def site_ids(inputs: ScenarioInputs) -> dict[str, str]:
    """Site name -> the optimizer's site id (``S001`` ..., in the stored order: names may
    hold any letters, ids go into solver row names)."""
    return {row[0]: f"S{k + 1:03d}" for k, row in enumerate(inputs.candidate_sites)}


def optimizer_sites(inputs: ScenarioInputs, codes: set[str], points: pd.DataFrame,
                    detour: float) -> tuple[list[CandidateSite], dict, dict]:
    """The sites of the scenario's municipalities ``codes``, with km (and minutes) from
    every origin of ``points`` (``atvk_code, lat, lon``): imported, else estimated."""
    ids = site_ids(inputs)
    sites = [CandidateSite(ids[name], name, code,
                           services.split(SERVICE_SEPARATOR) if services else [], risk,
                           lat, lon)
             for name, code, lat, lon, services, risk in inputs.candidate_sites
             if code in codes]
    if inputs.travel_matrix:
        km = {(o, ids[s]): k for o, s, k, _m in inputs.travel_matrix
              if s in ids and o in codes}
        minutes = {(o, ids[s]): m for o, s, _k, m in inputs.travel_matrix
                   if s in ids and o in codes}
        return sites, km, minutes
    lat = points["lat"].to_numpy()[:, None]
    lon = points["lon"].to_numpy()[:, None]
    slat = np.array([s.lat for s in sites])[None, :]
    slon = np.array([s.lon for s in sites])[None, :]
    est = np.round(geo.great_circle_km(lat, lon, slat, slon) * detour, 1)
    km = {(o, s.id): float(est[a, b]) for a, o in enumerate(points["atvk_code"])
          for b, s in enumerate(sites)}
    return sites, km, {}


def site_problems(inputs: ScenarioInputs, munis: pd.DataFrame,
                  catalogue: Catalogue) -> list[InvalidValue]:
    """Stored sites and matrix: known municipalities and services, unique names, travel
    rows to known sites with finite km and minutes in range."""
    from planning.domain.inputs import InvalidValue

    found: list[InvalidValue] = []
    names: set[str] = set()
    for k, (name, code, lat, lon, services, _risk) in enumerate(inputs.candidate_sites):
        if code not in munis.index:
            found.append(InvalidValue("candidate_sites", k + 1, "atvk_code", code,
                                      msg("inputs.unknown_code")))
        if name in names or not name:
            found.append(InvalidValue("candidate_sites", k + 1, "name", name,
                                      msg("sites.name_twice")))
        names.add(name)
        for sid in filter(None, services.split(SERVICE_SEPARATOR)):
            if sid not in catalogue.services:
                found.append(InvalidValue("candidate_sites", k + 1, "services", sid,
                                          msg("inputs.unknown_service")))
        if not (_finite(lat) and _finite(lon)):
            found.append(InvalidValue("candidate_sites", k + 1, "lat", (lat, lon),
                                      msg("sites.bad_coordinates")))
    for k, (origin, site, km, minutes) in enumerate(inputs.travel_matrix):
        if origin not in munis.index:
            found.append(InvalidValue("travel_matrix", k + 1, "atvk_code", origin,
                                      msg("inputs.unknown_code")))
        if site not in names:
            found.append(InvalidValue("travel_matrix", k + 1, "site", site,
                                      msg("sites.unknown_site")))
        for column, value, high in (("km", km, MAX_KM), ("minutes", minutes, MAX_MINUTES)):
            if not _finite(value) or not 0 <= value <= high:
                found.append(InvalidValue("travel_matrix", k + 1, column, value,
                                          msg("sites.travel_range", high=f"{high:g}")))
    for sid, minutes in inputs.travel_minutes.items():
        if sid not in catalogue.services:
            found.append(InvalidValue("candidate_sites", None, "services", sid,
                                      msg("inputs.unknown_service")))
        if not _finite(minutes) or not 0 <= minutes <= MAX_MINUTES:
            found.append(InvalidValue("candidate_sites", None, "minutes", minutes,
                                      msg("sites.travel_range", high=f"{MAX_MINUTES:g}")))
    return found


def _finite(value: object) -> bool:
    return isinstance(value, int | float) and math.isfinite(value)


def distance_label(inputs: ScenarioInputs, detour: float, lang: str) -> str:
    """What the distances of a plan are, for results and exports: the imported travel
    matrix, or the estimate great circle x ``detour``."""
    from planning import i18n

    if inputs.travel_matrix:
        return i18n.t("sites.distances.imported", lang)
    return i18n.t("sites.distances.estimate", lang, factor=i18n.fmt_number(detour, lang, 1))


def candidate_frame(inputs: ScenarioInputs) -> pd.DataFrame:
    """The candidate sites with their optimizer ids: id, name, atvk_code, lat, lon,
    services, risk."""
    frame = sites_frame(inputs)
    ids = site_ids(inputs)
    return frame.assign(id=frame["name"].map(ids))[["id", *SITE_COLUMNS]]


def sites_built(inputs: ScenarioInputs, sites: pd.DataFrame) -> pd.DataFrame:
    """New places and facilities per candidate site and service of a solution's ``sites``
    table, with the site's name, municipality and risk note."""
    cand = candidate_frame(inputs).set_index("id")
    rows = sites[(sites["site_id"].fillna("") != "") & (sites["new_places"] > 0)]
    out = rows[["site_id", "municipality", "service", "new_places", "new_facilities",
                "clients"]].copy()
    out.insert(1, "site", out["site_id"].map(cand["name"]))
    out["risk"] = out["site_id"].map(cand["risk"])
    return out.reset_index(drop=True)
