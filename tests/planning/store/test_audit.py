"""Audit trail: every change has an event with who, when, what, before and after."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest

from planning.domain.config import local_today
from planning.domain.errors import PermissionDenied
from planning.domain.roles import PUBLIC
from planning.store import audit, auth, consultation, lifecycle, scenario
from tests.planning.actors import ADMIN, KURZEME, LATGALE, LIEPAJA, MINISTRY


def test_each_change_leaves_one_event(session):
    s = scenario.create_scenario(session=session, actor=KURZEME,
                                 scenario_in={"name": "Audit", "region": "Kurzeme"})
    inputs = scenario.load_inputs(session=session, actor=KURZEME, scenario_id=s.id)
    first = inputs.needs[0]
    changed = inputs.with_needs(inputs.needs_frame().assign(
        count=lambda f: f["count"].where(f.index != 0, first[4] + 2)))
    scenario.save_inputs(session=session, actor=KURZEME, scenario_id=s.id, inputs=changed,
                         expected_version=1, message="two more")
    scenario.rename_scenario(session=session, actor=KURZEME, scenario_id=s.id, name="Audit 2")
    scenario.restore_version(session=session, actor=KURZEME, scenario_id=s.id, number=1,
                             expected_version=2)
    lifecycle.publish(session=session, actor=KURZEME, scenario_id=s.id, start=local_today(),
                      end=local_today() + timedelta(days=7))
    consultation.submit_comment(session=session, scenario_id=s.id, comment_in={
        "name": "N", "email": "n@example.lv", "text": "t"})

    events = audit.list_events(session=session, actor=MINISTRY, scenario=s)
    assert [e.action for e in events] == ["comment.submit", "plan.publish", "version.restore",
                                          "scenario.rename", "inputs.save", "scenario.create"]
    assert [e.actor for e in events] == [PUBLIC.username] + [KURZEME.username] * 5
    assert all(e.at is not None and e.region == "Kurzeme" for e in events)
    save = events[4]
    before, after = json.loads(save.before_json), json.loads(save.after_json)
    assert (before, after["version"], after["changed_cells"]) == ({"version": 1}, 2, 1)
    assert after["changes"] == [{"section": "needs", "key": list(first[:4]),
                                 "before": first[4], "after": first[4] + 2}]
    rename = events[3]
    assert (json.loads(rename.before_json), json.loads(rename.after_json)) == (
        {"name": "Audit"}, {"name": "Audit 2"})
    assert "n@example.lv" not in (events[0].after_json or "")
    frame = audit.events_frame(events)
    assert frame.loc[1, "after"]["status"] == "published"


def test_the_trail_is_for_the_regions_group_and_the_ministry(session):
    s = scenario.create_scenario(session=session, actor=KURZEME,
                                 scenario_in={"name": "Audit", "region": "Kurzeme"})
    for actor in (LATGALE, LIEPAJA, PUBLIC):
        with pytest.raises(PermissionDenied):
            audit.list_events(session=session, actor=actor, scenario=s)
    assert audit.list_events(session=session, actor=LATGALE) == []
    assert len(audit.list_events(session=session, actor=KURZEME)) == 1
    with pytest.raises(PermissionDenied, match="may not read the audit trail"):
        audit.list_events(session=session, actor=LIEPAJA)


def test_user_events_never_hold_password_hashes(session):
    auth.create_user(session=session, actor=ADMIN, user_in={
        "username": "anna", "role": "ministry", "password": "correct horse"})
    auth.set_password(session=session, actor=ADMIN, username="anna", password="battery staple")
    events = audit.list_events(session=session, actor=ADMIN, entity="user")
    assert [e.action for e in events] == ["user.set_password", "user.add"]
    assert all("argon2" not in (e.after_json or "") + (e.before_json or "") for e in events)
