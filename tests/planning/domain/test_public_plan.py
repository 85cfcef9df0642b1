"""The public view of a plan: protected for the public and each municipality; refuses raw
small counts."""

from __future__ import annotations

from dataclasses import replace

import pytest

from optimizer.formulation import AllocationModel
from planning.domain import disclosure, results
from planning.domain.errors import FiguresOutdated
from planning.domain.inputs import default_inputs
from planning.domain.optimizer_input import problem_from_inputs
from planning.domain.privacy import SMALL, WITHHELD
from planning.domain.public_plan import linked_tables, public_plan


@pytest.fixture(scope="module")
def kurzeme() -> results.ScenarioResult:
    inputs = default_inputs("Kurzeme")
    sol = AllocationModel.from_problem_input(problem_from_inputs(inputs)).solve("highs")
    return results.ScenarioResult("Kurzeme", inputs, sol)


def test_every_small_count_is_protected_for_the_public_and_each_municipality(kurzeme):
    tables, insiders = linked_tables(kurzeme)
    assert len(tables.primaries()) >= 5, "the plan has small counts: the test is not vacuous"
    hidden = disclosure.protect(tables, insiders=insiders)
    assert disclosure.unprotected(tables, hidden, insiders) == []
    assert disclosure.unprotected(tables, set(tables.primaries())), \
        "hiding only the small counts would be undone by arithmetic"


def test_the_view_shows_markers_not_small_counts(kurzeme):
    view = public_plan(kurzeme)
    values = list(view.places["new_places"])
    assert SMALL in values and WITHHELD in values
    assert not [v for v in values if not isinstance(v, str) and 0 < v < 5]
    assert view.totals["new_places"] in (kurzeme.solution.totals["new_places"], WITHHELD)


def test_a_public_view_refuses_a_small_count(kurzeme):
    view = public_plan(kurzeme)
    places = view.places.copy()
    places.loc[0, "new_places"] = 3
    with pytest.raises(ValueError, match="count 1-4"):
        replace(view, places=places)


def test_a_result_of_other_norms_is_refused_with_a_reason_not_an_infeasible_lp(kurzeme):
    """The stored figures follow the norms they were solved with; read with other norms (an
    older catalogue, inputs edited after the run) they cannot be linked, and the view says so
    (it used to end in "attacker LP: Infeasible")."""
    older = kurzeme.inputs.catalogue().with_overrides(
        {"group_home": {"investment_per_place": 12_000.0}})
    with pytest.raises(FiguresOutdated, match="does not follow its norms"):
        public_plan(kurzeme, older)


def test_the_norms_of_the_solved_problem_link_the_figures(kurzeme):
    """Given the problem the solution solved, the view follows its norms whatever the
    catalogue says now, and is protected for the public and every municipality."""
    solved = problem_from_inputs(kurzeme.inputs)
    older = kurzeme.inputs.catalogue().with_overrides(
        {"group_home": {"investment_per_place": 12_000.0}})
    tables, insiders = linked_tables(kurzeme, older, problem=solved)
    hidden = disclosure.protect(tables, insiders=insiders)
    assert disclosure.unprotected(tables, hidden, insiders) == []
    assert public_plan(kurzeme, older, problem=solved).hidden_cells == len(hidden)


def test_a_solution_of_another_region_is_refused(kurzeme):
    latgale = replace(kurzeme, inputs=default_inputs("Latgale"))
    with pytest.raises(FiguresOutdated, match="regions without a solution: Latgale"):
        public_plan(latgale)


def test_violated_names_relations_the_values_break():
    cells = [disclosure.Cell("a", 3), disclosure.Cell("b", 7), disclosure.Cell("t", 11),
             disclosure.Cell("m", 0, count=False, published=False)]
    adds_up = disclosure.Relation({"t": 1, "a": -1, "b": -1})
    slack = disclosure.Relation({"t": 1, "a": -1, "b": -1, "m": -1})
    assert disclosure.violated(disclosure.LinkedTables(cells, [adds_up])) == [adds_up]
    assert disclosure.violated(disclosure.LinkedTables(cells, [slack])) == []
    negative = disclosure.Relation({"t": 1, "a": -1, "b": -1, "m": 1})
    assert disclosure.violated(disclosure.LinkedTables(cells, [negative])) == [negative]
