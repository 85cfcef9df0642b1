"""The given plan as an editable table, by names; every bad cell named before saving."""

from __future__ import annotations

import streamlit as st

from pages import _shared as ui
from pages._evaluate.save import save
from planning.domain.inputs import ScenarioInputs
from planning.store.tables import Scenario
from planning.views import evaluation_tables as ev_views
from planning.views import plan_tables as plan_views


def section(chosen: Scenario, saved: ScenarioInputs, locked: bool) -> None:
    lang, cat = ui.lang(), ui.catalogue_of(saved)
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
    problems = ev_views.plan_problems(new, cat)
    for lines in plan_views.problem_lines(problems, lang, cat).values():
        for line in lines:
            st.error(line, icon=":material/error:")
    if st.button(ui.tr("eval.save_edits"), key="plan_edit_save",
                 disabled=bool(problems) or new.given_plan == saved.given_plan):
        save(chosen, new, ui.tr("eval.edit_message"))
