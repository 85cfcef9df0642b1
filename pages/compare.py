"""Compare 2-4 scenarios side by side: key figures, places per municipality and service with
the differences, maps next to each other, charts of cost and coverage.

The selection lives in the URL (``?compare=3&compare=5``, scenario ids in the order picked),
so a comparison can be shared as a link and opens with the same scenarios; each scenario
keeps one colour (by its position) in every chart and map title. Thin: the sections are
drawn by ``pages._compare``; readers without detail rights compare public views only."""

from __future__ import annotations

import streamlit as st

from pages import _plan as plan
from pages import _shared as ui
from pages._compare import charts, difference, figures, found, maps, picker, public
from planning.domain.roles import Action, can
from planning.store import scenario
from planning.views import plan_tables as plan_views


def main() -> None:
    lang = ui.lang()
    st.title(ui.tr("compare.title"))
    st.caption(ui.tr("compare.caption"))
    with ui.guard() as attempt:
        with ui.db_session() as session:
            scenarios = scenario.list_scenarios(session=session, actor=plan.actor())
    if attempt.failed:
        return
    picked = picker.pick({s.id: s for s in scenarios}, lang)
    if len(picked) < 2:
        st.info(ui.tr("compare.need_two"), icon=":material/info:")
        return
    if not all(can(plan.actor(), Action.VIEW_DETAIL, s) for s in picked):
        with ui.guard():
            public.section(picked, lang)
        return
    with ui.guard() as attempt:
        compared, missing = found.newest_results(picked)
    if attempt.failed:
        return
    found.missing_warning(missing)
    if len(compared) < 2:
        return
    cat = ui.catalogue()
    figures.section(plan_views.key_figures_frame(compared, lang, cat))
    charts.section(compared, lang)
    maps.section(compared, lang)
    difference.section(lambda only: plan_views.difference_frame(compared, cat, lang,
                                                                only_changes=only),
                       [r.label for r in compared])


main()
