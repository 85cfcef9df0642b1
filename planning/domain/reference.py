"""The embedded reference data: institutions, existing services, illustrative needs, budgets.

Every frame carries a ``data_status`` ("sourced", "illustrative", ...) so the UI can label
what is illustrative. Codes are always of the requested administrative division.
"""

from __future__ import annotations

import tomllib
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from planning.domain import geo
from planning.domain.catalogue import Catalogue, load_catalogue
from planning.domain.config import DATA_DIR

NEED_COLUMNS = ["atvk_code", "group", "care_level", "service", "count"]
INSTITUTION_CLIENT_COLUMNS = {
    "clients_adults_grt": "adults_grt",
    "clients_children_orphans": "children_orphans",
    "clients_children_ft": "children_ft",
}


def _fill_missing_coordinates(df: pd.DataFrame, division: str) -> pd.DataFrame:
    """Rows without a location are placed at the municipality's site point."""
    points = geo.site_points(division).set_index("atvk_code")
    missing = df["lat"].isna() | df["lon"].isna()
    df["lat"] = df["lat"].astype(float).where(~missing, df["atvk_code"].map(points["lat"]))
    df["lon"] = df["lon"].astype(float).where(~missing, df["atvk_code"].map(points["lon"]))
    df["placed_at_municipality_point"] = missing
    return df


def _read_points_csv(name: str, division: str, data_dir: Path) -> pd.DataFrame:
    df = pd.read_csv(data_dir / name, dtype={"atvk_code": str}, encoding="utf-8")
    df["atvk_code"] = df["atvk_code"].map(lambda c: geo.code_in_division(c, division))
    return _fill_missing_coordinates(df, division)


@geo.kept
def institutions(division: str = geo.DEFAULT_DIVISION, data_dir: Path = DATA_DIR) -> pd.DataFrame:
    """Institutions where clients live today, with current clients per target group."""
    df = _read_points_csv("institutions.csv", division, data_dir)
    df["clients_total"] = df[list(INSTITUTION_CLIENT_COLUMNS)].sum(axis=1)
    return df


@geo.kept
def existing_services(
    division: str = geo.DEFAULT_DIVISION, data_dir: Path = DATA_DIR
) -> pd.DataFrame:
    """Existing community services: type (22-type catalogue), allocatable service, places."""
    return _read_points_csv("existing_services.csv", division, data_dir)


def existing_capacity(division: str = geo.DEFAULT_DIVISION) -> pd.DataFrame:
    """Places in existing services per municipality and allocatable service."""
    df = existing_services(division)
    df = df[df["service"].notna()]
    return (
        df.groupby(["atvk_code", "service"], as_index=False)["places_licensed"]
        .sum()
        .rename(columns={"places_licensed": "places"})
    )


@lru_cache(maxsize=2)
def needs_method(data_dir: Path = DATA_DIR) -> dict:
    return tomllib.loads((data_dir / "needs_method.toml").read_text(encoding="utf-8"))


def largest_remainder(total: int, weights: pd.Series) -> pd.Series:
    """Split an integer total in proportion to weights so the parts add up exactly.

    >>> largest_remainder(10, pd.Series([1, 1, 1], index=list("abc"))).tolist()
    [4, 3, 3]
    """
    if total < 0:
        raise ValueError("total must not be negative")
    shares = weights / weights.sum()
    raw = shares * total
    base = np.floor(raw).astype(int)
    rest = int(total - base.sum())
    remainders = (raw - base).sort_values(ascending=False, kind="stable")
    base[remainders.index[:rest]] += 1
    return base


def illustrative_needs(
    division: str = geo.DEFAULT_DIVISION, catalogue: Catalogue | None = None
) -> pd.DataFrame:
    """Needs per municipality x group x care level x service (method in needs_method.toml).

    Computed on the 2021 division (where the population figures are) and then mapped to
    ``division``, so both divisions have the same national totals.
    """
    catalogue = catalogue or load_catalogue()
    method = needs_method()
    pop = geo.municipalities("2021").set_index("atvk_code")["population"]
    rows = []
    for gid, g in method["groups"].items():
        levels = g.get("care_level_shares") or {"": 1.0}
        for sid, spec in g["services"].items():
            if gid not in catalogue.services[sid].groups:
                raise ValueError(f"needs_method: service {sid} is not for group {gid}")
            service_total = round(g["assessed_total"] * spec["share"])
            level_totals = largest_remainder(service_total, pd.Series(levels))
            for level, level_total in level_totals.items():
                counts = largest_remainder(int(level_total), pop)
                rows.extend(
                    (code, gid, level, sid, int(n)) for code, n in counts.items() if n > 0
                )
    df = pd.DataFrame(rows, columns=NEED_COLUMNS)
    df["atvk_code"] = df["atvk_code"].map(lambda c: geo.code_in_division(c, division))
    return df.groupby(NEED_COLUMNS[:-1], as_index=False)["count"].sum()


@geo.kept
def eligible_population(division: str = geo.DEFAULT_DIVISION) -> pd.DataFrame:
    """Estimated eligible population per municipality and group (illustrative)."""
    pop = geo.municipalities("2021").set_index("atvk_code")["population"]
    rows = []
    for gid, g in needs_method()["groups"].items():
        for code, n in largest_remainder(int(g["eligible_total"]), pop).items():
            rows.append((geo.code_in_division(code, division), gid, int(n)))
    df = pd.DataFrame(rows, columns=["atvk_code", "group", "eligible"])
    return df.groupby(["atvk_code", "group"], as_index=False)["eligible"].sum()


def illustrative_region_quotas(
    division: str = geo.DEFAULT_DIVISION, catalogue: Catalogue | None = None
) -> pd.DataFrame:
    """ERDF 9.3.1.1 total split among planning regions by their share of assessed need.

    The real quotas are set per region by CR871; until entered, this split is illustrative.
    """
    catalogue = catalogue or load_catalogue()
    needs = illustrative_needs(division, catalogue)
    regions = geo.municipalities(division).set_index("atvk_code")["planning_region"]
    per_region = needs.groupby(needs["atvk_code"].map(regions))["count"].sum()
    quota = largest_remainder(int(catalogue.budget.erdf_total), per_region)
    out = quota.rename("erdf_quota_eur").rename_axis("planning_region").reset_index()
    share = catalogue.budget.erdf_share
    out["total_investment_eur"] = (out["erdf_quota_eur"] / share).round(0)
    out["data_status"] = "illustrative"
    return out
