"""A solved plan over the years of a horizon: what opens when, who moves out, which branches
close (issue 15, first part).

The scenario's allocation decides what to build with the whole horizon's money;
:func:`phase_plan` decides when, with :mod:`optimizer.phasing`. This module maps a
``ScenarioResult`` to its input:

* one project per new facility of a site: a site's new places split as evenly as whole
  places go, its investment, running cost and clients in new places (its clients times the
  new share of its places) in proportion;
* a leaver (a person of the class ``leavers`` or ``leavers.<institution>``) moves out when
  the residential place of their package opens; a site's leavers are the served leavers of
  each origin and group, spread over the sites by the plan's flows of that residential
  service, and those in existing places have moved from the first year;
* each region's investment budget is spread over the years by ``Horizon.budget_shares``;
  by default evenly over the years in which money can still open the quickest service
  within the horizon; a region without a budget has no yearly limit;
* a branch is an institution of the embedded data in the plan's regions; its residents are
  its clients today; only leavers the persons file names by the branch count as its
  residents placed, so a branch closes only where the plan says whose places they are;
* an amendment (``ScenarioInputs.built``, ``remaining_from``) keeps the openings already
  built fixed in their years and phases the rest from the remaining years, keeping the
  approved phasing's years where nothing forces a change
  (:func:`planning.domain.progress.with_built`).
"""

from __future__ import annotations

from collections import defaultdict

import pandas as pd

from optimizer import phasing
from optimizer.errors import InfeasibleError
from planning.domain import priorities, progress, reference
from planning.domain.catalogue import Catalogue, load_catalogue
from planning.domain.errors import InputError
from planning.domain.horizon import Horizon, horizon_problems
from planning.domain.results import ScenarioResult
from planning.i18n import msg

LEAVERS = "leavers"


def _closure_problems(branches: list[phasing.Branch]) -> list[InputError]:
    """A closure year fixed for a branch that cannot close: the plan does not house all its
    residents, or its admissions go on."""
    found = []
    for b in branches:
        if b.closure_year is None or phasing.closable(b):
            continue
        reason = "admissions" if b.placed_in_plan >= b.residents else "not_housed"
        why = msg(f"phasing.reason.{reason}", placed=round(b.placed_in_plan),
                  residents=round(b.residents))
        found.append(InputError(msg("phasing.cannot_close", branch=_branch_name(b.id),
                                    year=b.closure_year, reason=why),
                                column="closure_years", value=b.id))
    return found


def _branch_name(iid: str) -> str:
    return priorities.institutions().get(iid, (iid, ""))[0]


def phase_plan(result: ScenarioResult, horizon: Horizon | None = None,
               catalogue: Catalogue | None = None, solver: str = "highs"
               ) -> phasing.PhasedPlan:
    """The result phased over ``horizon`` (the scenario's own when not given); ``InputError``
    (the first problem) when the horizon cannot be used."""
    horizon = horizon or result.inputs.horizon()
    try:
        return phasing.phase(phasing_input(result, horizon, catalogue, solver), solver)
    except InfeasibleError as exc:
        fixed = ", ".join(f"{_branch_name(b)} {year}"
                          for b, year in sorted(horizon.closure_years.items()))
        raise InputError(msg("phasing.closure_infeasible", branches=fixed),
                         column="closure_years") from exc


