"""The funding cliff (issue 15): who pays the new facilities' running cost each year when
project funding (e.g. ESF) pays a share of it until a last year, and what each municipality
takes over when it ends.

Arithmetic on a phased plan (:mod:`optimizer.phasing`), not a model: a facility costs its
running cost a year from its opening year on; in a year up to ``running_funded_until`` the
project pays ``running_funded_share`` of it and the municipality the rest, after that the
municipality pays all of it. Without funding (either field unset) the municipalities pay
everything, which is the plan's answer without this module.

>>> import pandas as pd
>>> from planning.domain.horizon import Horizon
>>> projects = pd.DataFrame({"region": ["Kurzeme"], "municipality": ["0005000"],
...                          "running_eur_per_year": [100.0],
...                          "open_year": pd.array([2027], dtype="Int64")})
>>> h = Horizon(2026, 2030, running_funded_share=0.6, running_funded_until=2028)
>>> costs = year_costs(projects, h)
>>> costs["running_funded_eur"].tolist(), costs["running_municipal_eur"].tolist()
([0.0, 60.0, 60.0, 0.0, 0.0], [0.0, 40.0, 40.0, 100.0, 100.0])
>>> takeovers(projects, h).iloc[0].to_dict()  # doctest: +NORMALIZE_WHITESPACE
{'region': 'Kurzeme', 'municipality': '0005000', 'running_eur_per_year': 100.0,
 'takeover_eur_per_year': 60.0, 'takeover_year': 2029}
"""

from __future__ import annotations

import pandas as pd

from planning.domain.horizon import Horizon

YEAR_COLUMNS = ["region", "year", "running_funded_eur", "running_municipal_eur"]
TAKEOVER_COLUMNS = ["region", "municipality", "running_eur_per_year", "takeover_eur_per_year",
                    "takeover_year"]


def funded(h: Horizon) -> bool:
    """Whether the horizon has project funding of the running cost (a share above 0 and its
    last year)."""
    return bool(h.running_funded_share) and h.running_funded_until is not None


def share_in(h: Horizon, year: int) -> float:
    """Share of the running cost the project pays in ``year``."""
    if not funded(h) or year > h.running_funded_until:  # type: ignore[operator]
        return 0.0
    return float(h.running_funded_share)  # type: ignore[arg-type]


def year_costs(projects: pd.DataFrame, h: Horizon) -> pd.DataFrame:
    """Per region and year of ``h``: the running cost of the facilities open by then paid by
    the project and by the municipalities (``projects``: a phased plan's project table)."""
    rows = []
    for region in sorted(set(projects["region"])):
        mine = projects[projects["region"] == region]
        for year in h.years:
            running = float(mine.loc[mine["open_year"].le(year).fillna(False),
                                     "running_eur_per_year"].sum())
            paid = running * share_in(h, year)
            rows.append({"region": region, "year": year, "running_funded_eur": paid,
                         "running_municipal_eur": running - paid})
    return pd.DataFrame(rows, columns=YEAR_COLUMNS)


def takeovers(projects: pd.DataFrame, h: Horizon) -> pd.DataFrame:
    """Per municipality with new facilities open by the end of the horizon: their running
    cost a year then, the part the project paid in its last year that the municipality takes
    over, and the year it does (``running_funded_until + 1``; empty without funding or when
    nothing of it was open while the project paid). Largest takeover first."""
    opened = projects[projects["open_year"].le(h.last_year).fillna(False)]
    rows = []
    for (region, muni), mine in opened.groupby(["region", "municipality"], sort=True):
        running = float(mine["running_eur_per_year"].sum())
        takeover, year = 0.0, None
        if funded(h):
            last_paid = min(int(h.running_funded_until), h.last_year)  # type: ignore[arg-type]
            paid = mine[mine["open_year"].le(last_paid).fillna(False)]
            takeover = float(paid["running_eur_per_year"].sum()) * share_in(h, last_paid)
            year = int(h.running_funded_until) + 1 if takeover > 0 else None  # type: ignore
        rows.append({"region": region, "municipality": muni, "running_eur_per_year": running,
                     "takeover_eur_per_year": takeover, "takeover_year": year})
    out = pd.DataFrame(rows, columns=TAKEOVER_COLUMNS).astype({"takeover_year": "Int64"})
    return out.sort_values(["takeover_eur_per_year", "running_eur_per_year"],
                           ascending=False, kind="stable").reset_index(drop=True)


def cliff_in_horizon(h: Horizon, table: pd.DataFrame) -> int | None:
    """The year municipalities take over running cost within the horizon, or None."""
    within = table["takeover_year"].dropna()
    within = within[within <= h.last_year]
    return int(within.min()) if len(within) else None
