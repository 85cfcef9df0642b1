"""Fixtures for import/export tests: a small region's inputs, and how to read a refusal."""

from __future__ import annotations

import pytest

from planning.domain.inputs import ScenarioInputs, default_inputs
from planning.io.imports import import_table
from planning.io.problems import ImportRejected


@pytest.fixture(scope="session")
def kurzeme() -> ScenarioInputs:
    return default_inputs("Kurzeme")


@pytest.fixture
def refused(kurzeme):
    """Import bytes that must be refused; return the error, checking nothing changed."""

    def run(data: bytes, file: str, kind: str = "needs", **kwargs) -> ImportRejected:
        before = kurzeme.to_json()
        with pytest.raises(ImportRejected) as info:
            import_table(data, file, kind, inputs=kurzeme, **kwargs)
        assert kurzeme.to_json() == before
        return info.value

    return run


@pytest.fixture(scope="session")
def tight_plan():
    """Kurzeme with 30 % of its ERDF quota, solved: new places and unmet need with causes."""
    from dataclasses import replace

    from optimizer.formulation import AllocationModel
    from planning.domain.optimizer_input import problem_from_inputs
    from planning.io.exports import Plan, PlanMetadata

    inputs = default_inputs("Kurzeme")
    budgets = {r: replace(b, erdf_quota_eur=b.erdf_quota_eur * 0.3)
               for r, b in inputs.budgets.items()}
    inputs = replace(inputs, budgets=budgets)
    solution = AllocationModel.from_problem_input(problem_from_inputs(inputs)).solve()
    return Plan(inputs, solution, PlanMetadata("Kurzeme: budžets −70 %", 4, "consultation"))
