"""Scenario service: create/rename/copy/delete, versions, conflicts, atomicity, diffs."""

from __future__ import annotations

import re
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace

import pytest
from sqlalchemy import func, select
from sqlmodel import Session

from planning.domain.errors import InputError, NotFoundError, PermissionDenied
from planning.domain.inputs import RegionBudget, default_inputs
from planning.store import audit, scenario
from planning.store.tables import AuditEvent, ScenarioVersion, StoredResult
from tests.planning.actors import KURZEME, KURZEME_2, LATGALE, MINISTRY


def _new(session, name="Kurzeme base", actor=KURZEME, region="Kurzeme"):
    return scenario.create_scenario(session=session, actor=actor,
                                    scenario_in={"name": name, "region": region})


def _versions(session, scenario_id) -> int:
    return session.execute(select(func.count()).select_from(ScenarioVersion).where(
        ScenarioVersion.scenario_id == scenario_id)).scalar_one()


def _bump_first_need(inputs, by=5):
    first, *rest = inputs.needs
    return replace(inputs, needs=((*first[:4], first[4] + by), *rest))


def _solution(places: dict[tuple[str, str], int], investment: float) -> dict:
    return {"status": "optimal",
            "sites": [{"municipality": m, "service": s, "new_places": n, "new_facilities": 1,
                       "investment_eur": n * 9000.0} for (m, s), n in places.items()],
            "totals": {"new_places": sum(places.values()), "investment_eur": investment}}


# ---------------------------------------------------------------------- synthetic cases
def test_create_starts_at_version_1_with_the_embedded_inputs(session):
    s = _new(session)
    assert (s.current_version, s.status, s.owner_region) == (1, "draft", "Kurzeme")
    loaded = scenario.load_inputs(session=session, actor=KURZEME, scenario_id=s.id)
    assert loaded == default_inputs("Kurzeme")
    events = audit.list_events(session=session, actor=KURZEME, scenario=s)
    assert [e.action for e in events] == ["scenario.create"]


def test_save_makes_a_new_version_and_keeps_the_old_one(session):
    s = _new(session)
    before = scenario.load_inputs(session=session, actor=KURZEME, scenario_id=s.id)
    v2 = scenario.save_inputs(session=session, actor=KURZEME, scenario_id=s.id,
                              inputs=_bump_first_need(before), expected_version=1,
                              message="more need in the first cell")
    assert (v2.number, v2.based_on, v2.author, v2.status) == (2, 1, KURZEME.username, "draft")
    assert scenario.get_scenario(session=session, actor=KURZEME,
                                 scenario_id=s.id).current_version == 2
    assert scenario.load_inputs(session=session, actor=KURZEME, scenario_id=s.id,
                                number=1) == before
    history = scenario.list_versions(session=session, actor=KURZEME, scenario_id=s.id)
    assert [v.number for v in history] == [2, 1]


def test_second_save_on_the_same_version_is_refused(engine):
    with Session(engine) as first, Session(engine) as second:
        s = _new(first)
        mine = scenario.load_inputs(session=first, actor=KURZEME, scenario_id=s.id)
        theirs = scenario.load_inputs(session=second, actor=KURZEME_2, scenario_id=s.id)
        scenario.save_inputs(session=first, actor=KURZEME, scenario_id=s.id,
                             inputs=_bump_first_need(mine), expected_version=1)
        with pytest.raises(scenario.VersionConflict) as caught:
            scenario.save_inputs(session=second, actor=KURZEME_2, scenario_id=s.id,
                                 inputs=_bump_first_need(theirs, 7), expected_version=1)
        assert caught.value.current == 2
        assert re.search(r"kurzeme\.group saved version 2 at \d\d:\d\d; reload and re-apply",
                         str(caught.value))
        assert _versions(second, s.id) == 2
        reloaded = scenario.load_inputs(session=second, actor=KURZEME_2, scenario_id=s.id)
        v3 = scenario.save_inputs(session=second, actor=KURZEME_2, scenario_id=s.id,
                                  inputs=_bump_first_need(reloaded, 7),
                                  expected_version=caught.value.current)
        assert v3.number == 3


