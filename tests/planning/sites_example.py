"""An ILLUSTRATIVE candidate-sites file for a region: not real towns, not data.

Each municipality gets its polygon's representative point and up to two more points
offset inside the polygon (a quarter of its extent away), named "<municipality> A/B/C".
A travel matrix for them is great circle x 1.3 km, with minutes at an illustrative
60 km/h, and slower (a ferry, a lake road) where a test wants minutes to differ from km.
"""

from __future__ import annotations

import io

import pandas as pd
from shapely.geometry import Point

from planning.domain import geo

OFFSETS = ((0.25, 0.25), (-0.25, -0.25), (0.25, -0.25), (-0.25, 0.25))
INSIDE_KM = 2.0
ILLUSTRATIVE_KMH = 60.0  # illustrative speed for the example matrix, not a norm


def example_sites(region: str, division: str = geo.DEFAULT_DIVISION,
                  per_municipality: int = 3) -> pd.DataFrame:
    """name, municipality (Latvian name), lat, lon of illustrative sites in ``region``."""
    gdf = geo.boundaries(division)
    gdf = gdf[gdf["planning_region"] == region]
    rows = []
    for r in gdf.itertuples():
        poly = r.geometry
        rep = poly.representative_point()
        x0, y0, x1, y1 = poly.bounds
        points = [rep]
        for dx, dy in OFFSETS:
            p = Point(rep.x + dx * (x1 - x0), rep.y + dy * (y1 - y0))
            if poly.contains(p) and poly.boundary.distance(p) * 111 > INSIDE_KM:
                points.append(p)
        for k, p in enumerate(points[:per_municipality]):
            rows.append({"name": f"{r.name_lv} {'ABC'[k]}", "municipality": r.name_lv,
                         "lat": round(p.y, 5), "lon": round(p.x, 5)})
    return pd.DataFrame(rows)


def example_matrix(sites: pd.DataFrame, region: str, division: str = geo.DEFAULT_DIVISION,
                   slow: dict[tuple[str, str], float] | None = None) -> pd.DataFrame:
    """origin (Latvian name), site, km, minutes from every municipality of ``region`` to
    every site; ``slow`` {(origin, site): minutes} overrides the minutes of some pairs."""
    munis = geo.municipalities(division)
    munis = munis[munis["planning_region"] == region]
    points = geo.site_points(division).set_index("atvk_code")
    rows = []
    for m in munis.itertuples():
        lat, lon = points.at[m.atvk_code, "lat"], points.at[m.atvk_code, "lon"]
        for s in sites.itertuples():
            km = round(float(geo.great_circle_km(lat, lon, s.lat, s.lon)) * 1.3, 1)
            minutes = round(km / ILLUSTRATIVE_KMH * 60, 1)
            minutes = (slow or {}).get((m.name_lv, s.name), minutes)
            rows.append({"origin": m.name_lv, "site": s.name, "km": km, "minutes": minutes})
    return pd.DataFrame(rows)


def csv_of(frame: pd.DataFrame, headers: dict[str, str]) -> bytes:
    buf = io.StringIO()
    frame.rename(columns=headers).to_csv(buf, index=False)
    return buf.getvalue().encode("utf-8")


SITE_HEADERS = {"name": "Vietas nosaukums", "municipality": "Pašvaldība", "lat": "Platums",
                "lon": "Garums", "services": "Atļautie pakalpojumi", "risk": "Riska piezīme"}
# the column names of a QGIS/OSRM export, read by their aliases
MATRIX_HEADERS = {"origin": "origin", "site": "destination", "km": "distance_km",
                  "minutes": "duration_min"}
