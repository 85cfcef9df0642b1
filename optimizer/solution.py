"""The result of one allocation: tables keyed by municipality code and service id, totals.

``build_solution`` turns raw values (places, facilities and flows per key) into a
``Solution``; the MILP and the greedy baseline both use it, so their results read the same.
All money is EUR; running costs are per year; ``clients`` may be fractional where the
model splits a municipality's clients between sites.

Tables (pandas DataFrames, one row per key):

* ``sites``: municipality, service, existing_places, new_places, new_facilities, clients,
  investment_eur, running_eur_per_year, staff, site_id (the imported candidate site, ``""``
  at the municipality itself; ``municipality`` is then the site's)
* ``flows``: origin, site, group, service, clients, km, site_id, minutes (``site`` is the
  municipality of the site; ``minutes`` where a travel matrix gives them)
* ``unmet``: municipality, group, service, need, served, unmet, cause, cause_detail
  (client-service pairs short of their need)
* ``persons``: municipality, group, package (service ids joined by ``+``), priority,
  persons, served, unserved, cause (a person is served only with the whole package; the
  cause is that of the first service of the package left short)
* ``municipalities``: municipality, name, region, participating, need, served, unmet,
  new_places, new_facilities, investment_eur, erdf_eur, cofinancing_eur, staff,
  running_places_eur_per_year, mentor_clients, mentors, mentor_eur_per_year,
  running_eur_per_year
* ``centres``: municipality, centre, service, slot (the groups of the unit, joined by
  ``+``), new_places, clients: the units of each multifunctional centre (DSPC); the
  centre's shared cost is in its municipality's investment, running cost and staff, and
  its places in ``sites`` (with no facility of their own); site_id as in ``sites``
* ``regions``: region, need, served, unmet, new_places, new_facilities, investment_eur,
  investment_budget_eur, erdf_eur, erdf_quota_eur, running_eur_per_year,
  running_budget_eur_per_year
"""

from __future__ import annotations

import json
import math
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from optimizer import home as home_part
from optimizer.home import HomePlan, StaffState
from optimizer.problem import PersonNeed, ProblemInput, ServiceNorm

EPS = 1e-6
UNMET_EPS = 1e-5  # below this, unmet need is solver noise (stage tolerances), not a shortfall
TABLES = ("sites", "flows", "unmet", "municipalities", "regions", "persons", "centres",
          "home", "home_staff", "adaptations", "staff_use")
COLUMNS = {
    "sites": ["municipality", "service", "existing_places", "new_places", "new_facilities",
              "clients", "investment_eur", "running_eur_per_year", "staff", "site_id"],
    "flows": ["origin", "site", "group", "service", "clients", "km", "site_id", "minutes"],
    "unmet": ["municipality", "group", "service", "need", "served", "unmet", "cause",
              "cause_detail"],
    "municipalities": ["municipality", "name", "region", "participating", "need", "served",
                       "unmet", "new_places", "new_facilities", "investment_eur", "erdf_eur",
                       "cofinancing_eur", "staff", "running_places_eur_per_year",
                       "mentor_clients", "mentors", "mentor_eur_per_year",
                       "running_eur_per_year", "centres", "home_clients", "home_staff",
                       "home_eur_per_year", "adaptations"],
    "regions": ["region", "need", "served", "unmet", "new_places", "new_facilities",
                "investment_eur", "investment_budget_eur", "erdf_eur", "erdf_quota_eur",
                "running_eur_per_year", "running_budget_eur_per_year"],
    "persons": ["municipality", "group", "package", "priority", "persons", "served",
                "unserved", "cause"],
    "centres": ["municipality", "centre", "service", "slot", "new_places", "clients",
                "site_id"],
    **home_part.COLUMNS,
}
CAUSES = ("budget", "running_budget", "reach", "non_participating", "excluded_site",
          "facility_cap", "municipality_limit", "too_few", "heuristic", "time_limit",
          "plan_no_site", "plan_full", "staff", "dwellings")


