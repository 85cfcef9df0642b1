"""Single sign-on: an OIDC identity maps to the stored user of its e-mail address."""

from __future__ import annotations

import pytest

from planning.domain.roles import Role
from planning.store import auth
from tests.planning.actors import ADMIN


@pytest.fixture
def sso_user(session):
    auth.create_user(session=session, actor=ADMIN, user_in={
        "username": "anna@kurzeme.lv", "role": "management_group", "region": "Kurzeme",
        "display_name": "Anna", "password": None})
    return session


def test_a_verified_email_maps_to_its_user_and_role(sso_user):
    actor = auth.actor_for_identity(session=sso_user, claims={
        "email": "Anna@Kurzeme.LV", "email_verified": True, "name": "A"})
    assert actor is not None
    assert (actor.username, actor.role, actor.region) == (
        "anna@kurzeme.lv", Role.MANAGEMENT_GROUP, "Kurzeme")


@pytest.mark.parametrize("claims", [
    {"email": "anna@kurzeme.lv", "email_verified": False},
    {"email": "someone@else.lv", "email_verified": True},
    {"sub": "123", "name": "No e-mail"},
    {"email": "  ", "email_verified": True},
])
def test_unverified_unknown_or_missing_emails_map_to_nobody(sso_user, claims):
    assert auth.actor_for_identity(session=sso_user, claims=claims) is None


def test_a_deactivated_user_maps_to_nobody(sso_user):
    auth.deactivate_user(session=sso_user, actor=ADMIN, username="anna@kurzeme.lv")
    assert auth.actor_for_identity(session=sso_user, claims={"email": "anna@kurzeme.lv"}) is None
