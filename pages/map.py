"""Map page: needs per municipality, planning regions, institutions, existing services.

Thin: reads the shared state, loads prepared frames
(``pages._shared`` -> ``planning.views.reference_views``),
builds the map with ``planning.views.maps`` and draws it beside sortable, filterable tables.
"""

from __future__ import annotations

import streamlit as st
from streamlit_folium import st_folium

from pages import _shared as ui
from planning import i18n
from planning.domain import geo, privacy, public_reference
from planning.views import maps
from planning.views import reference_views as views

MUNICIPALITY_COLUMNS = ["name", "kind", "region", "population"]
INSTITUTION_COLUMNS = [
    "name", "municipality", "region", "clients_total", "clients_adults_grt",
    "clients_children_orphans", "clients_children_ft", "operator", "data_status",
]
SERVICE_COLUMNS = [
    "name", "municipality", "region", "type", "service", "places_licensed", "places_in_use",
    "provider", "data_status",
]


def controls(lang: str) -> dict[str, object]:
    """The map's own choices: target group and service; layers, base map and boundaries."""
    catalogue = ui.catalogue()
    cols = st.columns([4, 4, 2], vertical_alignment="bottom")
    group = cols[0].selectbox(
        i18n.t("map.group", lang),
        options=[views.ALL_GROUPS, *catalogue.groups],
        format_func=lambda g: catalogue.groups[g].name(lang) if g else i18n.t("group.all", lang),
        key="map_group",
        persist_state="session",
    )
    services = views.services_for_group(catalogue, group)
    service = cols[1].selectbox(
        i18n.t("map.service", lang),
        options=[views.ALL_SERVICES, *services],
        format_func=lambda s: (
            catalogue.services[s].name(lang) if s else i18n.t("service.all", lang)
        ),
        key="map_service",
    )
    with cols[2].popover(i18n.t("map.settings", lang), icon=":material/tune:",
                         width="stretch"):
        basemap = st.toggle(i18n.t("map.basemap", lang), value=False, key="map_basemap",
                            help=i18n.t("map.basemap_help", lang), persist_state="session")
        source = st.radio(
            i18n.t("map.boundaries", lang),
            options=list(geo.BOUNDARY_FILES),
            index=list(geo.BOUNDARY_FILES).index(ui.default_boundaries()),
            format_func=lambda s: i18n.t(f"boundaries.{s}", lang),
            key="map_boundaries",
            persist_state="session",
        )
    layers = st.pills(
        i18n.t("map.layers", lang),
        options=list(maps.LAYERS),
        default=list(maps.LAYERS),
        selection_mode="multi",
        format_func=lambda layer: i18n.t(f"layer.{layer}", lang),
        key="map_layers",
        persist_state="session",
    )
    return {"group": group, "service": service, "layers": layers or [], "basemap": basemap,
            "source": source}


def metrics(summary: views.Summary, lang: str) -> None:
    figures = [
        ("summary.municipalities", i18n.fmt_int(summary.municipalities, lang)),
        ("summary.population", i18n.fmt_int(summary.population, lang)),
        ("summary.needs", i18n.fmt_count(summary.needs, lang)),
        ("summary.institution_clients", i18n.fmt_count(summary.institution_clients, lang)),
        ("summary.service_places", i18n.fmt_count(summary.service_places, lang)),
    ]
    row = st.container(horizontal=True, wrap=True, gap="small")
    for key, value in figures:
        row.metric(i18n.t(key, lang), value, border=True)


def region_members(munis, region: str, lang: str) -> None:
    """Which local governments the selected region has (visible without the map)."""
    if region == views.ALL:
        return
    names = ", ".join(munis["name"])
    st.markdown(f"**{i18n.region_name(region, lang)}** ({len(munis)}): {names}")


def choice_caption(choice: dict[str, object], lang: str) -> None:
    """Say which target group and service the key figures count, when one is chosen."""
    catalogue = ui.catalogue()
    group, service = choice["group"], choice["service"]
    if not group and not service:
        return
    parts = [catalogue.groups[group].name(lang) if group else i18n.t("group.all", lang),
             catalogue.services[service].name(lang) if service else i18n.t("service.all", lang)]
    st.caption(i18n.t("summary.for_choice", lang, choice=" — ".join(parts)))


