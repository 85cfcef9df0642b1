"""An open signed-in session is checked against the store at every action (pages/_shared.py)."""

from __future__ import annotations

from sqlmodel import Session
from streamlit.testing.v1 import AppTest

from pages._shared import ACTOR_KEY, ENDED_KEY, SIGNED_KEY
from planning import i18n
from planning.domain.roles import SYSTEM
from planning.store import auth
from tests.pages.conftest import ROOT, TIMEOUT
from tests.pages.seeding import GROUP


def warnings(at: AppTest) -> list[str]:
    return [w.value for w in at.warning]


def test_a_deactivated_users_open_session_is_refused_at_its_next_action(db, page_test) -> None:
    at = page_test("audit", actor=GROUP, lang="en")
    assert not at.exception
    assert at.session_state[ACTOR_KEY] == GROUP and not warnings(at)
    assert [s.key for s in at.selectbox] == ["audit_scenario"]  # the region's audit trail
    with Session(db, expire_on_commit=False) as session:
        auth.deactivate_user(session=session, actor=SYSTEM, username=GROUP.username)
    at.run()  # the next action: any click or edit reruns the page
    assert not at.exception
    assert ACTOR_KEY not in at.session_state and SIGNED_KEY not in at.session_state
    assert at.session_state[ENDED_KEY] == "inactive"
    assert any("This page is for" in w for w in warnings(at))
    assert not at.selectbox


def test_the_app_says_why_the_session_ended_and_shows_the_public_pages(db) -> None:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT)
    at.session_state[ACTOR_KEY] = GROUP
    at.session_state["lang"] = "en"
    at.run()
    assert not at.exception and not warnings(at)
    with Session(db, expire_on_commit=False) as session:
        auth.deactivate_user(session=session, actor=SYSTEM, username=GROUP.username)
    at.run()
    assert not at.exception
    assert i18n.t("signin.ended.inactive", "en") in warnings(at)
    assert ACTOR_KEY not in at.session_state


def test_an_idle_session_ends_at_its_next_action(db, page_test, monkeypatch) -> None:
    at = page_test("inputs", actor=GROUP, lang="en")
    signed = at.session_state[SIGNED_KEY]
    at.session_state[SIGNED_KEY] = signed.__class__(signed.actor, signed.binding,
                                                    signed.last_seen - 31 * 60)
    at.run()
    assert at.session_state[ENDED_KEY] == "idle"
    assert ACTOR_KEY not in at.session_state
