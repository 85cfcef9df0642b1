"""pages/results.py: metrics, the results map, tables, unmet need by cause, explanation,
downloads; a scenario never run; English."""

from __future__ import annotations

import datetime

import pytest
from sqlmodel import Session

from optimizer.formulation import AllocationModel
from planning import i18n
from planning.domain import optimizer_input as problem
from planning.domain.catalogue import load_catalogue
from planning.store import scenario
from tests.pages.conftest import metric_values
from tests.pages.planning_helpers import frame, save_budget_factor
from tests.pages.seeding import GROUP, MINISTRY, solved_plan


def run_version(engine, scenario_id: int, number: int) -> None:
    """Solve version ``number`` and store the result with its instance."""
    with Session(engine, expire_on_commit=False) as session:
        inputs = scenario.load_inputs(session=session, actor=GROUP, scenario_id=scenario_id,
                                      number=number)
        pi = problem.problem_from_inputs(inputs)
        sol = AllocationModel.from_problem_input(pi).solve("highs")
        scenario.save_result(session=session, actor=GROUP, scenario_id=scenario_id,
                             number=number, solution=sol.to_dict(), problem=pi.to_dict(),
                             solver="highs", status=sol.status, run_seconds=sol.seconds)


def test_never_run_scenario_points_to_the_run_page(db, page_test) -> None:
    with Session(db, expire_on_commit=False) as session:
        scenario.create_scenario(session=session, actor=GROUP,
                                 scenario_in={"name": "Empty", "region": "Kurzeme"})
    at = page_test("results", actor=GROUP)
    assert not at.exception
    assert i18n.t("results.none", "lv") in [i.value for i in at.info]


def test_full_budget_result(db, page_test) -> None:
    plan = solved_plan(db)
    at = page_test("results", actor=GROUP)
    assert not at.exception, at.exception
    figures = metric_values(at)
    with Session(db) as session:
        stored = scenario.latest_result(session=session, actor=GROUP, scenario_id=plan.id)
    totals = scenario.result_solution(stored)["totals"]
    assert figures[i18n.t("results.coverage", "lv")] == i18n.fmt_pct(
        totals["served_persons"] / totals["need_persons"], "lv")
    assert figures[i18n.t("results.need_persons", "lv")] == i18n.fmt_int(
        totals["need_persons"], "lv")
    munis = frame(at, "coverage_of_eligible")
    assert len(munis) == 8  # Kurzeme
    assert (munis["coverage_of_eligible"] < munis["coverage"]).all()  # assessed < eligible
    places = frame(at, "existing_places")
    assert places["new_places"].sum() == totals["new_places"]
    # the money reaches everyone; respite needs more clients than live near a site
    assert list(frame(at, "cause", "unmet")["cause"]) == [i18n.t("cause.too_few", "lv")]
    assert frame(at, "net_places_left")["net_places_left"].ge(0).all()
    assert {d.key for d in at.download_button} >= {"download_xlsx", "download_zip",
                                                   "download_geojson", "download_gpkg",
                                                   "download_pdf", "download_docx"}
    # seeding stores no instance with the result: said, not crashed
    assert i18n.t("results.no_problem", "lv") in [c.value for c in at.caption]
    assert i18n.t("results.persons", "lv") in [h.value for h in at.subheader]
    by_class = frame(at, "priority_class")
    assert by_class["need_persons"].sum() == totals["need_persons"]
    assert by_class["unserved_persons"].sum() == totals["unserved_persons"]
    assert by_class.iloc[0]["priority_class"] == "Personas, kas atstāj institūciju"
    packages = frame(at, "package")
    assert packages["served_persons"].sum() == totals["served_persons"]
    assert i18n.t("cause.too_few", "lv") in set(packages["cause"])
    unserved = next(d.value for d in at.dataframe
                    if list(d.value.columns) == ["cause", "unserved_persons"])
    assert list(unserved["cause"]) == [i18n.t("cause.too_few", "lv")]
    assert unserved["unserved_persons"].sum() == totals["unserved_persons"]
    facilities = next(d.value for d in at.dataframe if list(d.value.columns) == [
        "service", "new_facilities", "new_places", "investment_eur"])
    assert facilities["new_facilities"].sum() == totals["new_facilities"]


