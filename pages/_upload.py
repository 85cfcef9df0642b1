"""An uploaded table read once per file and scenario version, shared by the inputs page and
the evaluation page: a refused file shows its problems (where and how to fix) and nothing
changes."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from pages import _shared as ui
from planning.domain.inputs import ScenarioInputs
from planning.io import imports
from planning.io.problems import ImportRejected

PARSED_KEY = "upload_parsed"


def parsed(upload, kind: str, saved: ScenarioInputs, version: tuple[int, int]
           ) -> imports.ImportResult:
    """The import of ``upload`` as ``kind``, parsed once per file and version (a rerun of
    the page reuses it); raises its ``ImportRejected`` again when it was refused."""
    key = (upload.file_id, kind, version)
    cached = st.session_state.get(PARSED_KEY)
    if cached is None or cached[0] != key:
        try:
            outcome = imports.import_table(upload.getvalue(), upload.name, kind, inputs=saved,
                                           catalogue=ui.catalogue_of(saved))
        except ImportRejected as exc:
            outcome = exc
        st.session_state[PARSED_KEY] = cached = (key, outcome)
    if isinstance(cached[1], ImportRejected):
        raise cached[1]
    return cached[1]


def imported(upload, kind: str, saved: ScenarioInputs, version: tuple[int, int], key: str
             ) -> imports.ImportResult | None:
    """The import of ``upload``, or None when it was refused (its problems shown in a table
    under ``key``) or could not be read."""
    with ui.guard():
        try:
            return parsed(upload, kind, saved, version)
        except ImportRejected as exc:
            st.error(ui.trn("inputs.upload_rejected", len(exc.problems),
                            file=ui.literal(upload.name)), icon=":material/block:")
            st.dataframe(pd.DataFrame(exc.table(ui.lang())), hide_index=True, key=key)
    return None
