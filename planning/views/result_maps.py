"""Pure folium maps of an optimizer result: coverage choropleth, new places, flows home -> site.

Built on :mod:`planning.views.maps` (bundled Leaflet, boundary attribution, legend style), so a
results map looks and behaves like the overview map. Frames come from the stored
``Solution`` (``sites``, ``flows``) and :func:`planning.domain.results.coverage`; polygons from
``views.needs_layer`` (its ``name``, ``kind``, ``in_region`` columns).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import folium
import geopandas as gpd
import pandas as pd

from planning import i18n
from planning.views import maps

# Share of assessed need met, in classes: red (little) to green (all of it).
COVERAGE_BREAKS = (0.25, 0.5, 0.75, 0.999)
COVERAGE_PALETTE = ("#d73027", "#fc8d59", "#fee08b", "#91cf60", "#1a9850")
NEW_PLACES_COLOR = "#1d4ed8"
CENTRE_RING = "#7c2d12"  # a multifunctional centre: a dark ring round its new places
FLOW_COLOR = "#374151"
CANDIDATE_COLOR = "#7c3aed"


def coverage_color(share: float | None) -> str:
    """Fill of a municipality: grey without need, else the class of ``share``."""
    if share is None or (isinstance(share, float) and math.isnan(share)):
        return maps.NO_NEED_FILL
    for upper, color in zip(COVERAGE_BREAKS, COVERAGE_PALETTE, strict=False):
        if share < upper:
            return color
    return COVERAGE_PALETTE[-1]


def coverage_labels(lang: str) -> list[str]:
    """Legend labels of the coverage classes: '0%–24%', ..., '100%'."""
    bounds = [0, *COVERAGE_BREAKS]
    out = [f"{i18n.fmt_pct(lo, lang)} – {i18n.fmt_pct(hi, lang)}"
           for lo, hi in zip(bounds[:-1], bounds[1:], strict=True)]
    out[-1] = f"{i18n.fmt_pct(COVERAGE_BREAKS[-2], lang)} – <{i18n.fmt_pct(1.0, lang)}"
    return [*out, i18n.fmt_pct(1.0, lang)]


def places_per_municipality(sites: pd.DataFrame, service: str | None = None) -> pd.DataFrame:
    """New places per municipality (``service`` only, or all): total and per service."""
    rows = sites[sites["new_places"] > 0]
    if service:
        rows = rows[rows["service"] == service]
    wide = rows.pivot_table(index="municipality", columns="service", values="new_places",
                            aggfunc="sum", fill_value=0)
    wide.columns.name = None
    wide["total"] = wide.sum(axis=1)
    return wide


def travelling_flows(flows: pd.DataFrame, service: str | None = None,
                     min_clients: float = 0.05) -> pd.DataFrame:
    """Flows whose clients travel to another municipality, summed per origin, site, service."""
    rows = flows[(flows["origin"] != flows["site"]) & (flows["clients"] > min_clients)]
    if service:
        rows = rows[rows["service"] == service]
    return rows.groupby(["origin", "site", "service"], as_index=False).agg(
        clients=("clients", "sum"), km=("km", "first"))


def _coverage_tip(row: pd.Series, lang: str) -> str:
    pairs = [
        (i18n.t("col.coverage", lang), i18n.fmt_pct(row["coverage"], lang)),
        (i18n.t("col.need", lang), i18n.fmt_number(row["need"], lang)),
        (i18n.t("col.served", lang), i18n.fmt_number(row["served"], lang, 1)),
        (i18n.t("col.coverage_of_eligible", lang),
         i18n.fmt_pct(row["coverage_of_eligible"], lang, 1)),
        (i18n.t("col.new_places", lang), i18n.fmt_int(row["new_places_total"], lang)),
    ]
    note = "" if row["participating"] else (
        f"<br><small>{maps._esc(i18n.t('tip.not_participating', lang))}</small>")
    return (f'<div class="di-tip"><b>{maps._esc(row["name"])}</b>{maps._rows(pairs)}'
            f"{note}</div>")


def coverage_group(polygons: gpd.GeoDataFrame, coverage: pd.DataFrame,
                   places: pd.DataFrame, *, lang: str) -> folium.FeatureGroup:
    """Municipalities shaded by the share of assessed need met; outside the area grey."""
    cov = coverage.set_index("atvk_code")
    data = polygons[["atvk_code", "name", "in_region", "geometry"]].copy()
    for col in ("coverage", "need", "served", "coverage_of_eligible"):
        data[col] = data["atvk_code"].map(cov[col])
    data["participating"] = data["atvk_code"].map(cov["participating"]).fillna(True).astype(bool)
    data["new_places_total"] = data["atvk_code"].map(places["total"]).fillna(0)
    inside = data["in_region"] & data["atvk_code"].isin(cov.index)
    data["fill"] = [coverage_color(c) if ok else maps.OUTSIDE_FILL
                    for c, ok in zip(data["coverage"], inside, strict=True)]
    data["tip"] = [_coverage_tip(r, lang) if ok else maps._esc(r["name"])
                   for (_, r), ok in zip(data.iterrows(), inside, strict=True)]
    data["inside"] = inside
    group = folium.FeatureGroup(name=i18n.t("layer.coverage", lang))
    folium.GeoJson(
        data[["atvk_code", "fill", "tip", "inside", "geometry"]].to_json(),
        name="coverage",
        style_function=lambda f: {
            "fillColor": f["properties"]["fill"],
            "fillOpacity": 0.8 if f["properties"]["inside"] else 0.5,
            "color": "#ffffff", "weight": 0.8,
        },
        highlight_function=lambda f: {"weight": 2.5, "color": "#111827"},
        tooltip=folium.GeoJsonTooltip(fields=["tip"], labels=False, sticky=True),
    ).add_to(group)
    return group


def centre_notes(centres: pd.DataFrame, service_names: Mapping[str, str],
                 lang: str) -> dict[str, str]:
    """Per municipality with a multifunctional centre: "DSPC: <its services>"."""
    return {code: i18n.t("centres.marker", lang, services=", ".join(
                service_names.get(s, s) for s in sorted(set(group["service"]))))
            for code, group in centres.groupby("municipality")}


def new_places_group(places: pd.DataFrame, points: pd.DataFrame, *,
                     names: Mapping[str, str], service_names: Mapping[str, str],
                     lang: str, centres: Mapping[str, str] | None = None
                     ) -> folium.FeatureGroup:
    """A circle per municipality sized by its new places; the tooltip lists each service.
    A municipality with a multifunctional centre (``centres``: its note) has a dark ring
    and the centre's services under its tooltip."""
    group = folium.FeatureGroup(name=i18n.t("layer.result_places", lang))
    where = points.set_index("atvk_code")
    for code, row in places.iterrows():
        if code not in where.index or row["total"] <= 0:
            continue
        pairs = [(service_names.get(s, s), i18n.fmt_int(row[s], lang))
                 for s in places.columns if s != "total" and row[s] > 0]
        pairs.append((i18n.t("col.new_places", lang), i18n.fmt_int(row["total"], lang)))
        note = (centres or {}).get(code, "")
        tip = maps._point_tip(names.get(code, code), pairs, note)
        folium.CircleMarker(
            [where.at[code, "lat"], where.at[code, "lon"]],
            radius=maps.service_radius(row["total"]),
            color=CENTRE_RING if note else "#ffffff", weight=3.5 if note else 1.5,
            fill=True, fill_color=NEW_PLACES_COLOR,
            fill_opacity=0.85, tooltip=folium.Tooltip(tip, sticky=True),
        ).add_to(group)
    return group


