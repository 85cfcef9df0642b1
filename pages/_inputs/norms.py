"""The norms table: a cost preset, then the norms per service as text cells."""

from __future__ import annotations

import streamlit as st

from pages import _shared as ui
from planning import i18n
from planning.domain.inputs import ScenarioInputs
from planning.views import plan_tables as plan_views


def editor(inputs: ScenarioInputs, key: str, locked: bool) -> ScenarioInputs:
    cat, lang = ui.catalogue_of(inputs), ui.lang()
    presets = list(cat.presets)
    preset = st.radio(ui.tr("inputs.preset"), presets, index=presets.index(inputs.preset),
                      key=f"{key}_preset", horizontal=True, disabled=locked,
                      format_func=lambda p: i18n.localized(cat.presets[p], lang),
                      help=ui.tr("inputs.preset_help"))
    numbers = [n for n in plan_views.norms_frame(inputs, cat, lang).columns if n != "service"]
    shown = plan_views.entry_frame(plan_views.norms_frame(inputs, cat, lang), numbers, lang)
    config = {n: st.column_config.TextColumn(ui.tr(f"norm.{n}"), alignment="right",
                                             help=ui.tr("inputs.entry_help")) for n in numbers}
    config["service"] = st.column_config.TextColumn(ui.tr("col.service"))
    edited = st.data_editor(shown, key=key, hide_index=True, disabled=True if locked
                            else ["service"], column_config=config)
    changed = plan_views.norms_from_frame(inputs, shown, edited, cat, preset, lang)
    added = [s.name(lang) for s in cat.services.values() if s.user]
    if added:
        st.caption(ui.tr("services.in_norms", names=", ".join(added)))
    if changed.preset != inputs.preset:
        st.caption(ui.tr("inputs.preset_changed"))
    return changed
