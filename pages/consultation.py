"""Public consultation: published drafts in their consultation period and approved plans,
their new places (counts 1-4 shown as "<5"), published comments and the comment form."""

from __future__ import annotations

import streamlit as st
from streamlit_folium import st_folium

from pages import _lifecycle as shared
from pages import _shared as ui
from planning import i18n
from planning.domain import geo
from planning.domain.errors import PlanningError
from planning.store import consultation, published


def allocations(plan: published.PlanView) -> None:
    lang, who = ui.lang(), ui.actor()
    with ui.guard() as attempt, ui.db_session() as session:
        table = published.allocations(session=session, actor=who, scenario_id=plan.scenario_id,
                                      number=plan.version, lang=lang,
                                      catalogue=ui.catalogue())
    if attempt.failed:
        return
    if table is None:
        st.info(ui.tr("plan.no_result"), icon=":material/hourglass_empty:")
        return
    figures = published.key_figures(table)
    cols = st.columns(3)
    cols[0].metric(ui.tr("plan.new_places"), ui.count_text(figures["new_places"]))
    cols[1].metric(ui.tr("plan.new_facilities"), i18n.fmt_int(figures["new_facilities"], lang))
    cols[2].metric(ui.tr("plan.municipalities"), i18n.fmt_int(figures["municipalities"], lang))
    st.caption(ui.tr("plan.privacy"))
    map_tab, table_tab = st.tabs([ui.tr("consult.map"), ui.tr("consult.table")])
    with map_tab:
        layer = published.allocation_layer(table, division=plan.division, region=plan.region,
                                           lang=lang)
        m = published.allocation_map(layer, attribution=geo.BOUNDARY_ATTRIBUTION["amcharts"],
                                     lang=lang)
        st_folium(m, height=480, use_container_width=True, returned_objects=[],
                  key=f"consult_map_{plan.scenario_id}_{plan.version}")
        ui.attribution_line("amcharts")
    with table_tab:
        ui.allocation_table(table, key="consult_table")


def comments(plan: published.PlanView) -> None:
    """While the consultation runs: its published comments. After it: the record of every
    consultation held on the plan (comments, answers, decisions, what changed)."""
    if not plan.open_for_comments and plan.consulted is not None:
        with ui.db_session() as session:
            numbers = consultation.consulted_versions(session=session, actor=ui.actor(),
                                                      scenario_id=plan.scenario_id)
            records = [consultation.consultation_report(
                session=session, actor=ui.actor(), scenario_id=plan.scenario_id, number=n)
                for n in numbers]
        for record in records:
            shared.consultation_record(record, key=f"record_{record.version}")
        return
    st.subheader(ui.tr("consult.comments"))
    with ui.db_session() as session:
        shown = consultation.public_comments(session=session, actor=ui.actor(),
                                             scenario_id=plan.scenario_id, number=plan.version)
    if not shown:
        st.caption(ui.tr("consult.no_comments"))
    for c in shown:
        ui.comment_card(c.name, c.organisation, c.created_at, c.text, c.answer, c.decision)


COMMENT_FIELDS = ("name", "organisation", "email", "text")
SENT_KEY = "comment_sent"


def send_comment(scenario_id: int) -> None:
    """Form callback: submit the comment; on success empty the form, else keep it."""
    values = {f: st.session_state.get(f"comment_{f}", "") for f in COMMENT_FIELDS}
    try:
        with ui.db_session() as session:
            consultation.submit_comment(session=session, scenario_id=scenario_id,
                                        actor=ui.actor(), comment_in=values)
    except PlanningError as exc:
        st.session_state[SENT_KEY] = exc
        return
    for f in COMMENT_FIELDS:
        st.session_state[f"comment_{f}"] = ""
    st.session_state[SENT_KEY] = True


def comment_form(plan: published.PlanView) -> None:
    if not plan.open_for_comments:
        st.info(ui.tr("consult.closed"), icon=":material/event_busy:")
        return
    st.subheader(ui.tr("consult.form"))
    with st.form("comment_form"):
        st.text_input(ui.tr("consult.name"), max_chars=120, key="comment_name")
        st.text_input(ui.tr("consult.organisation"), max_chars=200, key="comment_organisation")
        st.text_input(ui.tr("consult.email"), max_chars=254, key="comment_email",
                      help=ui.tr("consult.email_help"))
        st.text_area(ui.tr("consult.text"), max_chars=5000, key="comment_text")
        st.form_submit_button(ui.tr("consult.send"), type="primary", on_click=send_comment,
                              args=(plan.scenario_id,))
    outcome = st.session_state.pop(SENT_KEY, None)
    if isinstance(outcome, PlanningError):
        ui.planning_error(outcome)
    elif outcome:
        st.success(ui.tr("consult.sent"), icon=":material/mark_email_read:")


def main() -> None:
    lang = ui.lang()
    st.title(ui.tr("consult.title"))
    st.caption(ui.tr("consult.intro"))
    with ui.db_session() as session:
        plans = published.visible_plans(session=session, actor=ui.actor())
    if not plans:
        st.info(ui.tr("plan.none"), icon=":material/info:")
        return
    ui.table(published.plans_frame(plans, lang), ["plan", "region", "version", "status",
                                                  "start", "end"], key="consult_plans")
    plan = ui.plan_selector(plans, key="consult_plan")
    st.header(ui.literal(plan.name), divider="gray")
    ui.plan_caption(plan)
    allocations(plan)
    comments(plan)
    comment_form(plan)


main()
