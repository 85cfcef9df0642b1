"""Tables and chart data of progress against an approved plan
(:mod:`planning.domain.progress`), with names and labels in the reader's language. Counts
are the recorded ones, unsuppressed: these views are for the management group, the ministry
and a municipality's own figures, never for the public."""

from __future__ import annotations

import pandas as pd

from optimizer.phasing import PhasedPlan
from planning import i18n
from planning.domain.catalogue import Catalogue
from planning.domain.progress import Progress
from planning.views.phasing_tables import _municipality_names, _service

OPENING_COLUMNS = ["municipality", "service", "year", "planned_places", "actual_places",
                   "planned_investment_eur", "actual_investment_eur", "slippage"]
MOVED_COLUMNS = ["municipality", "year", "planned_moved", "actual_moved", "slippage"]
OWN_COLUMNS = ["kind", "service", "year", "places", "investment_eur", "persons",
               "revision", "recorded_by"]
CHANGE_COLUMNS = ["municipality", "service", "year", "places_before", "places_after",
                  "built"]


def openings_frame(progress: Progress, catalogue: Catalogue, division: str,
                   lang: str) -> pd.DataFrame:
    """Planned against actual places and investment per municipality, service and year;
    slipping rows first, then by year."""
    names = _municipality_names(division, lang)
    o = progress.openings.assign(late=progress.openings["slippage"] == "").sort_values(
        ["late", "year", "municipality", "service"])
    return pd.DataFrame({
        "municipality": o["municipality"].map(lambda m: names.get(m, m)),
        "service": o["service"].map(lambda s: _service(s, catalogue, lang)),
        "year": o["year"].astype(int).astype(str),
        "planned_places": o["planned_places"].round(0),
        "actual_places": o["actual_places"].round(0),
        "planned_investment_eur": o["planned_investment_eur"].round(0),
        "actual_investment_eur": o["actual_investment_eur"].round(0),
        "slippage": o["slippage"].map(lambda s: slippage_label(s, lang)),
    }, columns=OPENING_COLUMNS).reset_index(drop=True)


def moved_frame(progress: Progress, division: str, lang: str) -> pd.DataFrame:
    """Planned against actual persons moved out per municipality and year (the plan's
    leavers are whole persons split over sites, so the planned figure is rounded)."""
    names = _municipality_names(division, lang)
    m = progress.moved.sort_values(["year", "municipality"])
    return pd.DataFrame({
        "municipality": m["municipality"].map(lambda c: names.get(c, c)),
        "year": m["year"].astype(int).astype(str),
        "planned_moved": m["planned_moved"].round(0),
        "actual_moved": m["actual_moved"].round(0),
        "slippage": m["slippage"].map(lambda s: slippage_label(s, lang)),
    }, columns=MOVED_COLUMNS).reset_index(drop=True)


def slippage_label(flag: str, lang: str) -> str:
    return i18n.t(f"progress.slip.{flag}", lang) if flag else ""


def chart(progress: Progress, measure: str, lang: str) -> pd.DataFrame:
    """``measure`` (places, investment_eur or moved) planned and actual per year, summed
    over the regions: rows the years as text (the axis reads 2028, not 2,028), columns
    the two series labelled in ``lang``."""
    by_year = progress.years.groupby("year")[[f"planned_{measure}", f"actual_{measure}"]].sum()
    by_year.index = [str(int(y)) for y in by_year.index]
    return by_year.rename(columns={f"planned_{measure}": i18n.t("progress.planned", lang),
                                   f"actual_{measure}": i18n.t("progress.actual", lang)})


def own_frame(actuals: pd.DataFrame, catalogue: Catalogue, lang: str) -> pd.DataFrame:
    """A municipality's own records (the newest revision of each)."""
    a = actuals.sort_values(["year", "kind", "service"])
    return pd.DataFrame({
        "kind": a["kind"].map(lambda k: i18n.t(f"progress.kind.{k}", lang)),
        "service": a["service"].map(lambda s: _service(s, catalogue, lang) if s else ""),
        "year": a["year"].astype(int).astype(str),
        "places": a["places"], "investment_eur": a["investment_eur"].round(0),
        "persons": a["persons"], "revision": a["revision"], "recorded_by": a["recorded_by"],
    }, columns=OWN_COLUMNS).reset_index(drop=True)


def phasing_changes(before: PhasedPlan, after: PhasedPlan, catalogue: Catalogue,
                    division: str, lang: str) -> pd.DataFrame:
    """Places opening per municipality, service and year in the approved phasing and the
    amended one, where they differ (year empty: after the plan's years); ``built``: the
    amended places of that year are all built already."""
    def places(projects: pd.DataFrame) -> pd.Series:
        year = projects["open_year"].map(lambda y: "" if pd.isna(y) else str(int(y)))
        return projects.assign(year=year).groupby(["municipality", "service", "year"])[
            "places"].sum()

    a, b = places(before.projects), places(after.projects)
    built = after.projects[after.projects["built"]].assign(
        year=lambda p: p["open_year"].astype(int).astype(str))
    built_keys = set(zip(built["municipality"], built["service"], built["year"],
                         strict=True))
    keys = sorted(set(a.index) | set(b.index), key=lambda k: (k[2] or "9999", k[0], k[1]))
    names = _municipality_names(division, lang)
    rows = [{"municipality": names.get(m, m), "service": _service(s, catalogue, lang),
             "year": y, "places_before": float(a.get((m, s, y), 0.0)),
             "places_after": float(b.get((m, s, y), 0.0)), "built": (m, s, y) in built_keys}
            for m, s, y in keys
            if abs(float(a.get((m, s, y), 0.0)) - float(b.get((m, s, y), 0.0))) > 1e-6]
    return pd.DataFrame(rows, columns=CHANGE_COLUMNS)
