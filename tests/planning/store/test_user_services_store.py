"""A user service is saved as scenario inputs: only by those who may edit the scenario,
as a new version whose diff shows it; an invalid one stores nothing."""

from __future__ import annotations

from dataclasses import replace

import pytest

from planning.domain.errors import InputError, PermissionDenied
from planning.store import scenario
from tests.planning.actors import KURZEME, LATGALE, MINISTRY
from tests.planning.domain.test_user_services import halfway_house


def _scenario_and_inputs(session):
    s = scenario.create_scenario(session=session, actor=KURZEME,
                                 scenario_in={"name": "Kurzeme", "region": "Kurzeme"})
    inputs = scenario.load_inputs(session=session, actor=KURZEME, scenario_id=s.id)
    return s, replace(inputs, user_services={"halfway_house": halfway_house()})


@pytest.mark.parametrize("actor", [MINISTRY, LATGALE], ids=["ministry", "other region"])
def test_only_those_who_may_edit_add_a_service(session, actor):
    s, inputs = _scenario_and_inputs(session)
    with pytest.raises(PermissionDenied):
        scenario.save_inputs(session=session, actor=actor, scenario_id=s.id, inputs=inputs,
                             expected_version=1)
    assert [v.number for v in scenario.list_versions(session=session, actor=KURZEME,
                                                     scenario_id=s.id)] == [1]


def test_adding_a_service_is_a_new_version_the_diff_shows(session):
    s, inputs = _scenario_and_inputs(session)
    v2 = scenario.save_inputs(session=session, actor=KURZEME, scenario_id=s.id, inputs=inputs,
                              expected_version=1, message="halfway house")
    diff = scenario.diff_versions(session=session, actor=KURZEME, scenario_id=s.id, a=1, b=2)
    assert v2.number == 2
    assert {c.section for c in diff.inputs} == {"services"}
    assert ("halfway_house", "kind") in {c.key for c in diff.section("services")}
    loaded = scenario.load_inputs(session=session, actor=KURZEME, scenario_id=s.id)
    assert loaded.user_services == inputs.user_services


def test_an_invalid_service_stores_nothing(session):
    s, inputs = _scenario_and_inputs(session)
    bad = replace(inputs, user_services={"halfway_house": halfway_house(min_places=20)})
    with pytest.raises(InputError, match="least places 20 is more than most places 8"):
        scenario.save_inputs(session=session, actor=KURZEME, scenario_id=s.id, inputs=bad,
                             expected_version=1)
    assert scenario.load_inputs(session=session, actor=KURZEME,
                                scenario_id=s.id).user_services == {}
