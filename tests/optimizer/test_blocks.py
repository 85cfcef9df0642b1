"""Independent parts, the whole-number unmet goal and solver files: faster, never different."""

from __future__ import annotations

import os
from dataclasses import replace
from unittest import mock

import pulp
import pytest
from hypothesis import HealthCheck, given, settings

from optimizer import solve as solve_module
from optimizer import solvers
from optimizer.checker import check_solution
from optimizer.errors import InfeasibleError, SolverError
from optimizer.formulation import AllocationModel
from optimizer.problem import (
    Capacity,
    MentorNorm,
    Municipality,
    Need,
    PersonNeed,
    PrioritySettings,
    ProblemInput,
    RegionBudget,
)
from optimizer.solution import build_solution
from optimizer.solve import blocks, goal_steps, unmet_is_integral
from tests.optimizer.conftest import assert_same_optimum, solve_checked
from tests.optimizer.instances import (
    GROUP,
    day,
    home,
    instance,
    line,
    random_instances,
    tolerance_trap,
)


def two_regions(budget_r2: float | None = 3000.0):
    munis, km = line("ABCD")
    munis = [replace(m, region="R1" if m.code in "AB" else "R2") for m in munis]
    pi = instance({"A": 3, "B": 2, "C": 4, "D": 5}, budget=4000)
    return replace(pi, municipalities=munis, distances=km,
                   budgets=[RegionBudget("R1", investment_eur=4000),
                            RegionBudget("R2", investment_eur=budget_r2)])


def parts(pi) -> int:
    with mock.patch.object(solve_module, "_MIN_BLOCK_COLUMNS", 0):
        return len(blocks(AllocationModel.from_problem_input(pi)))


def test_regions_without_shared_rows_are_separate_parts():
    assert parts(two_regions()) == 2


def test_flows_or_caps_across_regions_join_the_parts():
    assert parts(replace(two_regions(), cross_region_flows=True)) == 1
    capped = replace(two_regions(), services=[home(max_new_facilities=2)])
    assert parts(capped) == 1


def test_without_budgets_the_flows_still_tie_a_region():
    # Residential clients may move anywhere in their region, so A and B share need rows.
    assert parts(replace(two_regions(), budgets=[])) == 2


def test_small_parts_are_solved_together():
    assert len(blocks(AllocationModel.from_problem_input(two_regions()))) == 1


def test_parts_report_the_stage_over_all_of_them():
    with mock.patch.object(solve_module, "_MIN_BLOCK_COLUMNS", 0):
        sol = solve_checked(two_regions())
    # R1: 4 places for A (3) and B (2) -> 1 unmet; R2: 3 places for C (4) and D (5) -> 6.
    assert sol.totals["unmet_clients"] == pytest.approx(7)
    assert [st["parts"] for st in sol.stages] == [2, 2, 2]
    assert sol.stages[0]["objective"] == pytest.approx(7)
    assert sol.status == "optimal"


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(random_instances())
def test_solving_the_parts_apart_gives_the_same_optimum(pi):
    together = solve_checked(pi, mip_gap=1e-7)
    with mock.patch.object(solve_module, "_MIN_BLOCK_COLUMNS", 0):
        apart = solve_checked(pi, mip_gap=1e-7)
    assert_same_optimum(apart, together)


@pytest.mark.parametrize("min_columns", [0, 10**9], ids=["apart", "together"])
def test_a_goal_undercut_by_the_solvers_tolerance_is_fixed_at_its_whole_value(min_columns):
    with mock.patch.object(solve_module, "_MIN_BLOCK_COLUMNS", min_columns):
        model = AllocationModel.from_problem_input(tolerance_trap())
        sol = model.solve(mip_gap=1e-7)
    assert goal_steps(model) == {"unmet": 1.0, "distance": 0.1}
    assert sol.objective["distance_km_weighted"] == pytest.approx(32)
    assert sol.objective["cost_eur"] == pytest.approx(36_600)


def test_goals_have_steps_only_where_whole_plans_have_them():
    def steps(pi):
        return goal_steps(AllocationModel.from_problem_input(pi))

    pi = instance({"A": 3, "B": 5}, budget=5000)
    assert steps(pi) == {"unmet": 1.0, "distance": 1.0}
    km = {k: v + 0.25 for k, v in pi.distances.items()}
    assert steps(replace(pi, distances=km)) == {"unmet": 1.0, "distance": 0.01}
    km = {k: v / 3 for k, v in pi.distances.items()}
    assert steps(replace(pi, distances=km)) == {"unmet": 1.0}
    assert steps(replace(pi, equity_floor=0.1)) == {}


