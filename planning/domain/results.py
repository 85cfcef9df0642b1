"""What a result means to people: coverage, places, budget use, institutions, comparisons.

Pure functions over an optimizer ``Solution`` and the scenario's ``ScenarioInputs``; pages
and exports draw these tables, so every figure is computed once.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from optimizer.solution import Solution
from planning.domain import geo, priorities, reference
from planning.domain.catalogue import Catalogue, load_catalogue
from planning.domain.inputs import ScenarioInputs

KEY_FIGURES = (
    "need_persons",
    "served_persons",
    "unserved_persons",
    "need_clients",
    "served_clients",
    "unmet_clients",
    "new_places",
    "new_facilities",
    "centres",
    "investment_eur",
    "erdf_eur",
    "cofinancing_eur",
    "running_eur_per_year",
    "staff",
    "mentors",
    "home_clients",
    "home_staff",
    "home_eur_per_year",
    "mean_km_per_client",
)
PLACE_COLUMNS = ["new_places", "new_facilities", "investment_eur", "running_eur_per_year", "staff"]
PERSON_COLUMNS = ["persons", "served", "unserved"]


@dataclass(frozen=True)
class ScenarioResult:
    """One scenario's inputs and solution, under a label people recognise."""

    label: str
    inputs: ScenarioInputs
    solution: Solution


def _municipality_names(division: str) -> pd.DataFrame:
    return geo.municipalities(division)[["atvk_code", "name_lv", "name_en", "planning_region"]]


def headline_need(totals: dict[str, float]) -> tuple[float, float, str]:
    """(need, served, catalogue id of its label): persons where the result counts them,
    clients for a result stored before whole persons."""
    if "need_persons" in totals:
        return totals["need_persons"], totals["served_persons"], "results.need_persons"
    return totals["need_clients"], totals["served_clients"], "results.need"


def coverage(result: ScenarioResult) -> pd.DataFrame:
    """Per municipality: need, served, unmet, share of assessed need met, and the share of
    the whole (estimated) eligible population reached — DI reached only about a tenth."""
    munis = result.solution.municipalities[
        ["municipality", "need", "served", "unmet", "participating"]
    ].rename(columns={"municipality": "atvk_code"})
    eligible = (
        reference.eligible_population(result.inputs.division)
        .groupby("atvk_code")["eligible"]
        .sum()
    )
    out = munis.merge(_municipality_names(result.inputs.division), on="atvk_code", how="left")
    out["eligible"] = out["atvk_code"].map(eligible).fillna(0).astype(int)
    out["coverage"] = (out["served"] / out["need"]).where(out["need"] > 0)
    out["coverage_of_eligible"] = (out["served"] / out["eligible"]).where(out["eligible"] > 0)
    return out


def places_by_municipality_service(result: ScenarioResult) -> pd.DataFrame:
    """New places, facilities, investment, running cost and staff per municipality x service."""
    sites = result.solution.sites
    sites = sites[(sites["new_places"] > 0) | (sites["new_facilities"] > 0)]
    out = sites.rename(columns={"municipality": "atvk_code"})[
        ["atvk_code", "service", "existing_places", *PLACE_COLUMNS]
    ]
    return out.merge(_municipality_names(result.inputs.division), on="atvk_code", how="left")


CENTRE_COLUMNS = ["atvk_code", "name_lv", "name_en", "centre", "services", "new_places",
                  "clients", "shared_investment_eur", "shared_running_eur_per_year",
                  "centre_cost_eur", "separate_cost_eur", "not_viable_alone"]


def centre_units(result: ScenarioResult) -> pd.DataFrame:
    """The units of each multifunctional centre: service, slot (the groups that share its
    rooms), new places and clients, per municipality."""
    units = result.solution.centres.rename(columns={"municipality": "atvk_code"})
    return units.merge(_municipality_names(result.inputs.division), on="atvk_code", how="left")


