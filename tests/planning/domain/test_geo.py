"""Municipalities, regions and boundaries of both administrative divisions."""

from __future__ import annotations

import pandas as pd
import pytest

from planning.domain import geo
from planning.domain.errors import InputError


@pytest.mark.parametrize(("division", "count"), [("2025", 42), ("2021", 43)])
def test_division_has_all_local_governments(division, count):
    munis = geo.municipalities(division)
    assert len(munis) == count
    assert munis["atvk_code"].is_unique
    assert munis["atvk_code"].str.fullmatch(r"\d{7}").all()
    assert set(munis["planning_region"]) == set(geo.REGIONS)


def test_region_membership_follows_the_2025_merger():
    old = geo.municipalities("2021").groupby("planning_region").size().to_dict()
    new = geo.municipalities("2025").groupby("planning_region").size().to_dict()
    assert old == {"Rīga": 10, "Latgale": 10, "Vidzeme": 9, "Kurzeme": 8, "Zemgale": 6}
    assert new == {"Rīga": 10, "Latgale": 9, "Vidzeme": 9, "Kurzeme": 8, "Zemgale": 6}


def test_merger_keeps_population_and_area():
    old = geo.municipalities("2021").set_index("atvk_code")
    new = geo.municipalities("2025").set_index("atvk_code")
    assert new["population"].sum() == old["population"].sum()
    assert new.loc[geo.MADONA, "population"] == (
        old.loc[geo.MADONA, "population"] + old.loc[geo.VARAKLANI, "population"]
    )
    assert geo.VARAKLANI not in new.index


@pytest.mark.parametrize("source", ["amcharts", "naturalearth"])
@pytest.mark.parametrize(("division", "count"), [("2025", 42), ("2021", 43)])
def test_boundaries_are_valid_and_complete(division, count, source):
    gdf = geo.boundaries(division, source)
    assert len(gdf) == count
    assert gdf.geometry.is_valid.all()
    assert not gdf.geometry.is_empty.any()
    assert gdf.crs.to_epsg() == 4326
    minx, miny, maxx, maxy = gdf.total_bounds
    assert 20.8 < minx < maxx < 28.3 and 55.6 < miny < maxy < 58.1


def test_five_regions_cover_the_country():
    regions = geo.regions("2025")
    assert sorted(regions["planning_region"]) == sorted(geo.REGIONS)
    assert regions["members"].sum() == 42


def test_site_points_lie_inside_their_municipality():
    gdf = geo.boundaries("2025").set_index("atvk_code")
    points = geo.site_points("2025")
    import shapely

    for row in points.itertuples():
        assert gdf.loc[row.atvk_code, "geometry"].buffer(1e-9).contains(
            shapely.Point(row.lon, row.lat)
        ), row.atvk_code


def test_distances_are_symmetric_and_plausible():
    d = geo.distance_matrix(geo.site_points("2025"))
    assert (d.values == d.values.T).all()
    assert (d.values.diagonal() == 0).all()
    # Riga - Daugavpils is about 190 km as the crow flies, ~230-260 km by road
    assert 220 < d.loc["0001000", "0002000"] < 270


@pytest.mark.parametrize("spelling", ["Riga", "rīga", "RĪGA", "riga region"])
def test_region_names_with_or_without_diacritics(spelling):
    assert geo.resolve_region(spelling) == "Rīga"


def test_unknown_region_and_division_are_refused():
    with pytest.raises(InputError, match="unknown planning region 'Narnia'"):
        geo.resolve_region("Narnia")
    with pytest.raises(InputError, match="unknown administrative division '1990'"):
        geo.municipalities("1990")
    with pytest.raises(InputError, match="detour factor 0.5 is below 1"):
        geo.distance_matrix(geo.site_points(), detour_factor=0.5)


@pytest.mark.parametrize("read", [geo.municipalities, geo.boundaries, geo.site_points])
def test_kept_frames_are_each_callers_own(read) -> None:
    """The frames of the embedded files are read once (``geo.kept``), but a caller that
    changes its frame changes no one else's."""
    first = read("2025")
    expected = first.copy()
    first.iloc[0, 0] = "changed"
    first["added"] = 1
    again = read("2025")
    assert again is not first
    pd.testing.assert_frame_equal(again, expected)
