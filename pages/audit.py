"""Audit trail: who changed or decided what, when, with the values before and after.
Visible to the region's management group (its region) and the ministry (all)."""

from __future__ import annotations

import streamlit as st

from pages import _shared as ui
from planning.domain.roles import Role
from planning.store import audit, published


def main() -> None:
    st.title(ui.tr("audit.title"))
    st.caption(ui.tr("audit.intro"))
    if not ui.requires(Role.MANAGEMENT_GROUP, Role.MINISTRY, Role.ADMIN):
        return
    who, lang = ui.actor(), ui.lang()
    with ui.db_session() as session:
        scenarios = published.audited_scenarios(session=session, actor=who)
        chosen = st.selectbox(ui.tr("audit.scenario"), options=[None, *scenarios],
                              format_func=lambda s: ui.tr("audit.all") if s is None else
                              f"{s.name} — {published.region_label(s.region, lang)}",
                              key="audit_scenario")
        events = audit.list_events(session=session, actor=who, scenario=chosen)
    frame = published.audit_frame(events, lang)
    if frame.empty:
        st.caption(ui.tr("audit.empty"))
        return
    shown = frame.assign(at=frame["at"].map(ui.when))
    columns = ["at", "actor", "role", "action", "entity", "before", "after"]
    st.dataframe(shown[columns], hide_index=True, key="audit_events",
                 height=ui.table_height(len(shown), 560),
                 column_config={c: st.column_config.TextColumn(
                     ui.tr(f"col.{c}"), width="large" if c in ("before", "after") else None)
                     for c in columns})


main()
