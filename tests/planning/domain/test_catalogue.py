"""The norms catalogue: complete, sourced, and refusing bad files with a clear message."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from planning.domain.catalogue import SERVICE_NUMBERS, load_catalogue, parse_catalogue
from planning.domain.config import DATA_DIR
from planning.domain.errors import CatalogueError

NORMS = DATA_DIR / "norms.toml"


@pytest.fixture
def raw() -> dict:
    return tomllib.loads(NORMS.read_text(encoding="utf-8"))


def test_every_service_norm_has_a_source():
    catalogue = load_catalogue()
    for service in catalogue.services.values():
        for norm in SERVICE_NUMBERS:
            assert service.sources.get(norm, "").strip(), f"{service.id}.{norm} has no source"


def test_services_reference_known_groups_and_cover_every_group():
    catalogue = load_catalogue()
    served = {g for s in catalogue.services.values() for g in s.groups}
    assert served == set(catalogue.groups)


def test_domain_norms_are_carried_over():
    services = load_catalogue().services
    assert services["group_home"].investment_per_place == 9000
    assert services["day_care_adults"].running_cost_per_day == pytest.approx(14.94)
    assert services["workshop"].running_cost_per_day == pytest.approx(13.44)
    assert services["family_like_home"].max_places == 8
    assert services["respite_adults"].clients_per_place == pytest.approx(12)


def test_observed_preset_replaces_the_expert_investment_norms():
    catalogue = load_catalogue()
    observed = catalogue.with_preset("observed_2019_2022")
    assert observed.services["group_home"].investment_per_place > 4 * 9000
    assert observed.services["workshop"].investment_per_facility > 0
    assert "ERDF-PROJ" in observed.services["workshop"].sources["investment_per_place"]
    assert catalogue.services["group_home"].investment_per_place == 9000
    assert catalogue.services["group_home"].investment_per_facility == 0


def test_illustrative_norms_are_listed():
    pairs = load_catalogue().illustrative_norms()
    assert ("day_care_adults", "max_travel_km") in pairs
    assert ("group_home", "investment_per_place") not in pairs


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda r: r["services"]["group_home"].update(groups=["aliens"]),
         "unknown target group 'aliens'"),
        (lambda r: r["services"]["workshop"].update(investment_per_place=-5),
         "investment_per_place is negative"),
        (lambda r: r["services"]["workshop"].update(min_places=30),
         "min_places 30 is larger than max_places 20"),
        (lambda r: r["services"]["workshop"]["sources"].pop("staff_per_place"),
         "no source for staff_per_place"),
        (lambda r: r["services"]["workshop"].update(kind="weekly"),
         "kind 'weekly' is not one of"),
        (lambda r: r["mentor"].update(clients_per_mentor=0), "clients_per_mentor must be positive"),
        (lambda r: r["budget"].update(erdf_share=1.5), "erdf_share must be a share"),
        (lambda r: r.pop("services"), "the section [services] is missing"),
        (lambda r: r["centres"]["multifunctional_centre"].update(services=["group_home"]),
         "[centres.multifunctional_centre] service 'group_home' is residential"),
        (lambda r: r["centres"]["multifunctional_centre"].update(services=["sauna"]),
         "[centres.multifunctional_centre] names unknown service 'sauna'"),
        (lambda r: r["centres"]["multifunctional_centre"].update(investment_per_centre=-1),
         "[centres.multifunctional_centre] investment_per_centre must be a number of at least 0"),
        (lambda r: r["centres"]["multifunctional_centre"]["sources"].pop("min_clients_per_centre"),
         "[centres.multifunctional_centre] has no source for min_clients_per_centre"),
        (lambda r: r["centres"]["multifunctional_centre"].update(
            incompatible_ages=[["child", "martian"]]),
         "incompatible_ages ['child', 'martian'] must be a pair of the groups' ages"),
    ],
)
def test_bad_catalogue_is_refused_with_its_place(raw, mutate, message):
    mutate(raw)
    with pytest.raises(CatalogueError, match=message.replace("[", r"\[").replace("]", r"\]")):
        parse_catalogue(raw)


def test_wrong_encoding_is_named(tmp_path: Path):
    bad = tmp_path / "norms.toml"
    bad.write_bytes(NORMS.read_text(encoding="utf-8").encode("cp1257"))
    with pytest.raises(CatalogueError, match="norms.toml: the file is not UTF-8"):
        load_catalogue(bad)


def test_broken_toml_is_named(tmp_path: Path):
    bad = tmp_path / "norms.toml"
    bad.write_text("[services\n", encoding="utf-8")
    with pytest.raises(CatalogueError, match="not valid TOML"):
        load_catalogue(bad)


def test_overrides_are_validated():
    catalogue = load_catalogue()
    changed = catalogue.with_overrides({"group_home": {"max_places": 12}})
    assert changed.services["group_home"].max_places == 12
    assert changed.services["group_home"].sources["max_places"] == "scenario override"
    with pytest.raises(CatalogueError, match="min_places 6 is larger than max_places 5"):
        catalogue.with_overrides({"group_home": {"max_places": 5}})
    with pytest.raises(CatalogueError, match="unknown service 'spa'"):
        catalogue.with_overrides({"spa": {"max_places": 5}})


def test_the_centre_keeps_children_and_adults_apart_and_thin_places_only():
    cat = load_catalogue()
    c = cat.centres["multifunctional_centre"]
    assert c.investment_per_centre == 78_500
    assert ["adults_grt", "children_ft"] in c.incompatible_groups(cat.groups)
    assert all("youth_leaving_care" not in pair for pair in c.incompatible_groups(cat.groups))
    assert all(cat.services[s].kind != "residential" for s in c.services)
    assert c.allowed_in(10_303, 2458.6, "novads")        # Ventspils municipality, 4 per km2
    assert not c.allowed_in(67_398, 60.4, "valstspilsēta")  # Liepāja
    assert not c.allowed_in(float("nan"), float("nan"), "valstspilsēta")