def test_unmet_is_whole_only_when_the_flows_are():
    pi = instance({"A": 3, "B": 5}, budget=5000)
    assert unmet_is_integral(pi)
    assert not unmet_is_integral(replace(pi, needs=[Need("A", GROUP, "home", 2.5)]))
    assert not unmet_is_integral(replace(pi, group_weights={GROUP: 1.5}))
    assert not unmet_is_integral(replace(pi, equity_floor=0.5))
    assert not unmet_is_integral(replace(pi, services=[home(clients_per_place=1.5)]))
    halves = replace(pi, services=[home(), day(clients_per_place=0.5)],
                     capacity=[Capacity("A", "day", 3)])
    assert not unmet_is_integral(halves)
    mentors = replace(pi, mentor=MentorNorm(groups=[GROUP]))
    assert unmet_is_integral(mentors)
    paid = replace(mentors, budgets=[RegionBudget("R", 5000, running_eur_per_year=9000)])
    assert not unmet_is_integral(paid)


def test_whole_unmet_goal_is_an_integer_variable_of_every_part():
    sol_model = AllocationModel.from_problem_input(instance({"A": 3, "B": 5}, budget=5000))
    assert all(b.goals["unmet"].cat == "Integer" for b in blocks(sol_model))
    weighted = replace(instance({"A": 3, "B": 5}, budget=5000), group_weights={GROUP: 0.5})
    assert all(b.goals["unmet"].cat == "Continuous"
               for b in blocks(AllocationModel.from_problem_input(weighted)))


