"""Import municipal boundaries: GeoJSON, GeoPackage or zipped Shapefile, any CRS.

Official open boundaries (administrative territories, EPSG:3059 LKS-92, name property
``nosaukums``) are accepted as they are. Checks: size and content type, a CRS (a file
without one is refused, naming the fix), coordinates that fit the CRS, polygon geometry,
valid geometry (refused naming the feature, or repaired with ``make_valid`` and reported
when ``repair=True``). Features are matched to municipalities of the division by ATVK code
or, failing that, by name; unmatched features and municipalities without a feature are
reported. The result is in EPSG:4326, one row per municipality, like ``geo.boundaries``.
"""

from __future__ import annotations

import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path, PurePath

import geopandas as gpd
import pandas as pd
import shapely
from pyogrio.errors import DataSourceError

from planning.domain import geo
from planning.io.problems import ImportProblem, ImportRejected, reject
from planning.io.readers import MAX_BYTES, check_size, sniff
from planning.io.validate import Municipalities

SUFFIXES = {".geojson": "GeoJSON", ".json": "GeoJSON", ".gpkg": "GeoPackage",
            ".zip": "zipped Shapefile"}
CODE_FIELDS = ("atvk_code", "atvk", "atvk_kods", "kods", "code", "l1_code")
NAME_FIELDS = ("nosaukums", "name_lv", "name", "shapename", "name_1")


@dataclass
class BoundaryImport:
    """Boundaries per municipality (EPSG:4326) and what the import matched or repaired."""

    boundaries: gpd.GeoDataFrame
    source_crs: str
    matched_by_name: list[str] = field(default_factory=list)
    unmatched_features: list[str] = field(default_factory=list)
    missing_municipalities: list[str] = field(default_factory=list)
    repaired: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        out = [f"read {len(self.boundaries)} municipalities from {self.source_crs}"]
        out += [f"matched by name: {m}" for m in self.matched_by_name]
        out += [f"not matched (left out): {f}" for f in self.unmatched_features]
        out += [f"no boundary in the file: {m}" for m in self.missing_municipalities]
        out += [f"repaired invalid geometry: {r}" for r in self.repaired]
        return out


def read_boundaries(
    data: bytes,
    file: str,
    division: str = geo.DEFAULT_DIVISION,
    *,
    assume_crs: str | None = None,
    repair: bool = False,
    limit: int = MAX_BYTES,
) -> BoundaryImport:
    """Read, check, reproject and match a boundary file; raise ImportRejected if unusable.

    ``assume_crs`` (e.g. ``"EPSG:3059"``) is used for a file that declares no CRS.
    """
    check_size(data, file, limit)
    gdf = _read(data, file)
    source_crs = _crs(gdf, file, assume_crs)
    gdf = gdf.set_crs(source_crs, allow_override=True)
    _check_coordinates(gdf, file, source_crs)
    labels = _feature_labels(gdf)
    repaired = _check_geometry(gdf, file, labels, repair)
    if repaired:
        gdf["geometry"] = gdf.geometry.make_valid()
    gdf = gdf.to_crs(4326)
    result = _match(gdf, file, division, labels)
    result.source_crs = source_crs
    result.repaired = repaired
    return result


def _read(data: bytes, file: str) -> gpd.GeoDataFrame:
    suffix = PurePath(file).suffix.lower()
    if suffix not in SUFFIXES:
        raise reject(file, f"unknown boundary file type '{suffix or 'none'}'; use "
                           ".geojson, .gpkg or a .zip holding a Shapefile")
    what = sniff(data)
    expected = {".zip": "a ZIP", ".gpkg": "an SQLite"}.get(suffix)
    claims_text = suffix in (".geojson", ".json")
    if (claims_text and (what or not data.lstrip()[:1] == b"{")) or \
            (expected and not (what or "").startswith(expected)):
        raise reject(file, f"the file is named {suffix} ({SUFFIXES[suffix]}) but is "
                           f"{what or 'something else'}")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"upload{suffix}"
        path.write_bytes(data)
        try:
            return gpd.read_file(path)
        except (DataSourceError, ValueError, OSError) as exc:
            hint = " (the ZIP must hold the .shp, .shx, .dbf and .prj files)" \
                if suffix == ".zip" else ""
            raise reject(file, f"cannot read it as {SUFFIXES[suffix]}{hint}: {exc}") from exc


def _crs(gdf: gpd.GeoDataFrame, file: str, assume_crs: str | None) -> str:
    if gdf.crs is not None:
        return gdf.crs.to_string()
    if assume_crs:
        return assume_crs
    raise reject(file, "the file has no coordinate reference system (CRS); add it (e.g. the "
                       "Shapefile's .prj) or state it, e.g. EPSG:3059 (LKS-92) for official "
                       "Latvian boundaries", column="CRS")