@dataclass
class Solution:
    """One allocation with its tables, totals and how the solver got there.

    ``status`` is ``optimal``, ``time_limit`` (best solution found, ``gap`` says how far
    from optimal it may be) or ``heuristic`` (the greedy baseline). ``objective`` holds the
    three goal values whatever the objective setting: ``unmet_weighted``,
    ``distance_km_weighted`` and ``cost_eur``.
    """

    status: str
    solver: str
    method: str
    seconds: float
    gap: float | None
    objective: dict[str, float]
    totals: dict[str, float]
    sites: pd.DataFrame
    flows: pd.DataFrame
    unmet: pd.DataFrame
    municipalities: pd.DataFrame
    regions: pd.DataFrame
    stages: list[dict[str, Any]] = field(default_factory=list)
    persons: pd.DataFrame = field(
        default_factory=lambda: pd.DataFrame(columns=COLUMNS["persons"]))
    centres: pd.DataFrame = field(
        default_factory=lambda: pd.DataFrame(columns=COLUMNS["centres"]))
    home: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=COLUMNS["home"]))
    home_staff: pd.DataFrame = field(
        default_factory=lambda: pd.DataFrame(columns=COLUMNS["home_staff"]))
    adaptations: pd.DataFrame = field(
        default_factory=lambda: pd.DataFrame(columns=COLUMNS["adaptations"]))
    staff_use: pd.DataFrame = field(
        default_factory=lambda: pd.DataFrame(columns=COLUMNS["staff_use"]))

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "status": self.status, "solver": self.solver, "method": self.method,
            "seconds": self.seconds, "gap": self.gap, "objective": self.objective,
            "totals": self.totals, "stages": self.stages,
        }
        for name in TABLES:
            out[name] = _records(getattr(self, name))
        return out

    def to_json(self, indent: int | None = 1) -> str:
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Solution:
        tables = {name: pd.DataFrame(data.get(name, []), columns=COLUMNS[name])
                  for name in TABLES}
        for name in ("sites", "flows", "centres"):  # stored before candidate sites
            tables[name]["site_id"] = tables[name]["site_id"].astype(object).fillna("")
        return cls(status=data["status"], solver=data["solver"], method=data["method"],
                   seconds=data["seconds"], gap=data["gap"], objective=data["objective"],
                   totals=data["totals"], stages=data.get("stages", []), **tables)

    def places(self) -> dict[tuple[str, str], int]:
        """New places per (municipality, service) with any (its sites' together)."""
        out: dict[tuple[str, str], int] = defaultdict(int)
        for r in self.sites.itertuples():
            if r.new_places > 0:
                out[(r.municipality, r.service)] += int(r.new_places)
        return dict(out)


def _records(df: pd.DataFrame) -> list[dict[str, Any]]:
    return [{k: _plain(v) for k, v in row.items()} for row in df.to_dict("records")]


def _plain(value: Any) -> Any:
    if hasattr(value, "item"):
        return value.item()
    return value


# ---------------------------------------------------------------------- building
@dataclass
class _Raw:
    places: dict[tuple[str, str], int]
    facilities: dict[tuple[str, str], int]
    flows: dict[tuple[str, str, str, str], float]
    hosted: dict[tuple[str, str, int], int] = field(default_factory=dict)


