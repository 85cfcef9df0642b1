"""planning.views.map_view: the map page's frames in full and as the public sees them, its key
figures, and the texts around them."""

from __future__ import annotations

import pytest

from planning import i18n
from planning.domain import public_reference
from planning.domain.catalogue import load_catalogue
from planning.domain.privacy import SMALL, WITHHELD
from planning.views import map_view
from planning.views import reference_views as views

CAT = load_catalogue()
GROUP = "youth_leaving_care"


def small(values) -> bool:
    """Any count of 1-4 among ``values`` (markers are text)."""
    return any(not isinstance(v, str) and 0 < v < 5 for v in values)


def frames(region: str, group: str = views.ALL_GROUPS) -> map_view.MapFrames:
    return map_view.map_frames(
        views.municipality_table("2025", region), views.institutions_table("2025", region),
        views.services_table("2025", region), views.institutions_table("2025"),
        views.services_table("2025"), views.needs_layer("2025", group, views.ALL_SERVICES,
                                                         region))


@pytest.fixture(scope="module")
def protection():
    return public_reference.protected_reference("2025")


def test_full_frames_count_the_area(protection) -> None:
    full = frames("Kurzeme")
    figures = dict(map_view.key_figures(full, views.ALL_GROUPS, views.ALL_SERVICES, "en", CAT))
    assert figures["summary.municipalities"] == "8"
    assert figures["summary.needs"] == i18n.fmt_int(
        full.municipalities["needs_total"].sum(), "en")
    assert full.counted == (full.institutions, full.services)


def test_the_public_sees_no_count_of_one_to_four_anywhere(protection) -> None:
    public = map_view.public_map_frames(frames("Latgale", GROUP), protection, "Latgale", GROUP,
                                        views.ALL_SERVICES, list(CAT.groups), "lv")
    shown = public.municipalities[GROUP].tolist()
    assert SMALL in shown or WITHHELD in shown
    assert not small(shown)
    clients = [*public_reference.GROUP_COLUMNS, "clients_total", "places"]
    for table in (public.all_institutions, public.counted[0]):
        assert not any(small(table[c]) for c in clients)
    for table in (public.all_services, public.counted[1]):
        assert not small(table["places_licensed"]) and not small(table["places_in_use"])
    assert any(isinstance(v, str) for v in public.all_services["places_licensed"])  # hidden
    needs = public.needs.loc[public.needs["in_region"], "value"]
    assert not small(needs)
    figure = dict(map_view.key_figures(public, GROUP, views.ALL_SERVICES, "lv", CAT))[
        "summary.needs"]
    hidden = any(isinstance(v, str) for v in needs)
    assert figure == (WITHHELD if hidden else i18n.fmt_int(sum(needs), "lv"))


def test_texts_name_the_choice_the_region_and_the_file() -> None:
    service = next(iter(CAT.services))
    assert map_view.choice_text(views.ALL_GROUPS, views.ALL_SERVICES, "en", CAT) is None
    assert map_view.choice_text(GROUP, views.ALL_SERVICES, "en", CAT) == i18n.t(
        "summary.for_choice", "en",
        choice=f"{CAT.groups[GROUP].name('en')} — {i18n.t('service.all', 'en')}")
    kurzeme = views.municipality_table("2025", "Kurzeme", lang="en")
    members = map_view.region_members(kurzeme, "Kurzeme", "en")
    assert members.startswith(f"**{i18n.region_name('Kurzeme', 'en')}** (8): ")
    assert map_view.region_members(kurzeme, views.ALL, "en") is None
    label, tip = map_view.needs_labels(GROUP, service, "en", CAT)
    assert label == (f"{i18n.t('legend.needs', 'en')}: {i18n.t(f'group.short.{GROUP}', 'en')}"
                     f" — {CAT.services[service].name('en')}")
    assert tip.startswith(i18n.t("tip.needs", "en"))
    assert map_view.needs_labels("", "", "en", CAT) == (i18n.t("legend.needs", "en"),
                                                        i18n.t("tip.needs", "en"))
    assert map_view.file_name("institutions", "2025", views.ALL) == "institucijas_2025_LV.csv"
    assert map_view.file_name("services", "2021", "Riga") == "pakalpojumi_2021_Riga.csv"
