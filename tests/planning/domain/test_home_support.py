"""Home-based support in the domain: the catalogue's sections, a scenario's staff and
dwelling tables (checked cell by cell) and what the optimizer gets from them."""

from __future__ import annotations

import copy
import dataclasses
import tomllib

import pytest

from optimizer import AllocationModel
from optimizer.checker import check_solution
from planning.domain.catalogue import load_catalogue, parse_catalogue
from planning.domain.config import DATA_DIR
from planning.domain.errors import CatalogueError
from planning.domain.inputs import ScenarioInputs, default_inputs
from planning.domain.optimizer_input import problem_from_inputs

LIEPAJA = "0005000"


@pytest.fixture(scope="module")
def raw() -> dict:
    return tomllib.loads((DATA_DIR / "norms.toml").read_text(encoding="utf-8"))


def test_the_sourced_numbers_are_carried_over():
    cat = load_catalogue()
    fa, hf = cat.home_services["family_assistant"], cat.home_services["housing_first"]
    assert (fa.hourly_rate, fa.staff[0].hours_per_staff_month) == (4.5, 160)
    assert {st.profession: st.clients_per_staff for st in hf.staff} == {
        "case_manager": 10, "mentor": 7}
    assert cat.adaptations["housing_adaptation"].investment_per_dwelling == 2600
    for h in cat.home_services.values():
        assert all(v.strip() for v in h.sources.values())


def test_a_profession_staffed_two_ways_is_refused_naming_section_and_column(raw):
    bad = copy.deepcopy(raw)
    bad["home_services"]["housing_first"]["staff"]["mentor"]["hours_per_staff_month"] = 160
    with pytest.raises(CatalogueError, match=r"\[home_services.housing_first.staff.mentor\]"):
        parse_catalogue(bad)


def test_an_unsourced_home_number_is_refused(raw):
    bad = copy.deepcopy(raw)
    del bad["home_services"]["family_assistant"]["sources"]["hourly_rate"]
    with pytest.raises(CatalogueError, match="no source for hourly_rate"):
        parse_catalogue(bad)


def test_an_adaptation_for_a_day_service_is_refused(raw):
    bad = copy.deepcopy(raw)
    bad["adaptations"]["housing_adaptation"]["replaces"] = ["day_care_adults"]
    with pytest.raises(CatalogueError, match="not a residential service"):
        parse_catalogue(bad)


def test_staff_and_dwellings_round_trip_and_reach_the_optimizer():
    inputs = dataclasses.replace(default_inputs("Kurzeme"),
                                 staff_available=(("Kurzeme", "case_manager", 1.0),),
                                 dwellings=((LIEPAJA, 3.0),))
    assert ScenarioInputs.from_json(inputs.to_json()) == inputs
    pi = problem_from_inputs(inputs)
    assert [(s.region, s.profession, s.fte) for s in pi.staff_limits] == [
        ("Kurzeme", "case_manager", 1.0)]
    assert [(d.municipality, d.dwellings) for d in pi.dwellings] == [(LIEPAJA, 3.0)]
    assert {h.id for h in pi.home_services} == {"family_assistant", "housing_first",
                                               "home_care"}


@pytest.mark.parametrize(("rows", "column", "text"), [
    ((("Kurzeme", "plumber", 2.0),), "profession", "unknown profession"),
    ((("Latgale", "mentor", 2.0),), "region", "not in the scenario's region"),
    ((("Kurzeme", "mentor", -1.0),), "fte", ""),
    ((("Kurzeme", "mentor", 1.0), ("Kurzeme", "mentor", 2.0)), None, "duplicated row"),
])
def test_bad_staff_cells_are_named(rows, column, text):
    inputs = dataclasses.replace(default_inputs("Kurzeme"), staff_available=rows)
    found = [p for p in inputs.problems() if p.section == "staff"]
    assert [(p.row, p.column) for p in found] == [(len(rows), column)]
    assert text in found[0].describe("en")


