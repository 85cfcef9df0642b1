"""Where the data come from, folded under the tables."""

from __future__ import annotations

import streamlit as st

from pages import _shared as ui
from planning import i18n


def expander(lang: str) -> None:
    with st.expander(i18n.t("data.sources", lang), icon=":material/info:"):
        st.markdown(i18n.t("about.needs_method_text", lang))
        st.markdown(i18n.t("about.licence_text", lang))
        ui.page_link("pages/about.py", i18n.t("data.sources_more", lang), ":material/dataset:")
