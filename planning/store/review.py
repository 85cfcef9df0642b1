"""What a reviewer decides on, and what a group must know before it submits.

- :func:`submission_check`: before the group submits, whether the consultation still runs
  and how the version differs from the consulted one (``planning.store.lifecycle.submit``
  enforces both; this lets the page say so first).
- :func:`response_summary`: the municipalities' confirmations and disputes of a version,
  with every allocation still waiting for an answer (for the group and the ministry).
- :func:`review_dossier`: the ministry's review of a submitted plan: key figures, what
  changed since the consultation and since the previous submission, the consultation
  record, the municipalities' answers, and the stored result for the PDF.

Permission checks happen in the functions called here, so a dossier holds only what its
actor may read.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

import pandas as pd
from sqlmodel import Session

from planning import i18n
from planning.domain import results
from planning.domain.errors import NotFoundError
from planning.domain.roles import Actor
from planning.store import consultation, lifecycle, published
from planning.store.consultation import ConsultationReport
from planning.store.scenario import (
    LOCAL_TZ,
    VersionDiff,
    diff_versions,
    list_versions,
    newest_result,
    scenario_row,
    version_row,
)
from planning.store.tables import Response, Status

RESPONSE_COLUMNS = ["atvk_code", "municipality", "service_id", "service", "new_places",
                    "response", "comment", "answered_at"]


@dataclass(frozen=True)
class SubmissionCheck:
    """``pending``: the consultation runs (or is to come) until ``end``; ``gap``: changes
    from the consulted version ``consulted`` to the current one (None when it is the
    consulted one); ``computed``: the version has an optimizer result (it is not submitted
    without one)."""

    number: int
    consulted: int | None
    pending: bool
    end: date | None
    gap: VersionDiff | None
    computed: bool

    @property
    def changed(self) -> bool:
        return self.gap is not None and not self.gap.unchanged


def submission_check(*, session: Session, actor: Actor, scenario_id: int,
                     today: date | None = None) -> SubmissionCheck:
    scenario = scenario_row(session, scenario_id)
    number = scenario.current_version
    return SubmissionCheck(
        number=number, consulted=scenario.published_version,
        pending=lifecycle.consultation_pending(scenario, today), end=scenario.consultation_end,
        gap=lifecycle.unconsulted_changes(session=session, actor=actor,
                                          scenario_id=scenario_id, number=number),
        computed=newest_result(session, version_row(session, scenario, number)) is not None)


@dataclass(frozen=True)
class ResponseSummary:
    """One row per allocation (and per dispute of a service given no places): ``response``
    is confirmed, disputed or None (waiting)."""

    frame: pd.DataFrame

    def count(self, status: str | None) -> int:
        if status is None:
            return int(self.frame["response"].isna().sum())
        return int((self.frame["response"] == status).sum())

    @property
    def waiting(self) -> int:
        return self.count(None)

    @property
    def disputed(self) -> int:
        return self.count(Response.DISPUTED.value)

    @property
    def confirmed(self) -> int:
        return self.count(Response.CONFIRMED.value)


def response_summary(*, session: Session, actor: Actor, scenario_id: int, number: int,
                     lang: str = i18n.DEFAULT_LANG) -> ResponseSummary:
    """Every allocation of version ``number`` with the municipality's answer, disputes of
    places not given, oldest answers last; times in Riga time."""
    table = published.allocations(session=session, actor=actor, scenario_id=scenario_id,
                                  number=number, lang=lang)
    answers = consultation.allocation_responses(session=session, actor=actor,
                                                scenario_id=scenario_id, number=number)
    by_key = {(a.atvk_code, a.service): a for a in answers}
    rows = []
    if table is not None:
        for r in table.itertuples():
            a = by_key.pop((r.atvk_code, r.service_id), None)
            rows.append(_row(r.atvk_code, r.municipality, r.service_id, r.service,
                             r.new_places, a, lang))
    names = published.service_names(lang)
    for (code, service), a in by_key.items():  # disputes of services given no places
        rows.append(_row(code, published.municipality_name(code, lang), service,
                         names.get(service, service), 0, a, lang))
    frame = pd.DataFrame(rows, columns=RESPONSE_COLUMNS)
    order = frame["response"].map({"disputed": 0, "confirmed": 2}).fillna(1)
    frame = frame.assign(_o=order).sort_values(["_o", "municipality", "service"])
    return ResponseSummary(frame.drop(columns="_o").reset_index(drop=True))


def _row(code, municipality, service_id, service, places, answer, lang: str) -> dict:
    return {"atvk_code": code, "municipality": municipality, "service_id": service_id,
            "service": service, "new_places": places,
            "response": answer.status if answer else None,
            "comment": answer.comment if answer else "",
            "answered_at": local_time(answer.updated_at, lang) if answer else ""}


def local_time(moment: datetime, lang: str = i18n.DEFAULT_LANG) -> str:
    """A stored (UTC) moment in Riga time, in local format: '25.11.2026. 14:05'."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    local = moment.astimezone(LOCAL_TZ)
    return f"{i18n.fmt_date(local.date(), lang)} {local:%H:%M}"