def test_cut_budget_shows_unmet_need_by_cause_and_what_binds(db, page_test) -> None:
    plan = solved_plan(db)
    save_budget_factor(db, plan.id, 0.3)
    run_version(db, plan.id, 2)
    at = page_test("results", actor=GROUP)
    assert not at.exception, at.exception
    assert at.selectbox(key="results_version").value == 2
    causes = frame(at, "cause", "unmet")
    assert causes.iloc[0]["cause"] == "investīciju budžets"
    binds = " ".join(m.value for m in at.markdown)
    assert "Kurzeme: investīciju budžets izsmelts" in binds
    at.toggle(key="results_more_money").set_value(True).run()
    assert not at.exception
    shown = " ".join(m.value for m in at.markdown)
    assert "100\u00a0000\u00a0€ vairāk reģionam Kurzeme ļautu izveidot vēl" in shown
    cut = metric_values(at)[i18n.t("results.coverage", "lv")]
    at.selectbox(key="results_version").select(1).run()
    full = metric_values(at)[i18n.t("results.coverage", "lv")]
    assert int(full.rstrip("%")) > int(cut.rstrip("%"))


def test_the_csv_style_is_chosen_on_the_page_latvian_excel_by_default(db, page_test) -> None:
    solved_plan(db)
    at = page_test("results", actor=GROUP)
    radio = at.radio(key="download_csv_style")
    assert radio.value == "excel_lv"
    assert radio.options == [i18n.t("results.csv_style.excel_lv", "lv"),
                             i18n.t("results.csv_style.standard", "lv")]
    radio.set_value("standard").run()
    assert not at.exception
    assert at.radio(key="download_csv_style").value == "standard"
    english = page_test("results", actor=GROUP, lang="en")
    assert english.radio(key="download_csv_style").value == "standard"


def test_map_service_filter(db, page_test) -> None:
    solved_plan(db)
    at = page_test("results", actor=GROUP)
    at.selectbox(key="results_map_service").select("group_home").run()
    assert not at.exception
    at.toggle(key="results_map_flows").set_value(False).run()
    assert not at.exception


def test_ministry_reads_results_in_english(db, page_test) -> None:
    solved_plan(db)
    at = page_test("results", actor=MINISTRY, lang="en")
    assert not at.exception
    assert at.title[0].value == "Results"
    assert metric_values(at)["Need, persons"] == "510"


def _counts_shown(at) -> list[str]:
    """Every cell of every table and every metric on the page, as text."""
    cells = [str(m.value) for m in at.metric]
    for d in at.dataframe:
        cells += [str(v) for col in d.value.columns for v in d.value[col]]
    return cells


def test_the_public_sees_only_the_protected_plan(db, page_test) -> None:
    from planning.domain import privacy
    from tests.pages.seeding import published_plan

    published_plan(db)
    at = page_test("results")
    assert not at.exception, at.exception
    cells = _counts_shown(at)
    assert privacy.SMALL in cells and privacy.WITHHELD in cells
    munis = frame(at, "coverage")
    assert len(munis) == 8 and "coverage_of_eligible" not in munis.columns
    places = frame(at, "new_facilities")
    small = [v for v in places["new_places"] if not isinstance(v, str) and 0 < v < 5]
    assert small == []
    assert i18n.t("results.public_note", "lv") in [c.value for c in at.caption]
    assert i18n.t("results.goal_order", "lv", order=(
        "Mazāk neapkalpotu personu → Tuvāk ģimenei (mazāk km) → Mazākas izmaksas")) in [
        c.value for c in at.caption]
    assert not [d for d in at.dataframe if "need_persons" in d.value.columns]  # no persons
    assert not [m for m in at.markdown if "investīciju budžets" in m.value]  # no explanation


def test_the_public_is_told_when_a_plans_figures_do_not_fit_its_version(db, page_test) -> None:
    from tests.pages.seeding import stale_plan

    stale_plan(db, keep_problem=False)
    at = page_test("results")
    assert not at.exception, at.exception
    assert i18n.t("plan.updating", "lv") in [i.value for i in at.info]
    assert not at.error


def test_a_result_stored_before_persons_says_so_and_counts_clients(db, page_test) -> None:
    with Session(db, expire_on_commit=False) as session:
        s = scenario.create_scenario(session=session, actor=GROUP,
                                     scenario_in={"name": "Old", "region": "Kurzeme"})
        inputs = scenario.load_inputs(session=session, actor=GROUP, scenario_id=s.id)
        data = AllocationModel.from_problem_input(problem.problem_from_inputs(inputs)).solve(
            "highs").to_dict()
        data.pop("persons")
        data["totals"] = {k: v for k, v in data["totals"].items() if not k.endswith("_persons")}
        scenario.save_result(session=session, actor=GROUP, scenario_id=s.id, number=1,
                             solution=data, problem={}, solver="highs", status="optimal",
                             run_seconds=0.5)
    at = page_test("results", actor=GROUP)
    assert not at.exception, at.exception
    assert i18n.t("results.no_persons", "lv") in [c.value for c in at.caption]
    assert metric_values(at)[i18n.t("results.need", "lv")] == i18n.fmt_int(
        data["totals"]["need_clients"], "lv")
    assert not [d for d in at.dataframe if "priority_class" in d.value.columns]


