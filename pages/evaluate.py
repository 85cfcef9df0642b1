"""Evaluate a plan that already exists: enter or upload it, then see it beside the optimizer.

Thin: the plan is imported by ``planning.io.imports`` (kind ``plan``), saved as a new version
by ``planning.store.scenario.save_inputs`` (which checks the right to edit), evaluated by
``planning.domain.evaluation.evaluate_given`` and drawn from ``planning.views.
evaluation_tables``. The evaluation is kept per scenario version for the session.
"""

from __future__ import annotations

import streamlit as st

from pages import _plan as plan
from pages import _shared as ui
from pages import _upload as uploads
from planning.domain.evaluation import evaluate_given
from planning.domain.inputs import ScenarioInputs
from planning.domain.roles import Action, can
from planning.io import templates
from planning.store import scenario
from planning.store.tables import Scenario
from planning.views import evaluation_tables as ev_views
from planning.views import plan_tables as plan_views

RESULT_KEY = "_evaluation"


def save(chosen: Scenario, inputs: ScenarioInputs, message: str) -> None:
    with ui.guard() as attempt:
        with ui.db_session() as session:
            version = scenario.save_inputs(session=session, actor=plan.actor(),
                                           scenario_id=chosen.id, inputs=inputs,
                                           expected_version=chosen.current_version,
                                           message=message)
    if attempt.failed:
        return
    st.toast(ui.tr("eval.saved", number=version.number), icon=":material/check:")
    st.rerun()


def template_buttons(saved: ScenarioInputs) -> None:
    lang, cat = ui.lang(), ui.catalogue()
    rows = templates.current_rows("plan", saved, cat, lang)
    cols = st.columns(2)
    cols[0].download_button(
        ui.tr("eval.template") + " (XLSX)", key="plan_template_xlsx", on_click="ignore",
        data=lambda: templates.template_xlsx("plan", lang, rows, saved.division, cat),
        file_name=ui.tr("file.plan") + ".xlsx", icon=":material/download:")
    cols[1].download_button(
        ui.tr("eval.template") + " (CSV)", key="plan_template_csv", on_click="ignore",
        data=templates.template_csv("plan", lang, rows), mime="text/csv",
        file_name=ui.tr("file.plan") + ".csv", icon=":material/download:")


def upload(chosen: Scenario, saved: ScenarioInputs) -> None:
    file = st.file_uploader(ui.tr("eval.upload"), type=["csv", "xlsx"], key="plan_upload")
    if file is None:
        return
    result = uploads.imported(file, "plan", saved, (chosen.id, chosen.current_version),
                              "plan_problems")
    if result is None:
        return
    p = result.preview
    st.markdown(ui.tr("eval.preview", added=len(p.added), changed=len(p.changed),
                      removed=len(p.removed)))
    for line in result.report.lines(ui.lang()):
        st.caption(line)
    if st.button(ui.tr("eval.save_upload"), key="plan_upload_save", type="primary",
                 disabled=p.is_empty):
        save(chosen, result.inputs, ui.tr("eval.import_message", file=file.name))


def editor(chosen: Scenario, saved: ScenarioInputs, locked: bool) -> None:
    lang, cat = ui.lang(), ui.catalogue()
    shown = ev_views.plan_editor_frame(saved, cat, lang)
    names = list(ev_views.municipality_names(saved).values())
    services = list(ev_views.service_names(cat, lang).values())
    label = {c: plan_views.column_label(c, lang, cat) for c in shown.columns}
    label["service"] = ui.tr("eval.column.service")
    edited = st.data_editor(
        shown, key=f"plan_editor_{chosen.id}_{chosen.current_version}", hide_index=True,
        num_rows="dynamic", disabled=locked, width="stretch",
        column_config={
            "municipality": st.column_config.SelectboxColumn(label["municipality"],
                                                             options=names, required=True),
            "service": st.column_config.SelectboxColumn(label["service"], options=services,
                                                        required=True),
            "places": st.column_config.NumberColumn(label["places"], min_value=0, step=1),
            "facilities": st.column_config.NumberColumn(label["facilities"], min_value=0,
                                                        step=1),
            "investment_eur": st.column_config.NumberColumn(label["investment_eur"],
                                                            min_value=0, format="localized"),
        })
    if locked:
        return
    new = ev_views.plan_from_editor(saved, edited, cat, lang)
    problems = [p for p in new.problems(cat) if p.section == "plan"]
    for lines in plan_views.problem_lines(problems, lang, cat).values():
        for line in lines:
            st.error(line, icon=":material/error:")
    if st.button(ui.tr("eval.save_edits"), key="plan_edit_save",
                 disabled=bool(problems) or new.given_plan == saved.given_plan):
        save(chosen, new, ui.tr("eval.edit_message"))