@dataclass(frozen=True)
class ReviewDossier:
    """The ministry's review of the submitted version ``plan.version``."""

    plan: published.PlanView
    figures: dict[str, float | None]
    result: results.ScenarioResult | None
    consulted: int | None
    since_consultation: VersionDiff | None
    previous: int | None
    since_previous: VersionDiff | None
    consultation: ConsultationReport | None
    responses: ResponseSummary  # to the consulted version: the one municipalities saw


def key_figures(result: results.ScenarioResult | None) -> dict[str, float | None]:
    """Persons in need, served, unmet, coverage, new places and facilities, investment
    against the budget (None without a result)."""
    keys = ("need_clients", "served_clients", "unmet_clients", "coverage", "new_places",
            "new_facilities", "investment_eur", "investment_budget_eur", "budget_used",
            "running_eur_per_year")
    if result is None:
        return dict.fromkeys(keys)
    totals = result.solution.totals
    budget = float(result.solution.regions["investment_budget_eur"].fillna(0).sum())
    need = totals.get("need_clients") or 0
    return {
        "need_clients": need, "served_clients": totals.get("served_clients"),
        "unmet_clients": totals.get("unmet_clients"),
        "coverage": (totals["served_clients"] / need) if need else None,
        "new_places": totals.get("new_places"), "new_facilities": totals.get("new_facilities"),
        "investment_eur": totals.get("investment_eur"), "investment_budget_eur": budget or None,
        "budget_used": (totals["investment_eur"] / budget) if budget else None,
        "running_eur_per_year": totals.get("running_eur_per_year"),
    }


def previous_submission(*, session: Session, actor: Actor, scenario_id: int,
                        number: int) -> int | None:
    """The newest version before ``number`` that was submitted (returned or approved)."""
    for v in list_versions(session=session, actor=actor, scenario_id=scenario_id):
        if v.number < number and v.status in (Status.RETURNED, Status.APPROVED):
            return v.number
    return None


def review_dossier(*, session: Session, actor: Actor, plan: published.PlanView,
                   lang: str = i18n.DEFAULT_LANG) -> ReviewDossier:
    scenario = scenario_row(session, plan.scenario_id)
    result = published.version_result(session=session, actor=actor,
                                      scenario_id=plan.scenario_id, number=plan.version)
    gap = lifecycle.unconsulted_changes(session=session, actor=actor,
                                        scenario_id=plan.scenario_id, number=plan.version)
    previous = previous_submission(session=session, actor=actor,
                                   scenario_id=plan.scenario_id, number=plan.version)
    since_previous = None if previous is None else diff_versions(
        session=session, actor=actor, scenario_id=plan.scenario_id, a=previous, b=plan.version)
    try:
        record = consultation.consultation_report(session=session, actor=actor,
                                                  scenario_id=plan.scenario_id)
    except NotFoundError:
        record = None
    return ReviewDossier(
        plan=plan, figures=key_figures(result), result=result,
        consulted=scenario.published_version, since_consultation=gap, previous=previous,
        since_previous=since_previous, consultation=record,
        responses=response_summary(session=session, actor=actor,
                                   scenario_id=plan.scenario_id,
                                   number=scenario.published_version or plan.version,
                                   lang=lang))
