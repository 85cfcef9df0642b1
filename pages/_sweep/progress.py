"""A background job's progress, polled by a fragment, with a button to cancel it; the whole
page reruns when the job ends."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

import streamlit as st

from pages import _shared as ui

POLL_SECONDS = 1.0


class Job(Protocol):
    running: bool
    done: int
    total: int


def follow(read: Callable[[], Job], cancel: Callable[[], object], *, text: str,
           cancel_label: str, key: str) -> None:
    """Poll ``read()`` every :data:`POLL_SECONDS`; ``text`` (a plural catalogue id, given
    ``total``) says how far it is; the button ``cancel_label`` (widget ``key``) calls
    ``cancel()``."""

    @st.fragment(run_every=POLL_SECONDS)
    def poll() -> None:
        now = read()
        if not now.running:
            st.rerun(scope="app")
        st.progress(now.done / max(now.total, 1), text=ui.trn(text, now.done, total=now.total))
        if st.button(ui.tr(cancel_label), icon=":material/stop:", key=key):
            cancel()

    poll()
