"""Municipalities, planning regions, boundaries and distances of the embedded dataset.

Two administrative divisions are available:

- ``"2025"`` (default): 42 local governments since 1 July 2025, when Varakļānu novads
  joined Madonas novads (and moved from the Latgale to the Vidzeme planning region);
- ``"2021"``: the 43 local governments of the 2021 reform, used by plans of 2021-2025.

The current division is derived from the 2021 one by :func:`merge_varaklani`, so the
facts are typed once.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import TypeVar

import geopandas as gpd
import numpy as np
import pandas as pd

from planning.domain.config import DATA_DIR
from planning.domain.errors import InputError

DIVISIONS = ("2025", "2021")
DEFAULT_DIVISION = "2025"
REGIONS = ("Rīga", "Kurzeme", "Zemgale", "Vidzeme", "Latgale")
VARAKLANI = "0055000"
MADONA = "0038000"
BOUNDARY_FILES = {
    "amcharts": "municipalities.geojson",
    "naturalearth": "municipalities_ne_pd.geojson",
}
BOUNDARY_ATTRIBUTION = {
    "amcharts": '<a href="https://www.amcharts.com/">Municipal boundaries: amCharts</a>',
    "naturalearth": "Made with Natural Earth (public domain)",
}
EARTH_RADIUS_KM = 6371.0088
Frame = TypeVar("Frame", bound=pd.DataFrame)


def kept(fn: Callable[..., Frame]) -> Callable[..., Frame]:
    """``fn`` (a frame of the embedded data files, of plain hashable arguments) computed
    once per arguments and process, each caller getting a copy of its own to change (issue
    17: the results page read and joined the same files a dozen times per run)."""
    cached = lru_cache(maxsize=16)(fn)

    @functools.wraps(fn)
    def copied(*args: object, **kwargs: object) -> Frame:
        return cached(*args, **kwargs).copy()

    copied.cache_clear = cached.cache_clear  # type: ignore[attr-defined]
    return copied


def _check_division(division: str) -> None:
    if division not in DIVISIONS:
        raise InputError(
            f"unknown administrative division '{division}'; use one of {', '.join(DIVISIONS)}"
        )


def fold(text: str) -> str:
    """Lower-case text without diacritics: 'Rīga' -> 'riga'."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold().strip()


def resolve_region(name: str) -> str:
    """The official region name for a user's spelling, with or without diacritics."""
    for region in REGIONS:
        if fold(name) in (fold(region), fold(region) + " region"):
            return region
    raise InputError(f"unknown planning region '{name}'; use one of {', '.join(REGIONS)}")


def code_in_division(code: str, division: str) -> str:
    """The code a 2021 municipality has in ``division`` (Varakļāni is Madona since 2025)."""
    _check_division(division)
    return MADONA if division == "2025" and code == VARAKLANI else code


@lru_cache(maxsize=4)
def _municipalities_2021(data_dir: Path) -> pd.DataFrame:
    df = pd.read_csv(data_dir / "municipalities.csv", dtype={"atvk_code": str}, encoding="utf-8")
    return df


def merge_varaklani(df: pd.DataFrame) -> pd.DataFrame:
    """The 2025 division: Varakļānu novads folded into Madonas novads (region Vidzeme)."""
    out = df[df["atvk_code"] != VARAKLANI].copy()
    var = df[df["atvk_code"] == VARAKLANI].iloc[0]
    idx = out.index[out["atvk_code"] == MADONA][0]
    for col in ("population", "area_km2", "area_km2_polygon"):
        if col in out.columns:
            out.loc[idx, col] = out.loc[idx, col] + var[col]
    if "notes" in out.columns:
        out.loc[idx, "notes"] = (
            "includes Varakļānu novads since 2025-07-01; population = Madona "
            f"{int(df.loc[df['atvk_code'] == MADONA, 'population'].iloc[0])} + Varakļāni "
            f"{int(var['population'])} (different years)"
        )
    return out.reset_index(drop=True)


@kept
def municipalities(division: str = DEFAULT_DIVISION, data_dir: Path = DATA_DIR) -> pd.DataFrame:
    """Facts per local government: code, names, kind, region, admin centre, lat/lon, population."""
    _check_division(division)
    df = _municipalities_2021(Path(data_dir)).copy()
    if division == "2025":
        df = merge_varaklani(df)
    return df.reset_index(drop=True)