def test_bad_dwelling_cells_are_named():
    inputs = dataclasses.replace(default_inputs("Kurzeme"),
                                 dwellings=(("9999999", 2.0), (LIEPAJA, float("nan"))))
    found = [(p.row, p.column) for p in inputs.problems() if p.section == "dwellings"]
    assert found == [(1, "atvk_code"), (2, "dwellings")]


def test_a_persons_file_may_name_a_home_service_and_staff_binds():
    persons = ((LIEPAJA, "adults_grt", "I", "housing_first", "waiting_list", 11),)
    inputs = dataclasses.replace(default_inputs("Kurzeme"), persons=persons,
                                 staff_available=(("Kurzeme", "case_manager", 1.0),))
    assert inputs.problems() == []
    pi = problem_from_inputs(inputs)
    sol = AllocationModel.from_problem_input(pi).solve()
    assert check_solution(pi, sol) == []
    assert sol.totals["served_persons"] == 10
    assert list(sol.unmet.cause) == ["staff"]


def test_views_and_exports_say_staff_binds_and_keep_home_clients_out_of_public_files():
    from planning.domain import results
    from planning.io import exports
    from planning.views import home_tables

    persons = ((LIEPAJA, "adults_grt", "I", "housing_first", "waiting_list", 11),)
    inputs = dataclasses.replace(default_inputs("Kurzeme"), persons=persons,
                                 staff_available=(("Kurzeme", "case_manager", 1.0),))
    sol = AllocationModel.from_problem_input(problem_from_inputs(inputs)).solve()
    result = results.ScenarioResult("x", inputs, sol)
    cat = load_catalogue()
    home = home_tables.home_frame(result, cat, "lv")
    assert list(zip(home.profession, home.clients, home.staff, strict=True)) == [
        ("gadījuma vadītājs", 10, 1), ("mentors", 10, 2)]
    use = home_tables.staff_use_frame(result, cat, "lv").set_index("profession")
    assert use.loc["gadījuma vadītājs", "binds"] == "personāls"
    assert use.loc["mentors", "available"] == "bez ierobežojuma"
    assert home_tables.binding_lines(result, "en") == [
        "Kurzeme: every available case manager (1) is employed; 1 client is left without "
        "home support for lack of staff — more money without staff would not serve them: "
        "staff binds."]
    assert "1 klientam atbalsta mājās nav" in home_tables.binding_lines(result, "lv")[0]
    plan = exports.Plan(inputs, sol, exports.PlanMetadata(scenario="x", version=1), cat)
    assert {"home", "staff_use"} <= set(exports.plan_tables(plan, lang="lv", years=False))
    book = exports.plan_workbook(plan, lang="lv")
    assert b"Atbalsts m" in _sheet_names(book)


def _sheet_names(book: bytes) -> bytes:
    import io

    from openpyxl import load_workbook
    return " ".join(load_workbook(io.BytesIO(book)).sheetnames).encode()


def test_the_comparison_shows_home_support_beside_the_other_key_figures():
    from planning import i18n
    from planning.domain import results
    from planning.views import plan_tables

    persons = ((LIEPAJA, "adults_grt", "I", "housing_first", "waiting_list", 11),)
    base = default_inputs("Kurzeme")
    with_home = dataclasses.replace(base, persons=persons,
                                    staff_available=(("Kurzeme", "case_manager", 1.0),))
    compared = [results.ScenarioResult(label, inputs,
                                       AllocationModel.from_problem_input(
                                           problem_from_inputs(inputs)).solve())
                for label, inputs in (("bez", base), ("ar", with_home))]
    shown = plan_tables.key_figures_frame(compared, "lv")
    clients = shown.loc[i18n.t("total.home_clients", "lv")]
    staff = shown.loc[i18n.t("total.home_staff", "lv")]
    assert clients["bez"] == "0" and clients["ar"] == "10 (Δ +10)"
    assert staff["bez"] == "0" and staff["ar"] == "3 (Δ +3)"  # a case manager and 2 mentors
