"""Why a plan looks the way it does: binding limits and what more money, places or staff buy.

Four kinds of answers, each as structured data plus a plain-language sentence:

* ``binding``: budgets and limits that are used up (from the solution tables);
* ``next_money``: per region, re-solve with ``extra_eur`` more investment budget and report
  the new places and the persons more served (a MILP re-solve with the same model);
* ``place_values``: where one more place at a site of the plan would serve more persons. The
  LP duals of the capacity rows (every facility decision fixed at the plan) only nominate
  sites: a dual is a rate that may hold for no whole place (degenerate duals said one more
  respite place in Ventspils would serve 12 clients where all respite need was met), so
  each nominee is re-solved with its capacity one place larger and only a verified gain in
  whole persons is reported;
* ``staff_values``: where a municipality's staff limit binds, re-solve with one more staff
  member there.

Every count is of persons served with their whole package. A re-solve that stops at a time
limit gives a feasible plan, so its gain is a proven lower bound: ``exact`` says which.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from typing import Any

from optimizer import solvers
from optimizer.formulation import AllocationModel
from optimizer.problem import ProblemInput
from optimizer.solution import Solution

EPS = 1e-6
NOMINEES = 3  # sites re-solved per place value reported: the duals' ranking is only a guess
RESOLVE_SECONDS = 30.0  # per re-solve of the whole model; a cut one still bounds the gain


@dataclass
class Binding:
    kind: str  # investment_budget | running_budget | facility_cap | municipality_limit
    place: str
    used: float
    limit: float
    sentence: str


@dataclass
class MoneyEffect:
    region: str
    extra_eur: float
    places_added: int
    persons_served: float
    exact: bool
    sentence: str


@dataclass
class PlaceValue:
    municipality: str
    service: str
    persons_served: float
    sentence: str


@dataclass
class StaffValue:
    municipality: str
    places_added: int
    persons_served: float
    exact: bool
    sentence: str


@dataclass
class FamilyCost:
    """What "closer to family" costs: this plan (distance before cost) beside the same
    persons served by the cheapest plan (cost before distance)."""

    investment_eur: float
    cheaper_investment_eur: float
    cost_eur: float
    cheaper_cost_eur: float
    mean_km: float
    cheaper_mean_km: float
    facilities: int
    cheaper_facilities: int
    exact: bool
    sentence: str


@dataclass
class Explanation:
    binding: list[Binding] = field(default_factory=list)
    next_money: list[MoneyEffect] = field(default_factory=list)
    place_values: list[PlaceValue] = field(default_factory=list)
    staff_values: list[StaffValue] = field(default_factory=list)
    family: list[FamilyCost] = field(default_factory=list)

    def sentences(self) -> list[str]:
        return [item.sentence for part in (self.binding, self.next_money, self.place_values,
                                           self.staff_values, self.family) for item in part]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def explain(pi: ProblemInput, sol: Solution, *, solver: str = "highs",
            extra_eur: float = 100_000.0, top: int = 5,
            time_limit: float | None = RESOLVE_SECONDS) -> Explanation:
    """Explain ``sol`` (a solution of ``pi``); re-solves ``pi`` a few times, each within
    ``time_limit`` seconds."""
    return Explanation(
        binding=binding_limits(pi, sol),
        next_money=next_money(pi, sol, solver=solver, extra_eur=extra_eur,
                              time_limit=time_limit),
        place_values=place_values(pi, sol, top=top),
        staff_values=staff_values(pi, sol, solver=solver, time_limit=time_limit),
        family=closer_to_family(pi, sol, solver=solver, time_limit=time_limit),
    )


def _smallest_facility_eur(pi: ProblemInput) -> float:
    return min(pi.investment_per_facility(s) + max(s.min_places, 1) * pi.investment_per_place(s)
               for s in pi.services)


def binding_limits(pi: ProblemInput, sol: Solution) -> list[Binding]:
    """Budgets with less left than the smallest facility costs; caps and limits reached."""
    out = []
    smallest = _smallest_facility_eur(pi)
    for r in sol.regions.itertuples():
        budget = pi.budget_of(r.region)
        if budget.investment_eur is not None and budget.investment_eur - r.investment_eur < \
                smallest - EPS:
            out.append(Binding("investment_budget", r.region, r.investment_eur,
                               budget.investment_eur,
                               f"The investment budget of {r.region} binds: "
                               f"{r.investment_eur:,.0f} of {budget.investment_eur:,.0f} EUR "
                               "used, too little left for another facility."))
        running = budget.running_eur_per_year
        if running is not None and running - r.running_eur_per_year < 0.01 * running + EPS:
            out.append(Binding("running_budget", r.region, r.running_eur_per_year, running,
                               f"The running budget of {r.region} binds: "
                               f"{r.running_eur_per_year:,.0f} of {running:,.0f} EUR a year."))
    for s in pi.services:
        if s.max_new_facilities is None:
            continue
        opened = int(sol.sites.loc[sol.sites.service == s.id, "new_facilities"].sum())
        if opened >= s.max_new_facilities:
            out.append(Binding("facility_cap", s.id, opened, s.max_new_facilities,
                               f"The cap of {s.max_new_facilities} new {s.name} facilities "
                               "is reached."))
    munis = sol.municipalities.set_index("municipality")
    for lim in pi.municipality_limits:
        row = munis.loc[lim.municipality]
        for label, used, cap in (("places", row.new_places, lim.max_new_places),
                                 ("facilities", row.new_facilities, lim.max_new_facilities),
                                 ("staff", row.staff, lim.max_new_staff)):
            if cap is not None and used >= cap - EPS:
                out.append(Binding("municipality_limit", lim.municipality, float(used),
                                   float(cap), f"{row['name']} has reached its limit of "
                                   f"{cap:g} new {label}."))
    return out


def _more_served(before: Solution, after: Solution) -> float:
    """Persons served in ``after`` beyond ``before`` (whole packages)."""
    return before.totals["unserved_persons"] - after.totals["unserved_persons"]


def _exact(before: Solution, after: Solution) -> bool:
    return before.status == "optimal" and after.status == "optimal"


def _gain_sentence(prefix: str, places: int, persons: float, exact: bool) -> str:
    if persons <= EPS:
        return f"{prefix} would serve no more persons."
    bound = "" if exact else "at least "
    return f"{prefix} would add {places:d} places and serve {bound}{persons:,.0f} more persons."


def next_money(pi: ProblemInput, sol: Solution, *, solver: str = "highs",
               extra_eur: float = 100_000.0, time_limit: float | None = RESOLVE_SECONDS
               ) -> list[MoneyEffect]:
    """Per region with an investment budget: what ``extra_eur`` more would buy."""
    model = AllocationModel.from_problem_input(pi)
    out = []
    for region in model.investment_rows:
        budget = pi.budget_of(region).investment_eur
        model.set_investment_budget(region, budget + extra_eur)
        richer = model.solve(solver, time_limit=time_limit)
        model.set_investment_budget(region, budget)
        places = int(richer.totals["new_places"] - sol.totals["new_places"])
        persons, exact = _more_served(sol, richer), _exact(sol, richer)
        if not exact and persons <= EPS:
            continue  # a re-solve cut short proves nothing about "no more"
        sentence = _gain_sentence(f"{extra_eur:,.0f} EUR more for {region}", places, persons,
                                  exact)
        out.append(MoneyEffect(region, extra_eur, places, max(persons, 0.0), exact, sentence))
    return out


class _FixedPlan:
    """The plan's places and facilities fixed; flows and unserved persons free, the unmet
    goal the objective: what the built plan can serve, re-solved with one site grown."""

    def __init__(self, pi: ProblemInput, sol: Solution) -> None:
        built = sol.sites.set_index(["municipality", "service"])
        self.model = AllocationModel.from_problem_input(pi, keep_sites=frozenset(built.index),
                                                        nearest=None)
        for key in self.model.y:
            y = int(built.loc[key, "new_places"]) if key in built.index else 0
            n = int(built.loc[key, "new_facilities"]) if key in built.index else 0
            self.model.y[key].lowBound = self.model.y[key].upBound = y
            self.model.n[key].lowBound = self.model.n[key].upBound = n
        self.model.prob.setObjective(self.model.goals["unmet"])
        self._unserved: float | None = None

    def nominees(self) -> list[tuple[str, str]]:
        """Sites whose capacity row's LP dual says more places would serve more."""
        solvers.run(self.model.prob, "highs", None, mip=False)
        duals = {key: -(row.pi or 0.0) for key, row in self.model.capacity_rows.items()}
        return sorted((k for k, d in duals.items() if d > EPS), key=lambda k: (-duals[k], k))

    def _solve(self) -> float:
        solvers.run(self.model.prob, "highs", None, mip=True)
        return sum(v.value() or 0.0 for v in self.model.w.values())

    def unserved(self) -> float:
        """Unserved persons of the plan as built (re-solved here, so a gain compares like
        with like)."""
        if self._unserved is None:
            self._unserved = self._solve()
        return self._unserved

    def with_one_more_place(self, key: tuple[str, str]) -> float:
        """Persons more served when the site has one more place (its capacity row's right
        side one place larger), by a re-solve."""
        before = self.unserved()
        row = self.model.capacity_rows[key]
        rhs = -row.constant
        row.changeRHS(rhs + self.model.services[key[1]].clients_per_place)
        try:
            return before - self._solve()
        finally:
            row.changeRHS(rhs)


