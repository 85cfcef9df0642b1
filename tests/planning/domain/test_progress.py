"""Planned against actual by year, slippage, and the amendment's built projects, on
hand-worked plans."""

from __future__ import annotations

import pandas as pd
import pytest

from optimizer import phasing
from optimizer.errors import InputError
from planning.domain import progress
from planning.store.progress import COLUMNS

YEARS = [2026, 2027, 2028, 2029, 2030]


def _projects(rows):
    """Phased projects: (municipality, service, places, investment, open_year, leavers)."""
    return pd.DataFrame([{"id": f"{m}:{s}:{k}", "region": "Kurzeme", "municipality": m,
                          "service": s, "places": p, "investment_eur": i, "open_year": y,
                          "leavers": lv} for k, (m, s, p, i, y, lv) in enumerate(rows)]
                        ).astype({"open_year": "Int64"})


def _actuals(rows):
    """(atvk, kind, service, year, places, investment, persons)."""
    return pd.DataFrame([{"atvk_code": a, "kind": k, "service": s, "year": y, "places": p,
                          "investment_eur": i, "persons": n, "revision": 1,
                          "recorded_by": "x", "recorded_at": None}
                         for a, k, s, y, p, i, n in rows], columns=COLUMNS)


PLAN = _projects([("L", "home", 8, 400_000.0, 2027, 6), ("L", "home", 8, 400_000.0, 2028, 8),
                  ("V", "day", 10, 100_000.0, 2027, 0), ("V", "day", 5, 50_000.0, None, 0)])


def test_planned_and_actual_places_investment_and_persons_by_year():
    got = progress.planned_vs_actual(PLAN, _actuals([
        ("L", "opening", "home", 2027, 8, 380_000.0, 0),
        ("L", "moved", "", 2027, 0, 0.0, 5)]), YEARS, today_year=2027)
    home = got.openings[got.openings["service"] == "home"]
    assert home[["year", "planned_places", "actual_places", "planned_investment_eur",
                 "actual_investment_eur"]].values.tolist() == [
        [2027, 8, 8, 400_000, 380_000], [2028, 8, 0, 400_000, 0]]
    assert got.moved[["municipality", "year", "planned_moved", "actual_moved"]
                     ].values.tolist() == [["L", 2027, 6, 5], ["L", 2028, 8, 0]]
    by_year = got.years.set_index("year")
    assert by_year.loc[2027, ["planned_places", "actual_places", "planned_moved",
                              "actual_moved"]].tolist() == [18, 8, 6, 5]
    assert by_year.loc[2030, "planned_places"] == 0  # the project after the horizon


def test_nothing_slips_before_its_year_has_passed():
    got = progress.planned_vs_actual(PLAN, _actuals([]), YEARS, today_year=2027)
    assert got.slipping == 0


def test_a_passed_year_with_nothing_or_fewer_places_slips():
    actual = _actuals([("L", "opening", "home", 2027, 5, 250_000.0, 0)])
    got = progress.planned_vs_actual(PLAN, actual, YEARS, today_year=2029)
    flags = got.openings.set_index(["municipality", "year"])["slippage"]
    assert (flags[("L", 2027)], flags[("L", 2028)], flags[("V", 2027)]) == (
        "fewer", "fewer", "none")
    assert got.moved.set_index("year")["slippage"].tolist() == ["none", "none"]


def test_places_opened_early_make_up_for_a_later_year():
    actual = _actuals([("L", "opening", "home", 2027, 16, 800_000.0, 0),
                       ("L", "moved", "", 2027, 0, 0.0, 14)])
    got = progress.planned_vs_actual(PLAN, actual, YEARS, today_year=2029)
    assert got.openings[got.openings["municipality"] == "L"]["slippage"].tolist() == ["", ""]
    assert got.moved["slippage"].tolist() == ["", ""]


