"""Municipal response: a municipality sees published and approved plans, its residents'
needs with what the plan offers them (new places, unmet need), and confirms or disputes
each allocation with a comment — also a service its residents need and got no places of."""

from __future__ import annotations

import streamlit as st

from pages import _shared as ui
from planning.domain.roles import Role
from planning.store import consultation, published
from planning.store.tables import Response

SAVED_KEY = "muni_saved"


def action_labels() -> dict[str, str]:
    return {Response.CONFIRMED.value: ui.tr("muni.confirm"),
            Response.DISPUTED.value: ui.tr("muni.dispute")}


def respond(plan: published.PlanView, row) -> None:
    with st.form(f"respond_{row.service_id}"):
        st.markdown(f"**{ui.literal(row.service)}** · {ui.tr('col.new_places')}: "
                    f"{ui.count_text(row.new_places)}")
        options = [r.value for r in Response]
        if not row.new_places:  # nothing to confirm; the need can be disputed
            options = [Response.DISPUTED.value]
            st.caption(ui.tr("muni.no_places_need", need=ui.count_text(row.need)))
        status = st.radio(ui.tr("muni.answer"), options=options, format_func=action_labels().get,
                          index=options.index(row.response) if row.response in options
                          else None,
                          horizontal=True, key=f"status_{row.service_id}")
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


def main() -> None:
    st.title(ui.tr("muni.title"))
    st.caption(ui.tr("muni.intro"))
    if not ui.requires(Role.MUNICIPALITY):
        return
    who, lang = ui.actor(), ui.lang()
    st.markdown(ui.tr("muni.yours", name=ui.literal(ui.municipality_name(
        who.municipality_code))))
    if st.session_state.pop(SAVED_KEY, None):
        st.success(ui.tr("muni.saved"), icon=":material/check_circle:")
    with ui.db_session() as session:
        plans = published.visible_plans(session=session, actor=who)
    if not plans:
        st.info(ui.tr("plan.none"), icon=":material/info:")
        return
    plan = ui.plan_selector(plans, key="muni_plan")
    ui.plan_caption(plan)
    with ui.db_session() as session:
        own = published.own_allocations(session=session, actor=who,
                                        scenario_id=plan.scenario_id, number=plan.version,
                                        lang=lang)
        whole = published.allocations(session=session, actor=who,
                                      scenario_id=plan.scenario_id, number=plan.version,
                                      lang=lang, catalogue=ui.catalogue())
    if not (own["new_places"] > 0).any():
        st.info(ui.tr("muni.none"), icon=":material/info:")
    if not own.empty:
        st.subheader(ui.tr("muni.need_table"), divider="gray")
        shown = own.assign(response=own["response"].map(
            lambda r: published.response_label(r, lang)),
            need=own["need"].map(ui.count_text), unmet=own["unmet"].map(ui.count_text))
        ui.allocation_table(shown, key="muni_own", extra=["need", "unmet", "response",
                                                          "comment"])
        for row in own.itertuples():
            respond(plan, row)
    if whole is not None:
        with st.expander(ui.tr("muni.whole")):
            st.caption(ui.tr("plan.privacy"))
            ui.allocation_table(whole, key="muni_whole")


main()