def place_values(pi: ProblemInput, sol: Solution, *, top: int = 5) -> list[PlaceValue]:
    """Sites where one more place serves more persons, each gain verified by a re-solve."""
    plan = _FixedPlan(pi, sol)
    names = {m.code: m.name for m in pi.municipalities}
    values = []
    for j, s in plan.nominees()[:NOMINEES * top]:
        gain = plan.with_one_more_place((j, s))
        if gain > EPS:
            values.append(PlaceValue(j, s, gain, f"One more {pi.service(s).name} place in "
                                     f"{names[j]} would serve {gain:,.0f} more persons."))
    values.sort(key=lambda v: (-v.persons_served, v.municipality, v.service))
    return values[:top]


def staff_values(pi: ProblemInput, sol: Solution, *, solver: str = "highs",
                 time_limit: float | None = RESOLVE_SECONDS) -> list[StaffValue]:
    """Where a staff limit binds: re-solve with one more staff member there."""
    out = []
    munis = sol.municipalities.set_index("municipality")
    for lim in pi.municipality_limits:
        if lim.max_new_staff is None or munis.loc[lim.municipality, "staff"] < \
                lim.max_new_staff - EPS:
            continue
        more = replace(lim, max_new_staff=lim.max_new_staff + 1)
        limits = [more if x is lim else x for x in pi.municipality_limits]
        again = AllocationModel.from_problem_input(
            replace(pi, municipality_limits=limits)).solve(solver, time_limit=time_limit)
        places = int(again.totals["new_places"] - sol.totals["new_places"])
        persons, exact = _more_served(sol, again), _exact(sol, again)
        if not exact and persons <= EPS:
            continue
        name = munis.loc[lim.municipality, "name"]
        out.append(StaffValue(lim.municipality, places, max(persons, 0.0), exact,
                              _gain_sentence(f"One more staff member in {name}", places,
                                             persons, exact)))
    return out


