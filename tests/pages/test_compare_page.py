"""pages/compare.py: pick 2-4 scenarios; key figures, charts, maps, difference table;
fewer than two, or one never run."""

from __future__ import annotations

import pandas as pd
from sqlmodel import Session

from planning import i18n
from planning.store import scenario
from tests.pages.planning_helpers import column_settings, frame, shown
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
    assert len(at.get("vega_lite_chart")) == 2


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
    at.toggle(key="compare_only_changes").set_value(False)
    at.toggle(key="compare_every_value").set_value(True).run()
    assert not at.exception, at.exception
    figures = at.dataframe[0].value
    assert figures.loc["Prioritātes", "Plan B (v1)"].startswith("Stingrā secībā: ")
    diff = frame(at, "Δ Plan B (v1)")
    shown = [v for col in ("Plan A (v1)", "Plan B (v1)") for v in diff[col]]
    assert privacy.SMALL in shown
    assert not [v for v in shown if not isinstance(v, str) and 0 < v < 5]


def _three_plans(db):
    kurzeme = solved_plan(db, "Kurzeme plan")
    latgale = solved_plan(db, "Latgale plan", region="Latgale", group=LATGALE)
    other = solved_plan(db, "Kurzeme again")
    return kurzeme, latgale, other


def url_ids(at) -> list[str]:
    """``?compare=`` as a list (AppTest keeps one value as a plain string)."""
    value = at.query_params.get("compare", [])
    return [value] if isinstance(value, str) else list(value)


def test_the_selection_is_in_the_url_in_its_order(db, page_test) -> None:
    kurzeme, latgale, other = _three_plans(db)
    at = page_test("compare", actor=MINISTRY)
    at.multiselect(key="compare_pick").set_value([latgale.id, kurzeme.id]).run()
    assert not at.exception, at.exception
    assert url_ids(at) == [str(latgale.id), str(kurzeme.id)]
    at.multiselect(key="compare_pick").set_value([latgale.id]).run()
    assert url_ids(at) == [str(latgale.id)]
    at.multiselect(key="compare_pick").set_value([]).run()
    assert url_ids(at) == []


def test_a_shared_link_opens_the_same_comparison(db, page_test) -> None:
    from streamlit.testing.v1 import AppTest

    from tests.pages.conftest import ROOT, TIMEOUT

    kurzeme, latgale, other = _three_plans(db)
    at = AppTest.from_file(str(ROOT / "pages" / "compare.py"), default_timeout=TIMEOUT)
    at.session_state["actor"] = MINISTRY
    at.query_params["compare"] = [str(other.id), str(kurzeme.id), "abc", "99999"]
    at.run()
    assert not at.exception, at.exception
    assert at.multiselect(key="compare_pick").value == [other.id, kurzeme.id]
    assert list(at.dataframe[0].value.columns) == ["Kurzeme again (v1)", "Kurzeme plan (v1)"]


def test_each_scenario_keeps_its_colour_and_order_in_every_chart(db, page_test) -> None:
    import json

    kurzeme, latgale, other = _three_plans(db)
    at = page_test("compare", actor=MINISTRY)
    at.multiselect(key="compare_pick").set_value([other.id, latgale.id, kurzeme.id]).run()
    assert not at.exception, at.exception
    charts = at.get("vega_lite_chart")
    assert len(charts) == 2
    scales = [json.loads(c.proto.spec)["encoding"]["color"]["scale"] for c in charts]
    order = ["Kurzeme again (v1)", "Latgale plan (v1)", "Kurzeme plan (v1)"]
    assert [s["domain"] for s in scales] == [order, order]
    assert scales[0]["range"] == scales[1]["range"]
    assert len(set(scales[0]["range"])) == 3


def test_later_figures_carry_their_change_from_the_first(db, page_test) -> None:
    kurzeme, latgale, _ = _three_plans(db)
    at = page_test("compare", actor=MINISTRY)
    at.multiselect(key="compare_pick").set_value([kurzeme.id, latgale.id]).run()
    figures = at.dataframe[0].value
    totals = {}
    with Session(db) as session:
        for s in (kurzeme, latgale):
            stored = scenario.latest_result(session=session, actor=MINISTRY, scenario_id=s.id)
            totals[s.id] = scenario.result_solution(stored)["totals"]
    change = totals[latgale.id]["new_places"] - totals[kurzeme.id]["new_places"]
    sign = "+" if change > 0 else "−"
    expected = (f"{i18n.fmt_int(totals[latgale.id]['new_places'], 'lv')} "
                f"(Δ {sign}{i18n.fmt_int(abs(change), 'lv')})")
    assert figures.loc["Jaunas vietas", "Latgale plan (v1)"] == expected
    assert "Δ" not in figures.loc["Jaunas vietas", "Kurzeme plan (v1)"]


def test_the_difference_table_is_narrow_and_shows_only_changes(db, page_test) -> None:
    kurzeme, _, other = _three_plans(db)
    at = page_test("compare", actor=MINISTRY)
    at.multiselect(key="compare_pick").set_value([kurzeme.id, other.id]).run()
    assert not at.exception, at.exception
    assert not [d for d in at.dataframe if "Δ Kurzeme again (v1)" in d.value.columns]
    assert at.caption.values.count(i18n.t("table.empty", "lv")) == 1  # same plan: no change
    at.toggle(key="compare_only_changes").set_value(False).run()
    diff = frame(at, "Δ Kurzeme again (v1)")
    assert list(diff.columns) == ["municipality", "service", "Kurzeme plan (v1)",
                                  "Δ Kurzeme again (v1)"]
    assert (diff["Δ Kurzeme again (v1)"] == 0).all()


def test_a_change_of_zero_reads_0_and_others_carry_their_sign(db, page_test) -> None:
    kurzeme, latgale, other = _three_plans(db)
    at = page_test("compare", actor=MINISTRY)
    at.multiselect(key="compare_pick").set_value([kurzeme.id, other.id, latgale.id]).run()
    at.toggle(key="compare_only_changes").set_value(False).run()
    assert not at.exception, at.exception
    same, moved = "Δ Kurzeme again (v1)", "Δ Latgale plan (v1)"
    values, texts = frame(at, same, moved), shown(at, same)
    assert (values[same] == 0).all()  # the same plan again: every change is zero
    assert set(texts[same]) == {"0"}
    for value, text in zip(values[moved], texts[moved], strict=True):
        expected = "0" if value == 0 else f"{'+' if value > 0 else chr(0x2212)}{abs(value)}"
        assert text == expected
    assert (values[moved] < 0).any() and (values[moved] > 0).any()
    # a column's number format would be drawn instead of the text; the values stay numbers
    assert "format" not in column_settings(at, same).get("type_config", {})
    assert pd.api.types.is_integer_dtype(values[moved])


def test_the_public_comparison_shows_0_for_no_change(db, page_test) -> None:
    from planning.domain import privacy
    from tests.pages.seeding import published_plan

    first = published_plan(db, "Plan A")
    second = published_plan(db, "Plan B")
    at = page_test("compare")
    at.multiselect(key="compare_pick").set_value([first.id, second.id]).run()
    at.toggle(key="compare_only_changes").set_value(False).run()
    assert not at.exception, at.exception
    texts = shown(at, "Δ Plan B (v1)")["Δ Plan B (v1)"]
    assert "0" in set(texts) and set(texts) <= {"0", privacy.WITHHELD}
    # the column's values are text ("…" among numbers): a number format would draw "+0"
    assert "format" not in column_settings(at, "Δ Plan B (v1)").get("type_config", {})
