"""The comparison for readers without detail rights: public views only."""

from __future__ import annotations

import streamlit as st

from pages import _shared as ui
from pages._compare import difference, figures, found
from planning.store.tables import Scenario
from planning.views import plan_tables as plan_views


def section(chosen: list[Scenario], lang: str) -> None:
    compared, missing = found.public_results(chosen)
    found.missing_warning(missing)
    if len(compared) < 2:
        return
    st.caption(ui.tr("plan.privacy"))
    figures.section(plan_views.public_key_figures_frame(compared, lang, ui.catalogue()),
                    note=False)
    difference.section(lambda only: plan_views.public_difference_frame(
        compared, ui.catalogue(), lang, only_changes=only), [p.label for p in compared])