def closer_to_family(pi: ProblemInput, sol: Solution, *, solver: str = "highs",
                     time_limit: float | None = RESOLVE_SECONDS) -> list[FamilyCost]:
    """Where the goals put distance before cost, the same problem solved with cost before
    distance: the same persons are served (the unmet goals come first in both), so the
    difference in money is what "closer to family" costs. Empty for other goal orders."""
    o = pi.objective
    if o.kind != "lexicographic" or not {"distance", "cost"} <= set(o.order) or \
            o.order.index("distance") > o.order.index("cost"):
        return []
    swapped = [{"distance": "cost", "cost": "distance"}.get(g, g) for g in o.order]
    cheaper = AllocationModel.from_problem_input(
        replace(pi, objective=replace(o, order=swapped))).solve(solver, time_limit=time_limit)
    t, c = sol.totals, cheaper.totals
    if abs(_more_served(sol, cheaper)) > EPS:
        return []  # a re-solve cut short serves other persons: no like-for-like price
    exact = _exact(sol, cheaper)
    extra = t["investment_eur"] - c["investment_eur"]
    return [FamilyCost(
        t["investment_eur"], c["investment_eur"], t["cost_eur"], c["cost_eur"],
        t["mean_km_per_client"], c["mean_km_per_client"], int(t["new_facilities"]),
        int(c["new_facilities"]), exact,
        f"Closer to family costs {extra:,.0f} EUR of investment: clients "
        f"{t['mean_km_per_client']:.1f} km from home on average against "
        f"{c['mean_km_per_client']:.1f} km in the cheapest plan serving the same persons "
        f"({int(t['new_facilities'])} facilities against {int(c['new_facilities'])}).")]
