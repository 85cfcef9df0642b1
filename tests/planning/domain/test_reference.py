"""The embedded reference data: sourced or labelled, and consistent across divisions."""

from __future__ import annotations

import pandas as pd
import pytest

from planning.domain import geo, reference
from planning.domain.catalogue import load_catalogue


@pytest.mark.parametrize("division", geo.DIVISIONS)
def test_needs_are_deterministic_and_meet_national_totals(division):
    first = reference.illustrative_needs(division)
    again = reference.illustrative_needs(division)
    pd.testing.assert_frame_equal(first, again)
    method = reference.needs_method()
    for gid, spec in method["groups"].items():
        shares = [s["share"] for s in spec["services"].values()]
        expected = sum(round(spec["assessed_total"] * share) for share in shares)
        assert first.loc[first["group"] == gid, "count"].sum() == expected


def test_needs_use_known_codes_groups_and_services():
    catalogue = load_catalogue()
    needs = reference.illustrative_needs("2025")
    assert set(needs["atvk_code"]) <= set(geo.municipalities("2025")["atvk_code"])
    assert set(needs["group"]) <= set(catalogue.groups)
    assert (needs["count"] > 0).all()
    for row in needs.itertuples():
        assert row.group in catalogue.services[row.service].groups
    assert not needs.duplicated(["atvk_code", "group", "care_level", "service"]).any()


def test_varaklani_needs_move_to_madona():
    old = reference.illustrative_needs("2021")
    new = reference.illustrative_needs("2025")
    madona_old = old[old["atvk_code"].isin([geo.MADONA, geo.VARAKLANI])]["count"].sum()
    assert new[new["atvk_code"] == geo.MADONA]["count"].sum() == madona_old


def test_largest_remainder_splits_exactly():
    weights = pd.Series([3, 2, 2, 1], index=list("abcd"))
    parts = reference.largest_remainder(17, weights)
    assert parts.sum() == 17
    assert (parts >= (weights / weights.sum() * 17).astype(int)).all()


@pytest.mark.parametrize("loader", [reference.institutions, reference.existing_services])
def test_points_have_status_source_and_known_codes(loader):
    df = loader("2025")
    statuses = ["sourced", "illustrative", "illustrative split of sourced total"]
    assert df["data_status"].isin(statuses).all()
    assert df["source"].str.len().gt(10).all()
    assert set(df["atvk_code"]) <= set(geo.municipalities("2025")["atvk_code"])
    assert df[["lat", "lon"]].notna().all().all()


def test_vsac_totals_match_the_domain_brief():
    inst = reference.institutions()
    latgale = inst[inst["operator"] == "VSAC Latgale"]
    zemgale = inst[inst["operator"] == "VSAC Zemgale"]
    assert len(latgale) == 5 and latgale["clients_adults_grt"].sum() == 854
    assert len(zemgale) == 8 and zemgale["places"].sum() == 1348


def test_existing_services_classified_in_catalogue():
    catalogue = load_catalogue()
    services = reference.existing_services()
    assert set(services["type"]) <= set(catalogue.existing_types)
    assert set(services["service"].dropna()) <= set(catalogue.services)


def test_region_quotas_add_up_to_the_erdf_total():
    quotas = reference.illustrative_region_quotas()
    assert quotas["erdf_quota_eur"].sum() == 37_775_681
    assert sorted(quotas["planning_region"]) == sorted(geo.REGIONS)