def build_solution(
    pi: ProblemInput,
    places: dict[tuple[str, str], float],
    facilities: dict[tuple[str, str], float],
    flows: dict[tuple[str, str, str, str], float],
    *,
    status: str,
    solver: str,
    method: str,
    seconds: float,
    gap: float | None,
    stages: list[dict[str, Any]] | None = None,
    unserved: dict[int, float] | None = None,
    hosted: dict[tuple[str, str, int], float] | None = None,
    home: HomePlan | None = None,
) -> Solution:
    """Compute every table and total from new places/facilities per (site, service) and
    clients per (origin, site, group, service); ``unserved`` persons per record of
    ``pi.person_table()`` (the model's own; derived from the flows when not given, as for
    the greedy baseline); ``hosted`` places per (site, service, slot) in a centre's unit
    (slot k of ``CentreNorm.slots``); ``home`` the clients served at home and the persons
    adapted (``optimizer.home``)."""
    plan = home_part.clean(home)
    raw = _Raw(
        places={k: round(v) for k, v in places.items() if round(v) > 0},
        facilities={k: round(v) for k, v in facilities.items() if round(v) > 0},
        flows={k: _snap(v) for k, v in flows.items() if v > EPS},
        hosted={k: round(v) for k, v in (hosted or {}).items() if round(v) > 0},
    )
    services = {s.id: s for s in pi.services}
    sites = _sites_table(pi, raw, services)
    flow_df = _flows_table(pi, raw)
    served = _served(raw)
    mentors = _mentor_table(pi, served)
    for key, v in plan.served(pi).items():
        served[key] += v
    fallback = "time_limit" if status == "time_limit" else (
        "heuristic" if method == "greedy" else "budget")
    unmet = _unmet_table(pi, raw, served, services, fallback, StaffState(pi, plan))
    records = pi.person_table()
    if unserved is None:
        unserved = unserved_from_flows(pi, served)
    persons = _persons_table(records, unserved, unmet)
    centres = _centres_table(pi, raw)
    tables = {"home": home_part.home_table(pi, plan),
              "home_staff": home_part.staff_table(pi, plan),
              "adaptations": home_part.adaptation_table(pi, plan)}
    tables["staff_use"] = home_part.staff_use_table(pi, tables["home_staff"], unmet)
    at_home = home_part.municipality_sums(pi, tables["home"], tables["home_staff"],
                                          tables["adaptations"])
    munis = _municipality_table(pi, sites, served, mentors, centres, at_home)
    regions = _region_table(pi, munis)
    totals = {**_totals(pi, munis, flow_df, unmet), **_person_totals(pi, persons)}
    objective = {
        "unmet_weighted": totals["unmet_weighted"],
        "distance_km_weighted": totals["distance_km_weighted"],
        "cost_eur": totals["cost_eur"],
    }
    return Solution(status=status, solver=solver, method=method, seconds=seconds, gap=gap,
                    objective=objective, totals=totals, sites=sites, flows=flow_df,
                    unmet=unmet, municipalities=munis, regions=regions, stages=stages or [],
                    persons=persons, centres=centres, **tables)


def unserved_from_flows(pi: ProblemInput, served: dict[tuple[str, str, str], float]
                        ) -> dict[int, float]:
    """Unserved persons per record from clients served per (origin, group, service): the
    records in priority order (``PrioritySettings.order``) take what their whole package
    allows; a person without the whole package counts as unserved."""
    rank = {c: k for k, c in enumerate(pi.priority.order)}
    left = dict(served)
    records = pi.person_table()
    out: dict[int, float] = {}
    for k in sorted(range(len(records)), key=lambda k: rank.get(records[k].priority, len(rank))):
        p = records[k]
        keys = [(p.municipality, p.group, s) for s in p.package]
        whole = min([p.persons, *(left.get(key, 0.0) for key in keys)])
        whole = math.floor(whole + UNMET_EPS) if float(p.persons).is_integer() else whole
        for key in keys:
            left[key] = left.get(key, 0.0) - whole
        out[k] = p.persons - whole
    return out


