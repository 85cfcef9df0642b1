"""Data prepared for pages: tables with display names, map layers, summaries.

Pure functions (no Streamlit): pages cache and draw what these return. Column names are
internal ids; pages label them with ``i18n.t("col.<name>")`` (see :func:`column_labels`).
``region`` is a planning region name from ``geo.REGIONS`` or ``ALL`` ("") for all of Latvia.
"""

from __future__ import annotations

from dataclasses import dataclass

import geopandas as gpd
import pandas as pd

from planning import i18n
from planning.domain import geo, privacy, public_reference, reference
from planning.domain.catalogue import SERVICE_NUMBERS, Catalogue, load_catalogue
from planning.domain.public_reference import ProtectedReference

ALL = ""
ALL_GROUPS = ""
ALL_SERVICES = ""
ILLUSTRATIVE = "illustrative"
INSTITUTION_CLIENT_COLUMNS = tuple(reference.INSTITUTION_CLIENT_COLUMNS)


def region_options() -> list[str]:
    """Choices of a region selector: all of Latvia first, then the five regions."""
    return [ALL, *geo.REGIONS]


def check_region(region: str) -> str:
    """``region`` if it is a planning region or ``ALL``; ``InputError`` otherwise."""
    return ALL if region == ALL else geo.resolve_region(region)


def _name_column(lang: str) -> str:
    return "name_en" if lang == "en" else "name_lv"


def _in_region(df: pd.DataFrame, region: str, column: str = "planning_region") -> pd.DataFrame:
    return df if region == ALL else df[df[column] == region]


def municipality_names(division: str, lang: str) -> pd.DataFrame:
    """atvk_code, municipality (display name), planning_region of every local government."""
    facts = geo.municipalities(division)
    return pd.DataFrame(
        {
            "atvk_code": facts["atvk_code"],
            "municipality": facts[_name_column(lang)],
            "planning_region": facts["planning_region"],
        }
    )


# ----------------------------------------------------------------------------- needs


def needs_per_municipality(
    needs: pd.DataFrame, groups: list[str], service: str = ALL_SERVICES
) -> pd.DataFrame:
    """Service needs summed over care levels: one row per code, one column per group.

    ``needs`` has the columns of ``reference.illustrative_needs``; ``service`` keeps one
    required service only. Groups without needs get a column of zeros.
    """
    rows = needs if service == ALL_SERVICES else needs[needs["service"] == service]
    wide = rows.pivot_table(
        index="atvk_code", columns="group", values="count", aggfunc="sum", fill_value=0
    )
    wide = wide.reindex(columns=groups, fill_value=0).astype(int)
    wide.columns.name = None
    wide["needs_total"] = wide.sum(axis=1)
    return wide.reset_index()


