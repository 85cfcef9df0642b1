"""The editor's tabs, each labelled with the problems it holds and listing them."""

from __future__ import annotations

import streamlit as st

from pages import _shared as ui

TABS = ("needs", "services", "norms", "budgets", "limits", "sites", "rules", "settings")
ACTIVE_TAB_KEY = "inputs_active_tab"
TABS_KEY = "inputs_tabs"
MARKS_KEY = "inputs_tab_marks"
SHOWN_PROBLEMS = 12


def tab_label(tab: str, problems: int) -> str:
    """A tab's label; with its number of problems in red when it holds any."""
    label = ui.tr(f"inputs.tab.{tab}")
    return f"{label} :red[:material/error: {problems}]" if problems else label


def editor_tabs(prefix: str) -> dict[str, object]:
    """The editor's tabs, labelled with the problems they held at the end of the last run
    (:func:`mark_tabs`); the open tab stays open when a label changes."""
    marks = st.session_state.get(MARKS_KEY, {}).get(prefix, {})
    labels = {tab: tab_label(tab, marks.get(tab, 0)) for tab in TABS}
    by_label = {label: tab for tab, label in labels.items()}

    def remember() -> None:
        st.session_state[ACTIVE_TAB_KEY] = by_label.get(st.session_state.get(TABS_KEY), "needs")

    active = st.session_state.get(ACTIVE_TAB_KEY, "needs")
    shown = st.tabs(list(labels.values()), key=TABS_KEY, on_change=remember,
                    default=labels.get(active, labels["needs"]))
    return dict(zip(TABS, shown, strict=True))


def problems_here(lines: dict[str, list[str]], tab: str) -> None:
    found = lines.get(tab, [])
    if found:
        shown = "\n".join(f"- {ui.literal(line)}" for line in found[:SHOWN_PROBLEMS])
        more = len(found) - SHOWN_PROBLEMS
        if more > 0:
            shown += "\n- " + ui.tr("inputs.more_problems", n=more)
        st.error(ui.trn("inputs.problems", len(found)) + "\n\n" + shown,
                 icon=":material/block:")


def show_problems(tabs: dict[str, object], prefix: str, lines: dict[str, list[str]]) -> None:
    """Each tab's problems under its table, and the labels kept for the next run."""
    for tab in TABS:
        with tabs[tab]:
            problems_here(lines, tab)
    mark_tabs(prefix, {tab: len(found) for tab, found in lines.items()})


def mark_tabs(prefix: str, marks: dict[str, int]) -> None:
    """Keep the problems per tab for the labels; run the page again when they changed, so a
    tab shows at once that it holds errors (or no longer does)."""
    known = st.session_state.setdefault(MARKS_KEY, {})
    if known.get(prefix, {}) != marks:
        known[prefix] = marks
        st.rerun()
