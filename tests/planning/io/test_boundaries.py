"""Boundary imports: official EPSG:3059 files by name, and each bad-input class refused."""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from shapely.geometry import Point, Polygon

from planning.domain import geo
from planning.io.boundaries import read_boundaries
from planning.io.problems import ImportRejected

BOWTIE = Polygon([(500000, 300000), (510000, 310000), (510000, 300000), (500000, 310000)])


@pytest.fixture(scope="module")
def official():
    """Like the ministry's open file: LKS-92 (EPSG:3059), names in ``nosaukums``, 43 units."""
    gdf = geo.boundaries("2021")[["name_lv", "geometry"]].rename(columns={"name_lv": "nosaukums"})
    return gdf.to_crs(3059)


def _bytes(gdf, tmp_path, name: str, **kwargs) -> bytes:
    path = tmp_path / name
    gdf.to_file(path, **kwargs)
    return path.read_bytes()


def _zipped_shapefile(gdf, tmp_path, with_prj: bool) -> bytes:
    gdf.to_file(tmp_path / "b.shp")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for ext in ("shp", "shx", "dbf", "cpg") + (("prj",) if with_prj else ()):
            if (tmp_path / f"b.{ext}").exists():
                zf.write(tmp_path / f"b.{ext}", f"b.{ext}")
    return buf.getvalue()


def test_official_geojson_in_lks92_matches_by_name_and_merges_varaklani(official, tmp_path):
    result = read_boundaries(_bytes(official, tmp_path, "a.geojson", driver="GeoJSON"),
                             "a.geojson", "2025")
    assert result.source_crs == "EPSG:3059"
    assert result.boundaries.crs.to_epsg() == 4326
    assert sorted(result.boundaries["atvk_code"]) == sorted(geo.municipalities()["atvk_code"])
    assert "feature 3 Jelgava -> Jelgava (0003000)" in result.matched_by_name
    assert result.unmatched_features == [] and result.missing_municipalities == []
    embedded = geo.boundaries("2025").set_index("atvk_code").to_crs(3059).area
    imported = result.boundaries.set_index("atvk_code").to_crs(3059).area
    assert (imported / embedded).between(0.99, 1.01).all()


def test_unmatched_features_and_missing_municipalities_are_reported(official, tmp_path):
    gdf = official.iloc[1:].copy()
    gdf.iloc[0, 0] = "Atlantīda"
    result = read_boundaries(_bytes(gdf, tmp_path, "b.gpkg"), "b.gpkg", "2021")
    assert result.unmatched_features == ["feature 1 Atlantīda"]
    assert result.missing_municipalities == ["Rīga (0001000)", "Daugavpils (0002000)"]


def test_zipped_shapefile_without_crs_is_refused_then_accepted_with_one(official, tmp_path):
    data = _zipped_shapefile(official, tmp_path, with_prj=False)
    with pytest.raises(ImportRejected) as info:
        read_boundaries(data, "b.zip")
    assert "b.zip, column 'CRS': the file has no coordinate reference system" in str(info.value)
    assert "EPSG:3059" in str(info.value)
    result = read_boundaries(data, "b.zip", assume_crs="EPSG:3059")
    assert len(result.boundaries) == 42


def test_projected_coordinates_labelled_as_degrees(official, tmp_path):
    wrong = official.set_crs(4326, allow_override=True)
    with pytest.raises(ImportRejected) as info:
        read_boundaries(_bytes(wrong, tmp_path, "w.geojson", driver="GeoJSON"), "w.geojson")
    assert "the CRS is EPSG:4326 (degrees) but the coordinates reach" in str(info.value)


def test_a_null_geometry_is_named_not_called_projected(official, tmp_path):
    holed = official.copy()
    holed.loc[holed.index[3], "geometry"] = None
    with pytest.raises(ImportRejected) as info:
        read_boundaries(_bytes(holed, tmp_path, "n.geojson", driver="GeoJSON"), "n.geojson")
    message = str(info.value)
    assert "1 feature(s) have no geometry (feature 4" in message
    assert holed.iloc[3]["nosaukums"] in message and "projected" not in message


def test_invalid_geometry_is_refused_naming_the_feature_or_repaired(official, tmp_path):
    gdf = official.copy()
    gdf.loc[gdf.index[5], "geometry"] = BOWTIE
    data = _bytes(gdf, tmp_path, "i.gpkg")
    with pytest.raises(ImportRejected) as info:
        read_boundaries(data, "i.gpkg", "2021")
    p = info.value.problems[0]
    assert (p.row, p.column, p.value) == (6, "geometry", "feature 6 Rīga".replace(
        "Rīga", gdf.iloc[5]["nosaukums"]))
    assert p.message.startswith("invalid geometry (Self-intersection")
    repaired = read_boundaries(data, "i.gpkg", "2021", repair=True)
    assert len(repaired.repaired) == 1 and repaired.boundaries.is_valid.all()


def test_points_are_not_boundaries(official, tmp_path):
    gdf = official.copy()
    gdf["geometry"] = [Point(500000 + i, 300000) for i in range(len(gdf))]
    with pytest.raises(ImportRejected) as info:
        read_boundaries(_bytes(gdf, tmp_path, "p.gpkg"), "p.gpkg")
    assert "a Point, expected a polygon" in str(info.value)


@pytest.mark.parametrize("data,file,expected", [
    (b"PK\x03\x04rest", "b.geojson", "named .geojson (GeoJSON) but is a ZIP archive"),
    (b'{"type": "FeatureCollection"}', "b.gpkg", "named .gpkg (GeoPackage) but is something"),
    (b"x", "b.kml", "unknown boundary file type '.kml'"),
])
def test_wrong_file_type(data, file, expected):
    with pytest.raises(ImportRejected, match=re.escape(expected)):
        read_boundaries(data, file)
