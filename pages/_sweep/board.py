"""The process's board of background sweeps and robust plans."""

from __future__ import annotations

import streamlit as st

from pages import _shared as ui
from planning.domain.config import get_settings
from planning.store.sweeps import SweepBoard


@st.cache_resource(show_spinner=False)
def _board(url: str) -> SweepBoard:
    return SweepBoard(ui.engine())


def board() -> SweepBoard:
    """The board of the database the app uses."""
    return _board(get_settings().database_url)