def candidate_sites_group(candidates: pd.DataFrame, sites: pd.DataFrame, *,
                          names: Mapping[str, str], service_names: Mapping[str, str],
                          lang: str) -> folium.FeatureGroup:
    """Imported candidate sites (``candidate_frame``): a ring each, filled where the plan
    puts new places (the tooltip lists them, and the site's risk note)."""
    group = folium.FeatureGroup(name=i18n.t("layer.candidate_sites", lang))
    built = sites[(sites["site_id"].fillna("") != "") & (sites["new_places"] > 0)]
    for r in candidates.itertuples(index=False):
        mine = built[built["site_id"] == r.id]
        pairs = [(service_names.get(b.service, b.service), i18n.fmt_int(b.new_places, lang))
                 for b in mine.itertuples(index=False)]
        pairs.insert(0, (i18n.t("col.municipality", lang), names.get(r.atvk_code, r.atvk_code)))
        if r.risk:
            pairs.append((i18n.t("col.risk", lang), r.risk))
        folium.CircleMarker(
            [r.lat, r.lon], radius=7 if len(mine) else 4, color=CANDIDATE_COLOR, weight=2,
            fill=bool(len(mine)), fill_color=CANDIDATE_COLOR if len(mine) else None,
            fill_opacity=0.9,
            tooltip=folium.Tooltip(maps._point_tip(r.name, pairs), sticky=True),
        ).add_to(group)
    return group


