"""A plan uploaded as CSV or XLSX: refused with its cells, or previewed and saved."""

from __future__ import annotations

import streamlit as st

from pages import _shared as ui
from pages import _upload as uploads
from pages._evaluate.save import save
from planning.domain.inputs import ScenarioInputs
from planning.store.tables import Scenario


def section(chosen: Scenario, saved: ScenarioInputs) -> None:
    file = st.file_uploader(ui.tr("eval.upload"), type=["csv", "xlsx"], key="plan_upload")
    if file is None:
        return
    result = uploads.imported(file, "plan", saved, (chosen.id, chosen.current_version),
                              "plan_problems")
    if result is None:
        return
    p = result.preview
    st.markdown(ui.tr("eval.preview", added=len(p.added), changed=len(p.changed),
                      removed=len(p.removed)))
    for line in result.report.lines(ui.lang()):
        st.caption(line)
    if st.button(ui.tr("eval.save_upload"), key="plan_upload_save", type="primary",
                 disabled=p.is_empty):
        save(chosen, result.inputs, ui.tr("eval.import_message", file=file.name))
