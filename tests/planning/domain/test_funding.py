"""planning.domain.funding: the funding cliff worked by hand on a plan phased by the
optimizer, and project funding refused in the 'Plāna gadi' section when it cannot be used."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import pytest

from optimizer.phasing import PhasingInput, Project, phase
from planning.domain import funding
from planning.domain.horizon import Horizon, horizon_problems
from planning.domain.inputs import ScenarioInputs, default_inputs
from planning.views import phasing_tables as views

TALSI, LIEPAJA = "0051000", "0005000"


@pytest.fixture(scope="module")
def plan():
    """Two homes, no lead time, 100 EUR to build each and money for one in 2026 and one in
    2029: Talsi's (1 000 EUR a year to run) opens in 2026, Liepāja's (500) in 2029."""
    projects = [Project("talsi", "Kurzeme", TALSI, "group_home", 8, 100.0, 1000.0, 8),
                Project("liepaja", "Kurzeme", LIEPAJA, "group_home", 4, 100.0, 500.0, 4)]
    pi = PhasingInput(2026, 2030, projects, lead_years={"group_home": 0},
                      budgets={"Kurzeme": [100.0, 0.0, 0.0, 100.0, 0.0]})
    phased = phase(pi)
    opens = dict(zip(phased.projects["id"], phased.projects["open_year"], strict=True))
    assert opens == {"talsi": 2026, "liepaja": 2029}
    return phased


FUNDED = Horizon(2026, 2030, running_funded_share=0.8, running_funded_until=2028)


def test_a_funding_end_in_year_3_moves_the_running_cost_to_the_municipality_from_year_4(plan):
    costs = funding.year_costs(plan.projects, FUNDED).set_index("year")
    assert costs["running_funded_eur"].tolist() == [800, 800, 800, 0, 0]
    assert costs["running_municipal_eur"].tolist() == [200, 200, 200, 1500, 1500]
    table = funding.takeovers(plan.projects, FUNDED).set_index("municipality")
    assert table.loc[TALSI, "takeover_eur_per_year"] == 800
    assert table.loc[TALSI, "takeover_year"] == 2029
    # Liepāja's home opens after the funding: its municipality pays it from the start
    assert table.loc[LIEPAJA, "takeover_eur_per_year"] == 0
    assert table.loc[LIEPAJA, "running_eur_per_year"] == 500
    assert pd.isna(table.loc[LIEPAJA, "takeover_year"])
    assert funding.cliff_in_horizon(FUNDED, funding.takeovers(plan.projects, FUNDED)) == 2029


def test_funding_beyond_the_horizon_is_taken_over_after_it(plan):
    late = replace(FUNDED, running_funded_until=2034)
    table = funding.takeovers(plan.projects, late)
    assert table["takeover_eur_per_year"].tolist() == [800, 400]
    assert table["takeover_year"].tolist() == [2035, 2035]
    assert funding.cliff_in_horizon(late, table) is None
    assert funding.year_costs(plan.projects, late)["running_municipal_eur"].tolist() == [
        200, 200, 200, 300, 300]


def test_without_funding_the_municipalities_pay_everything(plan):
    table = views.years_frame(plan, "lv", Horizon(2026, 2030))
    assert table["running_funded_eur"].sum() == 0
    assert table["running_municipal_eur"].tolist() == table["running_eur_per_year"].tolist() \
        == [1000, 1000, 1000, 1500, 1500]
    assert views.years_frame(plan, "lv").equals(table)  # no horizon: none either
    assert funding.takeovers(plan.projects, Horizon(2026, 2030))[
        "takeover_eur_per_year"].sum() == 0


def test_the_years_table_splits_the_running_cost_and_names_municipalities(plan):
    table = views.years_frame(plan, "lv", FUNDED)
    assert (table["running_funded_eur"] + table["running_municipal_eur"]).tolist() == \
        table["running_eur_per_year"].tolist()
    cliff = views.takeover_frame(plan, FUNDED, "2025", "lv")
    assert list(cliff.columns) == views.TAKEOVER_COLUMNS
    assert cliff["municipality"].tolist() == ["Talsu novads", "Liepāja"]


def test_funding_survives_the_scenarios_json():
    inputs = replace(default_inputs("Kurzeme"), running_funded_share=0.6,
                     running_funded_until=2028)
    back = ScenarioInputs.from_json(inputs.to_json())
    assert back == inputs and back.problems() == []
    h = back.horizon()
    assert (h.running_funded_share, h.running_funded_until) == (0.6, 2028)
    old = inputs.to_dict()
    del old["running_funded_share"], old["running_funded_until"]
    assert ScenarioInputs.from_dict(old).horizon().running_funded_share is None  # stored before


@pytest.mark.parametrize(("share", "until", "column", "lv"), [
    (1.5, 2028, "running_funded_share", "ne vairāk kā"),
    (float("nan"), 2028, "running_funded_share", "nav galīgs skaitlis"),
    (-0.1, 2028, "running_funded_share", "vismaz"),
    (0.5, 2024, "running_funded_until", "pirms plāna pirmā gada"),
    (0.5, None, "running_funded_until", "norādiet arī gadu"),
    (None, 2028, "running_funded_share", "norādiet arī daļu"),
])
def test_bad_funding_is_named_in_the_years_section(share, until, column, lv):
    inputs = replace(default_inputs("Kurzeme"), plan_years=(2026, 2030),
                     running_funded_share=share, running_funded_until=until)
    found = inputs.problems()
    assert [(p.section, p.column) for p in found] == [("years", column)]
    text = found[0].describe("lv")
    assert text.startswith("Plāna gadi") and lv in text
    assert found[0].describe("en") != text
    assert horizon_problems(inputs.horizon(), set())[0].column == column