def _persons_table(records: list[PersonNeed], unserved: dict[int, float],
                   unmet: pd.DataFrame) -> pd.DataFrame:
    causes = {(r.municipality, r.group, r.service): r.cause for r in unmet.itertuples()}
    rows = []
    for k, p in enumerate(records):
        left = max(min(unserved.get(k, p.persons), p.persons), 0.0)
        left = 0.0 if left <= UNMET_EPS else left
        cause = next((causes[(p.municipality, p.group, s)] for s in p.package
                      if (p.municipality, p.group, s) in causes), "") if left else ""
        rows.append({"municipality": p.municipality, "group": p.group,
                     "package": "+".join(p.package), "priority": p.priority,
                     "persons": p.persons, "served": p.persons - left, "unserved": left,
                     "cause": cause})
    return pd.DataFrame(rows, columns=COLUMNS["persons"])


def _person_totals(pi: ProblemInput, persons: pd.DataFrame) -> dict[str, float]:
    """Persons in need, served and unserved; ``unmet_weighted``, the model's unmet goal:
    unserved persons weighted by group (and by class in the weighted priority mode)."""
    weighted = sum(pi.group_weight(r.group) * pi.class_weight(r.priority) * r.unserved
                   for r in persons.itertuples())
    return {"need_persons": float(persons["persons"].sum()),
            "served_persons": float(persons["served"].sum()),
            "unserved_persons": float(persons["unserved"].sum()),
            "unmet_weighted": float(weighted)}


def _snap(value: float) -> float:
    """A flow to the whole number within the solvers' tolerances of it (0.999999 clients
    is one client: published counts and their sums must add up exactly), else to 1e-6."""
    whole = round(value)
    return float(whole) if abs(value - whole) < UNMET_EPS else round(value, 6)


def _served(raw: _Raw) -> dict[tuple[str, str, str], float]:
    served: dict[tuple[str, str, str], float] = defaultdict(float)
    for (i, _j, g, s), v in raw.flows.items():
        served[(i, g, s)] += v
    return served


def _sites_table(pi: ProblemInput, raw: _Raw, services: dict[str, ServiceNorm]) -> pd.DataFrame:
    cap = pi.capacity_table()
    clients: dict[tuple[str, str], float] = defaultdict(float)
    for (_i, j, _g, s), v in raw.flows.items():
        clients[(j, s)] += v
    keys = sorted(set(cap) | set(raw.places) | set(clients))
    rows = []
    for j, s in keys:
        svc = services[s]
        y, n = raw.places.get((j, s), 0), raw.facilities.get((j, s), 0)
        rows.append({
            "municipality": pi.site_municipality(j), "service": s,
            "existing_places": cap.get((j, s), 0.0),
            "new_places": y, "new_facilities": n, "clients": clients.get((j, s), 0.0),
            "investment_eur": pi.investment_per_place(svc) * y
            + pi.investment_per_facility(svc) * n,
            "running_eur_per_year": svc.running_cost_per_place_year * y
            + svc.running_cost_per_facility_year * n,
            "staff": svc.staff_per_facility * n + svc.staff_per_place * y,
            "site_id": j if pi.site(j) is not None else "",
        })
    return pd.DataFrame(rows, columns=COLUMNS["sites"])


def _centres_table(pi: ProblemInput, raw: _Raw) -> pd.DataFrame:
    """One row per unit of a centre: its slot's groups, places and clients."""
    norm = {s: c for c in pi.centres for s in c.services}
    rows = []
    for (j, s, k), places in sorted(raw.hosted.items()):
        groups = norm[s].slots(pi.service(s).groups)[k]
        clients = sum(v for (_i, site, g, t), v in raw.flows.items()
                      if site == j and t == s and g in groups)
        rows.append({"municipality": pi.site_municipality(j), "centre": norm[s].id,
                     "service": s, "slot": "+".join(groups), "new_places": places,
                     "clients": clients, "site_id": j if pi.site(j) is not None else ""})
    return pd.DataFrame(rows, columns=COLUMNS["centres"])


