"""Why a plan looks the way it does: binding limits and what more money, places or staff buy.

Three kinds of answers, each as structured data plus a plain-language sentence:

* ``binding``: budgets and limits that are used up (from the solution tables);
* ``next_money``: per region, re-solve with ``extra_eur`` more investment budget and report
  the new places and the unmet need removed (exact, a MILP re-solve with the same model);
* ``place_values``: the LP duals of the capacity rows with every facility decision fixed
  at the plan: how much priority-weighted unmet need one more place at a site would remove;
* ``staff_values``: where a municipality's staff limit binds, re-solve with one more staff
  member there.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from typing import Any

from optimizer import solvers
from optimizer.formulation import AllocationModel
from optimizer.problem import ProblemInput
from optimizer.solution import Solution

EPS = 1e-6


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
    unmet_removed: float
    sentence: str


@dataclass
class PlaceValue:
    municipality: str
    service: str
    unmet_removed_per_place: float
    sentence: str


@dataclass
class StaffValue:
    municipality: str
    places_added: int
    unmet_removed: float
    sentence: str


@dataclass
class Explanation:
    binding: list[Binding] = field(default_factory=list)
    next_money: list[MoneyEffect] = field(default_factory=list)
    place_values: list[PlaceValue] = field(default_factory=list)
    staff_values: list[StaffValue] = field(default_factory=list)

    def sentences(self) -> list[str]:
        return [item.sentence for part in (self.binding, self.next_money, self.place_values,
                                           self.staff_values) for item in part]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def explain(pi: ProblemInput, sol: Solution, *, solver: str = "highs",
            extra_eur: float = 100_000.0, top: int = 5) -> Explanation:
    """Explain ``sol`` (a solution of ``pi``); re-solves ``pi`` a few times."""
    return Explanation(
        binding=binding_limits(pi, sol),
        next_money=next_money(pi, sol, solver=solver, extra_eur=extra_eur),
        place_values=place_values(pi, sol, top=top),
        staff_values=staff_values(pi, sol, solver=solver),
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


def next_money(pi: ProblemInput, sol: Solution, *, solver: str = "highs",
               extra_eur: float = 100_000.0) -> list[MoneyEffect]:
    """Per region with an investment budget: what ``extra_eur`` more would buy."""
    model = AllocationModel.from_problem_input(pi)
    out = []
    for region in model.investment_rows:
        budget = pi.budget_of(region).investment_eur
        model.set_investment_budget(region, budget + extra_eur)
        richer = model.solve(solver)
        model.set_investment_budget(region, budget)
        places = richer.totals["new_places"] - sol.totals["new_places"]
        removed = sol.totals["unmet_clients"] - richer.totals["unmet_clients"]
        if removed > EPS:
            sentence = (f"{extra_eur:,.0f} EUR more for {region} would buy {places:+d} places "
                        f"and serve {removed:,.1f} more clients.")
        else:
            sentence = (f"{extra_eur:,.0f} EUR more for {region} would serve no more clients "
                        "(money is not what limits it).")
        out.append(MoneyEffect(region, extra_eur, int(places), float(removed), sentence))
    return out


def place_values(pi: ProblemInput, sol: Solution, *, top: int = 5) -> list[PlaceValue]:
    """Duals of the capacity rows of the LP with the plan's places and facilities fixed."""
    built = sol.sites.set_index(["municipality", "service"])
    model = AllocationModel.from_problem_input(pi, keep_sites=frozenset(built.index))
    for key in model.y:
        y = int(built.loc[key, "new_places"]) if key in built.index else 0
        n = int(built.loc[key, "new_facilities"]) if key in built.index else 0
        model.y[key].lowBound = model.y[key].upBound = y
        model.n[key].lowBound = model.n[key].upBound = n
    model.prob.setObjective(model.goals["unmet"])
    solvers.run(model.prob, "highs", None, mip=False)
    names = {m.code: m.name for m in pi.municipalities}
    values = []
    for (j, s), row in model.capacity_rows.items():
        gain = -(row.pi or 0.0) * pi.service(s).clients_per_place
        if gain > EPS:
            values.append(PlaceValue(j, s, gain, f"One more {s} place in {names[j]} would "
                                     f"serve {gain:,.2f} more (priority-weighted) clients."))
    values.sort(key=lambda v: (-v.unmet_removed_per_place, v.municipality, v.service))
    return values[:top]


def staff_values(pi: ProblemInput, sol: Solution, *, solver: str = "highs"
                 ) -> list[StaffValue]:
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
            replace(pi, municipality_limits=limits)).solve(solver)
        places = again.totals["new_places"] - sol.totals["new_places"]
        removed = sol.totals["unmet_clients"] - again.totals["unmet_clients"]
        name = munis.loc[lim.municipality, "name"]
        out.append(StaffValue(lim.municipality, int(places), float(removed),
                              f"One more staff member in {name} would allow {places:+d} "
                              f"places and serve {removed:,.1f} more clients."))
    return out