def at_sites(sites: pd.DataFrame, flows: pd.DataFrame, points: pd.DataFrame,
             names: Mapping[str, str], candidates: pd.DataFrame
             ) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame, dict[str, str]]:
    """The tables keyed by place drawn: a candidate site's id where the places or clients
    are at one (``site_id``), else the municipality; the sites' points and names added."""
    def keyed(frame: pd.DataFrame, column: str) -> pd.DataFrame:
        ids = frame["site_id"].fillna("")
        return frame.assign(**{column: ids.where(ids != "", frame[column])})

    extra = candidates[["id", "lat", "lon"]].rename(columns={"id": "atvk_code"})
    return (keyed(sites, "municipality"), keyed(flows, "site"),
            pd.concat([points, extra], ignore_index=True),
            {**names, **dict(zip(candidates["id"], candidates["name"], strict=True))})


def flow_weight(clients: float) -> float:
    """Line width in pixels: 1.5 px, thicker with more clients, at most 8 px."""
    return float(min(8.0, 1.5 + math.sqrt(max(clients, 0.0))))


def flows_group(flows: pd.DataFrame, points: pd.DataFrame, *, names: Mapping[str, str],
                service_names: Mapping[str, str], lang: str) -> folium.FeatureGroup:
    """Lines from the clients' home municipality to the site that serves them."""
    group = folium.FeatureGroup(name=i18n.t("layer.flows", lang))
    where = points.set_index("atvk_code")
    for r in flows.itertuples(index=False):
        if r.origin not in where.index or r.site not in where.index:
            continue
        title = f"{names.get(r.origin, r.origin)} → {names.get(r.site, r.site)}"
        tip = maps._point_tip(title, [
            (i18n.t("col.service", lang), service_names.get(r.service, r.service)),
            (i18n.t("col.clients", lang), i18n.fmt_number(r.clients, lang, 1)),
            (i18n.t("col.km", lang), i18n.fmt_number(r.km, lang)),
        ])
        folium.PolyLine(
            [[where.at[r.origin, "lat"], where.at[r.origin, "lon"]],
             [where.at[r.site, "lat"], where.at[r.site, "lon"]]],
            color=FLOW_COLOR, weight=flow_weight(r.clients), opacity=0.65,
            tooltip=folium.Tooltip(tip, sticky=True),
        ).add_to(group)
    return group


def legend(lang: str, *, flows: bool, illustrative: bool = True, centres: bool = False,
           candidates: bool = False) -> str:
    rows = [f"<details open><summary>{maps._esc(i18n.t('legend.title', lang))}</summary>",
            f"<div><b>{maps._esc(i18n.t('legend.coverage', lang))}</b></div>"]
    rows += [maps._legend_row("sw", c, label)
             for c, label in zip(COVERAGE_PALETTE, coverage_labels(lang), strict=True)]
    rows.append(maps._legend_row("sw", maps.NO_NEED_FILL, i18n.t("legend.no_need", lang)))
    rows.append(maps._legend_row("dot", NEW_PLACES_COLOR, i18n.t("legend.result_places", lang)))
    if centres:
        rows.append(maps._legend_row("dot", CENTRE_RING, i18n.t("legend.centres", lang)))
    if flows:
        rows.append(f'<div class="row"><span class="line"></span>'
                    f"{maps._esc(i18n.t('legend.flows', lang))}</div>")
    if candidates:
        rows.append(maps._legend_row("dot", CANDIDATE_COLOR,
                                     i18n.t("legend.candidate_sites", lang)))
    rows.append("</details>")
    if illustrative:
        rows.append(f'<span class="badge">{maps._esc(i18n.t("legend.illustrative", lang))}'
                    "</span>")
    return f'<div class="di-legend">{"".join(rows)}</div>'