def centre_costs(pi: ProblemInput, centres: pd.DataFrame) -> dict[str, dict[str, float]]:
    """The shared cost of the centres per municipality: ``centres``, ``investment_eur``
    (with the contingency), ``running_eur_per_year``, ``staff``."""
    norms = {c.id: c for c in pi.centres}
    out: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for j, _site, cid in sorted({(r.municipality, r.site_id, r.centre)
                                 for r in centres.itertuples()}):
        c = norms[cid]
        out[j]["centres"] += 1
        out[j]["investment_eur"] += (1.0 + pi.cost_contingency) * c.investment_per_centre
        out[j]["running_eur_per_year"] += c.running_cost_per_centre_year
        out[j]["staff"] += c.staff_per_centre
    return out


def _flows_table(pi: ProblemInput, raw: _Raw) -> pd.DataFrame:
    rows = [{"origin": i, "site": pi.site_municipality(j), "group": g, "service": s,
             "clients": v, "km": pi.distance(i, j),
             "site_id": j if pi.site(j) is not None else "",
             "minutes": pi.minutes.get((i, j))} for (i, j, g, s), v in sorted(raw.flows.items())]
    return pd.DataFrame(rows, columns=COLUMNS["flows"])


def _mentor_table(pi: ProblemInput, served: dict[tuple[str, str, str], float]
                  ) -> dict[str, tuple[float, int, float]]:
    """Per municipality: (mentor clients, mentors, mentor EUR/year).

    One person may use several services, so the mentor clients of a group are those of its
    most-used service (the fewest persons consistent with the flows)."""
    if pi.mentor is None:
        return {}
    m = pi.mentor
    hours = pi.mentor_hours_per_month()
    most: dict[tuple[str, str], float] = defaultdict(float)
    for (i, g, _s), v in served.items():
        if g in m.groups:
            most[(i, g)] = max(most[(i, g)], v)
    out: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0])
    for (i, g), clients in most.items():
        out[i][0] += clients
        out[i][1] += clients * hours.get((i, g), m.hours_per_month_other) * 12 * m.hourly_rate
    return {i: (c, math.ceil(c / m.clients_per_mentor - EPS), eur) for i, (c, eur) in out.items()}


def _unmet_table(pi: ProblemInput, raw: _Raw, served: dict[tuple[str, str, str], float],
                 services: dict[str, ServiceNorm], fallback: str, staff: StaffState
                 ) -> pd.DataFrame:
    state = _BindingState(pi, raw, services, served)
    rows = []
    for (i, g, s), need in sorted(pi.need_table().items()):
        got = served.get((i, g, s), 0.0)
        if need - got <= UNMET_EPS:
            continue
        if s in services:
            cause, detail = state.cause(i, s, fallback)
        else:
            cause, detail = staff.cause(i, s) or state.home_cause(i, s, fallback, staff)
        rows.append({"municipality": i, "group": g, "service": s, "need": need, "served": got,
                     "unmet": need - got, "cause": cause, "cause_detail": detail})
    return pd.DataFrame(rows, columns=COLUMNS["unmet"])