def test_the_plan_by_year_opens_every_facility_after_its_lead_time(db, page_test) -> None:
    solved_plan(db)
    at = page_test("results", actor=GROUP)
    assert not at.exception, at.exception
    assert i18n.t("results.years.title", "lv") in [h.value for h in at.subheader]
    first = datetime.date.today().year
    by_year = frame(at, "places_opening", "leavers_moved")
    assert list(by_year["year"]) == list(range(first, first + 5))
    facilities = frame(at, "start_year", "open_year")
    leads = {s.name("lv"): s.lead_years for s in load_catalogue().services.values()}
    opened = facilities.dropna(subset=["open_year"])
    assert len(opened) and all(
        r.open_year - r.start_year == leads[r.service] for r in opened.itertuples())
    assert by_year["places_opening"].sum() == opened["places"].sum()
    assert by_year["places_open"].iloc[-1] == opened["places"].sum()


def test_a_shorter_horizon_leaves_facilities_for_after_it(db, page_test) -> None:
    plan = solved_plan(db)
    at = page_test("results", actor=GROUP)
    with Session(db) as session:
        row = scenario.latest_result(session=session, actor=GROUP, scenario_id=plan.id)
    first = datetime.date.today().year
    at.number_input(key=f"years_last_{row.id}").set_value(first + 1).run()
    assert not at.exception, at.exception
    facilities = frame(at, "start_year", "open_year")
    homes = facilities[facilities["service"] == load_catalogue().services["group_home"]
                       .name("lv")]
    assert len(homes) and homes["open_year"].isna().all()  # two years to build a home
    late = int(facilities["open_year"].isna().sum())
    assert i18n.tn("results.years.late", late, "lv", last=first + 1) in [
        w.value for w in at.warning]


def funded_plan(engine, share: float | None, until: int | None):
    """A Kurzeme plan of five years from this one whose version 2 has project funding of
    ``share`` of the running cost until ``until``, solved and stored (named by them: the
    page caches a stored result by its id and name, and every test's database starts at 1)."""
    from dataclasses import replace

    first = datetime.date.today().year
    with Session(engine, expire_on_commit=False) as session:
        s = scenario.create_scenario(session=session, actor=GROUP,
                                     scenario_in={"name": f"ESF {share} {until}",
                                                  "region": "Kurzeme"})
        inputs = scenario.load_inputs(session=session, actor=GROUP, scenario_id=s.id)
        scenario.save_inputs(session=session, actor=GROUP, scenario_id=s.id, inputs=replace(
            inputs, plan_years=(first, first + 4), running_funded_share=share,
            running_funded_until=until), expected_version=1)
    run_version(engine, s.id, 2)
    return first


def test_the_funding_cliff_tab_shows_each_municipalitys_takeover_and_warns(db, page_test):
    first = funded_plan(db, 0.8, datetime.date.today().year + 2)  # the third year
    at = page_test("results", actor=GROUP)
    assert not at.exception, at.exception
    assert i18n.t("results.years.tab.funding", "lv") in [t.label for t in at.tabs]
    by_year = frame(at, "running_funded_eur", "running_municipal_eur").set_index("year")
    assert by_year.loc[first + 3, "running_funded_eur"] == 0
    assert by_year.loc[first + 2, "running_funded_eur"] == pytest.approx(
        0.8 * by_year.loc[first + 2, "running_eur_per_year"], abs=1)
    assert (by_year["running_funded_eur"] + by_year["running_municipal_eur"]).tolist() == \
        pytest.approx(by_year["running_eur_per_year"].tolist(), abs=1)
    cliff = frame(at, "takeover_eur_per_year", "takeover_year")
    taken = cliff[cliff["takeover_eur_per_year"] > 0]
    assert len(taken) and set(taken["takeover_year"]) == {first + 3}
    assert "Liepāja" in set(taken["municipality"])
    warning = i18n.t("results.funding.cliff", "lv", year=first + 3,
                     eur=i18n.fmt_eur(cliff["takeover_eur_per_year"].sum(), "lv"),
                     municipalities=len(taken))
    assert warning in [w.value for w in at.warning]


