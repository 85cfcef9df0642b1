"""``di-plan solve --years 2026-2030``: the plan over the years of a horizon, as lines in the
command line's language (what opens each year, who has moved out, which branches close) or
as JSON tables."""

from __future__ import annotations

import json
import re
from typing import Any

import click
import pandas as pd

from optimizer.phasing import PhasedPlan
from planning import i18n
from planning.cli.lang import tr
from planning.domain import priorities
from planning.domain.catalogue import load_catalogue
from planning.domain.horizon import Horizon

YEARS = re.compile(r"^\s*(\d{4})\s*[-–]\s*(\d{4})\s*$")
CLOSURE = re.compile(r"^\s*([^=\s]+)\s*=\s*(\d{4})\s*$")


def horizon_from_options(years: str, closures: tuple[str, ...], shares: str | None
                         ) -> Horizon:
    """``--years``, ``--closure`` (repeated) and ``--year-shares`` as a horizon; a malformed
    value is refused naming the option and the form it takes."""
    found = YEARS.match(years)
    if not found:
        raise click.BadParameter(tr("cli.solve.bad_years", value=years), param_hint="--years")
    fixed = {}
    for given in closures:
        closure = CLOSURE.match(given)
        if not closure:
            raise click.BadParameter(tr("cli.solve.bad_closure", value=given),
                                     param_hint="--closure")
        fixed[closure.group(1)] = int(closure.group(2))
    return Horizon(int(found.group(1)), int(found.group(2)),
                   budget_shares=_shares(shares), closure_years=fixed)


def _shares(value: str | None) -> tuple[float, ...]:
    if value is None:
        return ()
    try:
        return tuple(float(part) for part in value.split(","))
    except ValueError:
        raise click.BadParameter(tr("cli.solve.bad_shares", value=value),
                                 param_hint="--year-shares") from None


def phasing_dict(plan: PhasedPlan) -> dict[str, Any]:
    """The phased plan's tables as JSON-ready records (a year that is not reached as null)."""
    def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
        return json.loads(frame.to_json(orient="records"))
    return {"status": plan.status, "projects": records(plan.projects),
            "years": records(plan.years), "branches": records(plan.branches)}


def phasing_lines(plan: PhasedPlan, horizon: Horizon, lang: str) -> list[str]:
    """Each year's openings, investment and leavers moved; what opens after the horizon;
    the branches the plan's persons name, closing or staying open and why."""
    lines = [i18n.t("cli.phasing.title", lang, first=horizon.first_year,
                    last=horizon.last_year)]
    years = plan.years.groupby("year")[["investment_eur", "places_opening",
                                        "leavers_moved"]].sum()
    projects = plan.projects
    for year, row in years.iterrows():
        opening = projects[projects["open_year"].eq(year).fillna(False)]
        lines.append("  " + i18n.t(
            "cli.phasing.year", lang, year=year,
            facilities=i18n.tn("cli.phasing.facilities", len(opening), lang),
            places=i18n.tn("cli.evaluate.places", row["places_opening"], lang),
            investment=i18n.fmt_eur(row["investment_eur"], lang),
            leavers=i18n.fmt_int(row["leavers_moved"], lang)))
    late = projects[projects["open_year"].isna()]
    if len(late):
        services = load_catalogue().services
        names = ", ".join(sorted({services[s].name(lang) for s in late["service"]}))
        lines.append("  " + i18n.t(
            "cli.phasing.late", lang, last=horizon.last_year,
            facilities=i18n.tn("cli.phasing.facilities", len(late), lang),
            places=i18n.tn("cli.evaluate.places", late["places"].sum(), lang),
            services=names))
    lines.extend("  " + line for line in branch_lines(plan, lang))
    return lines


def branch_lines(plan: PhasedPlan, lang: str) -> list[str]:
    names = priorities.institutions()
    named = plan.branches[plan.branches["placed_in_plan"] > 0]
    lines = []
    for row in named.itertuples(index=False):
        name = names.get(row.branch, (row.branch, ""))[0]
        if row.reason:
            reason = i18n.t(f"phasing.reason.{row.reason}", lang,
                            placed=i18n.fmt_int(row.placed_in_plan, lang),
                            residents=i18n.fmt_int(row.residents, lang))
            lines.append(i18n.t("cli.phasing.stays", lang, branch=name, reason=reason))
        else:
            lines.append(i18n.t("cli.phasing.closes", lang, branch=name,
                                year=int(row.closure_year)))
    unnamed = len(plan.branches) - len(named)
    if unnamed:
        lines.append(i18n.tn("phasing.unnamed", unnamed, lang))
    return lines
