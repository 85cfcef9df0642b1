"""Signed-in sessions: checked against the store on every action, idle timeout, client binding."""

from __future__ import annotations

import pytest

from planning.domain.roles import Role
from planning.store import auth, sessions
from planning.store.sessions import Ended, SignedIn
from tests.planning.actors import ADMIN, KURZEME

IDLE = 30 * 60.0
BROWSER = {"User-Agent": "Firefox/140"}


@pytest.fixture
def signed(session) -> SignedIn:
    auth.create_user(session=session, actor=ADMIN, user_in={
        "username": KURZEME.username, "role": "management_group", "region": "Kurzeme",
        "password": "a long passphrase 42"})
    return SignedIn(KURZEME, binding="client-1", last_seen=1000.0)


def resume(session, signed: SignedIn, *, binding: str = "client-1", now: float = 1060.0):
    return sessions.resume(signed, session=session, binding=binding, now=now,
                           idle_seconds=IDLE)


def test_an_active_user_resumes_and_the_action_counts_as_activity(session, signed) -> None:
    after = resume(session, signed)
    assert isinstance(after, SignedIn)
    assert after.actor == KURZEME and after.last_seen == 1060.0


def test_a_deactivated_user_is_refused_at_the_next_action(session, signed) -> None:
    assert isinstance(resume(session, signed), SignedIn)
    auth.deactivate_user(session=session, actor=ADMIN, username=KURZEME.username)
    assert resume(session, signed) is Ended.INACTIVE


def test_a_changed_role_or_region_ends_the_session(session, signed) -> None:
    other = SignedIn(KURZEME.__class__(KURZEME.username, Role.MANAGEMENT_GROUP,
                                       region="Latgale"), "client-1", 1000.0)
    assert resume(session, other) is Ended.INACTIVE
    assert resume(session, signed) != Ended.INACTIVE


def test_an_idle_session_ends(session, signed) -> None:
    assert resume(session, signed, now=1000.0 + IDLE + 1) is Ended.IDLE
    assert isinstance(resume(session, signed, now=1000.0 + IDLE - 1), SignedIn)


def test_a_session_presented_by_another_client_ends(session, signed) -> None:
    assert resume(session, signed, binding="client-2") is Ended.OTHER_CLIENT


def _xsrf(mask: bytes, token: bytes) -> str:
    masked = bytes(b ^ mask[i % 4] for i, b in enumerate(token))
    return f"2|{mask.hex()}|{masked.hex()}|1764600000"


def test_the_binding_holds_for_the_same_browser_and_differs_for_another() -> None:
    token = bytes(range(16))
    first = sessions.client_binding(BROWSER, {sessions.XSRF_COOKIE: _xsrf(b"abcd", token)})
    # Tornado masks the same token afresh: the same browser, the same binding
    again = sessions.client_binding({"user-agent": "Firefox/140"},
                                    {sessions.XSRF_COOKIE: _xsrf(b"wxyz", token)})
    assert first == again
    other = sessions.client_binding(BROWSER, {sessions.XSRF_COOKIE: _xsrf(b"abcd", token[::-1])})
    no_cookie = sessions.client_binding(BROWSER, {})
    assert len({first, other, no_cookie}) == 3


def test_the_binding_includes_the_reverse_proxys_client_header() -> None:
    one = sessions.client_binding({**BROWSER, "X-Client": "proxy-session-1"}, {}, "x-client")
    two = sessions.client_binding({**BROWSER, "X-Client": "proxy-session-2"}, {}, "x-client")
    assert one != two
    assert one == sessions.client_binding({**BROWSER, "x-client": "proxy-session-1"}, {},
                                          "X-Client")
