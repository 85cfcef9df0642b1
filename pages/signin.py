"""Sign-in page: username and password (``planning.store.auth``), optional single sign-on, sign-out.

The signed-in :class:`~planning.domain.roles.Actor` is kept in the session (``ui.ACTOR_KEY``);
``app.py`` then shows the pages of its role.
"""

from __future__ import annotations

import streamlit as st

from pages import _shared as ui
from planning.domain.config import get_settings
from planning.domain.roles import Role
from planning.store import auth


def signed_in() -> None:
    who = ui.actor()
    st.success(ui.tr("signin.as"), icon=":material/verified_user:")
    ui.facts([
        (ui.tr("signin.username"), who.display_name or who.username),
        (ui.tr("col.role"), ui.tr(f"role.{who.role.value}")),
        *([(ui.tr("signin.where_region"), who.region)] if who.region else []),
        *([(ui.tr("signin.where_municipality"), ui.municipality_name(who.municipality_code))]
          if who.municipality_code else []),
    ])
    if st.button(ui.tr("signin.signout"), key="signout", icon=":material/logout:"):
        ui.sign_out()


def sign_in_form() -> None:
    if get_settings().sso:
        if st.user.is_logged_in and ui.ENDED_KEY in st.session_state:
            if st.button(ui.tr("signin.sso_again"), key="sso_again", type="primary",
                         icon=":material/key:"):
                st.session_state.pop(ui.ENDED_KEY, None)
                st.rerun()
        elif st.user.is_logged_in:
            st.warning(ui.tr("signin.sso_unknown"), icon=":material/person_off:")
        elif st.button(ui.tr("signin.sso"), key="sso", type="primary", icon=":material/key:"):
            st.login()
        st.caption(ui.tr("signin.or"))
    with st.form("signin_form"):
        username = st.text_input(ui.tr("signin.username"), key="signin_username",
                                 max_chars=80, autocomplete="username")
        password = st.text_input(ui.tr("signin.password"), key="signin_password",
                                 type="password", max_chars=200,
                                 autocomplete="current-password")
        submitted = st.form_submit_button(ui.tr("signin.submit"), type="primary")
    if not submitted:
        return
    with ui.db_session() as session:
        found = auth.authenticate(session=session, username=username, password=password)
    if found is None:
        st.error(ui.tr("signin.failed"), icon=":material/lock:")
        return
    ui.sign_in(found)


def main() -> None:
    st.title(ui.tr("signin.title"))
    st.caption(ui.tr("signin.intro"))
    ui.session_notice()
    if ui.actor().role == Role.PUBLIC:
        sign_in_form()
    else:
        signed_in()


main()
