"""Numbers that would poison a plan are refused by ScenarioInputs, whatever the entry point
(page, import, command line and bundle all validate through it)."""

from __future__ import annotations

import math
from dataclasses import replace

import pytest

from planning.domain import bounds
from planning.domain.errors import InputError
from planning.domain.inputs import MunicipalityLimit, RegionBudget, ScenarioInputs, default_inputs

NAN, INF = math.nan, math.inf


@pytest.fixture(scope="module")
def kurzeme() -> ScenarioInputs:
    return default_inputs("Kurzeme")


def columns(inputs: ScenarioInputs) -> list[tuple[str, object]]:
    return [(p.section, p.column) for p in inputs.problems()]


@pytest.mark.parametrize("value", [NAN, INF, -INF, 1e308])
def test_norms_must_be_finite_and_sane(kurzeme, value) -> None:
    bad = replace(kurzeme, norm_overrides={"group_home": {"investment_per_place": value}})
    assert ("norms", "investment_per_place") in columns(bad)


@pytest.mark.parametrize("count", [10**30, -1, bounds.MAX_COUNT + 1])
def test_a_count_must_be_a_sane_whole_number(kurzeme, count) -> None:
    code, group, level, service, _ = kurzeme.needs[0]
    bad = replace(kurzeme, needs=((code, group, level, service, count), *kurzeme.needs[1:]))
    assert columns(bad) == [("needs", "count")]


@pytest.mark.parametrize("inputs_change, where", [
    ({"budgets": {"Kurzeme": RegionBudget(erdf_quota_eur=INF)}}, ("budgets", "erdf_quota_eur")),
    ({"budgets": {"Kurzeme": RegionBudget(erdf_quota_eur=1e6, cofinancing_share=NAN)}},
     ("budgets", "cofinancing_share")),
    ({"budgets": {"Kurzeme": RegionBudget(1e6, 0.15, running_budget_eur_per_year=1e308)}},
     ("budgets", "running_budget_eur_per_year")),
    ({"municipal_limits": {"0005000": MunicipalityLimit(max_new_places=10**30)}},
     ("limits", "max_new_places")),
    ({"equity_floor": NAN}, ("scenario", "equity_floor")),
    ({"cost_contingency": INF}, ("scenario", "cost_contingency")),
    ({"group_priorities": {"adults_grt": NAN}}, ("priorities", "group_priorities")),
    ({"group_priorities": {"adults_grt": INF}}, ("priorities", "group_priorities")),
    ({"mentor_overrides": {"clients_per_mentor": INF}}, ("mentor", "clients_per_mentor")),
    ({"mentor_overrides": {"hourly_rate": INF}}, ("mentor", "hourly_rate")),
])
def test_every_other_number_must_be_finite_and_sane(kurzeme, inputs_change, where) -> None:
    assert where in columns(replace(kurzeme, **inputs_change))


def test_a_bundle_or_saved_json_with_an_infinite_count_is_refused_clearly(kurzeme) -> None:
    data = kurzeme.to_dict()
    data["needs"][0][4] = INF
    with pytest.raises(InputError, match="scenario inputs are malformed"):
        ScenarioInputs.from_dict(data)
    data["needs"][0][4] = 1e30
    with pytest.raises(InputError, match="too large; at most 100 000"):
        ScenarioInputs.from_dict(data).validate()


@pytest.mark.parametrize("args, message", [
    (["--region", "Kurzeme", "--budget", "nan"], "not a finite number"),
    (["--region", "Kurzeme", "--budget", "1e308"], "too large"),
    (["--region", "Kurzeme", "--time-limit", "inf"], "not a finite number"),
    (["--region", "Kurzeme", "--time-limit", "nan"], "not a finite number"),
])
def test_the_command_line_refuses_numbers_that_are_not_finite_or_sane(args, message) -> None:
    from click.testing import CliRunner

    from planning.cli.main import main

    result = CliRunner().invoke(main, ["--lang", "en", "solve", *args])  # LANG may be lv
    assert result.exit_code in (1, 2), result.output
    assert message in result.output and "Traceback" not in result.output