def phasing_input(result: ScenarioResult, horizon: Horizon,
                  catalogue: Catalogue | None = None, solver: str = "highs"
                  ) -> phasing.PhasingInput:
    catalogue = result.inputs.catalogue(catalogue or load_catalogue())
    branches = _branches(result, horizon)
    found = horizon_problems(horizon, {b.id for b in branches}) or _closure_problems(branches)
    if found:
        raise found[0]
    leavers_at = _leavers_at_sites(result, catalogue)
    projects, placed_now = _projects(result, leavers_at)
    pi = phasing.PhasingInput(
        first_year=horizon.first_year, last_year=horizon.last_year, projects=projects,
        lead_years={sid: int(s.lead_years) for sid, s in catalogue.services.items()},
        budgets=_yearly_budgets(result, horizon, catalogue), branches=branches,
        leavers_placed_now=placed_now)
    inputs = result.inputs
    if not (inputs.built or inputs.remaining_from):
        return pi
    approved = phasing.phase(pi, solver).projects.dropna(subset=["start_year"])
    starts = dict(zip(approved["id"], approved["start_year"].astype(int), strict=True))
    return progress.with_built(pi, inputs.built, _remaining_from(inputs.remaining_from,
                                                                 horizon), starts)


def _remaining_from(year: int | None, horizon: Horizon) -> int | None:
    """An amendment's first remaining year, within ``horizon`` (a horizon the reader
    changed may not reach it)."""
    if year is None:
        return None
    return min(max(year, horizon.first_year), horizon.last_year)


def branch_homes(result: ScenarioResult, catalogue: Catalogue | None = None) -> pd.DataFrame:
    """Per branch the plan's persons name (``leavers.<institution>``): the investment in the
    new homes of its residents and how far those homes are from where they come from.

    * ``investment_eur``: each new facility's investment times its clients from the branch
      over its clients (``Project.branches`` / ``Project.clients``), summed over the
      facilities; existing places cost nothing;
    * ``km_mean``: the mean km of the residential service's flows from the origin
      municipality (the home the persons file gives) to the site, over the branch's served
      persons, each origin and group's flows weighted by their share of that origin and
      group's clients of the service; None when no flow carries them.
    """
    catalogue = result.inputs.catalogue(catalogue or load_catalogue())
    projects, _ = _projects(result, _leavers_at_sites(result, catalogue))
    investment: dict[str, float] = defaultdict(float)
    for p in projects:
        for iid, clients in p.branches.items():
            if p.clients > 0:
                investment[iid] += p.investment_eur * clients / p.clients
    residential = {sid for sid, s in catalogue.services.items() if s.kind == "residential"}
    flows = result.solution.flows
    flows = flows[flows["service"].isin(residential) & (flows["clients"] > 0)]
    km: dict[str, float] = defaultdict(float)
    weight: dict[str, float] = defaultdict(float)
    for row in result.solution.persons.itertuples(index=False):
        base, iid = priorities.split(str(row.priority))
        if base != LEAVERS or not iid or row.served <= 0:
            continue
        for service in str(row.package).split("+"):
            mine = flows[(flows["origin"] == row.municipality) & (flows["group"] == row.group)
                         & (flows["service"] == service)]
            total = float(mine["clients"].sum())
            if total > 0:
                km[iid] += float(row.served) * float((mine["clients"] * mine["km"]).sum()) / total
                weight[iid] += float(row.served)
    ids = sorted(set(investment) | set(weight))
    return pd.DataFrame({
        "branch": ids, "investment_eur": [investment.get(i, 0.0) for i in ids],
        "km_mean": [km[i] / weight[i] if weight.get(i) else None for i in ids]},
        columns=["branch", "investment_eur", "km_mean"])


def _region_of(result: ScenarioResult) -> dict[str, str]:
    munis = result.solution.municipalities
    return dict(zip(munis["municipality"], munis["region"], strict=True))


