"""pages/compare.py: pick 2-4 scenarios; key figures, charts, maps, difference table;
fewer than two, or one never run."""

from __future__ import annotations

from sqlmodel import Session

from planning import i18n
from planning.store import scenario
from tests.pages.planning_helpers import frame
from tests.pages.seeding import GROUP, LATGALE, MINISTRY, solved_plan


def test_needs_two_scenarios(db, page_test) -> None:
    solved_plan(db)
    at = page_test("compare", actor=GROUP)
    assert not at.exception
    assert i18n.t("compare.need_two", "lv") in [i.value for i in at.info]


def test_two_regions_side_by_side(db, page_test) -> None:
    kurzeme = solved_plan(db, "Kurzeme plan")
    latgale = solved_plan(db, "Latgale plan", region="Latgale", group=LATGALE)
    at = page_test("compare", actor=MINISTRY)
    at.multiselect(key="compare_pick").set_value([kurzeme.id, latgale.id]).run()
    assert not at.exception, at.exception
    figures = at.dataframe[0].value
    assert list(figures.columns) == ["Kurzeme plan (v1)", "Latgale plan (v1)"]
    with Session(db) as session:
        stored = scenario.latest_result(session=session, actor=MINISTRY, scenario_id=kurzeme.id)
    places = scenario.result_solution(stored)["totals"]["new_places"]
    assert figures.loc["Jaunas vietas", "Kurzeme plan (v1)"] == f"{places:,}".replace(",", "\u00a0")
    need = scenario.result_solution(stored)["totals"]["need_persons"]
    assert figures.loc["Vajadzība, personas", "Kurzeme plan (v1)"] == i18n.fmt_int(need, "lv")
    assert figures.loc["Mērķu secība", "Latgale plan (v1)"] == (
        "Mazāk neapkalpotu personu → Tuvāk ģimenei (mazāk km) → Mazākas izmaksas")
    assert figures.loc["Prioritātes", "Kurzeme plan (v1)"].startswith("Stingrā secībā: ")
    diff = frame(at, "Δ Latgale plan (v1)")
    liepaja = diff[diff["municipality"] == "Liepāja"]
    assert (liepaja["Δ Latgale plan (v1)"] == -liepaja["Kurzeme plan (v1)"]).all()
    assert len(at.get("arrow_vega_lite_chart")) == 2 or len(at.get("vega_lite_chart")) == 2


def test_a_scenario_without_result_is_named(db, page_test) -> None:
    done = solved_plan(db, "Run")
    with Session(db, expire_on_commit=False) as session:
        empty = scenario.create_scenario(session=session, actor=GROUP,
                                         scenario_in={"name": "Never run", "region": "Kurzeme"})
    at = page_test("compare", actor=GROUP)
    at.multiselect(key="compare_pick").set_value([done.id, empty.id]).run()
    assert not at.exception
    assert "Never run" in at.warning[0].value


def test_the_public_compares_protected_plans(db, page_test) -> None:
    from planning.domain import privacy
    from tests.pages.seeding import published_plan

    first = published_plan(db, "Plan A")
    second = published_plan(db, "Plan B")
    at = page_test("compare")
    at.multiselect(key="compare_pick").set_value([first.id, second.id]).run()
    assert not at.exception, at.exception
    figures = at.dataframe[0].value
    assert figures.loc["Prioritātes", "Plan B (v1)"].startswith("Stingrā secībā: ")
    diff = frame(at, "Δ Plan B (v1)")
    shown = [v for col in ("Plan A (v1)", "Plan B (v1)") for v in diff[col]]
    assert privacy.SMALL in shown
    assert not [v for v in shown if not isinstance(v, str) and 0 < v < 5]