def show(evaluation, saved: ScenarioInputs) -> None:
    lang, cat = ui.lang(), ui.catalogue()
    st.subheader(ui.tr("eval.figures"))
    figures = ev_views.figures_frame(evaluation, lang)
    st.dataframe(figures, hide_index=True, key="eval_figures",
                 height=ui.ROW_PX * (len(figures) + 1) + 3)
    st.caption(ui.tr("eval.money_note"))
    below = int((~evaluation.sites["viable"]).sum())
    if below:
        st.warning(ui.tr("eval.below_viable", n=below), icon=":material/warning:")
    st.subheader(ui.tr("eval.change"))
    if evaluation.change is None:
        st.success(ui.tr("eval.no_change"), icon=":material/check_circle:")
    else:
        c = evaluation.change
        gained = (evaluation.given.totals["unserved_persons"]
                  - c.solution.totals["unserved_persons"])
        st.markdown(ui.tr("eval.change_summary", added=c.added, removed=c.removed,
                          moved=c.moved, gained=round(gained)))
        ui.table(ev_views.change_frame(evaluation, saved, cat, lang), key="eval_change")
    st.subheader(ui.tr("eval.budget"))
    ui.table(ev_views.budget_frame(evaluation, lang), key="eval_budget")
    st.subheader(ui.tr("eval.sites"))
    ui.table(ev_views.sites_frame(evaluation, saved, cat, lang), key="eval_sites")
    st.subheader(ui.tr("eval.unmet"))
    ui.table(ev_views.unmet_cause_frame(evaluation, lang), key="eval_unmet")


def main() -> None:
    chosen = plan.open_scenario("eval.title", "eval.caption")
    if chosen is None:
        return
    with ui.guard() as attempt:
        with ui.db_session() as session:
            saved = scenario.load_inputs(session=session, actor=plan.actor(),
                                         scenario_id=chosen.id)
    if attempt.failed:
        return
    locked = not can(plan.actor(), Action.EDIT, chosen)
    st.subheader(ui.tr("eval.plan"))
    if locked:
        st.info(ui.tr("eval.read_only"), icon=":material/lock:")
    if saved.given_plan:
        st.caption(ui.tr("eval.plan_rows", n=len(saved.given_plan),
                         places=sum(r[2] for r in saved.given_plan)))
    else:
        st.info(ui.tr("eval.no_plan"), icon=":material/info:")
    template_buttons(saved)
    if not locked:
        upload(chosen, saved)
    editor(chosen, saved, locked)
    key = (chosen.id, chosen.current_version)
    with st.form("eval_form"):
        more = st.number_input(ui.tr("eval.more"), min_value=0, value=0, step=1,
                               key="eval_more", help=ui.tr("eval.more_help"))
        run = st.form_submit_button(ui.tr("eval.run"), type="primary",
                                    icon=":material/fact_check:",
                                    disabled=not saved.given_plan)
    if run:
        with st.spinner(ui.tr("eval.running")):
            with ui.guard() as attempt:
                st.session_state[RESULT_KEY] = (key, evaluate_given(
                    saved, ui.catalogue(), more=int(more) or None))
            if attempt.failed:
                return
    stored = st.session_state.get(RESULT_KEY)
    if stored is not None and stored[0] == key:
        show(stored[1], saved)


main()