def _leavers_at_sites(result: ScenarioResult, catalogue: Catalogue
                      ) -> dict[tuple[str, str], dict[str, float]]:
    """(site, residential service) -> {institution id or "": served leavers housed there}."""
    residential = {sid for sid, s in catalogue.services.items() if s.kind == "residential"}
    persons = result.solution.persons
    flows = result.solution.flows
    flows = flows[flows["service"].isin(residential)]
    totals = flows.groupby(["origin", "group", "service"])["clients"].sum()
    out: dict[tuple[str, str], dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for row in persons[persons["served"] > 0].itertuples(index=False):
        base, institution = priorities.split(str(row.priority))
        if base != LEAVERS:
            continue
        for service in str(row.package).split("+"):
            if service not in residential:
                continue
            total = float(totals.get((row.municipality, row.group, service), 0.0))
            mine = flows[(flows["origin"] == row.municipality) & (flows["group"] == row.group)
                         & (flows["service"] == service)]
            for f in mine.itertuples(index=False):
                out[f.site, service][institution] += float(row.served) * f.clients / total
    return out


def _projects(result: ScenarioResult, leavers_at: dict[tuple[str, str], dict[str, float]]
              ) -> tuple[list[phasing.Project], dict[str, float]]:
    region_of = _region_of(result)
    projects: list[phasing.Project] = []
    placed_now: dict[str, float] = defaultdict(float)
    for site in result.solution.sites.itertuples(index=False):
        region = region_of.get(site.municipality, "")
        places = float(site.existing_places) + float(site.new_places)
        new_share = float(site.new_places) / places if places > 0 else 0.0
        leavers = leavers_at.get((site.municipality, site.service), {})
        placed_now[region] += sum(leavers.values()) * (1 - new_share)
        if site.new_places <= 0:
            continue
        n = max(int(site.new_facilities), 1)
        for k, size in enumerate(_split_places(int(round(site.new_places)), n)):
            part = new_share * size / float(site.new_places)
            projects.append(phasing.Project(
                id=f"{site.municipality}:{site.service}:{k + 1}", region=region,
                municipality=str(site.municipality), service=str(site.service),
                places=float(size),
                investment_eur=float(site.investment_eur) * size / float(site.new_places),
                running_eur_per_year=float(site.running_eur_per_year) * part,
                clients=float(site.clients) * part,
                leavers=sum(leavers.values()) * part,
                branches={i: v * part for i, v in leavers.items() if i}))
    return projects, dict(placed_now)


def _split_places(places: int, facilities: int) -> list[int]:
    """Whole places per facility, as even as they go (21 in 2: 11 and 10)."""
    base, extra = divmod(places, facilities)
    return [base + (1 if k < extra else 0) for k in range(facilities)]


def _yearly_budgets(result: ScenarioResult, horizon: Horizon, catalogue: Catalogue
                    ) -> dict[str, list[float]]:
    built = set(result.solution.sites.loc[result.solution.sites["new_places"] > 0, "service"])
    leads = [int(s.lead_years) for sid, s in catalogue.services.items() if sid in built]
    shares = horizon.shares(min(leads, default=0))
    out = {}
    for row in result.solution.regions.itertuples(index=False):
        budget = row.investment_budget_eur
        if budget is not None and pd.notna(budget):
            out[str(row.region)] = [float(budget) * s for s in shares]
    return out


def _branches(result: ScenarioResult, horizon: Horizon) -> list[phasing.Branch]:
    """The institutions of the result's regions, with the leavers the plan names by them."""
    regions = set(result.solution.regions["region"])
    inst = reference.institutions(result.inputs.division)
    persons = result.solution.persons
    named: dict[str, float] = defaultdict(float)
    for row in persons.itertuples(index=False):
        base, institution = priorities.split(str(row.priority))
        if base == LEAVERS and institution:
            named[institution] += float(row.served)
    region_of = _region_of(result)
    out = []
    for row in inst.itertuples(index=False):
        region = region_of.get(str(row.atvk_code))
        if region not in regions:
            continue
        iid = str(row.institution_id)
        admissions = horizon.admissions_per_year.get(iid)
        if admissions is None:
            admissions = pd.to_numeric(pd.Series([row.admissions_per_year]),
                                       errors="coerce").fillna(0).iloc[0]
        out.append(phasing.Branch(
            id=iid, region=region, residents=float(row.clients_total),
            placed_in_plan=named.get(iid, 0.0), admissions_per_year=float(admissions),
            closure_year=horizon.closure_years.get(iid)))
    return out
