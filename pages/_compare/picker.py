"""The scenario picker, kept in the URL (``?compare=3&compare=5``, ids in the order picked) so
a comparison can be shared as a link and opens with the same scenarios."""

from __future__ import annotations

import streamlit as st

from pages import _shared as ui
from planning.store.tables import Scenario
from planning.views import plan_tables as plan_views

MAX_COMPARED = 4
PICK_KEY = "compare_pick"
URL_KEY = "compare"


def selection_to_url() -> None:
    """Keep ``?compare=`` equal to the picked scenarios: called on a change of the picker
    only (writing the URL on the first run of a page opened from a link would make
    Streamlit lose the page it was opened on)."""
    picked = st.session_state.get(PICK_KEY) or []
    if picked:
        st.query_params[URL_KEY] = [str(i) for i in picked]
    else:
        st.query_params.pop(URL_KEY, None)


def pick(by_id: dict[int, Scenario], lang: str) -> list[Scenario]:
    """The picked scenarios, in their order; at first those of the link the reader may see."""
    if PICK_KEY not in st.session_state:
        st.session_state[PICK_KEY] = plan_views.picked_ids(
            st.query_params.get_all(URL_KEY), by_id, MAX_COMPARED)
    picked = st.multiselect(ui.tr("compare.pick"), list(by_id), key=PICK_KEY,
                            max_selections=MAX_COMPARED, on_change=selection_to_url,
                            format_func=lambda i: plan_views.scenario_label(by_id[i], lang),
                            placeholder=ui.tr("compare.placeholder"))
    return [by_id[i] for i in picked]
