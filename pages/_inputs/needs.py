"""The needs table (and the persons that replace it, when a scenario has them)."""

from __future__ import annotations

import streamlit as st

from pages import _shared as ui
from planning import i18n
from planning.domain.inputs import ScenarioInputs
from planning.views import plan_tables as plan_views


def editor(inputs: ScenarioInputs, key: str, locked: bool) -> ScenarioInputs:
    """The needs table; counts are text cells (a typed "-5" or "abc" stays as typed and is
    named under the table, never changed), the total recalculated after every edit."""
    cat, lang = ui.catalogue_of(inputs), ui.lang()
    shown = plan_views.entry_frame(plan_views.needs_frame(inputs, lang), ["count"], lang)
    st.caption(ui.tr("inputs.needs_help"))
    if inputs.persons:
        st.info(ui.trn("inputs.persons_replace_needs", sum(r[-1] for r in inputs.persons),
                       records=len(inputs.persons)), icon=":material/groups:")
        with st.expander(ui.tr("inputs.tab.persons")):
            ui.table(plan_views.persons_input_frame(inputs, cat, lang), key=f"{key}_persons")
    edited = st.data_editor(
        shown, key=key, num_rows="fixed" if locked else "dynamic", hide_index=True,
        disabled=True if locked else ["municipality"], height=420,
        column_config={
            "atvk_code": st.column_config.TextColumn(ui.tr("col.atvk_code"), max_chars=7),
            "municipality": st.column_config.TextColumn(ui.tr("col.municipality")),
            "group": st.column_config.SelectboxColumn(
                ui.tr("col.group"), options=list(cat.groups),
                format_func=lambda g: ui.tr(f"group.short.{g}") if g in cat.groups else g),
            "care_level": st.column_config.SelectboxColumn(
                ui.tr("col.care_level"), options=["", *cat.care_levels]),
            "service": st.column_config.SelectboxColumn(
                ui.tr("col.service"), options=list(cat.services),
                format_func=lambda s: cat.services[s].name(lang) if s in cat.services else s),
            "count": st.column_config.TextColumn(ui.tr("col.count"), alignment="right",
                                                 help=ui.tr("inputs.entry_help")),
        },
    )
    changed = plan_views.needs_from_frame(inputs, edited, lang)
    st.caption(ui.tr("inputs.needs_total",
                     count=i18n.fmt_int(plan_views.need_total(changed), lang)))
    return changed
