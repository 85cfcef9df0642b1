"""The public view of a plan: protected for the public and each municipality; refuses raw
small counts."""

from __future__ import annotations

from dataclasses import replace

import pytest

from optimizer.formulation import AllocationModel
from planning.domain import disclosure, results
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
    assert len(tables.primaries()) > 10, "the plan has small counts: the test is not vacuous"
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