def test_invalid_inputs_are_refused_and_nothing_is_written(session):
    s = _new(session)
    inputs = scenario.load_inputs(session=session, actor=KURZEME, scenario_id=s.id)
    bad = _bump_first_need(inputs, by=-10_000)
    with pytest.raises(InputError, match="must be a whole number >= 0"):
        scenario.save_inputs(session=session, actor=KURZEME, scenario_id=s.id, inputs=bad,
                             expected_version=1)
    assert _versions(session, s.id) == 1


def test_failed_save_leaves_the_database_unchanged(engine, monkeypatch):
    with Session(engine) as session:
        sid = _new(session).id
        inputs = scenario.load_inputs(session=session, actor=KURZEME, scenario_id=sid)

        def broken_audit(*_args, **_kwargs):
            raise RuntimeError("disk full")

        monkeypatch.setattr(audit, "record", broken_audit)
        with pytest.raises(RuntimeError, match="disk full"):
            scenario.save_inputs(session=session, actor=KURZEME, scenario_id=sid,
                                 inputs=_bump_first_need(inputs), expected_version=1)
    with Session(engine) as fresh:
        again = scenario.get_scenario(session=fresh, actor=KURZEME, scenario_id=sid)
        assert again.current_version == 1
        assert _versions(fresh, sid) == 1


def test_inputs_of_another_region_are_refused(session):
    s = _new(session)
    with pytest.raises(InputError, match="these inputs are for Latgale"):
        scenario.save_inputs(session=session, actor=KURZEME, scenario_id=s.id,
                             inputs=default_inputs("Latgale"), expected_version=1)


def test_restore_makes_a_new_version_with_the_old_inputs(session):
    s = _new(session)
    v1 = scenario.load_inputs(session=session, actor=KURZEME, scenario_id=s.id)
    scenario.save_inputs(session=session, actor=KURZEME, scenario_id=s.id,
                         inputs=_bump_first_need(v1), expected_version=1)
    v3 = scenario.restore_version(session=session, actor=KURZEME, scenario_id=s.id, number=1,
                                  expected_version=2)
    assert (v3.number, v3.based_on, v3.message) == (3, 1, "restored version 1")
    assert scenario.load_inputs(session=session, actor=KURZEME, scenario_id=s.id) == v1
    diff = scenario.diff_versions(session=session, actor=KURZEME, scenario_id=s.id, a=1, b=3)
    assert diff.unchanged


def test_diff_lists_needs_budgets_norms_and_limits_with_before_and_after(session):
    s = _new(session)
    v1 = scenario.load_inputs(session=session, actor=KURZEME, scenario_id=s.id)
    code, group, level, service, count = v1.needs[0]
    changed = replace(
        _bump_first_need(v1, 3),
        budgets={"Kurzeme": RegionBudget(erdf_quota_eur=1_000_000.0, cofinancing_share=0.2)},
        norm_overrides={"group_home": {"investment_per_place": 30000.0}},
        non_participating=(code,), cost_contingency=0.3,
    )
    scenario.save_inputs(session=session, actor=KURZEME, scenario_id=s.id, inputs=changed,
                         expected_version=1)
    diff = scenario.diff_versions(session=session, actor=MINISTRY, scenario_id=s.id, a=1, b=2)
    assert diff.section("needs") == [
        scenario.Change("needs", (code, group, level, service), count, count + 3)]
    budget = {c.key: (c.before, c.after) for c in diff.section("budgets")}
    assert budget[("Kurzeme", "erdf_quota_eur")][1] == 1_000_000.0
    assert budget[("Kurzeme", "cofinancing_share")][1] == 0.2
    assert diff.section("norms") == [
        scenario.Change("norms", ("group_home", "investment_per_place"), None, 30000.0)]
    assert scenario.Change("limits", ("non_participating", code), None, True) in diff.inputs
    assert ("cost_contingency",) in {c.key for c in diff.section("settings")}
    assert not diff.results_compared
    frame = diff.to_frame()
    assert list(frame.columns) == ["section", "key", "before", "after"]
    assert len(frame) == len(diff.inputs)


