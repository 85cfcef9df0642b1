"""What became of a robust plan and, when done, its persons unserved and regret."""

from __future__ import annotations

import streamlit as st

from pages import _plan as plan
from pages import _shared as ui
from planning import i18n
from planning.store.sweeps import RobustView
from planning.views import sweep_tables as tables


def section(run: RobustView) -> None:
    lang = ui.lang()
    st.caption(ui.tr(f"robust.status.{run.status}", done=run.done, total=run.total,
                     version=run.version, scenarios=i18n.fmt_int(run.spec.scenarios, lang),
                     cv=i18n.fmt_number(run.spec.cv, lang, 2),
                     author=ui.literal(run.created_by),
                     when=i18n.fmt_datetime(run.created_at, lang),
                     error=ui.literal(run.error or "")))
    if run.result is None:
        return
    shown = tables.robust_figures(run.result, lang)
    plan.cards(shown, per_row=len(shown))
    st.caption(ui.tr("robust.assessed", **tables.robust_assessed(run.result, lang)))