class _BindingState:
    """Which limits are used up in a raw allocation, to name the cause of unmet need."""

    def __init__(self, pi: ProblemInput, raw: _Raw, services: dict[str, ServiceNorm],
                 served: dict[tuple[str, str, str], float]) -> None:
        self.pi = pi
        self.services = services
        self.region_of = {j: pi.site_region(j) for j in pi.site_codes()}
        self.short = {k: v - served.get(k, 0.0) for k, v in pi.need_table().items()}
        self.invest: dict[str, float] = defaultdict(float)
        self.running: dict[str, float] = defaultdict(float)
        self.erdf: dict[str, float] = defaultdict(float)
        self.facilities_of_service: dict[str, int] = defaultdict(int)
        self.muni_places: dict[str, int] = defaultdict(int)
        self.muni_facilities: dict[str, int] = defaultdict(int)
        self.muni_staff: dict[str, float] = defaultdict(float)
        for (j, s), y in raw.places.items():
            svc, n = services[s], raw.facilities.get((j, s), 0)
            r = self.region_of[j]
            invest = pi.investment_per_place(svc) * y + pi.investment_per_facility(svc) * n
            self.invest[r] += invest
            self.erdf[r] += pi.erdf_of(j, invest)
            self.running[r] += svc.running_cost_per_place_year * y \
                + svc.running_cost_per_facility_year * n
            self.muni_places[pi.site_municipality(j)] += y
            self.muni_staff[pi.site_municipality(j)] += \
                svc.staff_per_facility * n + svc.staff_per_place * y
        for (j, s), n in raw.facilities.items():
            self.facilities_of_service[s] += n
            self.muni_facilities[pi.site_municipality(j)] += n

    def cause(self, i: str, s: str, fallback: str) -> tuple[str, str]:
        pi, svc = self.pi, self.services[s]
        reach = (f"within {svc.max_travel_km:g} km" if svc.max_travel_km > 0
                 else f"within {svc.max_travel_minutes:g} min" if svc.max_travel_minutes > 0
                 else "in the region" if not pi.cross_region_flows else "anywhere")
        reachable = [j for j in pi.site_codes() if pi.may_serve(i, j, svc)]
        if pi.fixed_only:
            return self._plan_cause(i, s, reachable, reach)
        candidates = [j for j in reachable if pi.is_candidate_site(j, s)]
        if not candidates:
            nearest = self._nearest_candidate(i, s)
            beyond = f"; nearest possible site {nearest}" if nearest else ""
            if any(pi.municipality(pi.site_municipality(j)).participating for j in reachable):
                return "excluded_site", f"every site {reach} is excluded for {s}{beyond}"
            if reachable:
                return "non_participating", f"no participating municipality {reach}{beyond}"
            return "reach", f"no site {reach}{beyond}"
        cap = svc.max_new_facilities
        if cap is not None and self.facilities_of_service[s] >= cap:
            return "facility_cap", f"all {cap} new {s} facilities allowed are used"
        open_sites = [j for j in candidates if not self._limited(j, svc)]
        if not open_sites:
            return "municipality_limit", f"every site {reach} has reached its limit on new places"
        too_few = self._too_few(s, open_sites)
        if too_few:
            return "too_few", too_few
        regions = sorted({self.region_of[j] for j in open_sites})
        if all(self._budget_short(r, svc) for r in regions):
            return "budget", f"investment budget of {', '.join(regions)} is used up for {s}"
        if all(self._running_short(r, svc) for r in regions):
            return "running_budget", f"running budget of {', '.join(regions)} is used up"
        return self.cause_text(fallback)

    def home_cause(self, i: str, s: str, fallback: str, staff: StaffState
                   ) -> tuple[str, str]:
        """Home need short with staff and dwellings left: the running budget if what is
        left of it pays less than one more client a year."""
        r = self.region_of[i]
        budget = self.pi.budget_of(r).running_eur_per_year
        left = None if budget is None else budget - self.running[r] - staff.running[r]
        if left is not None and left < staff.one_more_eur(i, s) - EPS:
            return "running_budget", f"running budget of {r} is used up"
        return self.cause_text(fallback)

    @staticmethod
    def cause_text(fallback: str) -> tuple[str, str]:
        return fallback, {
            "budget": "budget spent where it met more weighted need",
            "heuristic": "the greedy heuristic did not allocate it",
            "time_limit": "solver stopped at the time limit before allocating it",
        }[fallback]

    def _too_few(self, s: str, sites: list[str]) -> str:
        """Why no viable facility can be built: at every site in reach, the clients left
        unserved who could come fill less than the least facility allows (least occupancy of
        its least size, least clients). Empty when one could."""
        pi, svc = self.pi, self.services[s]
        least = max(pi.occupancy_of(svc) * svc.clients_per_place * max(svc.min_places, 1),
                    pi.min_clients_per_facility)
        could = max(sum(v for (o, _g, t), v in self.short.items()
                        if t == s and pi.may_serve(o, j, svc)) for j in sites)
        if could >= least - EPS:
            return ""
        return (f"at most {could:g} clients within reach of a site for {s}; a new facility "
                f"needs at least {least:g}")

    def _plan_cause(self, i: str, s: str, reachable: list[str], reach: str) -> tuple[str, str]:
        """Why a given plan (``fixed_only``) leaves need unmet: no place of the service within
        reach, or its places within reach are all taken."""
        cap, fixed = self.pi.capacity_table(), self.pi.fixed_table()
        sites = [j for j in reachable if cap.get((j, s), 0) > 0
                 or (j, s) in fixed and fixed[(j, s)].new_places > 0]
        if not sites:
            return "plan_no_site", f"the plan has no place of {s} {reach} of {i}"
        return "plan_full", f"the plan's places of {s} {reach} of {i} are all taken"

    def _nearest_candidate(self, i: str, s: str) -> str:
        """'C at 40 km' for the nearest site where ``s`` could be built, ignoring reach."""
        options = [(km, j) for j in self.region_of
                   if self.pi.is_candidate_site(j, s)
                   and (km := self.pi.distance(i, j)) is not None]
        if not options:
            return ""
        km, j = min(options)
        return f"{j} at {km:g} km"

    def _limited(self, site: str, svc: ServiceNorm) -> bool:
        j = self.pi.site_municipality(site)
        lim = self.pi.limit_of(j)
        if lim.max_new_places is not None and self.muni_places[j] >= lim.max_new_places - EPS:
            return True
        if (lim.max_new_facilities is not None
                and self.muni_facilities[j] >= lim.max_new_facilities - EPS):
            return True
        return (lim.max_new_staff is not None
                and self.muni_staff[j] + svc.staff_per_place > lim.max_new_staff + EPS)

    def _budget_short(self, region: str, svc: ServiceNorm) -> bool:
        """Less money (total, or ERDF) left than one facility of the smallest size costs."""
        b = self.pi.budget_of(region)
        smallest = (self.pi.investment_per_facility(svc)
                    + max(svc.min_places, 1) * self.pi.investment_per_place(svc))
        if b.investment_eur is not None and b.investment_eur - self.invest[region] < \
                smallest - EPS:
            return True
        least_share = min(self.pi.erdf_share_of(m.code) for m in self.pi.municipalities
                          if m.region == region) * self.pi.eligible_share
        return (b.erdf_quota_eur is not None
                and b.erdf_quota_eur - self.erdf[region] < least_share * smallest - EPS)

    def _running_short(self, region: str, svc: ServiceNorm) -> bool:
        budget = self.pi.budget_of(region).running_eur_per_year
        if budget is None:
            return False
        return budget - self.running[region] < max(svc.min_places, 1) * \
            svc.running_cost_per_place_year - EPS


