"""Plan approval for ministry reviewers: every region's plans; for a submitted plan what a
reviewer decides on (key figures, changes since the consultation and since the previous
submission, the consultation record, the municipalities' answers, the PDF), then approve
it or return it with a reason. Nothing here edits a region's inputs."""

from __future__ import annotations

import streamlit as st

from pages import _lifecycle as shared
from pages import _shared as ui
from planning import i18n
from planning.domain.roles import Role
from planning.io import exports, report
from planning.store import lifecycle, published, review

DONE_KEY = "review_done"


def decide(plan: published.PlanView) -> None:
    approve_col, return_col = st.columns(2)
    with approve_col, st.form("approve_form"):
        note = st.text_area(ui.tr("review.note"), max_chars=lifecycle.MAX_REASON,
                            key="approve_note")
        approve = st.form_submit_button(ui.tr("review.approve"), type="primary",
                                        icon=":material/task_alt:")
    with return_col, st.form("return_form"):
        reason = st.text_area(ui.tr("review.reason"), max_chars=lifecycle.MAX_REASON,
                              key="return_reason")
        send_back = st.form_submit_button(ui.tr("review.return"), icon=":material/undo:")
    if not (approve or send_back):
        return
    with ui.guard() as attempt:
        with ui.db_session() as session:
            if approve:
                lifecycle.approve(session=session, actor=ui.actor(),
                                  scenario_id=plan.scenario_id, note=note)
            else:
                lifecycle.return_plan(session=session, actor=ui.actor(),
                                      scenario_id=plan.scenario_id, reason=reason)
    if attempt.failed:
        return
    st.session_state[DONE_KEY] = "review.approved" if approve else "review.returned"
    st.rerun()  # the page then shows the state the decision caused


def figures(dossier: review.ReviewDossier) -> None:
    lang, f = ui.lang(), dossier.figures
    shown = [("review.need", i18n.fmt_int(f["need_clients"], lang)),
             ("review.served", i18n.fmt_int(f["served_clients"], lang)),
             ("review.unmet", i18n.fmt_int(f["unmet_clients"], lang)),
             ("review.coverage", i18n.fmt_pct(f["coverage"], lang)),
             ("plan.new_places", i18n.fmt_int(f["new_places"], lang)),
             ("review.investment", i18n.fmt_meur(f["investment_eur"], lang)),
             ("review.budget_used", i18n.fmt_pct(f["budget_used"], lang)),
             ("results.running", i18n.fmt_meur(f["running_eur_per_year"], lang))]
    for start in (0, 4):
        for col, (key, value) in zip(st.columns(4), shown[start:start + 4], strict=True):
            col.metric(ui.tr(key), value, border=True)


def changes(dossier: review.ReviewDossier) -> None:
    n, gap = dossier.plan.version, dossier.since_consultation
    if gap is not None and not gap.unchanged:
        st.warning(ui.tr("review.unconsulted", n=n, consulted=dossier.consulted,
                         count=len(gap.inputs) + len(gap.results)), icon=":material/difference:")
        st.markdown(f"**{ui.tr('review.since_consultation', n=dossier.consulted)}**")
        shared.diff_table(gap, key="review_since_consultation")
    elif dossier.consulted is not None:
        st.success(ui.tr("review.consulted_same", n=dossier.consulted), icon=":material/forum:")
    if dossier.previous is None:
        st.caption(ui.tr("review.first_submission"))
        return
    st.markdown(f"**{ui.tr('review.since_previous', n=dossier.previous)}**")
    shared.diff_table(dossier.since_previous, key="review_since_previous")


def pdf(dossier: review.ReviewDossier) -> bytes:
    result, plan = dossier.result, dossier.plan
    doc = exports.Plan(result.inputs, result.solution, exports.PlanMetadata(
        scenario=plan.name, version=plan.version, status=plan.status), ui.catalogue())
    return report.plan_report(doc, lang=ui.lang(), consultation=dossier.consultation)


def dossier_view(plan: published.PlanView) -> None:
    with ui.db_session() as session:
        dossier = review.review_dossier(session=session, actor=ui.actor(), plan=plan,
                                        lang=ui.lang())
        table = published.allocations(session=session, actor=ui.actor(),
                                      scenario_id=plan.scenario_id, number=plan.version,
                                      lang=ui.lang(), catalogue=ui.catalogue())
    if dossier.responses.disputed:
        st.warning(ui.tr("review.disputes", n=dossier.responses.disputed),
                   icon=":material/location_city:")
    tabs = st.tabs([ui.tr(f"review.tab.{t}") for t in
                    ("summary", "changes", "consultation", "municipalities", "places")])
    with tabs[0]:
        figures(dossier)
        if dossier.result is not None:
            st.download_button(ui.tr("review.pdf"), data=lambda: pdf(dossier),
                               file_name=f"plans_{plan.scenario_id}_v{plan.version}.pdf",
                               mime="application/pdf", on_click="ignore", key="review_pdf",
                               icon=":material/picture_as_pdf:")
    with tabs[1]:
        changes(dossier)
    with tabs[2]:
        if dossier.consultation is not None:
            shared.consultation_record(dossier.consultation, key="review_record")
    with tabs[3]:
        shared.responses(dossier.responses, key="review_responses")
    with tabs[4]:
        if table is None:
            st.info(ui.tr("plan.no_result"), icon=":material/hourglass_empty:")
        else:
            ui.allocation_table(table, key="review_places")


def main() -> None:
    st.title(ui.tr("review.title"))
    st.caption(ui.tr("review.intro"))
    if not ui.requires(Role.MINISTRY):
        return
    if done := st.session_state.pop(DONE_KEY, None):
        st.success(ui.tr(done), icon=":material/check_circle:")
    lang, who = ui.lang(), ui.actor()
    with ui.db_session() as session:
        plans = published.regional_plans(session=session, actor=who)
    st.subheader(ui.tr("review.all"))
    ui.table(published.plans_frame(plans, lang), ["plan", "region", "version", "status",
                                                  "start", "end"], key="review_all")
    submitted = [p for p in plans if p.status == "submitted"]
    st.subheader(ui.tr("review.submitted"))
    if not submitted:
        st.info(ui.tr("review.none"), icon=":material/inbox:")
        return
    plan = ui.plan_selector(submitted, key="review_plan")
    ui.plan_caption(plan)
    dossier_view(plan)
    decide(plan)


main()