@lru_cache(maxsize=8)
def _boundaries_2021(data_dir: Path, source: str) -> gpd.GeoDataFrame:
    if source not in BOUNDARY_FILES:
        raise InputError(
            f"unknown boundary source '{source}'; use one of {', '.join(BOUNDARY_FILES)}"
        )
    gdf = gpd.read_file(data_dir / BOUNDARY_FILES[source])
    gdf["atvk_code"] = gdf["atvk_code"].astype(str)
    return gdf.set_crs(4326, allow_override=True)


@kept
def boundaries(
    division: str = DEFAULT_DIVISION, source: str = "amcharts", data_dir: Path = DATA_DIR
) -> gpd.GeoDataFrame:
    """Municipality polygons (EPSG:4326) joined with the facts of :func:`municipalities`."""
    _check_division(division)
    gdf = _boundaries_2021(Path(data_dir), source)[["atvk_code", "geometry"]].copy()
    if division == "2025":
        gdf["atvk_code"] = gdf["atvk_code"].map(lambda c: code_in_division(c, division))
        gdf = gdf.dissolve(by="atvk_code", as_index=False)
    facts = municipalities(division, data_dir)
    merged = gdf.merge(facts, on="atvk_code", how="inner", validate="one_to_one")
    return gpd.GeoDataFrame(merged, geometry="geometry", crs=4326)


def regions(division: str = DEFAULT_DIVISION, source: str = "amcharts") -> gpd.GeoDataFrame:
    """Planning-region polygons dissolved from the municipalities of ``division``."""
    gdf = boundaries(division, source)[["planning_region", "population", "geometry"]]
    out = gdf.dissolve(by="planning_region", aggfunc={"population": "sum"}, as_index=False)
    counts = boundaries(division, source).groupby("planning_region").size()
    out["members"] = out["planning_region"].map(counts)
    return out


def label_points(gdf: gpd.GeoDataFrame) -> gpd.GeoSeries:
    """Points inside each polygon, for labels and site markers (admin centres can lie outside)."""
    return gdf.geometry.representative_point()


def great_circle_km(lat1: np.ndarray, lon1: np.ndarray, lat2: np.ndarray, lon2: np.ndarray):
    """Haversine distance in km, broadcasting over arrays."""
    p1, p2 = np.radians(lat1), np.radians(lat2)
    dphi = p2 - p1
    dlmb = np.radians(lon2) - np.radians(lon1)
    a = np.sin(dphi / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dlmb / 2) ** 2
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(a))


@kept
def site_points(division: str = DEFAULT_DIVISION) -> pd.DataFrame:
    """One point per municipality where clients live and new services go.

    The admin centre where it lies inside the municipality; otherwise (four novadi governed
    from a state city outside their borders) a representative point of the polygon.
    """
    gdf = boundaries(division)
    admin = gpd.points_from_xy(gdf["lon"], gdf["lat"], crs=4326)
    inside = np.array([poly.contains(pt) for poly, pt in zip(gdf.geometry, admin, strict=True)])
    rep = label_points(gdf)
    lat = np.where(inside, gdf["lat"], rep.y)
    lon = np.where(inside, gdf["lon"], rep.x)
    return pd.DataFrame({"atvk_code": gdf["atvk_code"], "lat": lat, "lon": lon})


def distance_matrix(
    points: pd.DataFrame, detour_factor: float = 1.3
) -> pd.DataFrame:
    """Road-distance estimate in km between points: great circle x detour factor.

    ``points`` has columns ``atvk_code, lat, lon``; the result is indexed by code on both axes.
    """
    if detour_factor < 1:
        raise InputError(f"detour factor {detour_factor} is below 1; a road is never shorter")
    lat = points["lat"].to_numpy()
    lon = points["lon"].to_numpy()
    km = great_circle_km(lat[:, None], lon[:, None], lat[None, :], lon[None, :]) * detour_factor
    codes = points["atvk_code"].tolist()
    return pd.DataFrame(np.round(km, 1), index=codes, columns=codes)