def _municipality_table(pi: ProblemInput, sites: pd.DataFrame,
                        served: dict[tuple[str, str, str], float],
                        mentors: dict[str, tuple[float, int, float]],
                        centres: pd.DataFrame,
                        at_home: dict[str, dict[str, float]]) -> pd.DataFrame:
    need: dict[str, float] = defaultdict(float)
    for (i, _g, _s), v in pi.need_table().items():
        need[i] += v
    got: dict[str, float] = defaultdict(float)
    for (i, _g, _s), v in served.items():
        got[i] += v
    by_site = sites.groupby("municipality")[
        ["new_places", "new_facilities", "investment_eur", "running_eur_per_year", "staff"]
    ].sum().to_dict("index")  # rows by code: a .loc per municipality cost 0.05 of 0.12 s
    shared = centre_costs(pi, centres)
    rows = []
    for m in pi.municipalities:
        site = by_site.get(m.code)
        centre = shared.get(m.code, {})
        invest = float(site["investment_eur"]) if site is not None else 0.0
        invest += centre.get("investment_eur", 0.0)
        home = at_home.get(m.code, {})
        invest += home.get("adaptation_eur", 0.0)
        running_places = float(site["running_eur_per_year"]) if site is not None else 0.0
        running_places += centre.get("running_eur_per_year", 0.0)
        mc, mentor_n, mentor_eur = mentors.get(m.code, (0.0, 0, 0.0))
        rows.append({
            "municipality": m.code, "name": m.name, "region": m.region,
            "participating": m.participating, "need": need[m.code], "served": got[m.code],
            "unmet": max(need[m.code] - got[m.code], 0.0),
            "new_places": int(site["new_places"]) if site is not None else 0,
            "new_facilities": int(site["new_facilities"]) if site is not None else 0,
            "investment_eur": invest, "erdf_eur": pi.erdf_of(m.code, invest),
            "cofinancing_eur": invest - pi.erdf_of(m.code, invest),
            "staff": (float(site["staff"]) if site is not None else 0.0)
            + centre.get("staff", 0.0),
            "running_places_eur_per_year": running_places, "mentor_clients": mc,
            "mentors": mentor_n, "mentor_eur_per_year": mentor_eur,
            "running_eur_per_year": running_places + mentor_eur
            + home.get("home_eur_per_year", 0.0),
            "centres": int(centre.get("centres", 0)),
            "home_clients": home.get("home_clients", 0.0),
            "home_staff": home.get("home_staff", 0.0),
            "home_eur_per_year": home.get("home_eur_per_year", 0.0),
            "adaptations": home.get("adaptations", 0.0),
        })
    return pd.DataFrame(rows, columns=COLUMNS["municipalities"])


