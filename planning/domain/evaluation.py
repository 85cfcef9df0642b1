"""How good is a plan that already exists? The scenario's given plan, by the same model.

:func:`evaluate_given` takes a scenario's inputs with a given plan (``ScenarioInputs.
given_plan``: new places and facilities per municipality and service, entered or imported)
and returns a :class:`PlanEvaluation`:

* ``given``: the plan evaluated by the model with its places fixed and nothing else built
  (``optimizer.evaluate.evaluate_plan``): who is served and who is not, with the cause
  (no place of the service within reach, or the places within reach are taken), cost and
  km from home. The plan is not held to the budgets; ``budget`` shows how much it uses;
* ``optimum``: what the optimizer does with the same money and rules. The same money is
  each region's budget, or what the plan costs under the scenario's norms where that is
  more (a plan over budget is compared with an optimum that may spend as much);
* ``change``: the smallest change to the plan (fewest places added or removed) that serves
  as many as the optimum, or ``more`` clients more than the plan, with the same money;
* ``sites``: the plan's sites: places per facility against the service's size range,
  clients, occupancy of the new places against the viable occupancy, the stated against
  the norm investment.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import pandas as pd

from optimizer.checker import TOL as CHECKER_TOL
from optimizer.evaluate import PlanChange, evaluate_plan, smallest_change
from optimizer.formulation import AllocationModel
from optimizer.problem import FixedSite, ProblemInput
from optimizer.solution import EPS, Solution
from planning.domain.catalogue import Catalogue, load_catalogue
from planning.domain.errors import InputError
from planning.domain.inputs import ScenarioInputs
from planning.domain.optimizer_input import problem_from_inputs

FIGURES = ("need_persons", "served_persons", "unserved_persons", "new_places", "new_facilities",
           "investment_eur", "erdf_eur", "cofinancing_eur", "running_eur_per_year",
           "mean_km_per_client", "below_viable")
SITE_COLUMNS = ["municipality", "service", "places", "facilities", "places_per_facility",
                "min_places", "max_places", "size_ok", "clients", "occupancy", "viable",
                "investment_stated_eur", "investment_norm_eur"]
BUDGET_COLUMNS = ["region", "budget_eur", "plan_norm_eur", "plan_stated_eur", "share_used",
                  "money_eur"]


@dataclass
class PlanEvaluation:
    """A given plan, what the optimizer does with the same money, and the smallest change."""

    problem: ProblemInput
    given: Solution
    optimum: Solution
    change: PlanChange | None
    sites: pd.DataFrame
    budget: pd.DataFrame

    def figures(self) -> pd.DataFrame:
        """Key figures side by side: one row per figure (``FIGURES``), columns ``given``,
        ``optimum`` and ``change`` (empty when the plan needs none)."""
        columns = {"given": self.given, "optimum": self.optimum}
        if self.change is not None:
            columns["change"] = self.change.solution
        rows = {name: [_figure(self.problem, sol, name) for sol in columns.values()]
                for name in FIGURES}
        return pd.DataFrame.from_dict(rows, orient="index", columns=list(columns))

    def to_dict(self) -> dict:
        out = {"figures": _records(self.figures().reset_index(names="figure")),
               "sites": _records(self.sites), "budget": _records(self.budget),
               "given": self.given.to_dict(), "optimum": self.optimum.to_dict()}
        if self.change is not None:
            out["change"] = {"added": self.change.added, "removed": self.change.removed,
                             "moved": self.change.moved,
                             "sites": _records(self.change.changes),
                             "solution": self.change.solution.to_dict()}
        return out


def given_sites(inputs: ScenarioInputs) -> list[FixedSite]:
    """The scenario's given plan as the optimizer's fixed sites."""
    return [FixedSite(code, sid, places, facilities)
            for code, sid, places, facilities, _inv in inputs.given_plan]


def evaluate_given(inputs: ScenarioInputs, catalogue: Catalogue | None = None, *,
                   solver: str = "highs", time_limit: float | None = None,
                   more: int | None = None) -> PlanEvaluation:
    """Evaluate the scenario's given plan (see the module docstring).

    ``more``: the change should serve this many persons more than the plan; by default as
    many as the optimum does. Raises ``InputError`` when the scenario has no given plan.
    """
    if not inputs.given_plan:
        raise InputError("the scenario has no plan to evaluate; enter or import one "
                         "(columns: municipality, service, new places, new facilities)")
    catalogue = catalogue or load_catalogue()
    pi = problem_from_inputs(inputs, catalogue)
    plan = given_sites(inputs)
    given = evaluate_plan(pi, plan, solver, time_limit)
    budget = _budget_table(inputs, pi, given)
    money = dict(zip(budget["region"], budget["money_eur"], strict=True))
    same_money = replace(pi, budgets=[replace(b, investment_eur=money.get(b.region))
                                      for b in pi.budgets])
    optimum = AllocationModel.from_problem_input(same_money).solve(solver, time_limit=time_limit)
    unmet = given.totals["unserved_persons"]
    target = optimum.totals["unserved_persons"] if more is None else max(unmet - more, 0.0)
    change = None
    if target < unmet - EPS:
        change = smallest_change(same_money, plan, unmet_at_most=target, solver=solver,
                                 time_limit=time_limit)
    return PlanEvaluation(pi, given, optimum, change, _site_table(inputs, pi, given), budget)


def _figure(pi: ProblemInput, sol: Solution, name: str) -> float:
    if name == "below_viable":
        return float(len(occupancy(pi, sol).query("not viable")))
    return float(sol.totals[name])


def occupancy(pi: ProblemInput, sol: Solution) -> pd.DataFrame:
    """Per site with new places: clients in the new places (those beyond the existing ones)
    over what the new places hold, and whether that reaches the service's least occupancy
    (``ProblemInput.occupancy_of``: the scenario's, 70 % in the catalogue)."""
    services = {s.id: s for s in pi.services}
    new = sol.sites[sol.sites["new_places"] > 0].copy()
    cpp = new["service"].map(lambda s: services[s].clients_per_place)
    least = new["service"].map(lambda s: pi.occupancy_of(services[s]))
    in_new = (new["clients"] - cpp * new["existing_places"]).clip(lower=0)
    new["occupancy"] = in_new / (cpp * new["new_places"])
    # the model's rows hold within the solvers' feasibility tolerance (4.19999 clients in
    # six places at 70 %), as the checker reads them (optimizer.checker.TOL)
    new["viable"] = new["occupancy"] * cpp * new["new_places"] >= \
        least * cpp * new["new_places"] - CHECKER_TOL
    return new[["municipality", "service", "occupancy", "viable"]]


def _site_table(inputs: ScenarioInputs, pi: ProblemInput, given: Solution) -> pd.DataFrame:
    services = {s.id: s for s in pi.services}
    sites = given.sites.set_index(["municipality", "service"])
    occ = occupancy(pi, given).set_index(["municipality", "service"])
    rows = []
    for code, sid, places, facilities, stated in inputs.given_plan:
        svc = services[sid]
        size = places / facilities
        rows.append({
            "municipality": code, "service": sid, "places": places, "facilities": facilities,
            "places_per_facility": size, "min_places": svc.min_places,
            "max_places": svc.max_places,
            "size_ok": svc.min_places <= size <= svc.max_places,
            "clients": float(sites.at[(code, sid), "clients"]),
            "occupancy": float(occ.at[(code, sid), "occupancy"]),
            "viable": bool(occ.at[(code, sid), "viable"]),
            "investment_stated_eur": stated,
            "investment_norm_eur": float(sites.at[(code, sid), "investment_eur"]),
        })
    return pd.DataFrame(rows, columns=SITE_COLUMNS)


def _budget_table(inputs: ScenarioInputs, pi: ProblemInput, given: Solution) -> pd.DataFrame:
    """Per region: its budget, the plan's investment under the norms and as stated, the
    share of the budget the plan uses, and the money the optimum gets."""
    region_of = {m.code: m.region for m in pi.municipalities}
    stated: dict[str, float] = {}
    for code, _sid, _p, _f, investment in inputs.given_plan:
        if investment is not None:
            stated[region_of[code]] = stated.get(region_of[code], 0.0) + investment
    norm = given.regions.set_index("region")["investment_eur"]
    rows = []
    for r in pi.regions():
        budget = pi.budget_of(r).investment_eur
        plan_norm = float(norm.get(r, 0.0))
        used = max(plan_norm, stated.get(r, 0.0))
        rows.append({
            "region": r, "budget_eur": budget, "plan_norm_eur": plan_norm,
            "plan_stated_eur": stated.get(r), "share_used": used / budget if budget else None,
            "money_eur": None if budget is None else max(budget, plan_norm),
        })
    return pd.DataFrame(rows, columns=BUDGET_COLUMNS)


def _records(df: pd.DataFrame) -> list[dict]:
    return [{k: (v.item() if hasattr(v, "item") else (None if pd.isna(v) else v))
             for k, v in row.items()} for row in df.to_dict("records")]