def test_diff_lists_a_change_of_the_rules_alone(session):
    s = _new(session)
    v1 = scenario.load_inputs(session=session, actor=KURZEME, scenario_id=s.id)
    changed = replace(v1, priority_mode="none", priority_order=("at_risk", "leavers"),
                      goal_order=("distance", "unmet", "cost"), min_occupancy=0.8)
    assert {c.key: (c.before, c.after) for c in scenario.diff_inputs(v1, changed)} == {
        ("priority_mode",): (None, "none"),
        ("priority_order",): (None, "at_risk > leavers"),
        ("goal_order",): ("unmet > distance > cost", "distance > unmet > cost"),
        ("min_occupancy",): (None, 0.8)}


def test_diff_lists_the_plans_years_shares_and_closures(session):
    s = _new(session)
    v1 = scenario.load_inputs(session=session, actor=KURZEME, scenario_id=s.id)
    changed = replace(v1, plan_years=(2027, 2029), year_shares=(0.5, 0.5, 0),
                      closure_years={"vsac_kurzeme_dundaga": 2029})
    assert {c.key: (c.before, c.after) for c in scenario.diff_inputs(v1, changed)} == {
        ("plan_years",): (None, "2027-2029"), ("year_share", "2027"): (None, 0.5),
        ("year_share", "2028"): (None, 0.5), ("year_share", "2029"): (None, 0),
        ("closure_year", "vsac_kurzeme_dundaga"): (None, "2029")}


def test_diff_lists_the_years_and_project_funding_alone():
    v1 = default_inputs("Kurzeme")
    changed = replace(v1, plan_years=(2026, 2030), running_funded_share=0.8,
                      running_funded_until=2028)
    assert {c.key: (c.before, c.after) for c in scenario.diff_inputs(v1, changed)} == {
        ("plan_years",): (None, "2026-2030"), ("running_funded_share",): (None, 0.8),
        ("running_funded_until",): (None, "2028")}


def test_results_are_stored_with_their_version_and_diffed(session):
    s = _new(session)
    v1 = scenario.load_inputs(session=session, actor=KURZEME, scenario_id=s.id)
    scenario.save_inputs(session=session, actor=KURZEME, scenario_id=s.id,
                         inputs=_bump_first_need(v1), expected_version=1)
    a = _solution({("0005000", "group_home"): 16, ("0007000", "day_care_adults"): 12}, 1e6)
    b = _solution({("0005000", "group_home"): 32}, 2e6)
    for number, solution in ((1, a), (2, b)):
        scenario.save_result(session=session, actor=KURZEME, scenario_id=s.id, number=number,
                             solution=solution, problem={"municipalities": []},
                             solver="highs", status="optimal", run_seconds=0.5)
    stored = scenario.latest_result(session=session, actor=KURZEME, scenario_id=s.id, number=1)
    assert scenario.result_solution(stored) == a
    assert stored.solver == "highs"
    diff = scenario.diff_versions(session=session, actor=KURZEME, scenario_id=s.id, a=1, b=2)
    assert diff.results_compared
    places = {c.key: (c.before, c.after) for c in diff.section("places")}
    assert places == {("0005000", "group_home"): (16, 32),
                      ("0007000", "day_care_adults"): (12, None)}
    totals = {c.key: (c.before, c.after) for c in diff.section("totals")}
    assert totals[("investment_eur",)] == (1e6, 2e6)


def test_copy_has_the_source_inputs_but_not_its_results(session):
    s = _new(session)
    scenario.save_result(session=session, actor=KURZEME, scenario_id=s.id, number=1,
                         solution=_solution({}, 0), problem="{}", solver="highs",
                         status="optimal", run_seconds=0.1)
    copy = scenario.copy_scenario(session=session, actor=KURZEME, scenario_id=s.id,
                                  name="Kurzeme budget -10 %")
    assert copy.id != s.id and copy.current_version == 1 and copy.region == "Kurzeme"
    assert scenario.load_inputs(session=session, actor=KURZEME, scenario_id=copy.id) == \
        scenario.load_inputs(session=session, actor=KURZEME, scenario_id=s.id)
    assert scenario.latest_result(session=session, actor=KURZEME, scenario_id=copy.id) is None
    assert session.execute(select(func.count()).select_from(StoredResult)).scalar_one() == 1