def _check_coordinates(gdf: gpd.GeoDataFrame, file: str, crs: str) -> None:
    """Every feature has a geometry, and degrees look like degrees: a projected file
    labelled WGS84 is refused."""
    missing = [label for label, empty in zip(_feature_labels(gdf),
                                             gdf.geometry.isna() | gdf.geometry.is_empty,
                                             strict=True) if empty]
    if missing:
        shown = ", ".join(missing[:10]) + (f" and {len(missing) - 10} more"
                                           if len(missing) > 10 else "")
        raise reject(file, f"{len(missing)} feature(s) have no geometry ({shown}); draw their "
                           "boundary or delete them", column="geometry")
    if gdf.crs.is_geographic:
        minx, miny, maxx, maxy = gdf.total_bounds
        if not (-180 <= minx <= maxx <= 180 and -90 <= miny <= maxy <= 90):
            raise reject(file, f"the CRS is {crs} (degrees) but the coordinates reach "
                               f"{maxx:.0f}, {maxy:.0f}: they look projected, e.g. EPSG:3059 "
                               "(LKS-92); state the right CRS", column="CRS", value=crs)


def _feature_labels(gdf: gpd.GeoDataFrame) -> list[str]:
    name = _field(gdf, NAME_FIELDS)
    code = _field(gdf, CODE_FIELDS)
    return [
        f"feature {i + 1}" + "".join(f" {gdf.iloc[i][c]!s}" for c in (code, name) if c)
        for i in range(len(gdf))
    ]


def _field(gdf: gpd.GeoDataFrame, candidates: tuple[str, ...]) -> str | None:
    by_fold = {geo.fold(c): c for c in gdf.columns if c != "geometry"}
    return next((by_fold[c] for c in candidates if c in by_fold), None)


def _check_geometry(gdf: gpd.GeoDataFrame, file: str, labels: list[str], repair: bool
                    ) -> list[str]:
    problems, repairable = [], []
    for i, geom in enumerate(gdf.geometry):
        if geom is None or geom.is_empty:
            problems.append(ImportProblem(file, "empty geometry", row=i + 1,
                                          column="geometry", value=labels[i]))
        elif geom.geom_type not in ("Polygon", "MultiPolygon"):
            problems.append(ImportProblem(file, f"a {geom.geom_type}, expected a polygon",
                                          row=i + 1, column="geometry", value=labels[i]))
        elif not geom.is_valid:
            reason = shapely.is_valid_reason(geom)
            repairable.append(f"{labels[i]}: {reason}")
            if not repair:
                problems.append(ImportProblem(
                    file, f"invalid geometry ({reason}); fix it in a GIS or import with "
                          "repair (make_valid)", row=i + 1, column="geometry", value=labels[i]))
    if problems:
        raise ImportRejected(problems)
    return repairable


def _match(gdf: gpd.GeoDataFrame, file: str, division: str, labels: list[str]
           ) -> BoundaryImport:
    munis = Municipalities(division)
    code_field, name_field = _field(gdf, CODE_FIELDS), _field(gdf, NAME_FIELDS)
    if not code_field and not name_field:
        raise reject(file, "no ATVK code or name property; expected one of "
                           f"{', '.join(CODE_FIELDS + NAME_FIELDS)}",
                     value=", ".join(c for c in gdf.columns if c != "geometry"))
    codes, by_name, unmatched = [], [], []
    for i in range(len(gdf)):
        code = _code_of(gdf.iloc[i], code_field, munis)
        if code is None and name_field:
            code, _ = munis.by_text(str(gdf.iloc[i][name_field]))
            if code:
                by_name.append(f"{labels[i]} -> {munis.names[code]} ({code})")
        if code is None:
            unmatched.append(labels[i])
        codes.append(code)
    gdf = gdf.assign(atvk_code=codes).dropna(subset=["atvk_code"])
    if gdf.empty:
        raise reject(file, "no feature matches a municipality of the "
                           f"{division} division by code or name")
    dissolved = gdf[["atvk_code", "geometry"]].dissolve(by="atvk_code", as_index=False)
    facts = geo.municipalities(division)
    merged = gpd.GeoDataFrame(dissolved.merge(facts, on="atvk_code"), geometry="geometry",
                              crs=4326)
    missing = sorted(set(munis.names) - set(merged["atvk_code"]))
    return BoundaryImport(merged, "", by_name, unmatched,
                          [f"{munis.names[c]} ({c})" for c in missing])


def _code_of(row: pd.Series, code_field: str | None, munis: Municipalities) -> str | None:
    if not code_field or pd.isna(row[code_field]):
        return None
    text = re.sub(r"\.0$", "", str(row[code_field]))
    code, problem = munis.code(text)
    return None if problem else code
