"""A given plan on the embedded Kurzeme data: evaluated, beside the optimum, changed."""

from __future__ import annotations

from dataclasses import replace

import pytest

from optimizer.checker import check_solution
from optimizer.evaluate import as_given
from optimizer.formulation import AllocationModel
from planning.domain.errors import InputError
from planning.domain.evaluation import evaluate_given, given_sites
from planning.domain.inputs import default_inputs
from planning.domain.optimizer_input import problem_from_inputs, with_total_budget


@pytest.fixture(scope="module")
def tight():
    """Kurzeme with 2 M EUR and the optimizer's plan for it."""
    inputs = with_total_budget(default_inputs("Kurzeme"), 2_000_000)
    sol = AllocationModel.from_problem_input(problem_from_inputs(inputs)).solve()
    plan = tuple((r.municipality, r.service, int(r.new_places), int(r.new_facilities), None)
                 for r in sol.sites.itertuples() if r.new_places > 0)
    return inputs, sol, plan


def test_the_optimizers_own_plan_needs_no_change(tight):
    inputs, sol, plan = tight
    ev = evaluate_given(replace(inputs, given_plan=plan))
    assert ev.given.totals["served_persons"] == pytest.approx(sol.totals["served_persons"])
    assert ev.optimum.totals["served_persons"] == pytest.approx(sol.totals["served_persons"])
    assert ev.change is None
    assert check_solution(as_given(ev.problem, given_sites(replace(inputs, given_plan=plan))),
                          ev.given) == []
    budget = ev.budget.iloc[0]
    assert budget["plan_norm_eur"] == pytest.approx(sol.totals["investment_eur"])
    assert budget["share_used"] == pytest.approx(sol.totals["investment_eur"] / 2_000_000)


def test_a_plan_without_its_largest_site_is_changed_back_to_the_optimum(tight):
    inputs, sol, plan = tight
    largest = max(plan, key=lambda r: r[2])
    worse = replace(inputs, given_plan=tuple(r for r in plan if r != largest))
    ev = evaluate_given(worse)
    lost = ev.optimum.totals["served_persons"] - ev.given.totals["served_persons"]
    assert lost > 0
    assert ev.change is not None
    assert ev.change.solution.totals["unserved_persons"] <= \
        ev.optimum.totals["unserved_persons"] + 1e-6
    assert 1 <= ev.change.added <= largest[2]
    given = {(code, sid) for code, sid, *_ in worse.given_plan}
    assert [p for p in check_solution(ev.problem, ev.change.solution)
            if not ("occupancy" in p and any(f"site {c} {s}:" in p for c, s in given))] == []
    figures = ev.figures()
    assert list(figures.columns) == ["given", "optimum", "change"]
    assert figures.at["served_persons", "given"] == pytest.approx(
        ev.given.totals["served_persons"])


def test_an_oversized_plan_gets_the_money_it_costs_and_its_empty_sites_flagged(tight):
    """Twice the places in every site of the plan: over budget, half empty."""
    inputs, _sol, plan = tight
    doubled = tuple((c, s, 2 * p, f, 1.0e6) for c, s, p, f, _ in plan)
    ev = evaluate_given(replace(inputs, given_plan=doubled))
    budget = ev.budget.iloc[0]
    assert budget["plan_norm_eur"] > 2_000_000
    assert budget["money_eur"] == pytest.approx(budget["plan_norm_eur"])
    assert budget["plan_stated_eur"] == pytest.approx(1.0e6 * len(plan))
    assert (~ev.sites["viable"]).sum() >= 1
    assert ev.figures().at["below_viable", "given"] == (~ev.sites["viable"]).sum()


def test_a_scenario_without_a_plan_says_what_to_do():
    with pytest.raises(InputError, match="enter or import one"):
        evaluate_given(default_inputs("Kurzeme"))


def test_viable_occupancy_is_the_scenarios_least_occupancy(tight):
    """The doubled plan has a facility below the catalogue's 70 % (test above); with a least
    occupancy of 0 every facility is viable."""
    inputs, _sol, plan = tight
    doubled = tuple((c, s, 2 * p, f, None) for c, s, p, f, _ in plan)
    lenient = evaluate_given(replace(inputs, given_plan=doubled, min_occupancy=0.0))
    assert lenient.sites["viable"].all()