def test_cbc_leaves_no_files_in_the_working_directory(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    solve_checked(two_regions(), "cbc")
    assert list(tmp_path.iterdir()) == []



def test_later_stages_find_the_short_trip(solver):
    # Found by hypothesis: one home place at m1 (R1) serves m3 (0 km) rather than m2 (1 km).
    # HiGHS 1.16 started from stage 1's plan once kept the 1 km trip (later stages now start
    # from the stage before, guarded by solvers._returns_the_start).
    munis = [Municipality("m0", "M0", "R2"), Municipality("m1", "M1", "R1"),
             Municipality("m2", "M2", "R1", False), Municipality("m3", "M3", "R1", False)]
    km = {(a, b): 0.0 if {a, b} in ({"m0", "m2"}, {"m1", "m3"}) else 1.0
          for a in ("m0", "m1", "m2", "m3") for b in ("m0", "m1", "m2", "m3") if a != b}
    pi = ProblemInput(
        municipalities=munis, groups=[GROUP], services=[home(max_places=4), day(min_places=1)],
        needs=[Need("m1", GROUP, "day", 1.0), Need("m2", GROUP, "home", 1.0),
               Need("m3", GROUP, "home", 10.0), Need("m3", GROUP, "day", 1.0)],
        distances=km, capacity=[Capacity("m1", "day", 1.0), Capacity("m3", "day", 1.0)],
        budgets=[RegionBudget("R1", 1000.0), RegionBudget("R2", 0.0)])
    sol = solve_checked(pi, solver)
    assert sol.totals["unmet_clients"] == pytest.approx(10)
    assert sol.totals["distance_km_weighted"] == pytest.approx(0)


def test_parts_solved_side_by_side_give_what_one_at_a_time_gives():
    pi = two_regions()
    with mock.patch.object(solve_module, "_MIN_BLOCK_COLUMNS", 0):
        side_by_side = solve_checked(pi)
        with mock.patch.object(solve_module, "_workers", lambda parts: 1):
            one_by_one = solve_checked(pi)
    assert solve_module._workers(2) == min(2, os.cpu_count() or 1)
    assert side_by_side.objective == pytest.approx(one_by_one.objective)
    assert side_by_side.totals == pytest.approx(one_by_one.totals)
    assert [st["parts"] for st in side_by_side.stages] == [2, 2, 2]


def test_an_infeasible_part_is_diagnosed_when_parts_run_side_by_side():
    floor = replace(two_regions(budget_r2=0.0), equity_floor=0.5)
    with mock.patch.object(solve_module, "_MIN_BLOCK_COLUMNS", 0), \
            pytest.raises(InfeasibleError, match="region R2"):
        AllocationModel.from_problem_input(floor).solve()


class TestClock:
    def test_without_a_limit_every_call_may_run_to_the_end(self):
        clock = solve_module.Clock(None, calls=3)
        assert clock.limit_for_next_call(True, 2) is None
        assert clock.calls_left == 2

    def test_a_call_leaves_a_second_for_each_later_round(self):
        clock = solve_module.Clock(100.0, calls=7)
        # 6 calls after this one, two at a time: 3 rounds, 3 s kept back
        assert clock.limit_for_next_call(True, 2) == pytest.approx(97.0, abs=0.1)

    def test_the_reserve_is_at_most_half_of_what_is_left(self):
        clock = solve_module.Clock(10.0, calls=41)
        assert clock.limit_for_next_call(True, 1) == pytest.approx(5.0, abs=0.1)

    def test_a_later_stage_with_no_time_left_is_skipped(self):
        clock = solve_module.Clock(0.0, calls=2)
        assert clock.limit_for_next_call(False, 1) == 0.0
        # the first stage always runs: a plan must come out
        assert clock.limit_for_next_call(True, 1) == pytest.approx(0.1)


# ---------------------------------------------------------------- facility links
def distance_bound(pi, with_links: bool) -> float:
    """The distance stage's relaxation bound, after stage 1 fixed the unmet need."""
    model = AllocationModel.from_problem_input(pi)
    (block,) = blocks(model)
    block.prob.setObjective(block.goals["unmet"])
    report = solvers.run(block.prob, "highs", None, mip_gap=1e-9)
    block.fix("unmet", report.objective, pi.objective)
    if with_links:
        block.add_links(("distance",))
    block.prob.setObjective(block.goals["distance"])
    return solvers.run(block.prob, "highs", None, mip=False).objective


def test_links_give_the_relaxation_the_price_of_a_whole_facility():
    # A has 3 clients, a home needs at least 7 places and the budget buys 3: they must go to
    # B's existing places, 10 km away. Without links the relaxation opens 3 places at A in
    # 3/10 of a home and nobody travels; with them, 3/7 of a home (all 3 places buy) serves
    # only 3 * 3/7 clients at A, and the other 12/7 travel 10 km.
    pi = replace(instance({"A": 3, "B": 0}, services=[home(min_places=7)], budget=3000),
                 capacity=[Capacity("B", "home", 3)])
    assert distance_bound(pi, with_links=False) == pytest.approx(0, abs=1e-6)
    assert distance_bound(pi, with_links=True) == pytest.approx(120 / 7)
    assert solve_checked(pi).totals["distance_km_weighted"] == pytest.approx(30)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(random_instances())
def test_links_never_change_the_optimum(pi):
    linked = solve_checked(pi, mip_gap=1e-7)
    with mock.patch.object(solve_module.Block, "add_links", lambda self, goals: None):
        plain = solve_checked(pi, mip_gap=1e-7)
    assert_same_optimum(linked, plain)


def test_links_join_the_unmet_stage_only_when_few():
    model = AllocationModel.from_problem_input(
        instance({"A": 3, "B": 2, "C": 9}, services=[home(min_places=7)], budget=9000))
    (block,) = blocks(model)
    rows = block.prob.numConstraints()
    small = sum(1 for link in block.links if link[2])
    assert 0 < small < len(block.links)  # C's 9 clients fill a least-size home
    block.add_links(("unmet",))
    assert block.prob.numConstraints() == rows + small
    block.add_links(("distance",))
    assert block.prob.numConstraints() == rows + len(model.link_rows)
    assert block.links == []


def test_a_solver_error_in_one_part_is_raised_once_the_others_stop():
    calls = []

    def broken(prob, solver, limit, **kw):
        calls.append(prob.name)
        if len(calls) == 1:
            raise SolverError("the solver returned a solution that breaks capacity_A_home")
        return real_run(prob, solver, limit, **kw)

    real_run = solvers.run
    with mock.patch.object(solve_module, "_MIN_BLOCK_COLUMNS", 0), \
            mock.patch.object(solvers, "run", broken), \
            pytest.raises(SolverError, match="breaks capacity_A_home"):
        AllocationModel.from_problem_input(two_regions()).solve()
    # the broken part stops; the other still runs all three stages
    assert len(calls) == 4


def test_every_part_solves_its_unmet_stage_before_any_later_stage():
    queue = solve_module.StageQueue([10, 30, 20], 3, largest_first=True)
    order = []
    while (task := queue.take()) is not None:
        order.append(task)
        queue.done(task[0], solve_module.PartResult(None))
    assert order[:3] == [(1, 0), (2, 0), (0, 0)]
    assert [stage for _k, stage in order] == [0, 0, 0, 1, 1, 1, 2, 2, 2]
    one_worker = solve_module.StageQueue([10, 30, 20], 1, largest_first=False)
    assert one_worker.take() == (0, 0)


def test_a_goal_of_zero_reports_a_gap_of_zero():
    # HiGHS reports the relative gap of an objective of 0 as not a number (seen on the
    # national distance stage); it must not reach a stage's gap as nan
    prob = pulp.LpProblem("zero", pulp.LpMinimize)
    v = prob.add_variable("v", lowBound=0, upBound=3, cat="Integer")
    prob += pulp.LpAffineExpression(v)
    solvers.run(prob, "highs", None)
    assert solvers._report(prob, float("nan")).gap == 0.0
    assert solvers._report(prob, 0.25).gap == 0.25


def test_only_the_unmet_stage_lets_highs_restart_its_search():
    # Restarts pay off on the unmet stage of large models (many columns fixed at the root)
    # and cost the later stages about a fifth of their time (benchmarks/README.md).
    allowed = []

    def recording(prob, solver, limit, **kw):
        report = real_run(prob, solver, limit, **kw)
        allowed.append(prob.solverModel.getOptionValue("mip_allow_restart")[1])
        return report

    real_run = solvers.run
    with mock.patch.object(solvers, "run", recording):
        AllocationModel.from_problem_input(instance({"A": 3, "B": 5}, budget=5000)).solve()
    assert allowed == [True, False, False]


# ---------------------------------------------------------------- stage records
def _stage(status: str, gap: float | None) -> dict:
    return {"goal": "g", "status": status, "objective": 1.0, "gap": gap, "seconds": 1.0,
            "parts": 1}


def test_the_plan_gap_is_that_of_the_goal_the_time_limit_cut():
    cut = [_stage("optimal", 0.0), _stage("time_limit", 0.03), _stage("skipped", None)]
    assert solve_module.plan_gap(cut) == pytest.approx(0.03)
    assert solve_module.plan_gap([_stage("optimal", 0.0), _stage("optimal", 1e-5)]) == \
        pytest.approx(1e-5)
    assert solve_module.plan_gap([_stage("optimal", 0.0), _stage("skipped", None)]) is None


def test_a_call_that_ran_out_of_time_without_a_plan_is_not_recorded_as_skipped():
    no_plan = solve_module.PartResult(None, seconds=4.5)
    record = solve_module._stage_record("cost", [no_plan])
    assert (record["status"], record["seconds"]) == ("time_limit", 4.5)
    record = solve_module._stage_record("cost", [solve_module.PartResult(None)])
    assert (record["status"], record["seconds"]) == ("skipped", 0.0)


# ---------------------------------------------------------------- never worse than greedy
def test_goal_values_are_what_the_stages_minimised():
    pi = instance({"A": 0}, services=[home(), day()], budget=6000, codes="ABC",
                  persons=[PersonNeed("A", GROUP, ("home",), 3, priority="leavers"),
                           PersonNeed("B", GROUP, ("home", "day"), 5, priority="waiting"),
                           PersonNeed("C", GROUP, ("day",), 2, priority="waiting")],
                  priority=PrioritySettings(order=["leavers", "waiting"],
                                            residential_default="waiting",
                                            other_default="waiting"))
    sol = solve_checked(pi)
    assert [st["goal"] for st in sol.stages] == ["unmet:leavers", "unmet:waiting",
                                                 "unmet_services", "distance", "cost"]
    assert solve_module.goal_values(pi, sol) == pytest.approx(
        [st["objective"] for st in sol.stages], rel=1e-6, abs=1e-6)


def test_lexicographic_comparison_reads_the_first_goal_that_differs():
    better = solve_module.lexicographically_better
    assert better([1, 900, 5], [2, 100, 1])
    assert not better([2, 100, 1], [1, 900, 5])
    assert better([1, 100 - 1e-3, 9], [1, 100, 1])
    assert not better([1, 100 + 1e-9, 1], [1, 100, 1])  # within the tolerance: equal
    assert better([1, 100 + 1e-9, 0], [1, 100, 1])  # equal second goal: the third decides


def test_a_plan_cut_short_is_never_worse_than_the_greedy_baseline():
    pi = instance({"A": 3, "B": 5}, budget=5000)
    nothing = build_solution(pi, places={}, facilities={}, flows={}, status="time_limit",
                             solver="highs", method="milp", seconds=1.0, gap=None)
    kept = solve_module.no_worse_than_greedy(pi, nothing)
    assert (kept.method, kept.status) == ("greedy", "time_limit")
    assert kept.totals["unserved_persons"] < nothing.totals["unserved_persons"]
    assert not check_solution(pi, kept)
    milp = solve_checked(pi)
    assert solve_module.no_worse_than_greedy(pi, milp) is milp


def test_a_cut_distance_stage_still_sends_clients_to_the_nearest_places(monkeypatch):
    # Only existing places (no money to build): with the distance stage cut by the time
    # limit, the flows are re-solved within the plan, as the full solve would send them.
    pi = replace(instance({"A": 3, "B": 2, "C": 0}, budget=0.0),
                 capacity=[Capacity("A", "home", 3), Capacity("C", "home", 4)])
    full = solve_checked(pi)
    # the unmet stage solved (not decided by the greedy plan), the stages after it cut
    monkeypatch.setattr(solve_module, "unmet_without_a_solve", lambda model, plan: 0)
    monkeypatch.setattr(solve_module.Clock, "limit_for_next_call",
                        lambda self, first, workers: None if first else 0.0)
    cut = solve_checked(pi)
    assert [st["goal"] for st in cut.stages][-1] == "distance (plan fixed)"
    assert cut.totals["distance_km_weighted"] == pytest.approx(
        full.totals["distance_km_weighted"])


def test_the_flows_within_a_plan_go_to_the_nearest_places():
    # A plan whose unmet stage sent A's 3 clients to C, 20 km away, though A has 3 places.
    pi = replace(instance({"A": 3, "C": 0}, budget=0.0, codes="ABC"),
                 capacity=[Capacity("A", "home", 3), Capacity("C", "home", 3)])
    model = AllocationModel.from_problem_input(pi)
    model.solve()
    for key, v in model.x.items():
        v.varValue = 3.0 if key[:2] == ("A", "C") else 0.0
    record = solve_module.closer_within_the_plan(model, "highs", 5.0)
    assert record["status"] == "optimal" and record["objective"] == pytest.approx(0)
    assert model.x[("A", "A", GROUP, "home")].value() == pytest.approx(3)


def test_a_goal_with_no_term_in_a_part_is_not_solved(monkeypatch):
    # Every cost 0 (a textbook location problem): the cost goal cannot change the plan.
    free = home(investment_per_place=0.0)
    pi = instance({"A": 3, "B": 5}, services=[free], budget=None)
    calls = []
    run = solvers.run
    monkeypatch.setattr(solvers, "run", lambda prob, *a, **k: calls.append(1) or run(prob, *a, **k))
    sol = solve_checked(pi)
    assert [st["goal"] for st in sol.stages] == ["unmet", "distance", "cost"]
    assert sol.stages[-1]["status"] == "optimal" and sol.stages[-1]["objective"] == 0
    assert len(calls) == 1  # distance only: unmet is 0 by the greedy plan, cost constant


def test_an_unmet_goal_the_greedy_plan_cannot_show_to_be_0_is_solved(monkeypatch):
    # 1,000 EUR a place and 5,000 EUR: 5 of the 8 clients served at best, so the unmet stage
    # is solved; without money to spare the greedy plan proves nothing.
    pi = instance({"A": 3, "B": 5}, budget=5000.0)
    calls = []
    run = solvers.run
    monkeypatch.setattr(solvers, "run", lambda prob, *a, **k: calls.append(1) or run(prob, *a, **k))
    sol = solve_checked(pi)
    assert sol.totals["unserved_persons"] == pytest.approx(3)
    assert len(calls) == 3
    assert solve_module.unmet_without_a_solve(AllocationModel.from_problem_input(pi),
                                              [("unmet",), ("distance",)]) == 0
