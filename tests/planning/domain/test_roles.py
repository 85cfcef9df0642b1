"""The full role x action matrix, allowed and refused, on scenarios in every state."""

from __future__ import annotations

from datetime import date, timedelta
from types import SimpleNamespace

import pytest

from planning.domain.errors import PermissionDenied
from planning.domain.roles import PUBLIC, Action, Actor, Role, can, require, visible_versions
from tests.planning.actors import ADMIN, KURZEME, LATGALE, LIEPAJA, MINISTRY

TODAY = date(2026, 3, 10)
A = Action


def _target(region="Kurzeme", published=None, approved=None, start=None, end=None):
    return SimpleNamespace(name="Plan", region=region, published_version=published,
                           approved_version=approved, consultation_start=start,
                           consultation_end=end)


STATES = {
    "draft": _target(),
    "open": _target(published=1, start=TODAY - timedelta(days=3), end=TODAY),
    "closed": _target(published=1, start=TODAY - timedelta(days=30),
                      end=TODAY - timedelta(days=1)),
    "approved": _target(published=1, approved=2, start=TODAY - timedelta(days=30),
                        end=TODAY - timedelta(days=1)),
    "national": _target(region=None),
}
ACTORS = {"kurzeme": KURZEME, "latgale": LATGALE, "ministry": MINISTRY, "liepaja": LIEPAJA,
          "public": PUBLIC, "admin": ADMIN}

OWNER = {A.VIEW, A.VIEW_DETAIL, A.CREATE, A.EDIT, A.DELETE, A.RUN, A.PUBLISH, A.SUBMIT,
         A.MODERATE, A.ANSWER, A.VIEW_AUDIT}
MINISTRY_READ = {A.VIEW, A.VIEW_DETAIL, A.VIEW_AUDIT, A.APPROVE, A.RETURN}
ADMIN_ALL = set(Action) - {A.APPROVE, A.RETURN, A.RESPOND, A.RECORD_ACTUAL, A.COMMENT}

EXPECTED: dict[tuple[str, str], set[Action]] = {
    ("kurzeme", "draft"): OWNER,
    ("kurzeme", "open"): OWNER - {A.DELETE} | {A.COMMENT},
    ("kurzeme", "closed"): OWNER - {A.DELETE},
    ("kurzeme", "approved"): OWNER - {A.DELETE},
    ("kurzeme", "national"): {A.VIEW},
    ("latgale", "draft"): set(),
    ("latgale", "open"): {A.VIEW, A.COMMENT},
    ("latgale", "closed"): {A.VIEW},
    ("latgale", "approved"): {A.VIEW},
    ("latgale", "national"): {A.VIEW},
    ("ministry", "draft"): MINISTRY_READ,
    ("ministry", "open"): MINISTRY_READ | {A.COMMENT},
    ("ministry", "closed"): MINISTRY_READ,
    ("ministry", "approved"): MINISTRY_READ,
    ("ministry", "national"): OWNER - {A.PUBLISH, A.SUBMIT},
    ("liepaja", "draft"): set(),
    ("liepaja", "open"): {A.VIEW, A.COMMENT, A.RESPOND},
    ("liepaja", "closed"): {A.VIEW, A.RESPOND},
    ("liepaja", "approved"): {A.VIEW, A.RESPOND, A.RECORD_ACTUAL},
    ("liepaja", "national"): set(),
    ("public", "draft"): set(),
    ("public", "open"): {A.VIEW, A.COMMENT},
    ("public", "closed"): set(),
    ("public", "approved"): {A.VIEW},
    ("public", "national"): set(),
    ("admin", "draft"): ADMIN_ALL,
    ("admin", "open"): ADMIN_ALL - {A.DELETE} | {A.COMMENT},
    ("admin", "closed"): ADMIN_ALL - {A.DELETE},
    ("admin", "approved"): ADMIN_ALL - {A.DELETE},
    ("admin", "national"): ADMIN_ALL - {A.PUBLISH, A.SUBMIT},
}

CASES = [
    pytest.param(who, state, action, id=f"{who}-{state}-{action.value}")
    for who in ACTORS for state in STATES for action in Action
]


def test_the_matrix_covers_every_role_state_and_action():
    assert {(w, s) for w, s in EXPECTED} == {(w, s) for w in ACTORS for s in STATES}
    assert {a.role for a in ACTORS.values()} == set(Role)


@pytest.mark.parametrize("who, state, action", CASES)
def test_role_action_matrix(who, state, action):
    allowed = action in EXPECTED[(who, state)]
    assert can(ACTORS[who], action, STATES[state], today=TODAY) is allowed
    if allowed:
        require(ACTORS[who], action, STATES[state], today=TODAY)
    else:
        with pytest.raises(PermissionDenied, match=f"may not {action.value}"):
            require(ACTORS[who], action, STATES[state], today=TODAY)


@pytest.mark.parametrize("who", ACTORS)
def test_only_admins_manage_users(who):
    assert can(ACTORS[who], A.MANAGE_USERS) is (who == "admin")


def test_refusals_say_who_what_and_why():
    with pytest.raises(PermissionDenied, match=r"ministry\.reviewer \(ministry\) may not edit "
                       r"scenario 'Plan' \(region Kurzeme\): the ministry reviews"):
        require(MINISTRY, A.EDIT, STATES["draft"])
    with pytest.raises(PermissionDenied, match="published plans stay on record"):
        require(KURZEME, A.DELETE, STATES["closed"])
    with pytest.raises(PermissionDenied, match="only while the consultation is open"):
        require(PUBLIC, A.COMMENT, STATES["closed"], today=TODAY)
    with pytest.raises(PermissionDenied, match="national scenarios are for analysis"):
        require(MINISTRY, A.APPROVE, STATES["national"])


def test_visible_versions():
    assert visible_versions(PUBLIC, STATES["approved"], TODAY) == {2}
    assert visible_versions(PUBLIC, STATES["open"], TODAY) == {1}
    assert visible_versions(PUBLIC, STATES["closed"], TODAY) == set()
    assert visible_versions(LIEPAJA, STATES["approved"], TODAY) == {1, 2}
    assert visible_versions(KURZEME, STATES["draft"], TODAY) is None
    assert visible_versions(MINISTRY, STATES["draft"], TODAY) is None
    assert visible_versions(LATGALE, STATES["national"], TODAY) is None


@pytest.mark.parametrize("role, kwargs", [(Role.MANAGEMENT_GROUP, {}),
                                          (Role.MUNICIPALITY, {"region": "Kurzeme"})])
def test_bound_roles_need_their_region_or_code(role, kwargs):
    with pytest.raises(ValueError, match="needs"):
        Actor("x", role, **kwargs)
