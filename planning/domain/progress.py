"""Progress against an approved plan: planned against actual by year, slippage, and what an
amendment keeps fixed (issue 15, "progress against the plan").

The planned side is the approved plan phased over its years (:mod:`planning.domain.phasing`:
one project per new facility, its opening year, places, investment and the leavers it
houses). The actual side is what municipalities recorded (:mod:`planning.store.progress`).
They are compared per region, municipality, service and year:

* places: the places of the projects planned to open that year, against the places
  recorded as opened that year;
* investment: the investment of the places planned to open that year (the phasing spends
  it over the construction years; here it is counted in the opening year, as the actual
  figure is recorded with the opening), against the investment recorded with the openings;
* persons moved: the leavers the plan houses in a municipality's projects opening that year,
  against the persons the municipality recorded as moved that year.

A row **slips** when its year has passed (before ``today_year``) and the places (persons)
recorded by the end of that year are fewer than planned by then: ``none`` when nothing was
recorded by then, ``fewer`` when less. Counting by the end of the year, places opened
early make up for a later year.

An amendment re-phases the remaining years with what is built fixed
(:func:`with_built`): each recorded opening makes the plan's projects of that municipality
and service built in its year, in the order of the projects (a project partly covered is
split into a built part and the rest), its investment the amount recorded; places opened
beyond the plan's are a built project with no clients of the plan.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import pandas as pd

from optimizer import phasing

TOLERANCE = 1e-6
Built = tuple[str, str, int, int, float]  # atvk_code, service, year, places, investment_eur
OPENING_COLUMNS = ["region", "municipality", "service", "year", "planned_places",
                   "actual_places", "planned_investment_eur", "actual_investment_eur",
                   "slippage"]
MOVED_COLUMNS = ["region", "municipality", "year", "planned_moved", "actual_moved",
                 "slippage"]
YEAR_COLUMNS = ["region", "year", "planned_places", "actual_places",
                "planned_investment_eur", "actual_investment_eur", "planned_moved",
                "actual_moved"]


@dataclass(frozen=True)
class Progress:
    """Planned against actual: ``openings`` (``OPENING_COLUMNS``), ``moved``
    (``MOVED_COLUMNS``) and their sums per region and year (``years``, ``YEAR_COLUMNS``)."""

    openings: pd.DataFrame
    moved: pd.DataFrame
    years: pd.DataFrame

    @property
    def slipping(self) -> int:
        """How many rows slip (openings and persons moved)."""
        return int((self.openings["slippage"] != "").sum()
                   + (self.moved["slippage"] != "").sum())


def planned_vs_actual(projects: pd.DataFrame, actuals: pd.DataFrame, years: list[int],
                      today_year: int) -> Progress:
    """Compare the phased plan's ``projects`` (``PhasedPlan.projects``) with ``actuals``
    (``planning.store.progress.COLUMNS``) over ``years``, slippage judged in
    ``today_year``."""
    region_of = dict(zip(projects["municipality"], projects["region"], strict=False))
    opened = projects[projects["open_year"].notna()]
    openings = _openings(opened, actuals[actuals["kind"] == "opening"], region_of, years,
                         today_year)
    moved = _moved(opened, actuals[actuals["kind"] == "moved"], region_of, years, today_year)
    return Progress(openings, moved, _by_year(openings, moved, years))


def _openings(opened: pd.DataFrame, actual: pd.DataFrame, region_of: dict[str, str],
              years: list[int], today_year: int) -> pd.DataFrame:
    planned = opened.groupby(["municipality", "service", "open_year"])[
        ["places", "investment_eur"]].sum()
    done = actual.groupby(["atvk_code", "service", "year"])[["places", "investment_eur"]].sum()
    pairs = sorted({(m, s) for m, s, _ in planned.index} | {(m, s) for m, s, _ in done.index})
    rows = []
    for municipality, service in pairs:
        cum_plan = cum_done = 0.0
        for year in years:
            plan = planned.loc[(municipality, service, year)] if (
                municipality, service, year) in planned.index else None
            got = done.loc[(municipality, service, year)] if (
                municipality, service, year) in done.index else None
            p_places = float(plan["places"]) if plan is not None else 0.0
            a_places = float(got["places"]) if got is not None else 0.0
            cum_plan, cum_done = cum_plan + p_places, cum_done + a_places
            if plan is None and got is None:
                continue
            rows.append({
                "region": region_of.get(municipality, ""), "municipality": municipality,
                "service": service, "year": year, "planned_places": p_places,
                "actual_places": a_places,
                "planned_investment_eur": float(plan["investment_eur"]) if plan is not None
                else 0.0,
                "actual_investment_eur": float(got["investment_eur"]) if got is not None
                else 0.0,
                "slippage": _slip(year, today_year, p_places, cum_plan, cum_done)})
    return pd.DataFrame(rows, columns=OPENING_COLUMNS)


def _moved(opened: pd.DataFrame, actual: pd.DataFrame, region_of: dict[str, str],
           years: list[int], today_year: int) -> pd.DataFrame:
    planned = opened.groupby(["municipality", "open_year"])["leavers"].sum()
    done = actual.groupby(["atvk_code", "year"])["persons"].sum()
    places = sorted({m for m, _ in planned.index} | {m for m, _ in done.index})
    rows = []
    for municipality in places:
        cum_plan = cum_done = 0.0
        for year in years:
            p = float(planned.get((municipality, year), 0.0))
            a = float(done.get((municipality, year), 0.0))
            cum_plan, cum_done = cum_plan + p, cum_done + a
            if p <= TOLERANCE and (municipality, year) not in done.index:
                continue
            rows.append({"region": region_of.get(municipality, ""),
                         "municipality": municipality, "year": year, "planned_moved": p,
                         "actual_moved": a,
                         "slippage": _slip(year, today_year, p, cum_plan, cum_done)})
    return pd.DataFrame(rows, columns=MOVED_COLUMNS)


def _slip(year: int, today_year: int, planned: float, cum_plan: float, cum_done: float) -> str:
    if year >= today_year or planned <= TOLERANCE or cum_done >= cum_plan - TOLERANCE:
        return ""
    return "none" if cum_done <= TOLERANCE else "fewer"


def _by_year(openings: pd.DataFrame, moved: pd.DataFrame, years: list[int]) -> pd.DataFrame:
    regions = sorted(set(openings["region"]) | set(moved["region"]))
    rows = []
    for region in regions:
        o = openings[openings["region"] == region]
        m = moved[moved["region"] == region]
        for year in years:
            oy, my = o[o["year"] == year], m[m["year"] == year]
            rows.append({"region": region, "year": year,
                         "planned_places": float(oy["planned_places"].sum()),
                         "actual_places": float(oy["actual_places"].sum()),
                         "planned_investment_eur": float(oy["planned_investment_eur"].sum()),
                         "actual_investment_eur": float(oy["actual_investment_eur"].sum()),
                         "planned_moved": float(my["planned_moved"].sum()),
                         "actual_moved": float(my["actual_moved"].sum())})
    return pd.DataFrame(rows, columns=YEAR_COLUMNS)


def with_built(pi: phasing.PhasingInput, built: tuple[Built, ...] | list[Built],
               from_year: int | None, starts: dict[str, int] | None = None
               ) -> phasing.PhasingInput:
    """``pi`` with the recorded openings ``built`` fixed as built projects and the others
    starting from ``from_year``, where nothing forces a change in the year ``starts`` gives
    (project id -> start year: the approved phasing; the rest of a split project keeps its
    project's)."""
    by_pair: dict[tuple[str, str], list[phasing.Project]] = {}
    for p in pi.projects:
        by_pair.setdefault((p.municipality, p.service), []).append(p)
    region_of = {p.municipality: p.region for p in pi.projects}
    groups = _grouped(built)
    out = [p for p in pi.projects if (p.municipality, p.service) not in groups]
    for (code, service), records in groups.items():
        queue = list(by_pair.get((code, service), []))
        for year, places, investment in records:
            left = float(places)
            while left > TOLERANCE and queue:
                project = queue.pop(0)
                take = min(left, project.places)
                done, rest = _split(project, take)
                out.append(replace(done, investment_eur=investment * take / places,
                                   built_year=year))
                if rest is not None:
                    queue.insert(0, rest)
                left -= take
            if left > TOLERANCE:
                out.append(phasing.Project(
                    id=f"{code}:{service}:built{year}", region=region_of.get(code, ""),
                    municipality=code, service=service, places=left,
                    investment_eur=investment * left / places, running_eur_per_year=0.0,
                    clients=0.0, built_year=year))
        out.extend(queue)
    starts = starts or {}
    preferred = {p.id: starts[p.id.removesuffix(":rest")] for p in out
                 if p.built_year is None and p.id.removesuffix(":rest") in starts}
    return replace(pi, projects=out, from_year=from_year, preferred_starts=preferred)


def _grouped(built: tuple[Built, ...] | list[Built]
             ) -> dict[tuple[str, str], list[tuple[int, int, float]]]:
    out: dict[tuple[str, str], list[tuple[int, int, float]]] = {}
    for code, service, year, places, investment in sorted(built):
        if places > 0:
            out.setdefault((code, service), []).append((int(year), int(places),
                                                       float(investment)))
    return out


def _split(project: phasing.Project, places: float
           ) -> tuple[phasing.Project, phasing.Project | None]:
    """``project`` as ``places`` built and the rest (None when nothing is left)."""
    if places >= project.places - TOLERANCE:
        return project, None
    share = places / project.places

    def part(k: float, suffix: str) -> phasing.Project:
        return replace(project, id=project.id + suffix, places=project.places * k,
                       investment_eur=project.investment_eur * k,
                       running_eur_per_year=project.running_eur_per_year * k,
                       clients=project.clients * k, leavers=project.leavers * k,
                       branches={b: v * k for b, v in project.branches.items()})

    return part(share, ":built"), part(1 - share, ":rest")
