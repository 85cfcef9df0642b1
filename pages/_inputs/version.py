"""The version an editing session starts from: pinned until saved or reloaded, and the
caption and notices above the editor (read-only, a newer version saved meanwhile)."""

from __future__ import annotations

import streamlit as st

from pages import _plan as plan
from pages import _shared as ui
from planning import i18n
from planning.domain.inputs import ScenarioInputs
from planning.store import scenario
from planning.store.tables import Scenario

CONFLICT_KEY = "inputs_conflict"


def base_key(scenario_id: int) -> str:
    return f"inputs_base_{scenario_id}"


def editor_key(scenario_id: int, base: int) -> str:
    """The key prefix of the editors of version ``base`` (``{prefix}_{tab}``)."""
    return f"inputs_{scenario_id}_{base}"


def base_version(chosen: Scenario) -> int:
    """The version this editing session started from: pinned while its editors are on the
    page (until saved or reloaded), so a version saved meanwhile is a conflict; the newest
    one when they were not drawn in the previous run. Streamlit keeps a widget's state only
    while it is drawn, so after another page there are no edits left to lose, and one's own
    save elsewhere (a restore, an evaluation) is no conflict."""
    key = base_key(chosen.id)
    pinned = st.session_state.get(key)
    editing = pinned is not None and f"{editor_key(chosen.id, pinned)}_needs" in st.session_state
    if not editing:
        st.session_state[key] = chosen.current_version
    return st.session_state[key]


def reload(chosen: Scenario) -> None:
    st.session_state.pop(base_key(chosen.id), None)
    st.session_state.pop(CONFLICT_KEY, None)


def opened(chosen: Scenario) -> tuple[int, ScenarioInputs] | None:
    """The base version and its saved inputs; None (the reason shown) when they fail to
    load."""
    with ui.guard() as attempt:
        with ui.db_session() as session:
            base = base_version(chosen)
            saved = scenario.load_inputs(session=session, actor=plan.actor(),
                                         scenario_id=chosen.id, number=base)
    if attempt.failed:
        return None
    return base, saved


def notices(chosen: Scenario, base: int, saved: ScenarioInputs, locked: bool) -> None:
    st.caption(ui.tr("inputs.based_on", number=base, current=chosen.current_version,
                     area=i18n.region_name(saved.region, ui.lang()),
                     division=saved.division))
    if locked:
        st.info(ui.tr("inputs.read_only"), icon=":material/lock:")
    elif base != chosen.current_version and CONFLICT_KEY not in st.session_state:
        st.warning(ui.tr("inputs.newer", current=chosen.current_version),
                   icon=":material/update:")
        if st.button(ui.tr("inputs.reload"), key="reload_newer", icon=":material/refresh:"):
            reload(chosen)
            st.rerun()
