"""Static map images (PNG) for the plan report, drawn with matplotlib and geopandas.

Four maps of a scenario's area: needs per municipality (choropleth), institutions and
existing services (circles sized by clients or places), and the plan's new places, each
with the municipalities' names. Each image carries the boundary source's attribution
("Municipal boundaries: amCharts" for the embedded geometry, as its licence requires).
"""

from __future__ import annotations

import io
import re

import geopandas as gpd
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402

from planning.domain import geo, reference

FIGSIZE = (6.6, 4.4)
DPI = 150
OUTSIDE = "#eeeeee"
EDGE = "#7f8c99"


def attribution(source: str) -> str:
    """The plain-text attribution of a boundary source, with its link where it has one."""
    html = geo.BOUNDARY_ATTRIBUTION.get(source, source)
    text = re.sub(r"<[^>]+>", "", html)
    link = re.search(r'href="([^"]+)"', html)
    return f"{text} ({link.group(1)})" if link else text


def area(division: str, region: str | None, source: str = "amcharts"
         ) -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame]:
    """(municipalities of the scenario's area, all municipalities for context)."""
    everything = geo.boundaries(division, source)
    inside = everything if region is None else everything[everything["planning_region"] == region]
    return inside.reset_index(drop=True), everything


def _figure(inside: gpd.GeoDataFrame, everything: gpd.GeoDataFrame, title: str):
    fig, ax = plt.subplots(figsize=FIGSIZE, dpi=DPI)
    everything.plot(ax=ax, color=OUTSIDE, edgecolor="white", linewidth=0.4)
    minx, miny, maxx, maxy = inside.total_bounds
    pad_x, pad_y = (maxx - minx) * 0.05, (maxy - miny) * 0.05
    ax.set_xlim(minx - pad_x, maxx + pad_x)
    ax.set_ylim(miny - pad_y, maxy + pad_y)
    ax.set_aspect(1 / 0.55)  # roughly equal distances at Latvia's latitude
    ax.set_axis_off()
    ax.set_title(title, fontsize=10)
    return fig, ax


def labels(inside: gpd.GeoDataFrame) -> pd.DataFrame:
    """Where each municipality's name goes: ``name`` (without "novads" unless a city has the
    shorter name: Ventspils and Ventspils novads), ``x``, ``y`` at the polygon's centre, or
    at a point inside it where the centre falls outside (a coast, a ring round a city)."""
    full = inside["name_lv"]
    short = full.str.replace(r"\s+novads$", "", regex=True)
    names = short.where(~short.isin(set(full)) | (short == full), full)
    projected = inside.geometry.to_crs(3059)
    centre = projected.centroid
    inner = projected.contains(centre)
    points = centre.where(inner, projected.representative_point()).to_crs(4326)
    return pd.DataFrame({"name": names.to_numpy(), "x": points.x.to_numpy(),
                         "y": points.y.to_numpy()})


def _label(ax, inside: gpd.GeoDataFrame) -> None:
    size = 6 if len(inside) <= 12 else 4.5
    for r in labels(inside).itertuples():
        ax.annotate(r.name, (r.x, r.y), ha="center", va="center", fontsize=size,
                    color="#1b2631", zorder=4,
                    bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none",
                          "alpha": 0.6})


def _png(fig, source: str) -> bytes:
    fig.text(0.99, 0.01, attribution(source), ha="right", va="bottom", fontsize=6,
             color="#444444")
    buf = io.BytesIO()
    fig.savefig(buf, format="png", bbox_inches="tight")
    plt.close(fig)
    return buf.getvalue()


def choropleth(values: pd.Series, division: str, region: str | None, title: str,
               legend: str, source: str = "amcharts", cmap: str = "Blues") -> bytes:
    """Municipalities shaded by ``values`` (indexed by ATVK code)."""
    inside, everything = area(division, region, source)
    fig, ax = _figure(inside, everything, title)
    inside = inside.assign(value=inside["atvk_code"].map(values).fillna(0))
    inside.plot(ax=ax, column="value", cmap=cmap, edgecolor=EDGE, linewidth=0.5, legend=True,
                legend_kwds={"label": legend, "shrink": 0.7})
    _label(ax, inside)
    return _png(fig, source)


def circles(points: pd.DataFrame, size_column: str, division: str, region: str | None,
            title: str, legend: str, color: str, source: str = "amcharts") -> bytes:
    """Circles at ``lat``/``lon`` with area proportional to ``size_column``."""
    inside, everything = area(division, region, source)
    fig, ax = _figure(inside, everything, title)
    inside.plot(ax=ax, color="white", edgecolor=EDGE, linewidth=0.5)
    sizes = points[size_column].astype(float)
    scale = 400 / max(sizes.max(), 1.0)
    ax.scatter(points["lon"], points["lat"], s=sizes * scale + 4, color=color, alpha=0.6,
               edgecolor="black", linewidth=0.4, zorder=3)
    if len(points) and sizes.max() > 0:
        biggest = float(sizes.max())
        ax.scatter([], [], s=biggest * scale + 4, color=color, alpha=0.6, edgecolor="black",
                   label=f"{legend}: {biggest:,.0f}")
        ax.legend(loc="lower left", fontsize=7, frameon=False)
    _label(ax, inside)
    return _png(fig, source)


def situation_points(kind: str, division: str, region: str | None) -> pd.DataFrame:
    """Institutions or existing services of the area, with ``lat``/``lon``."""
    df = reference.institutions(division) if kind == "institutions" \
        else reference.existing_services(division)
    if region is not None:
        regions = geo.municipalities(division).set_index("atvk_code")["planning_region"]
        df = df[df["atvk_code"].map(regions) == region]
    return df.reset_index(drop=True)
