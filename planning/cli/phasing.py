"""``di-plan solve --years 2026-2030``: the plan over the years of a horizon, as lines in the
command line's language (what opens each year, who has moved out, which branches close,
what the municipalities take over when project funding of the running cost ends) or as JSON
tables."""

from __future__ import annotations

import json
import re
from typing import Any

import click
import pandas as pd

from optimizer.phasing import PhasedPlan
from planning import i18n
from planning.cli.lang import tr
from planning.domain import funding, geo, priorities
from planning.domain.catalogue import load_catalogue
from planning.domain.horizon import Horizon

YEARS = re.compile(r"^\s*(\d{4})\s*[-–]\s*(\d{4})\s*$")
CLOSURE = re.compile(r"^\s*([^=\s]+)\s*=\s*(\d{4})\s*$")


def horizon_from_options(years: str, closures: tuple[str, ...], shares: str | None,
                         funded_share: float | None = None, funded_until: int | None = None
                         ) -> Horizon:
    """``--years``, ``--closure`` (repeated), ``--year-shares``, ``--funded-share`` and
    ``--funded-until`` as a horizon; a malformed value is refused naming the option and the
    form it takes (a share or year the horizon cannot use, when the plan is phased)."""
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
                   budget_shares=_shares(shares), closure_years=fixed,
                   running_funded_share=funded_share, running_funded_until=funded_until)


def _shares(value: str | None) -> tuple[float, ...]:
    if value is None:
        return ()
    try:
        return tuple(float(part) for part in value.split(","))
    except ValueError:
        raise click.BadParameter(tr("cli.solve.bad_shares", value=value),
                                 param_hint="--year-shares") from None


def phasing_dict(plan: PhasedPlan, horizon: Horizon | None = None) -> dict[str, Any]:
    """The phased plan's tables as JSON-ready records (a year that is not reached as null);
    with ``horizon``, each year's running cost by payer and each municipality's takeover
    (``funding_years``, ``funding_cliff``)."""
    def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
        return json.loads(frame.to_json(orient="records"))
    out = {"status": plan.status, "projects": records(plan.projects),
           "years": records(plan.years), "branches": records(plan.branches)}
    if horizon is not None:
        out["funding_years"] = records(funding.year_costs(plan.projects, horizon))
        out["funding_cliff"] = records(funding.takeovers(plan.projects, horizon))
    return out


def phasing_lines(plan: PhasedPlan, horizon: Horizon, lang: str,
                  division: str = geo.DEFAULT_DIVISION) -> list[str]:
    """Each year's openings, investment and leavers moved; what opens after the horizon;
    the branches the plan's persons name, closing or staying open and why; what the
    municipalities (of ``division``) take over when project funding ends."""
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
    lines.extend("  " + line for line in funding_lines(plan, horizon, lang, division))
    return lines


def funding_lines(plan: PhasedPlan, horizon: Horizon, lang: str,
                  division: str = geo.DEFAULT_DIVISION) -> list[str]:
    """With project funding of the running cost: what the municipalities take over when it
    ends and from which year, each municipality with its amount; none without funding."""
    if not funding.funded(horizon):
        return []
    table = funding.takeovers(plan.projects, horizon)
    table = table[table["takeover_eur_per_year"] > 0]
    values = {"share": i18n.fmt_pct(horizon.running_funded_share, lang),
              "until": horizon.running_funded_until}
    if table.empty:
        return [i18n.t("cli.phasing.no_cliff", lang, **values)]
    eur = i18n.fmt_eur(table["takeover_eur_per_year"].sum(), lang)
    year = funding.cliff_in_horizon(horizon, table)
    if year is None:
        return [i18n.t("cli.phasing.cliff_after", lang, eur=eur, **values)]
    munis = geo.municipalities(division)
    names = dict(zip(munis["atvk_code"], munis["name_en" if lang == "en" else "name_lv"],
                     strict=True))
    listed = ", ".join(f"{names.get(m, m)} {i18n.fmt_eur(v, lang)}" for m, v in
                       zip(table["municipality"], table["takeover_eur_per_year"], strict=True))
    return [i18n.t("cli.phasing.cliff", lang, year=year, eur=eur, municipalities=listed,
                   **values)]


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
