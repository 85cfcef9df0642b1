"""The robust plan: reproducible samples, percentile plans, minimax regret worked by hand."""

from __future__ import annotations

import numpy as np
import pytest

from optimizer.errors import InputError
from optimizer.problem import Municipality, Need, ProblemInput, RegionBudget
from optimizer.robust import (
    Uncertainty,
    _choose,
    evaluate_candidate,
    percentile_problem,
    robust_plan,
    sample_problems,
)
from tests.optimizer.instances import GROUP, home


def region(budget: float | None) -> ProblemInput:
    """Two municipalities 50 km apart, 20 and 10 persons, 1,000 EUR per home place."""
    return ProblemInput(
        municipalities=[Municipality("A", "Alpha", "R"), Municipality("B", "Beta", "R")],
        groups=[GROUP], services=[home(max_places=30)],
        needs=[Need("A", GROUP, "home", 20), Need("B", GROUP, "home", 10)],
        distances={("A", "B"): 50.0, ("B", "A"): 50.0},
        budgets=[RegionBudget("R", investment_eur=budget)],
    )


def test_samples_are_reproducible_whole_and_centred() -> None:
    u = Uncertainty(scenarios=400, cv=0.2, seed=7)
    a, b = sample_problems(region(None), u), sample_problems(region(None), u)
    assert [p.needs for p in a] == [p.needs for p in b]
    counts = np.array([[n.clients for n in p.needs] for p in a])
    assert np.all(counts == np.round(counts)) and np.all(counts >= 0)
    assert counts.mean(axis=0) == pytest.approx([20, 10], rel=0.05)
    # lognormal(cv 0.2) times Poisson: variance = m + (cv m)^2 (1 + ...) > m
    assert counts[:, 0].std() > np.sqrt(20)
    other = sample_problems(region(None), Uncertainty(scenarios=400, cv=0.2, seed=8))
    assert [p.needs for p in other] != [p.needs for p in a]


def test_uncertainty_refuses_absurd_settings() -> None:
    with pytest.raises(InputError, match="between 1 and"):
        sample_problems(region(None), Uncertainty(scenarios=0))
    with pytest.raises(InputError, match="coefficient of variation"):
        sample_problems(region(None), Uncertainty(cv=float("nan")))


def test_percentile_problem_takes_each_row_from_the_scenarios() -> None:
    problems = sample_problems(region(None), Uncertainty(scenarios=9, seed=1))
    counts = np.array([[n.clients for n in p.needs] for p in problems])
    top = percentile_problem(region(None), problems, 100)
    assert [n.clients for n in top.needs] == list(counts.max(axis=0))
    mid = percentile_problem(region(None), problems, 50)
    assert [n.clients for n in mid.needs] == list(np.ceil(np.median(counts, axis=0)))


def test_minimax_regret_is_worked_by_hand() -> None:
    # a is the best plan in scenario 0 and bad in 1; b is fair in both
    candidates = [{"sites": [], "investment_eur": 10.0}, {"sites": [], "investment_eur": 10.0}]
    rows = [{"candidate": 0, "scenario": 0, "unserved": 0.0},
            {"candidate": 0, "scenario": 1, "unserved": 10.0},
            {"candidate": 1, "scenario": 0, "unserved": 4.0},
            {"candidate": 1, "scenario": 1, "unserved": 4.0}]
    plan = _choose(candidates, [], rows, scenarios=2)
    assert plan.regret == [[0.0, 6.0], [4.0, 0.0]]
    assert plan.chosen == 1
    assert (plan.max_regret(), plan.expected_unserved(), plan.worst_unserved()) == (4, 4, 4)
    assert plan.expected_unserved(0) == 5.0   # the mean alone would choose a: 5 > 4 here too


def test_robust_plan_on_a_binding_budget() -> None:
    pi = region(25_000)
    plan = robust_plan(pi, Uncertainty(scenarios=6, cv=0.3, seed=3), solver="highs")
    regrets = [max(r) for r in plan.regret]
    assert plan.max_regret() == min(regrets)
    assert all(min(plan.regret[c][s] for c in range(len(plan.candidates))) == 0
               for s in range(6))
    assert all(c["investment_eur"] <= 25_000 + 1e-6 for c in plan.candidates)
    assert 0 < len(plan.frequency) and all(0 < f <= 1 for f in plan.frequency.values())
    assert plan.worst_unserved() >= plan.expected_unserved() >= 0


def test_with_money_enough_the_robust_plan_serves_every_scenario() -> None:
    plan = robust_plan(region(None), Uncertainty(scenarios=5, cv=0.3, seed=2))
    assert plan.worst_unserved() == 0 and plan.max_regret() == 0
    assert plan.plan["new_places"] >= 30   # it builds for more need than was assessed


def test_a_centre_unit_without_a_facility_of_its_own_is_evaluated_as_a_candidate() -> None:
    """A robust run's candidate from a plan with a multifunctional centre lists the centre's
    unit as places without a facility; evaluating it must serve its clients, not refuse the
    plan (a clean-clone CI run failed every robust run of Kurzeme so)."""
    task = {"problem": region(None).to_dict(), "scenario": 0, "candidate": 0,
            "solver": "highs", "plan": [["A", "home", 10, 1], ["B", "home", 10, 0]]}
    assert evaluate_candidate(task)["served"] == 20
