"""What changed: since the consulted version, and since the previous submission."""

from __future__ import annotations

import streamlit as st

from pages import _lifecycle as shared
from pages import _shared as ui
from planning.store import review
from planning.views import plan_tables as plan_views


def changes(dossier: review.ReviewDossier) -> None:
    n, gap = dossier.plan.version, dossier.since_consultation
    if gap is not None and not gap.unchanged:
        what = plan_views.diff_summary(gap, ui.lang())
        st.warning(ui.tr("review.unconsulted", n=n, consulted=dossier.consulted, what=what),
                   icon=":material/difference:")
        st.markdown(f"**{ui.tr('review.since_consultation', n=dossier.consulted)}**")
        shared.diff_table(gap, key="review_since_consultation")
    elif dossier.consulted is not None:
        st.success(ui.tr("review.consulted_same", n=dossier.consulted), icon=":material/forum:")
    if dossier.previous is None:
        st.caption(ui.tr("review.first_submission"))
        return
    st.markdown(f"**{ui.tr('review.since_previous', n=dossier.previous)}**")
    shared.diff_table(dossier.since_previous, key="review_since_previous")
