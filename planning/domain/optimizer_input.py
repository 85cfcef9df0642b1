"""Turn a scenario's inputs (or the embedded data) into the optimizer's ``ProblemInput``.

The only place where the catalogue, geography and scenario inputs meet the optimizer's
plain data, so the mapping is written once.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pandas as pd

from optimizer import problem as op
from planning.domain import geo, priorities, reference
from planning.domain.catalogue import Catalogue, Service, load_catalogue
from planning.domain.home_inputs import problem_home_fields
from planning.domain.inputs import (
    PACKAGE_SEPARATOR,
    RegionBudget,
    ScenarioInputs,
    default_inputs,
)
from planning.domain.sites import optimizer_sites


def service_norm(service: Service, cap: int | None = None) -> op.ServiceNorm:
    """The optimizer's norm for one catalogue service."""
    return op.ServiceNorm(
        id=service.id,
        name=service.name_en,
        kind=service.kind,
        groups=list(service.groups),
        investment_per_place=service.investment_per_place,
        investment_per_facility=service.investment_per_facility,
        running_cost_per_facility_year=service.running_cost_per_facility_year,
        running_cost_per_day=service.running_cost_per_day,
        days_per_year=float(service.days_per_year),
        clients_per_place=service.clients_per_place,
        min_places=service.min_places,
        max_places=service.max_places,
        staff_per_facility=service.staff_per_facility,
        staff_per_place=service.staff_per_place,
        max_travel_km=service.max_travel_km,
        max_new_facilities=cap,
    )


def centre_norms(catalogue: Catalogue, munis: pd.DataFrame) -> list[op.CentreNorm]:
    """The catalogue's multifunctional centres, their incompatible ages as group pairs,
    each allowed in the municipalities of ``munis`` thin enough for it."""
    return [op.CentreNorm(c.id, c.name_lv, list(c.services),
                          municipalities=[r.atvk_code for r in munis.itertuples()
                                          if c.allowed_in(r.population, r.area_km2, r.kind)],
                          investment_per_centre=c.investment_per_centre,
                          running_cost_per_centre_year=c.running_cost_per_centre_year,
                          staff_per_centre=c.staff_per_centre,
                          min_clients=c.min_clients_per_centre,
                          incompatible=c.incompatible_groups(catalogue.groups))
            for c in catalogue.centres.values()]


def mentor_norm(catalogue: Catalogue, overrides: dict[str, float]) -> op.MentorNorm:
    m = catalogue.mentor
    return op.MentorNorm(
        groups=list(m.groups),
        clients_per_mentor=float(overrides.get("clients_per_mentor", m.clients_per_mentor)),
        hourly_rate=float(overrides.get("hourly_rate", m.hourly_rate)),
        hours_per_month_with_family=m.hours_per_month_with_family,
        hours_per_month_other=m.hours_per_month_other,
    )


def _region_budget(region: str, budget: RegionBudget, shares: list[float],
                   eligible_share: float) -> op.RegionBudget:
    """The region's money: its ERDF quota, and the total investment that quota opens.

    ERDF pays ``1 - co-financing`` of the eligible cost, so a quota Q opens at most
    Q / (least ERDF share among the region's municipalities x eligible share) of total
    investment; with one share in the region the two rows say the same."""
    erdf_share = 1 - budget.cofinancing_share
    least = min([erdf_share, *shares]) * eligible_share
    return op.RegionBudget(
        region,
        investment_eur=budget.erdf_quota_eur / least if least > 0 else None,
        running_eur_per_year=budget.running_budget_eur_per_year,
        erdf_quota_eur=budget.erdf_quota_eur,
        erdf_share=erdf_share,
    )


def priority_settings(inputs: ScenarioInputs, catalogue: Catalogue) -> op.PrioritySettings:
    """The catalogue's priority classes with the scenario's mode, order and weights;
    mode ``none``: one class for every person."""
    p = catalogue.priorities
    if inputs.priority_mode == "none":
        return op.PrioritySettings()
    return op.PrioritySettings(
        mode=inputs.priority_mode or p.mode,
        order=list(priorities.scenario_order(inputs, catalogue)),
        weights=priorities.scenario_weights(inputs, catalogue),
        residential_default=p.residential_default,
        other_default=p.other_default,
    )


