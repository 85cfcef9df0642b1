"""Why the result is what it is: what binds and, on request, what more money would buy."""

from __future__ import annotations

import streamlit as st

from optimizer import explain
from pages import _shared as ui
from planning.views import plan_tables as plan_views


@st.cache_data(show_spinner=False, max_entries=8)
def binding(result_id: int, _problem_json: str, _solution_json: str
            ) -> explain.Explanation | None:
    """What binds in the stored result ``result_id`` (it keys the cache; the JSON, underscored,
    is not hashed on every rerun)."""
    return plan_views.binding_from_json(_problem_json, _solution_json)


@st.cache_data(show_spinner=False, max_entries=8)
def explanation(result_id: int, _problem_json: str, _solution_json: str) -> explain.Explanation:
    """The whole explanation of the stored result ``result_id`` (it keys the cache)."""
    return plan_views.explanation_from_json(_problem_json, _solution_json)


def section(row, lang: str) -> None:
    """``row``: the stored result (its id, instance and solution)."""
    st.subheader(ui.tr("results.why"), divider="gray")
    binds = binding(row.id, row.problem_json, row.solution_json)
    if binds is None:
        st.caption(ui.tr("results.no_problem"))
        return
    lines = plan_views.explanation_lines(binds, lang, ui.catalogue())
    for line in lines or [ui.tr("results.nothing_binds")]:
        st.markdown(f"- {line}")
    if st.toggle(ui.tr("results.more_money"), key="results_more_money",
                 help=ui.tr("results.more_money_help")):
        with st.spinner(ui.tr("results.explaining")):
            full = explanation(row.id, row.problem_json, row.solution_json)
        for line in plan_views.beyond_binding_lines(full, lang, ui.catalogue()):
            st.markdown(f"- {line}")
