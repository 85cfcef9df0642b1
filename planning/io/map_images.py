"""Static map images (PNG) for the plan report, drawn with matplotlib and geopandas.

Four maps of a scenario's area: needs per municipality (choropleth), institutions and
existing services (circles sized by clients or places), and the plan's new places. Each
image carries the boundary source's attribution ("Municipal boundaries: amCharts" for the
embedded geometry, as its licence requires).
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
    return _png(fig, source)


def situation_points(kind: str, division: str, region: str | None) -> pd.DataFrame:
    """Institutions or existing services of the area, with ``lat``/``lon``."""
    df = reference.institutions(division) if kind == "institutions" \
        else reference.existing_services(division)
    if region is not None:
        regions = geo.municipalities(division).set_index("atvk_code")["planning_region"]
        df = df[df["atvk_code"].map(regions) == region]
    return df.reset_index(drop=True)