def centres(result: ScenarioResult, catalogue: Catalogue | None = None) -> pd.DataFrame:
    """Each centre with why it was chosen: its cost for a year (places, the shared
    investment and a year of shared running cost) against the same places as separate
    facilities (each service its own facility of at least its least size, with the
    per-facility costs), and the services whose clients could not fill a separate facility
    to the least occupancy (so separately they would not be served there at all)."""
    cat = result.inputs.catalogue(catalogue or load_catalogue())
    units = centre_units(result)
    if units.empty:
        return pd.DataFrame(columns=CENTRE_COLUMNS)
    occupancy = (cat.rules.min_occupancy if result.inputs.min_occupancy is None
                 else result.inputs.min_occupancy)
    rows = []
    units = units.assign(site_id=units["site_id"] if "site_id" in units else "")
    for (code, _site, cid), group in units.groupby(["atvk_code", "site_id", "centre"],
                                                   sort=True):
        norm = cat.centres[cid]
        here, alone, weak = 0.0, 0.0, []
        for sid, unit in group.groupby("service"):
            svc = cat.services[sid]
            places, clients = float(unit["new_places"].sum()), float(unit["clients"].sum())
            here += places * (svc.investment_per_place + svc.running_cost_per_place_year)
            least = max(places, svc.min_places)
            alone += (least * (svc.investment_per_place + svc.running_cost_per_place_year)
                      + svc.investment_per_facility + svc.running_cost_per_facility_year)
            if clients < occupancy * svc.clients_per_place * svc.min_places - 1e-9:
                weak.append(sid)
        shared = norm.investment_per_centre + norm.running_cost_per_centre_year
        first = group.iloc[0]
        rows.append({"atvk_code": code, "name_lv": first["name_lv"], "name_en": first["name_en"],
                     "centre": cid, "services": sorted(set(group["service"])),
                     "new_places": int(group["new_places"].sum()),
                     "clients": float(group["clients"].sum()),
                     "shared_investment_eur": norm.investment_per_centre,
                     "shared_running_eur_per_year": norm.running_cost_per_centre_year,
                     "centre_cost_eur": here + shared, "separate_cost_eur": alone,
                     "not_viable_alone": weak})
    return pd.DataFrame(rows, columns=CENTRE_COLUMNS)


def budget_use(result: ScenarioResult) -> pd.DataFrame:
    """Per region: investment used against the budget, ERDF and co-financing parts."""
    regions = result.solution.regions.drop(columns=["erdf_eur"], errors="ignore")
    regions["investment_share_used"] = (
        regions["investment_eur"] / regions["investment_budget_eur"]
    ).where(regions["investment_budget_eur"] > 0)
    munis = result.solution.municipalities
    by_region = munis.groupby("region")[["erdf_eur", "cofinancing_eur"]].sum()
    return regions.merge(by_region, left_on="region", right_index=True, how="left")


def unmet_by_cause(result: ScenarioResult) -> pd.DataFrame:
    """Unmet clients per cause, largest first."""
    unmet = result.solution.unmet
    if unmet.empty:
        return pd.DataFrame(columns=["cause", "unmet"])
    out = unmet.groupby("cause", as_index=False)["unmet"].sum()
    return out[out["unmet"] > 0].sort_values("unmet", ascending=False, ignore_index=True)


def institution_places(result: ScenarioResult, catalogue: Catalogue | None = None) -> pd.DataFrame:
    """Net places left in institutions per region and group after the plan.

    People leave an institution for a new residential place of their group in their region;
    freed places count as closed unless the institution admits new people (admissions are
    an input: ``admissions_per_year``, empty = none). Net = current - moved out + admissions.
    """
    catalogue = catalogue or load_catalogue()
    inst = reference.institutions(result.inputs.division)
    region_of = geo.municipalities(result.inputs.division).set_index("atvk_code")[
        "planning_region"
    ]
    inst["region"] = inst["atvk_code"].map(region_of)
    residential = {s.id for s in catalogue.services.values() if s.kind == "residential"}
    flows = result.solution.flows
    flows = flows[flows["service"].isin(residential)].copy()
    flows["region"] = flows["origin"].map(region_of)
    moved = flows.groupby(["region", "group"])["clients"].sum()
    rows = []
    for column, group in reference.INSTITUTION_CLIENT_COLUMNS.items():
        current = inst.groupby("region")[column].sum()
        admissions = pd.to_numeric(inst["admissions_per_year"], errors="coerce").fillna(0)
        admitted = admissions.where(inst[column] > 0, 0).groupby(inst["region"]).sum()
        for region in result.inputs.regions():
            now = int(current.get(region, 0))
            if now == 0:
                continue
            out = min(float(moved.get((region, group), 0.0)), now)
            rows.append({
                "region": region, "group": group, "current_clients": now,
                "moved_to_community": round(out, 1),
                "admissions_per_year": float(admitted.get(region, 0.0)),
                "net_places_left": round(now - out + float(admitted.get(region, 0.0)), 1),
            })
    return pd.DataFrame(rows, columns=["region", "group", "current_clients",
                                       "moved_to_community", "admissions_per_year",
                                       "net_places_left"])


@dataclass(frozen=True)
class PlanRules:
    """The rules a result followed: how its goals were combined and who came first.

    ``priority_mode`` is ``strict``, ``weighted`` or ``none`` (everyone alike, no
    ``priority_order``); ``priority_weights`` count in the weighted mode only."""

    goal_kind: str
    goal_order: tuple[str, ...]
    priority_mode: str
    priority_order: tuple[str, ...]
    priority_weights: Mapping[str, float]


def plan_rules(inputs: ScenarioInputs, catalogue: Catalogue | None = None) -> PlanRules:
    """The rules of ``inputs``: the scenario's own settings, the catalogue's where it has
    none (as the optimizer's instance is built)."""
    catalogue = catalogue or load_catalogue()
    mode = inputs.priority_mode or catalogue.priorities.mode
    return PlanRules(
        goal_kind=inputs.goal_kind, goal_order=tuple(inputs.goal_order), priority_mode=mode,
        priority_order=() if mode == "none" else priorities.scenario_order(inputs, catalogue),
        priority_weights=priorities.scenario_weights(inputs, catalogue))


