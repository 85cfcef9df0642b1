"""The map page's reference figures for the public: primary and secondary suppression, and
the attacker over everything the page shows (issue 13)."""

from __future__ import annotations

import pytest

from planning.domain import disclosure, geo, public_reference, reference
from planning.domain.catalogue import load_catalogue
from planning.domain.privacy import SMALL, WITHHELD
from planning.views import maps
from planning.views import reference_views as views
from tests.planning import attacker

DIVISION = "2025"


@pytest.fixture(scope="module")
def protection() -> public_reference.ProtectedReference:
    return public_reference.protected_reference(DIVISION)


def test_every_small_reference_count_is_protected(protection) -> None:
    tables = public_reference.linked_tables(DIVISION)
    assert not disclosure.violated(tables)
    assert len(tables.primaries()) > 50, "the embedded needs have small counts"
    assert disclosure.unprotected(tables, protection.hidden) == []
    assert disclosure.unprotected(tables, set(tables.primaries())), \
        "hiding only the small counts would be undone by the sums"


def test_no_municipality_finds_anothers_small_count_from_its_own_needs(protection) -> None:
    """A municipality sees its residents' need per service in full (its page of a plan), so
    the map's protection holds for each one knowing those figures."""
    tables = public_reference.reference_tables(DIVISION)
    insiders = public_reference.insiders(tables)
    assert set(insiders) == set(geo.municipalities(DIVISION)["atvk_code"])
    assert all(k[1] == m and k[3] for m, keys in insiders.items() for k in keys)
    assert disclosure.unprotected(tables, protection.hidden, insiders) == []


def _page(protection) -> dict[str, object]:
    """Everything the map page shows the public, for every group, service and area."""
    catalogue = load_catalogue()
    groups = list(catalogue.groups)
    layers = {}
    for group in [views.ALL_GROUPS, *groups]:
        for service in [views.ALL_SERVICES, *views.services_for_group(catalogue, group)]:
            layer = views.needs_layer(DIVISION, group, service, simplify=0)
            layers[group, service] = views.public_needs_layer(layer, protection, group,
                                                              service)
    summaries = {}
    for area in views.region_options():
        summary = views.summarize(views.municipality_table(DIVISION, area),
                                  views.institutions_table(DIVISION, area),
                                  views.services_table(DIVISION, area))
        summaries[area] = views.public_summary(summary, protection, area)
    return {
        "groups": groups, "layers": layers, "summaries": summaries,
        "municipalities": views.public_municipality_table(
            views.municipality_table(DIVISION), protection, groups, "lv"),
        "institutions": views.public_institutions(views.institutions_table(DIVISION),
                                                  protection, "lv"),
        "institution_groups": public_reference.GROUP_COLUMNS,
        "services": views.public_services(views.services_table(DIVISION), protection, "lv"),
    }


def _truth() -> dict[tuple, float]:
    needs = reference.illustrative_needs(DIVISION)
    out = {("V", m, g, s): float(n) for (m, g, s), n in
           needs.groupby(["atvk_code", "group", "service"])["count"].sum().items()}
    for (m, g), n in needs.groupby(["atvk_code", "group"])["count"].sum().items():
        out["V", m, g, ""] = float(n)
    for (m, s), n in needs.groupby(["atvk_code", "service"])["count"].sum().items():
        out["V", m, "", s] = float(n)
    for r in reference.existing_services(DIVISION).itertuples():
        out["L", r.service_id] = float(r.places_licensed)
        out["Lu", r.service_id] = float(r.places_in_use)
    return out


def test_the_attacker_pins_no_hidden_count_of_the_map_page(protection) -> None:
    page = _page(protection)
    seen = attacker.Seen()
    attacker.read_map_page(page, seen, {})
    hidden = [k for k, v in seen.values.items() if v == SMALL]
    assert len(hidden) > 50 and WITHHELD in seen.values.values()
    region_of = geo.municipalities(DIVISION).set_index("atvk_code")["planning_region"]
    inst = reference.institutions(DIVISION)
    serv = reference.existing_services(DIVISION)
    services_of = {g: views.services_for_group(load_catalogue(), g)
                   for g in load_catalogue().groups}
    pinned = attacker.map_intervals(
        seen, _truth(), region_of.to_dict(),
        dict(zip(inst["institution_id"], inst["atvk_code"].map(region_of), strict=True)),
        dict(zip(serv["service_id"], serv["atvk_code"].map(region_of), strict=True)),
        services_of)
    assert pinned == {}


def test_hidden_figures_draw_one_colour_and_one_marker_size(protection) -> None:
    layer = views.public_needs_layer(
        views.needs_layer(DIVISION, "youth_leaving_care", simplify=0), protection,
        "youth_leaving_care")
    hidden = [v for v in layer["value"] if isinstance(v, str)]
    assert hidden and {maps.color_for(v, [5, 10]) for v in hidden} == {maps.HIDDEN_FILL}
    assert (layer.loc[layer["value"].map(lambda v: isinstance(v, str)), "per_10k"]
            == WITHHELD).all()
    services = views.public_services(views.services_table(DIVISION), protection)
    radii = {maps.service_radius(v) for v in services["places_licensed"] if isinstance(v, str)}
    assert radii == {maps.HIDDEN_RADIUS}


def test_public_tables_hold_no_count_one_to_four(protection) -> None:
    page = _page(protection)
    frames = [page["municipalities"], page["institutions"], page["services"],
              *page["layers"].values()]
    for frame in frames:
        for col in frame.columns:
            assert not frame[col].map(
                lambda v: not isinstance(v, (str, bool)) and 0 < v < 5
                if isinstance(v, int | float) else False).any() or col in (
                "per_10k", "lat", "lon", "population", "in_region"), col
