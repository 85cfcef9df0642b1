"""pages/inputs.py, the candidate-sites tab, and the results page with sites: a scenario
with imported sites (the illustrative Kurzeme example, tests/planning/sites_example.py)
shows them with where its distances come from; a reach in minutes is saved as a new
version; a result solved at the sites lists the sites with new services and says the
distances are an estimate."""

from __future__ import annotations

from sqlmodel import Session

from optimizer.formulation import AllocationModel
from planning.domain import optimizer_input as problem
from planning.io.imports import import_table
from planning.store import scenario
from tests.pages.seeding import GROUP
from tests.pages.test_inputs_page import edit, errors, versions
from tests.planning.sites_example import SITE_HEADERS, csv_of, example_sites


def plan_with_sites(engine, solved: bool = False):
    with Session(engine, expire_on_commit=False) as session:
        s = scenario.create_scenario(session=session, actor=GROUP,
                                     scenario_in={"name": "Kurzeme ar vietām",
                                                  "region": "Kurzeme"})
        inputs = scenario.load_inputs(session=session, actor=GROUP, scenario_id=s.id)
        data = csv_of(example_sites("Kurzeme", per_municipality=2), SITE_HEADERS)
        inputs = import_table(data, "vietas.csv", "sites", inputs=inputs).inputs
        scenario.save_inputs(session=session, actor=GROUP, scenario_id=s.id, inputs=inputs,
                             expected_version=1, message="vietas")
        if solved:
            sol = AllocationModel.from_problem_input(
                problem.problem_from_inputs(inputs)).solve("highs", time_limit=60)
            scenario.save_result(session=session, actor=GROUP, scenario_id=s.id, number=2,
                                 solution=sol.to_dict(), problem={}, solver="highs",
                                 status="optimal", run_seconds=0.5)
        return s


def test_sites_tab_lists_the_sites_and_saves_a_reach_in_minutes(db, page_test) -> None:
    plan = plan_with_sites(db)
    at = page_test("inputs", actor=GROUP)
    assert not at.exception
    assert any("lielā riņķa attālums × 1,3" in i.value for i in at.info)
    shown = next(df.value for df in at.dataframe if "site" in df.value.columns)
    assert "Talsu novads A" in set(shown["site"])
    edit(at, "_sites_minutes", {1: {"max_travel_minutes": 45}})
    at.run()
    assert not at.error, errors(at)
    at.button(key="save_button").click().run()
    assert versions(db, plan.id) == [3, 2, 1]
    with Session(db, expire_on_commit=False) as session:
        saved = scenario.load_inputs(session=session, actor=GROUP, scenario_id=plan.id)
    assert saved.travel_minutes == {"day_care_adults": 45.0}
    assert len(saved.candidate_sites) == 15


def test_results_list_the_sites_with_new_services_and_the_distance_source(db, page_test):
    plan_with_sites(db, solved=True)
    at = page_test("results", actor=GROUP)
    assert not at.exception
    assert any("Attālumi: aprēķins" in c.value for c in at.caption)
    assert any("Kandidātvietas ar jauniem pakalpojumiem" in m.value for m in at.markdown)
    built = next(df.value for df in at.dataframe if "site" in df.value.columns)
    assert built["site"].str.contains(" [AB]$").all()