def results_map(
    polygons: gpd.GeoDataFrame,
    coverage: pd.DataFrame,
    sites: pd.DataFrame,
    flows: pd.DataFrame,
    points: pd.DataFrame,
    *,
    attribution: str,
    names: Mapping[str, str],
    service_names: Mapping[str, str],
    lang: str = i18n.DEFAULT_LANG,
    service: str | None = None,
    bounds: Sequence[Sequence[float]] | None = None,
    show_flows: bool = True,
    basemap: bool = False,
    legend_collapsed: bool = False,
) -> folium.Map:
    """The results map in one piece: :func:`planning.views.maps.base_map` with
    :func:`results_overlays`."""
    m = maps.base_map(attribution=attribution, bounds=bounds, basemap=basemap)
    for group in results_overlays(polygons, coverage, sites, flows, points, names=names,
                                  service_names=service_names, lang=lang, service=service,
                                  show_flows=show_flows, legend_collapsed=legend_collapsed):
        group.add_to(m)
    return m


def results_overlays(
    polygons: gpd.GeoDataFrame,
    coverage: pd.DataFrame,
    sites: pd.DataFrame,
    flows: pd.DataFrame,
    points: pd.DataFrame,
    *,
    names: Mapping[str, str],
    service_names: Mapping[str, str],
    lang: str = i18n.DEFAULT_LANG,
    service: str | None = None,
    show_flows: bool = True,
    legend_collapsed: bool = False,
    centres: pd.DataFrame | None = None,
    candidates: pd.DataFrame | None = None,
) -> list[folium.FeatureGroup]:
    """Coverage choropleth, (optionally) flows and new places per municipality, then their
    legend (collapsed for small maps side by side), not yet added to a map.

    ``service`` restricts places and flows to one service (coverage stays overall). The
    page's service and flows choices are the map's one control (no layer control on the
    map); given to ``st_folium(feature_group_to_add=...)`` a change keeps the map's view.
    """
    places = places_per_municipality(sites, service)
    groups = [coverage_group(polygons, coverage, places, lang=lang)]
    shown = candidates is not None and not candidates.empty
    if shown:  # places and flows drawn at the candidate sites, not the municipal points
        sites, flows, points, names = at_sites(sites, flows, points, names, candidates)
    moving = travelling_flows(flows, service) if show_flows else flows.iloc[0:0]
    if show_flows:
        groups.append(flows_group(moving, points, names=names, service_names=service_names,
                                  lang=lang))
    if shown and centres is not None:
        centres = centres.assign(municipality=centres["site_id"].fillna("").where(
            centres["site_id"].fillna("") != "", centres["municipality"]))
    notes = centre_notes(centres, service_names, lang) if centres is not None else {}
    groups.append(new_places_group(places_per_municipality(sites, service), points,
                                   names=names, service_names=service_names, lang=lang,
                                   centres=notes))
    if shown:
        groups.append(candidate_sites_group(candidates, sites, names=names,
                                            service_names=service_names, lang=lang))
    legend_text = legend(lang, flows=show_flows and not moving.empty, centres=bool(notes),
                         candidates=shown)
    return [*groups, maps.legend_group(legend_text, collapsed=legend_collapsed)]


# How often the scenarios' own optima build a facility: pale (rarely) to dark (always).
FREQUENCY_BREAKS = (0.25, 0.5, 0.75, 0.999)
FREQUENCY_PALETTE = ("#edf8e9", "#bae4b3", "#74c476", "#31a354", "#006d2c")


def frequency_color(share: float) -> str:
    return FREQUENCY_PALETTE[sum(share >= b for b in FREQUENCY_BREAKS)]


def frequency_radius(share: float) -> float:
    """5 px for a facility no scenario builds, 17 px for one every scenario builds."""
    return 5.0 + 12.0 * max(0.0, min(share, 1.0))