def test_without_project_funding_the_tab_says_the_municipalities_pay(db, page_test):
    funded_plan(db, None, None)
    at = page_test("results", actor=GROUP)
    assert not at.exception, at.exception
    assert i18n.t("results.funding.none", "lv") in [c.value for c in at.caption]
    cliff = frame(at, "takeover_eur_per_year", "takeover_year")
    assert cliff["takeover_eur_per_year"].sum() == 0 and cliff["running_eur_per_year"].sum() > 0
    assert not [w for w in at.warning if "pārņem" in w.value]


def test_the_branches_tab_shows_each_closures_cost_per_person_and_km(db, page_test):
    """Dundaga's 85 residents (``tests/planning/domain/test_phasing.py``), each housed in a
    group home in their own municipality: the homes' investment over 85, and 0 km. Four
    years, not the default five: the page caches a phased plan by result id and horizon."""
    from dataclasses import replace

    first = datetime.date.today().year

    leavers, package = "leavers.vsac_kurzeme_dundaga", "day_care_adults+group_home"
    with Session(db, expire_on_commit=False) as session:
        s = scenario.create_scenario(session=session, actor=GROUP,
                                     scenario_in={"name": "Dundaga", "region": "Kurzeme"})
        inputs = scenario.load_inputs(session=session, actor=GROUP, scenario_id=s.id)
        scenario.save_inputs(session=session, actor=GROUP, scenario_id=s.id, inputs=replace(
            inputs, needs=(), plan_years=(first, first + 3), persons=(
                ("0051000", "adults_grt", "II", package, leavers, 40),
                ("0005000", "adults_grt", "II", package, leavers, 30),
                ("0027000", "adults_grt", "III", package, leavers, 15))), expected_version=1)
    run_version(db, s.id, 2)
    at = page_test("results", actor=GROUP)
    assert not at.exception, at.exception
    branches = frame(at, "investment_per_person_eur", "km_mean")
    assert list(branches["institution"]) == ['VSAC "Kurzeme" filiāle "Dundaga"']
    sites = frame(at, "start_year", "open_year")
    homes = sites[sites["service"] == load_catalogue().services["group_home"].name("lv")]
    assert branches["investment_per_person_eur"].iloc[0] == round(
        homes["investment_eur"].sum() / 85) > 0
    assert branches["km_mean"].iloc[0] == 0


def test_the_year_map_tab_draws_the_plan_at_the_end_of_a_chosen_year(db, page_test):
    """Open on the map tab: a slider over the plan's years, at the last by default; moving it
    to the first year redraws without error."""
    from dataclasses import replace

    first = datetime.date.today().year
    with Session(db, expire_on_commit=False) as session:
        s = scenario.create_scenario(session=session, actor=GROUP,
                                     scenario_in={"name": "Gadi", "region": "Kurzeme"})
        inputs = scenario.load_inputs(session=session, actor=GROUP, scenario_id=s.id)
        scenario.save_inputs(session=session, actor=GROUP, scenario_id=s.id,
                             inputs=replace(inputs, plan_years=(first, first + 2)),
                             expected_version=1)
    run_version(db, s.id, 2)
    at = page_test("results", actor=GROUP,
                   years_tabs=i18n.t("results.years.tab.map", "lv"))
    assert not at.exception, at.exception
    slider = at.select_slider(key="years_map_year")
    assert slider.options == [str(y) for y in range(first, first + 3)]
    assert slider.value == first + 2
    assert i18n.t("results.years.map_note", "lv") in [c.value for c in at.caption]
    at = slider.set_value(first).run()
    assert not at.exception, at.exception


def test_the_group_sees_the_municipalities_answers_with_what_waits(db, page_test) -> None:
    """A dispute reaches the group on its results page (issue 18), with the counts."""
    from planning.store import consultation, review
    from tests.pages.seeding import DIENVIDKURZEME, published_plan

    plan = published_plan(db)
    with Session(db, expire_on_commit=False) as session:
        consultation.respond_to_allocation(session=session, actor=DIENVIDKURZEME,
                                           scenario_id=plan.id, service="group_home",
                                           status="disputed", comment="Plānā 0 vietu (tests)")
        summary = review.response_summary(session=session, actor=GROUP, scenario_id=plan.id,
                                          number=1, lang="lv")
    assert summary.disputed == 1 and summary.waiting > 0
    at = page_test("results", actor=GROUP)
    assert not at.exception
    counts = i18n.t("life.responses_counts", "lv", disputed=1, confirmed=0,
                    waiting=summary.waiting)
    assert counts in [w.value for w in at.warning]
    answers = frame(at, "response", "comment")
    disputed = answers[answers["comment"] == "Plānā 0 vietu (tests)"]
    assert disputed["response"].tolist() == [i18n.t("response.disputed", "lv")]
