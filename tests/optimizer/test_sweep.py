"""Sweeps: levers change only what they name, the frontier and tornado read hand-worked grids."""

from __future__ import annotations

import math

import pytest

from optimizer.errors import InputError
from optimizer.problem import MentorNorm, Municipality, Need, ProblemInput, RegionBudget
from optimizer.sweep import (
    Axis,
    Lever,
    apply_point,
    frontier,
    grid,
    solve_point,
    sweep_tasks,
    tornado,
    total_budget,
)
from tests.optimizer.instances import GROUP, home


def two_regions() -> ProblemInput:
    """A (region R, need 8) and B (region S, need 4), 1,000 EUR per place, 4,000 EUR each."""
    return ProblemInput(
        municipalities=[Municipality("A", "Alpha", "R"), Municipality("B", "Beta", "S")],
        groups=[GROUP, "other"],
        services=[home(groups=[GROUP, "other"])],
        needs=[Need("A", GROUP, "home", 8), Need("B", "other", "home", 4)],
        budgets=[RegionBudget("R", investment_eur=4000, erdf_quota_eur=3400),
                 RegionBudget("S", investment_eur=4000)],
        mentor=MentorNorm(groups=[GROUP], clients_per_mentor=5),
    )


def test_budget_lever_scales_every_region_to_the_total() -> None:
    pi = apply_point(two_regions(), {"budget": 4000})
    assert [b.investment_eur for b in pi.budgets] == [2000, 2000]
    assert pi.budgets[0].erdf_quota_eur == pytest.approx(1700)
    assert total_budget(pi) == 4000
    assert total_budget(two_regions()) == 8000


def test_budget_lever_refuses_an_unlimited_budget() -> None:
    pi = two_regions()
    pi.budgets[1].investment_eur = None
    assert math.isinf(total_budget(pi))
    with pytest.raises(InputError, match="limited investment"):
        apply_point(pi, {"budget": 1000})


def test_need_lever_scales_only_its_region_or_group() -> None:
    by_region = apply_point(two_regions(), {"need:S": 2.0})
    assert [n.clients for n in by_region.needs] == [8, 8]
    by_group = apply_point(two_regions(), {f"need:{GROUP}": 0.5})
    assert [n.clients for n in by_group.needs] == [4, 4]
    everyone = apply_point(two_regions(), {"need": 1.5})
    assert [n.clients for n in everyone.needs] == [12, 6]
    with pytest.raises(InputError, match="neither a region nor a group"):
        apply_point(two_regions(), {"need:Nowhere": 1.0})


def test_other_levers_set_their_input_and_nothing_else() -> None:
    base = two_regions()
    pi = apply_point(base, {"contingency": 0.3, "min_occupancy": 0.7, "mentor_ratio": 7})
    assert (pi.cost_contingency, pi.min_occupancy, pi.mentor.clients_per_mentor) == (0.3, 0.7, 7)
    assert pi.needs == base.needs and pi.budgets == base.budgets
    assert base.cost_contingency == 0.0 and base.mentor.clients_per_mentor == 5
    with pytest.raises(InputError, match="between 0 and 1"):
        apply_point(base, {"min_occupancy": 1.5})
    with pytest.raises(InputError, match="must be > 0"):
        apply_point(base, {"mentor_ratio": 0})


def test_grid_of_two_axes_and_its_refusals() -> None:
    points = grid([Axis(Lever("budget"), [1, 2]), Axis(Lever("contingency"), [0, 0.3])])
    assert points == [{"budget": 1, "contingency": 0}, {"budget": 1, "contingency": 0.3},
                      {"budget": 2, "contingency": 0}, {"budget": 2, "contingency": 0.3}]
    with pytest.raises(InputError, match="unknown lever"):
        Lever.parse("weather")
    with pytest.raises(InputError, match="finite and >= 0"):
        grid([Axis(Lever("budget"), [math.nan])])
    with pytest.raises(InputError, match="same input"):
        grid([Axis(Lever("budget"), [1]), Axis(Lever("budget"), [2])])
    with pytest.raises(InputError, match="one or two"):
        grid([])


def test_frontier_of_a_budget_sweep_is_worked_by_hand() -> None:
    tasks = sweep_tasks(two_regions(), [Axis(Lever("budget"), [12000, 2000, 6000])])
    rows = frontier([solve_point(t) for t in tasks])
    # 1,000 EUR a place, the budget split half and half: R gets 1, 3, 6 places, S 1, 3, 4.
    assert [(r["budget_eur"], r["served"]) for r in rows] == [(2000, 2), (6000, 6), (12000, 10)]
    assert rows[0]["served_per_extra_million"] is None
    assert rows[1]["served_per_extra_million"] == pytest.approx(1000)   # 4 more for 4,000 EUR
    assert rows[2]["served_per_extra_million"] == pytest.approx(4 / 6000 * 1e6)


def test_a_sweep_whose_every_point_failed_has_an_empty_frontier() -> None:
    failed = {"point": {"budget": 1e6}, "status": "failed", "error": "infeasible"}
    assert frontier([failed]) == []
    assert frontier([]) == []


def test_tornado_orders_levers_by_their_swing() -> None:
    pi = two_regions()
    base = solve_point(sweep_tasks(pi, [Axis(Lever("need"), [1.0])])[0])
    results = [solve_point(t) for t in
               sweep_tasks(pi, [Axis(Lever("budget"), [2000, 12000])])
               + sweep_tasks(pi, [Axis(Lever("contingency"), [0.0, 1.0])])]
    rows = tornado(base, results)
    assert [r["lever"] for r in rows] == ["budget", "contingency"]
    assert (rows[0]["served_low"], rows[0]["served_high"], rows[0]["swing"]) == (2, 10, 8)
    # a contingency of +100 % halves what 4,000 EUR a region buys: 8 -> 4 places
    assert (rows[1]["served_low"], rows[1]["served_high"]) == (8, 4)
    assert base["served"] == 8


def test_an_infeasible_point_says_why_and_the_sweep_goes_on() -> None:
    pi = two_regions()
    pi.equity_floor = 1.0   # everyone in A must be served: impossible below 8,000 EUR in R
    results = [solve_point(t) for t in sweep_tasks(pi, [Axis(Lever("budget"), [2000, 40000])])]
    assert results[0]["status"] == "failed" and results[0]["error"]
    assert results[1]["served"] == 12
    assert [r["budget_eur"] for r in frontier(results)] == [40000]


def test_a_point_whose_plan_fails_the_independent_check_is_failed_with_the_reason(
        monkeypatch) -> None:
    import optimizer.solve as solve_module

    monkeypatch.setattr(solve_module, "check_solution",
                        lambda pi, sol: ["capacity A home: 9.000 clients > 8.000"])
    (result,) = [solve_point(t) for t in sweep_tasks(two_regions(),
                                                     [Axis(Lever("budget"), [8000])])]
    assert result["status"] == "failed"
    assert "fails the independent check: capacity A home" in result["error"]