def frequency_group(freq: pd.DataFrame, points: pd.DataFrame, *, names: Mapping[str, str],
                    service_names: Mapping[str, str], lang: str) -> folium.FeatureGroup:
    """A circle per municipality coloured and sized by its most often built service's share
    of scenario optima (``sweep_tables.frequency``); the tooltip lists each service."""
    group = folium.FeatureGroup(name=i18n.t("layer.robust_frequency", lang))
    where = points.set_index("atvk_code")
    for code, rows in freq.groupby("municipality", sort=False):
        if code not in where.index:
            continue
        pairs = [(service_names.get(r.service, r.service),
                  i18n.t("robust.tip", lang, share=i18n.fmt_pct(r.share, lang),
                         places=i18n.fmt_int(r.places, lang)))
                 for r in rows.itertuples(index=False)]
        top = float(rows["share"].max())
        folium.CircleMarker(
            [where.at[code, "lat"], where.at[code, "lon"]], radius=frequency_radius(top),
            color="#374151", weight=1, fill=True, fill_color=frequency_color(top),
            fill_opacity=0.9,
            tooltip=folium.Tooltip(maps._point_tip(names.get(code, code), pairs), sticky=True),
        ).add_to(group)
    return group


def outline_group(polygons: gpd.GeoDataFrame, lang: str) -> folium.FeatureGroup:
    """The municipalities as thin grey outlines under the markers (``name`` as tooltip)."""
    group = folium.FeatureGroup(name=i18n.t("layer.municipalities", lang), control=False)
    folium.GeoJson(
        polygons[["name", "geometry"]].to_json(),
        style_function=lambda _f: {"color": "#9ca3af", "weight": 0.6, "fillColor": "#f9fafb",
                                   "fillOpacity": 0.6},
        tooltip=folium.GeoJsonTooltip(fields=["name"], labels=False),
    ).add_to(group)
    return group


def frequency_legend(lang: str) -> str:
    rows = [f"<details open><summary>{maps._esc(i18n.t('legend.robust', lang))}</summary>"]
    rows += [maps._legend_row("dot", c, i18n.t(f"legend.robust.{k}", lang))
             for k, c in reversed(list(enumerate(FREQUENCY_PALETTE)))]
    rows.append("</details>")
    rows.append(f'<span class="badge">{maps._esc(i18n.t("legend.illustrative", lang))}</span>')
    return f'<div class="di-legend">{"".join(rows)}</div>'


def frequency_map(freq: pd.DataFrame, points: pd.DataFrame, outlines: gpd.GeoDataFrame, *,
                  attribution: str,
                  names: Mapping[str, str], service_names: Mapping[str, str],
                  lang: str = i18n.DEFAULT_LANG,
                  bounds: Sequence[Sequence[float]] | None = None) -> folium.Map:
    """A robust plan's facilities on :func:`planning.views.maps.base_map` over the
    municipalities' ``outlines`` (``views.needs_layer``), from "always built" to "rarely
    built", with their legend."""
    m = maps.base_map(attribution=attribution, bounds=bounds, left_space=maps.LEGEND_WIDTH)
    outline_group(outlines, lang).add_to(m)
    frequency_group(freq, points, names=names, service_names=service_names,
                    lang=lang).add_to(m)
    maps.add_legend(m, frequency_legend(lang))
    return m


# ---------------------------------------------------------------------- the plan by year
CLOSED_COLOR = "#9ca3af"


def places_in_year(projects: pd.DataFrame, year: int) -> pd.DataFrame:
    """Per municipality and service of a phased plan (``PhasedPlan.projects``) at the end of
    ``year``: places running (``open``, opened by then), of them opened that year
    (``opening``), and places being built (``building``: started, opening later)."""
    opens = projects["open_year"].astype("Float64")
    running = (opens <= year).fillna(False)
    built_now = ((projects["start_year"] <= year) & ~running).fillna(False)
    frame = projects.assign(
        open=projects["places"].where(running, 0.0),
        opening=projects["places"].where((opens == year).fillna(False), 0.0),
        building=projects["places"].where(built_now, 0.0))
    out = frame.groupby(["municipality", "service"], as_index=False)[
        ["open", "opening", "building"]].sum()
    return out[(out["open"] > 0) | (out["building"] > 0)].reset_index(drop=True)


def branches_in_year(branches: pd.DataFrame, year: int) -> pd.DataFrame:
    """Each branch of a phased plan (``PhasedPlan.branches``) at the end of ``year``: its
    residents then and whether it has closed (in that year or before)."""
    closing = branches["closure_year"].astype("Float64")
    return pd.DataFrame({
        "branch": branches["branch"],
        "residents": branches[year].astype(float) if year in branches else
        branches["residents"].astype(float),
        "closed": (closing <= year).fillna(False).astype(bool),
        "closure_year": branches["closure_year"],
    })


