"""pages/evaluate.py: a plan uploaded (refused with its cells, or saved as a version),
evaluated beside the optimizer with the smallest change; the ministry evaluates, not edits."""

from __future__ import annotations

from dataclasses import replace

from sqlmodel import Session

from planning import i18n
from planning.store import scenario
from tests.pages.seeding import GROUP, MINISTRY, solved_plan

PLAN = [("0005000", "group_home", 16, 1, 650000.0), ("0051000", "day_care_adults", 20, 1, None)]


def give_plan(engine, scenario_id: int, rows) -> None:
    with Session(engine, expire_on_commit=False) as session:
        inputs = scenario.load_inputs(session=session, actor=GROUP, scenario_id=scenario_id)
        scenario.save_inputs(session=session, actor=GROUP, scenario_id=scenario_id,
                             inputs=replace(inputs, given_plan=tuple(rows)),
                             expected_version=1, message="plan")


def table_with(at, column: str):
    """The shown table that has ``column`` (AppTest finds dataframes by position only)."""
    return next(d.value for d in at.dataframe if column in d.value.columns)


def run_button(at):
    return next(b for b in at.button if b.key.startswith("FormSubmitter:eval_form-"))


def test_without_a_plan_the_page_says_how_to_enter_one(db, page_test) -> None:
    solved_plan(db)
    at = page_test("evaluate", actor=GROUP)
    assert not at.exception
    assert i18n.t("eval.no_plan", "lv") in [i.value for i in at.info]
    assert run_button(at).disabled


def test_a_given_plan_is_evaluated_beside_the_optimizer(db, page_test) -> None:
    plan = solved_plan(db)
    give_plan(db, plan.id, PLAN)
    at = page_test("evaluate", actor=GROUP)
    assert not at.exception
    assert i18n.t("eval.plan_rows", "lv", n=2, places=36) in [c.value for c in at.caption]
    edited = at.data_editor[0].value
    assert list(edited["municipality"]) == ["Liepāja", "Talsu novads"]
    run_button(at).click().run(timeout=120)
    assert not at.exception
    assert not at.error, [e.value for e in at.error]
    figures = table_with(at, "Rādītājs")
    assert list(figures.columns) == ["Rādītājs", "Plāns", "Optimizētājs", "Mainīts plāns"]
    assert figures.iloc[3, 1] == "36"  # new places of the given plan
    assert any(m.value.startswith("Pievienojot ") for m in at.markdown)
    sites = table_with(at, "occupancy")
    assert list(sites["municipality"]) == ["Liepāja", "Talsu novads"]


def test_ministry_may_evaluate_but_not_edit(db, page_test) -> None:
    plan = solved_plan(db)
    give_plan(db, plan.id, PLAN)
    at = page_test("evaluate", actor=MINISTRY)
    assert not at.exception
    assert i18n.t("eval.read_only", "lv") in [i.value for i in at.info]
    assert "plan_edit_save" not in [b.key for b in at.button]
    run_button(at).click().run(timeout=120)
    assert not at.exception
    assert table_with(at, "Rādītājs").shape[0] == 11