def _region_table(pi: ProblemInput, munis: pd.DataFrame) -> pd.DataFrame:
    sums = munis.groupby("region")[["need", "served", "unmet", "new_places", "new_facilities",
                                    "investment_eur", "erdf_eur", "running_eur_per_year"]].sum()
    rows = []
    for r in pi.regions():
        b = pi.budget_of(r)
        row = {"region": r, **{k: _plain(v) for k, v in sums.loc[r].items()}}
        row["investment_budget_eur"] = b.investment_eur
        row["erdf_quota_eur"] = b.erdf_quota_eur
        row["running_budget_eur_per_year"] = b.running_eur_per_year
        rows.append(row)
    return pd.DataFrame(rows, columns=COLUMNS["regions"])


def _totals(pi: ProblemInput, munis: pd.DataFrame, flows: pd.DataFrame,
            unmet: pd.DataFrame) -> dict[str, float]:
    served = float(munis["served"].sum())
    km = float((flows["clients"] * flows["km"]).sum()) if len(flows) else 0.0
    investment = float(munis["investment_eur"].sum())
    running = float(munis["running_eur_per_year"].sum())
    return {
        "need_clients": float(munis["need"].sum()),
        "served_clients": served,
        "unmet_clients": float(unmet["unmet"].sum()) if len(unmet) else 0.0,
        "new_places": int(munis["new_places"].sum()),
        "new_facilities": int(munis["new_facilities"].sum()),
        "centres": int(munis["centres"].sum()),
        "investment_eur": investment,
        "erdf_eur": float(munis["erdf_eur"].sum()),
        "cofinancing_eur": float(munis["cofinancing_eur"].sum()),
        "running_eur_per_year": running,
        "mentor_eur_per_year": float(munis["mentor_eur_per_year"].sum()),
        "cost_eur": investment + running,
        "staff": float(munis["staff"].sum()),
        "mentors": int(munis["mentors"].sum()),
        "mentor_clients": float(munis["mentor_clients"].sum()),
        "home_clients": float(munis["home_clients"].sum()),
        "home_staff": float(munis["home_staff"].sum()),
        "home_eur_per_year": float(munis["home_eur_per_year"].sum()),
        "adaptations": float(munis["adaptations"].sum()),
        "distance_km_weighted": km,
        "mean_km_per_client": km / served if served > EPS else 0.0,
    }