def _person_sums(persons: pd.DataFrame, by: str) -> pd.DataFrame:
    """Sums of persons to 0.001, as a sweep keeps them: the goals' tolerances leave noise of
    about 1e-13 per person record, and a table showed 143.99999999999966 served persons."""
    return persons.groupby(by, sort=False)[PERSON_COLUMNS].sum().astype(float).round(3)


def persons_by_priority(result: ScenarioResult, catalogue: Catalogue | None = None
                        ) -> pd.DataFrame:
    """Persons in need, served and unserved per priority class, in the scenario's order
    (classes of the order without persons as 0, persons of no class last); empty for a
    result stored before whole persons."""
    persons = result.solution.persons
    if persons.empty:
        return pd.DataFrame(columns=["priority", *PERSON_COLUMNS])
    sums = _person_sums(persons, "priority")
    order = plan_rules(result.inputs, catalogue).priority_order
    keys = [*order, *sorted(set(sums.index) - set(order))]
    return sums.reindex(keys, fill_value=0.0).rename_axis("priority").reset_index()


def persons_by_municipality(result: ScenarioResult) -> pd.DataFrame:
    """Persons in need, served and unserved per municipality (index: ATVK code); empty for
    a result stored before whole persons."""
    persons = result.solution.persons
    if persons.empty:
        return pd.DataFrame(columns=PERSON_COLUMNS)
    return _person_sums(persons, "municipality")


def persons_by_package(result: ScenarioResult) -> pd.DataFrame:
    """Persons in need, served and unserved per package (service ids joined by ``+``), the
    cause that leaves most of its unserved persons without it ("" when all are served),
    most persons first."""
    persons = result.solution.persons
    if persons.empty:
        return pd.DataFrame(columns=["package", *PERSON_COLUMNS, "cause"])
    sums = _person_sums(persons, "package")
    short = persons[persons["unserved"] > 0]
    causes = (short.groupby(["package", "cause"])["unserved"].sum().sort_values(ascending=False)
              .reset_index().drop_duplicates("package").set_index("package")["cause"])
    out = sums.rename_axis("package").reset_index()
    # as text before filling: with no package short, the map gives floats (NaN) and pandas
    # will refuse to fill a float column with ""
    out["cause"] = out["package"].map(causes).astype(object).fillna("")
    return out.sort_values(["persons", "package"], ascending=[False, True], ignore_index=True)


def unserved_by_cause(result: ScenarioResult) -> pd.DataFrame:
    """Unserved persons per cause (that of the first service of their package left short),
    largest first."""
    persons = result.solution.persons
    short = persons[persons["unserved"] > 0]
    if short.empty:
        return pd.DataFrame(columns=["cause", "unserved"])
    out = short.groupby("cause", as_index=False)["unserved"].sum()
    return out.sort_values(["unserved", "cause"], ascending=[False, True], ignore_index=True)


def facilities_by_service(result: ScenarioResult) -> pd.DataFrame:
    """New facilities, new places and investment per service (the services with any)."""
    sites = result.solution.sites
    sums = sites.groupby("service", as_index=False)[
        ["new_facilities", "new_places", "investment_eur"]].sum()
    return sums[(sums["new_places"] > 0) | (sums["new_facilities"] > 0)].reset_index(drop=True)


def key_figures(results: list[ScenarioResult]) -> pd.DataFrame:
    """Side by side: one column per scenario, one row per key figure."""
    data = {
        r.label: {k: r.solution.totals.get(k) for k in KEY_FIGURES} for r in results
    }
    return pd.DataFrame(data).reindex(KEY_FIGURES)


def places_difference(results: list[ScenarioResult]) -> pd.DataFrame:
    """New places per municipality x service in each scenario, and the change from the first."""
    if not results:
        return pd.DataFrame()
    frames = []
    for r in results:
        sites = r.solution.sites[["municipality", "service", "new_places"]]
        frames.append(sites.set_index(["municipality", "service"])["new_places"].rename(r.label))
    table = pd.concat(frames, axis=1).fillna(0).astype(int)
    base = results[0].label
    for r in results[1:]:
        table[f"Δ {r.label}"] = table[r.label] - table[base]
    table = table[(table[[r.label for r in results]] != 0).any(axis=1)]
    return table.reset_index().rename(columns={"municipality": "atvk_code"})


def coverage_by_region(results: Mapping[str, ScenarioResult]) -> pd.DataFrame:
    """Share of assessed need met per region, one column per scenario (for charts)."""
    data = {}
    for label, r in results.items():
        reg = r.solution.regions.set_index("region")
        data[label] = (reg["served"] / reg["need"]).where(reg["need"] > 0)
    return pd.DataFrame(data)