def test_an_opening_the_plan_does_not_have_is_shown_as_actual_only():
    actual = _actuals([("L", "opening", "day", 2026, 4, 30_000.0, 0)])
    got = progress.planned_vs_actual(PLAN, actual, YEARS, today_year=2027)
    row = got.openings[(got.openings["municipality"] == "L")
                       & (got.openings["service"] == "day")]
    assert row[["year", "planned_places", "actual_places", "slippage"]].values.tolist() == [
        [2026, 0, 4, ""]]


# ---------------------------------------------------------------- amendment
def _pi(**changes):
    projects = [phasing.Project(f"L:home:{k}", "Kurzeme", "L", "home", 8, 400_000.0, 0.0, 8,
                                leavers=8) for k in (1, 2)]
    values = {"first_year": 2026, "last_year": 2030, "projects": projects,
              "lead_years": {"home": 1}, "budgets": {"Kurzeme": [400_000.0] * 5}}
    return phasing.PhasingInput(**{**values, **changes})


def test_without_actuals_the_budget_opens_one_home_a_year():
    plan = phasing.phase(_pi())
    assert plan.projects["open_year"].tolist() == [2027, 2028]


def test_a_built_home_stays_in_its_year_and_the_rest_starts_from_the_remaining_years():
    pi = progress.with_built(_pi(), [("L", "home", 2029, 8, 500_000.0)], from_year=2029)
    plan = phasing.phase(pi)
    table = plan.projects.set_index("id")
    assert table.loc["L:home:1", ["open_year", "built", "investment_eur"]].tolist() == [
        2029, True, 500_000.0]
    assert table.loc["L:home:2", ["start_year", "open_year", "built"]].tolist() == [
        2029, 2030, False]


def test_a_partly_built_home_is_split_and_the_rest_rephased():
    pi = progress.with_built(_pi(), [("L", "home", 2027, 5, 200_000.0)], from_year=2028)
    table = phasing.phase(pi).projects.set_index("id")
    assert table.loc["L:home:1:built", ["places", "open_year", "built"]].tolist() == [
        5, 2027, True]
    assert table.loc["L:home:1:rest", ["places", "built"]].tolist() == [3, False]
    assert table.loc["L:home:1:rest", "start_year"] >= 2028
    assert table["places"].sum() == pytest.approx(16)


def test_places_built_beyond_the_plan_are_a_built_project_with_no_clients():
    pi = progress.with_built(_pi(), [("L", "home", 2027, 20, 1_000_000.0)], from_year=2028)
    table = phasing.phase(pi).projects
    assert table["built"].all() and table["places"].sum() == pytest.approx(20)
    assert table["investment_eur"].sum() == pytest.approx(1_000_000.0)
    assert table.loc[table["id"] == "L:home:built2027", "clients"].item() == 0


def test_built_spending_over_the_budget_leaves_nothing_until_it_catches_up():
    pi = progress.with_built(_pi(), [("L", "home", 2026, 8, 1_200_000.0)], from_year=2026)
    table = phasing.phase(pi).projects.set_index("id")
    # 1.2 M spent by 2026 against 0.4 M a year: the budget so far reaches 1.6 M in 2029
    assert table.loc["L:home:2", "start_year"] == 2029


def test_remaining_years_outside_the_horizon_are_refused():
    with pytest.raises(InputError, match="from_year"):
        phasing.phase(_pi(from_year=2035))


def test_where_nothing_forces_a_change_the_approved_years_are_kept():
    pi = progress.with_built(_pi(), [], from_year=2026,
                             starts={"L:home:1": 2027, "L:home:2": 2026})
    assert phasing.phase(pi).projects["open_year"].tolist() == [2028, 2027]


def test_the_rest_of_a_split_project_keeps_its_projects_year_when_it_can():
    pi = progress.with_built(_pi(), [("L", "home", 2027, 5, 200_000.0)], from_year=2026,
                             starts={"L:home:1": 2026, "L:home:2": 2027})
    assert pi.preferred_starts == {"L:home:1:rest": 2026, "L:home:2": 2027}
