"""Data and sources page: what the embedded dataset holds, its status, method and licences."""

from __future__ import annotations

import streamlit as st

from pages import _shared as ui
from planning import i18n
from planning.domain import geo
from planning.views import reference_views as views


def main() -> None:
    lang, division = ui.lang(), ui.division()
    st.title(i18n.t("about.title", lang))
    st.caption(i18n.t("about.intro", lang))
    ui.illustrative_notice()

    st.subheader(i18n.t("about.datasets", lang))
    st.dataframe(
        views.datasets_overview(division, lang),
        hide_index=True,
        key="about_datasets",
        column_config={
            "dataset": i18n.t("about.col.dataset", lang),
            "rows": st.column_config.NumberColumn(i18n.t("about.col.rows", lang)),
            "status": st.column_config.TextColumn(i18n.t("about.col.status", lang), width="large"),
            "source": i18n.t("col.source", lang),
        },
    )

    st.subheader(i18n.t("about.needs_method", lang))
    st.markdown(i18n.t("about.needs_method_text", lang))
    st.dataframe(
        views.needs_method_table(lang, ui.catalogue()),
        hide_index=True,
        key="about_needs_method",
        column_config={
            "group": i18n.t("about.col.group", lang),
            "assessed": st.column_config.NumberColumn(
                i18n.t("about.col.assessed", lang), format="localized"
            ),
            "assessed_source": i18n.t("col.source", lang),
            "eligible": st.column_config.NumberColumn(
                i18n.t("about.col.eligible", lang), format="localized"
            ),
            "eligible_source": i18n.t("col.source", lang),
        },
    )

    st.subheader(i18n.t("about.norms", lang))
    st.dataframe(
        views.norms_table(lang, ui.catalogue()),
        hide_index=True,
        height=420,
        key="about_norms",
        column_config={
            "service": i18n.t("col.service", lang),
            "norm": i18n.t("about.col.norm", lang),
            "value": st.column_config.NumberColumn(i18n.t("about.col.value", lang)),
            "source": i18n.t("col.source", lang),
        },
    )

    st.subheader(i18n.t("about.licence", lang))
    st.markdown(i18n.t("about.licence_text", lang))
    ui.attribution_line("amcharts")
    st.caption(geo.BOUNDARY_ATTRIBUTION["naturalearth"])


main()
