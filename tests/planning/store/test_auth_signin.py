"""Sign-in per OWASP ASVS level 1: throttling, an audit of every attempt, guessable passwords."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import select

from planning.domain.errors import InputError
from planning.store import auth
from planning.store.tables import AuditEvent
from tests.planning.actors import ADMIN

RIGHT = "a long passphrase 42"
T0 = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)


@pytest.fixture
def user(session):
    auth.create_user(session=session, actor=ADMIN, user_in={
        "username": "anna", "role": "ministry", "password": RIGHT})
    return session


def attempt(session, password: str, at: datetime, username: str = "anna"):
    return auth.authenticate(session=session, username=username, password=password, now=at)


def signin_events(session, username: str = "anna") -> list[str]:
    rows = session.exec(select(AuditEvent).where(AuditEvent.entity_id == username,
                                                 AuditEvent.action.startswith("signin."))
                        .order_by(AuditEvent.id)).all()
    return [r.action for r in rows]


def test_many_wrong_passwords_pause_the_account_even_for_the_right_one(user) -> None:
    for i in range(30):  # the attacker tried 200; the account paused after the fifth
        assert attempt(user, f"guess {i}", T0 + timedelta(seconds=i / 10)) is None
    assert attempt(user, RIGHT, T0 + timedelta(seconds=4)) is None
    assert auth.paused_until(session=user, username="anna",
                             now=T0 + timedelta(seconds=4)) is not None


def test_the_pause_grows_with_each_failure_and_ends(user) -> None:
    for i in range(auth.FREE_ATTEMPTS - 1):
        attempt(user, "wrong", T0 + timedelta(seconds=i))
    assert auth.paused_until(session=user, username="anna", now=T0 + timedelta(seconds=5)) \
        is None
    attempt(user, "wrong", T0 + timedelta(seconds=5))   # the fifth in a row
    until = auth.paused_until(session=user, username="anna", now=T0 + timedelta(seconds=6))
    assert until == T0 + timedelta(seconds=5) + auth.LOCK_BASE
    later = until + timedelta(seconds=1)
    attempt(user, "wrong", later)                       # the sixth doubles the pause
    assert auth.paused_until(session=user, username="anna", now=later) == \
        later + 2 * auth.LOCK_BASE
    back = later + 2 * auth.LOCK_BASE + timedelta(seconds=1)
    assert attempt(user, RIGHT, back) is not None
    assert auth.paused_until(session=user, username="anna", now=back) is None


def test_every_attempt_is_audited(user) -> None:
    attempt(user, "wrong", T0)
    attempt(user, RIGHT, T0 + timedelta(seconds=1))
    attempt(user, "whatever", T0, username="nobody")
    for i in range(auth.FREE_ATTEMPTS):
        attempt(user, "wrong", T0 + timedelta(seconds=2 + i))
    attempt(user, RIGHT, T0 + timedelta(seconds=10))
    assert signin_events(user) == ["signin.failed", "signin.ok",
                                   *["signin.failed"] * auth.FREE_ATTEMPTS, "signin.locked"]
    assert signin_events(user, "nobody") == ["signin.failed"]


@pytest.mark.parametrize("password, reason", [
    ("12345678", "too easy to guess"),
    ("password1", "too easy to guess"),
    ("qwertyuiop", "too easy to guess"),
    ("anna2026!x", "must not contain the username"),
    ("short", "8 to 200 characters"),
])
def test_guessable_passwords_are_refused_with_the_reason(user, password, reason) -> None:
    with pytest.raises(InputError, match=reason):
        auth.set_password(session=user, actor=ADMIN, username="anna", password=password)
