"""The sweep's form: grid or each lever alone, one or two levers with their values, start."""

from __future__ import annotations

import streamlit as st

from pages import _plan as plan
from pages import _shared as ui
from pages._sweep.board import board
from planning.domain import geo
from planning.domain.sweeps import levers
from planning.store.tables import Scenario
from planning.views import sweep_tables as tables


def section(chosen: Scenario, budget_eur: float, disabled: bool) -> None:
    lang, cat = ui.lang(), ui.catalogue()
    options = [lv.key for lv in levers(cat, chosen.region, list(geo.REGIONS))]
    alone = st.radio(ui.tr("sweep.mode"), [False, True], horizontal=True, key="sweep_mode",
                     format_func=lambda a: ui.tr(f"sweep.mode.{'alone' if a else 'grid'}"))
    axes_text = []
    for n, default in ((1, "budget"), (2, None)):
        cols = st.columns([1, 2])
        choices = options if n == 1 else ["", *options]
        key = cols[0].selectbox(ui.tr("sweep.lever", n=n), choices, key=f"sweep_lever{n}",
                                index=choices.index(default) if default else 0,
                                format_func=lambda k: tables.lever_label(k, lang, cat) if k
                                else ui.tr("sweep.none"))
        if key:
            text = cols[1].text_input(ui.tr("sweep.values"), key=f"sweep_values{n}_{key}",
                                      value=tables.default_values(key, budget_eur, lang),
                                      help=ui.tr("sweep.values_help"))
            axes_text.append((key, text))
    if st.button(ui.tr("sweep.start", version=chosen.current_version), type="primary",
                 icon=":material/play_arrow:", disabled=disabled):
        with ui.guard() as attempt:
            spec = tables.sweep_spec(axes_text, one_at_a_time=alone, lang=lang, catalogue=cat)
            board().start(plan.actor(), scenario_id=chosen.id,
                          version=chosen.current_version, spec=spec)
        if not attempt.failed:
            st.rerun()
