"""What became of a sweep: done, cancelled or failed, by whom and when."""

from __future__ import annotations

import streamlit as st

from pages import _shared as ui
from planning import i18n
from planning.store.sweeps import SweepView


def caption(sweep: SweepView) -> None:
    st.caption(ui.tr(f"sweep.status.{sweep.status}", done=sweep.done, total=sweep.total,
                     version=sweep.version, author=ui.literal(sweep.created_by),
                     when=i18n.fmt_datetime(sweep.created_at, ui.lang()),
                     error=ui.literal(sweep.error or "")))