def municipality_table(
    division: str,
    region: str = ALL,
    lang: str = i18n.DEFAULT_LANG,
    catalogue: Catalogue | None = None,
    needs: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Local governments with population and service needs per target group.

    Columns: atvk_code, name, kind, region, population, one per group id, needs_total,
    per_10k (needs per 10,000 residents), data_status.
    """
    catalogue = catalogue or load_catalogue()
    needs = reference.illustrative_needs(division, catalogue) if needs is None else needs
    groups = list(catalogue.groups)
    facts = _in_region(geo.municipalities(division), region)
    wide = needs_per_municipality(needs, groups)
    out = facts[["atvk_code", _name_column(lang), "kind", "planning_region", "population"]]
    out = out.rename(columns={_name_column(lang): "name", "planning_region": "region"})
    out = out.merge(wide, on="atvk_code", how="left")
    out[[*groups, "needs_total"]] = out[[*groups, "needs_total"]].fillna(0).astype(int)
    out["kind"] = out["kind"].map(lambda k: i18n.kind_name(k, lang))
    out["region"] = out["region"].map(lambda r: i18n.region_name(r, lang))
    out["per_10k"] = (out["needs_total"] / out["population"] * 10_000).round(1)
    out["data_status"] = i18n.status_name(ILLUSTRATIVE, lang)
    return out.sort_values("name", key=lambda s: s.map(geo.fold)).reset_index(drop=True)


def needs_layer(
    division: str,
    group: str = ALL_GROUPS,
    service: str = ALL_SERVICES,
    region: str = ALL,
    lang: str = i18n.DEFAULT_LANG,
    source: str = "amcharts",
    catalogue: Catalogue | None = None,
    simplify: float = 0.001,
) -> gpd.GeoDataFrame:
    """Polygons of every local government with the needs to shade them by.

    ``value`` is the need of ``group`` (all groups if ``ALL_GROUPS``) for ``service``;
    ``in_region`` is False outside ``region`` so the map can grey those out. Geometry is
    simplified by ``simplify`` degrees (~100 m) to keep the page light.
    """
    catalogue = catalogue or load_catalogue()
    needs = reference.illustrative_needs(division, catalogue)
    groups = list(catalogue.groups)
    wide = needs_per_municipality(needs, groups, service)
    gdf = geo.boundaries(division, source)
    keep = ["atvk_code", _name_column(lang), "kind", "planning_region", "population", "geometry"]
    gdf = gdf[keep]
    gdf = gdf.rename(columns={_name_column(lang): "name"}).merge(wide, on="atvk_code", how="left")
    gdf[[*groups, "needs_total"]] = gdf[[*groups, "needs_total"]].fillna(0).astype(int)
    gdf["value"] = gdf["needs_total"] if group == ALL_GROUPS else gdf[group]
    gdf["per_10k"] = (gdf["value"] / gdf["population"] * 10_000).round(1)
    gdf["in_region"] = True if region == ALL else gdf["planning_region"] == region
    gdf["region_name"] = gdf["planning_region"].map(lambda r: i18n.region_name(r, lang))
    gdf["kind"] = gdf["kind"].map(lambda k: i18n.kind_name(k, lang))
    if simplify:
        gdf["geometry"] = gdf.geometry.simplify(simplify, preserve_topology=True)
    return gpd.GeoDataFrame(gdf, geometry="geometry", crs=4326)


def region_layer(
    division: str, lang: str = i18n.DEFAULT_LANG, source: str = "amcharts", simplify: float = 0.001
) -> gpd.GeoDataFrame:
    """Planning-region polygons with display name, members and population."""
    gdf = geo.regions(division, source).copy()
    gdf["region_name"] = gdf["planning_region"].map(lambda r: i18n.region_name(r, lang))
    if simplify:
        gdf["geometry"] = gdf.geometry.simplify(simplify, preserve_topology=True)
    return gdf


def services_for_group(catalogue: Catalogue, group: str) -> list[str]:
    """Service ids a group can need (every service for ``ALL_GROUPS``)."""
    if group == ALL_GROUPS:
        return list(catalogue.services)
    return [s.id for s in catalogue.services_for_group(group)]


# ----------------------------------------------------------------------------- points


def institutions_table(
    division: str, region: str = ALL, lang: str = i18n.DEFAULT_LANG
) -> pd.DataFrame:
    """Institutions with display names, clients per group, location and data status."""
    df = reference.institutions(division)
    df = df.merge(municipality_names(division, lang), on="atvk_code", how="left")
    df = _in_region(df, region)
    out = df[
        [
            "institution_id", "name", "municipality", "planning_region", "settlement",
            "operator", "clients_total", *INSTITUTION_CLIENT_COLUMNS, "places",
            "data_status", "source", "lat", "lon", "placed_at_municipality_point",
        ]
    ].rename(columns={"planning_region": "region"})
    out = out.assign(
        region=out["region"].map(lambda r: i18n.region_name(r, lang)),
        data_status=out["data_status"].map(lambda s: i18n.status_name(s, lang)),
        kind=df["kind"],
    )
    return out.sort_values("clients_total", ascending=False).reset_index(drop=True)


def services_table(
    division: str,
    region: str = ALL,
    lang: str = i18n.DEFAULT_LANG,
    catalogue: Catalogue | None = None,
) -> pd.DataFrame:
    """Existing community services with type and planned-service names in ``lang``."""
    catalogue = catalogue or load_catalogue()
    df = reference.existing_services(division)
    df = df.merge(municipality_names(division, lang), on="atvk_code", how="left")
    df = _in_region(df, region)
    types = {
        k: v.name_en if lang == "en" else v.name_lv for k, v in catalogue.existing_types.items()
    }
    services = {k: s.name(lang) for k, s in catalogue.services.items()}
    out = df[
        [
            "service_id", "name", "municipality", "planning_region", "settlement", "provider",
            "type", "service", "places_licensed", "places_in_use", "data_status", "source",
            "lat", "lon", "placed_at_municipality_point",
        ]
    ].rename(columns={"planning_region": "region", "type": "type_id", "service": "service_id_"})
    out = out.assign(
        region=out["region"].map(lambda r: i18n.region_name(r, lang)),
        type=out["type_id"].map(lambda k: types.get(k, k)),
        service=out["service_id_"].map(lambda k: services.get(k, "") if isinstance(k, str) else ""),
        data_status=out["data_status"].map(lambda s: i18n.status_name(s, lang)),
    ).drop(columns=["service_id_"])
    return out.sort_values(["municipality", "name"]).reset_index(drop=True)


# ----------------------------------------------------------------------------- helpers


def filter_by_text(df: pd.DataFrame, text: str, columns: tuple[str, ...]) -> pd.DataFrame:
    """Rows where any of ``columns`` contains ``text``, ignoring case and diacritics."""
    needle = geo.fold(text or "")
    if not needle:
        return df
    hit = pd.Series(False, index=df.index)
    for col in columns:
        if col in df.columns:
            hit |= df[col].astype(str).map(geo.fold).str.contains(needle, regex=False)
    return df[hit]


Bounds = list[list[float]]


def bounds_of(gdf: gpd.GeoDataFrame) -> Bounds:
    """Leaflet bounds ``[[south, west], [north, east]]`` of a frame's geometry."""
    west, south, east, north = (float(v) for v in gdf.total_bounds)
    return [[south, west], [north, east]]


def region_bounds(division: str, region: str = ALL, source: str = "amcharts") -> Bounds:
    """Bounds of one planning region's municipalities (all of Latvia for ``ALL``)."""
    gdf = geo.boundaries(division, source)
    return bounds_of(_in_region(gdf, check_region(region)))


@dataclass(frozen=True)
class Summary:
    """Key figures of an area; a hidden one holds its marker ("<5" or "…")."""

    municipalities: int
    population: int
    needs: int | str
    institution_clients: int | str
    service_places: int | str


def summarize(
    municipalities: pd.DataFrame, institutions: pd.DataFrame, services: pd.DataFrame
) -> Summary:
    """Key figures of the tables shown for one area."""
    return Summary(
        municipalities=len(municipalities),
        population=int(municipalities["population"].sum()),
        needs=int(municipalities["needs_total"].sum()),
        institution_clients=int(institutions["clients_total"].sum()),
        service_places=int(services["places_licensed"].sum()),
    )


def chosen_summary(summary: Summary, needs: pd.DataFrame, institutions: pd.DataFrame,
                   services: pd.DataFrame, *, group: str, service: str, lang: str,
                   catalogue: Catalogue | None = None) -> Summary:
    """``summary`` with its needs, institution clients and service places narrowed to the
    map's target ``group`` and ``service`` (unchanged when neither is chosen).

    ``needs`` is the needs layer of that choice (its ``value`` per municipality), the tables
    are those of the area. For the public, pass the frames as the public sees them
    (numbers, with "<5"/"…" where hidden): a total is then the sum of figures the reader
    already sees, and "…" when any of them is hidden, so it tells nothing new. Institutions
    count clients per group, not per service; a group they do not count shows "–".
    """
    if group == ALL_GROUPS and service == ALL_SERVICES:
        return summary
    catalogue = catalogue or load_catalogue()
    column = {g: c for c, g in reference.INSTITUTION_CLIENT_COLUMNS.items()}.get(
        group, "clients_total" if group == ALL_GROUPS else None)
    offered = ([service] if service != ALL_SERVICES
               else services_for_group(catalogue, group))
    names = {catalogue.services[s].name(lang) for s in offered if s in catalogue.services}
    return Summary(
        municipalities=summary.municipalities, population=summary.population,
        needs=_shown_total(needs.loc[needs["in_region"], "value"]),
        institution_clients=(_shown_total(institutions[column]) if column is not None
                             else i18n.MISSING),
        service_places=_shown_total(
            services.loc[services["service"].isin(names), "places_licensed"]),
    )


def _shown_total(values: pd.Series) -> int | str:
    """The sum of shown figures; "…" when any is hidden (a marker, not a number)."""
    if any(isinstance(v, str) for v in values):
        return privacy.WITHHELD
    return int(sum(values))


def any_illustrative(*statuses: pd.Series) -> bool:
    """True if any ``data_status`` value (raw or displayed) marks illustrative data."""
    labels = {ILLUSTRATIVE, i18n.t("status.illustrative", "lv")}
    return any(
        s.astype(str).str.lower().map(lambda v: any(v.startswith(x) for x in labels)).any()
        for s in statuses
    )


def column_label(column: str, lang: str, catalogue: Catalogue | None = None) -> str:
    """Header of a column id: the catalogue's ``col.<id>`` text, else a service's or a group's
    name (difference and reference tables have them as columns), else the id itself."""
    if i18n.has(f"col.{column}") or catalogue is None:
        return i18n.column_label(column, lang)
    if column in catalogue.services:
        return catalogue.services[column].name(lang)
    if column in catalogue.groups:
        return i18n.t(f"group.short.{column}", lang)
    return column


def column_labels(
    columns: list[str], lang: str, catalogue: Catalogue | None = None
) -> dict[str, str]:
    """Display labels of table columns (:func:`plan_tables.column_label`)."""
    catalogue = catalogue or load_catalogue()
    return {col: column_label(col, lang, catalogue) for col in columns}


# ----------------------------------------------------------------------------- data page


def datasets_overview(division: str, lang: str = i18n.DEFAULT_LANG) -> pd.DataFrame:
    """One row per embedded dataset: name, rows, status (sourced/illustrative count), source."""
    inst = reference.institutions(division)
    serv = reference.existing_services(division)
    catalogue = load_catalogue()

    def status_mix(s: pd.Series) -> str:
        counts = s.map(lambda v: i18n.status_name(v, lang)).value_counts()
        return ", ".join(f"{name}: {n}" for name, n in counts.items())

    rows = [
        ("municipalities", len(geo.municipalities(division)), i18n.t("status.sourced", lang),
         "CSP; Cabinet Regulation No. 418 (2021); data/municipalities.csv"),
        ("boundaries", len(geo.boundaries(division)), i18n.t("status.sourced", lang),
         "amCharts 5 geodata (linkware); Natural Earth (public domain)"),
        ("institutions", len(inst), status_mix(inst["data_status"]), "data/institutions.csv"),
        ("services", len(serv), status_mix(serv["data_status"]), "data/existing_services.csv"),
        ("needs", len(reference.illustrative_needs(division, catalogue)),
         i18n.t("status.illustrative", lang), "data/needs_method.toml"),
        ("norms", len(catalogue.services),
         i18n.tn("about.norms_illustrative", len(catalogue.illustrative_norms()), lang),
         "data/norms.toml"),
    ]
    return pd.DataFrame(
        [(i18n.t(f"about.ds.{key}", lang), n, status, src) for key, n, status, src in rows],
        columns=["dataset", "rows", "status", "source"],
    )


def needs_method_table(
    lang: str = i18n.DEFAULT_LANG, catalogue: Catalogue | None = None
) -> pd.DataFrame:
    """National totals behind the illustrative needs, per target group, with sources."""
    catalogue = catalogue or load_catalogue()
    method = reference.needs_method()
    rows = [
        (
            catalogue.groups[gid].name(lang),
            int(g["assessed_total"]),
            str(g.get("assessed_source", "")),
            int(g["eligible_total"]),
            str(g.get("eligible_source", "")),
        )
        for gid, g in method["groups"].items()
    ]
    return pd.DataFrame(
        rows, columns=["group", "assessed", "assessed_source", "eligible", "eligible_source"]
    )


def norms_table(lang: str = i18n.DEFAULT_LANG, catalogue: Catalogue | None = None) -> pd.DataFrame:
    """Every service norm of the catalogue, by its name in ``lang``, with its value and
    source, one row per norm."""
    catalogue = catalogue or load_catalogue()
    rows = [
        (s.name(lang), i18n.t_or(f"norm.{norm}", lang, norm), float(getattr(s, norm)),
         s.sources.get(norm, ""))
        for s in catalogue.services.values()
        for norm in SERVICE_NUMBERS
    ]
    return pd.DataFrame(rows, columns=["service", "norm", "value", "source"])


# ----------------------------------------------------------------------------- public views


def _shown_as_text(out: pd.DataFrame, columns: list[str], lang: str) -> pd.DataFrame:
    """Columns holding a marker become text in ``lang``'s number format (one Arrow type)."""
    for col in columns:
        if out[col].map(lambda v: isinstance(v, str)).any():
            decimals = 1 if col == "per_10k" else 0
            out[col] = out[col].map(
                lambda v, d=decimals: v if isinstance(v, str) else i18n.fmt_number(v, lang, d)
            )
    return out


def _mark(frame: pd.DataFrame, protection: ProtectedReference,
          keys: dict[str, object], lang: str | None) -> pd.DataFrame:
    """``frame`` with each column of ``keys`` (column -> function of a row giving its cell
    key) shown as the public may see it; text in ``lang`` where given."""
    out = frame.copy()
    for col, key_of in keys.items():
        out[col] = [protection.shown(key_of(row), row[col])
                    for _, row in frame.iterrows()]
    if "per_10k" in out.columns and "value" not in out.columns and "needs_total" in keys:
        hidden = [isinstance(v, str) for v in out["needs_total"]]
        out["per_10k"] = out["per_10k"].astype(object).mask(hidden, privacy.WITHHELD)
    return _shown_as_text(out, [*keys, *(["per_10k"] if "per_10k" in out else [])], lang) \
        if lang else out


def public_municipality_table(frame: pd.DataFrame, protection: ProtectedReference,
                              groups: list[str], lang: str = i18n.DEFAULT_LANG) -> pd.DataFrame:
    """:func:`municipality_table` as the public may see it (``public_reference``): needs per
    group and in total, "<5" or "…" where hidden, the rate withheld with its need."""
    keys = {g: (lambda row, g=g: ("V", row["atvk_code"], g, ALL)) for g in groups}
    keys["needs_total"] = lambda row: ("V", row["atvk_code"], ALL, ALL)
    return _mark(frame, protection, keys, lang)


def public_needs_layer(gdf: gpd.GeoDataFrame, protection: ProtectedReference,
                       group: str = ALL_GROUPS, service: str = ALL_SERVICES) -> gpd.GeoDataFrame:
    """:func:`needs_layer` as the public may see it: the value shaded and its tooltip, the
    needs of ``service`` for all groups (the layer's "needs in total"), "<5" or "…" where
    hidden; the rate withheld with its value; the group
    columns dropped (the tooltip does not show them)."""
    out = gdf.copy()
    out["value"] = [protection.shown(("V", c, group, service), v)
                    for c, v in zip(gdf["atvk_code"], gdf["value"], strict=True)]
    out["needs_total"] = [protection.shown(("V", c, ALL, service), v)
                          for c, v in zip(gdf["atvk_code"], gdf["needs_total"], strict=True)]
    hidden = [isinstance(v, str) for v in out["value"]]
    out["per_10k"] = out["per_10k"].astype(object).mask(hidden, privacy.WITHHELD)
    groups = load_catalogue().groups
    return out.drop(columns=[c for c in out.columns if c in groups])


def public_institutions(frame: pd.DataFrame, protection: ProtectedReference,
                        lang: str | None = None) -> pd.DataFrame:
    """Institutions with clients per group and in total, and places, as the public may see
    them (text in ``lang`` where given; numbers and markers for the map)."""
    keys = {col: (lambda row, g=g: ("c", row["institution_id"], g))
            for col, g in public_reference.GROUP_COLUMNS.items()}
    keys["clients_total"] = lambda row: ("c", row["institution_id"], ALL)
    keys["places"] = lambda row: ("cap", row["institution_id"])
    return _mark(frame, protection, keys, lang)


def public_services(frame: pd.DataFrame, protection: ProtectedReference,
                    lang: str | None = None) -> pd.DataFrame:
    """Existing services with licensed places and places in use as the public may see them."""
    keys = {"places_licensed": lambda row: ("L", row["service_id"]),
            "places_in_use": lambda row: ("Lu", row["service_id"])}
    return _mark(frame, protection, keys, lang)


def public_summary(summary: Summary, protection: ProtectedReference, region: str) -> Summary:
    """The key figures of an area (a planning region or ``ALL``) as the public may see them."""
    return Summary(
        municipalities=summary.municipalities, population=summary.population,
        needs=protection.shown(("VA", region), summary.needs),
        institution_clients=protection.shown(("cA", region), summary.institution_clients),
        service_places=protection.shown(("LA", region), summary.service_places),
    )
