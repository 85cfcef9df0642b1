"""planning.domain.phasing: a solved Kurzeme plan over 2026-2030, its Dundaga branch
closing when its residents' homes open, and horizons refused with the field named."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import pytest

from optimizer.formulation import AllocationModel
from planning.domain.errors import InputError
from planning.domain.horizon import Horizon
from planning.domain.inputs import default_inputs
from planning.domain.optimizer_input import problem_from_inputs
from planning.domain.phasing import branch_homes, phase_plan, phasing_input
from planning.domain.results import ScenarioResult

DUNDAGA = "vsac_kurzeme_dundaga"
PACKAGE = "day_care_adults+group_home"


@pytest.fixture(scope="module")
def dundaga_plan() -> ScenarioResult:
    """Dundaga's 85 residents (the embedded count) moving to Talsi, Liepāja and Ventspils,
    and 12 persons at risk who need a workshop."""
    leavers = f"leavers.{DUNDAGA}"
    inputs = replace(default_inputs("Kurzeme"), needs=(), persons=(
        ("0051000", "adults_grt", "II", PACKAGE, leavers, 40),
        ("0005000", "adults_grt", "II", PACKAGE, leavers, 30),
        ("0027000", "adults_grt", "III", PACKAGE, leavers, 15),
        ("0005000", "adults_grt", "II", "workshop", "at_risk", 12)))
    sol = AllocationModel.from_problem_input(problem_from_inputs(inputs)).solve("highs")
    return ScenarioResult("Dundaga", inputs, sol)


def branch(plan, iid: str = DUNDAGA):
    return plan.branches.set_index("branch").loc[iid]


def test_one_project_per_new_facility_with_whole_places(dundaga_plan):
    pi = phasing_input(dundaga_plan, Horizon(2026, 2030))
    sites = dundaga_plan.solution.sites
    new = sites[sites["new_places"] > 0]
    assert len(pi.projects) == int(new["new_facilities"].clip(lower=1).sum())
    assert sum(p.places for p in pi.projects) == new["new_places"].sum()
    assert all(p.places == int(p.places) for p in pi.projects)
    assert sum(p.investment_eur for p in pi.projects) == pytest.approx(
        new["investment_eur"].sum())
    homes = [p for p in pi.projects if p.service == "group_home"]
    assert sum(p.branches.get(DUNDAGA, 0) for p in homes) + pi.leavers_placed_now["Kurzeme"] \
        == pytest.approx(85)


def test_the_branch_closes_when_its_residents_homes_open(dundaga_plan):
    plan = phase_plan(dundaga_plan, Horizon(2026, 2030))
    row = branch(plan)
    homes = plan.projects[plan.projects["service"] == "group_home"]
    assert row["closure_year"] == homes["open_year"].max() == 2026 + 2  # group homes' lead
    assert row[2030] == 0 and row[2026] > 0
    assert branch(plan, "vsac_kurzeme_ilgi")["reason"] == "not_housed"  # nobody named it
    assert plan.years["investment_eur"].sum() == pytest.approx(
        dundaga_plan.solution.sites["investment_eur"].sum())


def test_the_branch_pays_its_residents_homes_and_they_stay_in_their_municipality(
        dundaga_plan):
    homes = branch_homes(dundaga_plan).set_index("branch")
    sites = dundaga_plan.solution.sites
    group_homes = sites[sites["service"] == "group_home"]
    assert group_homes["clients"].sum() == pytest.approx(85)  # only Dundaga's live in them
    assert homes.loc[DUNDAGA, "investment_eur"] == pytest.approx(
        group_homes["investment_eur"].sum())  # the workshop and day care are not homes
    assert homes.loc[DUNDAGA, "km_mean"] == 0  # each home in the person's own municipality


def test_homes_away_from_home_raise_the_mean_km(dundaga_plan):
    """Ten of Talsi's 40 housed 50 km away: 10 x 50 km over Dundaga's 85 persons."""
    flows = dundaga_plan.solution.flows.copy()
    talsi = (flows["origin"] == "0051000") & (flows["service"] == "group_home")
    flows.loc[talsi, "clients"] = 30.0
    away = flows[talsi].assign(site="0089000", clients=10.0, km=50.0)
    moved = replace(dundaga_plan, solution=replace(dundaga_plan.solution,
                                                   flows=pd.concat([flows, away])))
    assert branch_homes(moved).set_index("branch").loc[DUNDAGA, "km_mean"] == \
        pytest.approx(10 * 50 / 85)


def test_money_only_in_the_last_years_delays_the_closure(dundaga_plan):
    late = Horizon(2026, 2030, budget_shares=(0, 0, 1, 0, 0))
    plan = phase_plan(dundaga_plan, late)
    assert branch(plan)["closure_year"] == 2030
    assert plan.years.set_index("year").loc[2026, "investment_eur"] == 0


def test_a_closure_fixed_too_early_is_refused_in_latvian(dundaga_plan):
    with pytest.raises(InputError) as err:
        phase_plan(dundaga_plan, Horizon(2026, 2030, closure_years={DUNDAGA: 2027}))
    text = err.value.describe("lv")
    assert "Dundaga" in text and "2027" in text and "slēgt" in text


def test_admissions_keep_the_branch_open(dundaga_plan):
    plan = phase_plan(dundaga_plan, Horizon(2026, 2030, admissions_per_year={DUNDAGA: 10}))
    assert branch(plan)["reason"] == "admissions"
    assert branch(plan)[2030] > 0


@pytest.mark.parametrize(("horizon", "column"), [
    (Horizon(2030, 2026), "last_year"),
    (Horizon(2026, 2060), "last_year"),
    (Horizon(1990, 1995), "first_year"),
    (Horizon(2026, 2030, budget_shares=(1, 1)), "budget_shares"),
    (Horizon(2026, 2030, budget_shares=(1, -1, 0, 0, 0)), "budget_shares"),
    (Horizon(2026, 2030, budget_shares=(0, 0, 0, 0, 0)), "budget_shares"),
    (Horizon(2026, 2030, closure_years={DUNDAGA: 2024}), "closure_years"),
    (Horizon(2026, 2030, closure_years={"vsac_latgale_kalupe": 2028}), "closure_years"),
    (Horizon(2026, 2030, admissions_per_year={DUNDAGA: float("nan")}), "admissions_per_year"),
])
def test_a_horizon_that_cannot_be_used_is_refused_naming_the_field(dundaga_plan, horizon,
                                                                   column):
    with pytest.raises(InputError) as err:
        phase_plan(dundaga_plan, horizon)
    assert err.value.column == column
    assert err.value.describe("lv") != err.value.describe("en")


def test_an_amendment_with_nothing_built_keeps_the_approved_phasing(dundaga_plan):
    approved = phase_plan(dundaga_plan, Horizon(2026, 2030))
    amended = replace(dundaga_plan, inputs=replace(dundaga_plan.inputs, remaining_from=2026))
    again = phase_plan(amended, Horizon(2026, 2030))
    assert again.projects["open_year"].tolist() == approved.projects["open_year"].tolist()


def test_an_amendment_keeps_a_home_built_late_and_the_branch_closes_after_it(dundaga_plan):
    approved = phase_plan(dundaga_plan, Horizon(2026, 2030))
    home = approved.projects[approved.projects["service"] == "group_home"].iloc[0]
    built = ((home["municipality"], "group_home", 2030, int(home["places"]),
              float(home["investment_eur"])),)
    amended = replace(dundaga_plan, inputs=replace(dundaga_plan.inputs, built=built,
                                                   remaining_from=2027))
    plan = phase_plan(amended, Horizon(2026, 2030))
    kept = plan.projects.set_index("id").loc[home["id"]]
    assert (kept["open_year"], kept["built"]) == (2030, True)
    assert branch(plan)["closure_year"] == 2030
    assert plan.projects.loc[~plan.projects["built"], "start_year"].dropna().min() >= 2027