def draw_map(choice: dict[str, object], division: str, region: str, lang: str,
             needs, institutions, services) -> None:
    """The map of ``needs`` (the layer of the chosen group and service, as the reader may
    see it), institutions and services."""
    catalogue = ui.catalogue()
    group, service, source = choice["group"], choice["service"], choice["source"]
    label = i18n.t("legend.needs", lang)
    tip = i18n.t("tip.needs", lang)
    if group:
        label = f"{label}: {i18n.t(f'group.short.{group}', lang)}"
        tip = f"{tip}: {i18n.t(f'group.short.{group}', lang)}"
    if service:
        label = f"{label} — {catalogue.services[service].name(lang)}"
        tip = f"{tip} — {catalogue.services[service].name(lang)}"
    m = maps.base_map(attribution=geo.BOUNDARY_ATTRIBUTION[source],
                      bounds=ui.region_bounds(division, region, source),
                      left_space=maps.LEGEND_WIDTH)
    overlays = maps.needs_overlays(
        needs, regions=ui.region_layer(division, lang, source), institutions=institutions,
        services=services, lang=lang, value_label=label, tip_label=tip, show=choice["layers"])
    if choice["basemap"]:
        overlays.insert(0, maps.basemap_group())
    # the layers (and the base map's tiles) are swapped on the open map: a change of filter,
    # layer or tiles keeps its view
    st_folium(m, key="overview_map", height=640, use_container_width=True, returned_objects=[],
              feature_group_to_add=overlays)
    ui.attribution_line(source)


def tables(munis, institutions, services, lang: str, division: str, region: str) -> None:
    text = st.text_input(
        i18n.t("table.filter", lang), key="table_filter", help=i18n.t("table.filter_help", lang),
        placeholder="…",
    )
    groups = list(ui.catalogue().groups)
    munis = views.filter_by_text(munis, text, ("name", "region", "atvk_code"))
    institutions = views.filter_by_text(institutions, text, ("name", "municipality", "operator"))
    services = views.filter_by_text(services, text, ("name", "municipality", "provider", "type"))
    tabs = st.tabs([
        f"{i18n.t('tab.municipalities', lang)} ({len(munis)})",
        f"{i18n.t('tab.institutions', lang)} ({len(institutions)})",
        f"{i18n.t('tab.services', lang)} ({len(services)})",
    ])
    with tabs[0]:
        columns = [*MUNICIPALITY_COLUMNS, *groups, "needs_total", "per_10k", "data_status"]
        ui.table(munis, columns, key="table_municipalities",
                 download=f"pasvaldibas_{division}_{region or 'LV'}.csv")
    with tabs[1]:
        ui.table(institutions, INSTITUTION_COLUMNS, key="table_institutions",
                 download=f"institucijas_{division}_{region or 'LV'}.csv")
    with tabs[2]:
        ui.table(services, SERVICE_COLUMNS, key="table_services",
                 download=f"pakalpojumi_{division}_{region or 'LV'}.csv")


def sources_expander(lang: str) -> None:
    with st.expander(i18n.t("data.sources", lang), icon=":material/info:"):
        st.markdown(i18n.t("about.needs_method_text", lang))
        st.markdown(i18n.t("about.licence_text", lang))
        ui.page_link("pages/about.py", i18n.t("data.sources_more", lang), ":material/dataset:")


def main() -> None:
    lang, division, region = ui.lang(), ui.division(), ui.region()
    st.title(i18n.t("map.title", lang))
    st.caption(i18n.t("map.caption", lang))
    ui.illustrative_notice()
    choice = controls(lang)
    try:
        munis = ui.municipality_table(division, region, lang)
        institutions = ui.institutions_table(division, region, lang)
        services = ui.services_table(division, region, lang)
        all_institutions = ui.institutions_table(division, views.ALL, lang)
        all_services = ui.services_table(division, views.ALL, lang)
    except Exception as exc:  # bad data files: say which, don't crash
        ui.data_error(exc)
        return
    group, service = choice["group"], choice["service"]
    needs = ui.needs_layer(division, group, service, region, lang, choice["source"])
    summary = views.summarize(munis, institutions, services)
    counted = (institutions, services)  # the tables the key figures add up
    if privacy.needs_suppression(ui.actor()):
        protection = public_reference.protected_reference(division)
        summary = views.public_summary(summary, protection, region)
        needs = views.public_needs_layer(needs, protection, group, service)
        counted = (views.public_institutions(institutions, protection),
                   views.public_services(services, protection))
        all_institutions = views.public_institutions(all_institutions, protection)
        all_services = views.public_services(all_services, protection)
        munis = views.public_municipality_table(munis, protection, list(ui.catalogue().groups),
                                                lang)
        institutions = views.public_institutions(institutions, protection, lang)
        services = views.public_services(services, protection, lang)
    metrics(views.chosen_summary(summary, needs, *counted, group=group, service=service,
                                 lang=lang, catalogue=ui.catalogue()), lang)
    choice_caption(choice, lang)
    region_members(munis, region, lang)
    draw_map(choice, division, region, lang, needs, all_institutions, all_services)
    tables(munis, institutions, services, lang, division, region)
    sources_expander(lang)


main()
