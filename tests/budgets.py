"""A test helper: the same scenario with every region's budgets scaled."""

from __future__ import annotations

from dataclasses import replace

from planning.domain.inputs import ScenarioInputs


def with_total_budgets(inputs: ScenarioInputs, factor: float) -> ScenarioInputs:
    """Every region's ERDF quota and running budget scaled by ``factor`` (e.g. 0.9)."""
    budgets = {r: replace(b, erdf_quota_eur=b.erdf_quota_eur * factor,
                          running_budget_eur_per_year=None
                          if b.running_budget_eur_per_year is None
                          else b.running_budget_eur_per_year * factor)
               for r, b in inputs.budgets.items()}
    return replace(inputs, budgets=budgets)
