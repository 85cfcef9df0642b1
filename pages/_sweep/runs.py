"""The picker of finished runs (sweeps or robust plans), newest first."""

from __future__ import annotations

import streamlit as st

from pages import _shared as ui
from planning import i18n


def pick(finished: list, *, label: str, history: str, key: str, lang: str):
    """The run picked among ``finished`` (None when there is none), each named by ``label``
    (a catalogue id given ``id``, ``version`` and ``when``) under the title ``history``."""
    if not finished:
        return None
    return st.selectbox(ui.tr(history), finished, key=key,
                        format_func=lambda s: ui.tr(label, id=s.id, version=s.version,
                                                    when=i18n.fmt_datetime(s.created_at,
                                                                           lang)))