def problem_from_inputs(
    inputs: ScenarioInputs, catalogue: Catalogue | None = None, name: str = ""
) -> op.ProblemInput:
    """The optimizer instance of a scenario: its region's municipalities, needs, norms,
    existing capacity, distances and budgets. Validates the inputs first (InputError)."""
    base = catalogue or load_catalogue()
    inputs.validate(base)
    cat = inputs.catalogue(base)
    munis = geo.municipalities(inputs.division)
    if inputs.region:
        munis = munis[munis["planning_region"] == inputs.region]
    codes = set(munis["atvk_code"])
    points = geo.site_points(inputs.division)
    points = points[points["atvk_code"].isin(codes)]
    km = geo.distance_matrix(points, cat.distance.detour_factor)
    sites, site_km, site_minutes = optimizer_sites(inputs, codes, points,
                                                   cat.distance.detour_factor)
    capacity = reference.existing_capacity(inputs.division)
    capacity = capacity[capacity["atvk_code"].isin(codes)]
    muni_share = {code: 1 - share for code, share in inputs.municipal_cofinancing.items()}
    region_of = dict(zip(munis["atvk_code"], munis["planning_region"], strict=True))
    eligible = cat.budget.eligible_share
    return op.ProblemInput(
        municipalities=[
            op.Municipality(r.atvk_code, r.name_lv, r.planning_region,
                            participating=r.atvk_code not in inputs.non_participating,
                            erdf_share=muni_share.get(r.atvk_code))
            for r in munis.itertuples()
        ],
        groups=list(cat.groups),
        services=[replace(service_norm(s, inputs.facility_caps.get(s.id)),
                          max_travel_minutes=inputs.travel_minutes.get(s.id, 0.0))
                  for s in cat.services.values()],
        needs=[] if inputs.persons else [
            op.Need(code, group, service, float(count), care_level=level)
            for code, group, level, service, count in inputs.needs
            if code in codes and count > 0
        ],
        persons=[
            op.PersonNeed(code, group, tuple(package.split(PACKAGE_SEPARATOR)), float(count),
                          priority=priority, care_level=level)
            for code, group, level, package, priority, count in inputs.persons
            if code in codes and count > 0
        ],
        distances={**{(i, j): float(km.loc[i, j]) for i in km.index for j in km.columns
                      if i != j}, **site_km},
        capacity=[op.Capacity(r.atvk_code, r.service, float(r.places))
                  for r in capacity.itertuples()],
        budgets=[_region_budget(r, b, [s for c, s in muni_share.items() if region_of.get(c) == r],
                                eligible)
                 for r, b in inputs.budgets.items()],
        municipality_limits=[
            op.MunicipalityLimit(code, lim.max_new_places, lim.max_new_facilities)
            for code, lim in inputs.municipal_limits.items() if code in codes
        ],
        excluded_sites=[op.ExcludedSite(code, sid) for code, sid in inputs.excluded_sites],
        mentor=mentor_norm(cat, inputs.mentor_overrides),
        equity_floor=inputs.equity_floor,
        cost_contingency=inputs.cost_contingency,
        erdf_share=cat.budget.erdf_share,
        eligible_share=eligible,
        group_weights=dict(inputs.group_priorities),
        priority=priority_settings(inputs, cat),
        day_with_residential=list(cat.rules.day_with_residential),
        min_occupancy=(cat.rules.min_occupancy if inputs.min_occupancy is None
                       else inputs.min_occupancy),
        min_clients_per_facility=cat.rules.min_clients_per_facility,
        objective=op.ObjectiveSettings(kind=inputs.goal_kind, order=list(inputs.goal_order)),
        name=name or f"{inputs.region or 'Latvia'} ({inputs.division})",
        **problem_home_fields(inputs, cat, codes, set(region_of.values())),
        sites=sites,
        minutes=site_minutes,
        centres=centre_norms(cat, munis),
    )


def build_problem_input(
    region: str | None = None,
    budget_eur: float | None = None,
    division: str = geo.DEFAULT_DIVISION,
    catalogue: Catalogue | None = None,
    settings: dict[str, Any] | None = None,
) -> op.ProblemInput:
    """An instance on the embedded data, for one region (any spelling) or all of Latvia.

    ``budget_eur`` is the total investment available to the region (quota plus
    co-financing); for a national run it is split among regions in proportion to their
    default quotas. ``settings``: scenario fields to set (``ScenarioInputs``: ``preset``,
    ``cost_contingency``, ``min_occupancy``, ``priority_mode``, ``priority_order``,
    ``goal_order``, ``goal_kind``), checked as the app checks them.
    """
    return problem_from_inputs(
        embedded_inputs(region, budget_eur, division, catalogue, settings), catalogue)


def embedded_inputs(region: str | None = None, budget_eur: float | None = None,
                    division: str = geo.DEFAULT_DIVISION, catalogue: Catalogue | None = None,
                    settings: dict[str, Any] | None = None) -> ScenarioInputs:
    """The scenario :func:`build_problem_input` solves, checked as the app checks it."""
    inputs = default_inputs(region, division, catalogue)
    if budget_eur is not None:
        inputs = with_total_budget(inputs, budget_eur)
    if settings:
        inputs = replace(inputs, **settings)
    if budget_eur is not None or settings:
        inputs.validate(catalogue)  # a budget of nan, inf or 1e308 is refused here
    return inputs


def total_investment(inputs: ScenarioInputs) -> float:
    """The regions' total investment (ERDF quotas with their co-financing), EUR."""
    return sum(b.total_investment_eur for b in inputs.budgets.values())


def with_total_budget(inputs: ScenarioInputs, budget_eur: float) -> ScenarioInputs:
    """The inputs with their regions' total investment scaled to ``budget_eur``."""
    current = total_investment(inputs)
    factor = budget_eur / current if current > 0 else 0.0
    budgets = {
        r: replace(b, erdf_quota_eur=b.erdf_quota_eur * factor)
        for r, b in inputs.budgets.items()
    }
    return replace(inputs, budgets=budgets)
