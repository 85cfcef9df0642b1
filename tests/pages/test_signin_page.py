"""pages/signin.py: password sign-in through planning.store.auth, who is signed in, sign-out."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from pages._shared import ACTOR_KEY
from planning import i18n
from planning.domain.roles import PUBLIC, Role
from tests.pages.conftest import ROOT, TIMEOUT
from tests.pages.seeding import GROUP, LIEPAJA, PASSWORD


def sign_in(at: AppTest, username: str, password: str) -> AppTest:
    at.text_input(key="signin_username").input(username)
    at.text_input(key="signin_password").input(password)
    return at.button[0].click().run()


def test_public_sees_the_form_and_signs_in_as_the_stored_user(db, page_test) -> None:
    at = page_test("signin")
    assert not at.exception
    assert at.title[0].value == i18n.t("signin.title", "lv")
    sign_in(at, GROUP.username, PASSWORD)
    assert not at.exception
    actor = at.session_state[ACTOR_KEY]
    assert (actor.username, actor.role, actor.region) == (GROUP.username, Role.MANAGEMENT_GROUP,
                                                          "Kurzeme")
    shown = " ".join(m.value for m in at.markdown)
    assert "Kurzemes DI grupa" in shown and i18n.t("role.management_group", "lv") in shown
    assert not at.text_input  # the form is gone once signed in


def test_wrong_password_is_refused_without_saying_which_part_was_wrong(db, page_test) -> None:
    at = sign_in(page_test("signin"), GROUP.username, "wrong password")
    assert not at.exception
    assert [e.value for e in at.error] == [i18n.t("signin.failed", "lv")]
    assert ACTOR_KEY not in at.session_state
    at = sign_in(page_test("signin"), "nobody", PASSWORD)
    assert [e.value for e in at.error] == [i18n.t("signin.failed", "lv")]


def test_sign_out_returns_to_the_public(db, page_test) -> None:
    at = page_test("signin", actor=LIEPAJA, lang="en")
    assert not at.exception
    shown = " ".join(m.value for m in at.markdown)
    assert "Liepāja" in shown and i18n.t("role.municipality", "en") in shown
    at.button(key="signout").click().run()
    assert not at.exception
    assert ACTOR_KEY not in at.session_state
    assert at.text_input(key="signin_username")


def test_signing_in_changes_the_navigation_to_the_role(db) -> None:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT)
    at.session_state[ACTOR_KEY] = PUBLIC
    at.run()
    at.switch_page("pages/signin.py").run()
    sign_in(at, GROUP.username, PASSWORD)
    assert not at.exception
    assert at.session_state[ACTOR_KEY].role == Role.MANAGEMENT_GROUP
