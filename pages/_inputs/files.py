"""Files: templates pre-filled with the version's rows, and an upload with a preview and an
all-or-nothing apply."""

from __future__ import annotations

import streamlit as st

from pages import _shared as ui
from pages import _upload as uploads
from pages._inputs.save_bar import save
from planning import i18n
from planning.domain.inputs import ScenarioInputs
from planning.io import templates
from planning.store.tables import Scenario

IMPORT_KINDS = ("needs", "persons", "norms", "services", "sites", "travel")
PER_ROW = 3  # download buttons: kinds per row (XLSX and CSV each)


def files(chosen: Scenario, base: int, saved: ScenarioInputs, locked: bool) -> None:
    with st.expander(ui.tr("inputs.files"), icon=":material/upload_file:"):
        downloads(base, saved)
        if not locked:
            upload(chosen, base, saved)


def downloads(base: int, saved: ScenarioInputs) -> None:
    lang = ui.lang()
    for start in range(0, len(IMPORT_KINDS), PER_ROW):
        cols = st.columns(PER_ROW * 2)
        for i, kind in enumerate(IMPORT_KINDS[start:start + PER_ROW]):
            download(kind, cols[2 * i], cols[2 * i + 1], base, saved, lang)


def download(kind: str, xlsx_col, csv_col, base: int, saved: ScenarioInputs,
             lang: str) -> None:
    """The kind's template with the version's rows, as XLSX and CSV."""
    rows = templates.current_rows(kind, saved, ui.catalogue_of(saved), lang)
    xlsx_col.download_button(
        ui.tr(f"inputs.download_{kind}") + " (XLSX)",
        data=lambda: templates.template_xlsx(kind, lang, rows, saved.division,
                                             ui.catalogue_of(saved)),
        file_name=f"{kind}_v{base}.xlsx", key=f"download_{kind}_xlsx",
        on_click="ignore", icon=":material/download:")
    csv_col.download_button(
        ui.tr(f"inputs.download_{kind}") + " (CSV)",
        data=templates.template_csv(kind, lang, rows),
        file_name=f"{kind}_v{base}.csv", mime="text/csv", key=f"download_{kind}_csv",
        on_click="ignore", icon=":material/download:")


def upload(chosen: Scenario, base: int, saved: ScenarioInputs) -> None:
    kind = st.radio(ui.tr("inputs.upload_kind"), IMPORT_KINDS, horizontal=True,
                    key="upload_kind", format_func=lambda k: ui.tr(f"inputs.tab.{k}"))
    file = st.file_uploader(ui.tr("inputs.upload"), type=["csv", "xlsx"], key="upload_file")
    if file is None:
        return
    result = uploads.imported(file, kind, saved, (chosen.id, base), "upload_problems")
    if result is None:
        return
    preview = result.preview
    for note in result.report.notes:
        st.caption(ui.literal(i18n.render(note, ui.lang())))
    st.markdown(ui.tr("inputs.upload_preview", added=len(preview.added),
                      changed=len(preview.changed), removed=len(preview.removed)))
    for name in ("added", "changed", "removed"):
        part = getattr(preview, name)
        if not part.empty:
            st.caption(ui.tr(f"inputs.preview_{name}"))
            st.dataframe(part.head(200), hide_index=True, key=f"preview_{name}")
    confirmed = True
    if result.empties_table:
        st.warning(ui.tr("inputs.upload_empties"), icon=":material/warning:")
        confirmed = st.checkbox(ui.tr("inputs.upload_empties_confirm"),
                                key="upload_empties_confirm")
    if result.inputs is not None and confirmed and st.button(
            ui.tr("inputs.upload_apply"), key="upload_apply", type="primary",
            disabled=preview.is_empty):
        save(chosen, base, result.inputs, ui.tr("inputs.import_message", file=file.name))
