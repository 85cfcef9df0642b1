"""What the plan-lifecycle pages share: the consultation record, municipal responses, a
diff of two versions. Not a page. Data come from ``planning.store.consultation`` and
``planning.store.review``; frames from ``planning.views.plan_tables``."""

from __future__ import annotations

import streamlit as st

from pages import _shared as ui
from planning import i18n
from planning.store.consultation import ConsultationReport
from planning.store.review import ResponseSummary, local_time
from planning.store.scenario import VersionDiff
from planning.views import plan_tables as plan_views


def diff_table(diff: VersionDiff | None, *, key: str) -> None:
    """The changes of ``diff`` (names, not codes), or 'nothing changed'."""
    if diff is None or diff.unchanged:
        st.caption(ui.tr("review.no_change"))
        return
    ui.table(plan_views.diff_frame(diff, ui.lang(), ui.catalogue()), key=key)


def consultation_record(record: ConsultationReport, *, key: str) -> None:
    """The record of one consultation: period, every published comment with its answer and
    decision, and what changed after it."""
    lang = ui.lang()
    st.subheader(ui.tr("record.title"), divider="gray")
    if record.start and record.end:
        st.caption(ui.tr("record.period", n=record.version,
                         start=i18n.fmt_date(record.start, lang),
                         end=i18n.fmt_date(record.end, lang)))
    if record.closed_at is not None:
        st.caption(ui.tr("record.closed", when=local_time(record.closed_at, lang)))
    shown = record.comments[record.comments["moderation"] == "published"]
    if shown.empty:
        st.caption(ui.tr("record.none"))
    else:
        st.caption(ui.tr("record.counts", total=len(shown),
                         answered=int(shown["answer"].notna().sum())))
    for c in shown.itertuples():
        ui.comment_card(c.name, c.organisation, c.created_at, c.text, c.answer,
                        c.decision if isinstance(c.decision, str) else None)
    if record.followed_by is None:
        return
    st.markdown(f"**{ui.tr('record.changes', n=record.followed_by)}**")
    if record.changes:
        ui.table(plan_views.changes_frame(record.changes, lang, ui.catalogue()),
                   key=f"{key}_changes")
    elif not record.hidden_changes:
        st.caption(ui.tr("record.no_changes"))
    if record.hidden_changes:
        st.caption(ui.tr("record.hidden", n=record.hidden_changes))


def responses(summary: ResponseSummary | None, *, key: str) -> None:
    """Counts of disputed, confirmed and waiting allocations, then the table."""
    st.subheader(ui.tr("life.responses"), divider="gray")
    if summary is None or summary.frame.empty:
        st.caption(ui.tr("life.responses_none"))
        return
    text = ui.tr("life.responses_counts", disputed=summary.disputed,
                 confirmed=summary.confirmed, waiting=summary.waiting)
    (st.warning if summary.disputed else st.info)(text, icon=":material/location_city:")
    frame = plan_views.responses_frame(summary.frame, ui.lang())
    st.dataframe(frame, hide_index=True, key=key, height=ui.table_height(len(frame), 460),
                 column_config={c: st.column_config.NumberColumn(ui.tr(f"col.{c}"))
                                if c == "new_places" else st.column_config.TextColumn(
                                    ui.tr(f"col.{c}"), width="large" if c == "comment" else None)
                                for c in frame.columns})
