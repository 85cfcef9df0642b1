"""The results page's map of a stored result, rendered once per result and choice (issue
17): the cached map is the one ``st_folium`` draws from a fresh build, each result and
choice has its own, a new result (after an edit) is drawn anew, and the public still gets
the published plan's protected map."""

from __future__ import annotations

import json

import pytest
import streamlit as st
import streamlit_folium as sf
from sqlmodel import Session

from pages import _plan as plan
from planning.store import scenario
from planning.views import plan_tables as plan_views
from tests.pages.planning_helpers import save_budget_factor
from tests.pages.seeding import GROUP, solved_plan
from tests.pages.test_results_page import run_version


@pytest.fixture(autouse=True)
def fresh_cache():
    st.cache_data.clear()
    yield
    st.cache_data.clear()


def stored(engine, scenario_id: int, number: int):
    """The result of version ``number`` as the page parses it, and its id."""
    with Session(engine, expire_on_commit=False) as session:
        chosen = scenario.scenario_row(session, scenario_id)
        version = next(v for v in scenario.list_versions(
            session=session, actor=GROUP, scenario_id=scenario_id) if v.number == number)
        row = scenario.latest_result(session=session, actor=GROUP, scenario_id=scenario_id,
                                     number=number)
    return plan_views.result_from_json(chosen.name, version.inputs_json, row.solution_json), \
        row.id


def uncached(monkeypatch, result) -> dict[str, object]:
    """What ``st_folium`` hands its component for a fresh build of the page's results map
    (every service, flows shown), as the browser receives it."""
    captured: dict[str, object] = {}
    with monkeypatch.context() as patch:
        patch.setattr(sf, "_component_func", lambda **kwargs: captured.update(kwargs))
        m, overlays = plan.result_map(result, "lv", None, True, True)
        sf.st_folium(m, key="results_map", height=560, use_container_width=True,
                     returned_objects=[], feature_group_to_add=overlays)
    captured.pop("on_change")
    return json.loads(json.dumps(captured))


def results_map(at) -> dict[str, object]:
    """The first map of a results page run (the results map; the years map comes later)."""
    component = at.get("component_instance")[0]
    assert component.proto.component_name == "streamlit_folium.st_folium"
    return json.loads(component.proto.json_args)


def test_the_cached_results_map_is_the_one_st_folium_draws(db, page_test,
                                                           monkeypatch) -> None:
    s = solved_plan(db)
    result, _ = stored(db, s.id, 1)
    at = page_test("results", actor=GROUP)
    assert not at.exception, at.exception
    first = results_map(at)
    at.run()  # from the cache
    assert not at.exception, at.exception
    assert results_map(at) == first == uncached(monkeypatch, result)


def test_each_result_and_choice_has_its_own_map(db, monkeypatch) -> None:
    s = solved_plan(db)
    result, result_id = stored(db, s.id, 1)
    builds = []
    build = plan.result_map
    monkeypatch.setattr(plan, "result_map", lambda *a: builds.append(a) or build(*a))
    service = sorted(set(result.solution.sites.loc[result.solution.sites["new_places"] > 0,
                                                   "service"]))[0]
    choices = [(result_id, result.label, "lv", "results_map", None, True, True),
               (result_id, result.label, "en", "results_map", None, True, True),
               (result_id, result.label, "lv", "results_map", service, True, True),
               (result_id, result.label, "lv", "results_map", None, False, True)]
    drawn = [plan._stored_result_map(*choice, result) for choice in choices]
    assert len(builds) == len(choices)
    assert all(a != b for i, a in enumerate(drawn) for b in drawn[i + 1:])
    assert [plan._stored_result_map(*choice, result) for choice in choices] == drawn
    assert len(builds) == len(choices)  # the second time all from the cache


def test_a_new_result_after_an_edit_is_drawn_anew(db, page_test, monkeypatch) -> None:
    s = solved_plan(db)
    before = results_map(page_test("results", actor=GROUP))
    save_budget_factor(db, s.id, 0.3)  # the budget binds: fewer new places
    run_version(db, s.id, 2)
    result, _ = stored(db, s.id, 2)
    at = page_test("results", actor=GROUP)
    assert not at.exception, at.exception
    after = results_map(at)
    assert at.selectbox(key="results_version").value == 2
    assert after == uncached(monkeypatch, result)
    assert after != before


def test_the_public_gets_the_published_map_not_the_detail_one(db, page_test) -> None:
    from tests.pages.seeding import published_plan

    published_plan(db)
    detail = results_map(page_test("results", actor=GROUP))  # the detail map is cached
    at = page_test("results")
    assert not at.exception, at.exception
    public = results_map(at)
    assert detail["feature_group"] is not None  # coverage, flows, new places
    # the published plan's map (plan.public_map: one layer of counts as published)
    assert public["feature_group"] is None and public["height"] == 480
