"""Settings: equity floor, cost contingency, mentors' ratio and hourly rate, the plan's
years and the project funding of the new facilities' running cost."""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from pages import _shared as ui
from planning.domain.horizon import FIRST_YEAR, LAST_YEAR
from planning.domain.inputs import ScenarioInputs
from planning.views import plan_tables as plan_views


def editor(inputs: ScenarioInputs, key: str, locked: bool) -> ScenarioInputs:
    cat = ui.catalogue()
    mentor = plan_views.mentor_values(inputs, cat)
    cols = st.columns(4)
    floor = cols[0].number_input(ui.tr("inputs.equity_floor"), value=inputs.equity_floor,
                                 step=0.05, format="%.2f", key=f"{key}_floor", disabled=locked,
                                 help=ui.tr("inputs.equity_floor_help"))
    contingency = cols[1].number_input(
        ui.tr("inputs.contingency"), value=inputs.cost_contingency, step=0.05, format="%.2f",
        key=f"{key}_contingency", disabled=locked, help=ui.tr("inputs.contingency_help"))
    ratio = cols[2].number_input(ui.tr("inputs.mentor_ratio"),
                                 value=mentor["clients_per_mentor"], step=1.0,
                                 key=f"{key}_mentor_ratio", disabled=locked)
    rate = cols[3].number_input(ui.tr("inputs.mentor_rate"), value=mentor["hourly_rate"],
                                step=0.5, key=f"{key}_mentor_rate", disabled=locked)
    changed = plan_views.with_settings(inputs, cat, equity_floor=floor,
                                       cost_contingency=contingency, clients_per_mentor=ratio,
                                       hourly_rate=rate)
    return with_years(changed, key, locked)


def with_years(inputs: ScenarioInputs, key: str, locked: bool) -> ScenarioInputs:
    """The plan's first and last year (the results page phases the plan over them); unset
    years stay unset while the fields show the default."""
    shown = inputs.horizon()
    cols = st.columns(4)
    first = cols[0].number_input(ui.tr("results.years.first"), FIRST_YEAR, LAST_YEAR,
                                 shown.first_year, step=1, key=f"{key}_first_year",
                                 disabled=locked, help=ui.tr("inputs.years_help"))
    last = cols[1].number_input(ui.tr("results.years.last"), FIRST_YEAR, LAST_YEAR, shown.last_year,
                                step=1, key=f"{key}_last_year", disabled=locked)
    share = cols[2].number_input(ui.tr("inputs.funded_share"),
                                 value=inputs.running_funded_share, step=0.05, format="%.2f",
                                 key=f"{key}_funded_share", disabled=locked,
                                 help=ui.tr("inputs.funded_share_help"))
    until = cols[3].number_input(ui.tr("inputs.funded_until"), value=inputs.running_funded_until,
                                 step=1, key=f"{key}_funded_until", disabled=locked,
                                 help=ui.tr("inputs.funded_until_help"))
    inputs = replace(inputs, running_funded_share=None if share is None else float(share),
                     running_funded_until=None if until is None else int(until))
    if (first, last) == (shown.first_year, shown.last_year):
        return inputs
    return replace(inputs, plan_years=(int(first), int(last)))
