"""planning.views.evaluation_tables: the given plan's size and problems, the evaluation's
sites below viable and its smallest change in figures (Kurzeme, 2 M EUR)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from optimizer.formulation import AllocationModel
from planning.domain.catalogue import load_catalogue
from planning.domain.evaluation import evaluate_given
from planning.domain.inputs import default_inputs
from planning.domain.optimizer_input import problem_from_inputs, with_total_budget
from planning.views import evaluation_tables as ev

CAT = load_catalogue()


@pytest.fixture(scope="module")
def tight():
    """Kurzeme with 2 M EUR and the optimizer's plan for it."""
    inputs = with_total_budget(default_inputs("Kurzeme"), 2_000_000)
    sol = AllocationModel.from_problem_input(problem_from_inputs(inputs)).solve()
    plan = tuple((r.municipality, r.service, int(r.new_places), int(r.new_facilities), None)
                 for r in sol.sites.itertuples() if r.new_places > 0)
    return inputs, plan


def test_plan_size_and_only_the_plans_problems(tight) -> None:
    inputs, plan = tight
    given = replace(inputs, given_plan=plan)
    assert ev.plan_size(given) == (len(plan), sum(r[2] for r in plan))
    assert ev.plan_size(inputs) == (0, 0)
    assert ev.plan_problems(given, CAT) == []
    code, service, *_ = plan[0]
    bad = replace(given, given_plan=((code, service, -3, 1, None), *plan[1:]))
    problems = ev.plan_problems(bad, CAT)
    assert problems and {p.section for p in problems} == {"plan"}


def test_the_optimizers_own_plan_needs_no_change_and_is_viable(tight) -> None:
    inputs, plan = tight
    evaluation = evaluate_given(replace(inputs, given_plan=plan))
    assert ev.change_summary(evaluation) is None
    assert ev.below_viable(evaluation) == 0


def test_a_plan_without_its_largest_site_gains_persons_by_the_change(tight) -> None:
    inputs, plan = tight
    largest = max(plan, key=lambda r: r[2])
    evaluation = evaluate_given(replace(inputs, given_plan=tuple(r for r in plan
                                                                 if r != largest)))
    summary = ev.change_summary(evaluation)
    assert summary is not None
    assert summary["added"] >= 1 and summary["gained"] >= 1
    assert summary["moved"] == min(summary["added"], summary["removed"])


def test_a_doubled_plan_has_sites_below_viable(tight) -> None:
    inputs, plan = tight
    doubled = tuple((c, s, 2 * p, f, None) for c, s, p, f, _ in plan)
    evaluation = evaluate_given(replace(inputs, given_plan=doubled))
    assert ev.below_viable(evaluation) == evaluation.figures().at["below_viable", "given"] >= 1
