"""Plan approval for ministry reviewers: every region's plans; for a submitted plan what a
reviewer decides on (key figures, changes since the consultation and since the previous
submission, the consultation record, the municipalities' answers, the PDF), then approve
it or return it with a reason. Nothing here edits a region's inputs. The sections live in
``pages/_review/``."""

from __future__ import annotations

import streamlit as st

from pages import _shared as ui
from pages._review.decide import decide, done
from pages._review.dossier import dossier_view
from planning.domain.roles import Role
from planning.store import published


def main() -> None:
    st.title(ui.tr("review.title"))
    st.caption(ui.tr("review.intro"))
    if not ui.requires(Role.MINISTRY):
        return
    done()
    lang, who = ui.lang(), ui.actor()
    with ui.db_session() as session:
        plans = published.regional_plans(session=session, actor=who)
    st.subheader(ui.tr("review.all"))
    ui.table(published.plans_frame(plans, lang), ["plan", "region", "version", "status",
                                                  "start", "end"], key="review_all")
    submitted = [p for p in plans if p.status == "submitted"]
    st.subheader(ui.tr("review.submitted"))
    if not submitted:
        st.info(ui.tr("review.none"), icon=":material/inbox:")
        return
    plan = ui.plan_selector(submitted, key="review_plan")
    ui.plan_caption(plan)
    dossier_view(plan)
    decide(plan)


main()
