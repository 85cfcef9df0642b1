"""Inputs of a scenario: needs, norms, budgets, limits, rules and settings in editable tables.

Every edit is checked on the spot with ``ScenarioInputs.problems()``; problems are listed
under the table they belong to, naming row and column, and saving is refused until none
is left. Saving writes a new version based on the version the editing started from; if
someone saved in between, the page says so and offers to reload. Files: templates to
download, an upload with a preview and an all-or-nothing apply. The sections live in
``pages/_inputs/``.
"""

from __future__ import annotations

import streamlit as st

from pages import _plan as plan
from pages import _shared as ui
from pages._inputs import (
    budgets,
    limits,
    needs,
    norms,
    rules,
    services,
    settings,
    sites,
    tabs,
    version,
)
from pages._inputs.files import files
from pages._inputs.save_bar import save_bar
from planning.domain.roles import Action, can
from planning.views import plan_tables as plan_views

# the services first: a service added in this run is one the needs and norms may name
EDITORS = {"services": services.editor, "needs": needs.editor, "norms": norms.editor,
           "budgets": budgets.editor, "limits": limits.editor, "sites": sites.editor,
           "rules": rules.editor,
           "settings": settings.editor}


def main() -> None:
    chosen = plan.open_scenario("inputs.title", "inputs.caption")
    if chosen is None:
        return
    opened = version.opened(chosen)
    if opened is None:
        return
    base, saved = opened
    locked = not can(plan.actor(), Action.EDIT, chosen)
    version.notices(chosen, base, saved, locked)
    prefix = version.editor_key(chosen.id, base)
    shown = tabs.editor_tabs(prefix)
    edited = saved
    for tab in EDITORS:
        with shown[tab]:
            edited = EDITORS[tab](edited, f"{prefix}_{tab}", locked)
    problems = edited.problems(ui.catalogue())
    tabs.show_problems(shown, prefix, plan_views.problem_lines(problems, ui.lang(),
                                                               ui.catalogue()))
    st.divider()
    save_bar(chosen, base, saved, edited, problems, locked)
    files(chosen, base, saved, locked)


main()
