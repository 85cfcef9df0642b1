"""pages/sweep.py: a budget sweep started from the page runs in the background, is stored
and read back as a frontier, a table and a workbook; typed values in Latvian; a bad value is
named at its field and nothing is stored; a reader cannot start one."""

from __future__ import annotations

import io
import time

import openpyxl
from sqlmodel import Session

from planning import i18n
from planning.domain.catalogue import load_catalogue
from planning.io import robust_export
from planning.store import sweeps
from planning.views import sweep_tables as tables
from planning.views.sweep_tables import sweep_workbook
from tests.pages.seeding import GROUP, MINISTRY, solved_plan


def stored(db, scenario_id: int) -> list[sweeps.SweepView]:
    with Session(db) as session:
        return sweeps.list_sweeps(session=session, actor=GROUP, scenario_id=scenario_id)


def wait_finished(db, scenario_id: int, seconds: float = 300.0) -> sweeps.SweepView:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        rows = stored(db, scenario_id)
        if rows and not rows[0].running:
            return rows[0]
        time.sleep(0.5)
    raise AssertionError("the sweep did not finish")


def start(at):
    return next(b for b in at.button if b.label.startswith("Sākt analīzi"))


def test_a_budget_sweep_from_the_page_reaches_the_frontier(db, page_test) -> None:
    plan = solved_plan(db)
    at = page_test("sweep", actor=GROUP)
    assert not at.exception
    assert at.title[0].value == "Jutīguma analīze"
    values = next(t for t in at.text_input if t.key.startswith("sweep_values1_budget"))
    values.set_value("1 000 000; 2\u00a0500\u00a0000").run()
    start(at).click().run()
    assert not at.exception
    done = wait_finished(db, plan.id)
    assert done.status == "done" and done.done == done.total == 3
    assert sorted(p["point"]["budget"] for p in done.points) == [1_000_000, 2_500_000]
    at.run()
    assert not at.exception
    assert i18n.t("sweep.frontier", "lv") in [h.value for h in at.subheader]
    assert any("visi 3 punkti" in c.value for c in at.caption)
    workbook = openpyxl.load_workbook(io.BytesIO(
        sweep_workbook(done, "lv", load_catalogue())))
    assert workbook.sheetnames == ["Punkti", "Robeža"]
    sheet = workbook["Robeža"]
    assert sheet.freeze_panes == "A2"
    assert [c.value for c in sheet[1]][:2] == ["Budžets, milj. EUR", "Apkalpotās personas"]


def test_a_value_that_is_not_a_number_is_named_and_nothing_is_stored(db, page_test) -> None:
    plan = solved_plan(db)
    at = page_test("sweep", actor=GROUP)
    values = next(t for t in at.text_input if t.key.startswith("sweep_values1_budget"))
    values.set_value("1 000 000; abc").run()
    start(at).click().run()
    assert not at.exception
    assert any("„abc” nav skaitlis" in e.value and "Investīciju budžets" in e.value
               for e in at.error)
    assert stored(db, plan.id) == []


def test_the_ministry_reads_but_cannot_start(db, page_test) -> None:
    solved_plan(db)
    at = page_test("sweep", actor=MINISTRY)
    assert not at.exception
    assert i18n.t("sweep.not_allowed", "lv") in [i.value for i in at.info]
    assert start(at).disabled


def test_in_english(db, page_test) -> None:
    solved_plan(db)
    at = page_test("sweep", actor=GROUP, lang="en")
    assert not at.exception
    assert at.title[0].value == "Sensitivity analysis"
    assert any(b.label.startswith("Start the analysis") for b in at.button)


def wait_robust(db, scenario_id: int, seconds: float = 600.0) -> sweeps.RobustView:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with Session(db) as session:
            rows = sweeps.list_robust(session=session, actor=GROUP, scenario_id=scenario_id)
        if rows and not rows[0].running:
            return rows[0]
        time.sleep(0.5)
    raise AssertionError("the robust run did not finish")


def test_a_robust_plan_from_the_page_shows_its_figures_table_and_map(db, page_test) -> None:
    plan = solved_plan(db)
    at = page_test("sweep", actor=GROUP)
    assert "Noturīgs plāns" in [h.value for h in at.header]
    next(n for n in at.number_input if n.key == "robust_scenarios").set_value(2).run()
    next(b for b in at.button if b.key == "robust_start").click().run()
    assert not at.exception
    done = wait_robust(db, plan.id)
    assert done.status == "done" and done.spec.scenarios == 2 and done.result is not None
    assert stored(db, plan.id) == []
    at.run()
    assert not at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Neapkalpotās personas vidēji"] == i18n.fmt_number(
        done.result["expected_unserved"], "lv", 1)
    assert "Lielākā nožēla (personas)" in metrics
    frame = next(d.value for d in at.dataframe if "Scenāriju daļa, %" in d.value.columns)
    assert len(frame) == len(tables.frequency(done)) > 0
    assert set(frame["Scenāriju daļa, %"]) <= {0, 50, 100}
    assert list(frame["Scenāriju daļa, %"]) == sorted(frame["Scenāriju daļa, %"], reverse=True)
    assert any("2 scenāriji" in c.value for c in at.caption)
    buttons = {b.proto.label: b for b in at.get("download_button")}
    assert buttons["Lejupielādēt CSV"].key == f"robust_frequency_{done.id}_csv"
    assert buttons["Lejupielādēt XLSX"].key == f"robust_xlsx_{done.id}"
    names = robust_export.division_names(plan.name, plan.region, "2025", load_catalogue(), "lv")
    workbook = openpyxl.load_workbook(io.BytesIO(robust_export.robust_workbook(done, names)))
    assert workbook.sheetnames == ["Objekti", "Rādītāji", "Vajadzības scenāriji", "Par"]
    places = [r[4] for r in workbook["Objekti"].iter_rows(min_row=3, values_only=True)]
    assert sum(places) == done.result["chosen"]["new_places"]
    municipalities = {r[1] for r in workbook["Objekti"].iter_rows(min_row=3, values_only=True)}
    assert municipalities and municipalities <= set(names.municipalities.values())
    about = {r[0]: r[1] for r in workbook["Par"].iter_rows(min_row=3, values_only=True)}
    assert about["Scenārijs"] == plan.name and about["Plānošanas reģions"] == "Kurzeme"
    at.session_state["lang"] = "en"
    at.run()
    assert {b.proto.label for b in at.get("download_button")} >= {"Download CSV",
                                                                  "Download XLSX"}


def test_the_ministry_reads_robust_plans_but_cannot_start_one(db, page_test) -> None:
    solved_plan(db)
    at = page_test("sweep", actor=MINISTRY)
    assert not at.exception
    assert next(b for b in at.button if b.key == "robust_start").disabled


def test_robust_section_in_english(db, page_test) -> None:
    solved_plan(db)
    at = page_test("sweep", actor=GROUP, lang="en")
    assert "A robust plan" in [h.value for h in at.header]
    assert any(b.label == "Compute a robust plan for version 1" for b in at.button)
