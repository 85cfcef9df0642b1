"""planning.views.phasing_tables: the plan by year as people read it."""

from __future__ import annotations

import pandas as pd

from planning.domain.catalogue import load_catalogue
from planning.domain.horizon import Horizon
from planning.domain.phasing import phase_plan
from planning.views import phasing_tables as views
from tests.planning.domain.test_phasing import DUNDAGA, dundaga_plan  # noqa: F401 (fixture)

CAT = load_catalogue()


def test_the_years_read_in_whole_euros_and_persons(dundaga_plan):  # noqa: F811
    plan = phase_plan(dundaga_plan, Horizon(2026, 2030))
    frame = views.years_frame(plan, "lv")
    assert list(frame.columns) == views.YEAR_COLUMNS  # one region: no region column
    assert list(frame["year"]) == [2026, 2027, 2028, 2029, 2030]
    numbers = frame[views.YEAR_COLUMNS[1:]].astype(float).dropna()
    assert (numbers == numbers.round(0)).all().all()
    assert frame["leavers_moved"].iloc[-1] == 85


def test_facilities_by_name_earliest_first_and_late_ones_last(dundaga_plan):  # noqa: F811
    plan = phase_plan(dundaga_plan, Horizon(2026, 2027))  # too short for a group home
    frame = views.projects_frame(plan, CAT, "2025", "lv")
    assert "Talsu novads" in set(frame["municipality"])
    home = CAT.services["group_home"].name("lv")
    assert frame.loc[frame["service"] == home, "open_year"].isna().all()
    opened = frame["open_year"].notna()
    assert opened.iloc[: opened.sum()].all()  # openings first, the late ones after
    chart = views.openings_chart(plan, CAT, "lv")
    assert list(chart.index) == ["2026", "2027"] and home not in chart.columns


def test_the_named_branch_shows_its_residents_each_year_and_its_closure(dundaga_plan):  # noqa: F811
    assert list(views.named_branches(dundaga_plan)) == [DUNDAGA]
    plan = phase_plan(dundaga_plan, Horizon(2026, 2030))
    frame = views.branches_frame(plan, "lv")
    assert list(frame["institution"]) == ['VSAC "Kurzeme" filiāle "Dundaga"']
    row = frame.iloc[0]
    assert row["closure_year"] == 2028 and row["2030"] == 0 and row["reason"] == ""
    assert views.unnamed_branches(plan) == len(plan.branches) - 1
    kept = views.branches_frame(
        phase_plan(dundaga_plan, Horizon(2026, 2030, admissions_per_year={DUNDAGA: 5})), "lv")
    assert kept.iloc[0]["reason"] == "uzņemšana turpinās, atbrīvotās vietas aizpilda"
    assert pd.isna(kept.iloc[0]["closure_year"])


def test_with_the_result_each_branch_shows_its_cost_per_person_and_km(dundaga_plan):  # noqa: F811
    plan = phase_plan(dundaga_plan, Horizon(2026, 2030))
    assert "km_mean" not in views.branches_frame(plan, "lv").columns
    row = views.branches_frame(plan, "lv", dundaga_plan).iloc[0]
    sites = dundaga_plan.solution.sites
    homes = sites.loc[sites["service"] == "group_home", "investment_eur"].sum()
    assert row["investment_per_person_eur"] == round(homes / 85) > 0
    assert row["km_mean"] == 0
    assert list(views.branches_frame(plan, "lv", dundaga_plan).columns) == [
        "institution", "residents", "placed_in_plan", "closure_year", "reason",
        "investment_per_person_eur", "km_mean", "2026", "2027", "2028", "2029", "2030"]
