"""The municipalities' answers to a version they could see (published or later)."""

from __future__ import annotations

from pages import _lifecycle as lifecycle
from pages import _plan as plan
from pages import _shared as ui
from planning.domain.roles import Action, can
from planning.store import review
from planning.store.tables import Scenario


def section(chosen: Scenario, version) -> None:
    if version.status == "draft" or not can(plan.actor(), Action.VIEW_DETAIL, chosen):
        return
    with ui.db_session() as session:
        summary = review.response_summary(session=session, actor=plan.actor(),
                                          scenario_id=chosen.id, number=version.number,
                                          lang=ui.lang())
    lifecycle.responses(summary, key="results_responses")