def test_rename_and_delete(session):
    s = _new(session)
    renamed = scenario.rename_scenario(session=session, actor=KURZEME, scenario_id=s.id,
                                       name="  Kurzeme v2  ")
    assert renamed.name == "Kurzeme v2"
    with pytest.raises(InputError, match="(?i)name"):
        scenario.rename_scenario(session=session, actor=KURZEME, scenario_id=s.id, name="  ")
    scenario.delete_scenario(session=session, actor=KURZEME, scenario_id=s.id)
    assert scenario.list_scenarios(session=session, actor=KURZEME) == []
    with pytest.raises(NotFoundError, match=f"scenario {s.id} does not exist"):
        scenario.get_scenario(session=session, actor=KURZEME, scenario_id=s.id)
    actions = [e.action for e in audit.list_events(session=session, actor=MINISTRY)]
    assert actions == ["scenario.delete", "scenario.rename", "scenario.create"]


def test_national_scenario_from_the_embedded_data(session):
    s = _new(session, name="Latvia", actor=MINISTRY, region=None)
    inputs = scenario.load_inputs(session=session, actor=MINISTRY, scenario_id=s.id)
    assert inputs.region is None and set(inputs.budgets) == {
        "Rīga", "Kurzeme", "Zemgale", "Vidzeme", "Latgale"}
    assert scenario.list_scenarios(session=session, actor=LATGALE, national=True) == [s]


# ---------------------------------------------------------------------- errors
@pytest.mark.parametrize("data, message", [
    ({"name": "x", "region": "Atlantis"}, "unknown planning region 'Atlantis'"),
    ({"name": "   ", "region": "Kurzeme"}, "at least 1 character"),
    ({"name": "x", "region": "Kurzeme", "division": "1990"}, "unknown division"),
])
def test_create_refuses_bad_fields(session, data, message):
    with pytest.raises(InputError, match=message):
        scenario.create_scenario(session=session, actor=KURZEME, scenario_in=data)


def test_other_regions_and_the_ministry_may_not_edit(session):
    s = _new(session)
    inputs = scenario.load_inputs(session=session, actor=KURZEME, scenario_id=s.id)
    for actor in (LATGALE, MINISTRY):
        with pytest.raises(PermissionDenied, match="may not edit scenario 'Kurzeme base'"):
            scenario.save_inputs(session=session, actor=actor, scenario_id=s.id,
                                 inputs=inputs, expected_version=1)
    with pytest.raises(PermissionDenied, match="may not view"):
        scenario.get_scenario(session=session, actor=LATGALE, scenario_id=s.id)
    assert session.execute(select(func.count()).select_from(AuditEvent)).scalar_one() == 1


def test_unknown_version_is_not_found(session):
    s = _new(session)
    with pytest.raises(NotFoundError, match="has no version 7"):
        scenario.load_inputs(session=session, actor=KURZEME, scenario_id=s.id, number=7)


def test_simultaneous_saves_one_wins_one_conflicts(engine):
    with Session(engine) as session:
        sid = _new(session).id
        inputs = scenario.load_inputs(session=session, actor=KURZEME, scenario_id=sid)
    barrier = threading.Barrier(2)

    def save(actor, by):
        with Session(engine) as own:
            scenario.get_scenario(session=own, actor=actor, scenario_id=sid)
            barrier.wait()
            try:
                scenario.save_inputs(session=own, actor=actor, scenario_id=sid,
                                     inputs=_bump_first_need(inputs, by), expected_version=1)
                return "saved"
            except scenario.VersionConflict:
                return "conflict"

    with ThreadPoolExecutor(2) as pool:
        outcomes = sorted(pool.map(save, (KURZEME, KURZEME_2), (1, 2)))
    assert outcomes == ["conflict", "saved"]
    with Session(engine) as session:
        assert _versions(session, sid) == 2
