"""Evaluate a plan that already exists: enter or upload it, then see it beside the optimizer.

Thin: the sections are drawn by ``pages._evaluate``. The plan is imported by
``planning.io.imports`` (kind ``plan``), saved as a new version by
``planning.store.scenario.save_inputs`` (which checks the right to edit), evaluated by
``planning.domain.evaluation.evaluate_given`` and drawn from ``planning.views.
evaluation_tables``. The evaluation is kept per scenario version for the session.
"""

from __future__ import annotations

from pages import _plan as plan
from pages import _shared as ui
from pages._evaluate import editor, evaluation, given, run, upload
from planning.domain.roles import Action, can
from planning.store import scenario


def main() -> None:
    chosen = plan.open_scenario("eval.title", "eval.caption")
    if chosen is None:
        return
    with ui.guard() as attempt:
        with ui.db_session() as session:
            saved = scenario.load_inputs(session=session, actor=plan.actor(),
                                         scenario_id=chosen.id)
    if attempt.failed:
        return
    locked = not can(plan.actor(), Action.EDIT, chosen)
    given.heading(saved, locked)
    given.template_buttons(saved)
    if not locked:
        upload.section(chosen, saved)
    editor.section(chosen, saved, locked)
    done = run.section(saved, (chosen.id, chosen.current_version))
    if done is not None:
        evaluation.section(done, saved)


main()
