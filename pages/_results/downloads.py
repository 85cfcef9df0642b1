"""The plan's downloads: workbook, CSV, GeoJSON, GeoPackage, the report as PDF and DOCX."""

from __future__ import annotations

import streamlit as st

from pages import _plan as plan
from pages import _shared as ui
from planning.domain.public_plan import PublicPlan
from planning.io import exports, plan_files
from planning.store import consultation
from planning.store.tables import Scenario


def section(chosen: Scenario, number: int, doc: exports.Plan | PublicPlan, lang: str) -> None:
    stem = plan_files.file_stem(chosen.name, number)
    with ui.db_session() as session:
        record = consultation.latest_record(session=session, actor=plan.actor(),
                                            scenario_id=chosen.id)
    st.subheader(ui.tr("results.downloads"), divider="gray")
    if isinstance(doc, PublicPlan):
        st.caption(ui.tr("results.public_note"))
    styles = list(exports.CSV_STYLES)
    style = st.radio(ui.tr("results.csv_style"), styles, horizontal=True,
                     index=styles.index(exports.default_csv_style(lang)),
                     format_func=lambda s: ui.tr(f"results.csv_style.{s}"),
                     help=ui.tr("results.csv_style_help"), key="download_csv_style")
    files = plan_files.plan_files(doc, lang=lang, style=style, consultation=record)
    cols = st.columns(3)  # two files each: the tables, the map layers, the report
    for i, file in enumerate(files):
        cols[i // 2].download_button(
            ui.tr(f"results.download.{file.ext}"), data=file.make, mime=file.mime,
            file_name=f"{stem}.{file.ext}", key=f"download_{file.ext}", on_click="ignore",
            icon=":material/download:", width="stretch")
