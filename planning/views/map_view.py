"""What the map page shows of an area, as the reader may see it: its tables, the map's
layers, the key figures and the texts around them.

Pure (no Streamlit): the page loads the frames (cached), passes them here and draws what
comes back. ``region`` is a planning region or ``reference_views.ALL``; ``group`` and
``service`` the map's choice (``ALL_GROUPS`` / ``ALL_SERVICES`` for all).
"""

from __future__ import annotations

from dataclasses import dataclass

import geopandas as gpd
import pandas as pd

from planning import i18n
from planning.domain.catalogue import Catalogue
from planning.domain.public_reference import ProtectedReference
from planning.views import reference_views as views

FILE_STEMS = {"municipalities": "pasvaldibas", "institutions": "institucijas",
              "services": "pakalpojumi"}


@dataclass(frozen=True)
class MapFrames:
    """The area's tables, the institutions and services of all Latvia (the map's points),
    the needs layer of the choice, the area's key figures and the tables they add up."""

    municipalities: pd.DataFrame
    institutions: pd.DataFrame
    services: pd.DataFrame
    all_institutions: pd.DataFrame
    all_services: pd.DataFrame
    needs: gpd.GeoDataFrame
    summary: views.Summary
    counted: tuple[pd.DataFrame, pd.DataFrame]


def map_frames(municipalities: pd.DataFrame, institutions: pd.DataFrame,
               services: pd.DataFrame, all_institutions: pd.DataFrame,
               all_services: pd.DataFrame, needs: gpd.GeoDataFrame) -> MapFrames:
    """The frames in full (for a reader who may see every count)."""
    return MapFrames(municipalities, institutions, services, all_institutions, all_services,
                     needs, views.summarize(municipalities, institutions, services),
                     (institutions, services))


def public_map_frames(frames: MapFrames, protection: ProtectedReference, region: str,
                      group: str, service: str, groups: list[str], lang: str) -> MapFrames:
    """``frames`` as the public may see them: small counts "<5", what would give them back
    "…"; the key figures add up only what the public sees (numbers and markers), the tables
    hold text in ``lang``."""
    return MapFrames(
        municipalities=views.public_municipality_table(frames.municipalities, protection,
                                                       groups, lang),
        institutions=views.public_institutions(frames.institutions, protection, lang),
        services=views.public_services(frames.services, protection, lang),
        all_institutions=views.public_institutions(frames.all_institutions, protection),
        all_services=views.public_services(frames.all_services, protection),
        needs=views.public_needs_layer(frames.needs, protection, group, service),
        summary=views.public_summary(frames.summary, protection, region),
        counted=(views.public_institutions(frames.institutions, protection),
                 views.public_services(frames.services, protection)))


def key_figures(frames: MapFrames, group: str, service: str, lang: str,
                catalogue: Catalogue) -> list[tuple[str, str]]:
    """The key figures of the choice, as (catalogue id of the label, text) pairs."""
    summary = views.chosen_summary(frames.summary, frames.needs, *frames.counted, group=group,
                                   service=service, lang=lang, catalogue=catalogue)
    return [
        ("summary.municipalities", i18n.fmt_int(summary.municipalities, lang)),
        ("summary.population", i18n.fmt_int(summary.population, lang)),
        ("summary.needs", i18n.fmt_count(summary.needs, lang)),
        ("summary.institution_clients", i18n.fmt_count(summary.institution_clients, lang)),
        ("summary.service_places", i18n.fmt_count(summary.service_places, lang)),
    ]


def choice_text(group: str, service: str, lang: str, catalogue: Catalogue) -> str | None:
    """Which target group and service the key figures count; None when neither is chosen."""
    if not group and not service:
        return None
    parts = [catalogue.groups[group].name(lang) if group else i18n.t("group.all", lang),
             catalogue.services[service].name(lang) if service else i18n.t("service.all", lang)]
    return i18n.t("summary.for_choice", lang, choice=" — ".join(parts))


def region_members(municipalities: pd.DataFrame, region: str, lang: str) -> str | None:
    """The local governments of the region, in bold (Markdown); None for all of Latvia."""
    if region == views.ALL:
        return None
    names = ", ".join(municipalities["name"])
    return f"**{i18n.region_name(region, lang)}** ({len(municipalities)}): {names}"


def needs_labels(group: str, service: str, lang: str, catalogue: Catalogue) -> tuple[str, str]:
    """The needs layer's legend and tooltip label, naming the chosen group and service."""
    label, tip = i18n.t("legend.needs", lang), i18n.t("tip.needs", lang)
    if group:
        label = f"{label}: {i18n.t(f'group.short.{group}', lang)}"
        tip = f"{tip}: {i18n.t(f'group.short.{group}', lang)}"
    if service:
        label = f"{label} — {catalogue.services[service].name(lang)}"
        tip = f"{tip} — {catalogue.services[service].name(lang)}"
    return label, tip


def file_name(table: str, division: str, region: str) -> str:
    """A table's CSV name: ``pasvaldibas_2025_Kurzeme.csv`` (``LV`` for all of Latvia)."""
    return f"{FILE_STEMS[table]}_{division}_{region or 'LV'}.csv"
