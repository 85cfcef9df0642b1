"""The form that confirms or disputes one allocation, with a comment."""

from __future__ import annotations

import streamlit as st

from pages import _shared as ui
from planning.store import consultation, published
from planning.store.tables import Response
from planning.views.published_views import answer_options

SAVED_KEY = "muni_saved"


def action_labels() -> dict[str, str]:
    return {Response.CONFIRMED.value: ui.tr("muni.confirm"),
            Response.DISPUTED.value: ui.tr("muni.dispute")}


def saved_notice() -> None:
    """'Saved' once, on the run after a save (:func:`respond` reruns the page)."""
    if st.session_state.pop(SAVED_KEY, None):
        st.success(ui.tr("muni.saved"), icon=":material/check_circle:")


def respond(plan: published.PlanView, row) -> None:
    with st.form(f"respond_{row.service_id}"):
        st.markdown(f"**{ui.literal(row.service)}** · {ui.tr('col.new_places')}: "
                    f"{ui.count_text(row.new_places)}")
        options, index = answer_options(row.new_places, row.response)
        if not row.new_places:  # nothing to confirm; the need can be disputed
            st.caption(ui.tr("muni.no_places_need", need=ui.count_text(row.need)))
        status = st.radio(ui.tr("muni.answer"), options=options, format_func=action_labels().get,
                          index=index, horizontal=True, key=f"status_{row.service_id}")
        comment = st.text_area(ui.tr("col.comment"), value=row.comment or "", max_chars=2000,
                               key=f"comment_{row.service_id}")
        saved = st.form_submit_button(ui.tr("muni.save"))
    if not saved:
        return
    with ui.guard() as attempt:
        with ui.db_session() as session:
            consultation.respond_to_allocation(
                session=session, actor=ui.actor(), scenario_id=plan.scenario_id,
                service=row.service_id, status=status or "", comment=comment,
                number=plan.version)
    if attempt.failed:
        return
    st.session_state[SAVED_KEY] = True
    st.rerun()  # the table above then shows the answer just saved
