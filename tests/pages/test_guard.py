"""pages/_shared.guard: domain errors shown as they are, anything else logged with an
incident id that the user sees instead of the exception's text."""

from __future__ import annotations

import logging

from streamlit.testing.v1 import AppTest


def _step(kind: str) -> None:
    import streamlit as st

    from pages import _shared as ui
    from planning.domain.errors import InputError

    with ui.guard() as attempt:
        if kind == "domain":
            raise InputError("the budget must be >= 0", file="budgets.csv", row=3,
                             column="ERAF kvota")
        if kind == "bug":
            raise ZeroDivisionError("secret internals")
        st.write("done")
    if attempt.failed:
        st.write("stopped")


def run(kind: str) -> AppTest:
    at = AppTest.from_function(_step, args=(kind,), default_timeout=30)
    at.session_state["lang"] = "lv"
    return at.run()


def test_a_domain_error_is_shown_with_its_place_and_stops_the_step() -> None:
    at = run("domain")
    assert not at.exception
    shown = at.error[0].value.replace("\\", "")  # the page escapes Markdown
    assert "budgets.csv" in shown and "ERAF kvota" in shown
    assert [m.value for m in at.markdown] == ["stopped"]


def test_an_unexpected_error_is_logged_with_an_incident_id(caplog) -> None:
    with caplog.at_level(logging.ERROR, logger="di_plan.pages"):
        at = run("bug")
    assert not at.exception
    shown = at.error[0].value
    assert "secret internals" not in shown
    logged = [r for r in caplog.records if r.name == "di_plan.pages"]
    assert len(logged) == 1 and logged[0].exc_info[0] is ZeroDivisionError
    incident = logged[0].args[0]
    assert f"incidents {incident}" in shown
    assert [m.value for m in at.markdown] == ["stopped"]


def test_no_error_runs_the_step() -> None:
    at = run("ok")
    assert not at.error
    assert [m.value for m in at.markdown] == ["done"]