def year_places_group(places: pd.DataFrame, points: pd.DataFrame, *,
                      names: Mapping[str, str], service_names: Mapping[str, str],
                      lang: str) -> folium.FeatureGroup:
    """A circle per municipality sized by its new places running at the year's end (a dark
    ring where some open that year), a hollow one where places are only being built."""
    group = folium.FeatureGroup(name=i18n.t("layer.year_places", lang))
    where = points.set_index("atvk_code")
    for code, rows in places.groupby("municipality", sort=True):
        if code not in where.index:
            continue
        running, opening, building = (float(rows[c].sum())
                                      for c in ("open", "opening", "building"))
        pairs = [(service_names.get(r.service, r.service),
                  i18n.t("year.tip", lang, open=i18n.fmt_int(r.open, lang),
                         building=i18n.fmt_int(r.building, lang)))
                 for r in rows.itertuples(index=False)]
        pairs.append((i18n.t("year.opening", lang), i18n.fmt_int(opening, lang)))
        folium.CircleMarker(
            [where.at[code, "lat"], where.at[code, "lon"]],
            radius=maps.service_radius(running or building),
            color="#111827" if opening else NEW_PLACES_COLOR, weight=3 if opening else 1.5,
            dash_array=None if running else "4 3", fill=bool(running),
            fill_color=NEW_PLACES_COLOR, fill_opacity=0.8,
            tooltip=folium.Tooltip(maps._point_tip(names.get(code, code), pairs), sticky=True),
        ).add_to(group)
    return group


def year_branches_group(branches: pd.DataFrame, institutions: pd.DataFrame, *,
                        lang: str) -> folium.FeatureGroup:
    """Each institution branch sized by its residents at the year's end; grey once closed."""
    group = folium.FeatureGroup(name=i18n.t("layer.year_branches", lang))
    where = institutions.set_index("institution_id")
    for row in branches.itertuples(index=False):
        if row.branch not in where.index:
            continue
        place = where.loc[row.branch]
        state = ((i18n.t("col.closure_year", lang), str(int(row.closure_year))) if row.closed
                 else (i18n.t("year.residents", lang), i18n.fmt_int(row.residents, lang)))
        folium.CircleMarker(
            [place["lat"], place["lon"]],
            radius=maps.institution_radius(0 if row.closed else row.residents),
            color="#ffffff", weight=1.5, fill=True,
            fill_color=CLOSED_COLOR if row.closed else maps.INSTITUTION_COLOR,
            fill_opacity=0.85,
            tooltip=folium.Tooltip(maps._point_tip(str(place["name"]), [state]),
                                   sticky=True),
        ).add_to(group)
    return group


def year_legend(year: int, lang: str) -> str:
    rows = [f"<details open><summary>{maps._esc(i18n.t('legend.year', lang, year=year))}"
            "</summary>",
            maps._legend_row("dot", NEW_PLACES_COLOR, i18n.t("legend.year.open", lang)),
            maps._legend_row("dot", "transparent", i18n.t("legend.year.building", lang)),
            maps._legend_row("dot", maps.INSTITUTION_COLOR, i18n.t("legend.year.branch", lang)),
            maps._legend_row("dot", CLOSED_COLOR, i18n.t("legend.year.closed", lang)),
            "</details>",
            f'<span class="badge">{maps._esc(i18n.t("legend.illustrative", lang))}</span>']
    return f'<div class="di-legend">{"".join(rows)}</div>'


def year_map(places: pd.DataFrame, branches: pd.DataFrame, year: int, points: pd.DataFrame,
             institutions: pd.DataFrame, outlines: gpd.GeoDataFrame, *, attribution: str,
             names: Mapping[str, str], service_names: Mapping[str, str],
             lang: str = i18n.DEFAULT_LANG,
             bounds: Sequence[Sequence[float]] | None = None) -> folium.Map:
    """The plan at the end of ``year`` (:func:`places_in_year`, :func:`branches_in_year`):
    new places running and being built, and the branches with their residents or closed."""
    m = maps.base_map(attribution=attribution, bounds=bounds, left_space=maps.LEGEND_WIDTH)
    outline_group(outlines, lang).add_to(m)
    year_branches_group(branches, institutions, lang=lang).add_to(m)
    year_places_group(places, points, names=names, service_names=service_names,
                      lang=lang).add_to(m)
    maps.add_legend(m, year_legend(year, lang))
    return m
