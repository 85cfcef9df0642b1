"""pages/run.py: solver and time limit, a background run with progress, the stored result
with its version; readers cannot run; a failing run is reported; a run another server of
the app runs is named."""

from __future__ import annotations

import time
from dataclasses import replace

from sqlmodel import Session

from planning import i18n
from planning.store import scenario
from planning.store.tables import OptimizerRun, utcnow
from tests.budgets import with_total_budgets
from tests.pages.planning_helpers import save_budget_factor
from tests.pages.seeding import GROUP, MINISTRY, solved_plan

START = "FormSubmitter:run_form-"
SCENARIO_KEY = "scenario"  # the shared picker (pages/_plan.py)


def start_button(at):
    return next(b for b in at.button if b.key.startswith(START))


def wait_done(at, seconds: float = 60.0):
    """Rerun the page until the run has finished (the fragment polls in a browser)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        at.run()
        if at.success or at.error:
            return at
        time.sleep(0.3)
    raise AssertionError("the run did not finish")


def test_run_stores_the_result_with_the_version_it_solved(db, page_test) -> None:
    plan = solved_plan(db)
    save_budget_factor(db, plan.id, 0.5)
    at = page_test("run", actor=GROUP)
    assert not at.exception
    assert i18n.t("run.no_result", "lv", version=2) in [c.value for c in at.caption]
    assert at.radio(key="run_solver").value == "highs"
    at.number_input(key="run_time_limit").set_value(30)
    start_button(at).click().run()
    assert not at.exception
    wait_done(at)
    assert not at.exception
    assert at.success[0].value.startswith("Versija 2 aprēķināta")
    with Session(db, expire_on_commit=False) as session:
        row = scenario.latest_result(session=session, actor=GROUP, scenario_id=plan.id,
                                     number=2)
    assert row is not None and row.created_by == GROUP.username and row.solver == "highs"
    assert '"municipalities"' in row.problem_json  # the instance is kept for explanations
    assert any(c.value.startswith("Versijai 2 ir 1 rezultāts") for c in at.caption)


def test_ministry_cannot_run_a_regional_plan(db, page_test) -> None:
    solved_plan(db)
    at = page_test("run", actor=MINISTRY)
    assert not at.exception
    assert i18n.t("run.not_allowed", "lv") in [i.value for i in at.info]
    assert start_button(at).disabled


def test_infeasible_input_is_reported_not_crashed(db, page_test) -> None:
    plan = solved_plan(db)
    with Session(db, expire_on_commit=False) as session:
        inputs = scenario.load_inputs(session=session, actor=GROUP, scenario_id=plan.id)
        scenario.save_inputs(session=session, actor=GROUP, scenario_id=plan.id,
                             inputs=replace(with_total_budgets(inputs, 0.0),
                                            equity_floor=1.0),
                             expected_version=1, message="impossible")
    at = page_test("run", actor=GROUP)
    start_button(at).click().run()
    wait_done(at)
    assert not at.exception
    assert at.error[0].value.startswith("Versiju 2 nevarēja aprēķināt")


def test_the_page_shows_only_the_chosen_scenarios_run(db, page_test) -> None:
    first = solved_plan(db, "Kurzemes plāns A")
    second = solved_plan(db, "Kurzemes plāns B")
    at = page_test("run", actor=GROUP)
    at.selectbox(key=SCENARIO_KEY).set_value(first.id).run()
    start_button(at).click().run()
    wait_done(at)
    assert at.success[0].value.startswith("Versija 1 aprēķināta")
    at.selectbox(key=SCENARIO_KEY).set_value(second.id).run()
    assert not at.exception
    assert not at.success and not at.error  # the other plan's run is not shown here
    assert not any(b.key and b.key.startswith("cancel_") for b in at.button)
    at.selectbox(key=SCENARIO_KEY).set_value(first.id).run()
    assert at.success[0].value.startswith("Versija 1 aprēķināta")


def test_a_zero_quota_is_named_before_the_run(db, page_test) -> None:
    """A version whose ERDF quota is 0 would run to 0 places: the page says so first."""
    plan = solved_plan(db)
    warning = i18n.t("run.zero_budget", "lv", region="Kurzeme")
    at = page_test("run", actor=GROUP)
    assert warning not in [w.value for w in at.warning]
    save_budget_factor(db, plan.id, 0.0)
    at = page_test("run", actor=GROUP)
    assert not at.exception
    assert warning in [w.value for w in at.warning]


def test_a_run_another_server_runs_is_named_and_a_finished_one_is_not(db, page_test) -> None:
    plan = solved_plan(db)
    with Session(db, expire_on_commit=False) as session:
        going = OptimizerRun(scenario_id=plan.id, version=1, region="Kurzeme", solver="highs",
                             time_limit=60, submitted_by="kurzeme.other", phase="solving",
                             owner="replica-b:7", heartbeat_at=utcnow())
        session.add(going)
        session.commit()
    at = page_test("run", actor=GROUP)
    assert not at.exception
    [shown] = [i.value for i in at.info if "cits lietotnes serveris" in i.value]
    assert shown.startswith("Versijas 1 aprēķinu") and "kurzeme\\.other" in shown
    with Session(db) as session:
        row = session.get(OptimizerRun, going.id)
        row.phase = "done"
        session.add(row)
        session.commit()
    at = page_test("run", actor=GROUP)
    assert not [i.value for i in at.info if "cits lietotnes serveris" in i.value]
